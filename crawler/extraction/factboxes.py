"""Boxes set between a story's paragraphs that are part of the story: a fact box, "Zur Person", a
context box, a timeline. They are ``<aside>``s, which the cleaning and trafilatura both drop as
sidebars; an aside of prose in the flow of the body's paragraphs stays, as plain blocks. An aside of
links, one with pictures or controls, or one named as furniture (related, newsletter, donate), is no
such box."""
from __future__ import annotations

import re
from collections.abc import Callable

from lxml.html import HtmlElement

from crawler.common.tree import INLINE_TAGS
from crawler.compat.xpathguards import pruned_for_names


STORY_BOX_MIN_CHARS = 200
"""A box's text of at least this many characters..."""
STORY_BOX_MIN_BLOCKS = 2
"""... in at least this many paragraphs or list items of ``BLOCK_MIN_CHARS`` or more..."""
BLOCK_MIN_CHARS = 40
_SECTION_HEADINGS = {"h2", "h3", "h4"}
STORY_BOX_MAX_LINK_SHARE = 0.2
"""... of which links hold at most this share: a box of sentences, not of links to other pages."""


NamesFurniture = Callable[[str | None, str | None], bool]
"""Whether a class/id pair names page furniture."""


def keep_story_boxes(tree: HtmlElement, body: set[HtmlElement], furniture: NamesFurniture) -> int:
    """Make each ``<aside>`` of prose inside one of the ``body`` elements, and each box of prose among
    their children that trafilatura prunes for its names ("article__embedded--ficha": "embed"), a
    plain block without those names (trafilatura drops asides and "box" names); ``furniture``:
    whether a class/id pair names page furniture. Returns how many boxes were kept."""
    kept = 0
    for box in [*tree.iter("aside"), *_pruned_after_paragraphs(body)]:
        aside = box.tag == "aside"
        if aside and not any(ancestor in body for ancestor in box.iterancestors()):
            continue
        opens_body = box.getprevious() is None and box.getparent() in body
        # (a citation box stays wherever it stands, in an aside; a named box only in the story's flow)
        if furniture(box.get("class"), box.get("id")) or not (
                is_story_box(box, furniture, opens_body) or (aside and is_reference_box(box))):
            continue
        box.tag = "div"
        for elem in (box, *(inner for inner in box.iterdescendants() if pruned_for_names(inner))):
            for attribute in ("class", "id", "role"):
                elem.attrib.pop(attribute, None)
        kept += 1
    return kept


_NAMED_BOXES = {"div", "section"}


def _pruned_after_paragraphs(body: set[HtmlElement]) -> list[HtmlElement]:
    """The ``body`` elements' children right after a ``<p>`` that trafilatura prunes for their names
    (``is_story_box`` reads the rest of where they stand)."""
    found = []
    for elem in body:
        before = None
        for child in elem:
            tag = child.tag
            if before == "p" and tag in _NAMED_BOXES and pruned_for_names(child):
                found.append(child)
            before = tag
    return found


def is_story_box(box: HtmlElement, furniture: NamesFurniture = lambda class_value, id_value: False,
                 opens_body: bool = False) -> bool:
    """Whether a box holds prose or labelled facts and stands in the story's flow (after a paragraph,
    or opening the body, as a summary's "Key takeaways" does; a box of prose also before a paragraph
    or the next section's heading, past boxes named as ``furniture``): enough text, in paragraphs or list items
    of sentences, or items of labelled facts ("Address: ...", "Opening hours: ..."); few links; no
    picture or control (a gallery, a paywall's or a campaign's box: the boxes that close a body or
    hold its media are not its text)."""
    previous = box.getprevious()
    while previous is not None and furniture(previous.get("class"), previous.get("id")):
        previous = previous.getprevious()  # (an ad slot between the story and the box)
    if not (opens_body or _is_paragraph(_edge_block(previous, -1))):
        return False
    following = box.getnext()
    while following is not None and furniture(following.get("class"), following.get("id")):
        following = following.getnext()  # (an ad slot or a promotion between the box and the story)
    before_story = _is_paragraph(_edge_block(following, 0)) or (following is not None and following.tag in _SECTION_HEADINGS)
    if next(box.iter("img", "picture", "figure", "form", "input", "button", "iframe", "video"), None) is not None:
        return False
    text = box.text_content()
    linked = sum(len(link.text_content()) for link in box.iter("a"))
    if linked > STORY_BOX_MAX_LINK_SHARE * len(text):
        return False
    items = [" ".join(block.text_content().split()) for block in box.iter("p", "li", "dd")]
    if sum(1 for item in items if _LABELLED.match(item)) >= STORY_BOX_MIN_BLOCKS:
        # labelled facts close a review as well ("Director: ...", "Address: ..."), before its map
        return len(text.strip()) >= FACTS_MIN_CHARS
    if not (before_story or _tells_the_method(box)) or len(text.strip()) < STORY_BOX_MIN_CHARS:
        return False
    return sum(1 for item in items if len(item) >= BLOCK_MIN_CHARS) >= STORY_BOX_MIN_BLOCKS


# a data story's note on its method, which may close the story ("How we did this", "Methodology",
# "So haben wir gerechnet", "Cómo lo hemos hecho")
_METHOD_TITLE = re.compile(
    r"^\W*(?:how\s+we\s+(?:did\s+(?:this|it)|reported\s+(?:this|the)\s+story|got\s+(?:the|these)\s+(?:numbers|data)"
    r"|analy[sz]ed\s+the\s+data)|(?:our\s+|the\s+)?methodology|about\s+(?:the|this)\s+(?:data|analysis)"
    r"|so\s+haben\s+wir\s+(?:gerechnet|recherchiert|gearbeitet)|methodik|c[óo]mo\s+lo\s+(?:hemos\s+)?hecho"
    r"|m[ée]thodologie|notre\s+m[ée]thode|metodolog[íi]a|come\s+abbiamo\s+(?:fatto|lavorato))\b", re.IGNORECASE)


def _tells_the_method(box: HtmlElement) -> bool:
    """Whether the box's title says it is the story's note on its method."""
    title = next((elem for elem in box.iter("h2", "h3", "h4", "h5", "h6", "strong", "b", "p") if elem.text_content().strip()), None)
    return title is not None and bool(_METHOD_TITLE.match(title.text_content().strip()))


_LABELLED = re.compile(r"^[^\W\d][\w .'’/&-]{1,28}:\s*\S.{2,}")
"""A labelled fact: a short label, a colon, a value ("Opening hours: 10am to 6pm")."""
FACTS_MIN_CHARS = 60


def _edge_block(elem: HtmlElement | None, end: int) -> HtmlElement | None:
    """``elem``, or the paragraph at its ``end`` (0: first, -1: last) when it is a <div> of the story's
    paragraphs (a component that wraps the prose between boxes: "<div class='prose'><p>...</p></div>")."""
    if elem is not None and elem.tag == "div" and len(elem) and elem[end].tag == "p":
        return elem[end]
    return elem


def _is_paragraph(elem: HtmlElement | None) -> bool:
    """A paragraph of the story: a <p>, or a <div> of inline content only (a framework's paragraph,
    "<div class='paragraph svelte-1x2y'>")."""
    if elem is None or (elem.tag != "p" and not (elem.tag == "div" and all(
            not isinstance(child.tag, str) or child.tag in INLINE_TAGS for child in elem))):
        return False
    return len(elem.text_content().strip()) >= BLOCK_MIN_CHARS


_CITATION = re.compile(r"\bdoi\s*:\s*10\.\d{4,}/|\bdoi\.org/10\.\d{4,}/|\(\d{4}\)\s*[:.]\s*\S[^.]{10,}\.\s+\S", re.IGNORECASE)
"""A reference to a paper: a DOI, or "Authors (2024): Title. Journal ..."."""
REFERENCE_MAX_CHARS = 1500


def is_reference_box(box: HtmlElement) -> bool:
    """A box that cites the study the story reports ("Original publication", "Originalpublikation"),
    wherever it stands in the body: a DOI or a citation, in a short box without pictures or controls."""
    text = " ".join(box.text_content().split())
    if len(text) > REFERENCE_MAX_CHARS or next(box.iter("img", "picture", "form", "input", "button", "iframe"), None) is not None:
        return False
    hrefs = " ".join(link.get("href") or "" for link in box.iter("a"))
    return bool(_CITATION.search(text) or _CITATION.search(hrefs))
