"""Retries with backoff: Scrapy's RetryMiddleware, waiting before each retry.

The wait is the response's ``Retry-After`` (seconds or an HTTP date; on 429 and 503), capped at
``NEWS_RETRY_AFTER_MAX``; otherwise exponential backoff ``NEWS_RETRY_BACKOFF_BASE * 2 ** (n - 1)``
capped at ``NEWS_RETRY_BACKOFF_MAX``. A ``Retry-After`` above the cap gives up on the request
(``news/retry/retry_after_too_long``) rather than hammering the server early.
Replaces ``scrapy.downloadermiddlewares.retry.RetryMiddleware`` in ``DOWNLOADER_MIDDLEWARES``.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message
from twisted.internet.task import deferLater

from crawler.common.dates import as_utc, parse_email_date
from crawler.compat.scrapy import retry_request
from crawler.crawl.config import get_float

if TYPE_CHECKING:
    from typing_extensions import Self
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings

RETRY_AFTER_STATUSES = (429, 503)


def parse_retry_after(value: str | bytes | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or HTTP-date); None if unreadable."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    when = parse_email_date(text)
    if when is None:
        return None
    when = as_utc(when)
    now = now or dt.datetime.now(dt.timezone.utc)
    return max(0.0, (when - now).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.backoff_base = get_float(settings, "NEWS_RETRY_BACKOFF_BASE")
        self.backoff_max = get_float(settings, "NEWS_RETRY_BACKOFF_MAX")
        self.retry_after_max = get_float(settings, "NEWS_RETRY_AFTER_MAX")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        middleware = cls(crawler.settings)
        middleware.crawler = crawler
        return middleware

    def backoff(self, retry_times: int) -> float:
        return min(self.backoff_max, self.backoff_base * 2 ** max(0, retry_times - 1))

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        wait = None
        if response.status in RETRY_AFTER_STATUSES:
            wait = parse_retry_after(response.headers.get(b"Retry-After"))
            if wait is not None and wait > self.retry_after_max:
                self.crawler.stats.inc_value("news/retry/retry_after_too_long")
                return response
        retry = retry_request(self, request, response_status_message(response.status))
        if retry is None:
            return response
        if wait is None:
            wait = self.backoff(retry.meta.get("retry_times", 1))
        await self._sleep(wait)
        return retry

    async def process_exception(self, request: Request, exception: Exception) -> Request | None:  # type: ignore[override]
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        retry = retry_request(self, request, exception)
        if retry is not None:
            await self._sleep(self.backoff(retry.meta.get("retry_times", 1)))
        return retry

    async def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.crawler.stats.inc_value("news/retry/backoff_seconds", seconds)
            from twisted.internet import reactor  # noqa: PLC0415 - the reactor Scrapy installed

            await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))
