"""Politeness and progress parts without a crawl: Retry-After, backoff, Crawl-delay, progress lines."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from scrapy import Request
from scrapy.robotstxt import ProtegoRobotParser
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from crawler.crawl.extensions.progress import ProgressLog, source_counts
from crawler.crawl.middlewares.crawldelay import CrawlDelayMiddleware
from crawler.crawl.middlewares.retryafter import BackoffRetryMiddleware, parse_retry_after

NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.timezone.utc)


def test_parse_retry_after() -> None:
    assert parse_retry_after(b"120") == 120.0
    assert parse_retry_after("Fri, 27 Nov 2026 12:00:30 GMT", now=NOW) == 30.0
    assert parse_retry_after("Fri, 27 Nov 2026 11:00:00 GMT", now=NOW) == 0.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_backoff_doubles_up_to_the_cap() -> None:
    middleware = BackoffRetryMiddleware(Settings({"NEWS_RETRY_BACKOFF_BASE": 0.5, "NEWS_RETRY_BACKOFF_MAX": 3}))
    assert [middleware.backoff(n) for n in (1, 2, 3, 4, 5)] == [0.5, 1.0, 2.0, 3.0, 3.0]


class FakeDownloader:
    def __init__(self) -> None:
        self.per_slot_settings: dict[str, dict[str, float]] = {}
        self.slots = {"news.example": SimpleNamespace(delay=0.0, jitter=0.5)}

    def get_slot_key(self, request: Request) -> str:
        return "news.example"


def test_crawl_delay_sets_the_slot_minimum() -> None:
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True, "USER_AGENT": "news-crawler/0.1"})
    downloader = FakeDownloader()
    crawler.engine = SimpleNamespace(downloader=downloader)  # type: ignore[assignment]
    middleware = CrawlDelayMiddleware.from_crawler(crawler)
    robots = ProtegoRobotParser(b"User-agent: *\nCrawl-delay: 2.5\nDisallow: /private/\n", None)
    request = Request("https://news.example/world/a.html")
    middleware.robots_parsed(robots, request)
    slot = downloader.slots["news.example"]
    assert slot.delay == 2.5 and slot.jitter == 0.0
    assert downloader.per_slot_settings["news.example"] == {"delay": 2.5, "jitter": 0.0}
    slot.delay = 0.1  # AutoThrottle lowered it
    middleware.process_request(request)
    assert slot.delay == 2.5
    huge = ProtegoRobotParser(b"User-agent: *\nCrawl-delay: 9999\n", None)
    middleware.robots_parsed(huge, request)
    assert middleware.delays["news.example"] == 30.0  # NEWS_CRAWL_DELAY_MAX


def test_progress_lines_per_source() -> None:
    values = {
        "news/source/a/pages": 120, "news/source/a/articles": 80, "news/source/a/dropped": 5,
        "news/source/b/pages": 10, "news/source/b/errors": 2, "news/articles": 80, "news/source/a/other": 1,
    }
    assert source_counts(values)["b"] == {"pages": 10, "articles": 0, "dropped": 0, "duplicates": 0, "errors": 2}
    progress = ProgressLog(SimpleNamespace(get_stats=lambda: values), interval=60)  # type: ignore[arg-type]
    progress.last_time = 0.0
    lines = progress.lines(now=60.0)
    assert lines == [
        "Progress a: 120 pages (120/min), 80 articles, 5 dropped, 0 duplicates, 0 errors",
        "Progress b: 10 pages (10/min), 0 articles, 0 dropped, 0 duplicates, 2 errors",
    ]
    values["news/source/a/pages"] = 150
    assert progress.lines(now=90.0)[0].startswith("Progress a: 150 pages (60/min)")
