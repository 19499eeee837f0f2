"""Fetching one page through the crawl's own Scrapy stack: ``crawler fetch URL`` and ``crawler fixtures add URL``.

The project settings apply (user agent, robots.txt, network boundary, timeouts, ``-s`` overrides), minus
what only a crawl needs (pipelines, feeds, run extensions).
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from crawler.tools.crawlrun import project_settings


class FetchFailed(Exception):
    """The page could not be fetched; the message names the URL and the cause."""


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be fetched as given (malformed, not http(s), no host), or None."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range or not a number
    except ValueError as exc:
        return f"malformed URL {url}: {exc}"
    if parts.scheme.lower() not in ("http", "https"):
        return f"not an http(s) URL: {url}"
    if not parts.hostname:
        return f"no host in URL {url}"
    return None


def fetch_settings(overrides: dict[str, str]) -> Any:
    """The project settings for one page; ``overrides`` (checked ``-s`` values) come last."""
    settings = project_settings()
    # One page: no pipelines, no feed, none of the crawl's run-level extensions; failures are reported
    # by the command itself (-s LOG_LEVEL=INFO shows Scrapy's log).
    settings.setdict({"ITEM_PIPELINES": {}, "FEEDS": {}, "NEWS_DEFAULT_FEEDS": {}, "LOG_LEVEL": "CRITICAL"},
                     priority="cmdline")
    settings.set("EXTENSIONS", {name: None for name in settings.getdict("EXTENSIONS")}, priority="cmdline")
    settings.setdict(overrides, priority="cmdline")
    return settings


def fetch_page(url: str, overrides: dict[str, str] | None = None) -> tuple[str, bytes, str | None]:
    """Fetch one URL with the project's Scrapy settings: (final URL, body, Content-Type).

    Raises ``FetchFailed`` naming the URL and the cause.
    """
    from scrapy.crawler import CrawlerProcess  # noqa: PLC0415

    from spiders.single_page import SinglePageSpider  # noqa: PLC0415

    result: dict[str, Any] = {}
    process = CrawlerProcess(fetch_settings(overrides or {}))
    process.crawl(SinglePageSpider, url=url, result=result)
    process.start()
    if "error" in result or "body" not in result:
        raise FetchFailed(f"could not fetch {url}: {result.get('error', 'no response')}")
    return result["url"], result["body"], result["content_type"]
