"""Frontier limit: a sitemap, feed or section page listing 50,000 pages does not put 50,000 requests in
memory at once.

Scrapy schedules every request a callback yields at once, and its in-memory scheduler keeps each one
(about 2 KB with its fingerprint) until it is downloaded: a crawl's memory would grow with the size of
the sites' sitemaps and section pages. This spider middleware passes on the requests a callback yields
only while fewer than ``NEWS_FRONTIER_MAX`` requests wait in the scheduler (``scheduler/enqueued`` minus
``scheduler/dequeued``); otherwise it waits (without blocking the reactor) for the downloads to catch up.
The rest of the feed, sitemap or page's links waits as plain entries, a tenth of the size; and while one waits,
the other child sitemaps of an index are not requested yet, so one list of parsed entries is held at a
time.

It never waits while the engine holds back for the scraper (too many responses in hand), so it cannot
stall the crawl. With ``JOBDIR`` it is off: Scrapy's disk queue keeps pending requests out of memory,
and a run stopped mid-sitemap must have scheduled (and saved) every entry. ``0`` disables it.
Stats: ``news/frontier/waits`` (times a callback had to wait).
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import task

if TYPE_CHECKING:
    from typing_extensions import Self
    from scrapy.crawler import Crawler
    from scrapy.http import Response

LISTING_KINDS = ("feed", "sitemap")
POLL_SECONDS = 0.05


class FrontierLimit:
    def __init__(self, crawler: Crawler, limit: int) -> None:
        self.crawler = crawler
        self.limit = limit
        self.waiting = 0
        """Callbacks waiting for room for their page requests."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        limit = crawler.settings.getint("NEWS_FRONTIER_MAX", 1000)
        if limit <= 0 or crawler.settings.get("JOBDIR"):
            raise NotConfigured
        return cls(crawler, limit)

    def pending(self) -> int:
        stats = self.crawler.stats
        return int(stats.get_value("scheduler/enqueued", 0)) - int(stats.get_value("scheduler/dequeued", 0))

    def _may_wait(self) -> bool:
        try:
            engine = self.crawler.engine
        except RuntimeError:  # not crawling (yet)
            return False
        if engine is None or not engine.running:
            return False
        slot = getattr(engine.scraper, "slot", None)
        return slot is not None and not slot.needs_backout()

    async def room(self, listing: bool = False) -> None:
        """Return once fewer than ``limit`` requests wait in the scheduler (or waiting could stall the crawl).

        ``listing``: the request is for a feed or sitemap (a sitemap index's child): it also waits while
        another feed or sitemap waits, so that one held list of parsed entries is read out at a time,
        not every child sitemap of an index at once.
        """
        counted = False
        while (self.pending() >= self.limit or (listing and self.waiting)) and self._may_wait():
            if not counted:
                self.crawler.stats.inc_value("news/frontier/waits")
                counted = True
            if not listing:
                self.waiting += 1
            try:
                from twisted.internet import reactor

                await maybe_deferred_to_future(task.deferLater(reactor, POLL_SECONDS, lambda: None))
            finally:
                if not listing:
                    self.waiting -= 1

    async def process_spider_output(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for output in result:
            if isinstance(output, Request):
                await self.room(listing=output.meta.get("news_kind") in LISTING_KINDS)
            yield output
