"""Paragraphs a page sets apart with line breaks (``text<br><br>text``) instead of ``<p>`` elements.

Old community sites and hand-written pages type a story as one run of text with a blank line between
paragraphs. trafilatura's passes look for paragraphs; on a page without any, the main pass finds
nothing and its fallback takes the whole page's text: the menus, calendars and classifieds around the
story. Where a page has (almost) no paragraph text, each run of inline text between two or more
consecutive ``<br>``s becomes a ``<p>``, as a browser shows it, so the story is paragraphs again.
(Readability does the same for the same reason.)
"""
from __future__ import annotations

from lxml.html import HtmlElement

from crawler.common.tree import INLINE_TAGS

PAGE_PARAGRAPH_MAX_CHARS = 400
"""A page with at least this much paragraph text is left as it is."""
RUN_MIN_CHARS = 80
"""A run of this many characters is a paragraph of prose, not a menu's or a calendar's line..."""
MIN_PROSE_RUNS = 2
"""... and an element with at least this many such runs is a story set with line breaks."""
_INLINE = INLINE_TAGS | {"a", "br", "img", "code", "time", "cite", "dfn", "kbd", "var"}
_BOX_TAGS = {"table", "div"}
"""The blocks an inline element around a story may hold between its runs: a fact box's table."""


def paragraphs_from_breaks(tree: HtmlElement, paragraph_chars: int) -> int:
    """Make each run of text between ``<br><br>`` a paragraph, in the elements of inline content
    only (or inline elements that hold a box too, ``_BOX_TAGS``) that hold ``MIN_PROSE_RUNS`` runs of
    prose, when the page's paragraph text (``paragraph_chars``) is under ``PAGE_PARAGRAPH_MAX_CHARS``;
    returns how many paragraphs."""
    if paragraph_chars >= PAGE_PARAGRAPH_MAX_CHARS:
        return 0
    made = 0
    parents = {br.getparent() for br in tree.iter("br")} - {None}
    for parent in parents:
        blocks = [child for child in parent if _is_block_child(child)]
        # (an inline element around the story, a <font> in a layout cell, may hold a fact box's table
        # (a <div> once its layout is unwrapped): the box stays a block between the paragraphs; other
        # blocks (an embed's <iframe>), or blocks in another element, are a layout's)
        if blocks and (parent.tag not in _INLINE or any(block.tag not in _BOX_TAGS for block in blocks)):
            continue
        runs = _runs(parent)
        if sum(1 for lead, nodes in runs if not _is_block(lead, nodes) and _length(lead, nodes) >= RUN_MIN_CHARS) >= MIN_PROSE_RUNS:
            made += _rebuild(parent, runs)
    return made


def _runs(parent: HtmlElement) -> list[tuple[str, list[HtmlElement]]]:
    """The element's content split at each group of two or more ``<br>``s (with nothing but blank
    space between them): each run's leading text and its nodes (which keep their tails)."""
    runs: list[tuple[str, list[HtmlElement]]] = [(parent.text or "", [])]
    children = list(parent)
    i = 0
    while i < len(children):
        if _is_block_child(children[i]):
            runs.append(("", [children[i]]))
            runs.append((children[i].tail or "", []))  # (the block's tail opens the next run)
            i += 1
            continue
        j = i  # the group of breaks from i: each one after a break with nothing but space after it
        while j < len(children) and children[j].tag == "br" and (j == i or _blank(children[j - 1].tail)):
            j += 1
        if j - i >= 2:
            runs.append((children[j - 1].tail or "", []))  # the text after the last break opens the next run
            i = j
            continue
        runs[-1][1].append(children[i])
        i += 1
    return runs


def _is_block_child(child: HtmlElement) -> bool:
    return isinstance(child.tag, str) and child.tag not in _INLINE


def _is_block(lead: str, nodes: list[HtmlElement]) -> bool:
    """A run that is one block child of the element, kept as it is."""
    return not lead and len(nodes) == 1 and _is_block_child(nodes[0])


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


def _length(lead: str, nodes: list[HtmlElement]) -> int:
    return len(" ".join((lead + "".join(node.text_content() + (node.tail or "") for node in nodes)).split()))


def _rebuild(parent: HtmlElement, runs: list[tuple[str, list[HtmlElement]]]) -> int:
    for child in list(parent):
        parent.remove(child)  # (a removed element keeps its tail; the runs hold what is kept)
    parent.text = None
    made = 0
    for lead, nodes in runs:
        if _is_block(lead, nodes):
            nodes[0].tail = None  # (its tail opens the next run)
            parent.append(nodes[0])
            continue
        if not _length(lead, nodes):
            continue
        paragraph = parent.makeelement("p")
        paragraph.text = lead
        for node in nodes:
            paragraph.append(node)
        paragraph.tail = "\n"
        parent.append(paragraph)
        made += 1
    return made
