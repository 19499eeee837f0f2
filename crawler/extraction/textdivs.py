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


_BODY_BLOCKS = {"p", "ul", "ol"}
_BOX_DEPTH = 2
_PICTURES = ("img", "picture", "video", "figure")
_SPACERS = {"div", "p", "br"}


def _beside_paragraph(div: HtmlElement, main: HtmlElement) -> bool:
    """Whether the div sits between the body's paragraphs (a ``<p>`` is its next or previous
    element), or the box it fills (``_box_of``) between the body's blocks (a paragraph or a list).
    (A bare div beside a list stays: converting a body of divs in part would tip trafilatura's
    choice between its paragraphs and its divs.)"""
    box = _box_of(div, main)
    blocks = _BODY_BLOCKS if box is not div else ("p",)
    return any(sibling is not None and sibling.tag in blocks for sibling in (_neighbour(box, -1), _neighbour(box, 1)))


def _neighbour(elem: HtmlElement, step: int) -> HtmlElement | None:
    """The previous (-1) or next (1) sibling element, past empty spacers (a ``<div><br></div>`` or
    ``<p>&nbsp;</p>`` between two paragraphs; a ``<hr>`` is a break between parts, not a spacer)."""
    sibling = elem.getprevious() if step < 0 else elem.getnext()
    while sibling is not None and (not isinstance(sibling.tag, str) or (
            sibling.tag in _SPACERS and not _has_words(sibling.text_content())
            and next(sibling.iter(*_PICTURES), None) is None)):
        sibling = sibling.getprevious() if step < 0 else sibling.getnext()
    return sibling


def _box_of(div: HtmlElement, main: HtmlElement) -> HtmlElement:
    """The box around the div whose other children show no words and no picture (a callout card's
    emoji beside its text; beside a photo, the text is its caption), climbed at most ``_BOX_DEPTH``
    levels; else the div."""
    node = div
    for _ in range(_BOX_DEPTH):
        parent = node.getparent()
        if parent is None or parent is main or _has_words(parent.text) or any(
                child is not node and (_has_words(child.text_content()) or _has_words(child.tail)
                                       or next(child.iter(*_PICTURES), None) is not None)
                for child in parent if isinstance(child.tag, str)):
            break
        node = parent
    return node


def _has_words(text: str | None) -> bool:
    return bool(text) and any(char.isalnum() for char in text)


def _lines_of_paragraphs(div: HtmlElement) -> bool:
    """Whether the div sets paragraphs apart by line breaks (``text<br><br>text``), its first line and
    another a sentence's length: trafilatura may keep the text after the breaks and drop the first."""
    return _is_long(div.text) and any(_is_long(br.tail) for br in div.iterchildren("br"))


def _is_long(text: str | None) -> bool:
    return bool(text) and len(text.strip()) >= SENTENCE_MIN_CHARS


def divs_as_paragraphs(main: HtmlElement | None) -> int:
    """Retag as ``<p>`` each div inside the body container ``main`` that holds a sentence (ended as
    one) in inline markup only, next to one of its paragraphs or lists (or in a box that is), or
    set apart by blank lines; returns how many."""
    if main is None or next(main.iter("p"), None) is None:
        return 0
    made = 0
    for div in list(main.iter("div")):
        if div is main or any(child.tag not in _INLINE for child in div if isinstance(child.tag, str)):
            continue
        text = " ".join(div.text_content().split())
        if not _has_words(text):
            continue
        linked = sum(len(" ".join(a.text_content().split())) for a in div.iter("a"))
        # (a headline linking to another story is a teaser, not a sentence of this one)
        if linked > len(text) * LINKED_MAX_SHARE:
            continue
        sentence = len(text) >= SENTENCE_MIN_CHARS and text[-1] in _SENTENCE_END
        if sentence and (_beside_paragraph(div, main) or _lines_of_paragraphs(div)):
            div.tag = "p"
            made += 1
    return made
