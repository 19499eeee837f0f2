"""A date that opens the text right after the headline (or the byline), one in a top line just
above the headline, or a forum thread's opening post date."""
from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.common.tree import INLINE_TAGS
from crawler.extraction.metadata.candidates import Candidates
from crawler.extraction.metadata.dates.otherdates import CLOCK, COMMENT, in_teaser
from crawler.extraction.metadata.dates.parsing import SLASHED, TEXT_DATE, normalise, parse_text
from crawler.extraction.metadata.elementtext import class_id, element_text, squash
from crawler.extraction.metadata.zones import foreign_to_article, in_page_header

_LEAD_END = re.compile(r"\s*(?:$|[-\u2013\u2014|\u00b7\u2022:,)]\s*)")
_SECTION_MAX_CHARS = 40


def leading_date(found: Candidates) -> tuple[str | None, bool]:
    """A text line right after the headline that starts with a date: "29.11.2022 \u2013 Mehrfach
    hatte ...", "<div>17/02/2022</div>" under the kicker (not in a link, a list or a comment)."""
    # the heading that shows the title (an anchor of the article's region), not a logo <h1>
    headline = next((h for h in found.h1 + found.h2 if h in found.keep), None)
    if headline is None:
        # no headline among the <h1>/<h2>: the line after the visible byline ("<h5>Von Name</h5>
        # <p>(21. November 2022) Energieverbraucher ...")
        byline = next((b for b in found.bylines if b.tag not in ("meta", "link", "input")
                       and not foreign_to_article(found, b)), None)
        return _line_after(found, byline) if byline is not None else (None, False)
    date = _line_after(found, headline)
    if date[0]:
        return date
    # a top line just above the headline that holds only a date ("<div class=topline>
    # <span>06.12.2022</span></div><h1>"), or a date and the section's name ("12.05.2015 | Vereine")
    for elem in reversed(headline.xpath("preceding::*[position() <= 3]")):
        if elem.tag in ("a", "li") or in_teaser(elem):
            continue
        text = squash(elem.text)
        match = TEXT_DATE.match(text) if text[:1].isdigit() else None
        if match and match.end() < len(text):
            rest = _LEAD_END.match(text, match.end())
            match = match if rest and rest.end() > match.end() and len(text) - rest.end() <= _SECTION_MAX_CHARS else None
            text = match.group(0) if match else text
        clock = any(CLOCK.search(class_id(e)) for e in (elem, elem.getparent()) if e is not None)
        if match and not clock and not foreign_to_article(found, elem) and not in_page_header(elem, found.keep):
            return parse_text(text), bool(SLASHED.search(text))
    return None, False


def _line_after(found: Candidates, anchor: HtmlElement) -> tuple[str | None, bool]:
    """The first of the 30 elements after the anchor whose text starts with a date (also in
    parentheses: "(21. November 2022) Text ...")."""
    for elem in anchor.xpath("following::*[position() <= 30]"):
        stamp = elem.get("data-date")
        if stamp and not in_teaser(elem) and not foreign_to_article(found, elem):
            # a date the theme shows from the attribute ("content: attr(data-date)")
            date = normalise(stamp)
            if date:
                return date, bool(SLASHED.search(stamp))
        text = (elem.text or "").strip()
        if text[:1] == "(":
            text = text[1:]
        match = TEXT_DATE.match(text) if text[:1].isdigit() else None
        if not match or not _LEAD_END.match(text, match.end()) or elem.tag == "a" or not _starts_line(elem):
            continue
        if COMMENT.search(class_id(elem)) or in_teaser(elem) or foreign_to_article(found, elem):
            return None, False
        return parse_text(match.group(0)), bool(SLASHED.search(match.group(0)))
    return _first_post_date(anchor)


_SHORT_DATE = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})(?![\d.])")


def _first_post_date(headline: HtmlElement) -> tuple[str | None, bool]:
    """A forum thread: the block right after the headline is the opening post, marked up like the
    replies below it ("MtnComment", "post"); its date ("28.09.19 12:44") is the thread's."""
    post = headline.getnext()
    while post is not None and not squash(post.text_content()):
        post = post.getnext()  # empty ad slots
    if post is None or not COMMENT.search(class_id(post)) or len(element_text(post)) < 80:
        return None, False
    for elem in post.iter():
        if not isinstance(elem.tag, str) or elem.tag in ("a", "script", "style"):
            continue
        text = squash(elem.text)
        match = TEXT_DATE.match(text) or _SHORT_DATE.match(text)
        if match:
            return parse_text(match.group(0)), bool(SLASHED.search(match.group(0)))
    return None, False


def _starts_line(elem: HtmlElement) -> bool:
    """A block element, or an inline one with no text before it in its parent."""
    if elem.tag not in _INLINE_TAGS:
        return True
    parent = elem.getparent()
    return parent is not None and elem.getprevious() is None and not (parent.text or "").strip()


_INLINE_TAGS = INLINE_TAGS | {"a", "time"}
