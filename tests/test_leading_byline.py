"""A byline set at the top of the article body ("By Jane Doe, August 14, 2020 2:30 pm", "Von Max
Muster", "21. Jan 2022 // Max Muster") is the record's metadata, not its text: the authors field has
the names. A first line that says more than names, labels and a date stays."""
from __future__ import annotations

import pytest

from crawler import extract_article
from crawler.items import Article
from crawler.extraction.textfilter import filter_blocks

PARAGRAPHS = [
    "The ferry between the two harbour towns will run every forty minutes from May, the operator said on Tuesday after the council approved a new landing stage.",
    "Commuters had asked for a later last crossing for years; the new timetable adds one at eleven at night on weekdays and keeps the Sunday service as it is.",
    "The operator expects the extra crossings to pay for themselves within two summers, helped by the cyclists who now take the coast path between the towns.",
]


@pytest.mark.parametrize("line, authors", [
    ("By Mara Lind, August 14, 2020 2:30 pm", ["Mara Lind"]),
    ("Von Max Muster und Erika Beispiel", ["Max Muster", "Erika Beispiel"]),
    ("21. Jan 2022 // Max Muster", ["Max Muster"]),
    ("Autor: Die Redaktion", ["Die Redaktion"]),
    ("Por Agencia EFE", ["Agencia EFE"]),
    ("5:45 AM PST 11/19/2019 by Mara Lind", ["Mara Lind"]),
    ("Written by: Mara Lind", ["Mara Lind"]),
])
def test_a_byline_among_the_first_lines_goes(line: str, authors: list[str]) -> None:
    assert filter_blocks([line, *PARAGRAPHS], authors=authors) == PARAGRAPHS


@pytest.mark.parametrize("line, authors", [
    ("Mara Lind: Where did you enter the European Union, and when?", ["Mara Lind"]),  # an interview's question
    ("Von Volkmar Muster und Erika Beispiel, NDR", ["Volkmar Muster"]),  # names the byline has and the record lacks
    ("By Mara Lind, August 14, 2020", []),  # no author known: nothing to compare with
])
def test_a_first_line_that_says_more_stays(line: str, authors: list[str]) -> None:
    assert filter_blocks([line, *PARAGRAPHS], authors=authors)[0] == line


def test_a_byline_further_down_is_text() -> None:
    """Only the first three lines: a name and a date further down are a quote's source or a signature."""
    blocks = [*PARAGRAPHS, "Mara Lind, August 14, 2020", "The council meets again in June to decide on the winter timetable."]
    assert filter_blocks(blocks, authors=["Mara Lind"]) == blocks


def _extract(head: str, body: str) -> Article:
    """The record of a page with ``head`` in its <head> and ``body`` (the byline's markup) before the story."""
    story = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    page = (
        f"<html><head><title>Ferry every forty minutes</title>{head}</head><body>"
        f"<article><h1>Ferry every forty minutes</h1><div class='entry-content'>{body}{story}</div></article></body></html>"
    )
    return extract_article(page, "https://harbour.example/ferry")


def test_a_byline_inside_the_body_container_is_not_in_the_record() -> None:
    article = _extract("<meta name='author' content='Mara Lind'>", "<p>By Mara Lind, August 14, 2020 2:30 pm</p>")
    assert article.authors == ["Mara Lind"]
    assert article.text.split("\n\n") == PARAGRAPHS


@pytest.mark.parametrize("label", ["Data", "Datum", "Fecha"])
def test_a_date_label_in_the_author_box_is_no_author(label: str) -> None:
    """"Data: 28-04-2021" (Polish, Portuguese, Italian; German "Datum", Spanish "Fecha") under a byline
    that names only the site: the label of the date, not a name; the line is the article's dateline."""
    box = f"<div class='autor'><ul><li>Autor: www.harbour.example</li><li>{label}: 28-04-2021, 09:29</li></ul></div>"
    article = _extract("", box)
    assert label not in article.authors
    assert "28-04-2021" not in article.text
