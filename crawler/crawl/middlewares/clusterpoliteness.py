"""Politeness for the whole cluster: a request to a site waits for a slot leased from Redis.

With ``NEWS_REDIS_URL`` every worker process has its own Scrapy download slots, so N workers would
send N times ``CONCURRENT_REQUESTS_PER_DOMAIN`` requests at once and N requests per delay.
This middleware, last before the download (950), takes a slot of the site from
``crawler.crawl.state.redispoliteness.ClusterSlots`` before each download and gives it back when the
response or the failure arrives: at most ``CONCURRENT_REQUESTS_PER_DOMAIN`` requests in flight per site
over all workers, and starts spaced by the site's delay (``DOWNLOAD_DELAY``, the robots.txt
``Crawl-delay`` any worker learned, and the delay AutoThrottle gave the asking worker's own slot). A
request asks only once its worker's own slot is free to send it, so a granted request leaves at once.

A request that has to wait sleeps on the event loop (never on the reactor thread); Redis is asked on
one thread of this middleware's own, so a slow or unreachable Redis never blocks the crawl. When Redis
stays unreachable (``NEWS_REDIS_RETRY_SECONDS``), requests go on with each worker's own politeness
for ``COOL_OFF`` seconds before Redis is tried again; that is logged once, and its end once.
"""
from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.httpobj import urlparse_cached

from crawler.compat.scrapy import slot_timing
from crawler.crawl.config import default, get_bool, get_float
from crawler.crawl.middlewares.crawldelay import crawl_delay_learned

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from typing_extensions import Self

    from crawler.crawl.state.redispoliteness import ClusterSlots, Slot

logger = logging.getLogger(__name__)

SLOT = "news_politeness_slot"
"""Request meta: ``(domain, lease)`` of the cluster slot the request holds while it downloads."""
COOL_OFF = 30.0
"""Seconds requests go without cluster slots after Redis stayed unreachable, before it is tried again."""
ASYNCIO_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
T = TypeVar("T")


class ClusterPolitenessMiddleware:
    def __init__(
        self, crawler: Crawler, slots: ClusterSlots, *, poll: float, download_timeout: float, lease_margin: float
    ) -> None:
        if poll <= 0:
            raise ValueError(f"NEWS_POLITENESS_POLL must be positive, not {poll!r}")
        self.crawler = crawler
        self.stats = crawler.stats
        self.slots = slots
        from crawler.crawl.frontier.membership import worker_name  # with Redis's client: see from_crawler

        self.worker = worker_name()
        self.poll = poll
        self.download_timeout = download_timeout
        self.lease_margin = lease_margin
        self.delays: dict[str, float] = {}
        """Crawl-delays this worker learned, by host (also published to every worker)."""
        self._turns: dict[str, asyncio.Lock] = {}
        self._redis = ThreadPoolExecutor(max_workers=1, thread_name_prefix="politeness-redis")
        self._down_until = 0.0
        self._failures = _redis_failures()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.get("NEWS_REDIS_URL", default("NEWS_REDIS_URL")):
            raise NotConfigured  # one process, no Redis: Scrapy's own politeness (no message: nothing to log)
        if not get_bool(settings, "NEWS_POLITENESS_CLUSTER"):
            raise NotConfigured("NEWS_POLITENESS_CLUSTER is off")
        if settings.get("TWISTED_REACTOR") != ASYNCIO_REACTOR:
            raise NotConfigured("cluster politeness waits on asyncio: TWISTED_REACTOR must be the asyncio reactor")
        # Redis's client is imported only here: a crawl without NEWS_REDIS_URL starts without it (70 ms)
        from crawler.crawl.redisstores import connect
        from crawler.crawl.state.redispoliteness import ClusterSlots

        slots = ClusterSlots(
            connect(settings),
            concurrency=settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"),
            delay=settings.getfloat("DOWNLOAD_DELAY"),
            lease_seconds=settings.getfloat("DOWNLOAD_TIMEOUT") + get_float(settings, "NEWS_POLITENESS_LEASE_MARGIN"),
            full_wait=get_float(settings, "NEWS_POLITENESS_POLL"),
        )
        middleware = cls(
            crawler, slots,
            poll=get_float(settings, "NEWS_POLITENESS_POLL"),
            download_timeout=settings.getfloat("DOWNLOAD_TIMEOUT"),
            lease_margin=get_float(settings, "NEWS_POLITENESS_LEASE_MARGIN"),
        )
        crawler.signals.connect(middleware.share_crawl_delay, signal=crawl_delay_learned)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    # --- requests ------------------------------------------------------------------------------

    async def process_request(self, request: Request) -> None:
        domain = urlparse_cached(request).hostname
        if not domain:
            return
        # one waiting request per site and worker asks Redis at a time: the others queue behind it
        turn = self._turns.setdefault(domain, asyncio.Lock())
        started = time.monotonic()
        waited = turn.locked()  # behind this worker's other requests to the site
        async with turn:
            while True:
                local_delay, local_wait = self._local_slot(request)
                if local_wait > 0:
                    # this worker's own slot would hold a granted request (its delay since its last
                    # download): wait here, so that the request leaves as soon as it is granted
                    waited = True
                    await asyncio.sleep(local_wait)
                    continue
                slot = await self._ask(self._acquire(request, domain, local_delay))
                if slot is None:  # Redis unreachable: this worker's own politeness only
                    return
                if slot.granted:
                    request.meta[SLOT] = (domain, slot.lease)
                    break
                waited = True
                await asyncio.sleep(max(slot.wait, self.poll) if slot.full else max(slot.wait, 0.001))
        self.stats.inc_value("news/politeness/slots")
        if waited:  # for the site's delay, for a free slot of the site, or behind this worker's other requests
            self.stats.inc_value("news/politeness/waits")
            self.stats.inc_value("news/politeness/wait_seconds", round(time.monotonic() - started, 3))

    def process_response(self, request: Request, response: Response) -> Response:
        self._release(request)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        self._release(request)

    def _local_slot(self, request: Request) -> tuple[float, float]:
        """``(delay, wait)`` of this worker's download slot for ``request`` (read on the reactor thread)."""
        engine = self.crawler.engine
        return slot_timing(engine.downloader, request) if engine is not None else (0.0, 0.0)

    def _acquire(self, request: Request, domain: str, local_delay: float) -> Callable[[], Slot]:
        """The ``acquire`` call to make on the Redis thread. Its delay is the larger of the Crawl-delay
        this worker learned and its slot's delay (AutoThrottle's), so the cluster honours both."""
        timeout = float(request.meta.get("download_timeout") or self.download_timeout)
        delay = max(self.delays.get(domain, 0.0), local_delay)
        return partial(self.slots.acquire, domain, self.worker, delay, timeout + self.lease_margin)

    def _release(self, request: Request) -> None:
        held = request.meta.pop(SLOT, None)
        if held is None:
            return
        domain, lease = held
        # not awaited: the response goes on at once; the single Redis thread keeps the order of calls
        self._submit(self._release_now, domain, lease)

    def _release_now(self, domain: str, lease: str) -> None:
        try:
            if not self.slots.release(domain, lease):
                self.stats.inc_value("news/politeness/leases_expired")  # the lease margin is too short
        except self._failures as exc:
            logger.debug("Politeness slot of %s not released (it expires on its own): %s", domain, exc)

    # --- robots.txt and the end ---------------------------------------------------------------------

    def share_crawl_delay(self, host: str, delay: float) -> None:
        self.delays[host] = delay
        self._submit(self._publish_now, host, delay)

    def _publish_now(self, host: str, delay: float) -> None:
        try:
            self.slots.publish_delay(host, delay)
        except self._failures as exc:
            logger.warning("Crawl-delay of %s not shared with the other workers: %s", host, exc)

    def spider_closed(self) -> None:
        self._redis.shutdown(wait=True)  # the last releases reach Redis: other workers need not wait for expiry
        self.slots.connection.close()

    def _submit(self, call: Callable[..., None], *args: Any) -> None:
        try:
            self._redis.submit(call, *args)
        except RuntimeError:  # after spider_closed: a lease left expires on its own
            logger.debug("Politeness call %s%r after the spider closed: skipped", call.__name__, args)

    async def _ask(self, call: Callable[[], T]) -> T | None:
        """``call()`` on the Redis thread; None while Redis is unreachable (then logged once)."""
        if time.monotonic() < self._down_until:
            return None
        try:
            result = await asyncio.get_running_loop().run_in_executor(self._redis, call)
        except self._failures as exc:
            self.stats.inc_value("news/politeness/redis_failures")
            if not self._down_until:
                logger.error(
                    "Cluster politeness off for now (each worker is polite on its own; Redis tried again "
                    "every %.0f s): %s", COOL_OFF, exc,
                )
            self._down_until = time.monotonic() + COOL_OFF
            return None
        if self._down_until:
            logger.warning("Cluster politeness on again: Redis answers")
            self._down_until = 0.0
        return result


def _redis_failures() -> tuple[type[Exception], ...]:
    """The errors of an unreachable or failing Redis (imported with the middleware's first instance)."""
    from redis import RedisError

    from crawler.crawl.state.redisconn import RedisUnavailable

    return RedisUnavailable, RedisError
