"""A page whose paragraphs are no ``<p>`` (``<div>`` after ``<div>``, or text broken by ``<br><br>``):
trafilatura's fast pass falls back to the page's whole text, menus and link lists with it; the full
pass finds the paragraphs, and its result is the record's text although it is one block and shorter."""
from __future__ import annotations

import pytest

from crawler import extract_article

PARAGRAPHS = [
    "The harbour authority closed the northern quay on Monday after divers found cracks in two of the piles that carry it.",
    "It is the second closure of the quay in three months, and the ferry company fears heavy losses in the busy season.",
    "\"The piles are sixty years old, and the winter storms have done the rest,\" the authority's engineer told the council.",
    "The divers will inspect the piles again every week; the quay may reopen by the end of the month if they find no more.",
]
MENU = "<div class='hdr'><a href='/'>Home</a> - <a href='/port'>Port</a> - <a href='/economy'>Economy</a></div>"
MOST_READ = ("<div class='box'><b>Most read</b><br><a href='/p1'>Storm brings gusts of 80 mph to the coast tonight</a>"
             "<br><a href='/p2'>Bridge closed for two nights of repairs</a></div>")
TOOLS = "<div class='tools'><a href='#'>Print</a> <a href='#'>Send to a friend</a></div>"


@pytest.mark.parametrize("article", [
    "<div class='txt'>" + "".join(f"<div>{p}</div>" for p in PARAGRAPHS) + "</div>",
    "<div class='text'>" + "<br><br>\n".join(PARAGRAPHS) + "</div>",
])
def test_the_paragraphs_without_the_menus_and_link_lists(article):
    html = f"<html><head><title>Quay closed</title></head><body>{MENU}{article}{TOOLS}{MOST_READ}</body></html>"
    text = extract_article(html, "https://port.example/2024/quay.html").text
    assert all(p in text for p in PARAGRAPHS)
    for furniture in ("Home", "Economy", "Send to a friend", "Most read", "Storm brings gusts"):
        assert furniture not in text
