"""Requests that wait: a retry held until its backoff or ``Retry-After`` has passed, and sites paused
until the time their ``Retry-After`` names.

The retry middleware (``crawler.crawl.middlewares.retryafter``) does not sleep: it hands the retry back
at once, with the time it may be sent (``NOT_BEFORE`` in its meta; ``SITE_WAIT`` when the site asked
the whole crawler to wait), so the download slot is free for other requests. The scheduler
(``crawler.crawl.scheduler``) keeps such requests here, and the requests of a paused site it takes from
its queue meanwhile; other sites are crawled as usual. Held requests are in memory (a site's requests
taken from the queue while it is paused among them).
"""
from __future__ import annotations

import heapq
import itertools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scrapy import Request

NOT_BEFORE = "news_not_before"
"""Request meta: seconds since the epoch before which the request is not sent."""
SITE_WAIT = "news_site_wait"
"""Request meta: the site asked to wait (``Retry-After``): none of its requests is sent before ``NOT_BEFORE``."""


class WaitingRequests:
    def __init__(self) -> None:
        self._held: list[tuple[float, int, Request]] = []
        self._order = itertools.count()  # equal times keep their order; requests are not comparable
        self._paused: dict[str, float] = {}

    def __len__(self) -> int:
        return len(self._held)

    def hold(self, request: Request, until: float) -> None:
        heapq.heappush(self._held, (until, next(self._order), request))

    def pause(self, site: str, until: float) -> None:
        self._paused[site] = max(until, self._paused.get(site, 0.0))

    def paused_until(self, site: str, now: float) -> float | None:
        """When ``site`` may be requested again, or None when it is not paused (any more)."""
        until = self._paused.get(site)
        if until is not None and until <= now:
            del self._paused[site]
            return None
        return until

    def pop_due(self, now: float) -> Request | None:
        """The held request whose time came first, or None."""
        if self._held and self._held[0][0] <= now:
            return heapq.heappop(self._held)[2]
        return None

    def next_due(self) -> float | None:
        return self._held[0][0] if self._held else None

    def drain(self) -> list[Request]:
        """Every held request (the crawl is stopping), earliest first."""
        held = [request for _, _, request in sorted(self._held, key=lambda entry: entry[:2])]
        self._held.clear()
        return held


def not_before(request: Request) -> float | None:
    """The time a request may be sent, from its meta (None: now)."""
    value = request.meta.get(NOT_BEFORE)
    return float(value) if isinstance(value, (int, float)) else None
