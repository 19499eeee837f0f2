"""Dates printed for readers without date markup: the article's own date element ("Stand:
28.04.2020 18:00 Uhr") and a date in its byline block ("Par Name | 30 septembre 2018")."""
from __future__ import annotations

import re

from crawler.common.labels import AS_OF, DATE_PREPOSITIONS, DATE_WORDS, PUBLISHED, WRITTEN, any_of
from crawler.extraction.metadata.candidates import Candidates
from crawler.extraction.metadata.dates.markup import LABEL_UPDATED, UPDATED_MARK, is_updated
from crawler.extraction.metadata.dates.otherdates import CLOCK, CLOCK_TEXT, in_card, in_teaser
from crawler.extraction.metadata.dates.parsing import SLASHED, TEXT_DATE, parse_text, without_time
from crawler.extraction.metadata.elementtext import class_id, element_text_within, squash
from crawler.extraction.metadata.zones import foreign_to_article, in_page_header

# a date element's label and weekday before its date ("Veröffentlicht am Montag, 3. Mai 2021")
_DATELINE_LABEL = re.compile(rf"^\s*(?:{any_of(PUBLISHED + WRITTEN + AS_OF + DATE_WORDS)}"
                             rf"(?:\s+{any_of(DATE_PREPOSITIONS)})?\s*:?\s*)?"
                             r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+|"
                             r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag),?\s+)?", re.IGNORECASE)


def dateline_date(found: Candidates) -> tuple[str | None, bool]:
    """A date printed for readers in the article's own date element ("27.01.2022",
    "Stand: 28.04.2020 18:00 Uhr", "Veröffentlicht am 16.08.2019"): class/id says date or time,
    outside comments, sidebars, teasers and the theme's header; never an "Updated" line; one inside
    the ``<article>`` that holds the headline before one outside it (a top bar's date, whatever the
    bar is called). Returns (date, whether it was written day/month-ambiguously as "11/01/2021")."""
    outside: tuple[str | None, bool] = (None, False)
    article = found.main_article
    for elem in found.dated:
        if elem.tag in ("meta", "link", "time") or len(elem) > 6:
            continue
        text = squash(elem.tail) if elem.tag == "br" else element_text_within(elem, 120)
        if text is None or not 6 <= len(text) <= 120 or LABEL_UPDATED.match(text) or is_updated(elem) \
                or CLOCK.search(class_id(elem)) or CLOCK_TEXT.match(text):
            continue
        rest = text[_DATELINE_LABEL.match(text).end():]
        if not rest[:1].isdigit() and not rest[:1].isalpha():
            continue
        lead = TEXT_DATE.match(rest)  # "05.02.2020 - Redaktion: ...": the leading date only
        if lead:
            rest = lead.group(0)
        elif len(text) > 60:
            continue
        if foreign_to_article(found, elem) or in_page_header(elem, found.keep) or in_teaser(elem):
            continue
        date = parse_text(without_time(rest))
        if date:
            if article is None or any(ancestor is article for ancestor in elem.iterancestors()):
                return date, bool(SLASHED.search(rest))
            outside = outside if outside[0] else (date, bool(SLASHED.search(rest)))
    return outside


def byline_block_date(found: Candidates) -> tuple[str | None, bool]:
    """A date in the article's byline block, without a date class: "Par <span class=author>Name
    </span> | 30 septembre 2018", "von Name<br> am 20.09.2020", a date column beside the author's.
    Returns (date, whether it was written day/month-ambiguously)."""
    node = next((b for b in found.itemprops.get("author", []) + found.bylines
                 if b.tag not in ("meta", "link", "input") and not foreign_to_article(found, b)), None)
    if node is None or in_card(node):
        return None, False
    for _ in range(3):
        if node is None or node.tag in ("body", "html"):
            break
        text = element_text_within(node, 160)
        if text is None:  # (longer: the block is more than a byline)
            break
        match = TEXT_DATE.search(text)
        if match and not UPDATED_MARK.search(text[max(0, match.start() - 30):match.start()]):
            date = parse_text(match.group(0))
            if date:
                return date, bool(SLASHED.search(match.group(0)))
        node = node.getparent()
    return None, False
