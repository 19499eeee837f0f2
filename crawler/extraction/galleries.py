"""Captions: page furniture beside a story, the story itself in a slideshow.

A photo's caption repeats or credits what the article says; the cleaning removes it. A gallery's
captions are its text: when they hold most of the page's prose they stay, as plain blocks.
"""
from __future__ import annotations

from lxml.html import HtmlElement

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
    size = sum(held.get(elem, 0) for elem in captions)
    if size > total * GALLERY_SHARE:
        return True
    bare = [length for elem in captions if elem not in held and (length := len(elem.text_content())) >= CAPTION_PROSE]
    return len(bare) >= 2 and size + sum(bare) > total


def unwrap_figure(caption: HtmlElement) -> None:
    """Make a caption and its figure plain blocks, and take the names off the caption's text and the
    figure: trafilatura drops figures, "caption" classes and every class holding "slide"
    ("gallery-slide", "slide__text"), which a slideshow's markup is full of."""
    for elem in (*caption.iter(), *caption.iterancestors("figure")):
        if not isinstance(elem.tag, str):
            continue
        for attribute in ("class", "id"):
            elem.attrib.pop(attribute, None)
        if elem.tag in ("figcaption", "figure"):
            elem.tag = "div"
