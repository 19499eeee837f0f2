"""Words never run together across a block boundary, at any depth (`<li><h4>X</h4><p>Y`)."""
from __future__ import annotations

import itertools
import re

import pytest
import trafilatura.external
from lxml.html import HtmlElement, tostring

from crawler import extract_article
from crawler.compat.trafilatura import BLOCK_EDGE, extraction_options, run_cascade
from crawler.extraction.extract import load_page
from crawler.extraction.structure import separate_nested_blocks

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
    return _block(container, inner)


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


# --- every block-level tag inside every container ---------------------------------------------------

ALL_BLOCKS = [
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "section", "article", "td", "th", "dt",
    "dd", "pre", "figure", "figcaption", "header", "footer", "address", "main", "details", "summary", "table",
    "tr", "caption", "ul", "ol", "dl", "center", "hgroup", "fieldset", "legend", "hr", "br",
]
ALL_CONTAINERS = [
    "main", "div", "section", "article", "li", "td", "th", "blockquote", "dd", "dt", "figure", "figcaption",
    "header", "footer", "details", "summary", "pre", "address", "center", "h2", "caption", "p", "span", "a",
]
FURNITURE = {"figure", "figcaption", "footer", "legend", "fieldset", "header", "details", "summary", "caption"}
"""Tags the cleaning may remove with their text (page furniture), or that trafilatura skips."""


def _block(tag: str, text: str) -> str:
    """``text`` in a ``tag``, with the parents HTML requires around it."""
    if tag in ("li",):
        return f"<ul><li>{text}</li></ul>"
    if tag in ("ul", "ol"):
        return f"<{tag}><li>{text}</li></{tag}>"
    if tag in ("td", "th", "tr", "table"):
        cell = "th" if tag == "th" else "td"
        return f"<table><tr><{cell}>{text}</{cell}></tr></table>"
    if tag in ("dt", "dd", "dl"):
        inner = "dd" if tag == "dl" else tag
        return f"<dl><{inner}>{text}</{inner}></dl>"
    if tag == "caption":
        return f"<table><caption>{text}</caption><tr><td>cell</td></tr></table>"
    if tag == "summary":
        return f"<details><summary>{text}</summary></details>"
    if tag == "figcaption":
        return f"<figure><figcaption>{text}</figcaption></figure>"
    if tag == "legend":
        return f"<fieldset><legend>{text}</legend></fieldset>"
    if tag in ("hr", "br"):
        return f"<{tag}>{text}<{tag}>"
    return f"<{tag}>{text}</{tag}>"


def _container_page(container: str) -> tuple[str, list[tuple[str, list[str]]]]:
    """A page holding, for every block tag, ``lead <B>first</B><B>second</B><div>third</div> tail``
    inside ``container`` (one level deeper every other case); and each case's markers."""
    parts, cases = [], []
    for n, tag in enumerate(ALL_BLOCKS):
        lead, first, second, third, tail = (f"Zq{n}{part}" for part in ("lead", "first", "second", "third", "tail"))
        inner = (
            f"{lead} opens the case. " + _block(tag, f"{first} ends a line of several words.")
            + _block(tag, f"{second} goes on for a few more words.")
            + f"<div>{third} starts a longer line of words.</div>{tail} closes it after the block."
        )
        if n % 2:
            inner = f"<div><span></span>{inner}</div>"
        parts.append(f"<p>{FILLER}</p>" + _block(container, inner))
        cases.append((tag, [lead, first, second, third, tail]))
    html = (
        "<html><head><title>Channel markers</title></head><body><main><h1>Channel markers</h1>"
        f"{''.join(parts)}<p>{FILLER}</p></main></body></html>"
    )
    return html, cases


@pytest.mark.parametrize("container", ALL_CONTAINERS)
def test_every_block_tag_inside_every_container_separates_words(container: str) -> None:
    html, cases = _container_page(container)
    text = extract_article(html, "https://harbour.example/markers").text
    kept = expected = 0
    for tag, markers in cases:
        for marker in markers:
            # a marker stands alone: no letter, digit or sentence end runs into it on either side
            assert marker not in text or re.search(rf"(?<![\w.]){marker}(?!\w)", text), (
                f"<{tag}> in <{container}>: {marker!r} glued in {text[max(text.find(marker) - 40, 0):][:100]!r}"
            )
        if tag not in FURNITURE and container not in FURNITURE:
            expected += 1
            kept += all(marker in text for marker in markers[1:3])
    assert kept >= 0.6 * expected  # most blocks are kept too, not only kept apart


def test_readability_weighs_the_page_as_served_not_the_block_edge_marks(monkeypatch: pytest.MonkeyPatch) -> None:
    """trafilatura's full pass asks readability for a second opinion, and readability skips paragraphs
    under 25 characters: a mark counted as a character lifts a 24-character line of a sidebar poem
    over that floor and can tip its choice. It reads each mark as a space (trimmed at a text's ends),
    so its input has the page's own lengths, and the words at a block edge still stay apart."""
    line = "Slow is the walking now."
    assert len(line) == 24
    html = (
        "<html><body><article><h1>Browser tools</h1>"
        f"<p>{FILLER}</p><ul><li><h4>Page Inspector</h4><p>Examine the HTML and the CSS of any element.</p></li></ul>"
        f"</article><aside><ul><li><h3>Poems</h3><div><p>{line}</p><p>{line}</p></div></li></ul></aside></body></html>"
    )
    seen: list[str] = []
    real = trafilatura.external.try_readability

    def recording(tree: HtmlElement) -> HtmlElement:
        seen.append(tostring(tree, encoding="unicode"))
        return real(tree)

    monkeypatch.setattr(trafilatura.external, "try_readability", recording)
    tree = load_page(html)
    assert separate_nested_blocks(tree) > 0
    body, _ = run_cascade(tree, extraction_options(fast=False), None)
    assert seen, "the full pass did not ask readability"
    for page in seen:
        assert BLOCK_EDGE not in page
        assert f"<p> {line}</p>" in page  # the mark before the second line, as a space: trimmed away
        assert "Page Inspector</h4><p> Examine" in page
    assert body is not None and BLOCK_EDGE in "".join(body.itertext())  # trafilatura's own result keeps them
