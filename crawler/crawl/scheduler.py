"""The crawl's scheduler: Scrapy's own, with its pending requests on disk even without ``JOBDIR``.

Without ``JOBDIR`` Scrapy keeps every pending request in memory, about 2 KB each. A news site's
section pages and sitemaps name thousands of articles at once, so a crawl's memory would follow the
size of the sites it crawls (measured: 123 MiB for a site of 2,000 articles, 178 MiB for 20,000).
Here the scheduler uses Scrapy's disk queue (``SCHEDULER_DISK_QUEUE``, the one ``JOBDIR`` uses) in a
scratch directory that is removed when the crawl closes (or, after a kill, when the next crawl
starts); with ``JOBDIR`` nothing changes. A request
that cannot be pickled stays in memory, as in Scrapy (``scheduler/unserializable``).

Setting: ``NEWS_SCHEDULER_DISK_QUEUE`` (True; False keeps Scrapy's in-memory queue without ``JOBDIR``).

Requests that must wait (a retry's backoff or ``Retry-After``; the requests of a site that asked the
crawler to wait) are held back here (``crawler.crawl.waiting``), not in the downloader: while one
site waits, the download slots serve the others. When a held request's time comes the scheduler wakes
the engine. With ``JOBDIR``, requests still held when the crawl stops are saved with the queue.

``MethodNameLifoDiskQueue`` is Scrapy's ``PickleLifoDiskQueue`` with a cheaper way to name a request's
callback: ``Request.to_dict`` runs ``inspect.getmembers`` over the whole spider for each request
(about 0.4 ms, the disk queue's main cost); a bound method of the spider is named by its own name.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.core.scheduler import Scheduler
from scrapy.squeues import PickleLifoDiskQueue
from scrapy.utils.asyncio import CallLaterResult, call_later
from scrapy.utils.httpobj import urlparse_cached

from crawler.compat.scrapy import disk_queue_dir, push_request_dict, wake_engine
from crawler.crawl.config import get_bool
from crawler.crawl.waiting import SITE_WAIT, WaitingRequests, not_before

if TYPE_CHECKING:
    from collections.abc import Callable

    from typing_extensions import Self
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from twisted.internet.defer import Deferred

SCRATCH_PREFIX = "crawler-queue-"
MAX_SET_ASIDE = 100
"""Requests of paused sites one ``next_request`` call may set aside looking for one it can send."""


def remove_stale_scratch(directory: str | None = None) -> int:
    """Remove the scratch queues of crawls that were killed (their process is gone); returns how many.

    A scratch directory is named ``crawler-queue-<pid>-*``; a crawl stopped normally removes its own."""
    removed = 0
    for path in Path(directory or tempfile.gettempdir()).glob(SCRATCH_PREFIX + "*-*"):
        pid = path.name[len(SCRATCH_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


class DiskQueueScheduler(Scheduler):
    scratch: str | None = None
    """The scratch directory of the disk queue (None with ``JOBDIR`` or when off)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        scheduler = super().from_crawler(crawler)
        if scheduler.dqdir is None and get_bool(crawler.settings, "NEWS_SCHEDULER_DISK_QUEUE"):
            remove_stale_scratch()
            scheduler.scratch = tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-")
            scheduler.dqdir = disk_queue_dir(scheduler, scheduler.scratch)
        return scheduler

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.waiting = WaitingRequests()
        self._wake: tuple[float, CallLaterResult] | None = None

    def close(self, reason: str) -> Deferred[None] | None:
        try:
            self._keep_waiting_requests()
            return super().close(reason)
        finally:
            if self.scratch is not None:
                shutil.rmtree(self.scratch, ignore_errors=True)

    def __len__(self) -> int:
        return super().__len__() + len(self.waiting)

    def enqueue_request(self, request: Request) -> bool:
        now = time.time()
        until = self._own_wait(request, now)
        if until is None:  # (a request of a paused site waits in the queue until it is taken from it)
            return super().enqueue_request(request)
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        self._hold(request, until)  # counted as news/scheduler/held, not in Scrapy's queue stats
        return True

    def next_request(self) -> Request | None:
        now = time.time()
        request = self.waiting.pop_due(now)
        if request is not None:
            self._arm_wake()
            return request
        for _ in range(MAX_SET_ASIDE):
            request = super().next_request()
            if request is None:
                return None
            until = self._wait_until(request, now)
            if until is None:
                return request
            self._hold(request, until)  # it, or its site, must wait; the next one may be another site's
        return None

    def _own_wait(self, request: Request, now: float) -> float | None:
        """Until when ``request`` itself must wait, or None; one whose site asked to wait pauses the site."""
        own = not_before(request)
        if own is None or own <= now:
            return None
        if request.meta.get(SITE_WAIT):
            self.waiting.pause(site_of(request), own)
        return own

    def _wait_until(self, request: Request, now: float) -> float | None:
        """Until when ``request`` must wait (its own time, its site's pause), or None: send it now."""
        own = self._own_wait(request, now)
        paused = self.waiting.paused_until(site_of(request), now)
        return max(own or 0.0, paused or 0.0) or None

    def _hold(self, request: Request, until: float) -> None:
        self.waiting.hold(request, until)
        if self.stats is not None:
            self.stats.inc_value("news/scheduler/held")
        self._arm_wake()

    def _arm_wake(self) -> None:
        """Wake the engine when the earliest held request is due (the engine's own heartbeat is 5 s)."""
        due = self.waiting.next_due()
        if due is None or (self._wake is not None and self._wake[0] <= due):
            return
        if self._wake is not None:
            self._wake[1].cancel()
        self._wake = (due, call_later(max(0.0, due - time.time()), self._woken))

    def _woken(self) -> None:
        self._wake = None
        if self.crawler is not None:
            wake_engine(self.crawler)
        self._arm_wake()

    def _keep_waiting_requests(self) -> None:
        """The crawl is stopping: with ``JOBDIR``, held requests go to the saved queue (checked by the
        dupefilter once already), to wait again on resume."""
        if self._wake is not None:
            self._wake[1].cancel()
            self._wake = None
        held = self.waiting.drain()
        if self.scratch is None and self.dqs is not None:
            for request in held:
                request.dont_filter = True
                super().enqueue_request(request)


def site_of(request: Request) -> str:
    """The site a wait applies to: the request's download slot (Scrapy's key: ``download_slot`` or host)."""
    return request.meta.get("download_slot") or urlparse_cached(request).hostname or ""


_UNKNOWN = object()


def method_name(spider: Spider | None, func: Callable[..., object] | None) -> object:
    """The name under which ``func`` is a bound method of ``spider`` (None for None), else ``_UNKNOWN``."""
    if func is None:
        return None
    name = getattr(func, "__name__", None)
    if spider is None or name is None or getattr(func, "__self__", None) is not spider:
        return _UNKNOWN
    own = getattr(getattr(spider, name, None), "__func__", None)
    return name if own is not None and own is getattr(func, "__func__", None) else _UNKNOWN


class MethodNameLifoDiskQueue(PickleLifoDiskQueue):
    def push(self, request: Request) -> None:
        callback, errback = request.callback, request.errback
        names = (method_name(self.spider, callback), method_name(self.spider, errback))
        if _UNKNOWN in names:  # not a plain spider method: Scrapy's own lookup (or its error)
            return super().push(request)
        request.callback = request.errback = None
        try:
            data = request.to_dict()
        finally:
            request.callback, request.errback = callback, errback
        data["callback"], data["errback"] = names
        # skip Scrapy's to_dict step (done above) and pickle and store as PickleLifoDiskQueue does
        return push_request_dict(self, data)
