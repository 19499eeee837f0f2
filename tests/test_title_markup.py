"""The headline from markup that hid it: a screen-reader heading before it, a picture in it, a
theme class that looks like a logo's, a one-word compound, a kicker line before a <br>, a site
name with its own separator, WordPress's "Blog Archive" label and a web archive's snapshot."""
from __future__ import annotations

import lxml.html
import pytest

from crawler.common.urls import archived_original
from crawler.extraction.metadata import extract_metadata


def _title(head: str, body: str, url: str = "https://news.example.org/2024/ferry-fares") -> str | None:
    html = f"<html lang='de'><head>{head}</head><body>{body}</body></html>"
    return extract_metadata(lxml.html.document_fromstring(html), url).title


def test_a_screen_reader_heading_and_a_flag_picture_do_not_hide_the_headline():
    head = "<meta property='og:title' content='Norwegen: Reisehinweise für den Winter'>"
    body = ("<h1 class='is-aural'>Willkommen beim Reiseportal</h1><main><header>"
            "<h1 class='heading__title'><span>Norwegen: Reisehinweise für den Winter</span>"
            "<span class='heading__flag'><img src='/flag-no.png' alt=''></span></h1></header>"
            "<p>Die Fähren fahren im Winter seltener.</p></main>")
    assert _title(head, body) == "Norwegen: Reisehinweise für den Winter"


def test_the_themes_headline_class_is_no_logo_whatever_else_its_classes_say():
    head = "<meta property='og:title' content='Segeln im Herbst – Was du wissen musst'>"
    body = ("<div class='content'><h1 class='post_title entry-title mysiteblogtitle' itemprop='headline'>"
            "Segeln im Herbst</h1><p>Der Wind dreht im Oktober oft.</p></div>")
    assert _title(head, body) == "Segeln im Herbst"


def test_a_headline_of_one_hyphenated_compound_is_a_heading():
    head = "<meta property='og:title' content='Apfel-Zimt-Schnecken von backfee77 | Backportal'>"
    body = "<main><h1>Apfel-Zimt-Schnecken</h1><p>Den Teig eine Stunde gehen lassen.</p></main>"
    assert _title(head, body) == "Apfel-Zimt-Schnecken"


def test_a_site_name_with_a_separator_of_its_own_is_cut_from_the_title():
    head = "<title>Sombrero Figuren - Tanz-Figuren - Rueda in Hamburg</title>"
    body = ("<div id='header'><h1><a href='/'><span>Tanz-Figuren - Rueda in Hamburg</span></a></h1></div>"
            "<div id='content'><p>Der Sombrero beginnt nach dem Grundschritt.</p></div>")
    assert _title(head, body) == "Sombrero Figuren"


def test_a_kicker_on_its_own_line_before_a_br_is_not_the_headline():
    head = "<meta property='og:title' content='Übung der Woche | Intervalle mit Paddles - SCHWIMMEN.DE'>"
    body = ("<article><h1 class='single-post-title'><span itemprop='headline'><small>Übung der Woche</small>"
            "<br>Intervalle mit Paddles</span></h1><p>Vier mal hundert Meter.</p></article>")
    assert _title(head, body) == "Intervalle mit Paddles"


def test_wordpress_blog_archive_label_is_cut_from_the_title():
    head = "<title>Kabelsalat.de  &raquo; Blog Archiv   &raquo; Fotos im Netzwerk teilen</title>"
    body = ("<div id='header'><h1><a href='https://kabelsalat.example/'>Kabelsalat.de</a></h1></div>"
            "<div class='post'><p>Ein Medienserver im Keller reicht.</p></div>")
    assert _title(head, body, "https://kabelsalat.example/2013/fotos/") == "Fotos im Netzwerk teilen"


def test_a_web_archive_snapshot_links_its_logo_to_the_archived_home_page():
    snapshot = "https://web.archive.org/web/20090101000000/http://www.kurzblog.example/"
    head = "<title>Warum Kurzes wirkt | KurzBlogger</title>"
    body = (f"<div id='header'><h1><a href='{snapshot}'>KurzBlogger</a></h1></div>"
            "<div class='post'><h2>Warum Kurzes wirkt</h2><p>Weil es kurz ist.</p></div>")
    assert _title(head, body, snapshot + "2008/07/warum/") == "Warum Kurzes wirkt"


@pytest.mark.parametrize(("url", "shown"), [
    ("https://web.archive.org/web/20140109030403/http://blog.example.com/2013/12/a/", "http://blog.example.com/2013/12/a/"),
    ("https://web.archive.org/web/20140109030403im_/https://cdn.example.com/i.png", "https://cdn.example.com/i.png"),
    ("https://web.archive.org/web/2014/example.com/a", "http://example.com/a"),
    ("/web/20090101000000/http://www.example.org/", "http://www.example.org/"),  # a snapshot's own link
    ("https://www.example.com/web/20140109/story", "https://www.example.com/web/20140109/story"),
    ("https://www.example.com/news/20140109/story", "https://www.example.com/news/20140109/story"),
])
def test_archived_original(url, shown):
    assert archived_original(url) == shown


@pytest.mark.parametrize("mark", ["[&gt;", "&raquo;", "&gt;&gt;", "&#8250;"])
def test_a_themes_marks_before_the_heading_are_no_part_of_the_headline(mark: str) -> None:
    head = "<title>harbourdesign.example // &raquo; Anna Berg</title>"
    body = f"<div class='content'><h2>{mark} Anna Berg</h2><p>Anna Berg, born 1977 in Kiel, designs lighthouses.</p></div>"
    assert _title(head, body) == "Anna Berg"


def test_a_hashtag_headline_keeps_its_mark() -> None:
    head = "<meta property='og:title' content='#MeToo, five years on'>"
    body = "<main><h1>#MeToo, five years on</h1><p>The movement changed how harbours hire.</p></main>"
    assert _title(head, body) == "#MeToo, five years on"


@pytest.mark.parametrize("title", ["长江大桥完成检修_华东日报", "长江大桥完成检修｜华东日报", "长江大桥完成检修－华东日报"])
def test_a_chinese_site_name_set_apart_without_spaces_is_cut_from_the_title(title):
    head = f"<title>{title}</title><meta property='og:site_name' content='华东日报'>"
    assert _title(head, "<div class='article'><p>长江大桥检修工程于本周完成，交通恢复正常。</p></div>") == "长江大桥完成检修"


def test_a_hyphen_inside_a_latin_title_is_no_separator():
    head = "<title>Ferry-fares rise in spring - Harbour Post</title><meta property='og:site_name' content='Harbour Post'>"
    assert _title(head, "<div class='article'><p>Fares rise.</p></div>") == "Ferry-fares rise in spring"
