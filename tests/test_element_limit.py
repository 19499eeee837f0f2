"""The element limit (``parsing.MAX_ELEMENTS``) holds without a walk of every tree: the tree is counted
only when the page's "<" could make more elements than the limit, so no markup may build more
elements per "<" than ``parsing`` allows for (implied ``<html>``/``<body>``/``<p>``, later roots)."""
from __future__ import annotations

import pytest
from lxml.etree import XPath

from crawler.extraction import parsing
from crawler.extraction.errors import NotAnArticle
from crawler.extraction.extract import load_page

_COUNT = XPath("count(//*)")

_MARKUP = {
    "paragraphs": "<p>One line.</p>",
    "unclosed items": "<li>item",
    "text after the document": "</html>words<b>bold</b>more",
    "bare text and breaks": "text<br>",
    "table cells without rows": "<td>cell",
    "head elements in the body": "<title>t</title><meta name=a content=b>x",
    "frameset": "<frame>text",
    "self-closing": "<img/>a<hr/>",
}


@pytest.mark.parametrize("repeat", ["paragraphs", "unclosed items", "text after the document", "bare text and breaks",
                                    "table cells without rows", "head elements in the body", "frameset", "self-closing"])
def test_no_markup_builds_more_elements_than_the_bound_allows(repeat: str) -> None:
    source = "<html><body>" + _MARKUP[repeat] * 500
    tree = load_page(source)
    bound = parsing._ELEMENTS_PER_TAG * source.encode().count(b"<") + parsing._IMPLIED_ELEMENTS
    assert 500 <= _COUNT(tree) <= bound


def test_a_page_of_many_tags_under_the_limit_is_read() -> None:
    count = parsing.MAX_ELEMENTS // 2  # enough "<" that the tree is counted
    tree = load_page("<html><body>" + "<p>x</p>" * count + "</body></html>")
    assert len(tree.find("body")) == count


def test_a_page_over_the_limit_is_refused() -> None:
    with pytest.raises(NotAnArticle) as caught:
        load_page("<html><body>" + "<p>x" * (parsing.MAX_ELEMENTS + 10) + "</body></html>")
    assert caught.value.reason == "too_large"
