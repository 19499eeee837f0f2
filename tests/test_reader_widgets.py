"""What a page shows around a story for its readers to click, which is no part of the story: a
reader poll, the short messages a script reveals ("Thanks for your feedback."), and a teaser's
label before the linked headline of another story between the paragraphs ("Lees ook", "Lesen Sie
auch", "Read more" without a colon)."""
from __future__ import annotations

import pytest

from crawler import extract_article

PARAGRAPHS = [
    "The county's ferry between Oosterwijk and the island will run every forty minutes from May, the operator said on Tuesday after the council approved a new landing stage.",
    "Commuters had asked for a later last crossing for years; the new timetable adds one at eleven at night on weekdays and keeps the Sunday service as it is.",
    "The operator expects the extra crossings to pay for themselves within two summers, helped by the cyclists who now take the coast path between the towns.",
    "A second boat, bought from a lake operator in the north, is being refitted at the yard and should join the route before the summer holidays begin.",
]


def _page(between: str = "", after: str = "") -> bytes:
    body = "".join(f"<p>{text}</p>" + (between if index == 1 else "") for index, text in enumerate(PARAGRAPHS))
    return (
        "<html><head><title>Ferry to run every forty minutes</title></head><body>"
        '<header><nav><a href="/">Home</a> <a href="/region/">Region</a></nav></header>'
        f'<main><article><h1>Ferry to run every forty minutes</h1><div class="article-body">{body}</div>{after}'
        "</article></main></body></html>"
    ).encode("utf-8")


def _text(page: bytes) -> str:
    return extract_article(page, url="https://news.example/region/ferry-every-forty-minutes").text


POLL = """
<section class="block block-poll" id="block-poll-recent"><h2>Reader poll</h2><div class="poll">
  <h3 class="poll-question">Should the county buy a third boat for the island ferry route?</h3>
  <dl class="poll-results"><dt>Yes, the route needs it</dt><dd>58%</dd><dt>No, two boats are enough</dt><dd>42%</dd></dl>
  <div class="total">Total votes: 836</div></div></section>"""


def test_a_reader_poll_is_no_part_of_the_story() -> None:
    text = _text(_page(between=POLL))
    assert "Should the county buy a third boat" not in text and "two boats are enough" not in text
    assert PARAGRAPHS[-1] in text


@pytest.mark.parametrize("note", [
    '<p class="helpful__thanks" hidden>Thanks for your feedback.</p>',
    '<div class="copy-toast" hidden="hidden">Link copied to your clipboard</div>',
    '<span class="loader" hidden>Comments are loading...</span>',
])
def test_a_short_hidden_message_is_not_read(note: str) -> None:
    text = _text(_page(between=note))
    assert "feedback" not in text and "clipboard" not in text and "loading" not in text
    assert all(paragraph in text for paragraph in PARAGRAPHS)


def test_hidden_text_a_reader_can_find_or_open_stays() -> None:
    rest = ("The harbour master said the new landing stage would also take the larger boat in winter storms, when the old"
            " pier had to close for days at a time, and that the works would not interrupt the summer timetable. ") * 2
    found = '<p hidden="until-found">The works start in March and end before Easter, the council said.</p>'
    text = _text(_page(between=f'<div class="more" hidden><p>{rest.strip()}</p></div>{found}'))
    assert "the new landing stage would also take the larger boat" in text
    assert "The works start in March and end before Easter" in text


@pytest.mark.parametrize("teaser", [
    '<p class="readmore"><span class="readmore__label">Lees ook</span> <a href="/region/new-bridge-delayed-to-2028">Nieuwe brug pas in 2028 klaar</a></p>',
    '<p><strong>Lesen Sie auch</strong> <a href="/region/bruecke-verzoegert">Neue Brücke erst 2028 fertig</a></p>',
    '<p>Read more <a href="/region/bridge-delayed">New bridge to the island delayed until 2028</a></p>',
    '<div class="inline-teaser"><b>Leggi anche</b><a href="/regione/ponte-in-ritardo">Il nuovo ponte slitta al 2028</a></div>',
])
def test_a_labelled_link_to_another_story_between_paragraphs_goes(teaser: str) -> None:
    text = _text(_page(between=teaser))
    assert "2028" not in text
    assert all(paragraph in text for paragraph in PARAGRAPHS)


@pytest.mark.parametrize(("sentence", "kept"), [
    ('<p>Read more about the timetable in <a href="/region/ferry-timetable-2025">the operator\'s new summer schedule</a>.</p>',
     "the operator's new summer schedule"),
    ('<p>Read more <a href="/region/ferry">about the island ferry</a> in our archive of harbour stories.</p>',
     "in our archive of harbour stories"),
    ('<p>Lees ook <a href="/a">dit</a></p>', "Lees ook dit"),  # (a word, no headline)
])
def test_a_sentence_with_a_link_or_a_link_of_a_word_stays(sentence: str, kept: str) -> None:
    assert kept in _text(_page(between=sentence))
