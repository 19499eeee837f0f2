"""The crawl's scheduler: Scrapy's own, with its pending requests on disk even without ``JOBDIR``.

Without ``JOBDIR`` Scrapy keeps every pending request in memory, about 2 KB each. A news site's
section pages and sitemaps name thousands of articles at once, so a crawl's memory would follow the
size of the sites it crawls (measured: 123 MiB for a site of 2,000 articles, 178 MiB for 20,000).
Here the scheduler uses Scrapy's disk queue (``SCHEDULER_DISK_QUEUE``, the one ``JOBDIR`` uses) in a
scratch directory that is removed when the crawl closes (or, after a kill, when the next crawl
starts); with ``JOBDIR`` nothing changes. A request
that cannot be pickled stays in memory, as in Scrapy (``scheduler/unserializable``).

Setting: ``NEWS_SCHEDULER_DISK_QUEUE`` (True; False keeps Scrapy's in-memory queue without ``JOBDIR``).

``MethodNameLifoDiskQueue`` is Scrapy's ``PickleLifoDiskQueue`` with a cheaper way to name a request's
callback: ``Request.to_dict`` runs ``inspect.getmembers`` over the whole spider for each request
(about 0.4 ms, the disk queue's main cost); a bound method of the spider is named by its own name.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy.core.scheduler import Scheduler
from scrapy.squeues import PickleLifoDiskQueue

from crawler.compat.scrapy import disk_queue_dir, push_request_dict
from crawler.crawl.config import get_bool

if TYPE_CHECKING:
    from collections.abc import Callable

    from typing_extensions import Self
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from twisted.internet.defer import Deferred

SCRATCH_PREFIX = "crawler-queue-"


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

    def close(self, reason: str) -> Deferred[None] | None:
        try:
            return super().close(reason)
        finally:
            if self.scratch is not None:
                shutil.rmtree(self.scratch, ignore_errors=True)


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
