"""A box of other stories after the body ("Top stories", "Auch auf <site>") goes with its title; a
bare "Related" label inside the story does not cut the story that continues after it."""
from __future__ import annotations

from crawler.extraction.textfilter import filter_blocks

STORY = [
    "Dock workers returned to work on Wednesday night after their union accepted a pay offer.",
    "The strike had left more than forty ships waiting at anchor outside the harbour.",
    "The port authority said the backlog would take about a week to clear.",
]
TEASERS = "The city council voted to extend the tram line.\nHeavy rain closed the coastal road on Monday."


def test_a_top_stories_box_in_the_last_block_goes_with_its_title() -> None:
    text = filter_blocks(STORY[:2] + [STORY[2] + "\nTop stories\n" + TEASERS])
    assert text == STORY


def test_a_box_title_in_a_block_of_its_own_cuts_the_teasers_after_it() -> None:
    assert filter_blocks(STORY + ["Auch auf example.de", TEASERS]) == STORY


def test_a_bare_related_label_inside_the_story_keeps_what_follows() -> None:
    text = filter_blocks(STORY[:2] + ["Related"] + STORY[2:])
    assert text == STORY


def test_a_box_title_as_the_first_line_is_not_a_cut() -> None:
    assert filter_blocks(["Most popular means different things to different readers, the editor wrote."]) != []


def test_a_closing_call_goes_with_its_title_and_its_sign_off() -> None:
    call = "If you enjoyed this article, become a member: members read every story without limits."
    assert filter_blocks(STORY + ["Something to consider", call]) == STORY
    assert filter_blocks(STORY + ["Write to Ann Lee at ann.lee@example.com", "Thank you"]) == STORY


def test_a_short_last_paragraph_without_a_call_stays() -> None:
    assert filter_blocks(STORY + ["Thank you"]) == STORY + ["Thank you"]


def test_a_follow_prompt_naming_a_long_section_is_a_call() -> None:
    follow = "Follow The Example Times Opinion section on Facebook and Instagram."
    assert filter_blocks(STORY + [follow]) == STORY


def test_box_titles_in_other_words_and_languages_cut_the_teasers_after_them() -> None:
    for title in ("Diese Artikel könnten dich ebenfalls interessieren:", "Dieser Beitrag könnte Sie auch interessieren",
                  "Lue myös:", "Läs också"):
        assert filter_blocks(STORY + [title, TEASERS]) == STORY, title


def test_a_read_more_label_in_finnish_swedish_or_czech_goes_with_its_headline() -> None:
    for line in ("Lue aiheesta lisää: Satama avataan taas maanantaina", "Läs också: Hamnen öppnar igen",
                 "Čtěte také: Přístav se znovu otevírá"):
        assert filter_blocks(STORY + [line]) == STORY, line
