"""One parse per page: decoded text to an lxml tree that every later step shares."""
from __future__ import annotations

from lxml.html import HtmlElement
from trafilatura.utils import load_html

from .errors import NotAnArticle


def parse_html(text: str, url: str | None = None) -> HtmlElement:
    """Parse the page once; raise NotAnArticle when it is not HTML at all."""
    try:
        tree = load_html(text)
    except (ValueError, TypeError) as exc:  # lxml refuses some inputs outright
        raise NotAnArticle("not_html", url, str(exc)) from exc
    if tree is None or not isinstance(tree, HtmlElement):
        raise NotAnArticle("not_html", url)
    return tree
