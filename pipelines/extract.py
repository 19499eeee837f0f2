"""Extract pipeline: ``PageItem`` -> ``ExtractedPage``, running ``crawler.extract_article`` in the worker pool.

The pool (``crawler.crawl.extensions.workers.WorkerPool``) has one process per core, so extraction never blocks
the Twisted reactor and a crawl uses every core. A page that is not an article is not an error here:
the result carries the reason, and the validate pipeline drops it. A page whose extraction runs past
``NEWS_EXTRACT_TIMEOUT`` gets the reason ``timeout`` (``news/dropped/timeout``).

In a crawl the spider runs the extraction in the same worker task as the page's class and links
(``crawler.crawl.articletask``; ``spiders.pagelinks.analyse_page``), so a page crosses to a worker once: it
then yields a ``PrefetchedPage`` that carries the outcome, and this pipeline only unwraps it.

Needs: the first of the news pipelines (its input is the spider's ``PageItem``), with the deduplicate
pipeline after it (which turns the ``ExtractedPage`` into the ``Article`` the feed gets); uses the
``WorkerPool`` extension when enabled (else extracts inline). Setting: ``NEWS_MIN_TEXT_CHARS``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crawler.crawl.articletask import extract_outcome
from crawler.crawl.config import get_int
from crawler.crawl.extensions.workers import TaskTimeout, WorkerCrashed, WorkerPool
from crawler.crawl.pages import ExtractedPage, PageItem, PrefetchedPage
from pipelines.contract import check_pipelines

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from typing_extensions import Self



class ExtractPipeline:
    stage = "extract"
    needs = ("deduplicate",)

    def __init__(self, min_text_chars: int, crawler: Crawler | None = None) -> None:
        self.min_text_chars = min_text_chars
        self.crawler = crawler
        self.pool: WorkerPool | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        check_pipelines(crawler)
        return cls(min_text_chars=get_int(crawler.settings, "NEWS_MIN_TEXT_CHARS"), crawler=crawler)

    def open_spider(self) -> None:
        if self.crawler is not None:
            self.pool = self.crawler.get_extension(WorkerPool)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem):
            return item
        args = (item.body, item.url, item.content_type, self.min_text_chars)
        if isinstance(item, PrefetchedPage) and item.outcome is not None:
            outcome, item.outcome = item.outcome, None
        elif self.pool is None:
            outcome = extract_outcome(*args)
        else:
            try:
                outcome = await self.pool.run(extract_outcome, *args)
            except WorkerCrashed as exc:
                outcome = None, "worker_crashed", str(exc), None, None
            except TaskTimeout as exc:  # NEWS_EXTRACT_TIMEOUT: dropped by the validate pipeline as "timeout"
                outcome = None, "timeout", str(exc), None, None
        article, reason, detail, sig, keys = outcome
        return ExtractedPage(page=item, article=article, reason=reason, detail=detail, signature=sig, line_keys=keys)
