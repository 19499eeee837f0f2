"""The standfirst leads the text when the page shows its declared description and the body lacks it;
a one-sentence dek, a truncated description or one that only JSON-LD holds is not added."""
from __future__ import annotations

from crawler.extraction.standfirst import missing_standfirst

LEAD = "Die Reederei ersetzt ihr ältestes Schiff früher als geplant. Ab April soll eine neue Fähre die Inseln anlaufen."
BODY = ["Das neue Schiff bietet Platz für 400 Fahrgäste und 60 Autos, etwa ein Drittel mehr als bisher."]
PAGE = f"Startseite Region Neue Fähre {LEAD} Von Jonas Feddersen {BODY[0]}"


def test_a_shown_two_sentence_description_missing_from_the_text_is_the_standfirst() -> None:
    assert missing_standfirst(LEAD, BODY, PAGE, []) == LEAD


def test_a_text_that_holds_it_already_gets_nothing() -> None:
    assert missing_standfirst(LEAD, [LEAD] + BODY, PAGE, []) is None


def test_a_one_sentence_dek_stays_metadata() -> None:
    dek = "The government has unveiled a plan to help the solar industry cut its costs by a third"
    assert missing_standfirst(dek, BODY, f"Headline {dek} {BODY[0]}", []) is None


def test_a_description_only_json_ld_holds_is_not_shown() -> None:
    json_ld = f'{{"@type": "NewsArticle", "description": "{LEAD}"}}'
    page = f"Startseite {json_ld} {BODY[0]}"
    assert missing_standfirst(LEAD, BODY, page, [json_ld]) is None


def test_a_truncated_description_is_not_added() -> None:
    cut = LEAD[:80] + "..."
    assert missing_standfirst(cut, BODY, f"{cut} {BODY[0]}", []) is None
