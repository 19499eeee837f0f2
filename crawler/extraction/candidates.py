"""Choosing between texts of one page: measures that need no ground truth (how much of a text is
labels or the page's own link texts) and the rule that a text made of them loses to a candidate
made of sentences."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from crawler.compat.trafilatura import reading_length
from crawler.extraction.furniturelines import TEASER_LABEL

SHORT_LINE_WORDS = 4
"""Lines of at most this many words are labels: menu entries, tags, table cells, link lists."""
LISTLIKE_SHARE = 0.5
"""A text whose short lines hold this share of its characters is a list of labels, not an article."""
LISTLIKE_MIN_LINES = 10
LINK_BLOCK_SHARE = 0.8
"""A block of labels whose lines are this share of the page's link texts is a menu."""
LINKED_TEXT_SHARE = 0.4
"""A text whose lines that are the page's link texts ("the best tips of the week", other stories'
headlines with their teasers) hold this share of its characters took the page's link lists along:
a candidate without them wins."""
MIN_CANDIDATE_CHARS = 50
IMPROVEMENT = 0.6
"""A candidate replaces a list-like text when its own share of short lines is at most this share of
the text's (and below ``LISTLIKE_SHARE``): clearly fewer labels, not a slightly different mix."""
_ENTRY_COUNT = re.compile(r"\s*[(\[]?\d+[)\]]?$")
"""A count after a menu entry ("Parking permits (12)") is no part of its link."""


def link_set(link_texts: Iterable[str]) -> set[str]:
    """The page's link texts, whitespace collapsed: the form lines are compared in."""
    return {" ".join(text.split()) for text in link_texts}


def _is_link_text(line: str, links: set[str]) -> bool:
    if line in links:
        return True
    # (a count ends in a digit or a bracket: other lines are what they are)
    return bool(line) and (line[-1].isdigit() or line[-1] in ")]") and _ENTRY_COUNT.sub("", line) in links


MAX_LINK_TEXT_CHARS = 300
"""A longer line is a paragraph, not the text of a link: it is not looked up."""


def linked_share(blocks: Sequence[str], links: set[str]) -> float:
    """Share of a text's characters that sit in lines that are link texts of the page."""
    total = linked = 0
    for block in blocks:
        for line in block.split("\n"):
            total += len(line)
            if len(line) <= MAX_LINK_TEXT_CHARS and _is_link_text(" ".join(line.split()), links):
                linked += len(line)
    return linked / max(total, 1)


def mostly_links(blocks: Sequence[str], links: set[str]) -> bool:
    """Whether most of a text's characters sit in lines that are link texts of the page (a section
    page's list of headlines, a menu): no article, whichever pass returned it."""
    return linked_share(blocks, links) >= LINK_BLOCK_SHARE


def short_line_share(blocks: Sequence[str]) -> float:
    """Share of the characters of a text that sit in short lines (0 for a text of few lines)."""
    lines = [line for block in blocks for line in block.split("\n")]
    if len(lines) < LISTLIKE_MIN_LINES:
        return 0.0
    total = sum(map(len, lines)) or 1
    return sum(len(line) for line in lines if len(line.split()) <= SHORT_LINE_WORDS) / total


def _linked_lines(block: str, links: set[str]) -> tuple[int, int]:
    """(lines that are link texts of the page, all lines) of a block."""
    lines = block.split("\n")
    return sum(1 for line in lines if _is_link_text(" ".join(line.split()), links)), len(lines)


def is_link_block(block: str, links: set[str]) -> bool:
    """A block of label lines that are nearly all link texts of the page: a menu, not a list of the story's."""
    if short_line_share([block]) < LISTLIKE_SHARE:
        return False
    linked, lines = _linked_lines(block, links)
    return linked >= LINK_BLOCK_SHARE * lines


CLOSING_LIST_MIN_LINES = 3
CLOSING_LIST_SHARE = 0.6


def drop_closing_link_lists(blocks: list[str], links: set[str]) -> list[str]:
    """The text without the lists of other stories it ends with: blocks of several lines that are
    mostly the page's link texts (headlines of the site's other articles), or a run of at least as
    many blocks that are each wholly link texts (the same headlines, one paragraph each)."""
    end = len(blocks)
    while end > 1:
        linked, lines = _linked_lines(blocks[end - 1], links)
        if lines >= CLOSING_LIST_MIN_LINES and linked >= CLOSING_LIST_SHARE * lines:
            end -= 1
            continue
        run = end
        while run > 1 and _wholly_linked(blocks[run - 1], links):
            run -= 1
        if end - run < CLOSING_LIST_MIN_LINES:
            break
        end = run
    return blocks[:end]


TEASER_LABEL_MAX_WORDS = 4
TEASER_HEADLINE_MIN_WORDS = 3


def drop_labelled_teasers(blocks: list[str], links: set[str]) -> list[str]:
    """The text without the lines that are a teaser's label and then the text of one of the page's
    links ("Lees ook Elektrische veerpont pas in 2028 in de vaart", "Lesen Sie auch Neue Brücke erst
    2028 fertig"): another story's headline set between the paragraphs, its label without the colon
    the line filter reads (``furniturelines.TEASER_LABEL``). A label with words of a sentence after
    it, or a link of one or two words, is text."""
    kept = []
    for block in blocks:
        lines = [line for line in block.split("\n") if not _is_labelled_teaser(line, links)]
        if lines:
            kept.append("\n".join(lines))
    return kept


def drop_linked_headlines(blocks: list[str], links: set[str], outward: Callable[[set[str]], set[str]]) -> list[str]:
    """The text without another story's headline set as a paragraph between the story's paragraphs:
    a block that is wholly the text of one of the page's links to another page (``outward``: which of
    the texts it is given are such links; a table of contents links the page's own headings), of a headline's
    length, with a paragraph of prose before and after it ("<p><strong><a href=...>Harbor commission
    approves new parking fees</a></strong></p>")."""
    candidates = {index: " ".join(block.split()) for index, block in enumerate(blocks)
                  if 0 < index < len(blocks) - 1 and _is_linked_headline(block, links)
                  and _is_prose(blocks[index - 1]) and _is_prose(blocks[index + 1])}
    if not candidates:
        return blocks
    elsewhere = outward(set(candidates.values()))
    return [block for index, block in enumerate(blocks) if candidates.get(index) not in elsewhere]


HEADLINE_WORDS = (4, 20)
PROSE_MIN_CHARS = 150


def _is_linked_headline(block: str, links: set[str]) -> bool:
    line = " ".join(block.split())
    return ("\n" not in block and HEADLINE_WORDS[0] <= len(line.split()) <= HEADLINE_WORDS[1]
            and (line in links or _link_pieces(line, links)))


_MAX_LINK_PIECES = 8


def _link_pieces(line: str, links: set[str]) -> bool:
    """Whether a line is a run of the page's link text pieces: one link whose text sits in several
    elements, read as pieces ("<a><span>Get the app and win every day</span><span class=btn>Download
    now</span></a>", a card's title and its buttons)."""
    ends = {0}
    for start in range(len(line)):
        if start not in ends:
            continue
        if len(ends) > _MAX_LINK_PIECES:
            return False  # (a run of many short links is no card; the search is quadratic in them)
        begin = start + 1 if line[start:start + 1] == " " else start
        for end in range(begin + 1, len(line) + 1):
            if line[begin:end] in links:
                if end == len(line):
                    return True
                ends.add(end)
    return False


def _is_prose(block: str) -> bool:
    return "\n" not in block and reading_length(block) >= PROSE_MIN_CHARS


def _is_labelled_teaser(line: str, links: set[str]) -> bool:
    if len(line) > MAX_LINK_TEXT_CHARS:
        return False
    words = line.split()
    for count in range(1, min(TEASER_LABEL_MAX_WORDS, len(words) - TEASER_HEADLINE_MIN_WORDS) + 1):
        if " ".join(words[count:]) in links and TEASER_LABEL.match(" ".join(words[:count])):
            return True
    return False


def _wholly_linked(block: str, links: set[str]) -> bool:
    linked, lines = _linked_lines(block, links)
    return linked == lines


SECOND_OPINION_GAIN = 1.1
"""A second candidate wins only when it is this much longer (after the same line filter)."""


def second_opinion_wins(first: Sequence[str], other: Sequence[str], links: set[str]) -> bool:
    """Whether trafilatura's second opinion (its full pass on the page as served) replaces the first
    text: when it is longer, is not mostly the page's link texts, and is not a list of labels
    replacing a text of sentences (a page's mega menu of entries that are no links, with the story
    somewhere inside it, is longer than any story)."""
    if sum(map(len, other)) <= SECOND_OPINION_GAIN * sum(map(len, first)) or mostly_links(other, links):
        return False
    return short_line_share(other) < LISTLIKE_SHARE or short_line_share(first) >= LISTLIKE_SHARE


def prefer_sentences(
    blocks: list[str], links: set[str], candidates: Iterable[Callable[[], list[str]]]
) -> list[str]:
    """``blocks``, unless it is mostly labels (a menu, a table) or the page's link texts: then the
    first candidate (computed only then, in order) that has halved the measure that called for it."""
    listlike, linked = short_line_share(blocks), linked_share(blocks, links)
    if listlike < LISTLIKE_SHARE and linked < LINKED_TEXT_SHARE:
        return blocks
    for candidate in candidates:
        other = candidate()
        if sum(map(len, other)) < MIN_CANDIDATE_CHARS:
            continue
        if listlike >= LISTLIKE_SHARE and short_line_share(other) >= min(LISTLIKE_SHARE, IMPROVEMENT * listlike):
            continue
        if linked >= LINKED_TEXT_SHARE and linked_share(other, links) >= linked / 2:
            continue
        return other
    return blocks
