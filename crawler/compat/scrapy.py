"""Scrapy internals the crawl relies on (contract: ``tests/test_compat.py``).

Each function or class here names the private or undocumented part of Scrapy it uses and why the
public API does not do: an upgrade that changes one of them fails its contract test, which names the
function to fix. ``pyproject.toml`` pins Scrapy to the versions those tests cover.
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.squeues import PickleLifoDiskQueue
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.sitemap import Sitemap
from twisted.internet.defer import Deferred

if TYPE_CHECKING:
    from collections.abc import Callable

    from lxml.etree import _Element
    from scrapy import Request
    from scrapy.core.downloader import Downloader
    from scrapy.core.scheduler import Scheduler
    from scrapy.crawler import Crawler
    from scrapy.downloadermiddlewares.retry import RetryMiddleware
    from scrapy.http import TextResponse
    from scrapy.robotstxt import RobotParser
    from scrapy.selector import Selector

__all__ = [
    "CrawlerKeepingCrawlCommand",
    "ExtraFieldsSitemap",
    "PlainStatsCollector",
    "SharedRobotsTxtMiddleware",
    "disk_queue_dir",
    "enforce_slot_delay",
    "feed_files",
    "import_download_handlers",
    "on_scrape_finished",
    "push_request_dict",
    "retry_request",
    "reuse_selector",
    "sitemap_tag_name",
    "slot_timing",
    "wake_engine",
]


class ExtraFieldsSitemap(Sitemap):
    """Scrapy's ``Sitemap`` that reads more fields from each ``<url>``/``<sitemap>`` element.

    Relies on ``Sitemap._process_sitemap_element(elem)``, the per-element step of ``Sitemap.__iter__``
    that returns the element's fields (None without ``<loc>``) and then clears the element: the extra
    fields are read before it. Scrapy has no public hook for other child elements (Google News'
    ``<news:news>`` is one).
    """

    def extra_fields(self, elem: _Element) -> dict[str, Any]:
        """Fields to add to the record of ``elem`` (only when Scrapy keeps the element)."""
        return {}

    def _process_sitemap_element(self, elem: _Element) -> dict[str, Any] | None:
        extra = self.extra_fields(elem)
        found = super()._process_sitemap_element(elem)
        if found is not None:
            found.update(extra)
        return found


def sitemap_tag_name(elem: _Element) -> str:
    """The local name of a sitemap element, without its namespace; "" for a comment or PI.

    ``Sitemap._get_tag_name``, the name ``Sitemap`` itself matches elements by.
    """
    return Sitemap._get_tag_name(elem)  # noqa: SLF001 - see the module docstring


def retry_request(
    middleware: RetryMiddleware, request: Request, reason: str | Exception | type[Exception]
) -> Request | None:
    """The retry of ``request`` (None once its retries are spent), counted in Scrapy's ``retry/*`` stats.

    ``RetryMiddleware._retry``: the public ``get_retry_request`` with the middleware's own settings and
    each request's ``max_retry_times``/``priority_adjust``/``give_up_log_level`` meta applied, as
    Scrapy's middleware does; a subclass that waits before retrying needs that step alone.
    """
    return middleware._retry(request, reason)  # noqa: SLF001 - see the module docstring


def disk_queue_dir(scheduler: Scheduler, directory: str) -> str | None:
    """The disk queue directory Scrapy's scheduler would use under ``directory`` (as for ``JOBDIR``),
    created if needed.

    ``Scheduler._dqdir(jobdir)``: the crawl's scheduler keeps its queue on disk without ``JOBDIR`` too.
    """
    return scheduler._dqdir(directory)  # noqa: SLF001 - see the module docstring


def push_request_dict(queue: PickleLifoDiskQueue, data: dict[str, Any]) -> None:
    """Store a request already turned into a dict (``Request.to_dict``'s output) in ``queue``.

    Relies on the layering of ``scrapy.squeues.PickleLifoDiskQueue``: its own ``push`` calls
    ``request.to_dict(spider=...)`` and hands the dict to the next class of its MRO, which pickles it
    to disk (``pop`` turns it back with ``request_from_dict``). This skips that first step for a caller
    that made the dict more cheaply.
    """
    super(PickleLifoDiskQueue, queue).push(data)


def reuse_selector(response: TextResponse, selector: Selector) -> None:
    """Make ``selector`` (built on a tree already parsed from the body) the response's ``selector``.

    ``TextResponse.selector`` returns ``TextResponse._cached_selector`` once set, and only parses the
    body when it is None: setting it avoids parsing the page a second time.
    """
    response._cached_selector = selector  # noqa: SLF001 - see the module docstring


def enforce_slot_delay(downloader: Downloader, request: Request, delay: float) -> None:
    """At least ``delay`` seconds, without random jitter, between the downloads of ``request``'s slot.

    Scrapy has no public per-slot delay API (``DOWNLOAD_SLOTS`` is read once). Relies on
    ``Downloader.get_slot_key(request)``, ``Downloader.per_slot_settings`` (the ``DOWNLOAD_SLOTS``
    dict, whose ``delay`` and ``jitter`` a new slot reads) and ``Downloader.slots`` (key to ``Slot``,
    whose ``delay`` and ``jitter`` are read before each download: AutoThrottle lowers ``delay`` there).
    """
    key = downloader.get_slot_key(request)
    slot_settings = downloader.per_slot_settings.setdefault(key, {})
    slot_settings["delay"] = max(slot_settings.get("delay", 0.0), delay)
    slot_settings["jitter"] = 0.0
    slot = downloader.slots.get(key)
    if slot is not None:
        slot.jitter = 0.0
        slot.delay = max(slot.delay, delay)


def slot_timing(downloader: Downloader, request: Request) -> tuple[float, float]:
    """``(delay, wait)`` of ``request``'s download slot: its ``delay`` (which AutoThrottle adjusts), and
    the longest it would hold a request enqueued now (the delay stretched by its random ``jitter``,
    counted from its last download); ``(0, 0)`` before the slot exists (a new slot sends at once).

    Relies on ``Downloader.get_slot_key(request)``, ``Downloader.slots`` (key to ``Slot``, as in
    ``enforce_slot_delay``) and ``Slot.lastseen``, the ``time.monotonic()`` of the slot's last download
    start, which ``Downloader._process_queue`` compares with the delay before it sends the next one.
    """
    slot = downloader.slots.get(downloader.get_slot_key(request))
    if slot is None:
        return 0.0, 0.0
    delay = float(slot.delay)
    longest = delay * (1.0 + max(0.0, float(slot.jitter)))
    return delay, max(0.0, float(slot.lastseen) + longest - time.monotonic()) if longest else 0.0


def wake_engine(crawler: Crawler) -> None:
    """Have the engine ask the scheduler for requests now (a held request's time came).

    The engine asks only after a download ends, when a request is scheduled, and every 5 s
    (its heartbeat); a scheduler holding requests until a time must wake it then. Relies on
    ``ExecutionEngine._slot.nextcall``, the ``CallLaterOnce`` of ``_start_scheduled_requests`` (None
    before the spider opens and after it closes: nothing to do then).
    """
    try:
        engine = crawler.engine
    except RuntimeError:  # "not set yet": the crawl has not started
        return
    slot = getattr(engine, "_slot", None)
    if slot is not None:
        slot.nextcall.schedule()


def on_scrape_finished(crawler: Crawler, callback: Callable[[Request], None]) -> None:
    """Call ``callback(request)`` once everything a downloaded request led to is done: its callback or
    errback ran to the end, the requests it yielded are scheduled and its items went through the item
    pipelines (``item_scraped`` sent). Call it after the spider opened.

    Scrapy signals no such moment publicly (``item_scraped`` is per item; a page may yield none). Relies
    on ``Scraper.slot.finish_response(result, request)``, which ``Scraper.enqueue_scrape`` calls once
    the scrape of one response or failure finished.
    """
    slot = crawler.engine.scraper.slot
    if slot is None:
        raise RuntimeError("on_scrape_finished: the scraper has no slot yet (call it once the spider opened)")
    finish_response = slot.finish_response

    def finished(result: Any, request: Request) -> None:
        finish_response(result, request)
        callback(request)

    slot.finish_response = finished  # type: ignore[method-assign]


def feed_files(crawler: Crawler) -> list[tuple[str, str]]:
    """``(path, format)`` of the local files the crawl's feed exports write (after ``spider_opened``).

    Scrapy names no output files publicly. Relies on ``FeedExporter.slots``, the ``FeedSlot`` of each
    feed of the current batch, with ``FeedSlot.storage`` (``FileFeedStorage.path`` for a local file)
    and ``FeedSlot.format``.
    """
    from scrapy.extensions.feedexport import FeedExporter  # noqa: PLC0415 - imported only when asked

    exporter = crawler.get_extension(FeedExporter) if crawler.settings.getdict("FEEDS") else None
    return [
        (slot.storage.path, slot.format)
        for slot in getattr(exporter, "slots", ())
        if getattr(slot.storage, "path", None)
    ]


class PlainStatsCollector(MemoryStatsCollector):
    """Scrapy's in-memory stats collector without its per-attribute deprecation shim.

    Since Scrapy 2.13 ``StatsCollector.__getattribute__`` wraps every stats method to warn about the
    old ``spider`` argument, and runs on every attribute access, including ``self._stats`` inside each
    call, where it raises and catches an ``AttributeError``: ``inc_value`` costs about 3 µs instead of
    0.2. A crawl updates dozens of stats per page on the reactor thread. Our components never pass
    ``spider``; the methods still accept it. Relies on the shim being only that: the methods work the
    same without it.
    """

    __getattribute__ = object.__getattribute__


HANDLER_MODULES = ("scrapy.core.downloader.handlers.http11",)
"""Modules whose import calls ``scrapy.utils.deprecate.create_deprecated_class`` (``contextfactory``, ``tls``)."""


def import_download_handlers() -> None:
    """Import Scrapy's HTTP download handler now, from a shallow call stack.

    ``create_deprecated_class`` calls ``inspect.stack()``, which reads the source of every frame on
    the stack and looks up each frame's module among all loaded ones. Scrapy first imports the handler
    while it builds the engine, deep inside the event loop: there its three deprecated classes cost
    0.3-0.4 s of start-up; from the command's ``run`` about 0.05 s.
    """
    import importlib

    for name in HANDLER_MODULES:
        importlib.import_module(name)


class CrawlerKeepingCrawlCommand(ScrapyCrawlCommand):
    """Scrapy's ``crawl`` command that keeps the crawler it ran (``self.crawler``), to ask it after the run.

    Relies on ``BaseRunSpiderCommand._create_crawler(spidercls)``, which ``run`` calls once to make the
    crawler: the command keeps no public handle on it, and ``CrawlerProcess.crawlers`` forgets it when
    the crawl ends.
    """

    crawler: Crawler | None = None

    def _create_crawler(self, spidercls: Any) -> Crawler:
        self.crawler = super()._create_crawler(spidercls)
        return self.crawler


class SharedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's ``RobotsTxtMiddleware`` whose pending robots.txt answer reaches every request waiting on it.

    Scrapy 2.19 awaits the one pending ``Deferred`` of a host (``self._parsers[netloc]``) from every
    request that arrives while robots.txt is downloading; under asyncio each await adds a callback that
    returns None, so the second and later requests get None and are let through unchecked: a worker
    that pops many requests of a new host at once fetches pages robots.txt forbids. Each waiter here
    gets its own Deferred fed by a callback that passes the parser on (as Scrapy before 2.14 did).
    """

    async def robot_parser(self, request: Request) -> RobotParser | None:
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if not isinstance(pending, Deferred):
            return await super().robot_parser(request)
        own: Deferred[RobotParser | None] = Deferred()

        def relay(parser: RobotParser | None) -> RobotParser | None:
            own.callback(parser)
            return parser

        pending.addCallback(relay)
        return await maybe_deferred_to_future(own)
