"""Teasers of other stories set inside the article: an advertised story's card between two parts of
the body, related-story cards after it. They go, and the body on both sides of them stays; entries of
the article itself (a live blog's posts linking to their own anchors) are no teasers."""
from __future__ import annotations

from crawler import extract_article

FIRST = [f"{n}. Take a walk before breakfast: ten minutes in daylight set the body's clock for the whole day ahead." for n in range(1, 6)]
SECOND = [f"{n}. Write down three things that went well today, however small they seem when you look back at them." for n in range(6, 30)]
CARD = ('<article class="node node--teaser"><a href="/other/shower-thoughts"><div class="article-content">'
        '<header><h3>Shower thoughts: what really goes through our heads</h3></header>'
        '<div class="summary"><p>Under the shower we come to rest, and some strange ideas come with it: read them here.</p></div>'
        '</div></a></article>')


def _page(inside: str) -> str:
    return ("<html><head><title>Ninety-nine ways to look after yourself</title></head><body><main>"
            '<article class="node node--article node--full"><h1>Ninety-nine ways to look after yourself</h1>'
            f"{inside}</article></main></body></html>")


def _paragraphs(items: list[str]) -> str:
    return "".join(f"<p>{item}</p>" for item in items)


def test_an_advertised_card_between_two_parts_of_the_body_goes_and_both_parts_stay() -> None:
    html = _page(f'<div class="field--story">{_paragraphs(FIRST)}</div>{CARD}'
                 f'<div class="paragraphs-item"><div class="content"><div class="field--story">{_paragraphs(SECOND)}</div></div></div>')
    text = extract_article(html, url="https://magazine.example/selfcare").text
    assert all(item in text for item in FIRST + SECOND)
    assert "Shower thoughts" not in text and "strange ideas" not in text


def test_related_cards_after_the_body_inside_the_article_go() -> None:
    cards = CARD.replace("shower-thoughts", "a") + CARD.replace("Shower thoughts", "Morning light").replace("shower-thoughts", "b")
    html = _page(f'<div class="entry">{_paragraphs(FIRST + SECOND)}</div><section class="more">{cards}</section>')
    text = extract_article(html, url="https://magazine.example/selfcare").text
    assert all(item in text for item in FIRST + SECOND)
    assert "Shower thoughts" not in text and "Morning light" not in text


def test_entries_of_a_live_blog_linking_to_their_own_anchors_stay() -> None:
    entries = "".join(
        f'<article class="entry" id="e{n}"><h3><a href="#e{n}">Update {n}: the ferry is running late</a></h3>'
        f"<p>{item}</p></article>" for n, item in enumerate(FIRST)
    )
    html = _page(f'<div class="live">{entries}</div><div class="entry-body">{_paragraphs(SECOND)}</div>')
    text = extract_article(html, url="https://news.example/live").text
    assert all(item in text for item in FIRST + SECOND)
