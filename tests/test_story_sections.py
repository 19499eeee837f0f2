"""A home story told in picture sections: each section's text stays when its like, bookmark and
comment counters go; a closing "Discover more" box of a line and a button is no part of the story."""
from __future__ import annotations

from crawler.extraction import extract_article
from crawler.extraction.cleaning import clean_boilerplate
from crawler.extraction.extract import load_page
from crawler.extraction.structure import paragraph_text_map

_SECTIONS = [
    "Seventy plants share my flat with me, and every window sill has its own little jungle by now. #plants",
    "The old kitchen table came from my grandmother and still carries the marks of every family dinner. #vintage",
    "The cocktail cabinet from the fifties is the highlight of the living room and holds my records too. #retro",
    "Autumn decoration can be simple: a few branches from the hedge and a jar of chestnuts on the sideboard. #autumn",
]
_FACTS = [("Who lives here?", "Mara"), ("How much space?", "68 square metres"), ("Favourite spot", "The kitchen table.")]


def _section(i: int, text: str) -> str:
    counters = (
        f'<div class="stats"><div class="comment"><a href="/photos/{i}"><span class="count">{i}</span></a></div>'
        f'<div class="like"><a class="like-link" href="#"><span class="like-count">{10 + i}</span></a></div>'
        '<div class="bookmark"><a class="like-link" href="#"><span>Save</span></a></div></div>'
    )
    return (
        f'<article class="story-section"><div class="story-section-image"><a href="/photos/{i}">'
        f'<img src="/img/{i}.jpg" alt=""></a></div><div class="story-section-body">'
        f'<div class="story-section-text">{text}</div>{counters}</div></article>'
    )


def _page(closing: str) -> bytes:
    parts = []
    for i, text in enumerate(_SECTIONS):
        parts.append(_section(i, text))
        if i < len(_FACTS):
            label, value = _FACTS[i]
            parts.append(f'<div class="fact"><div class="fact-label">{label}</div><div class="fact-text">{value}</div></div>')
    return (
        "<html><head><title>Vintage flair with lots of green</title></head><body>"
        '<main class="container"><h1>Vintage flair with lots of green</h1>'
        f'<div class="story">{"".join(parts)}{closing}</div></main></body></html>'
    ).encode("utf-8")


_DISCOVER = (
    '<div class="row promo"><section><h2>Discover more <em>home stories</em></h2>'
    "<p>How does our community live? Click through the home stories of our members.</p>"
    '<a class="btn" href="/living/home-stories">More home stories</a></section></div>'
)


def test_every_section_of_a_picture_story_is_text() -> None:
    text = extract_article(_page(""), url="https://living.example/home-stories/vintage-flair-1597").text
    for section in _SECTIONS:
        assert section in text
    assert "Save" not in text and "#plants 10" not in text


def _cleaned(page: bytes) -> str:
    tree = load_page(page, "https://living.example/home-stories/vintage-flair-1597")
    held, total = paragraph_text_map(tree)
    clean_boilerplate(tree, held, total, "https://living.example/home-stories/vintage-flair-1597")
    return " ".join(tree.text_content().split())


def test_a_discover_more_box_is_dropped_though_it_holds_the_only_paragraph() -> None:
    # the box's line is all the paragraph text of the page: the share that protects an article
    # from broken markup does not protect a titled box of a few lines
    text = _cleaned(_page(_DISCOVER))
    assert _SECTIONS[-1] in text
    assert "Discover more" not in text and "Click through the home stories" not in text
    assert "More home stories" not in text


def test_a_german_discover_more_heading_titles_a_box_too() -> None:
    box = _DISCOVER.replace("Discover more <em>home stories</em>", "Entdecke weitere <em>Homestorys</em>")
    text = _cleaned(_page(box))
    assert "Entdecke weitere" not in text and "Click through the home stories" not in text


def test_a_long_section_under_such_a_heading_stays() -> None:
    # more than a teaser line: not a box of a few lines
    long_box = _DISCOVER.replace("<p>How does", "<p>" + "Our members wrote about their homes at length. " * 8 + "How does")
    assert "Click through the home stories" in _cleaned(_page(long_box))
