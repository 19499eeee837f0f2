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


def _shown_sitename(header: str, footer: str, url: str = "https://www.fenwickcourier.example/news/dog-4471") -> str | None:
    page = (f"<html><head><title>Dog drives off burglars</title></head><body><header>{header}</header>"
            f"<article><h1>Dog drives off burglars</h1>{_BODY}</article><footer>{footer}</footer></body></html>")
    return extract_article(page.encode("utf-8"), url=url).sitename


@pytest.mark.parametrize(
    ("header", "footer", "expected"),
    [
        ('<a href="/" class="logo"><img src="/logo.png" alt="Fenwick Courier"></a>', "", "Fenwick Courier"),
        ('<a href="https://fenwickcourier.example/"><img src="/l.png" alt="Fenwick Courier Logo"></a>', "", "Fenwick Courier"),
        ('<a href="/">Fenwick Courier – News for the valley</a>', "", "Fenwick Courier"),
        ('<a href="/"><img src="/l.png" alt="Logo"></a>', "<p>© 2024 Fenwick Courier. All rights reserved.</p>",
         "Fenwick Courier"),
        ('<a href="/">Home</a>', "<p>Copyright 2019-2024 Fenwick Courier Ltd</p>", "Fenwick Courier"),
    ],
    ids=["logo image", "logo image, absolute link, 'Logo' in its description", "home link text with a tagline",
         "copyright line", "copyright line with years and a legal form"],
)
def test_a_page_that_declares_no_name_shows_it_in_its_logo_or_copyright_line(header: str, footer: str, expected: str) -> None:
    assert _shown_sitename(header, footer) == expected


@pytest.mark.parametrize(
    ("header", "footer"),
    [
        ('<a href="/"><img src="/l.png" alt="Logo"></a>', "<p>© 2024 Hartley Media Group. All rights reserved.</p>"),
        ('<a href="/about">Fenwick Courier</a>', ""),  # not the home page's link
        ('<a href="https://other-paper.example/"><img src="/l.png" alt="Other Paper"></a>', ""),
    ],
    ids=["a parent company's copyright", "a link elsewhere", "another site's logo"],
)
def test_a_logo_or_copyright_line_that_does_not_name_the_host_gives_no_site_name(header: str, footer: str) -> None:
    assert _shown_sitename(header, footer) is None


@pytest.mark.parametrize("url", [
    "https://allotment-diaries.blogspot.com/2025/02/leeks.html",
    "https://allotmentdiaries.wordpress.com/2025/02/leeks/",
])
def test_a_blog_on_a_hosting_platform_is_named_by_its_subdomain_not_the_platform(url: str) -> None:
    page = ("<html><head><title>The Allotment Diaries: Dog drives off burglars</title></head><body>"
            "<h1><a href='/'>The Allotment Diaries</a></h1>"
            f"<article><h2>Dog drives off burglars</h2>{_BODY}</article></body></html>")
    record = extract_article(page.encode("utf-8"), url=url)
    assert record.sitename == "The Allotment Diaries"
    assert record.title == "Dog drives off burglars"
