"""What a large publisher's page sets around a story, in the languages news is published in: calls to
follow the site on Google News or a messenger channel, an author's card titled by the author's name,
"the article continues after the ad" labels, a paywall's offer box, a top bar with today's date, and
the site's name with an article word the host leaves out."""
from __future__ import annotations

import pytest

from crawler import extract_article

PARAGRAPHS = [
    "The river authority will close the old ferry landing for eight weeks from Monday while divers replace the piles under the pontoon.",
    "Commuters will be sent to the bridge two kilometres upstream, where the council has added a shuttle bus every twenty minutes during the rush hour.",
    "The authority said the work could not wait for the winter because the current piles had lost a third of their strength since the last survey.",
    "Shop owners near the landing asked for a discount on their rates for the weeks of the closure, which the council will discuss at its next meeting.",
]


def _page(after: str = "", between: str = "", top: str = "", meta: str = "", title: str = "Ferry landing closes") -> bytes:
    body = "".join(f"<p>{text}</p>" + (between if index == 1 else "") for index, text in enumerate(PARAGRAPHS))
    return (
        f"<html><head><title>{title}</title>{meta}</head><body>{top}"
        '<header><nav><a href="/">Home</a> <a href="/region/">Region</a></nav></header>'
        f'<main><article><h1>Ferry landing closes</h1><div class="nota">{body}</div>{after}'
        "</article></main></body></html>"
    ).encode("utf-8")


def _article(html: bytes, url: str = "https://news.example/region/ferry-landing"):
    return extract_article(html, url)


@pytest.mark.parametrize("call", [
    "Sigue a El Diario del Río en Google News para no perderte ninguna noticia",
    "Suivez-nous sur Google Actualités pour ne rien manquer de l'actualité",
    "Rejoignez la chaîne WhatsApp du Journal du Fleuve",
    "Obserwuj Gazetę Rzeczną w Wiadomościach Google",
    "Dołącz do kanału Gazety Rzecznej na WhatsAppie i bądź na bieżąco",
    "Sledujte Říční listy na Google News",
    "Přidejte se k nám na Telegramu a WhatsAppu",
    "Siga a Folha do Rio no Google Notícias",
    "Volg De Rivierbode ook op WhatsApp en Google Nieuws",
    "Gabung ke channel Telegram Warta Sungai untuk update berita setiap hari",
    "Flussbote bei Google News folgen",
])
def test_a_closing_call_to_follow_the_site_goes(call: str) -> None:
    text = _article(_page(after=f"<div class='siguenos'><p>{call}</p><p>Únete a nuestro canal de WhatsApp</p></div>")).text
    assert call not in text and all(paragraph in text for paragraph in PARAGRAPHS)


def test_a_story_that_ends_on_a_messenger_stays() -> None:
    last = ("Residents who want to follow the works can join a WhatsApp group that the authority set up last week, "
            "and the council will post the shuttle timetable at the landing and on its website before Monday.")
    html = _page().replace(b"</div></article>", f"<p>{last}</p></div></article>".encode())
    text = _article(html).text
    assert last in text


def test_author_cards_titled_by_the_authors_names_go() -> None:
    cards = ("<div class='autor-caja'><img src='/a.jpg' alt=''><h4>Karla Mendoza Ríos</h4><p>Reportera de la sección "
             "Ciudad. Escribe sobre servicios públicos y movilidad.</p><a href='https://x.com/km'>@karlamendoza</a></div>"
             "<div class='autor-caja'><img src='/b.jpg' alt=''><h4>Tomás Ruiz</h4><p>Editor de datos. Escribe sobre "
             "presupuestos y obras públicas.</p></div>")
    meta = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry landing closes", '
            '"author": [{"@type": "Person", "name": "Karla Mendoza Ríos"}, {"@type": "Person", "name": "Tomás Ruiz"}]}</script>')
    article = _article(_page(after=cards, meta=meta))
    assert article.authors == ["Karla Mendoza Ríos", "Tomás Ruiz"]
    assert "Escribe sobre" not in article.text and "Karla Mendoza Ríos" not in article.text
    assert all(paragraph in article.text for paragraph in PARAGRAPHS)


@pytest.mark.parametrize("label", [
    "Artikel wird nach der Anzeige fortgesetzt", "Pokračování článku pod reklamou",
    "Scroll untuk melanjutkan membaca", "Story continues below advertisement",
    "Dalsza część artykułu pod reklamą", "La noticia continúa tras la publicidad",
])
def test_an_ad_breaks_continue_label_goes(label: str) -> None:
    text = _article(_page(between=f"<div class='box-r'><span>{label}</span></div>")).text
    assert label not in text and all(paragraph in text for paragraph in PARAGRAPHS)


def test_a_paywall_offer_box_goes() -> None:
    box = ("<div class='paywall-hinweis'><p class='pw-titel'>Ihnen gefällt unser Lokaljournalismus?</p>"
           "<p>Lesen Sie alle Artikel aus Ihrer Region mit dem Flussboten Plus.</p><a href='/abo/'>Jetzt testen</a></div>")
    text = _article(_page(after=box)).text
    assert "Lokaljournalismus" not in text and "Flussboten Plus" not in text


@pytest.mark.parametrize("offer", [
    "Testen Sie den Flussboten jetzt 4 Wochen für 0,99 € und lesen Sie alle Artikel aus Ihrer Region.",
    "Read every story from the river towns: 3 months for $1, then $9.99 a month.",
])
def test_a_trial_offer_line_goes(offer: str) -> None:
    text = _article(_page(between=f"<p>{offer}</p>")).text
    assert offer not in text and all(paragraph in text for paragraph in PARAGRAPHS)


def test_the_top_bars_date_loses_to_the_articles_own_date_line() -> None:
    top = "<div class='horni-lista'><span class='datum'>Neděle 28. dubna 2024</span><span>Svátek má Vlastislav</span></div>"
    html = _page(top=top).replace(b"<h1>Ferry landing closes</h1>",
                                  b"<h1>Ferry landing closes</h1><div class='info'><span class='datum-clanku'>26. dubna 2024 8:15</span></div>")
    assert _article(html).date_published.startswith("2024-04-26")


def test_a_date_of_the_day_is_the_themes_clock() -> None:
    top = "<div class='bandeau'><span class='date-du-jour'>Vendredi 7 juin 2024</span></div>"
    meta = '<meta property="article:published_time" content="2024-06-03T17:42:00+02:00">'
    assert _article(_page(top=top, meta=meta)).date_published.startswith("2024-06-03")


def test_a_date_in_an_element_named_for_the_time_in_dutch_is_the_dateline() -> None:
    html = _page(top="<div class='bovenbalk'><span class='datum'>vrijdag 12 april 2024</span></div>").replace(b"<h1>Ferry landing closes</h1>",
                           b"<h1>Ferry landing closes</h1><div class='artikel-meta'><span class='tijd'>10 apr. 2024, 14:05</span></div>")
    assert _article(html).date_published.startswith("2024-04-10")


def test_a_site_name_with_an_article_word_the_host_leaves_out() -> None:
    article = _article(_page(title="Ferry landing closes | De Rivierbode"), "https://www.rivierbode.nl/regio/veer")
    assert article.sitename == "De Rivierbode" and article.title == "Ferry landing closes"


def test_a_published_label_before_a_month_name_beats_a_top_strips_date() -> None:
    top = "<div class='mc-topstrip'><span class='mc-topstrip_date'>Thu, 25 Jan 2024</span> <a href='/epaper'>E-Paper</a></div>"
    html = _page(top=top).replace(
        b"<h1>Ferry landing closes</h1>",
        "<h1>Ferry landing closes</h1><div class='mc-storyDt'><span>Published: January 18, 2024 09:30 IST</span> | "
        "<span>Updated: January 18, 2024 11:02 IST</span></div>".encode())
    assert _article(html).date_published.startswith("2024-01-18")
