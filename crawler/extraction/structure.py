"""Repairs of article structure before extraction: bodies split into chunks, social-media embeds,
how-to steps, and the edges of blocks that trafilatura would lose (``separate_nested_blocks``).

The body rules (and ``listings``) use the paragraph-text map: how many characters of ``<p>`` text each element holds.
"""
from __future__ import annotations

import re

from lxml.etree import _Element, iterwalk
from lxml.html import HtmlElement

from crawler.common.tree import is_inside, is_social_embed
from crawler.compat.trafilatura import BLOCK_EDGE
from crawler.extraction.listings import HEADLINE_LINKS

_MIN_PARAGRAPH = 40
"""Paragraphs shorter than this (captions, labels, buttons) do not count as article text."""
_MAIN_SHARE = 0.6
"""The main container holds at least this share of the page's paragraph text."""
_CHUNK_SHARE = 0.08
"""A sibling chunk holds at least this share of the main container's paragraph text."""
_MAX_MERGE_LEVELS = 3


def paragraph_text_map(tree: HtmlElement) -> tuple[dict[HtmlElement, int], int]:
    """Characters of paragraph text held by each element, and the page total."""
    held: dict[HtmlElement, int] = {}
    total = 0
    for para in tree.iter("p"):
        size = len(para.text_content())
        if size < _MIN_PARAGRAPH:
            continue
        total += size
        for ancestor in para.iterancestors():
            held[ancestor] = held.get(ancestor, 0) + size
    return held, total


def main_container(held: dict[HtmlElement, int], total: int) -> HtmlElement | None:
    """The deepest element holding most of the page's paragraph text (of equal holders, the first
    seen is the deepest: ancestors are recorded from the paragraph upwards)."""
    main = None
    for elem, size in held.items():
        if size >= total * _MAIN_SHARE and (main is None or size < held[main]):
            main = elem
    return main


_BOX_SHARE = 0.25
"""``<article>`` boxes inside the body container hold together less than this share of its paragraph text."""


def unmark_article_boxes(main: HtmlElement | None, held: dict[HtmlElement, int]) -> None:
    """Drop the ``<article>`` tag of boxes inside a body container that is no ``<article>`` itself.

    Without a content class to go by, trafilatura takes the page's first ``<article>`` for the body.
    When the container of most paragraph text (``main``) is not an article but holds small ones (a
    pros and cons box, a quote or fact card) that together hold little of its text, that first box
    is taken, and the body's blocks that are not paragraphs are lost. As ``<div>`` the boxes stay in
    the text, and trafilatura finds the body by its container. Teasers (a headline linking to
    another story) keep their tag: they are the page's furniture, which the cleaning deals with.
    """
    if main is None or main.tag == "article" or next(main.iterancestors("article"), None) is not None:
        return
    boxes = list(main.iterdescendants("article"))
    if not boxes or sum(held.get(box, 0) for box in boxes) >= held.get(main, 0) * _BOX_SHARE:
        return
    for box in boxes:
        if not HEADLINE_LINKS(box):
            box.tag = "div"


def drop_inset_teasers(main: HtmlElement | None, held: dict[HtmlElement, int]) -> int:
    """Remove the teasers of other stories set inside the article (an advertised story's card between
    two parts of the body): ``<article>`` boxes within the ``<article>`` around the body container
    ``main``, beside it, whose headline links to another page, holding together little of the
    article's paragraph text. Such a card brings its own content classes ("article-content"), which
    trafilatura's fast pass would take for the body. Returns the number removed."""
    outer = next(main.iterancestors("article"), None) if main is not None else None
    if outer is None:
        return 0
    teasers = [box for box in outer.iterdescendants("article") if not is_inside(main, box)
               and any(not (a.get("href") or "#").startswith("#") for a in HEADLINE_LINKS(box))]
    if not teasers or sum(held.get(box, 0) for box in teasers) >= held.get(outer, 0) * _BOX_SHARE:
        return 0
    for box in teasers:
        box.drop_tree()
    return len(teasers)


_SIDE_BLOCKS = ("h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl")
_ITEMS = ("li", "dt", "dd")
_MIN_BLOCK_CHARS = 10
_KEPT_STRUCTURE = ("head", "list")
"""trafilatura's output tags of headings and lists."""


def collapsed(text: str) -> str:
    """Text with white space collapsed and each ``BLOCK_EDGE`` mark read as a space."""
    return " ".join(text.replace(BLOCK_EDGE, " ").split())


def missing_texts(texts: list[str], body: _Element) -> list[str]:
    """Those of ``texts`` (whitespace collapsed) that trafilatura's result ``body`` does not hold."""
    found = collapsed(" ".join(body.itertext()))
    return [text for text in texts if text not in found]


def skipped_blocks(main: HtmlElement, body: _Element) -> list[str]:
    """The headings and list items of the article's container ``main`` (its own children) that a
    result without any heading or list left out: trafilatura's recovery of loose paragraphs, when
    its main pass finds no body container (or discards it for its class), keeps none of them.
    Empty when the result holds a heading or a list (then it was no such recovery)."""
    if next(body.iter(*_KEPT_STRUCTURE), None) is not None:
        return []
    texts = []
    for child in main.iterchildren(*_SIDE_BLOCKS):
        for part in child.iter(*_ITEMS) if child.tag in ("ul", "ol", "dl") else (child,):
            text = collapsed(part.text_content())
            if len(text) >= _MIN_BLOCK_CHARS:
                texts.append(text)
    return missing_texts(texts, body) if texts else []


def _signature(elem: HtmlElement) -> tuple[str, str]:
    return elem.tag, " ".join(sorted(elem.get("class", "").split()))


def _is_body_chunk(elem: HtmlElement) -> bool:
    """A piece of one article's body, not a whole post of its own (a title or an <article>)."""
    if not isinstance(elem.tag, str) or elem.tag == "article":
        return False
    return next(elem.iter("article", "h1", "h2"), None) is None


def merge_split_body(held: dict[HtmlElement, int], container: HtmlElement | None) -> bool:
    """Join article bodies that templates split into sibling chunks (around ads or embeds).

    Extractors take the first element that looks like the body; when the body is cut into several
    siblings with the same tag and class, the later chunks are lost. The chunks' children are moved
    into the first chunk, and so are the siblings between the chunks, in their places: the
    subheadings, figures and quotes that such templates wrap apart from the paragraphs. When the
    chunks were wrappers (a grid cell around each body part), the body parts that now stand side by
    side are joined in turn. ``container``: the page's ``main_container``. Returns True when chunks
    were merged.
    """
    merged = False
    for _ in range(_MAX_MERGE_LEVELS):
        if container is None:
            break
        chunks = _sibling_chunks(container, held)
        if len(chunks) < 2:
            break
        first, last = chunks[0], _last_part(chunks[-1], held)
        is_chunk = set(chunks[1:])
        between = list(first.itersiblings())
        for sibling in between[: between.index(last) + 1]:
            held[first] = held.get(first, 0) + held.get(sibling, 0)
            if sibling in is_chunk:
                _join_chunk(first, sibling)
            else:
                first.append(sibling)
        merged, container = True, first
    return merged


def _last_part(last: HtmlElement, held: dict[HtmlElement, int]) -> HtmlElement:
    """The last sibling of the body's signature that holds paragraph text, at or after the last chunk:
    a template that wraps each block apart in a named <div> ends a story with short paragraphs, each
    under a chunk's share ("Just go in knowing what you are paying for."), after its last long one."""
    signature = _signature(last)
    if last.tag not in ("div", "section") or not signature[1]:
        return last  # (chunks that are lists or bare divs are no template's block wrappers)
    for sibling in last.itersiblings():
        if _signature(sibling) == signature and held.get(sibling, 0) and _is_body_chunk(sibling):
            last = sibling
    return last


def _join_chunk(first: HtmlElement, chunk: HtmlElement) -> None:
    """Move a chunk's content to the end of the first chunk, its own leading text included. Its start
    was a block edge: a chunk that opens with text or an inline element (a search result's title link
    after the previous result's address) gets the edge mark, or the two would run together."""
    if (chunk.text and chunk.text.strip()) or (len(chunk) and chunk[0].tag not in _BLOCK_SET):
        _mark_first_text(chunk)
    if chunk.text:
        if len(first):
            first[-1].tail = (first[-1].tail or "") + chunk.text
        else:
            first.text = (first.text or "") + chunk.text
    for child in list(chunk):
        first.append(child)
    chunk.drop_tree()


def _sibling_chunks(container: HtmlElement, held: dict[HtmlElement, int]) -> list[HtmlElement]:
    """The largest group of same-signature children that each hold a share of the paragraph text."""
    groups: dict[tuple[str, str], list[HtmlElement]] = {}
    for child in container:
        if _is_body_chunk(child) and held.get(child, 0) >= held.get(container, 0) * _CHUNK_SHARE:
            groups.setdefault(_signature(child), []).append(child)
    return max(groups.values(), key=len, default=[])


def unwrap_social_embeds(tree: HtmlElement) -> int:
    """Make quoted social-media posts look like the quotes they are.

    Embedded posts (a ``<blockquote class="twitter-tweet">`` in a wrapper named "social-embed") are
    part of the story, but extractors drop them as social widgets because of those class names.
    """
    count = 0
    for quote in tree.iter("blockquote"):
        if not is_social_embed(quote):
            continue
        _unlink_post_text(quote)
        text = quote.text_content().strip()
        node: HtmlElement | None = quote
        while node is not None and node.tag not in ("body", "article") and node.text_content().strip() == text:
            for attr in ("class", "id"):
                node.attrib.pop(attr, None)
            if node.tag == "figure":
                node.tag = "div"  # (trafilatura drops a <figure> whole, the post with it)
            node = node.getparent()
        count += 1
    return count


def _unlink_post_text(quote: HtmlElement) -> None:
    """The post's own text where the embed's fallback makes it a link to the post (Instagram's
    ``<p><a href=post>caption</a></p>``): a quote's words, not a link to another page."""
    for link in list(quote.iter("a")):
        parent = link.getparent()
        text = link.text_content().strip()
        if parent is not None and parent.tag == "p" and len(text) >= _POST_TEXT_MIN_CHARS and len(parent) == 1 \
                and not (parent.text or "").strip() and not (link.tail or "").strip():
            link.drop_tag()


_POST_TEXT_MIN_CHARS = 40
"""A link of this many characters alone in a paragraph of an embedded post is the post's text; the
fallback's other links are shorter (a date) or lines the line filter knows ("View this post on
Instagram", "A post shared by ...")."""


_STEP_HEADING = re.compile(r"^\W*(?:step|schritt|[ée]tape|paso|passo|krok|stap)\s*(\d{1,2})\b", re.I)
_HEADINGS = ("h2", "h3", "h4", "h5")


def _step_wrapper(heading: HtmlElement, steps: set[HtmlElement]) -> HtmlElement:
    """The step's block: the outermost ancestor of its heading that opens with the heading and holds
    no other step heading."""
    node, opening = heading, heading.text_content().strip()
    while True:
        parent = node.getparent()
        if (
            parent is None
            or parent.tag in _NEVER_MOVED
            or not parent.text_content().lstrip().startswith(opening)
            or any(other in steps for other in parent.iter(*_HEADINGS) if other is not heading)
        ):
            return node
        node = parent


def join_howto_steps(tree: HtmlElement) -> int:
    """Gather the steps of a how-to ("Step 1", "Step 2"... headings) into the block of the first one.

    Templates often put the introduction and the first step in the article's body and the later
    steps in sibling blocks after it; extractors then stop at the body and lose the rest. Steps are
    moved only when they are numbered in order, come after the first one, and hold no headline.
    Returns the number of steps moved.
    """
    headings = [h for h in tree.iter(*_HEADINGS) if _STEP_HEADING.match(h.text_content())]
    if len(headings) < 2:
        return 0
    numbers = [int(_STEP_HEADING.match(h.text_content()).group(1)) for h in headings]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return 0
    steps = set(headings)
    wrappers = [_step_wrapper(h, steps) for h in headings]
    home = wrappers[0].getparent()
    if home is None or any(w is wrappers[0] for w in wrappers[1:]):
        return 0
    moved, last = 0, wrappers[0]
    for wrapper in wrappers[1:]:
        if wrapper.getparent() is home or wrapper.tag in _NEVER_MOVED or next(wrapper.iter("h1", "article"), None) is not None:
            last = wrapper if wrapper.getparent() is home else last
            continue
        if home in set(wrapper.iterancestors()) or any(a is wrapper for a in home.iterancestors()):
            continue
        last.addnext(wrapper)
        last, moved = wrapper, moved + 1
    return moved


_NEVER_MOVED = {"body", "html", "main", "article"}



BLOCK_TAGS = (
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
)
"""HTML's block-level elements: a browser starts a new line at either edge of each."""


def _mark_first_text(elem: HtmlElement) -> bool:
    """``BLOCK_EDGE`` before the first non-blank text of ``elem`` (its own or a descendant's, tails
    included, in reading order); False when it holds no text."""
    if elem.text and elem.text.strip():  # the usual case, without a walk
        elem.text = BLOCK_EDGE + elem.text
        return True
    if not len(elem):
        return False
    for event, node in iterwalk(elem, events=("start", "end")):
        if event == "start" and node.text and node.text.strip():
            node.text = BLOCK_EDGE + node.text
            return True
        if event == "end" and node is not elem and node.tail and node.tail.strip():
            node.tail = BLOCK_EDGE + node.tail
            return True
    return False


UNWRAPPED_TAGS = frozenset(BLOCK_TAGS) - {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "li", "dt", "dd", "table", "tr", "td", "th", "tbody",
    "thead", "tfoot", "caption", "blockquote", "pre",
}
"""Blocks trafilatura unwraps (``<div>``, ``<section>``, ``<address>``...): their edges are lost in
its output, where paragraphs, headings, lists, quotes, code and tables stay elements of their own."""
FLATTENED_TAGS = ("li", "dd", "dt", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre")
"""Elements whose content trafilatura flattens into one text (an item, a quote, a heading, code):
any block in them loses its edges there."""


def separate_nested_blocks(tree: HtmlElement) -> int:
    """Mark the edges of the blocks trafilatura would lose (``BLOCK_EDGE``), at any depth, where text
    lies on the other side: ``<li><h4>Page Inspector</h4><p>Examine…``, ``<li><div>X</div><div>Y…``,
    ``<section>X</section><section>Y</section>``; returns how many edges were marked.

    Any block boundary separates words, but trafilatura drops the edges of the blocks it unwraps,
    and of any block inside an item, a quote or a heading, so the texts on either side run together
    in its output. The mark is only added to existing text (no element or text node is created),
    and only at those edges, so what trafilatura keeps does not change."""
    body = tree.find("body")
    root = body if body is not None else tree
    inside: set[HtmlElement] = set()
    for outer in root.iter(*FLATTENED_TAGS):
        if outer not in inside and len(outer):  # the blocks of a nested one were found with its outer one
            inside.update(outer.iterdescendants(*BLOCK_TAGS))
    marked = 0
    for block in root.iterdescendants(*BLOCK_TAGS):
        if block.tag not in UNWRAPPED_TAGS and block not in inside:
            continue
        flattened = block in inside
        previous = block.getprevious()
        parent = block.getparent()
        if previous is None:
            text_before = parent is not None and bool(parent.text and parent.text.strip())
        else:
            # a paragraph, heading, list or table before it keeps its own edge in trafilatura's output
            text_before = (flattened or previous.tag in UNWRAPPED_TAGS or previous.tag not in _BLOCK_SET
                           or bool(previous.tail and previous.tail.strip()))
        if text_before:
            marked += _mark_first_text(block)
        if block.tail and block.tail.strip():
            block.tail = BLOCK_EDGE + block.tail
            marked += 1
        else:
            following = block.getnext()
            if following is not None and isinstance(following.tag, str) and following.tag not in _BLOCK_SET:
                marked += _mark_first_text(following)
    return marked


_BLOCK_SET = frozenset(BLOCK_TAGS)
