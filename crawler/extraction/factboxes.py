"""Boxes set between a story's paragraphs that are part of the story: a fact box, "Zur Person", a
context box, a timeline. They are ``<aside>``s, which the cleaning and trafilatura both drop as
sidebars; an aside of prose in the flow of the body's paragraphs stays, as plain blocks. An aside of
links, one with pictures or controls, or one named as furniture (related, newsletter, donate), is no
such box."""
from __future__ import annotations

from lxml.html import HtmlElement

from crawler.extraction.classnames import names_any

STORY_BOX_MIN_CHARS = 200
"""A box's text of at least this many characters..."""
STORY_BOX_MIN_BLOCKS = 2
"""... in at least this many paragraphs or list items of ``BLOCK_MIN_CHARS`` or more..."""
BLOCK_MIN_CHARS = 40
_SECTION_HEADINGS = {"h2", "h3", "h4"}
STORY_BOX_MAX_LINK_SHARE = 0.2
"""... of which links hold at most this share: a box of sentences, not of links to other pages."""


def keep_story_boxes(tree: HtmlElement, body: set[HtmlElement], furniture: frozenset[str]) -> int:
    """Make each ``<aside>`` of prose inside one of the ``body`` elements a plain block without names
    (trafilatura drops asides and "box" names); ``furniture``: class and id tokens that name page
    furniture. Returns how many boxes were kept."""
    kept = 0
    for aside in list(tree.iter("aside")):
        if not any(ancestor in body for ancestor in aside.iterancestors()):
            continue
        if names_any(aside.get("class"), aside.get("id"), furniture) or not is_story_box(aside):
            continue
        aside.tag = "div"
        for attribute in ("class", "id", "role"):
            aside.attrib.pop(attribute, None)
        kept += 1
    return kept


def is_story_box(box: HtmlElement) -> bool:
    """Whether a box holds prose and stands in the story's flow (after a paragraph, before a paragraph
    or the next section's heading): enough text, in paragraphs or list items of sentences, few links,
    no picture or control (a gallery, a paywall's or a campaign's box: the boxes that close a body or
    hold its media are not its text)."""
    following = box.getnext()
    if not (_is_paragraph(box.getprevious()) and (_is_paragraph(following) or (
            following is not None and following.tag in _SECTION_HEADINGS))):
        return False
    if next(box.iter("img", "picture", "figure", "form", "input", "button", "iframe", "video"), None) is not None:
        return False
    text = box.text_content()
    if len(text.strip()) < STORY_BOX_MIN_CHARS:
        return False
    blocks = sum(1 for block in box.iter("p", "li") if len(block.text_content().strip()) >= BLOCK_MIN_CHARS)
    if blocks < STORY_BOX_MIN_BLOCKS:
        return False
    linked = sum(len(link.text_content()) for link in box.iter("a"))
    return linked <= STORY_BOX_MAX_LINK_SHARE * len(text)


def _is_paragraph(elem: HtmlElement | None) -> bool:
    return elem is not None and elem.tag == "p" and len(elem.text_content().strip()) >= BLOCK_MIN_CHARS
