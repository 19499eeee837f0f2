"""A flat result (trafilatura's fallback: the page's text run together in one block) loses to the full
pass's result when that one holds nearly all of its paragraph-long lines: a masthead's or a sidebar
notice's line as long as a paragraph is no part of the story the full pass found."""
from __future__ import annotations

from lxml.etree import Element, SubElement, _Element

from crawler.extraction.flatresults import COVERING_MIN_SHARE, STRUCTURED_MIN_SHARE, is_structured

STORY = [f"Paragraph {n} of the migration report tells how the warblers arrived early this spring, and how many "
         f"were counted on the marsh during the survey {n}." for n in range(6)]
MASTHEAD = "Est. 1978 | Members: 143 | Next meeting: Thursday 5th June, 7:30pm, St. Anne's Hall, Millpond"
NOTICE = "Subs for 2003 are now due (8 pounds for adults, 3 for juniors). Please pay the Treasurer at the meeting."
MENU = ["Home", "About the Club", "Field Trips", "Sightings Log", "Migration Reports", "Photo Gallery"]


def _body(paragraphs: list[str]) -> tuple[_Element, int]:
    body = Element("body")
    for text in paragraphs:
        SubElement(body, "p").text = text
    return body, sum(map(len, paragraphs))


def _flat(lines: list[str]) -> tuple[_Element, int]:
    return _body(["\n".join(lines)])


def _full(paragraphs: list[str]) -> tuple[_Element, int]:
    return _body(paragraphs)


def test_a_full_result_holding_the_story_beats_the_flat_page_with_its_masthead_and_menu() -> None:
    flat, flat_found = _flat([MASTHEAD, *MENU, NOTICE, *STORY])
    body, found = _full(STORY)
    assert found < STRUCTURED_MIN_SHARE * flat_found  # (the first test, a result about as long, does not apply)
    assert is_structured(body, found, flat, flat_found)


def test_a_full_result_that_lost_paragraphs_of_the_story_does_not() -> None:
    flat, flat_found = _flat([MASTHEAD, *MENU, NOTICE, *STORY])
    body, found = _full(STORY[:5])
    assert found >= COVERING_MIN_SHARE * flat_found  # (long enough: what fails is the story's lost paragraph)
    assert not is_structured(body, found, flat, flat_found)
