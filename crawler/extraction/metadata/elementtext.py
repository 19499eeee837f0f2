"""What an element shows and what it is called: its visible text as a reader sees it (``squash``,
``element_text``) and its class/id names (``class_id``)."""
from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from lxml.html import HtmlElement

from crawler.common.tree import INLINE_TAGS

# (the zero-width joiner and non-joiner stay after a letter of another script: they shape Persian and
# Indic words, "دوچرخه\u200cسواری", and join emoji; after an ASCII letter they are noise)
_INVISIBLE_MARKS = re.compile("[\u00ad\u200b\u2060\ufeff]|(?<![^\x00-\x7f])[\u200c\u200d]")


def squash(text: str | None) -> str:
    """Collapse whitespace (including non-breaking spaces), drop soft hyphens and zero-width marks."""
    if not text:
        return ""
    if not text.isascii():
        text = _INVISIBLE_MARKS.sub("", text)
    return " ".join(text.split())  # (str.split's whitespace is the regex's \s, character for character)


_SKIP = {"script", "style", "noscript", "template"}
_OPEN, _CLOSE, _TAIL = range(3)


_REMEMBERED: ContextVar[dict[HtmlElement, str] | None] = ContextVar("element_texts", default=None)


@contextmanager
def remembered_texts() -> Iterator[None]:
    """Within it, ``element_text`` computes each element's text once (several metadata rules read the
    same headings and bylines); the tree must not change meanwhile."""
    token = _REMEMBERED.set({})
    try:
        yield
    finally:
        _REMEMBERED.reset(token)


def element_text(elem: HtmlElement) -> str:
    """Visible text of an element: inline tags joined as a browser shows them, block tags apart,
    without script/style contents."""
    if not len(elem):  # a leaf: its own text
        return squash(elem.text) if isinstance(elem.tag, str) and elem.tag not in _SKIP else ""
    remembered = _REMEMBERED.get()
    if remembered is None:
        return _subtree_text(elem)
    text = remembered.get(elem)
    if text is None:
        text = remembered[elem] = _subtree_text(elem)
    return text


def element_text_within(elem: HtmlElement, limit: int) -> str | None:
    """``element_text(elem)`` when it is at most ``limit`` characters long, else None; a longer text
    is read no further than shows it is too long (a date's class on a whole page's wrapper)."""
    if not len(elem):
        text = element_text(elem)
        return text if len(text) <= limit else None
    remembered = _REMEMBERED.get()
    text = remembered.get(elem) if remembered is not None else None
    if text is None:
        text = _subtree_text(elem, limit)
        if text is not None and remembered is not None:
            remembered[elem] = text
    return text if text is not None and len(text) <= limit else None


_FIRST_CHECK_PARTS = 16


def _subtree_text(elem: HtmlElement, limit: int | None = None) -> str | None:
    """The element's text; with a ``limit``, None as soon as the text read so far, squashed, is
    longer (what follows can only add to it): checked each time the pieces read have doubled."""
    parts: list[str] = []
    check_at = _FIRST_CHECK_PARTS if limit is not None else sys.maxsize
    # an explicit stack, not recursion: page-controlled nesting must not exhaust the interpreter's
    # stack (entries: open a node, close it (its trailing space and tail), or a skipped node's tail)
    stack: list[tuple[int, HtmlElement, bool]] = [(_OPEN, elem, False)]
    while stack:
        kind, node, block = stack.pop()
        if kind == _CLOSE:
            if block:
                parts.append(" ")
            if node is not elem and node.tail:
                parts.append(node.tail)
            continue
        if kind == _TAIL:
            if node.tail:
                parts.append(node.tail)
            continue
        if len(parts) >= check_at:
            if len(squash("".join(parts))) > limit:  # type: ignore[operator]
                return None
            check_at *= 2
        tag = node.tag if isinstance(node.tag, str) else ""
        # a classed <span>, or one right after another, separates byline parts ("<span class=author>A
        # </span><span class=date>"); one styling a letter or two ("Knigh<span class=spacing>t</span>") does not
        block = tag not in INLINE_TAGS or bool(tag == "span" and (len(node) or len((node.text or "").strip()) > 2) and (
            node.get("class") or _follows_span(node)))
        if block:
            parts.append(" ")
        if node.text and tag not in _SKIP and isinstance(node.tag, str):
            parts.append(node.text)
        stack.append((_CLOSE, node, block))
        for child in reversed(node):
            skipped = child.tag in _SKIP or not isinstance(child.tag, str) or _is_dialog(child)
            stack.append((_TAIL if skipped else _OPEN, child, False))
    return squash("".join(parts))


def _follows_span(node: HtmlElement) -> bool:
    """A span right after another span, nothing between them ("<span>By A, Reporter</span><span>Published
    May 8</span>"): two items of a line that its style sets apart."""
    previous = node.getprevious()
    return previous is not None and previous.tag == "span" and not previous.tail and (
        len(previous) > 0 or len((previous.text or "").strip()) > 2)


_POPUP_ROLES = {"dialog", "tooltip", "tabpanel"}


def _is_dialog(elem: HtmlElement) -> bool:
    """A hidden dialog (Bootstrap's "modal") or a panel a click or hover opens (ARIA's dialog,
    tooltip and tab panel roles: an author's card, "Search for this author in"): its text shows
    only when opened."""
    cls = elem.get("class")
    return (bool(cls) and "modal" in cls and "modal" in cls.split()) or elem.get("role") in _POPUP_ROLES


def class_id(elem: HtmlElement) -> str:
    return f"{elem.get('class', '')} {elem.get('id', '')}"
