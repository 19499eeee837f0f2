"""Retries with backoff: Scrapy's RetryMiddleware, with a wait before each retry.

The wait is the response's ``Retry-After`` (seconds or an HTTP date; on 429 and 503), capped at
``NEWS_RETRY_AFTER_MAX``; otherwise exponential backoff ``NEWS_RETRY_BACKOFF_BASE * 2 ** (n - 1)``
capped at ``NEWS_RETRY_BACKOFF_MAX``. A ``Retry-After`` above the cap gives up on the request
(``news/retry/retry_after_too_long``) rather than hammering the server early.

The middleware does not sleep (that would hold a download slot: a site answering 429 to many requests
would stall every other source). The retry is returned at once with the time it may be sent in its
meta (``crawler.crawl.waiting.NOT_BEFORE``); the scheduler holds it until then. A ``Retry-After`` also
pauses the site: its other requests wait too (``SITE_WAIT``); other sites are not affected.
Replaces ``scrapy.downloadermiddlewares.retry.RetryMiddleware`` in ``DOWNLOADER_MIDDLEWARES``.
"""
from __future__ import annotations

import datetime as dt
import time
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.response import response_status_message

from crawler.common.dates import as_utc, parse_email_date
from crawler.compat.scrapy import retry_request
from crawler.crawl.config import get_float
from crawler.crawl.waiting import NOT_BEFORE, SITE_WAIT

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

    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
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
            return self._later(retry, self.backoff(retry.meta.get("retry_times", 1)))
        return self._later(retry, wait, site=True)

    def process_exception(self, request: Request, exception: Exception) -> Request | None:  # type: ignore[override]
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        retry = retry_request(self, request, exception)
        if retry is not None:
            self._later(retry, self.backoff(retry.meta.get("retry_times", 1)))
        return retry

    def _later(self, retry: Request, seconds: float, site: bool = False) -> Request:
        """``retry``, to be sent ``seconds`` from now (and none of its site's requests before, if ``site``)."""
        if seconds > 0:
            self.crawler.stats.inc_value("news/retry/backoff_seconds", seconds)
            retry.meta[NOT_BEFORE] = time.time() + seconds
            if site:
                retry.meta[SITE_WAIT] = True
                self.crawler.stats.inc_value("news/retry/site_waits")
        return retry
