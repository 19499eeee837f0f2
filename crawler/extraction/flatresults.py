"""A flat result (trafilatura's fallback: one block of text) and when the full pass's result beats it."""
from __future__ import annotations

from lxml.html import HtmlElement

FLAT_MIN_CHARS = 500
"""A result of this many characters in one block is flat: trafilatura's fallback when its main pass
kept too little of the body it chose (a JSON-LD ``articleBody`` or the page's text run together:
paragraphs lost, an inset teaser's headline run into them). The full pass then runs, and its result
wins when it is structured (``STRUCTURED_MIN_BLOCKS`` blocks) and about as long (``STRUCTURED_MIN_SHARE``)."""
STRUCTURED_MIN_BLOCKS = 3
STRUCTURED_MIN_SHARE = 0.8


def is_flat(body: HtmlElement | None, found: int) -> bool:
    return body is not None and found >= FLAT_MIN_CHARS and len(body) <= 1


def is_structured(body: HtmlElement | None, found: int, flat: HtmlElement, flat_found: int) -> bool:
    """Whether the full pass's result beats a flat one: it has blocks and about the same length, or
    it holds nearly every paragraph-long line of the flat result (which was then the page's whole text run
    together, its menus and link lists with it: a page whose paragraphs are ``<div>``s or ``<br>``
    runs)."""
    if body is None:
        return False
    if len(body) >= STRUCTURED_MIN_BLOCKS and found >= STRUCTURED_MIN_SHARE * flat_found:
        return True
    lines = [line for line in (" ".join(line.split()) for line in "".join(flat.itertext()).split("\n")) if line]
    paragraphs = [line for line in lines if len(line) >= PARAGRAPH_MIN_CHARS]
    text = " ".join(" ".join(body.itertext()).split())
    covered = sum(len(line) for line in paragraphs if line in text)
    prose = sum(map(len, paragraphs))
    return ((found >= COVERING_MIN_SHARE * flat_found or _longest_prose_run(lines) >= PROSE_SHARE * flat_found)
            and len(paragraphs) >= STRUCTURED_MIN_BLOCKS - 1 and covered >= COVERED_PARAGRAPHS * prose)


def _longest_prose_run(lines: list[str]) -> int:
    """Characters of the longest run of consecutive paragraph-long lines: an article's paragraphs
    follow each other, a list's teasers each follow their headline."""
    longest = run = 0
    for line in lines:
        run = run + len(line) if len(line) >= PARAGRAPH_MIN_CHARS else 0
        longest = max(longest, run)
    return longest


PARAGRAPH_MIN_CHARS = 80
"""A line of a flat result this long is a paragraph, not a menu entry or a link's label."""
COVERING_MIN_SHARE = 0.6
"""... and a result that holds them must still hold this share of the flat one (on a page with no
article, the flat text's only long lines may be a sidebar's teasers, a small share of it) ..."""
PROSE_SHARE = 0.5
"""... or a run of the flat one's paragraph-long lines must hold this share of it: a flat text that is
half one run of paragraphs is an article run together with its page's menus, cards and footer (a
list's teasers each follow a headline: no run)."""
COVERED_PARAGRAPHS = 0.8
"""The share of the flat result's paragraph-long lines (by characters) the full pass must hold: a
sidebar's notice or a page's masthead line may be as long as a paragraph."""
