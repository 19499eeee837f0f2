"""Publication date rules on small hand-written pages, one kind of markup each."""
from __future__ import annotations

import lxml.html
import pytest

from crawler.extraction.metadata import extract_metadata
from crawler.extraction.metadata.dates.parsing import normalise


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
    ("7 août 2025", "2025-08-07"),
    ("1er août 2025", "2025-08-01"),
    ("24 décembre 2024", "2024-12-24"),
    ("12 juillet 2025", "2025-07-12"),
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


def test_a_top_bar_date_in_the_pages_wrapper_is_not_the_dateline():
    # the wrapper that holds the article also holds the theme's top bar: the bar is no part of the article
    body = ("<div class='layout-container'><div class='region region-top-bar'><div id='block-datum' class='block'>"
            "<div class='field'>pátek 6. září 2024</div></div></div><header role='banner'><a href='/'>Deník</a></header>"
            "<main><article><h1>Headline here</h1>" + TEXT + "</article></main></div>")
    m = meta(page(ld("2024-09-03T14:20:00+02:00"), body, "cs"))
    assert m.date_published == "2024-09-03T14:20:00+02:00"


@pytest.mark.parametrize("today", ["Dnes je pátek 6. září 2024", "Dziś jest piątek, 6 września 2024",
                                   "Hoy es viernes 6 de septiembre de 2024", "Сегодня: 6 сентября 2024"])
def test_a_date_labelled_today_is_not_the_dateline(today: str) -> None:
    body = (f"<div class='datum-box'>{today}</div><article><h1>Headline here</h1>" + TEXT + "</article>")
    m = meta(page(ld("2024-09-03T14:20:00+02:00"), body))
    assert m.date_published == "2024-09-03T14:20:00+02:00"


def test_a_dates_line_with_the_publication_first_and_the_update_after_it_gives_the_local_day():
    # the markup's UTC midnight is the evening before in the reader's time zone, which the line shows
    body = ("<article><h1>Headline here</h1><div class='story__dates'>Published Nov 05, 2024 • 6:10 p.m. CST • "
            "Last updated Nov 06, 2024 • 9:42 a.m. CST</div>" + TEXT + "</article>")
    m = meta(page(ld("2024-11-06T00:10:00+00:00"), body))
    assert m.date_published[:10] == "2024-11-05"


def test_clock_element_named_uhr_is_not_the_date():
    body = ("<div class='top'><span id='uhr'>Donnerstag, 16. Februar 2012</span></div>"
            "<div class='main'><div class='boxHeader'><span>14. Februar 2012</span></div>"
            "<h2>Verfassungsgericht: Prozess geht weiter</h2>" + TEXT + "</div>")
    m = meta(page("", body, "de"))
    assert m.date_published == "2012-02-14"


# --- a date in the byline block without a date class ---------------------------------------------

def test_date_column_beside_the_author_beats_disagreeing_json_ld():
    body = ("<article><h1>Headline here</h1><div class='row'>"
            "<div class='col-2 author'><strong><a href='/autor/ch'>Christoph Hein</a></strong><br>Chefredakteur</div>"
            "<div class='col-9'><span class='icon-book'></span> ca. 8 Min.<br>"
            "<span class='icon-calendar'></span> 12.01.2022</div></div>" + TEXT + "</article>")
    m = meta(page(ld("2021-11-29T14:13:37+00:00"), body, "de"))
    assert m.date_published == "2022-01-12"
    assert m.date_source == {"date_published": "byline"}


def test_date_after_the_author_in_a_profile_link():
    body = ("<h1>Tomaten richtig schneiden</h1><div class='userbox'><a href='/user/marianne1' class='plain'>"
            "<span class='user-profile-name-sub'>von <span><b>Marianne1</b></span><br> am 20.09.2020</span></a></div>"
            + TEXT)
    m = meta(page("<meta property='article:published_time' content='2020-09-22'>", body, "de"))
    assert m.date_published == "2020-09-20"


def test_date_in_separated_byline_line():
    body = ("<div class='main'><span class='-meta'><a href='/'>Accueil</a> | Par <span class='vcard author'>"
            "<a href='/auteur/lc'>Loïc Le Clerc</a></span> | 30 septembre 2018</span><h1>Headline here</h1>"
            + TEXT + "</div>")
    m = meta(page(ld("2018-09-11"), body, "fr"))
    assert m.date_published == "2018-09-30"


def test_author_date_in_another_story_card_is_not_the_byline_date():
    body = ("<h1>Messe abgesagt</h1>" + TEXT + "<ul class='t-articles'><li><a href='/reise-norwegen'>"
            "<span class='title'>Reise Norwegen: Orcas und Buckelwale auf Jagd</span>"
            "<span class='t-ca-author'>09.10.2021</span></a></li></ul>")
    m = meta(page(ld("2022-01-24"), body, "de"))
    assert m.date_published == "2022-01-24"


def test_parenthesised_date_line_after_the_byline_when_no_heading_shows_the_title():
    body = ("<div class='segment'><div class='itc-headline'>Entlastungen auf einen Blick</div>"
            "<h6>Entlastungen auf einen Blick</h6><h5><em>Von Leonora Holling</em></h5>"
            "<p>(21. November 2022) Energieverbraucher erhalten eine Preiserhöhung nach der nächsten.</p>"
            + TEXT + "</div>")
    m = meta(page("<title>Gaspreise</title><meta name='date' content='2022-11-29'>", body, "de"))
    assert m.date_published == "2022-11-21"
    assert m.date_source == {"date_published": "dateline"}


def test_forum_thread_date_is_the_opening_post_right_after_the_headline():
    post = ("<div class='Comment' id='CommentFirst'><div class='CommentInfo'><span class='CommentName'>macbacchi</span>"
            "<span class='CommentTime' title='Zeit der Erstellung'><span>{d}</span><span>12:44</span></span></div>"
            "<div class='CommentText'>" + "Hallo, hat jemand eine Idee, was ich anders machen könnte? " * 3
            + "</div></div>")
    body = ("<main><h2 class='Title'>Kein App Store über mobile Daten</h2><div class='ad'></div>"
            + post.format(d="28.09.19") + "<h2 id='comments'>Kommentare</h2>"
            + post.format(d="29.09.19") + "</main><div class='sidebar'>Archiv 21.09.2019</div>")
    m = meta(page("<title>Kein App Store über mobile Daten | Forum</title>", body, "de"))
    assert m.date_published == "2019-09-28"


def test_date_with_pipes_between_day_month_and_year():
    body = ("<main><section><h1>Bielersee-Winterhechte</h1><div class='subline'><table><tr><td>26 | 01 | 2022 </td>"
            "<td class='categories'>Schweiz | Praxis</td><td class='authorbold'>Text &amp; Fotos: Ivan Valetny</td>"
            "</tr></table></div>" + TEXT + "</section></main>")
    m = meta(page("<meta name='date' content='2022-01-01'>", body, "de"))
    assert m.date_published == "2022-01-26"
    assert normalise("26 | 01 | 2022") == "2022-01-26"


def test_date_after_the_byline_inside_a_date_element_with_thin_spaces():
    body = ("<div class='content-view-full'><h1>Kohlmann nominiert zwei Neulinge</h1>"
            "<div class='att-publish-date'>Von <span>Deutscher Tennis Bund</span> 4.&thinsp;2.&thinsp;2022.</div>"
            "<div class='att-full-intro'><p>Die Qualifiers gegen Brasilien (4. und 5. März 2022 in Rio).</p></div>"
            + TEXT + "</div>")
    m = meta(page("", body, "de"))
    assert m.date_published == "2022-02-04"
    assert m.date_source == {"date_published": "dateline"}


def test_data_date_shown_under_the_headline_by_css():
    css = "<style>.timeline__arrow:before{content:attr(data-date)}</style>"
    body = ("<div class='article-header'><h1>Achtsam durch die Krise</h1><a href='#timeline'><div class='timeline'>"
            "<div data-date='18. März 2020' class='timeline__arrow'></div></div></a></div>" + TEXT
            + "<div class='more'><a href='/other-story'><span data-date='01.07.2020'>Andere Geschichte</span></a></div>")
    m = meta(page(css + "<meta name='date' content='2020-07-01'>", body, "de"))
    assert m.date_published == "2020-03-18"


def test_date_beside_a_link_to_the_author_page_beats_utc_markup_of_the_next_day():
    body = ("<article><div class='heading'><h1>Headline here</h1><h2>Subtitle of the story</h2>"
            "<div class='bottom'><h6><a href='/autor/ariel-melgar-cabrera_7617'><strong>Ariel Melgar Cabrera</strong>"
            "</a><span>3/5/2022 22:41</span></h6></div></div>" + TEXT + "</article>")
    m = meta(page(ld("2022-05-04T02:41:00+00:00"), body, "es"))
    assert m.date_published == "2022-05-03"


# --- the news agencies' abbreviated English months ------------------------------------------------

@pytest.mark.parametrize("raw, iso", [
    ("Oct. 17, 2024", "2024-10-17"),
    ("Sept. 5, 2024", "2024-09-05"),
    ("Sept 5, 2024", "2024-09-05"),
    ("Published Dec. 1, 2023 at 5:00 p.m. ET", "2023-12-01"),
    ("Updated 4:10 PM, Aug. 21, 2024", "2024-08-21"),
])
def test_abbreviated_months_with_a_period(raw, iso):
    assert normalise(raw) == iso


def test_an_agency_style_dateline_is_the_publication_date_not_a_guess_from_the_year():
    body = f"<article><h1>Headline here</h1><p class='timestamp'>Oct. 17, 2024</p>{TEXT}</article>"
    assert meta(page(body=body)).date_published == "2024-10-17"


def test_the_copyright_year_is_no_publication_date():
    # htmldate's guess from a year alone: the first of January of the footer's copyright year
    body = f"<article><h1>Headline here</h1>{TEXT}</article><footer>&copy; 2024 Island Times</footer>"
    assert meta(page(body=body), "https://islandtimes.example/news/ferry-fares").date_published is None


def test_a_date_on_the_first_of_january_is_still_read():
    body = f"<article><h1>Headline here</h1><p class='timestamp'>Jan. 1, 2024</p>{TEXT}</article><footer>© 2024</footer>"
    assert meta(page(body=body), "https://islandtimes.example/news/ferry-fares").date_published == "2024-01-01"


def test_an_update_after_the_publication_date_in_one_line_is_the_modified_date():
    line = "<span class='dates'>Published March 3, 2024 &middot; Updated: March 10, 2024</span>"
    found = meta(page(body=f"<article><h1>Headline here</h1><div class='article-meta'>{line}</div>{TEXT}</article>"))
    assert (found.date_published, found.date_modified) == ("2024-03-03", "2024-03-10")


@pytest.mark.parametrize("shown, declared, day", [
    # Drupal's <time> in UTC, the JSON-LD in the newsroom's zone (UTC+8): 00:35 local on the 20th
    ("2025-11-19T16:35:00Z", "2025-11-20T00:35:00+08:00", "2025-11-20"),
    # the byline's <time> in the newsroom's zone (UTC+13), the JSON-LD in UTC: the morning of the 9th
    ("2025-03-09T06:00:00+13:00", "2025-03-08T17:00:00+00:00", "2025-03-09"),
])
def test_one_instant_on_two_calendar_days_gives_the_newsrooms_day(shown, declared, day):
    body = (f"<article><h1>Headline here</h1><p class='byline'>By Ana Ruiz · <time datetime='{shown}'>{day[8:]}"
            f" {day[5:7]} {day[:4]}</time></p>{TEXT}</article>")
    assert meta(page(ld(declared), body)).date_published[:10] == day
