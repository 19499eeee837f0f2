"""Markup around a story's words that trafilatura removes together with the words.

trafilatura cleans ``<time>`` out of the tree whole (its ``MANUALLY_CLEANED``), so "The consultation
opens on <time>6 June</time> and runs for six weeks" would lose its date. A ``<time>`` that is part
of a sentence, a list item or a table cell gives its words to the text around it; one that stands
alone (a byline's or a teaser's date) is left to the metadata and to trafilatura.

trafilatura also discards every hidden element (``display: none``, ``aria-hidden``, a "hidden"
class), and with them the second half of a story that a "Read more" button folds away.
"""
from __future__ import annotations

from lxml.etree import XPath
from lxml.html import HtmlElement

_TEXT_PARENTS = {"p", "li", "td", "th", "dd", "blockquote", "em", "strong", "b", "i", "span", "a", "q", "cite"}
_MIN_SURROUNDING_CHARS = 15
"""A sentence around the date: more than a label such as "By Jane Doe, " or "Updated"."""


def keep_inline_times(tree: HtmlElement) -> int:
    """Unwrap each ``<time>`` that sits inside running text; returns how many."""
    kept = 0
    for time in list(tree.iter("time")):
        parent = time.getparent()
        if parent is None or parent.tag not in _TEXT_PARENTS or len(time):
            continue
        if len(parent.text_content()) - len(time.text_content()) >= _MIN_SURROUNDING_CHARS:
            time.drop_tag()  # its text and tail join the parent's text
            kept += 1
    return kept


# the hidden elements that hold paragraphs, in the forms trafilatura discards
_HIDDEN_WITH_PARAGRAPHS = XPath(
    "//p/parent::*[contains(@style, 'none') or contains(@style, 'hidden') or @aria-hidden='true'"
    " or contains(@class, ' hid') or contains(@class, ' hide') or contains(@id, 'hidden')]")
_MIN_PARAGRAPH_CHARS = 80


def reveal_folded_text(tree: HtmlElement) -> int:
    """Unhide the paragraphs a "Read more" button folds away: a hidden element whose paragraphs continue
    visible ones beside it (a sibling paragraph of the story's body). A hidden box elsewhere (a mobile
    copy, a dialog, a menu) is left hidden. Returns how many were revealed."""
    revealed = 0
    for elem in _HIDDEN_WITH_PARAGRAPHS(tree):
        if not _has_long_paragraph(elem) or not any(_has_long_paragraph(box, but=elem) for box in _boxes_around(elem)):
            continue
        for attr in ("style", "aria-hidden", "id"):
            elem.attrib.pop(attr, None)
        classes = [name for name in (elem.get("class") or "").split() if "hid" not in name and "hide" not in name]
        elem.set("class", " ".join(classes))
        revealed += 1
    return revealed


def _has_long_paragraph(elem: HtmlElement, but: HtmlElement | None = None) -> bool:
    return any(p is not but and len(p.text_content()) >= _MIN_PARAGRAPH_CHARS for p in elem.iterchildren("p"))


def _boxes_around(elem: HtmlElement) -> list[HtmlElement]:
    """The element's parent and grandparent (the button's wrapper sits between it and the body)."""
    parent = elem.getparent()
    return [] if parent is None else [parent] + ([parent.getparent()] if parent.getparent() is not None else [])
