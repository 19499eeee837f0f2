"""The crawl's scheduler: Scrapy's own, with its pending requests on disk even without ``JOBDIR``.

Without ``JOBDIR`` Scrapy keeps every pending request in memory, about 2 KB each. A news site's
section pages and sitemaps name thousands of articles at once, so a crawl's memory would follow the
size of the sites it crawls (measured: 123 MiB for a site of 2,000 articles, 178 MiB for 20,000).
Here the scheduler uses Scrapy's disk queue (``SCHEDULER_DISK_QUEUE``, the one ``JOBDIR`` uses) in a
scratch directory that is removed when the crawl closes; with ``JOBDIR`` nothing changes. A request
that cannot be pickled stays in memory, as in Scrapy (``scheduler/unserializable``).

Setting: ``NEWS_SCHEDULER_DISK_QUEUE`` (True; False keeps Scrapy's in-memory queue without ``JOBDIR``).
"""
from __future__ import annotations

import shutil
import tempfile
from typing import TYPE_CHECKING

from scrapy.core.scheduler import Scheduler

if TYPE_CHECKING:
    from typing_extensions import Self
    from scrapy.crawler import Crawler
    from twisted.internet.defer import Deferred

SCRATCH_PREFIX = "crawler-queue-"


class DiskQueueScheduler(Scheduler):
    scratch: str | None = None
    """The scratch directory of the disk queue (None with ``JOBDIR`` or when off)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        scheduler = super().from_crawler(crawler)
        if scheduler.dqdir is None and crawler.settings.getbool("NEWS_SCHEDULER_DISK_QUEUE", True):
            scheduler.scratch = tempfile.mkdtemp(prefix=SCRATCH_PREFIX)
            scheduler.dqdir = scheduler._dqdir(scheduler.scratch)
        return scheduler

    def close(self, reason: str) -> Deferred[None] | None:
        try:
            return super().close(reason)
        finally:
            if self.scratch is not None:
                shutil.rmtree(self.scratch, ignore_errors=True)
