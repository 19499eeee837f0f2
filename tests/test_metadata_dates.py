"""Publication date rules on small hand-written pages, one kind of markup each."""
from __future__ import annotations

import lxml.html
import pytest

from crawler.metadata import extract_metadata
from crawler.metadata.dates import normalise


def page(head: str = "", body: str = "", lang: str = "en") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html lang='{lang}'><head>{head}</head><body>{body}</body></html>")


def meta(tree, url="https://example.com/news/story"):
    return extract_metadata(tree, url)


def ld(published: str) -> str:
    return ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"Headline here",'
            f'"datePublished":"{published}"}}</script>')


TEXT = "<p>" + "Body text of the story, long enough to be the article. " * 20 + "</p>"


# --- month names htmldate does not read -----------------------------------------------------------

@pytest.mark.parametrize("raw, iso", [
    ("3 de mayo de 2022", "2022-05-03"),
    ("04 de mayo 2022", "2022-05-04"),
    ("17 de março de 2021", "2021-03-17"),
    ("14 Gennaio 2020", "2020-01-14"),
    ("12 maart 2021", "2021-03-12"),
    ("15 августа 2016", "2016-08-15"),
    ("2 lutego 2020", "2020-02-02"),
    ("5. huhtikuuta 2019", "2019-04-05"),
    ("31 de febrero de 2022", None),
    ("3 de bananas de 2022", None),
])
def test_month_names_in_more_languages(raw, iso):
    assert normalise(raw) == iso


def test_spanish_byline_date_beats_disagreeing_json_ld():
    body = ("<article><h1>Headline here</h1><div class='author_data'><span class='who'>Ana Pérez</span>"
            "<span class='publishedAt'>04 de mayo 2022, 12:00 A. M.</span></div>" + TEXT + "</article>")
    m = meta(page(ld("2022-05-03 13:32:45"), body, "es"))
    assert m.date_published == "2022-05-04"
    assert m.date_source == {"date_published": "dateline"}


def test_russian_dateline_above_the_headline():
    body = ("<article class='author-article'><p class='rubric'>Германия</p>"
            "<p class='date'>15 августа 2016, 13:43</p><h1>Подольски завершил карьеру</h1>" + TEXT + "</article>")
    m = meta(page("", body, "ru"))
    assert m.date_published == "2016-08-15"


def test_date_written_with_non_breaking_spaces():
    body = "<h1>Eight products awarded</h1><p>Hofheim | Wiesbaden, May\u00a03,\u00a02021\u00a0</p>" + TEXT
    m = meta(page("", body))
    assert m.date_published == "2021-05-03"
    assert m.date_source == {"date_published": "text"}


# --- the theme's date: today's, not the article's ------------------------------------------------

def test_masthead_date_drawn_with_divs_is_not_the_dateline():
    body = ("<div class='masthead-header'><div class='logo'>Site</div>"
            "<div class='mhh-date-container'>Miércoles 4 de Mayo de 2022</div></div>"
            "<section><header class='article-header-wrapper'><h1>Headline here</h1>"
            "<div class='byline'><div class='byline-datetime'>3 de Mayo de 2022</div></div></header>"
            + TEXT + "</section>")
    m = meta(page(ld("2022-05-03T20:51:06+00:00"), body, "es"))
    assert m.date_published == "2022-05-03T20:51:06+00:00"


def test_clock_element_named_uhr_is_not_the_date():
    body = ("<div class='top'><span id='uhr'>Donnerstag, 16. Februar 2012</span></div>"
            "<div class='main'><div class='boxHeader'><span>14. Februar 2012</span></div>"
            "<h2>Verfassungsgericht: Prozess geht weiter</h2>" + TEXT + "</div>")
    m = meta(page("", body, "de"))
    assert m.date_published == "2012-02-14"
