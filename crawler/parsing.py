"""One parse per page: decoded text to an lxml tree that every later step shares."""
from __future__ import annotations

import re

from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from .errors import NotAnArticle

MAX_PAGE_CHARS = 16 * 1024 * 1024
"""Pages longer than this are refused before parsing (the crawl's DOWNLOAD_MAXSIZE stops them earlier)."""
MAX_ELEMENTS = 50_000
"""Trees with more elements are refused: no news page needs them, and extraction is superlinear in them."""
MAX_TAG_CHARS = 65_536
"""A start tag longer than this (thousands of attributes) makes parsing quadratic."""

_HUGE_TAG = re.compile(r"<[A-Za-z][^<>]{%d}" % MAX_TAG_CHARS)
_COUNT_ELEMENTS = XPath("count(//*)")


def parse_html(text: str, url: str | None = None) -> HtmlElement:
    """Parse the page once; raise NotAnArticle when it is not HTML at all or too large to handle."""
    if len(text) > MAX_PAGE_CHARS:
        raise NotAnArticle("too_large", url, f"{len(text)} characters (limit {MAX_PAGE_CHARS})")
    if _HUGE_TAG.search(text):
        raise NotAnArticle("too_large", url, f"a start tag longer than {MAX_TAG_CHARS} characters")
    try:
        tree = load_html(text)
    except (ValueError, TypeError) as exc:  # lxml refuses some inputs outright
        raise NotAnArticle("not_html", url, str(exc)) from exc
    if tree is None or not isinstance(tree, HtmlElement):
        raise NotAnArticle("not_html", url)
    elements = int(_COUNT_ELEMENTS(tree))
    if elements > MAX_ELEMENTS:
        raise NotAnArticle("too_large", url, f"{elements} elements (limit {MAX_ELEMENTS})")
    return tree
