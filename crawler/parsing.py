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
MAX_ATTRIBUTES = 2_000
"""A start tag with more attributes than this makes parsing quadratic (long values, such as data
URIs or JSON props, are harmless: only long tags are counted, by their "=" signs)."""

_LONG_TAG = re.compile(r"<[A-Za-z][^<>]{65536}")
_COUNT_ELEMENTS = XPath("count(//*)")


def parse_html(text: str, url: str | None = None) -> HtmlElement:
    """Parse the page once; raise NotAnArticle when it is not HTML at all or too large to handle."""
    if len(text) > MAX_PAGE_CHARS:
        raise NotAnArticle("too_large", url, f"{len(text)} characters (limit {MAX_PAGE_CHARS})")
    for match in _LONG_TAG.finditer(text):
        end = text.find(">", match.start())
        if text.count("=", match.start(), end if end > 0 else len(text)) > MAX_ATTRIBUTES:
            raise NotAnArticle("too_large", url, f"a start tag with more than {MAX_ATTRIBUTES} attributes")
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
