"""The last resort for pages without date markup: the first date written under the headline, else
in the article's own text blocks."""
from __future__ import annotations

from lxml.html import HtmlElement

from crawler.extraction.metadata.candidates import Candidates
from crawler.extraction.metadata.dates.otherdates import CLOCK, COMMENT
from crawler.extraction.metadata.dates.parsing import TEXT_DATE, parse_text
from crawler.extraction.metadata.elementtext import class_id
from crawler.extraction.metadata.zones import in_foreign_zone, in_page_header


def text_scan(found: Candidates, tree: HtmlElement) -> str | None:
    """The first date written near the headline (a dateline under the <h1>), else in the
    article's own text blocks (not in comments, sidebars, related teasers or the page header):
    the last resort for pages without date markup."""
    body = tree.find(".//body")
    root = found.article if found.article is not None else body
    if root is None:
        return None
    date = _under_headline(found, tree)
    if date:
        return date
    seen = 0
    for elem in root.iter():
        if not isinstance(elem.tag, str) or elem.tag in ("script", "style", "noscript"):
            continue
        date = _text_date(elem)
        if date is None:
            continue
        seen += 1
        if seen > 40:
            break
        if not in_foreign_zone(elem) and not in_page_header(elem, found.keep) and not CLOCK.search(class_id(elem)):
            return date
    return None


def _under_headline(found: Candidates, tree: HtmlElement) -> str | None:
    """The first date written in the 30 elements after the visible headline (a dateline)."""
    body = tree.find(".//body")
    headline = next((h for h in found.h1 if not in_foreign_zone(h)), None)
    if headline is None or body is None:
        return None
    after = 0
    started = False
    for elem in body.iter():
        if elem is headline:
            started = True
            continue
        if not started or not isinstance(elem.tag, str) or elem.tag in ("script", "style", "noscript"):
            continue
        after += 1
        if after > 30:
            break
        date = _text_date(elem)
        if date and not COMMENT.search(class_id(elem)):
            return date
    return None


def _text_date(elem: HtmlElement) -> str | None:
    """The first date written in an element's own text or tail."""
    for text in (elem.text, elem.tail):
        if text and len(text) <= 400:
            match = TEXT_DATE.search(text)
            if match:
                date = parse_text(match.group(0))
                if date:
                    return date
    return None
