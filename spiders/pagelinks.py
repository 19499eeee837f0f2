"""What the spider needs to know about an HTML page: its class and its links (runs in the worker pool).

Parsing a page and finding its links costs CPU comparable to extracting its article, so it runs in the
crawl's worker processes (``crawler.extensions.workers``), not on the reactor thread.

Links are read the way Scrapy's ``LinkExtractor`` reads them (``<a href>`` and ``<area href>``, HTML5
whitespace stripped, resolved against ``<base href>``, made safe with w3lib, unique, no fragments,
Scrapy's ``IGNORED_EXTENSIONS`` left out) but in one pass over the parsed tree: ``LinkExtractor``
spends about 100 µs per link (10-15 ms on a news page with 100 links, as long as the extraction of
its article), this about a fifth of that. Domains, ``allow`` and ``deny`` are checked per source by
the spider.
"""
from __future__ import annotations

from posixpath import splitext
from urllib.parse import urljoin, urlsplit

from scrapy.http import HtmlResponse
from scrapy.linkextractors import IGNORED_EXTENSIONS
from w3lib.html import get_base_url, strip_html5_whitespace
from w3lib.url import safe_url_string

from .classify import classify

DENY_EXTENSIONS = frozenset(f".{ext}" for ext in IGNORED_EXTENSIONS) - {".php", ".asp", ".aspx"}
_NOT_PAGES = ("#", "javascript:", "mailto:", "tel:", "data:", "about:")


def links(response: HtmlResponse) -> list[str]:
    """The absolute http(s) URLs a page links to, in document order, each once."""
    base = get_base_url(response.text[:8192], response.url, response.encoding)
    found: list[str] = []
    seen: set[str] = set()
    for href in response.selector.root.xpath("//a/@href | //area/@href"):
        href = strip_html5_whitespace(str(href))
        if not href or href.lower().startswith(_NOT_PAGES):
            continue
        try:
            url = urljoin(base, href)
            if not url.isascii():
                url = safe_url_string(url, encoding=response.encoding)
        except ValueError:
            continue
        url = url.partition("#")[0]
        if url in seen:
            continue
        seen.add(url)
        if url.startswith(("http://", "https://")) and splitext(urlsplit(url).path)[1].lower() not in DENY_EXTENSIONS:
            found.append(url)
    return found


def page_links(body: bytes, url: str, encoding: str | None) -> tuple[str, list[str]]:
    """``("article" | "listing", [absolute link URLs])`` of an HTML page."""
    response = HtmlResponse(url=url, body=body, encoding=encoding or "utf-8")
    return classify(url, response), links(response)
