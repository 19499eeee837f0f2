"""Sentences a body sets in a bare ``<div>`` between its paragraphs, made paragraphs.

trafilatura reads a body's ``<div>``s as text only when the body has little paragraph text (under
three times its minimum); otherwise a callout card, a fact-check's "The claim: ..." row or a "Tip:"
box written as ``<div>text</div>`` between the ``<p>``s is lost while the paragraphs around it stay.
Such a div holds a sentence and nothing but inline markup; as a ``<p>`` it is read as the
paragraphs around it are, and the text filters that follow judge it as any other line.
"""
from __future__ import annotations

from lxml.html import HtmlElement

from crawler.common.tree import INLINE_TAGS

SENTENCE_MIN_CHARS = 40
"""A div's text this long is a sentence, not a label ("Advertisement", "Our rating: False")."""
LINKED_MAX_SHARE = 0.5
"""... and at most this share of it is link text."""
_INLINE = INLINE_TAGS | {"a", "br", "code", "time", "cite", "dfn", "kbd", "var"}


_SENTENCE_END = set(".!?…:\"”»)")


def _beside_paragraph(div: HtmlElement) -> bool:
    """Whether the div sits between the body's paragraphs: a ``<p>`` is its next or previous element."""
    return any(sibling is not None and sibling.tag == "p" for sibling in (div.getprevious(), div.getnext()))


def divs_as_paragraphs(main: HtmlElement | None) -> int:
    """Retag as ``<p>`` each div inside the body container ``main`` that holds a sentence (ended as
    one) in inline markup only, next to one of its paragraphs; returns how many."""
    if main is None or next(main.iter("p"), None) is None:
        return 0
    made = 0
    for div in list(main.iter("div")):
        if div is main or any(child.tag not in _INLINE for child in div if isinstance(child.tag, str)):
            continue
        text = " ".join(div.text_content().split())
        linked = sum(len(" ".join(a.text_content().split())) for a in div.iter("a"))
        # (a headline linking to another story is a teaser, not a sentence of this one)
        if len(text) >= SENTENCE_MIN_CHARS and linked <= len(text) * LINKED_MAX_SHARE and text[-1] in _SENTENCE_END \
                and _beside_paragraph(div):
            div.tag = "p"
            made += 1
    return made
