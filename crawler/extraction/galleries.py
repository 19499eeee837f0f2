"""Captions: page furniture beside a story, the story itself in a slideshow.

A photo's caption repeats or credits what the article says; the cleaning removes it. A gallery's
captions are its text: when they hold most of the page's prose they stay, as plain blocks.
"""
from __future__ import annotations

from lxml.html import HtmlElement

from crawler.compat.xpathguards import pruned_for_names
from crawler.extraction.classnames import names_any

CAPTION_TOKENS = frozenset(
    "caption wp-caption-text caption-text figcaption cutline photo-caption image-caption media-caption figure-caption".split()
)
"""Class and id tokens of a caption (matched as whole tokens, and as a BEM element: "slide__caption")."""
GALLERY_SHARE = 0.5
"""Captions holding more than this share of the page's paragraph text are a gallery's story, not furniture."""
CAPTION_PROSE = 40
"""A caption of this many characters, without paragraphs of its own, counts as a paragraph of a gallery."""


def is_caption(elem: HtmlElement) -> bool:
    return elem.tag == "figcaption" or names_any(elem.get("class"), elem.get("id"), CAPTION_TOKENS)


def tell_the_story(captions: list[HtmlElement], held: dict[HtmlElement, int], total: int) -> bool:
    """Whether the captions hold most of the page's paragraph text (``held``/``total``: the paragraph
    text map): a slideshow whose captions are ``<p>``s, or whose captions are bare blocks of prose
    (two or more) beside less paragraph text."""
    if hold_the_paragraphs(captions, held, total):
        return True
    size = sum(held.get(elem, 0) for elem in captions)
    bare = [length for elem in captions if elem not in held and (length := len(elem.text_content())) >= CAPTION_PROSE]
    return len(bare) >= 2 and size + sum(bare) > total


def hold_the_paragraphs(captions: list[HtmlElement], held: dict[HtmlElement, int], total: int) -> bool:
    """Whether captions written as ``<p>``s hold most of the page's paragraph text: a slideshow for
    certain (bare captions beside little paragraph text may be a story's embedded gallery on a page
    whose story is in ``<div>``s)."""
    return sum(held.get(elem, 0) for elem in captions) > total * GALLERY_SHARE


def unwrap_figure(caption: HtmlElement, slideshow: bool = False) -> None:
    """Make a caption and its figure plain blocks, and take the names off the caption's text and the
    figure: trafilatura drops figures, "caption" classes and every class holding "slide" or "meta"
    ("gallery-slide", "slide__text"), which a slideshow's markup is full of. In a ``slideshow`` (its
    captions hold most of the paragraphs), also off the caption's wrappers that trafilatura prunes
    for their names ("paragraph--type--gallery-slide", "gallery-slide__meta")."""
    wrappers = [elem for elem in caption.iterancestors()
                if elem.tag == "figure" or (slideshow and pruned_for_names(elem))]
    for elem in (*caption.iter(), *wrappers):
        if not isinstance(elem.tag, str):
            continue
        for attribute in ("class", "id"):
            elem.attrib.pop(attribute, None)
        if elem.tag in ("figcaption", "figure"):
            elem.tag = "div"
