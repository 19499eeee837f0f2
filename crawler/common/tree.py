"""Ancestor tests on lxml trees: where an element sits; which tags run inline; what a blockquote embeds."""
from __future__ import annotations

from lxml import etree

INLINE_TAGS = frozenset({
    "b", "i", "em", "strong", "u", "s", "small", "sup", "sub", "mark", "font", "abbr", "wbr", "q", "span", "bdi", "bdo",
    "ruby", "rb",
})
"""Tags a browser shows inside the line of text around them (links apart: each reader says whether it
counts them)."""


def is_inside(elem: etree._Element, container: etree._Element) -> bool:
    """True if ``elem`` is ``container`` or one of its descendants."""
    node = elem
    while node is not None:
        if node is container:
            return True
        node = node.getparent()
    return False


def has_ancestor(elem: etree._Element, tags: str | tuple[str, ...]) -> bool:
    """True if an element above ``elem`` (not ``elem`` itself) has one of the ``tags``."""
    wanted = (tags,) if isinstance(tags, str) else tags
    node = elem.getparent()
    while node is not None:
        if node.tag in wanted:
            return True
        node = node.getparent()
    return False


SOCIAL_EMBED_CLASSES = ("twitter-tweet", "instagram-media", "tiktok-embed", "reddit-embed", "bluesky-embed")
"""The classes of a ``<blockquote>`` that a social network's embed script makes a post of."""


def is_social_embed(quote: etree._Element) -> bool:
    """Whether a ``<blockquote>``'s class makes it a social network's embedded post."""
    classes = quote.get("class") or ""
    return any(name in classes for name in SOCIAL_EMBED_CLASSES)
