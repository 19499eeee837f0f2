"""The scheduler of a worker of a shared run: scrapy-redis's scheduler and duplicate filter, on leases.

``SCHEDULER`` with ``NEWS_REDIS_URL`` (the news spider sets it). Every worker pushes the requests it
discovers to the run's frontier in Redis (``LeasedQueue``) through scrapy-redis's ``RFPDupeFilter`` (a
URL is queued once per run, whichever worker found it) and pops the next one under a lease:

* the lease is acknowledged once the scrape of its response or failure finished (its items written,
  its requests queued: ``crawler.compat.scrapy.on_scrape_finished``); a redirect or retry is pushed and
  its lease acknowledged in one step, so a request is never in neither place;
* every second the worker renews its leases and wakes its engine (other workers may have queued work);
  a killed worker renews nothing, and its requests go back to the frontier after
  ``NEWS_REDIS_LEASE_SECONDS``;
* requests that must wait (a retry's backoff or ``Retry-After``; a site that asked to wait) wait in
  Redis, not in the worker's memory;
* the worker stays open while the frontier holds anything (pending, leased to any worker, or waiting),
  and closes once it was empty for ``NEWS_REDIS_IDLE_SECONDS``; stopping early (Ctrl-C), it gives its
  leases back at once.

Without the crawl knowledge's shared run (``NEWS_REDIS_URL`` unset) it refuses to start.
"""
from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

from crawler.compat.scrapy import on_scrape_finished, wake_engine
from crawler.crawl.config import get_float
from crawler.crawl.frontier import LEASE
from crawler.crawl.frontier.queue import LeasedQueue
from crawler.crawl.knowledge import CrawlKnowledge
from crawler.crawl.scheduler import site_of
from crawler.crawl.waiting import SITE_WAIT, not_before

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from typing_extensions import Self

logger = logging.getLogger(__name__)

MAX_SET_ASIDE = 100
"""Requests of paused sites one ``next_request`` may put back looking for one it can send."""
TICK = 1.0


class SharedRunMissing(RuntimeError):
    """The frontier scheduler runs without a shared run (``NEWS_REDIS_URL`` unset, or no crawl knowledge)."""


class RedisFrontierScheduler(Scheduler):
    def __init__(
        self, crawler: Crawler, server: Any, key: str, worker: str, *, lease: float, idle: float
    ) -> None:
        super().__init__(
            server=server, persist=True, flush_on_start=False, queue_key=key,
            queue_cls=f"{LeasedQueue.__module__}.{LeasedQueue.__qualname__}",
            dupefilter=RFPDupeFilter(server, key=f"{key}:dupefilter"), idle_before_close=0,
        )
        self.crawler = crawler
        self.stats = crawler.stats
        self.worker = worker
        self.lease = lease
        self.idle = idle
        self.dead_workers: list[str] = []
        """Workers of this machine found killed when this one joined: their leases are released at open."""
        self.held: set[str] = set()
        """Ids of the leases this worker holds (renewed every tick, given back when it stops early)."""
        self.paused: dict[str, float] = {}
        self._empty_since: float | None = None
        self._ticker: LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        shared = CrawlKnowledge.required(crawler, cls).shared_run
        if shared is None:
            raise SharedRunMissing(f"{cls.__qualname__} needs NEWS_REDIS_URL: the run's frontier is in that Redis")
        from crawler.crawl.redisstores import connect  # noqa: PLC0415 - one place builds connections

        connection = connect(crawler.settings)
        scheduler = cls(
            crawler, connection.patient_client(), connection.key("frontier", shared.run_id), shared.worker,
            lease=get_float(crawler.settings, "NEWS_REDIS_LEASE_SECONDS"),
            idle=get_float(crawler.settings, "NEWS_REDIS_IDLE_SECONDS"),
        )
        scheduler.dead_workers = list(shared.buried)
        crawler.signals.connect(scheduler.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        return scheduler

    @property
    def frontier(self) -> LeasedQueue:
        return self.queue  # type: ignore[no-any-return]

    def open(self, spider: Spider) -> None:
        super().open(spider)
        released = self.frontier.release(self.dead_workers)
        if released:
            logger.info("Put %d requests leased by killed workers of this machine back in the frontier", released)
        status = self.frontier.status()
        if any(status[name] for name in ("pending", "leased", "delayed")):
            logger.info(
                "Shared frontier: %(pending)d requests pending, %(leased)d leased, %(delayed)d waiting", status
            )
        self._ticker = LoopingCall(self._tick)
        self._ticker.start(TICK, now=False)

    def spider_opened(self) -> None:
        on_scrape_finished(self.crawler, self._finished)

    def close(self, reason: str) -> None:
        if self._ticker is not None and self._ticker.running:
            self._ticker.stop()
        if self.held:  # stopped before they were done: the other workers take them now, not after expiry
            given = self.frontier.give_back(self.worker, self.held)
            logger.info("Gave %d leased requests back to the shared frontier", given)
            self.held.clear()
        super().close(reason)

    def __len__(self) -> int:
        return len(self.frontier)

    # --- requests in and out -----------------------------------------------------------------------

    def enqueue_request(self, request: Request) -> bool:
        lease = request.meta.pop(LEASE, None)  # a redirect or retry of a leased request: it replaces it
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            self._ack(lease)
            return False
        now = time.time()
        until = not_before(request)
        delay = until - now if until is not None and until > now else None
        if delay is not None and request.meta.get(SITE_WAIT):
            self._pause(site_of(request), until)  # type: ignore[arg-type]
        self.frontier.push(request, delay=delay, ack=lease)
        self.held.discard(lease or "")
        if self.stats is not None:
            self.stats.inc_value("scheduler/enqueued/redis")
            if delay is not None:
                self.stats.inc_value("news/scheduler/held")
        return True

    def next_request(self) -> Request | None:
        for _ in range(MAX_SET_ASIDE):
            popped = self.frontier.pop(self.worker, self.lease)
            if popped is None:
                return None
            lease, request = popped
            paused = self.paused.get(site_of(request), 0.0) - time.time()
            if paused > 0:  # its site asked to wait: back to the frontier until then
                self.frontier.push(request, delay=paused, ack=lease)
                continue
            request.meta[LEASE] = lease
            self.held.add(lease)
            if self.stats is not None:
                self.stats.inc_value("scheduler/dequeued/redis")
            return request
        return None

    def has_pending_requests(self) -> bool:
        return len(self) > 0

    def _finished(self, request: Request) -> None:
        """The scrape of a leased request finished: its work is done (``on_scrape_finished``)."""
        self._ack(request.meta.get(LEASE))

    def _ack(self, lease: str | None) -> None:
        if lease:
            self.frontier.ack(lease)
            self.held.discard(lease)

    def _pause(self, site: str, until: float) -> None:
        self.paused[site] = max(until, self.paused.get(site, 0.0))

    # --- liveness and the end of the run -----------------------------------------------------------

    def _tick(self) -> None:
        if self.held:
            renewed = self.frontier.renew(self.worker, self.lease, self.held)
            if renewed < len(self.held) and self.stats is not None:
                # expired while this worker was stalled: another worker may fetch them too (the kept
                # index keeps one copy); count it so the operator sees the lease is too short
                self.stats.inc_value("news/frontier/leases_lost", len(self.held) - renewed)
        wake_engine(self.crawler)

    def spider_idle(self) -> None:
        """Close only once the whole run's frontier was empty (nothing leased to any worker) for ``idle`` s."""
        status = self.frontier.status()
        busy = status["pending"] + status["leased"] + status["delayed"]
        now = time.monotonic()
        if busy:
            self._empty_since = None
            raise DontCloseSpider
        if self._empty_since is None:
            self._empty_since = now
        if now - self._empty_since < self.idle:
            raise DontCloseSpider
        if status["given_up"] and self.stats is not None:
            self.stats.set_value("news/frontier/given_up", status["given_up"])

