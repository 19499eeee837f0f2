"""A result in one block is trafilatura's fallback when its main pass found too little: a JSON-LD
``articleBody`` (or the page's text) run together, the paragraphs lost and an inset teaser's headline
run into them. The full pass's structured result of about the same length is the record's text."""
from __future__ import annotations

import json

from crawler import extract_article

PARAGRAPHS = [
    "Hauliers across the south say they are on maximum alert after a series of attacks on lorries in the past weeks, some of which left drivers wounded.",
    "On Tuesday afternoon the board of the national hauliers' federation met the regional associations to agree on what to ask of the government next.",
    "They decided to return to the capital and hand their demands to the president in person, as he has still not announced a visit to the region.",
    "Asked about a new stoppage, the federation's president said it could not be ruled out; the members will decide in a national vote on Thursday.",
    "He also expects the interior minister to keep the promise she made twelve days ago, when she received the hauliers' leaders at the palace.",
]
EXCERPT = ("With a national vote the hauliers' federation will decide on Thursday what to do next, and a new stoppage "
           "of the country's lorries is not ruled out by its leaders.")
TEASER = "Injured driver still in critical condition after Sunday's attack"


def _page() -> str:
    body = json.dumps({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": "Hauliers do not rule out a new stoppage",
        "articleBody": " ".join(PARAGRAPHS[:2] + [f"Read also... {TEASER}"] + PARAGRAPHS[2:]),
    })
    paragraphs = "".join(f"<p>{text}</p>" for text in PARAGRAPHS[:2])
    paragraphs += f"<div class='read-also'><a href='/2022/05/01/driver.html'>{TEASER}</a></div>"
    paragraphs += "".join(f"<p>{text}</p>" for text in PARAGRAPHS[2:])
    # the article's text in a box whose class trafilatura's main pass discards as a banner's (its guard
    # lets the prune go ahead: header, bylines and excerpt are over a seventh of the article's text); it
    # keeps too little and falls back to the JSON-LD articleBody
    return (
        f"<html><head><title>Hauliers do not rule out a new stoppage</title><script type='application/ld+json'>{body}</script>"
        "</head><body><main><article class='post'><h2 class='post-category'>South</h2>"
        "<div class='post-date'>Wednesday 4 May 2022 | 01:10</div><h1>Hauliers do not rule out a new stoppage</h1>"
        "<div class='post-author'><p>Published by <a href='/authors/ana-vidal'>Ana Vidal</a></p>"
        "<p>Reporting by <a href='/authors/tomas-reyes'>Tomás Reyes</a> in the southern bureau</p></div>"
        f"<div class='post-main'><div class='post-content'><div class='post-excerpt'><p>{EXCERPT}</p></div>"
        f"<div class='banners-content-note-5286571'>{paragraphs}</div></div></div></article></main></body></html>"
    )


def test_a_flat_fallback_gives_way_to_the_structured_text() -> None:
    text = extract_article(_page(), "https://news.example/2022/05/04/hauliers.html").text
    assert text.split("\n\n")[-len(PARAGRAPHS):] == PARAGRAPHS  # (after the excerpt) one block each, no teaser
