"""Elements that never hold article text, removed before anything reads the page's text: scripts,
styles, inline SVG, ``<meta>`` and ``<link>`` (once metadata has read them), and JSON-LD no page's
metadata needs (nested too deep for any parser, or longer than any page's metadata)."""
from __future__ import annotations

from collections.abc import Iterator

from lxml.html import HtmlElement

from crawler.common.jsondepth import json_too_deep

_NON_TEXT_TAGS = ("style", "svg", "script", "meta", "link", "source", "track")
"""Scripts (JSON-LD kept: trafilatura's baseline reads articleBody from it), styles, inline SVG, a
picture's or a video's alternative files (``<source>``, ``<track>``), and ``<meta>`` and ``<link>``:
the metadata has read them, no reader sees them, and a page's head holds dozens that every later
walk and trafilatura's copy of the tree would go through (three per cent of the extraction time)."""


def _document_iter(tree: HtmlElement, *tags: str) -> Iterator[HtmlElement]:
    """``tree.iter(*tags)`` over the whole document, as ``//tag`` reads it: libxml2 may leave a second
    top-level ``<html>`` beside the root (markup after ``</html>``), and ``tree`` may be a fragment's
    element. A walk in C, several times faster than the XPath."""
    root = tree.getroottree().getroot()
    for top in (*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()):
        yield from top.iter(*tags)


def drop_non_text(tree: HtmlElement) -> None:
    """Remove elements that never hold article text, once metadata has been read.

    trafilatura deletes them too, but only after copying the tree twice; inline SVG icons and
    scripts are often most of a page's nodes, so every later step gets faster.
    """
    doomed = [
        elem for elem in _document_iter(tree, *_NON_TEXT_TAGS)
        if elem.tag != "script" or "json" not in (elem.get("type") or "")
    ]
    for elem in doomed:
        elem.drop_tree()  # keeps the tail text


MAX_JSON_LD_CHARS = 1_000_000
"""A JSON-LD script longer than this is no page's metadata (a 10 MB headline, an array of 200,000
authors): it is dropped unread, as one nested too deep is."""


def drop_deep_json_ld(tree: HtmlElement) -> int:
    """Remove JSON-LD scripts nested deeper than ``MAX_JSON_DEPTH`` or longer than
    ``MAX_JSON_LD_CHARS``; returns how many.

    Only scripts with that many brackets at all are scanned (a character loop), so ordinary pages
    pay one count per script."""
    deep = [
        script for script in _document_iter(tree, "script")
        if "ld+json" in (script.get("type") or "")
        and (len(script.text or "") > MAX_JSON_LD_CHARS or json_too_deep(script.text or ""))
    ]
    for script in deep:
        script.drop_tree()
    return len(deep)
