"""Extract pipeline: ``PageItem`` -> ``ExtractedPage``, running ``crawler.extract_article`` in a process pool.

The pool has one worker per core (``NEWS_EXTRACT_WORKERS``, default ``os.cpu_count()``), so extraction
never blocks the Twisted reactor and a crawl uses every core. A page that is not an article is not an
error here: the result carries the reason, and the validate pipeline drops it.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import defer, reactor

from crawler import NotAnArticle, extract_article
from crawler.items import Article
from crawler.pages import ExtractedPage, PageItem

if TYPE_CHECKING:
    from typing_extensions import Self
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

Outcome = tuple[Article | None, str | None, str]


def extract_outcome(body: bytes, url: str, content_type: str | None, min_text_chars: int) -> Outcome:
    """Runs in a worker process: ``(article, None, "")`` or ``(None, reason, detail)``; never raises."""
    try:
        return extract_article(body, url, content_type=content_type, min_text_chars=min_text_chars), None, ""
    except NotAnArticle as exc:
        return None, exc.reason, exc.detail
    except Exception as exc:  # noqa: BLE001 - a bug on one page must not stop the crawl
        return None, "extract_error", f"{type(exc).__name__}: {exc}"


def _warm_up() -> None:
    """Import the extraction stack once per worker, before the first page arrives."""
    import crawler.extraction  # noqa: F401, PLC0415


class ExtractPipeline:
    def __init__(self, workers: int, min_text_chars: int, crawler: Crawler | None = None) -> None:
        self.workers = workers
        self.min_text_chars = min_text_chars
        self.crawler = crawler
        self.executor: ProcessPoolExecutor | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        return cls(
            workers=settings.getint("NEWS_EXTRACT_WORKERS") or os.cpu_count() or 1,
            min_text_chars=settings.getint("NEWS_MIN_TEXT_CHARS", 200),
            crawler=crawler,
        )

    def open_spider(self) -> None:
        self.executor = self._new_executor()

    def _new_executor(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["crawler.extraction"])
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=context, initializer=_warm_up)

    def close_spider(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem):
            return item
        try:
            article, reason, detail = await self._submit(item)
        except BrokenProcessPool as exc:
            logger.error("Extraction worker died on %s; starting a new pool", item.url)
            self._replace_pool()
            article, reason, detail = None, "worker_crashed", str(exc)
        return ExtractedPage(page=item, article=article, reason=reason, detail=detail)

    async def _submit(self, item: PageItem) -> Outcome:
        assert self.executor is not None, "open_spider() not called"
        future = self.executor.submit(
            extract_outcome, item.body, item.url, item.content_type, self.min_text_chars
        )
        return await maybe_deferred_to_future(_deferred_from_future(future))

    def _replace_pool(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new_executor()


def _deferred_from_future(future: Future[Outcome]) -> defer.Deferred[Outcome]:
    """A Deferred fired in the reactor thread when a ``concurrent.futures`` future completes."""
    deferred: defer.Deferred[Outcome] = defer.Deferred()

    def fire(done: Future[Outcome]) -> None:
        exception = done.exception()
        if exception is not None:
            deferred.errback(exception)
        else:
            deferred.callback(done.result())

    future.add_done_callback(lambda done: reactor.callFromThread(fire, done))  # type: ignore[attr-defined]
    return deferred
