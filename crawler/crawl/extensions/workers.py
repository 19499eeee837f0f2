"""One process pool per crawl, sized to the machine's cores, shared by the spider and the pipelines.

The spider sends pages there to be classified and to have their links extracted; the extract pipeline
sends article pages there to be extracted. Both await the result without blocking the Twisted reactor,
so a crawl uses every core. ``NEWS_WORKERS`` sets the number of processes (0: ``os.cpu_count()``).
A worker that dies is replaced and the page in hand fails with ``WorkerCrashed``.

Time limit (``NEWS_EXTRACT_TIMEOUT`` seconds, 0: none), in two layers:

* in the worker, a ``SIGALRM`` timer raises ``Deadline``, derived from ``BaseException`` so that a
  library's ``except Exception`` cannot swallow it; the task fails with ``TaskTimeout`` and the
  worker goes on with the next task (the exception unwound the stack between two bytecodes);
* in the parent, a backstop for a C call that never returns to Python (signals are only handled
  between bytecodes): a task not done ``(NEWS_WORKER_QUEUE + 1) x`` the limit (plus a second) after it
  was handed to the pool (time to wait behind the tasks queued before it, then its own) gets its pool
  killed and replaced; that task fails with ``TaskTimeout``, the other tasks the pool held are
  submitted again to the new pool. Stats: ``news/workers/timeouts``, ``news/workers/killed``.

At most ``NEWS_WORKER_QUEUE`` tasks per worker (default 2) are handed to the pool at a time: a worker
that finishes a task finds the next one waiting, instead of idling while its result travels back to the
reactor thread and the next page is sent; the others wait in the reactor, cheaply. A task's own clock
(the worker's timer) starts when a worker takes it, not while it waits. ``NEWS_WORKER_PRELOAD`` names extra modules every worker
imports before its first task.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, TypeVar

from scrapy import signals
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import defer

from crawler.compat.concurrent import pool_processes
from crawler.crawl.config import default, get_float, get_int

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector
    from typing_extensions import Self

logger = logging.getLogger(__name__)
T = TypeVar("T")
PRELOAD = ["crawler.extraction.extract", "crawler.extraction.textlanguage", "crawler.crawl.minhash", "spiders.pagelinks",
           "crawler.crawl.articletask"]
DEFAULT_TIMEOUT: float = default("NEWS_EXTRACT_TIMEOUT")
DEFAULT_QUEUE: int = default("NEWS_WORKER_QUEUE")
RESUBMITS = 3
"""Times a task is submitted again after its pool was killed for another task's sake."""


class WorkerCrashed(RuntimeError):
    """The worker process died while handling a page."""


class TaskTimeout(RuntimeError):
    """The task ran past ``NEWS_EXTRACT_TIMEOUT`` (in the worker) or past the backstop (its pool was killed)."""


class Deadline(BaseException):
    """Raised by the ``SIGALRM`` handler inside a worker; a ``BaseException`` so ``except Exception`` misses it."""


_deadline_armed = False


def _on_alarm(signum: int, frame: Any) -> None:
    if _deadline_armed:
        raise Deadline


def call_with_deadline(seconds: float, function: Callable[..., T], *args: Any) -> T:
    """``function(*args)``, interrupted with ``TaskTimeout`` after ``seconds`` (0: no limit).

    Runs in a worker's main thread. The timer repeats every second after the deadline, in case some
    code catches ``BaseException`` and goes on.
    """
    global _deadline_armed
    if not seconds or seconds <= 0:
        return function(*args)
    signal.signal(signal.SIGALRM, _on_alarm)
    try:
        _deadline_armed = True
        signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
        try:
            return function(*args)
        finally:
            _deadline_armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
    except Deadline:
        _deadline_armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        raise TaskTimeout(f"{getattr(function, '__name__', function)} ran past {seconds:g} s") from None


def _warm_up(modules: list[str]) -> None:
    """Import the heavy modules once per worker, before the first page arrives."""
    import importlib

    for name in modules:
        importlib.import_module(name)


class WorkerPool:
    def __init__(self, workers: int, timeout: float = DEFAULT_TIMEOUT, preload: list[str] | None = None,
                 stats: StatsCollector | None = None, queue: int = DEFAULT_QUEUE) -> None:
        self.workers = workers
        self.timeout = timeout
        self.queue = max(1, queue)
        self.preload = PRELOAD + [name for name in preload or () if name not in PRELOAD]
        self.stats = stats
        self.executor: ProcessPoolExecutor | None = None
        self.generation = 0
        """Counts the pools made; a task remembers the generation it was submitted to."""
        self.killed: set[int] = set()
        """Generations killed by the backstop: their other tasks are innocent and run again."""
        self.slots = defer.DeferredSemaphore(max(1, workers) * self.queue)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        extension = cls(
            settings.getint("NEWS_WORKERS") or os.cpu_count() or 1,
            timeout=get_float(settings, "NEWS_EXTRACT_TIMEOUT"),
            preload=settings.getlist("NEWS_WORKER_PRELOAD"),
            stats=crawler.stats,
            queue=get_int(settings, "NEWS_WORKER_QUEUE"),
        )
        crawler.signals.connect(extension.close, signal=signals.spider_closed)
        if crawler.crawling:  # a crawl starting, not a crawler built to be inspected (get_crawler)
            extension.start()
        return extension

    def start(self) -> None:
        """Start the worker processes now, on a thread of their own, without waiting for them.

        The forkserver imports the extraction core (about 0.5 s) while Scrapy builds its engine, opens the
        spider and fetches robots.txt and the sitemaps; before, the first page's ``submit`` started them and
        the reactor waited for it. A ``submit`` made meanwhile waits on the executor's lock, as it did.
        """
        executor = self._executor()
        threading.Thread(target=_spawn, args=(executor, self.workers), name="worker-pool-start", daemon=True).start()

    @property
    def hard_timeout(self) -> float | None:
        """Seconds after which the parent kills the pool of a task that ignores the worker's timer."""
        return (self.queue + 1) * self.timeout + 1 if self.timeout > 0 else None

    def _executor(self) -> ProcessPoolExecutor:
        if self.executor is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(self.preload)
            self.executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=context, initializer=_warm_up, initargs=(self.preload,)
            )
            self.generation += 1
        return self.executor

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """``function(*args)`` in a worker process, awaited without blocking the reactor.

        Raises ``TaskTimeout`` past the time limit and ``WorkerCrashed`` when the worker died.
        """
        await maybe_deferred_to_future(self.slots.acquire())
        try:
            for _ in range(RESUBMITS + 1):
                executor = self._executor()
                generation = self.generation
                try:
                    future = executor.submit(call_with_deadline, self.timeout, function, *args)
                    return await maybe_deferred_to_future(self._deferred(future, generation))
                except BrokenProcessPool as exc:
                    if generation in self.killed:
                        continue  # the pool was killed for another task: run this one again
                    logger.error("A worker process died; starting a new pool")
                    self._replace(generation)
                    raise WorkerCrashed(str(exc)) from exc
                except TaskTimeout:
                    if self.stats is not None:
                        self.stats.inc_value("news/workers/timeouts")
                    raise
            raise WorkerCrashed(f"the pool was killed {RESUBMITS + 1} times while this task waited")
        finally:
            self.slots.release()

    def _deferred(self, future: Future[T], generation: int) -> defer.Deferred[T]:
        deferred = _deferred_from_future(future)
        limit = self.hard_timeout
        if limit is None:
            return deferred
        from twisted.internet import reactor

        def expire() -> None:
            if deferred.called:
                return
            logger.error("A worker ignored its %g s time limit for %g s; killing the worker pool", self.timeout, limit)
            self._kill(generation)
            deferred.errback(TaskTimeout(f"killed after {limit:g} s"))

        timer = reactor.callLater(limit, expire)  # type: ignore[attr-defined]
        deferred.addBoth(lambda result: (timer.active() and timer.cancel(), result)[1])
        return deferred

    def _kill(self, generation: int) -> None:
        """Kill the pool of ``generation`` (if still current); its tasks fail with ``BrokenProcessPool``."""
        if generation != self.generation or self.executor is None:
            return
        self.killed.add(generation)
        executor, self.executor = self.executor, None
        if self.stats is not None:
            self.stats.inc_value("news/workers/killed")
        for process in pool_processes(executor):
            try:
                process.kill()
            except (OSError, ValueError, AttributeError):
                pass
        executor.shutdown(wait=False, cancel_futures=True)

    def _replace(self, generation: int) -> None:
        """Drop the broken pool of ``generation``; a newer pool (replaced already) is kept."""
        if self.executor is not None and generation == self.generation:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None


def _ready() -> None:
    """The task that starts a worker: nothing (the worker's initializer imports the preloaded modules)."""


def _spawn(executor: ProcessPoolExecutor, workers: int) -> None:
    """One trivial task per worker: ``ProcessPoolExecutor`` starts a process for each task it has no idle
    worker for, up to ``max_workers``."""
    try:
        for _ in range(workers):
            executor.submit(_ready)
    except Exception as exc:  # noqa: BLE001 - shut down, killed or broken meanwhile: the first run() meets it again
        logger.debug("Starting the worker processes ahead failed: %r", exc)


def _deferred_from_future(future: Future[T]) -> defer.Deferred[T]:
    """A Deferred fired in the reactor thread when a ``concurrent.futures`` future completes.

    A future cancelled with its pool fails with ``BrokenProcessPool``; a ``Deadline`` that escaped the
    worker's handler arrives as ``TaskTimeout``. Fires once: a Deferred already failed by the
    backstop ignores the late result.
    """
    from twisted.internet import reactor

    deferred: defer.Deferred[T] = defer.Deferred()

    def fire(done: Future[T]) -> None:
        if deferred.called:
            return
        if done.cancelled():
            deferred.errback(BrokenProcessPool("the task was cancelled with its pool"))
            return
        exception = done.exception()
        if isinstance(exception, Deadline):
            exception = TaskTimeout("the time limit expired")
        if exception is not None:
            deferred.errback(exception)
        else:
            deferred.callback(done.result())

    future.add_done_callback(lambda done: reactor.callFromThread(fire, done))  # type: ignore[attr-defined]
    return deferred
