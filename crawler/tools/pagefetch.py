"""Fetching one page through the crawl's own Scrapy stack: ``crawler fetch URL`` and ``crawler fixtures add URL``.

The project settings apply (user agent, robots.txt, network boundary, timeouts, ``-s`` overrides), minus
what only a crawl needs (pipelines, feeds, run extensions). Two things differ for a single page, where
someone is waiting at a terminal:

* a refused connection or an unknown host is not retried (``RETRY_EXCEPTIONS`` without them): it will
  not be different a second later; timeouts and HTTP 5xx/429 are still retried as in a crawl;
* a request that has not come back after ``NOTICE_AFTER`` seconds is announced on stderr, naming
  the URL (the page, or its site's robots.txt) and how long the wait may last.
"""
from __future__ import annotations

import sys
import time
from typing import Any
from urllib.parse import urlsplit

from crawler.tools.crawlrun import project_settings

NOTICE_AFTER = 3.0
"""Seconds a request may take before the command says what it is waiting for."""

NOT_RETRIED = {"scrapy.exceptions.DownloadConnectionRefusedError", "scrapy.exceptions.CannotResolveHostError"}


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
    retried = [name for name in settings.getlist("RETRY_EXCEPTIONS") if name not in NOT_RETRIED]
    settings.set("RETRY_EXCEPTIONS", retried, priority="cmdline")
    settings.setdict(overrides, priority="cmdline")
    return settings


class WaitNotice:
    """Says on stderr which URL is slow, once per URL, when it has been asked for ``NOTICE_AFTER``
    seconds: counted from its first attempt, so that retries of short timeouts add up."""

    def __init__(self, prog: str, timeout: float, retries: int) -> None:
        self.prog = prog
        self.timeout = timeout
        self.retries = retries
        self.first_attempt: dict[str, float] = {}
        self.current: tuple[str, int] | None = None
        """The URL being fetched and its retry number."""
        self.announced: set[str] = set()

    def reached(self, request: Any) -> None:
        self.first_attempt.setdefault(request.url, time.monotonic())
        self.current = (request.url, int(request.meta.get("retry_times", 0)))

    def received(self, response: Any, request: Any) -> None:
        if self.current and self.current[0] == request.url:
            self.current = None

    def check(self) -> None:
        if self.current is None or self.current[0] in self.announced:
            return
        url, attempt = self.current
        waited = time.monotonic() - self.first_attempt[url]
        if waited < NOTICE_AFTER:
            return
        self.announced.add(url)
        what = "robots.txt" if urlsplit(url).path == "/robots.txt" else "the page"
        retry = f", retry {attempt} of {self.retries}" if attempt else ""
        print(f"{self.prog}: waiting for {what}, {url} ({waited:.0f} s so far{retry}; "
              f"DOWNLOAD_TIMEOUT is {self.timeout:g} s, RETRY_TIMES {self.retries})", file=sys.stderr, flush=True)


def fetch_page(url: str, overrides: dict[str, str] | None = None, prog: str = "crawler fetch") -> tuple[str, bytes, str | None]:
    """Fetch one URL with the project's Scrapy settings: (final URL, body, Content-Type).

    Raises ``FetchFailed`` naming the URL and the cause.
    """
    from scrapy import signals  # noqa: PLC0415
    from scrapy.crawler import CrawlerProcess  # noqa: PLC0415
    from scrapy.utils.asyncio import create_looping_call  # noqa: PLC0415

    from spiders.single_page import SinglePageSpider  # noqa: PLC0415

    result: dict[str, Any] = {}
    settings = fetch_settings(overrides or {})
    retries = settings.getint("RETRY_TIMES") if settings.getbool("RETRY_ENABLED") else 0
    notice = WaitNotice(prog, settings.getfloat("DOWNLOAD_TIMEOUT"), retries)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(SinglePageSpider)
    crawler.signals.connect(notice.reached, signal=signals.request_reached_downloader)
    crawler.signals.connect(notice.received, signal=signals.response_received)
    tickers: list[Any] = []

    def start_ticker() -> None:  # made here: the event loop exists once the crawl runs
        tickers.append(create_looping_call(notice.check))
        tickers[0].start(0.5, now=False)

    def stop_ticker() -> None:
        for ticker in tickers:
            if ticker.running:
                ticker.stop()

    crawler.signals.connect(start_ticker, signal=signals.spider_opened)
    crawler.signals.connect(stop_ticker, signal=signals.spider_closed)
    process.crawl(crawler, url=url, result=result)
    process.start()
    if "error" in result or "body" not in result:
        raise FetchFailed(f"could not fetch {url}: {result.get('error', 'no response')}")
    return result["url"], result["body"], result["content_type"]
