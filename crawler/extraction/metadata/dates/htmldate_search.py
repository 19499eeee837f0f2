"""htmldate's searches: its fast mode when the markup gives no date or disagrees, and its regex
search over the page source as the very last resort."""
from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from crawler.compat.htmldate import search_page_source


def htmldate_fast(tree: HtmlElement, url: str | None) -> str | None:
    """htmldate's fast mode (its extensive search calls dateparser and costs seconds)."""
    from htmldate import find_date

    try:
        return find_date(tree, extensive_search=False, original_date=True, url=url or None)
    except Exception:  # noqa: BLE001 - htmldate fails on odd trees; a missing date is the fallback
        return None


def page_source_date(tree: HtmlElement) -> str | None:
    """htmldate's regex search over the page source, without its dateparser step (which costs
    seconds): the last resort for the few pages with no other date. None for its guess from a year
    alone (``_year_only_guess``)."""
    source = etree.tostring(tree, encoding="unicode", method="html")
    try:
        date = search_page_source(source)
    except Exception:  # noqa: BLE001 - a missing date is the fallback
        return None
    return None if date and _year_only_guess(source, date) else date


def copyright_guess(tree: HtmlElement, date: str) -> bool:
    """Whether a date htmldate found on a page without a date of its own is the first of January of
    the page's copyright year ("© 2024 Island Times"): its guess from a year alone, no day anyone
    published anything."""
    if not date[:10].endswith("-01-01"):
        return False
    year = re.compile(rf"(?:©|\(c\)|copyright)\s*(?:\d{{4}}\s*[-\u2013]\s*)?{date[:4]}\b", re.IGNORECASE)
    return bool(year.search(tree.text_content()))


def _year_only_guess(source: str, date: str) -> bool:
    """Whether a date found in the page source is the search's guess from a year alone: the first of
    January ("seit 1998", "founded 2003", "built in 2005"), with no written form of that day in the source."""
    if not date[:10].endswith("-01-01"):
        return False
    year = date[:4]
    day = re.compile(rf"{year}-01-01|0?1[./]0?1[./]{year}|\b1\.?\s+(?:jan(?:uary|uar)?|janv(?:ier)?|enero|gennaio)\.?\s+{year}"
                     rf"|\bjan(?:uary)?\.?\s+1(?:st)?,?\s+{year}", re.IGNORECASE)
    return not day.search(source)
