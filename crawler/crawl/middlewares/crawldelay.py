"""Obey robots.txt ``Crawl-delay`` (Scrapy's RobotsTxtMiddleware reads it but does not apply it).

When a robots.txt is parsed (``robots_parsed`` signal) the delay for our user agent is kept per host.
Every request to that host then makes sure its download slot waits at least that long between
requests, with no random jitter below it, even after AutoThrottle lowered the slot's delay.
``NEWS_CRAWL_DELAY_MAX`` caps an unreasonable value (default 30 s). Each learned delay is also sent
as the ``crawl_delay_learned`` signal (``host``, ``delay``): the workers of a Redis crawl share it
(``crawler.crawl.middlewares.clusterpoliteness``).
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.httpobj import urlparse_cached

from crawler.compat.scrapy import enforce_slot_delay
from crawler.crawl.config import get_bool, get_float

if TYPE_CHECKING:
    from typing_extensions import Self
    from scrapy import Request
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

crawl_delay_learned = object()
"""Signal: a robots.txt asked for ``delay`` seconds between requests to ``host`` (capped)."""


class CrawlDelayMiddleware:
    def __init__(self, crawler: Crawler, user_agent: str, max_delay: float) -> None:
        self.crawler = crawler
        self.user_agent = user_agent
        self.max_delay = max_delay
        self.delays: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("ROBOTSTXT_OBEY") or not get_bool(settings, "NEWS_CRAWL_DELAY_ENABLED"):
            raise NotConfigured
        middleware = cls(
            crawler,
            user_agent=settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT") or "*",
            max_delay=get_float(settings, "NEWS_CRAWL_DELAY_MAX"),
        )
        crawler.signals.connect(middleware.robots_parsed, signal=signals.robots_parsed)
        return middleware

    def robots_parsed(self, robotparser: Any, request: Request) -> None:
        crawl_delay = getattr(robotparser, "crawl_delay", None)
        delay = crawl_delay(self.user_agent) if crawl_delay else None
        if not delay or delay <= 0:
            return
        host = urlparse_cached(request).hostname or ""
        self.delays[host] = min(float(delay), self.max_delay)
        logger.info("robots.txt of %s asks for Crawl-delay %.2fs", host, self.delays[host])
        self.crawler.stats.set_value(f"news/crawl_delay/{host}", self.delays[host])
        self.crawler.signals.send_catch_log(crawl_delay_learned, host=host, delay=self.delays[host])
        self._apply(request)

    def process_request(self, request: Request) -> None:
        if self.delays:
            self._apply(request)

    def _apply(self, request: Request) -> None:
        delay = self.delays.get(urlparse_cached(request).hostname or "")
        engine = self.crawler.engine
        if delay is None or engine is None:
            return
        enforce_slot_delay(engine.downloader, request, delay)
