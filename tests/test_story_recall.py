"""Story text that looked like furniture to a rule written for something else: a last paragraph or
footnote that mentions a newsletter or a copyright, a list or table of dates (a schedule, not a
dateline), a code block's highlighted comments, a section heading that reads like a widget title."""
from __future__ import annotations

import pytest

from crawler import extract_article

PARAGRAPHS = [f"Paragraph {n} of the story explains the harbour plan in plain words for the readers of the coast."
              for n in ("one", "two", "three", "four")]


def _text(body: str) -> str:
    html = f"<html><head><title>Harbour plan</title></head><body><article><h1>Harbour plan</h1>{body}</article></body></html>"
    return extract_article(html, "https://harbour.example/2024/05/plan").text


def _story(extra: str) -> str:
    return "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + extra


@pytest.mark.parametrize("closing", [
    "The copyright page is the most annotated page of the harbour master's logbook.",
    "One footnote here mentions the newsletter archive of 1950 in the town library.",
])
def test_a_closing_paragraph_that_mentions_a_newsletter_or_a_copyright_stays(closing):
    assert closing in _text(_story(f"<p>{closing}</p>"))


@pytest.mark.parametrize("closing", [
    "Copyright 2024 Harbour Television Corp. All rights reserved.",
    "Copyright: Jane Photographer",
    "Get the week's harbour news in your inbox with our free newsletter.",
])
def test_a_closing_credit_or_call_still_goes(closing):
    assert closing not in _text(_story(f"<p>{closing}</p>"))


def test_a_list_of_days_is_a_schedule_not_a_dateline():
    days = ["Dienstag, 9. April 2024", "Dienstag, 14. Mai 2024", "Dienstag, 11. Juni 2024"]
    text = _text(_story("<p>Die Sprechtage finden jeweils von 9 bis 12 Uhr statt:</p><ul>"
                        + "".join(f"<li>{d}</li>" for d in days) + "</ul>"))
    assert all(d in text for d in days)


def test_a_table_of_days_is_a_schedule():
    rows = [("Monday 25 December", "Wednesday 27 December"), ("Tuesday 26 December", "Thursday 28 December")]
    table = "<table><tr><th>Usual day</th><th>New day</th></tr>" + "".join(
        f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows) + "</table>"
    text = _text(_story(table))
    assert all(a in text and b in text for a, b in rows)


def test_the_same_timestamp_again_and_again_is_no_schedule():
    stamps = "".join(f"<p>03.03.2011, 14:{m}</p>" for m in ("17", "27", "37"))
    assert "03.03.2011" not in _text(_story(stamps))


def test_a_code_blocks_highlighted_comments_are_code():
    code = ("<pre><code class='language-python'><span class='token keyword'>if</span> reading &lt; 1.2: "
            "<span class='token comment'># wet soil reads around 1.2 V</span>\n    pump(150) "
            "<span class='token comment'># about 150 ml</span></code></pre>")
    text = _text(_story(code))
    assert "# wet soil reads around 1.2 V" in text and "# about 150 ml" in text


def test_a_section_heading_that_reads_like_a_widget_title_stays_over_its_prose():
    body = _story("<h2>Explore more of the estuary</h2><p>The walk along the estuary takes two hours and passes "
                  "the old salt works, where the council plans a visitor centre.</p>")
    assert "Explore more of the estuary" in _text(body)
