"""Metadata rules on small hand-written pages, one failure mode each."""
from __future__ import annotations

import copy

import lxml.html
import pytest
from lxml import etree

from crawler.extraction.metadata import extract_metadata
from crawler.extraction.metadata.authors.names import split_names
from crawler.extraction.metadata.dates.parsing import normalise
from crawler.extraction.metadata.sitenames import SiteNames
from crawler.extraction.metadata.title import strip_site


def page(head: str = "", body: str = "") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html lang='en-GB'><head>{head}</head><body>{body}</body></html>")


def meta(tree, url="https://example.com/news/story"):
    return extract_metadata(tree, url)


# --- title -------------------------------------------------------------------------------------

def test_site_dash_headline_title_is_cut_to_the_headline():
    tree = page("<title>Harbour Times - Ferry fares rise for the first time in a decade</title>"
                "<meta property='og:site_name' content='Harbour Times'>",
                "<header><a href='/'>Harbour Times</a></header>"
                "<article><h1>Ferry fares rise for the first time in a decade</h1><p>Text.</p></article>")
    assert meta(tree).title == "Ferry fares rise for the first time in a decade"


def test_headline_pipe_site_without_h1_uses_host_name():
    tree = page("<title>Ferry fares rise again | harbourtimes.com</title>", "<p>Body</p>")
    assert meta(tree, "https://www.harbourtimes.com/a/1").title == "Ferry fares rise again"


def test_logo_h1_is_not_the_title():
    tree = page("<title>Muffin basics - Baking Corner</title>",
                "<h1 class='site-title'><a href='/'>Baking Corner</a></h1><h2>Muffin basics</h2><p>x</p>")
    assert meta(tree).title == "Muffin basics"


def test_republished_title_loses_the_original_site_name():
    tree = page("<title>Storm closes coastal road | CNN</title>"
                "<meta property='og:title' content='Storm closes coastal road | CNN'>"
                "<meta property='og:site_name' content='World Digest'>",
                "<article><h1>Storm closes coastal road | CNN</h1><p>Text</p>"
                "<p><a href='https://www.cnn.com/2024/01/02/storm/index.html'>Source link</a></p></article>")
    m = meta(tree, "https://worlddigest.net/storm")
    assert m.title == "Storm closes coastal road"
    assert m.original_url == "https://www.cnn.com/2024/01/02/storm/index.html"


def test_kicker_inside_h1_is_dropped_when_og_title_lacks_it():
    tree = page("<meta property='og:title' content='Why firms check fevers at the door'>",
                "<h1><span class='kicker'>Distancing rules</span> Why firms check fevers at the door</h1>")
    assert meta(tree).title == "Why firms check fevers at the door"


def test_strip_site_keeps_colons_inside_headlines():
    sites = SiteNames(["Spektrum"], "https://www.spektrum.de/x")
    assert strip_site("Covid-19: Can the spread be controlled? - Spektrum", sites) == \
        "Covid-19: Can the spread be controlled?"


# --- authors -----------------------------------------------------------------------------------

def test_visible_byline_wins_over_json_ld():
    ld = '{"@context":"https://schema.org","@type":"NewsArticle","author":{"@type":"Person","name":"Web Desk"}}'
    tree = page(f"<script type='application/ld+json'>{ld}</script>",
                "<article><h1>T</h1><p class='byline'>By Maria Lopez and Tom Reed</p><p>Text</p></article>")
    m = meta(tree)
    assert m.authors == ["Maria Lopez", "Tom Reed"]
    assert m.authors_source == "byline"


def test_comment_author_near_byline_is_ignored():
    tree = page("", "<article><h1>T</h1><p>Text</p></article>"
                    "<div id='comments'><div class='comment-author'>Troll99</div><p>First!</p></div>"
                    "<div class='author'>Von Anna Schmidt</div>")
    assert meta(tree).authors == ["Anna Schmidt"]


def test_comment_author_only_gives_no_author():
    tree = page("", "<article><h1>T</h1><p>Text</p></article>"
                    "<ol class='comment-list'><li><span class='author'>Reader Joe</span></li></ol>")
    assert meta(tree).authors == []


@pytest.mark.parametrize("raw, names", [
    ("By Jane Doe", ["Jane Doe"]),
    ("Von Hans Müller und Eva Roth", ["Hans Müller", "Eva Roth"]),
    ("Par Julie Martin", ["Julie Martin"]),
    ("Door Pieter de Vries", ["Pieter de Vries"]),
    ("By Jane Doe, Staff Writer", ["Jane Doe"]),
    ("By Jane Doe and 2 others", ["Jane Doe"]),
    ("By Jane Doe - September 5, 2023", ["Jane Doe"]),
    ("By Jane Doe · Seaboard Post", ["Jane Doe"]),
    ("By Jane Doe, Jane Doe", ["Jane Doe"]),
    ("Ursula von der Leyen", ["Ursula von der Leyen"]),
])
def test_byline_names_are_cleaned(raw, names):
    assert split_names(raw) == names


def test_json_ld_graph_and_author_reference():
    ld = ('{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Daily Lake"},'
          '{"@type":"Person","@id":"#p1","name":"Lena Berg"},'
          '{"@type":"NewsArticle","headline":"Lake levels fall","author":{"@id":"#p1"},'
          '"datePublished":"2024-03-01T08:00:00+01:00","dateModified":"2024-03-02T09:30:00+01:00",'
          '"isBasedOn":"https://wire.example.org/lake","keywords":"lake, drought"}]}')
    m = meta(page(f"<script type='application/ld+json'>{ld}</script>", "<p>Text</p>"))
    assert m.title == "Lake levels fall"
    assert m.authors == ["Lena Berg"]
    assert m.date_published == "2024-03-01T08:00:00+01:00"
    assert m.date_modified == "2024-03-02T09:30:00+01:00"
    assert m.date_source == {"date_published": "json-ld", "date_modified": "json-ld"}
    assert m.original_url == "https://wire.example.org/lake"
    assert m.tags == ["lake", "drought"]
    assert m.sitename == "Daily Lake"


# --- dates -------------------------------------------------------------------------------------

TOPBAR = "<div class='td-header-top-menu'><span class='td_data_time'>Tuesday, June 18, 2024</span></div>"


def test_theme_top_bar_date_is_never_the_publication_date():
    tree = page("", TOPBAR + "<article><h1>T</h1><div class='td-post-header'>"
                "<time class='entry-date' datetime='2023-09-05T21:04:33+00:00'>September 5, 2023</time>"
                "</div><p>Text</p></article>")
    m = meta(tree, "https://example.com/us-warns")
    assert m.date_published == "2023-09-05T21:04:33+00:00"
    assert m.date_source == {"date_published": "time"}


def test_top_bar_time_element_in_header_is_skipped():
    tree = page("", "<header class='site-header'><time datetime='2024-06-18'>Today</time></header>"
                "<article><p class='meta'><time datetime='2023-01-02'>2 Jan</time></p><p>x</p></article>")
    assert meta(tree, "https://example.com/a").date_published == "2023-01-02"


@pytest.mark.parametrize("order", ["updated_first", "published_first"])
def test_updated_and_published_labels_in_either_order(order):
    updated = "<span class='meta-updated'>Updated: April 9, 2024 at 6:12 pm</span>"
    published = "<span class='meta-published'>Published: April 8, 2024 at 7:30 am</span>"
    both = updated + published if order == "updated_first" else published + updated
    m = meta(page("", f"<article><h1>T</h1><div class='meta-date'>{both}</div><p>x</p></article>"))
    assert m.date_published == "2024-04-08"
    assert m.date_modified == "2024-04-09"
    assert m.date_source == {"date_published": "byline", "date_modified": "byline"}


def test_meta_published_time_beats_sidebar_and_comment_dates():
    tree = page("<meta property='article:published_time' content='2022-05-03T10:00:00-03:00'>",
                "<aside><time datetime='2022-05-10'>May 10</time></aside>"
                "<div class='comments'><time datetime='2022-05-09'>May 9</time></div><p>x</p>")
    m = meta(tree)
    assert m.date_published == "2022-05-03T10:00:00-03:00"
    assert m.date_source == {"date_published": "meta:article:published_time"}


def test_hatom_published_updated_class_is_the_publication_date():
    tree = page("", "<article><time class='entry-date published updated' datetime='2021-07-01'>1 July</time>"
                    "<p>x</p></article>")
    m = meta(tree)
    assert m.date_published == "2021-07-01"
    assert m.date_modified is None


def test_url_date_when_the_page_has_no_markup():
    m = meta(page("", "<p>No dates here.</p>"), "https://example.com/2019/10/21/small-integers/")
    assert m.date_published == "2019-10-21"
    assert m.date_source == {"date_published": "url"}


@pytest.mark.parametrize("raw, iso", [
    ("2019-10-16T08:00:00Z", "2019-10-16T08:00:00+00:00"),
    ("2019-10-16 08:00", "2019-10-16T08:00:00"),
    ("20191016", "2019-10-16"),
    ("Wed, 16 Oct 2019 08:00:00 +0200", "2019-10-16T08:00:00+02:00"),
    ("16.10.2019", "2019-10-16"),
    ("1890-01-01", None),
])
def test_date_normalisation(raw, iso):
    assert normalise(raw) == iso


# --- urls, language, tags, image ---------------------------------------------------------------

def test_canonical_resolved_against_url_and_cross_domain_canonical_is_original():
    tree = page("<link rel='canonical' href='https://origin.example.org/story/42'>", "<p>x</p>")
    m = meta(tree, "https://mirror.example.net/copy/42")
    assert m.canonical_url == "https://origin.example.org/story/42"
    assert m.original_url == "https://origin.example.org/story/42"


def test_relative_canonical_same_site_is_not_original():
    tree = page("<link rel='canonical' href='/news/story'>", "<p>x</p>")
    m = meta(tree, "https://example.com/news/story?utm=1")
    assert m.canonical_url == "https://example.com/news/story"
    assert m.original_url is None


def test_originally_published_at_anchor():
    tree = page("", "<article><p>Text</p><p>This article was originally published at "
                    "<a href='https://blog.example.org/post'>the author's blog</a>.</p></article>")
    assert meta(tree).original_url == "https://blog.example.org/post"


def test_language_tags_image():
    tree = page("<meta property='og:locale' content='de_DE'><meta property='article:tag' content='Radwege'>"
                "<meta name='keywords' content='Stadtrat, Radwege'>"
                "<meta property='og:image' content='/img/lead.jpg'>", "<p>x</p>")
    tree.attrib.pop("lang")
    m = meta(tree)
    assert m.language == "de"
    assert m.tags == ["Radwege", "Stadtrat"]
    assert m.image == "https://example.com/img/lead.jpg"


def test_tree_is_not_modified():
    tree = page("<title>A - Site</title><script type='application/ld+json'>{\"@type\":\"Article\"}</script>",
                TOPBAR + "<article><h1>A</h1><p class='byline'>By X Y</p></article>")
    before = etree.tostring(copy.deepcopy(tree))
    meta(tree)
    assert etree.tostring(tree) == before


def test_utc_midnight_of_a_date_only_field_is_the_next_local_day():
    tree = page("<meta property='article:published_time' content='2022-11-06T23:00:00+00:00'>", "<p>x</p>")
    assert meta(tree).date_published == "2022-11-07"


def test_utc_night_timestamp_yields_to_the_local_day_of_another_source():
    ld = '{"@type":"NewsArticle","datePublished":"2020-02-25T02:25:54+00:00"}'
    tree = page(f"<script type='application/ld+json'>{ld}</script>", "<p>x</p>")
    m = meta(tree, "https://example.com/2020/02/24/story/")
    assert m.date_published == "2020-02-24"
    assert m.date_source == {"date_published": "url"}


def test_most_sources_agree_beats_a_single_outlier():
    ld = '{"@type":"NewsArticle","datePublished":"2023-11-03T10:25:56+01:00"}'
    tree = page(f"<script type='application/ld+json'>{ld}</script>"
                "<meta property='article:published_time' content='2023-11-06T14:25:00+01:00'>",
                "<article><time datetime='2023-11-06T14:25:00+01:00'>6.11.2023</time><p>x</p></article>")
    assert meta(tree).date_published == "2023-11-06T14:25:00+01:00"


def test_by_label_span_before_author_link():
    tree = page("", "<article><h1>T</h1><div class='x1'><span class='x2'>By</span>"
                    "<span><a href='/team/alex-doe'>Alex Doe</a></span><span>3 min read</span></div></article>")
    assert meta(tree).authors == ["Alex Doe"]


def test_post_class_taxonomy_tokens_are_not_foreign_zones():
    tree = page("", "<div class='post type-post category-menu tag-comments hentry'>"
                    "<div class='meta'>By <a rel='author' href='/author/kim/'>Kim Novak</a></div><p>x</p></div>")
    assert meta(tree).authors == ["Kim Novak"]


def test_written_by_label_pair_is_an_author_source():
    tree = page("<meta name='twitter:label1' content='Written by'><meta name='twitter:data1' content='Lee Park'>",
                "<p>x</p>")
    m = meta(tree)
    assert m.authors == ["Lee Park"]
    assert m.authors_source == "meta"


def test_site_name_beside_a_person_is_an_affiliation_but_alone_it_is_the_byline():
    ld = '{"@type":"BlogPosting","author":{"@type":"Person","name":"Jo Baker"}}'
    tree = page(f"<meta property='og:site_name' content='Jo Baker'><script type='application/ld+json'>{ld}</script>",
                "<article><span class='author'>Jo Baker</span><p>x</p></article>")
    assert meta(tree).authors == ["Jo Baker"]
    tree = page("<meta property='og:site_name' content='Harbour Times'>",
                "<article><span class='author'>Lee Park, Harbour Times</span><p>x</p></article>")
    assert meta(tree).authors == ["Lee Park"]
    # a blog account or an organisation shown as the byline is what a reader sees as the author
    tree = page("<meta property='og:site_name' content='harbourwatch'>",
                "<article><h1>Ferry fares rise</h1><span class='byline'><span class='author vcard'>"
                "<a href='/author/harbourwatch/'>harbourwatch</a></span></span><p>x</p></article>")
    assert meta(tree, "https://harbourwatch.example.org/2020/01/05/ferry/").authors == ["harbourwatch"]


def test_arrow_after_an_author_link_is_no_part_of_the_name():
    tree = page("", "<article><h1>Ferry fares rise</h1><p>x</p>"
                    "<div class='author-info'><a href='/author/lee/' rel='author'>Lee Park →</a></div></article>")
    assert meta(tree).authors == ["Lee Park"]


def test_visible_headline_beats_a_differently_worded_seo_title():
    tree = page("<title>Heat pumps in old houses - when it pays off | Heating Guide</title>"
                "<meta property='og:title' content='Heat pumps in old houses - when it pays off | Heating Guide'>",
                "<header><div class='logo'><a href='/'>Heating Guide</a></div></header>"
                "<article><h1>Is a heat pump worth it in an old house?</h1><p>x</p></article>")
    m = meta(tree)
    assert m.title == "Is a heat pump worth it in an old house?"
    assert m.title_source == "h1"


def test_section_heading_does_not_beat_the_meta_title():
    tree = page("<meta property='og:title' content='Army sends 88 questions to the court'>",
                "<h1>Brasília</h1><p>x</p>")
    assert meta(tree).title == "Army sends 88 questions to the court"


def test_noisy_visible_byline_confirms_json_ld_names():
    ld = '{"@type":"NewsArticle","author":[{"@type":"Person","name":"Ian Mohr"}]}'
    tree = page(f"<script type='application/ld+json'>{ld}</script>",
                "<article><div class='byline'>By Ian Mohr View Author Archive</div><p>x</p></article>")
    m = meta(tree)
    assert m.authors == ["Ian Mohr"]
    assert m.authors_source == "json-ld+byline"


def test_visible_byline_that_is_not_names_loses_to_json_ld():
    ld = '{"@type":"NewsArticle","author":{"@type":"Person","name":"Katharina Schmidt"}}'
    tree = page(f"<script type='application/ld+json'>{ld}</script>",
                "<article><div class='author-box'>Mode</div><p>x</p></article>")
    assert meta(tree).authors == ["Katharina Schmidt"]


def test_dateline_under_the_headline_when_there_is_no_date_markup():
    tree = page("", "<header class='site'><span class='today'>Tuesday, 18. June 2024</span></header>"
                    "<main><h1>Our tip in November: the stoat</h1>"
                    "<p class='caption'>01. November 2021 | Nature</p><p>Text.</p></main>")
    m = meta(tree, "https://example.org/tips/stoat")
    assert m.date_published == "2021-11-01"
    assert m.date_source == {"date_published": "dateline"}


def test_category_labels_after_the_byline_are_no_authors():
    assert split_names("Barbara Russ Kategorien: Event, Fashion") == ["Barbara Russ"]
    assert split_names("By Dana Lee Filed under: Politics, World") == ["Dana Lee"]


# --- rules added for bylines and datelines in layout containers -------------------------------

def test_byline_in_content_column_classed_sidebar_is_read():
    # the column that holds the article is named after the layout ("content-area sidebar")
    tree = page("<title>Tide tables explained</title>",
                "<div class='content-area sidebar'><article><h1>Tide tables explained</h1>"
                "<div class='entry-meta'><span class='author vcard'><a class='fn' rel='author'>Mara Lind</a>"
                "</span></div><p>Text.</p></article></div>"
                "<div class='sidebar'><span class='author'>Other Person</span></div>")
    assert meta(tree).authors == ["Mara Lind"]


def test_byline_in_post_footer_is_the_articles():
    tree = page("<title>Night ferry notes</title>",
                "<div class='post'><h3>Night ferry notes</h3><div itemprop='articleBody'><p>Text.</p></div>"
                "<div class='post-footer'><span class='post-author vcard'>Posted by "
                "<span class='fn'>T. V. Raman</span></span></div></div>")
    assert meta(tree).authors == ["T. V. Raman"]


def test_site_name_byline_does_not_hide_the_person():
    tree = page("<meta property='og:site_name' content='Harbour Notes'><title>Gulls</title>",
                "<h1 class='vcard author'>Harbour Notes</h1>"
                "<h4 class='vcard author'>von Jana Kolb</h4><p>Text.</p>")
    assert meta(tree).authors == ["Jana Kolb"]


def test_posted_on_date_by_name():
    tree = page("<title>Gallery</title>",
                "<h1>Gallery</h1><div class='page-meta--author'>Posted on September 21, 2020 by Adi Tal</div>")
    assert meta(tree).authors == ["Adi Tal"]


def test_labelled_author_value_in_definition_list():
    tree = page("<meta property='og:title' content='Maps of the coast'>"
                "<script type='application/ld+json'>{\"@type\": \"Article\", \"author\": "
                "{\"@type\": \"Person\", \"name\": \"Site Editor\"}}</script>",
                "<h1>Maps of the coast</h1><dl class='post-meta-box'><dt>\n Auteur \n</dt>"
                "<dd><a href='/staff/u'>Uriel Gade</a></dd><dt>Date</dt><dd>2 mars 2020</dd>"
                "<dt>Cover</dt><dd>Archive photo of the harbour at dawn</dd></dl>")
    assert meta(tree).authors == ["Uriel Gade"]


def test_translator_and_photographer_are_not_authors():
    tree = page("<title>Spy shots</title>",
                "<h1>Spy shots</h1><div class='postAuthorBox'>Von : Adrian Pade Übersetzt von : Rolf Hild</div>"
                "<figure itemscope itemtype='https://schema.org/ImageObject'>"
                "<span itemprop='author'>S. Lafr</span></figure>")
    assert meta(tree).authors == ["Adrian Pade"]


def test_visible_byline_with_more_people_than_json_ld():
    tree = page("<title>Winter</title><script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
                "\"author\": {\"@type\": \"Person\", \"name\": \"Sadie Sullivan\"}}</script>",
                "<h1>Winter</h1><div class='byline'>Sadie Sullivan, Elisa Koch</div>")
    assert meta(tree).authors == ["Sadie Sullivan", "Elisa Koch"]


def test_teaser_by_line_does_not_replace_the_prefixed_byline():
    tree = page("<title>Flat hunting</title>",
                "<h1>Flat hunting</h1><p class='info-area__txt'>Von Lisa Pet</p><p>Text.</p>"
                "<div class='media-box'><span class='media-box__autor'>Von Clara Mill</span></div>")
    assert meta(tree).authors == ["Lisa Pet"]


@pytest.mark.parametrize("raw, expected", [
    ("Post author By Helge Farn Post date March 5, 2014", ["Helge Farn"]),
    ("Deutscher Tennis Bund 4. 2.", ["Deutscher Tennis Bund"]),
    ("David Hutz, dpa", ["David Hutz"]),
    ("r23 »", ["r23"]),
    ("ca. 8 Min.", []),
    ("By the", []),
    ("FOCUS-Online-Experte Robin Tsch", ["Robin Tsch"]),
    ("Gastautorin Eva Muster", ["Eva Muster"]),
])
def test_name_cleaning_failure_modes(raw, expected):
    assert split_names(raw) == expected


def test_trailing_site_name_after_author_is_dropped():
    tree = page("<meta property='og:site_name' content='HarbourVoice'><title>Sixers</title>",
                "<h1>Sixers</h1><span class='author-name'>Adam Aron HarbourVoice</span>")
    assert meta(tree, "https://www.harbourvoice.com/x").authors == ["Adam Aron"]


def test_visible_dateline_beats_disagreeing_meta_date():
    tree = page("<title>Riesling</title><meta name='dcterms.date' content='2021-12-20T11:02:44+01:00'>",
                "<div class='article'><h1>Riesling</h1><span class='date'>27.01.2022</span><p>Text.</p></div>")
    m = meta(tree)
    assert m.date_published == "2022-01-27"
    assert m.date_source["date_published"] == "dateline"


def test_dotted_dateline_is_never_read_month_first():
    tree = page("<title>Water</title><meta name='date' content='2023-01-11'>",
                "<h1>Water</h1><p>Erstellt am: 01.11.2023</p><p>Text.</p>")
    assert meta(tree).date_published == "2023-11-01"


def test_slashed_dateline_agrees_with_markup_read_the_other_way():
    tree = page("<title>Water</title><meta property='article:published_time' content='2022-05-04T05:45:00-03:00'>",
                "<h1>Water</h1><span class='post-date'>05/04/2022</span><p>Text.</p>")
    assert meta(tree).date_published == "2022-05-04T05:45:00-03:00"


def test_theme_clock_is_not_a_dateline():
    tree = page("<title>Parity</title><meta property='article:published_time' content='2020-02-18T12:53:40+00:00'>",
                "<div class='logo'><span class='current-time'>mercredi 19 février 2020</span></div>"
                "<h1>Parity</h1><p>Text.</p>")
    assert meta(tree).date_published == "2020-02-18T12:53:40+00:00"


def test_post_header_outside_article_holds_the_date():
    tree = page("<title>Parity</title><meta property='article:published_time' content='2019-05-21T10:00:00+00:00'>",
                "<header class='post-header'><h1>Parity law passes</h1>"
                "<span class='post-date'>18/02/2020</span></header><p>Text.</p>")
    m = meta(tree)
    assert m.date_published == "2020-02-18"


def test_visible_time_near_headline_beats_meta_but_feed_time_does_not():
    body = ("<article><header><h1>Rent strike</h1><ul class='infoline'><li><time datetime='2020-04-29'>"
            "29.04.2020, 12:01 Uhr</time></li></ul></header><p>Text.</p></article>")
    tree = page("<title>Rent strike</title><meta name='date' content='2020-04-30'>", body)
    assert meta(tree).date_published == "2020-04-29"
    feed = ("<h1>Rent strike</h1><p>Text.</p><section class='secondary'><div><div><div><div>"
            "<time datetime='2020-10-19'>7:00 a.m.</time></div></div></div></div></section>")
    tree = page("<title>Rent strike</title><meta name='date' content='2020-04-30'>", feed)
    assert meta(tree).date_published == "2020-04-30"


def test_teaser_list_date_is_not_the_dateline():
    tree = page("<title>Shop</title><meta property='article:published_time' content='2023-11-01T08:20:40+00:00'>",
                "<h1>New manager for the online shop</h1><p>Text.</p>"
                "<ul><li><a href='/other'>Another story about the grocery trade</a>"
                "<span class='item__date'>01.10.2023</span></li></ul>")
    assert meta(tree).date_published == "2023-11-01T08:20:40+00:00"


def test_leading_date_of_a_dateline_with_more_text():
    tree = page("<title>Supply chains</title><meta name='date' content='2020-02-12'>",
                "<h1>Supply chains</h1><div class='news-single-timedata'>05.02.2020 - Redaktion: Eva Fuhr</div>"
                "<p>Text.</p>")
    assert meta(tree).date_published == "2020-02-05"


def test_author_label_whose_value_is_its_tail_text():
    tree = page("<title>Skoda</title>",
                "<h1>Skoda</h1><div class='col-md-4'><h5 class='title-inline'>Datum: </h5>03.11.2021<br>"
                "<h5 class='title-inline'>Autor: </h5>Peter Maahn</div><p>Text.</p>")
    assert meta(tree).authors == ["Peter Maahn"]


def test_post_authors_reply_in_the_comments_names_the_author_of_a_page_without_byline():
    comments = ("<ol class='commentlist'>"
                "<li class='comment byuser comment-author-reader1 even'><div class='comment-author vcard'>"
                "<cite class='fn'>Reader One</cite> said:</div><p>Nice post</p></li>"
                "<li class='comment byuser comment-author-harbourwatch bypostauthor odd'>"
                "<div class='comment_author vcard'><strong class='fn'><a href='/'>harbourwatch</a></strong>"
                " said, on August 3, 2019 at 3:19 pm</div><p>Thanks!</p></li></ol>")
    tree = page("", f"<article><h1>Ferry fares rise</h1><p>x</p></article>{comments}")
    m = meta(tree)
    assert m.authors == ["harbourwatch"]
    assert m.authors_source == "post-author-comment"
    # the login in the class when the reply shows no name element
    tree = page("", "<article><h1>Ferry fares rise</h1><p>x</p></article>"
                    "<div class='comment byuser comment-author-lee-park bypostauthor'><p>Thanks!</p></div>")
    assert meta(tree).authors == ["lee-park"]
    # a byline wins over the comment thread
    tree = page("", f"<article><h1>Ferry fares rise</h1><p class='byline'>By Jo Baker</p><p>x</p></article>{comments}")
    assert meta(tree).authors == ["Jo Baker"]


def test_by_label_after_a_separator_labels_the_next_element():
    tree = page("", "<header><h1>Ferry fares rise</h1><div class='article_meta_info'><span class='kicker'>News</span>"
                    "<span class='screen-reader-text'>| By </span><span>Cara Stone</span> |"
                    "<time>April 13, 2020</time></div></header><article><p>x</p></article>")
    assert meta(tree).authors == ["Cara Stone"]


def test_camel_case_layout_class_on_the_page_wrapper_is_no_sidebar():
    tree = page("", "<div class='layoutTwoColumnsRightSidebar site'><div class='content'>"
                    "<p><em>Text von Christian Moser Illustration von Markus Lang</em></p><p>x</p></div>"
                    "<div class='sidebar'><p>Von Werbung Partner</p></div></div>")
    assert meta(tree).authors == ["Christian Moser"]


def test_span_styling_the_last_letter_stays_inside_the_word():
    tree = page("", "<article><h1>Ferry fares rise</h1><p class='byline'><a href='/contributor/lee'>"
                    "Lee Par<span class='link__last-letter-spacing'>k</span></a></p><p>x</p></article>")
    assert meta(tree).authors == ["Lee Park"]


def test_squash_drops_invisible_marks_and_folds_non_breaking_spaces():
    from crawler.extraction.metadata.elementtext import squash

    assert squash("  Ferry\u00a0 fa\u00adres \u200brise\n") == "Ferry fares rise"
    assert squash("Plain  ASCII\ttext ") == "Plain ASCII text"
    assert squash(None) == ""


def test_date_in_a_meta_or_share_bar_beside_the_headline_is_the_articles_own():
    body = "<p>" + "Ferry passengers will pay more from May. " * 20 + "</p>"
    tree = page("<meta name='dcterms.date' content='2022-01-21T15:38:44+01:00'>",
                "<div class='main'><div class='content'><h1>Ferry fares rise for the first time</h1>"
                "<p class='c-teaser__meta'><span>Published</span> <time datetime='2022-01-26'>26 Jan 2022</time></p>"
                f"<div class='article-body'>{body}</div>"
                "<div class='related'><ul><li><a href='/b'>Other story about ferries and fares</a>"
                "<span class='date'>3 Jan 2022</span></li></ul></div></div></div>")
    m = meta(tree)
    assert m.date_published == "2022-01-26"
    assert m.date_source["date_published"] == "time"
    # a share bar holding the date, right in the article's column
    tree = page("", "<div class='mmenuwrapper'><div class='content'><h1>Ferry fares rise for the first time</h1>"
                    f"<div class='socialshareBox'><div class='pubdate'>19.11.2021</div></div>{body}"
                    "<div class='articleList'><article><div class='pubdate'>18. Nov 2021</div>"
                    "<a href='/c'>Other story about ferries and fares</a></article></div></div></div>")
    assert meta(tree).date_published == "2021-11-19"


def test_long_date_line_with_a_leading_date_is_a_dateline():
    tree = page("<meta name='date' content='2020-02-12'>",
                "<div class='news-single-item'><h1>Fair supply chains</h1>"
                "<div class='news-single-timedata'>05.02.2020 <span>- Redaktion: Eberhard Muster "
                "(Pressesprecher des Jugendwerks)</span></div><p>Text.</p></div>")
    m = meta(tree)
    assert m.date_published == "2020-02-05"
    assert m.date_source["date_published"] == "dateline"


def test_text_line_after_the_headline_that_starts_with_a_date_is_a_dateline():
    tree = page("<meta property='article:published_time' content='2021-12-14T15:41:07+01:00'>"
                "<meta property='og:title' content='Ferry fares rise for the first time'>",
                "<h1><a href='/'>Harbour Blog</a></h1><div class='post'><h2>Ferry fares rise for the first time</h2>"
                "<p>Am <a href='/press'>09.07.2019</a> kündigte die Reederei an ...</p>"
                "<div class='frame'><p>29.11.2022 \u2013 Mehrfach hatte die Reederei die Preise gehalten.</p></div></div>")
    m = meta(tree)
    assert m.date_published == "2022-11-29"
    assert m.date_source["date_published"] == "dateline"
    # a date inside the running text is no dateline
    tree = page("", "<article><h1>Ferry fares rise for the first time</h1>"
                    "<p>Fares went up on 29.11.2022 after a long pause.</p></article>")
    assert meta(tree).date_source.get("date_published") != "dateline"


def test_the_themes_header_date_is_no_dateline():
    tree = page("<meta property='article:published_time' content='2023-10-30T13:01:18+00:00'>",
                "<div class='mh-header-date mh-header-date-bottom'>31. Oktober 2023</div>"
                "<article><h1>Ferry fares rise</h1><p>Text.</p></article>")
    m = meta(tree)
    assert m.date_published == "2023-10-30T13:01:18+00:00"
    # an article header's own date element is a dateline
    tree = page("<meta property='article:published_time' content='2023-10-30T13:01:18+00:00'>",
                "<article><h1>Ferry fares rise</h1><div class='entry-header-date'>29. Oktober 2023</div>"
                "<p>Text.</p></article>")
    assert meta(tree).date_published == "2023-10-29"


def test_published_label_after_a_line_break_is_read():
    tree = page("", "<article><h1>Ferry fares rise</h1><p>Text.</p>"
                    "<div style='text-align:right'>Letzte Änderung: 31.10.2023 - 14:49:39<br>"
                    "Erschienen am: 01.11.2023<br>Lesungen: 61</div></article>")
    m = meta(tree, "https://example.org/rezension/ferry")
    assert m.date_published == "2023-11-01"


def test_drupal_author_field_with_a_hidden_label_is_a_byline():
    ld = '{"@type":"Article","author":{"@type":"Organization","name":"Harbour Times"}}'
    tree = page(f"<meta property='og:site_name' content='Harbour Times'><script type='application/ld+json'>{ld}</script>",
                "<article class='node'><h1>Ferry fares rise</h1><div class='metadata'>"
                "<div class='field field--name-field-tag-author field--type-entity-reference field--label-hidden'>"
                "<a href='/autor/jil'>Jil Muster</a></div></div><p>x</p></article>")
    assert meta(tree).authors == ["Jil Muster"]
    # a real label element is no name
    tree = page("", "<article><h1>Ferry fares rise</h1><span class='author-label'>Autorin</span><p>x</p></article>")
    assert meta(tree).authors == []


def test_headline_in_a_column_with_id_sidebar_that_shows_the_meta_title_is_the_title():
    tree = page("<meta property='og:title' content='Experts in the crisis'>",
                "<div class='left_column'><div id='sidebar' class='site-content content-area'>"
                "<header class='entry-header'><h1 class='entry-title'>Experts in the crisis</h1>"
                "<div class='entry-meta'><span class='author vcard'><a class='url fn' href='/author/h-s/'>Heiko Muster</a>"
                "</span></div></header><p>x</p></div></div>"
                "<div class='wp-block-column'><h1>While you are here\u2026</h1><p>Support us.</p></div>")
    m = meta(tree)
    assert m.title == "Experts in the crisis"
    assert m.authors == ["Heiko Muster"]


def test_itemprop_author_naming_the_site_gives_way_to_a_persons_byline():
    tree = page("<meta property='og:site_name' content='The Harbour Press'>",
                "<article><h1>Ferry fares rise</h1><div class='td-post-author-name'>By "
                "<span itemprop='author' itemscope><a itemprop='name' href='/author/press/'>The Harbour Press</a></span>"
                "</div><div class='content'><p><em>Written by: <a href='/julie'>Julie Muster</a></em></p><p>x</p></div>"
                "</article>")
    assert meta(tree).authors == ["Julie Muster"]
    # with no other byline, the site account is the author a reader sees
    tree = page("<meta property='og:site_name' content='The Harbour Press'>",
                "<article><h1>Ferry fares rise</h1><div class='td-post-author-name'>By "
                "<span itemprop='author' itemscope><a itemprop='name' href='/author/press/'>The Harbour Press</a></span>"
                "</div><p>x</p></article>")
    assert meta(tree).authors == ["The Harbour Press"]


def test_author_label_line_in_the_text_gives_the_name_without_remarks_or_roles():
    tree = page("<meta name='author' content='deinen Bloggern'>",
                "<article><h1>Ferry fares rise</h1><p>x</p><p><em>Autor: <a href='/sam'>Samuel Muster</a> "
                "(Sponsored Post), Redner bei harbour-pastor.com</em></p></article>")
    assert meta(tree).authors == ["Samuel Muster"]


def test_text_and_photos_credit_names_the_author():
    assert split_names("Text & Fotos: Ivan Muster") == ["Ivan Muster"]
    tree = page("<meta name='author' content='Auto Illustrierte'>",
                "<main><h1>Ferry fares rise</h1><table><tr><td class='authorbold'><b>Text &amp; Fotos:</b> Ivan Muster"
                "</td></tr></table><p>x</p></main>")
    assert meta(tree).authors == ["Ivan Muster"]


def test_label_elements_stand_for_the_value_after_them():
    tree = page("", "<article><h1>Ferry fares rise</h1><div class='articleAuthorDateBlock'>"
                    "<span class='articleAuthorDateBlockLabel'>Datum:</span> 19.11.2021<br>"
                    "<span class='articleAuthorDateBlockLabel'>Autor:</span> Fritz Muster<br>"
                    "<span class='articleAuthorDateBlockLabel'>Quelle:</span> Harbour News</div><p>x</p></article>")
    assert meta(tree).authors == ["Fritz Muster"]


def test_newsroom_alone_before_a_date_is_the_byline_and_copyright_signs_go():
    assert split_names("von Redaktion, 24. Januar 2022") == ["Redaktion"]
    assert split_names("Anna Muster, Redaktion") == ["Anna Muster"]
    assert split_names("\u00a9 Kathrin Muster") == ["Kathrin Muster"]


def test_a_byline_naming_only_a_desk_or_role_is_kept():
    assert split_names("By Staff Writer") == ["Staff Writer"]
    assert split_names("Redaktion Harbour Ticker Schweiz") == ["Redaktion Harbour Ticker Schweiz"]
    assert split_names("HTN Staff Report") == ["HTN Staff Report"]
    # beside a person's name the role goes
    assert split_names("Jane Doe Staff Writer") == ["Jane Doe"]
    assert split_names("Jane Doe, Staff Writer") == ["Jane Doe"]


def test_hidden_dialog_inside_the_byline_is_not_read():
    tree = page("", "<article><h1>Ferry fares rise</h1><span class='new-single-author-links'>von "
                    "<a class='author url fn' href='/autor/birgit'>Birgit Muster</a>"
                    "<div class='modal fade' id='authorbioModal'><h5>\u00dcber</h5><p>Autorenseite von</p>"
                    "<span>birgit@example.com</span><button>Schlie\u00dfen</button></div></span><p>x</p></article>")
    assert meta(tree).authors == ["Birgit Muster"]


def test_agency_after_a_persons_name_and_slash_goes():
    assert split_names("Peter Muster/SP-X") == ["Peter Muster"]
    assert split_names("det/dpa") == ["det/dpa"]


def test_byline_in_a_teaser_named_block_beside_the_headline_is_the_articles_own():
    body = "<div class='field-body'><p>" + "Ferry passengers will pay more from May. " * 20 + "</p></div>"
    tree = page("", "<article class='row'><div class='col'><h1>Ferry fares rise for the first time</h1>"
                    "<div class='teaser-small__metadata'><p class='byline__author'>VON <a>MORITZ MUSTER</a> am 21. April 2020</p>"
                    f"</div>{body}</div></article>"
                    "<div class='related'><ul><li><div class='teaser-small__metadata'><p class='byline__author'>"
                    "VON <a>OTTO ANDERER</a></p></div></li></ul></div>")
    assert meta(tree).authors == ["MORITZ MUSTER"]
    # the same block in a list of other stories is a teaser's
    tree = page("", "<article class='row'><div class='col'><h1>Ferry fares rise for the first time</h1>"
                    f"{body}</div></article><div class='related'><ul><li><div class='teaser-small__metadata'>"
                    "<p class='byline__author'>VON <a>OTTO ANDERER</a></p></div></li></ul></div>")
    assert meta(tree).authors == []


def test_json_ld_name_keeps_a_lower_case_surname():
    ld = '{"@type":"BlogPosting","author":{"@type":"Person","name":"Mobasir hassan"}}'
    tree = page(f"<script type='application/ld+json'>{ld}</script>",
                "<article><h1>Bhindi fry</h1><span class='entry-author'>by <a class='entry-author-link'>"
                "Mobasir hassan</a></span><p>x</p></article>")
    assert meta(tree).authors == ["Mobasir hassan"]
    # in a visible byline alone a lower-case word after the name may be an account handle
    tree = page("", "<article><h1>Bhindi fry</h1><span class='author'>Matthias herrblogger</span><p>x</p></article>")
    assert meta(tree).authors == ["Matthias"]


def test_bylines_in_a_listing_of_other_articles_are_not_the_authors():
    tree = page("", "<article><h1>Gender diversity in the lab</h1><p>x</p></article>"
                    "<div class='fachartikel-listing'><div class='fachartikel-listing__item'>"
                    "<div class='fachartikel-listing__item__author'>Von Jörn Muster am 08.12.2022</div></div></div>")
    assert meta(tree).authors == []


def test_top_line_above_the_headline_holding_only_a_date_is_the_dateline():
    tree = page("", "<main><a class='link-prev' href='/news'>Back to the newsroom</a>"
                    "<div class='topline'><span>06.12.2022</span></div>"
                    "<h1>Citizens can invest in the Steinheim wind farm</h1>"
                    "<div class='h3'>From 9.1. to 10.2.2023 citizens can buy shares.</div><p>Text.</p></main>")
    m = meta(tree)
    assert m.date_published == "2022-12-06"
    assert m.date_source["date_published"] == "dateline"


def test_bem_block_name_of_a_share_kit_does_not_hide_the_contributor():
    tree = page("<script type='application/ld+json'>{\"@type\":\"Article\",\"author\":{\"@type\":\"Organization\","
                "\"name\":\"Harbour Geographic\"}}</script><meta property='og:site_name' content='Harbour Geographic'>",
                "<article><h1>Goats on the island</h1><div class='ng-sharekit__contributors'>"
                "<div class='ng-sharekit__contributors--author'>By Michael Muster</div></div><p>x</p></article>")
    assert meta(tree).authors == ["Michael Muster"]
    # an image's credit block is still the photographer's
    tree = page("", "<article><h1>Goats on the island</h1><div class='ngart-img__cont__author'>"
                    "Photograph by Ed Marshal</div><p>x</p></article>")
    assert meta(tree).authors == []


def test_prefixed_byline_in_a_sidebar_inside_the_article_is_the_articles():
    body = "<div class='entry-content'><p>" + "Brands fight for attention on phones. " * 20 + "</p></div>"
    tree = page("<meta name='author' content='harbourtech'>",
                "<article class='Post-Main'><h1>Brands on phones</h1><div class='row'>"
                "<div class='Tech-Sidebar'><span class='Tech-Author'>Por <a>Alberto Muster</a></span></div>"
                f"{body}</div><div class='Tech-Sidebar'><a href='/other'><span class='author'>Por Otro Autor</span>"
                "</a></div></article>")
    assert meta(tree).authors == ["Alberto Muster"]


def test_dateline_followed_by_von_name_is_a_byline():
    tree = page("", "<div class='col'><h1>Couple quarrel escalates</h1><h2>Stars (1 / 1) "
                    "<span style='font-size:12px'>06.11.2023 13:30 von Olga </span>"
                    "<span style='float:right'>Symbolbild imago</span></h2><p>x</p></div>")
    assert meta(tree).authors == ["Olga"]


def test_credit_line_in_the_articles_own_header_is_the_byline():
    tree = page("", "<article><header><p class='kicker'>National / Crime</p><h1>Masks stolen from hospital</h1>"
                    "<p class='credit'>JIJI</p></header><p>x</p></article>")
    assert meta(tree).authors == ["JIJI"]
    # a credit under an image in the header is the photographer's
    tree = page("", "<article><header><h1>Masks stolen from hospital</h1><img src='a.jpg'>"
                    "<p class='credit'>Ann Photo</p></header><p>x</p></article>")
    assert meta(tree).authors == []


def test_dateline_followed_by_a_name_is_a_byline():
    tree = page("", "<main><h1>Statement on the pilot year</h1><div><small>04.02.2022 | 13:10 Uhr | Uta Muster</small>"
                    "</div><p>Warendorf. The federation publishes its statement.</p></main>")
    assert meta(tree).authors == ["Uta Muster"]
    tree = page("", "<main><h1>Freedom of the city</h1><div class='views-field-name'>"
                    "<span class='field-content'>25.10.2022 - Reiner Muster</span></div><p>x</p></main>")
    assert meta(tree).authors == ["Reiner Muster"]
    # a date followed by a place or a lower-case phrase is no byline
    tree = page("", "<main><h1>Freedom of the city</h1><p>25.10.2022 - heute im Rathaus</p><p>x</p></main>")
    assert meta(tree).authors == []


def test_stand_line_under_the_headline_is_the_dateline():
    tree = page("<meta name='date' content='2020-04-29T11:52:23'>",
                "<main><h1>Rheinmetall hacked</h1><p class='text'><span class='stand'>Stand: 28.04.2020 18:00 Uhr"
                "</span></p><p>Text.</p></main>")
    m = meta(tree)
    assert m.date_published == "2020-04-28"
    assert m.date_source["date_published"] == "dateline"


def test_remembered_texts_are_the_element_texts_of_that_page_only() -> None:
    from crawler.extraction.metadata.elementtext import element_text, remembered_texts

    page = lxml.html.fromstring("<html><body><h1>Ferry <b>timetable</b></h1><p>By <a>Jane Doe</a></p></body></html>")
    heading, line = page.find(".//h1"), page.find(".//p")
    with remembered_texts():
        assert element_text(heading) == "Ferry timetable" and element_text(line) == "By Jane Doe"
        assert element_text(heading) == "Ferry timetable"  # remembered
    heading.find("b").text = "times"
    assert element_text(heading) == "Ferry times"  # forgotten once the page is read
    with remembered_texts():
        assert element_text(heading) == "Ferry times"


@pytest.mark.parametrize("inner, fits", [
    ("<span>Published</span> <time>March 3, 2024</time>", True),
    ("<b>Posted</b>" + "<i> on </i>" * 30 + "<span>May 2</span>", False),  # over 80 only when all is read
    ("<span>a</span>" * 40, True),  # many pieces, few characters: read to the end
    ("<p>" + "The ferry left the harbour at dawn. " * 200 + "</p>" + "<span>x</span>" * 500, False),
])
def test_the_text_within_a_limit_is_the_elements_text_or_none(inner, fits):
    """``element_text_within`` gives what ``element_text`` gives when it fits the limit, and None
    (having stopped early) when it does not, however the text is split into pieces."""
    from lxml.html import fromstring

    from crawler.extraction.metadata.elementtext import element_text, element_text_within

    elem = fromstring(f"<div class='post-date'>{inner}</div>")
    full = element_text(elem)
    assert (len(full) <= 80) is fits
    assert element_text_within(elem, 80) == (full if fits else None)


@pytest.mark.parametrize(("byline", "names"), [
    ("Ministerium für Umwelt, Klima und Küstenschutz des Landes Nordhavenland",
     ["Ministerium für Umwelt, Klima und Küstenschutz des Landes Nordhavenland"]),
    ("Bundesministerium für Wirtschaft und Klimaschutz", ["Bundesministerium für Wirtschaft und Klimaschutz"]),
    ("Department of Health, Education and Welfare", ["Department of Health, Education and Welfare"]),
    ("Jane Doe, John Roe and Ann Lee", ["Jane Doe", "John Roe", "Ann Lee"]),  # people are still split
])
def test_a_public_bodys_name_is_one_author(byline: str, names: list[str]) -> None:
    # its commas and "and" join the fields the body is responsible for, not people
    assert split_names(byline) == names
