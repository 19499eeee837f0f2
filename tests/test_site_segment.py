"""A page that declares no site name still names its site in its <title> ("Headline – Site Name");
that segment is the record's sitename when it names the page's own host."""
from __future__ import annotations

import pytest

from crawler.extraction import extract_article

_BODY = "<p>" + "The dog barked until the neighbours woke up and the burglars ran off through the garden. " * 6 + "</p>"


def _sitename(title: str, url: str, head: str = "") -> str | None:
    page = f"<html><head><title>{title}</title>{head}</head><body><article><h1>Dog drives off burglars</h1>{_BODY}</article></body></html>"
    return extract_article(page.encode("utf-8"), url=url).sitename


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [
        ("Dog drives off burglars – Hildesheim Press", "https://hildesheim-press.example/2023/11/01/dog", "Hildesheim Press"),
        ("Four Years Remaining » Blog Archive » Dog drives off burglars", "http://fouryears.example/2019/10/dog/",
         "Four Years Remaining"),
        ("Dog drives off burglars | Police | heizung.example", "https://www.heizung.example/news/dog", "heizung.example"),
    ],
)
def test_the_title_segment_naming_the_host_is_the_site_name(title: str, url: str, expected: str) -> None:
    assert _sitename(title, url) == expected


def test_a_declared_site_name_comes_first() -> None:
    head = '<meta property="og:site_name" content="The Hildesheim Press Online">'
    url = "https://hildesheim-press.example/2023/11/01/dog"
    assert _sitename("Dog drives off burglars – Hildesheim Press", url, head) == "The Hildesheim Press Online"


@pytest.mark.parametrize(
    ("title", "url"),
    [
        ("Dog drives off burglars | CNN", "https://news-aggregator.example/2023/dog"),  # another publisher's name
        ("Dog drives off burglars | Police", "https://hildesheim-press.example/2023/dog"),  # a section
        ("Dog drives off burglars", "https://hildesheim-press.example/2023/dog"),
    ],
)
def test_no_segment_naming_the_host_gives_no_site_name(title: str, url: str) -> None:
    assert _sitename(title, url) is None
