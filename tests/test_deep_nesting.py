"""Page-controlled nesting (JSON-LD brackets, nested markup) never exhausts the stack: with the
recursion limit lowered far below Python's default, extract_article returns the article or raises
NotAnArticle, nothing else."""
from __future__ import annotations

import inspect
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from crawler import NotAnArticle, extract_article
from crawler.common.jsondepth import MAX_JSON_DEPTH, json_depth

PARAGRAPHS = "".join(
    f"<p>Paragraph {n}: the harbour council voted on Tuesday to rebuild the old stone pier before the "
    f"winter storms, after two fishing boats were damaged at their moorings in March.</p>"
    for n in range(4)
)
HEADROOM = 160
"""Frames allowed above the test's own: what the extraction needs on ordinary pages, with margin."""


@contextmanager
def lowered_recursion_limit() -> Iterator[None]:
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + HEADROOM)
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def _page(head: str = "", body: str = "") -> str:
    return (
        f"<html><head><title>Pier to be rebuilt</title>{head}</head><body><article><h1>Pier to be rebuilt</h1>"
        f"{PARAGRAPHS}{body}</article></body></html>"
    )


def _ld(text: str) -> str:
    return f"<script type='application/ld+json'>{text}</script>"


JSON_LD = {
    "nested_lists": "[" * 5000 + "]" * 5000,
    "nested_objects": '{"a":' * 5000 + "1" + "}" * 5000,
    "deep_graph_author": '{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Pier",'
    '"articleBody":"Pier","author":' + '{"author":' * 3000 + '"x"' + "}" * 3000 + "}]}",
    "unclosed": "[" * 5000,
}
MARKUP = {
    "lists": "<ul><li>item " * 3000,
    "ordered_lists": "<ol><li>" * 3000,
    "divs": "<div>" * 5000 + "deep text" + "</div>" * 5000,
    "quotes": "<blockquote>" * 3000,
    "tables": "<table><tr><td>" * 2000,
    "spans": "<span>" * 5000,
    "list_in_quote": "<blockquote><ul><li>" * 1500,
    "definition_lists": "<dl><dt>term</dt><dd>" * 3000,  # trafilatura reads <dl> as a list, recursively
    "byline_wrappers": "<div class='byline'>" + "<span class='wrap'>" * 3000 + "By Ann Lee",
    "author_microdata": "<div itemscope itemtype='https://schema.org/Person' itemprop='author'>" * 3000
    + "<span itemprop='name'>Ann Lee</span>",
    "dateline_wrappers": "<div class='date'>" * 3000 + "<time datetime='2024-05-01'>May 1, 2024</time>",
    "inline_formatting": "<b><i><em>" * 1000 + "bold words",
    "cards": "<article><header><h2><a href='/x'>Other story</a></h2></header><section><p>teaser " * 800,
    "figures": "<figure><figcaption>caption " * 1500,
    "details": "<details><summary>more</summary>" * 2000,
    "headings_in_items": "<ul><li><h4>Heading</h4><div><p>text " * 1000,
}


def _extract_safely(html: str) -> str | None:
    with lowered_recursion_limit():
        try:
            return extract_article(html, "https://harbour.example/pier").text
        except NotAnArticle:
            return None


@pytest.mark.parametrize("name", sorted(JSON_LD))
def test_deeply_nested_json_ld_is_ignored_and_the_article_still_extracted(name: str) -> None:
    text = _extract_safely(_page(head=_ld(JSON_LD[name])))
    assert text is not None and "Paragraph 3: the harbour council" in text


@pytest.mark.parametrize("name", sorted(MARKUP))
def test_deeply_nested_markup_extracts_the_same_under_the_lowered_limit(name: str) -> None:
    """The record (text and metadata) does not depend on the recursion limit: no walk over the
    markup recurses per level, and none swallows a RecursionError and returns less."""
    html = _page(body=MARKUP[name])
    expected = extract_article(html, "https://harbour.example/pier")
    with lowered_recursion_limit():
        actual = extract_article(html, "https://harbour.example/pier")
    assert actual == expected
    assert "Paragraph 3: the harbour council" in actual.text


@pytest.mark.parametrize("name", ["byline_wrappers", "author_microdata", "dateline_wrappers"])
def test_metadata_reader_alone_walks_deep_markup_without_recursion(name: str) -> None:
    from crawler.extraction.metadata import extract_metadata
    from crawler.extraction.parsing import parse_html

    tree = parse_html(_page(body=MARKUP[name]))
    expected = extract_metadata(parse_html(_page(body=MARKUP[name])), "https://harbour.example/pier")
    with lowered_recursion_limit():
        assert extract_metadata(tree, "https://harbour.example/pier") == expected


def test_ordinary_json_ld_is_kept():
    article = '{"@context":"https://schema.org","@type":"NewsArticle","headline":"Pier to be rebuilt","author":{"@type":"Person","name":"Ann Lee"}}'
    assert json_depth(article) == 2 < MAX_JSON_DEPTH
    with lowered_recursion_limit():
        record = extract_article(_page(head=_ld(article)), "https://harbour.example/pier")
    assert record.authors == ["Ann Lee"]


def test_fixture_pages_extract_the_same_under_the_lowered_limit() -> None:
    from crawler.tools.fixtures import iter_fixtures

    for fixture in iter_fixtures():
        expected = fixture.extract()
        with lowered_recursion_limit():
            actual = fixture.extract()
        if isinstance(expected, NotAnArticle):
            assert isinstance(actual, NotAnArticle), fixture.id
        else:
            assert actual == expected, fixture.id


@pytest.mark.parametrize("name", sorted(JSON_LD))
def test_metadata_reader_alone_ignores_json_ld_nested_past_the_limit(name: str) -> None:
    """The metadata reader, called without the extraction's pre-filter, treats such JSON-LD as absent."""
    from crawler.extraction.metadata import extract_metadata
    from crawler.extraction.parsing import parse_html

    tree = parse_html(_page(head=_ld(JSON_LD[name])))
    with lowered_recursion_limit():
        metadata = extract_metadata(tree, "https://harbour.example/pier")
    assert metadata.title == "Pier to be rebuilt"


@pytest.mark.parametrize("name", sorted(JSON_LD))
def test_the_crawls_page_classifier_skips_json_ld_nested_past_the_limit(name: str) -> None:
    """The crawl reads a page's class before its extraction (spiders/classify.py): the same JSON-LD must
    not crash it, or the page is lost with a spider error."""
    from parsel import Selector  # noqa: PLC0415

    from spiders.classify import classify  # noqa: PLC0415

    page = _page(head=_ld(JSON_LD[name]))
    with lowered_recursion_limit():
        kind = classify("https://harbour.example/news/2024/05/pier-to-be-rebuilt", Selector(text=page))
    assert kind == classify("https://harbour.example/news/2024/05/pier-to-be-rebuilt", Selector(text=_page()))
