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
