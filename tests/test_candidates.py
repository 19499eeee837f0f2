"""The second candidate (trafilatura's full pass on the page as parsed) never turns a page of
headline links into an article, and wins only with text that is not the page's links."""
from __future__ import annotations

import pytest

from crawler import NotAnArticle, extract_article

HEADLINES = [f"Regional health officials questioned the closure of clinic number {n} ({n})" for n in range(12)]


@pytest.mark.parametrize("count", [6, 8, 12])
def test_section_page_of_headline_links_stays_no_article(count: int) -> None:
    items = "".join(f"<li><a href='/health/story-{n}.html'>{h}</a></li>" for n, h in enumerate(HEADLINES[:count]))
    page = f"<html><head><title>Health | Gazette</title></head><body><h1>Health</h1><ul>{items}</ul></body></html>"
    with pytest.raises(NotAnArticle):
        extract_article(page, "https://gazette.example/health/")


def test_short_fast_result_on_a_text_heavy_page_gets_the_longer_candidate() -> None:
    sentence = "The ferry operator said the new timetable would add two crossings on weekday evenings. "
    body = "".join(f"<div class='row'><span>Row {i}: {sentence * 3}</span></div>" for i in range(12))
    page = (
        "<html><head><title>Ferry timetable</title></head><body><article><h1>Ferry timetable</h1>"
        f"<p>A short standfirst that the first pass finds and keeps as the whole article.</p></article>"
        f"<div class='body-text'>{body}</div></body></html>"
    )
    text = extract_article(page, "https://ferry.example/timetable").text
    assert text.count("two crossings on weekday evenings") >= 12
