"""The record's language is the article text's: a theme that declares "en" around a German story
does not make it English; a page that declares nothing gets the text's language; a declared
language stays when the text is short or the model unsure."""
from __future__ import annotations

from crawler import extract_article
from crawler.extraction.textlanguage import article_language

GERMAN = ("Die Familie erzählt von vierzig Tagen in Quarantäne in einer kleinen Wohnung am Stadtrand. "
          "Die Kinder lernten zu Hause, die Eltern arbeiteten abwechselnd am Küchentisch. ") * 4
SPANISH = ("El puerto reabrió el lunes tras tres días de temporal, y los primeros pesqueros salieron al mar "
           "antes del amanecer, según informó la capitanía. Los comerciantes del mercado esperan recuperar "
           "las ventas perdidas durante el fin de semana, aunque el precio del pescado sigue siendo alto. "
           "La alcaldesa anunció ayudas para las familias afectadas por las inundaciones del barrio bajo, "
           "que podrán solicitarse desde la próxima semana en el ayuntamiento.")
ENGLISH = ("The ferry between the two harbour towns will run every forty minutes from May, the operator "
           "said on Tuesday after the council approved a new landing stage. ") * 4


def _page(lang: str | None, text: str, boilerplate: str = "") -> str:
    attribute = f' lang="{lang}"' if lang else ""
    return (f"<html{attribute}><head><title>Story</title></head><body><article><h1>Story</h1>"
            f"{boilerplate}<p>{text}</p></article></body></html>")


def test_a_themes_declared_language_gives_way_to_the_texts() -> None:
    assert extract_article(_page("en", GERMAN), url="https://news.example/a").language == "de"
    assert extract_article(_page("en", SPANISH), url="https://news.example/b").language == "es"


def test_a_page_without_a_declared_language_gets_the_texts() -> None:
    assert extract_article(_page(None, GERMAN), url="https://news.example/c").language == "de"


def test_the_declared_language_stays_when_it_is_the_texts() -> None:
    assert extract_article(_page("de", GERMAN), url="https://news.example/d").language == "de"


def test_the_sentences_decide_not_the_labels_around_them() -> None:
    labels = "<p>Home</p><p>Contact us</p><p>Have any questions?</p><p>Share</p>"
    assert extract_article(_page("de", GERMAN, labels), url="https://news.example/e").language == "de"


def test_a_short_text_keeps_its_declared_language() -> None:
    assert article_language("de", "The ferry runs every forty minutes.") == "de"
    assert article_language("en", "") == "en"
    assert article_language(None, ENGLISH) == "en"


NORWEGIAN = ("Kommunen stenger veien over fjellet i tre uker mens mannskapene rydder steinraset som gikk natt til "
             "søndag. Ingen ble skadet, men flere hytteeiere må kjøre en omvei på over en time for å komme hjem. ") * 4


def test_a_declared_variant_stays_when_the_model_reads_its_macrolanguage() -> None:
    """The model reads Bokmål as "no"; the page's "nb" is the precise code of the same language."""
    assert extract_article(_page("nb", NORWEGIAN), url="https://news.example/f").language == "nb"
    assert extract_article(_page("en", NORWEGIAN), url="https://news.example/g").language == "no"
