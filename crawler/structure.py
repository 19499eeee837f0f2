"""Repairs of article structure before extraction: bodies split into chunks, social-media embeds.

Both use the paragraph-text map: how many characters of ``<p>`` text each element holds.
"""
from __future__ import annotations

from lxml.html import HtmlElement

_MIN_PARAGRAPH = 40
"""Paragraphs shorter than this (captions, labels, buttons) do not count as article text."""
_MAIN_SHARE = 0.6
"""The main container holds at least this share of the page's paragraph text."""
_CHUNK_SHARE = 0.08
"""A sibling chunk holds at least this share of the main container's paragraph text."""
_EMBED_CLASSES = ("twitter-tweet", "instagram-media", "tiktok-embed", "reddit-embed", "bluesky-embed")


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


def _signature(elem: HtmlElement) -> tuple[str, str]:
    return elem.tag, " ".join(sorted(elem.get("class", "").split()))


def _is_body_chunk(elem: HtmlElement) -> bool:
    """A piece of one article's body, not a whole post of its own (a title or an <article>)."""
    if not isinstance(elem.tag, str) or elem.tag == "article":
        return False
    return next(elem.iter("article", "h1", "h2"), None) is None


def merge_split_body(tree: HtmlElement, held: dict[HtmlElement, int], total: int) -> bool:
    """Join article bodies that templates split into sibling chunks (around ads or embeds).

    Extractors take the first element that looks like the body; when the body is cut into several
    siblings with the same tag and class, the later chunks are lost. The chunks' children are moved
    into the first chunk. Returns True when chunks were merged.
    """
    if not total:
        return False
    main = None
    for elem, size in held.items():  # the deepest element holding most of the paragraph text
        if size >= total * _MAIN_SHARE and (main is None or size <= held[main]):
            main = elem
    if main is None:
        return False
    groups: dict[tuple[str, str], list[HtmlElement]] = {}
    for child in main:
        if _is_body_chunk(child) and held.get(child, 0) >= held[main] * _CHUNK_SHARE:
            groups.setdefault(_signature(child), []).append(child)
    chunks = max(groups.values(), key=len, default=[])
    if len(chunks) < 2:
        return False
    first = chunks[0]
    for chunk in chunks[1:]:
        for child in list(chunk):
            first.append(child)
        chunk.drop_tree()
    return True


def unwrap_social_embeds(tree: HtmlElement) -> int:
    """Make quoted social-media posts look like the quotes they are.

    Embedded posts (a ``<blockquote class="twitter-tweet">`` in a wrapper named "social-embed") are
    part of the story, but extractors drop them as social widgets because of those class names.
    """
    count = 0
    for quote in tree.iter("blockquote"):
        classes = quote.get("class", "")
        if not any(name in classes for name in _EMBED_CLASSES):
            continue
        text = quote.text_content().strip()
        node: HtmlElement | None = quote
        while node is not None and node.tag not in ("body", "article") and node.text_content().strip() == text:
            for attr in ("class", "id"):
                node.attrib.pop(attr, None)
            node = node.getparent()
        count += 1
    return count
