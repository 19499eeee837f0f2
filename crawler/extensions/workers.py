"""One process pool per crawl, sized to the machine's cores, shared by the spider and the pipelines.

The spider sends pages there to be classified and to have their links extracted; the extract pipeline
sends article pages there to be extracted. Both await the result without blocking the Twisted reactor,
so a crawl uses every core. ``NEWS_WORKERS`` sets the number of processes (0: ``os.cpu_count()``).
A worker that dies is replaced and the page in hand fails with ``WorkerCrashed``.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from scrapy import signals
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import defer

if TYPE_CHECKING:
    from typing_extensions import Self
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
T = TypeVar("T")
PRELOAD = ["crawler.extraction", "crawler.minhash", "spiders.pagelinks"]


class WorkerCrashed(RuntimeError):
    """The worker process died while handling a page."""


def _warm_up() -> None:
    """Import the heavy modules once per worker, before the first page arrives."""
    import importlib  # noqa: PLC0415

    for name in PRELOAD:
        importlib.import_module(name)


class WorkerPool:
    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.executor: ProcessPoolExecutor | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extension = cls(crawler.settings.getint("NEWS_WORKERS") or os.cpu_count() or 1)
        crawler.signals.connect(extension.close, signal=signals.spider_closed)
        return extension

    def _executor(self) -> ProcessPoolExecutor:
        if self.executor is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
            self.executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=context, initializer=_warm_up)
        return self.executor

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """``function(*args)`` in a worker process, awaited without blocking the reactor."""
        try:
            future = self._executor().submit(function, *args)
            return await maybe_deferred_to_future(_deferred_from_future(future))
        except BrokenProcessPool as exc:
            logger.error("A worker process died; starting a new pool")
            self._replace()
            raise WorkerCrashed(str(exc)) from exc

    def _replace(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None


def _deferred_from_future(future: Future[T]) -> defer.Deferred[T]:
    """A Deferred fired in the reactor thread when a ``concurrent.futures`` future completes."""
    from twisted.internet import reactor  # noqa: PLC0415 - importing it early would install the default reactor

    deferred: defer.Deferred[T] = defer.Deferred()

    def fire(done: Future[T]) -> None:
        exception = done.exception()
        if exception is not None:
            deferred.errback(exception)
        else:
            deferred.callback(done.result())

    future.add_done_callback(lambda done: reactor.callFromThread(fire, done))  # type: ignore[attr-defined]
    return deferred
