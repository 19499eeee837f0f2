"""A topic page whose own text stands above a long list of teasers is an article; a section page
with a short blurb is a listing. The scale is a typical teaser, not the longest one."""
from __future__ import annotations

import pytest

from crawler.extraction import NotAnArticle, extract_article

_SENTENCE = "The regional grid operator {n} reported how storage, lines and demand shifted during the year. "


def _text(chars: int, seed: int) -> str:
    out, n = "", seed
    while len(out) < chars:
        out += _SENTENCE.format(n=n)
        n += 1
    return out.strip()


def _teaser(i: int, chars: int) -> str:
    return (
        f'<article class="teaser"><h3><a href="/news/story-{i}">Story number {i} of the topic</a></h3>'
        f"<p>{_text(chars, i * 100)}</p></article>"
    )


def _topic_page(intro_chars: int) -> str:
    intro = "".join(f"<p>{_text(intro_chars // 4, k * 7)}</p>" for k in range(4))
    teasers = [_teaser(i, 450) for i in range(12)] + [_teaser(99, 900)]  # one long column teaser
    return (
        "<html><head><title>Energy transition and society</title></head><body>"
        '<main><section class="intro"><h1>Energy transition and society</h1>'
        f"{intro}</section>"
        f'<section class="news"><h2>News of the topic</h2>{"".join(teasers)}</section></main></body></html>'
    )


def test_a_topic_text_several_teasers_long_is_the_article() -> None:
    # 2,400 characters: over four typical teasers (450), under four times the longest one (900).
    article = extract_article(_topic_page(2400), url="https://institute.example/topics/energy")
    assert "The regional grid operator 0 reported" in article.text
    assert "Story number 3 of the topic" not in article.text


@pytest.mark.parametrize("intro_chars", [600, 1200])
def test_a_section_blurb_over_teasers_is_a_listing(intro_chars: int) -> None:
    with pytest.raises(NotAnArticle) as caught:
        extract_article(_topic_page(intro_chars), url="https://institute.example/topics/energy")
    assert caught.value.reason == "listing_page"
