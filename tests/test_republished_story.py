"""A story republished from another outlet: the lines that say so (a feed item's "The post ... appeared
first on ...", "Source: <outlet>", "This article first appeared on ...", an aggregator's disclaimer)
are no text, and the original's address is the record's original_url, also when only the
republishing partners' syndication tags give it."""
from __future__ import annotations

import pytest

from crawler import extract_article

ORIGINAL = "https://maritime-review.example/2024/05/ferry-plan"
PARAGRAPHS = [f"Paragraph {n} of the ferry story explains the harbour plan in plain words for the readers of the coast."
              for n in ("one", "two", "three", "four", "five")]


def _page(head: str = "", tail: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f"<html><head><title>Ferry plan | Aggregated News</title>{head}</head><body><article><h1>Ferry plan</h1>"
            f"<div class='entry-content'>{body}{tail}</div></article></body></html>")


def test_the_lines_that_say_where_a_story_came_from_go():
    tail = (f"<p>Source: <a href='{ORIGINAL}'>Northern Maritime Review</a></p>"
            f"<p>The post <a href='{ORIGINAL}'>Ferry plan</a> appeared first on "
            "<a href='https://maritime-review.example/'>Northern Maritime Review</a>.</p>"
            "<p><em>Disclaimer: This story is auto-aggregated by a computer program and has not been created or "
            "edited by Aggregated News.</em></p>")
    record = extract_article(_page(tail=tail), "https://aggregated.example/2024/05/ferry-plan")
    assert record.text.split("\n\n") == PARAGRAPHS
    assert record.original_url == ORIGINAL


@pytest.mark.parametrize("tail", [
    f"<p><em>This article first appeared on <a href='{ORIGINAL}'>Northern Maritime Review</a>.</em></p>",
    f"<p>Republished from <a href='{ORIGINAL}'>Northern Maritime Review</a> under a Creative Commons licence.</p>",
])
def test_a_republishing_note_gives_the_original_and_goes(tail):
    record = extract_article(_page(tail=tail), "https://aggregated.example/2024/05/ferry-plan")
    assert record.original_url == ORIGINAL
    assert "Northern Maritime Review" not in record.text


@pytest.mark.parametrize("head", [
    f"<meta name='syndication-source' content='{ORIGINAL}'>",
    f"<link rel='original-source' href='{ORIGINAL}'>",
])
def test_a_syndication_tag_gives_the_original(head):
    assert extract_article(_page(head=head), "https://aggregated.example/2024/05/ferry-plan").original_url == ORIGINAL


def test_a_sentence_that_starts_with_source_stays():
    tail = "<p>Source: the ministry said on Monday that the figures had been revised twice since the spring.</p>"
    assert "the figures had been revised" in extract_article(_page(tail=tail), "https://aggregated.example/a").text
