"""Words never run together across a block boundary, at any depth (`<li><h4>X</h4><p>Y`)."""
from __future__ import annotations

import itertools
import re

import pytest

from crawler import extract_article

CONTAINERS = ["li", "td", "blockquote", "div", "section", "dd", "article"]
BLOCKS = ["h2", "h3", "h4", "h5", "h6", "p"]
SECOND = ["p", "h4", "h2"]
FILLER = (
    "The harbour board met again on Thursday to hear from the pilots, who said the new channel markers "
    "were easier to see at night but harder to read in fog, and asked for a second survey before winter."
)


def _wrap(container: str, inner: str) -> str:
    if container == "li":
        return f"<ul><li>{inner}</li><li>{inner.replace('Zq', 'Zr')}</li></ul>"
    if container == "td":
        return f"<table><tr><td>{inner}</td></tr></table>"
    if container == "dd":
        return f"<dl><dt>Term</dt><dd>{inner}</dd></dl>"
    return f"<{container}>{inner}</{container}>"


def _page(container: str) -> tuple[str, list[tuple[str, str]]]:
    parts, pairs = [], []
    for n, (first, second) in enumerate(itertools.product(BLOCKS, SECOND)):
        a, b = f"Zqfirst{n}x", f"Zqsecond{n}x"
        # the pair sits one level deeper every few cases: boundaries count at any depth
        inner = f"<{first}>{a} ends here</{first}><{second}>{b} starts a longer line of text.</{second}>"
        for _ in range(n % 4):
            inner = f"<div><span></span>{inner}</div>"
        parts.append(f"<p>{FILLER}</p>" + _wrap(container, inner))
        pairs.append((a, b))
    html = f"<html><head><title>Channel markers</title></head><body><main><h1>Channel markers</h1>{''.join(parts)}</main></body></html>"
    return html, pairs


@pytest.mark.parametrize("container", CONTAINERS)
def test_every_block_boundary_inside_every_container_separates_words(container: str) -> None:
    html, pairs = _page(container)
    text = extract_article(html, "https://harbour.example/markers").text
    seen = 0
    for a, b in pairs:
        for first, second in ((a, b), (a.replace("Zq", "Zr"), b.replace("Zq", "Zr"))):
            assert not re.search(rf"{first} ends here{second}", text), f"glued in <{container}>: {first}…{second}"
            seen += f"{first} ends here" in text and second in text
    assert seen >= len(pairs) // 2  # most blocks are kept, not just kept apart


def test_heading_and_paragraph_in_a_list_item_are_two_lines() -> None:
    html = (
        "<html><body><article><h1>Browser tools</h1>"
        f"<p>{FILLER}</p><ul><li><h4>Page Inspector</h4><p>Examine the HTML and the CSS of any element.</p></li>"
        "<li><div><span>Network</span><section><p>See every request the page makes.</p></section></div></li></ul>"
        f"<p>{FILLER}</p></article></body></html>"
    )
    text = extract_article(html).text
    assert "Page Inspector\nExamine the HTML" in text
    assert "Network\nSee every request" in text
