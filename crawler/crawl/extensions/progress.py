"""Progress log: every ``NEWS_PROGRESS_INTERVAL`` seconds (0 disables), one line per source.

    Progress example-news: 124 pages (62/min), 80 articles, 12 dropped, 3 duplicates, 1 errors

Read from the ``news/source/<name>/...`` stats the spider and the pipelines keep.
"""
from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call

from crawler.crawl.config import get_float

if TYPE_CHECKING:
    from typing_extensions import Self
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)

COUNTERS = ("pages", "articles", "dropped", "duplicates", "errors")


def source_counts(stats: dict[str, Any]) -> dict[str, dict[str, int]]:
    """``{source: {counter: value}}`` from the ``news/source/<source>/<counter>`` stats."""
    counts: dict[str, dict[str, int]] = {}
    for key, value in stats.items():
        if not key.startswith("news/source/"):
            continue
        source, _, counter = key[len("news/source/"):].rpartition("/")
        if counter in COUNTERS and source:
            counts.setdefault(source, dict.fromkeys(COUNTERS, 0))[counter] = int(value)
    return counts


class ProgressLog:
    def __init__(self, stats: StatsCollector, interval: float) -> None:
        self.stats = stats
        self.interval = interval
        self.task: Any = None
        self.last: dict[str, int] = {}
        self.last_time = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        interval = get_float(crawler.settings, "NEWS_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        extension = cls(crawler.stats, interval)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self) -> None:
        self.last_time = time.monotonic()
        self.task = create_looping_call(self.log)
        self.task.start(self.interval, now=False)

    def lines(self, now: float) -> list[str]:
        elapsed = max(now - self.last_time, 1e-9)
        lines = []
        for source, counts in sorted(source_counts(self.stats.get_stats()).items()):
            rate = (counts["pages"] - self.last.get(source, 0)) * 60.0 / elapsed
            self.last[source] = counts["pages"]
            lines.append(
                f"Progress {source}: {counts['pages']} pages ({rate:.0f}/min), {counts['articles']} articles, "
                f"{counts['dropped']} dropped, {counts['duplicates']} duplicates, {counts['errors']} errors"
            )
        self.last_time = now
        return lines

    def log(self) -> None:
        for line in self.lines(time.monotonic()):
            logger.info(line)

    def spider_closed(self) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
