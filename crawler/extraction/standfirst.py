"""The standfirst: the paragraph under the headline that sums the story up ("Vorspann", "chapeau",
lead), set apart from the body in the page's header and so often left out by body extraction.

It is recognised by markup, not by wording: the page declares it as its description
(``og:description`` / ``<meta name="description">``) and shows the same text to readers. A
one-sentence summary is a subheadline (a dek): like the headline, it is the record's metadata
(``description``), not its text; a standfirst of two sentences or more is the story's opening.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from lxml.etree import XPath
from lxml.html import HtmlElement

MIN_WORDS = 8
"""Shorter descriptions are labels or taglines, not a paragraph of the story."""
MIN_SENTENCES = 2
_SENTENCE_END = re.compile(r"[.!?…][\"”»“']?\s+[\"„«“']?[^\W\d_a-z]")
"""The end of a sentence: its punctuation, then the capital that starts the next one."""
_KEY_CHARS = 50
"""A text that holds the description's first characters holds the standfirst already."""


def missing_standfirst(
    description: str | None, blocks: Sequence[str], page_text: str, hidden_texts: Sequence[str]
) -> str | None:
    """The description, when it is a sentence-long paragraph that the page shows (``page_text``:
    the page's text, whitespace collapsed, of which ``hidden_texts`` are not shown: JSON-LD) and the
    extracted text (``blocks``) lacks; else None."""
    if not description:
        return None
    standfirst = " ".join(description.split())
    if len(standfirst.split()) < MIN_WORDS or standfirst.endswith(("...", "…")):
        return None  # truncated: the page's own paragraph is longer than what can be added
    if len(_SENTENCE_END.findall(standfirst)) + 1 < MIN_SENTENCES:
        return None
    if standfirst[:_KEY_CHARS] in " ".join(" ".join(blocks).split()):
        return None
    shown = page_text.count(standfirst)
    if shown:
        shown -= sum(" ".join(text.split()).count(standfirst) for text in hidden_texts)
    return standfirst if shown > 0 else None


_LEAD_NAMES = re.compile(r"(?<![a-z])(?:lead|lede|teaser|intro|standfirst|summary|abstract|chapo|chapeau|vorspann|"
                         r"entradilla|sommario|excerpt|einleitung|kurztext)(?![a-z])", re.IGNORECASE)
_ENDS_SENTENCE = re.compile(r"[.!?…][\"”»“')]?$")


def lead_paragraph(tree: HtmlElement) -> str | None:
    """The story's lead paragraph as its markup names it: the first ``<p>`` after the headline
    (``<h1>``) whose class or id, or its wrapper's (``_lead_named``), says lead, teaser, intro,
    standfirst, chapo, Vorspann..., of two
    sentences or more (eight words at least), without links in it or a linked heading beside it (a teaser
    card's excerpt has both). trafilatura drops teaser-classed paragraphs, and a lead set beside the
    body's container in the article's header is outside what it takes."""
    headline_seen = False
    for elem in tree.iter("h1", "p"):
        if elem.tag == "h1":
            headline_seen = True
            continue
        if not headline_seen:
            continue
        named = _lead_named(elem)
        if named is None:
            continue
        text = " ".join(elem.text_content().split())
        parent = named.getparent()
        if (len(text.split()) >= MIN_WORDS and _ENDS_SENTENCE.search(text) and next(elem.iter("a"), None) is None
                and len(_SENTENCE_END.findall(text)) + 1 >= MIN_SENTENCES  # (one sentence: a dek, the record's description)
                and (parent is None or not _LINKED_HEADING(parent))):
            return text
        return None  # (only the first lead-named paragraph is the story's)
    return None


def _lead_named(paragraph: HtmlElement) -> HtmlElement | None:
    """The element whose class or id names the paragraph a lead: the paragraph itself, or a wrapper
    that holds it alone (``<div class="teaser-text"><p>...</p></div>``, as news extensions of CMSs
    write it); None when neither does."""
    wrapper = paragraph.getparent()
    named = [paragraph] + ([wrapper] if wrapper is not None and len(wrapper) == 1 else [])
    for elem in named:
        names = elem.get("class"), elem.get("id")
        if (names[0] or names[1]) and _LEAD_NAMES.search(f"{names[0]} {names[1]}"):
            return elem
    return None


_LINKED_HEADING = XPath("boolean(.//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]//a)")


def missing_opening(
    description: str | None, lead: str | None, blocks: Sequence[str], page_text: str, hidden_texts: Sequence[str]
) -> list[str]:
    """The paragraphs the extracted text lacks at its opening: the declared standfirst
    (``missing_standfirst``), then the lead paragraph (``lead_paragraph``) when the page shows it
    before the text's first paragraph."""
    standfirst = missing_standfirst(description, blocks, page_text, hidden_texts)
    opening = [standfirst] if standfirst else []
    if lead and blocks and lead[:_KEY_CHARS] not in " ".join(" ".join(opening + list(blocks)).split()):
        start = page_text.find(" ".join(blocks[0].split())[:_KEY_CHARS])
        if 0 <= page_text.find(lead[:_KEY_CHARS]) < start:
            opening.append(lead)
    return opening
