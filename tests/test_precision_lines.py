"""Promotions set between an article's paragraphs: reader newsletters, all-capitals links to other
stories, market-quote widgets, "click here" prompts. Subheadings in capitals and links that carry
more of the same story stay."""
from __future__ import annotations

import pytest

from crawler import extract_article
from crawler.extraction.parsing import parse_html
from crawler.extraction.storylinks import caps_story_links
from crawler.extraction.textfilter import filter_blocks, is_boilerplate_line

PARAGRAPHS = [
    "The county opened its third cooling centre on Monday as forecasters warned that the heat would last into the weekend, with nights staying above twenty-five degrees.",
    "Buses to the centres are free until Sunday, and volunteers will call older residents who live alone twice a day, the county's emergency manager said at a briefing.",
    "Hospitals reported a rise in heat-related admissions over the weekend, most of them people who had been working outdoors during the hottest hours of the afternoon.",
]


def _page(between: str) -> str:
    body = f"<p>{PARAGRAPHS[0]}</p>{between}<p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p>"
    return f"<html><head><title>Cooling centres</title></head><body><article><h1>Cooling centres</h1>{body}</article></body></html>"


def test_newsletter_line_addressed_to_the_reader_is_dropped():
    assert is_boilerplate_line("Get the week's biggest science stories and the discoveries behind them in our free newsletter.")
    assert is_boilerplate_line("Sign up for the morning briefing in our newsletter.")
    assert not is_boilerplate_line("The council sent the plan to residents in its newsletter last spring, and few replied.")


def test_click_here_prompts_are_dropped():
    assert is_boilerplate_line("GET THE COUNTY HERALD ON THE GO BY CLICKING HERE")
    assert is_boilerplate_line("Click here to read the full report")


def test_market_quote_table_is_dropped():
    table = "Ticker | Security | Last | Change\nACME | Acme Corp | 10.20 | +0.10"
    assert filter_blocks([PARAGRAPHS[0], table, PARAGRAPHS[1]]) == [PARAGRAPHS[0], PARAGRAPHS[1]]
    results = "Team | Played | Points\nHarbour | 10 | 21"
    assert results in filter_blocks([PARAGRAPHS[0], results])


def test_all_capitals_link_to_another_story_between_paragraphs_is_dropped():
    link = "<p><a href='https://news.example/2025/other-story'><b>SENATOR ELIMINATED FROM THE SUMMER DANCE SHOW</b></a></p>"
    text = extract_article(_page(link), "https://news.example/2025/cooling").text
    assert "SENATOR ELIMINATED" not in text
    assert all(p in text for p in PARAGRAPHS)


def test_capitals_subheading_and_call_to_action_link_stay():
    heading = "<h3>WHERE TO FIND THE NEAREST CENTRE</h3>"
    text = extract_article(_page(heading), "https://news.example/2025/cooling").text
    assert "WHERE TO FIND THE NEAREST CENTRE" in text
    # a call to action in capitals points to more of this story: the cleaning leaves it to the extractor
    more = "<p><a href='https://news.example/files/centres.pdf'>SEE THE FULL LIST OF CENTRES</a></p>"
    other = "<p><a href='/2025/other'>SENATOR ELIMINATED FROM THE SUMMER DANCE SHOW</a></p>"
    tree = parse_html(_page(more + other))
    assert [block.text_content() for block in caps_story_links(tree)] == ["SENATOR ELIMINATED FROM THE SUMMER DANCE SHOW"]


def test_a_caption_ending_in_its_pictures_credit_is_dropped():
    assert is_boilerplate_line("The new landing stage at low tide. © AFP / JANE ROE")
    assert is_boilerplate_line("Logo of the harbour award | © Harbour Media")
    assert is_boilerplate_line("von Ann Lee Foto: © Agency")
    assert is_boilerplate_line("Image illustrative : ferries in the harbour, by Jane Roe, licensed CC BY")
    assert is_boilerplate_line("Photo d'illustration : le port au petit matin")
    # a sentence about the sign, and a paragraph that goes on after it, stay
    assert not is_boilerplate_line("The © sign was added to the ferry company's logo in 1998, the operator said.")
    assert not is_boilerplate_line(PARAGRAPHS[0] + " © 2021. " + PARAGRAPHS[1])


def test_reprint_notices_and_a_paywalls_prompt_are_dropped():
    assert is_boilerplate_line("To Read the Full Story")
    assert is_boilerplate_line("Order Reprints")
    assert is_boilerplate_line("Print Article")
    assert is_boilerplate_line(
        "This copy is for your personal, non-commercial use only. To order presentation-ready copies for "
        "distribution to your colleagues, clients or customers visit https://reprints.example.com."
    )
    assert not is_boilerplate_line("The paper stopped selling reprints of its front pages in 1998, the archivist said.")


def test_a_sign_off_that_a_closing_list_of_other_stories_hid_goes_too():
    """extract_text drops the closing lists of other stories, then the calls to action they had kept
    out of the last blocks."""
    from crawler.extraction.candidates import drop_closing_link_lists
    from crawler.extraction.textfilter import drop_closing_calls

    others = ["Ferry fares rise in spring", "Harbour master retires after forty years", "New pier opens to cyclists"]
    blocks = PARAGRAPHS + ["Write to Ann Lee at ann.lee@herald.example"] + others
    assert filter_blocks(blocks)[-1] == others[-1]  # three blocks of headlines after the sign-off hide it
    assert drop_closing_calls(drop_closing_link_lists(filter_blocks(blocks), set(others))) == PARAGRAPHS


def test_a_related_post_label_goes_with_its_headline():
    assert is_boilerplate_line("Related post: Pickled plums in three days")
    assert is_boilerplate_line("Related coverage: Ferry fares rise in spring")
    assert not is_boilerplate_line("Related stories were told by the harbour's older residents, who remember the flood.")


@pytest.mark.parametrize("line", [
    "Il vous reste 60% de cet article à lire. La suite est réservée aux abonnés.",
    "Déjà abonné ? Se connecter",
    "Bereits Abonnent? Hier anmelden",
    "¿Ya eres suscriptor? Inicia sesión",
    "Sei già abbonato? Accedi",
    "Já é assinante? Entre",
    "You have 70% of this article left to read.",
])
def test_a_paywalls_own_notice_is_dropped_in_any_language(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", [
    "The council said 60% of the article's claims about the budget were wrong, and asked for a correction.",
    "Abonnenten der Zeitung bekommen die Beilage seit 1998 kostenlos, sagte der Verlag am Montag.",
])
def test_a_sentence_about_subscribers_or_shares_stays(line: str) -> None:
    assert not is_boilerplate_line(line)


def test_a_capitals_read_more_label_before_a_linked_headline_is_dropped_without_a_colon() -> None:
    assert is_boilerplate_line("READ MORE ON UK NEWS CHIPS AHOY Seaside chippy owner hits back after fish supper row")
    assert not is_boilerplate_line("Read more about the study in the journal, which published it on Monday.")
