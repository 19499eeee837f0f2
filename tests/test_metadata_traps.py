"""Metadata a careful editor would record on pages that set realistic traps: a job title or a place
beside the name in a byline, labels of other kinds ("Opinion by", "Reporting by ... Editing by"),
the update's label in an element of its own, another item's microdata, a ``<base href>``, a
republishing line that links the outlet's home page first, and joiners that shape Persian words."""
from __future__ import annotations

import lxml.html
import pytest

from crawler.extraction.metadata import extract_metadata

STORY = "<h1>Harbour ferry fares rise in spring</h1><p>The ferry company said on Monday that fares rise.</p>"
URL = "https://m.paper.example/2024/ferry"


def _meta(head: str = "", before: str = "", after: str = "", lang: str = "en"):
    html = (f"<html lang='{lang}'><head>{head}</head><body>{before}<article>{STORY}{after}"
            "<p>More of the story.</p></article></body></html>")
    return extract_metadata(lxml.html.document_fromstring(html), URL)


@pytest.mark.parametrize("byline, authors", [
    # a job title after the comma, or in an element of its own after the name
    ("<div class='byline'><span class='name'>Priya Raman</span>, <span class='role'>Education "
     "Correspondent</span></div>", ["Priya Raman"]),
    ("<div class='byline'>By Priya Raman, Education Correspondent</div>", ["Priya Raman"]),
    # an institution's press staff: their job after the comma
    ("<p class='c-article__author'>By Priya Raman, Communications Officer</p>", ["Priya Raman"]),
    ("<p class='author'>Von Katharina Pölzl, Pressesprecherin</p>", ["Katharina Pölzl"]),
    ("<div class='article-byline'><span class='by'>By Harriet Sewell</span><span class='role'>Local "
     "Democracy Reporter</span></div>", ["Harriet Sewell"]),
    ("<div class='author'><a href='/a/1' class='author-name'>Jane Doe</a> <span class='author-title'>Health "
     "Reporter</span></div>", ["Jane Doe"]),
    # a dateline's place and time in an element of its own: no name follows them
    ("<div class='firma'><span class='autor'>Mario Quesada</span> <span class='lugar-fecha'>Valdoria - 5 de "
     "febrero de 2024 - 13:41</span></div>", ["Mario Quesada"]),
    # the serial comma before the last name
    ("<p class='byline'>By <a href='/a/1'>Maria Lopez</a>, <a href='/a/2'>Kwame Mensah</a>, and "
     "<a href='/a/3'>Jo Fairbanks</a></p>", ["Maria Lopez", "Kwame Mensah", "Jo Fairbanks"]),
    # a kind of piece before "by"
    ("<div class='article__byline'>Opinion by Gareth Lindqvist</div>", ["Gareth Lindqvist"]),
    ("<div class='article__byline'>Analysis by Jane Doe</div>", ["Jane Doe"]),
    # a wire story's credits: the reporters are the authors, the editor is not
    ("<p class='byline'>Reporting by Ana Torres and Ben Whitfield; Editing by Mark Doyle</p>",
     ["Ana Torres", "Ben Whitfield"]),
    # labels in more languages; the full stop that ends the credit's sentence
    ("<p class='byline'>โดย สมชาย ใจดี</p>", ["สมชาย ใจดี"]),
    ("<p>Haber: Elif Korkmaz</p>", ["Elif Korkmaz"]),
    ("<p class='credits'>Текст: Анна Смирнова. Фото: Пётр Волков</p>", ["Анна Смирнова"]),
])
def test_the_byline_gives_the_people_only(byline, authors):
    assert _meta(after=byline).authors == authors


def test_an_abbreviation_keeps_its_full_stop():
    assert _meta(after="<p class='byline'>By Jane Doe Jr.</p>").authors == ["Jane Doe Jr."]


@pytest.mark.parametrize("dates", [
    "<p><span class='label'>Updated</span> <time datetime='2024-05-14T18:20:00+01:00'>14 May 2024</time></p>"
    "<p><span class='label'>Published</span> <time datetime='2024-05-13T07:00:00+01:00'>13 May 2024</time></p>",
    "<dl class='dates'><dt>Last updated</dt><dd><time datetime='2024-05-14T18:20:00+01:00'>14 May 2024</time></dd>"
    "<dt>First published</dt><dd><time datetime='2024-05-13T07:00:00+01:00'>13 May 2024</time></dd></dl>",
])
def test_a_date_labelled_updated_in_its_own_element_is_the_modification(dates):
    meta = _meta(after=dates)
    assert meta.date_published.startswith("2024-05-13")
    assert (meta.date_modified or "").startswith("2024-05-14")


def test_another_items_microdata_before_the_article_does_not_date_it():
    teaser = ("<div itemscope itemtype='https://schema.org/NewsArticle'><a itemprop='url' href='/other'>"
              "<span itemprop='headline'>Other story</span></a>"
              "<meta itemprop='datePublished' content='2023-08-18T16:10:00+02:00'></div>")
    html = (f"<html><head></head><body>{teaser}<article itemscope itemtype='https://schema.org/NewsArticle'>"
            f"<meta itemprop='datePublished' content='2023-08-19T19:30:00+02:00'>{STORY}</article></body></html>")
    meta = extract_metadata(lxml.html.document_fromstring(html), URL)
    assert meta.date_published.startswith("2023-08-19")


def test_a_relative_canonical_is_read_against_the_base_href():
    meta = _meta(head="<base href='https://www.paper.example/'><link rel='canonical' href='local/ferry'>")
    assert meta.canonical_url == "https://www.paper.example/local/ferry"
    assert meta.original_url is None  # the mobile edition's canonical is the same publisher's page


def test_the_original_articles_link_wins_over_the_outlets_home_page():
    line = ("<p>This story was republished from <a href='https://review.example/'>Campus Review</a>. Read the "
            "<a href='https://review.example/original-story-224871'>original article</a>.</p>")
    assert _meta(after=line).original_url == "https://review.example/original-story-224871"


def test_joiners_that_shape_persian_words_stay_in_the_title():
    title = "آغاز طرح دوچرخه\u200cسواری در شیراز"
    html = (f"<html lang='fa'><head><title>{title}</title><meta property='og:site_name' content='پارس\u200cنو'>"
            f"</head><body><article><h1>{title}</h1><p>متن خبر.</p></article></body></html>")
    meta = extract_metadata(lxml.html.document_fromstring(html), URL)
    assert meta.title == title
    assert meta.sitename == "پارس\u200cنو"


def test_a_podcast_episodes_host_is_its_author_and_credits_are_not():
    ld = ('<script type="application/ld+json">{"@context":"https://schema.org","@type":"PodcastEpisode",'
          '"datePublished":"2024-07-11","author":{"@type":"Person","name":"Maya Ross"}}</script>')
    after = ("<div class='meta'>Hosted by <a href='/people/maya-ross/'>Maya Ross</a> · July 11, 2024</div>"
             "<div class='credits'><p>The Ledger is a Bayside Daily production. Our theme music is by Quiet "
             "Harbour.</p></div>")
    assert _meta(head=ld, after=after).authors == ["Maya Ross"]


def test_credits_in_a_sentence_name_no_author():
    after = "<div class='credits'><p>The Ledger is a Bayside Daily production. Our theme music is by Quiet Harbour.</p></div>"
    assert _meta(after=after).authors == []


def test_a_dateline_in_words_then_by_names_the_author():
    after = "<p class='font_9'><span>SEPTEMBER 9, 2026 · BY MAUREEN DELACROIX-BAYLE</span></p>"
    assert _meta(after=after).authors == ["MAUREEN DELACROIX-BAYLE"]


def test_a_korean_reporters_title_is_no_part_of_the_name():
    assert _meta(after="<p class='byline'>김민수 기자</p>", lang="ko").authors == ["김민수"]


def test_the_date_of_a_strip_above_the_masthead_is_todays_not_the_articles():
    head = "<meta property='article:published_time' content='2025-01-22T09:00:00+02:00'>"
    strip = "<div class='utility-bar'><span class='date'>Thursday, 13 March 2025</span></div>"
    meta = _meta(head=head, before=strip, after="<p class='article-date'>22 January 2025</p>")
    assert meta.date_published.startswith("2025-01-22")


@pytest.mark.parametrize("canonical, expected", [
    ("https://m.paper.example/", URL),  # a theme's default: the home page for every article
    ("https://m.paper.example/2024/ferry#main-content", URL),
])
def test_a_canonical_naming_the_home_page_or_a_fragment_is_not_taken_as_is(canonical, expected):
    assert _meta(head=f"<link rel='canonical' href='{canonical}'>").canonical_url == expected


def test_a_year_alone_on_an_undated_page_makes_no_date():
    meta = _meta(after="<p>Veröffentlicht: vor 3 Tagen</p><footer><p>Ehrenamtlich seit 1998 für die Region.</p></footer>",
                 lang="de")
    assert meta.date_published is None


@pytest.mark.parametrize("byline, authors", [
    ("<p class='byline'>Hoffmann, Clara</p>", ["Clara Hoffmann"]),
    ("<p class='signatura byline'>Redacció · Jordi Puigvert</p>", ["Jordi Puigvert"]),
    ("<p><small>March 14th, 2024 by Gareth Lund</small></p>", ["Gareth Lund"]),
    ("<p class='byline'>記者陳怡君／南投報導</p>", ["陳怡君"]),
])
def test_more_byline_orders(byline, authors):
    assert _meta(after=byline).authors == authors


def test_a_publishers_legal_name_gives_way_to_the_sites_name():
    ld = ('<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle",'
          '"headline":"Harbour ferry fares rise in spring","publisher":{"@type":"Organization","name":"Nordlicht Media '
          'GmbH"}},{"@type":"WebSite","name":"Nordlicht"}]}</script>')
    assert _meta(head=ld).sitename == "Nordlicht"


@pytest.mark.parametrize("dateline, day", [("2024年5月16日 06時00分", "2024-05-16"), ("2024년 5월 16일 오전 6:00", "2024-05-16")])
def test_chinese_japanese_and_korean_dates(dateline, day):
    assert (_meta(after=f"<p class='date'>{dateline}</p>").date_published or "").startswith(day)


def test_the_sites_name_with_the_before_it_leaves_the_title():
    html = ("<html><head><title>The Granville Sentinel - Trustees sell old fire station</title></head><body>"
            "<p>The township trustees agreed Monday to sell the old fire station.</p></body></html>")
    meta = extract_metadata(lxml.html.document_fromstring(html), "http://www.granvillesentinel.example/a.html")
    assert meta.title == "Trustees sell old fire station"


@pytest.mark.parametrize("byline, authors", [
    ("<div class='entry-meta'>Posted on March 3, 2024 by <a href='/author/jane'>Jane Doe</a> in Local News</div>",
     ["Jane Doe"]),
    ("<p class='byline'>par Père Étienne Marchal dans Feuille paroissiale</p>", ["Père Étienne Marchal"]),
])
def test_the_section_after_in_is_no_part_of_the_name(byline, authors):
    assert _meta(after=byline).authors == authors


def test_a_sites_name_with_accents_is_its_host():
    html = ("<html><head><title>Wiadomości Poznańskie - Nowa linia tramwajowa</title></head><body>"
            "<p>Tramwaje pojadą nową trasą od przyszłego miesiąca, zapowiedział prezydent miasta.</p></body></html>")
    meta = extract_metadata(lxml.html.document_fromstring(html), "https://wiadomoscipoznanskie.example/a.php?id=1")
    assert meta.sitename == "Wiadomości Poznańskie" and meta.title == "Nowa linia tramwajowa"
