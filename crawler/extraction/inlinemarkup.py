"""Markup inside running text that trafilatura removes together with the words it wraps.

trafilatura cleans ``<time>`` out of the tree whole (its ``MANUALLY_CLEANED``), so "The consultation
opens on <time>6 June</time> and runs for six weeks" would lose its date. A ``<time>`` that is part
of a sentence, a list item or a table cell gives its words to the text around it; one that stands
alone (a byline's or a teaser's date) is left to the metadata and to trafilatura."""
from __future__ import annotations

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
