"""Lines that say "by" or "von" without naming the article's author: the site's credit to its
software, host or theme, and a sentence in bold that starts with "Von" and quotes a phrase."""
from __future__ import annotations

import lxml.html

from crawler.extraction.metadata import extract_metadata

STORY = "<h1 class='entry-title'>Harbour ferry fares rise in spring</h1><p>The ferry company said on Monday.</p>"


def _authors(head: str, body: str) -> list[str]:
    html = f"<html lang='de'><head>{head}</head><body>{body}</body></html>"
    return extract_metadata(lxml.html.document_fromstring(html), "https://blog.example.org/2024/ferry").authors


def _site(footer: str) -> str:
    # the theme's footer inside the wrapper that holds the article (not an <aside> beside it)
    return (f"<div id='page' class='site'><div id='content'><article class='post'>{STORY}</article></div>"
            f"<footer id='colophon' class='site-footer'><div class='site-info'>{footer}</div></footer></div>")


def test_a_credit_to_the_sites_software_names_no_author():
    assert _authors("", _site("<div class='site-credit'>Unterstützt von <a href='/wp'>WordPress</a> | "
                              "Theme: <a href='/t'>Plain</a> by Themeshop</div>")) == []
    assert _authors("", _site("<div id='follow-credit'><a href='/signup'>Bereitgestellt von WordPress.com</a>"
                              "</div>")) == []


def test_the_owner_named_before_the_credits_is_still_the_author():
    # the credits are cut off the line, not the line dropped: a blog's copyright line names its author
    body = (f"<div id='page'><article>{STORY}</article></div><div id='credits'><p><small>(<a href='/cc'>CC</a>) "
            "2006-2009 by Jonas Beispiel <br>Hosted by <a href='/h'>Hostfarm</a> - Theme by <a href='/t'>Themeshop</a>"
            "</small></p></div>")
    assert _authors("", body) == ["Jonas Beispiel"]


def test_a_quoted_phrase_after_von_is_no_name():
    body = (f"<article>{STORY}<p><strong>Von „Sommerfrische im Hochgebirge“ zu reden</strong> wäre übertrieben, "
            "sagt der Wirt.</p></article>")
    assert _authors("<meta name='author' content='Eva Muster'>", body) == ["Eva Muster"]
