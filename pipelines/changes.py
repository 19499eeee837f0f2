"""Changes pipeline: against the crawl state, emit an article only when it is new or its text changed.

Runs after validate and before deduplicate, on the ``ExtractedPage``:

* known canonical (or fetched) URL, same ``content_hash``: dropped as ``unchanged`` (``news/unchanged``),
  the state notes it was seen;
* known URL, other hash: passes on with ``version`` = the stored version + 1, the stored ``first_seen``,
  and ``last_seen`` = now;
* unknown URL whose exact text was written under another URL: dropped as a ``content`` duplicate;
* otherwise new: ``version`` 1, ``first_seen`` = ``last_seen`` = now.

The state itself is only updated when the record is written (``crawler.crawl.state.extension.CrawlState``).
Without a state (``NEWS_STATE_PATH`` empty) the pipeline does nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem

from crawler.crawl.pages import ExtractedPage
from crawler.crawl.state.extension import CrawlState
from crawler.crawl.state.store import utc_now
from crawler.crawl.urlkeys import url_key
from pipelines.deduplicate import DeduplicatePipeline

if TYPE_CHECKING:
    from typing_extensions import Self
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector


class ChangesPipeline:
    def __init__(
        self, state: CrawlState, stats: StatsCollector | None, crawler: Crawler | None = None
    ) -> None:
        self.state = state
        self.stats = stats
        self.crawler = crawler
        self.dedupe: DeduplicatePipeline | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(CrawlState.required(crawler), crawler.stats, crawler)

    def open_spider(self) -> None:
        """Texts written by earlier runs join the deduplicate pipeline's index (content and near duplicates)."""
        if self.crawler is not None:
            self.dedupe = self.crawler.get_item_pipeline(DeduplicatePipeline)
        if self.dedupe is None:
            return
        index = self.dedupe.index
        with index.batch():
            for canonical_url, content_hash, signature in self.state.store.iter_signatures():
                index.add_previous(canonical_url, content_hash, signature)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ExtractedPage) or item.article is None:
            return item
        article, page, store = item.article, item.page, self.state.store
        now = utc_now()
        known = store.find_article(article.canonical_url, article.url, page.request_url)
        if known is not None and known.key in self.state.written_keys:
            return item  # written by this run already: the deduplicate pipeline drops it
        if known is not None and known.content_hash == article.content_hash:
            store.record_page(page.url, known.key, page.etag, page.last_modified, now)
            store.touch(page.url, now)
            self._count("unchanged", page.source)
            raise DropItem(f"unchanged: {article.url} version={known.version}")
        if known is None and article.content_hash:
            duplicate_of = store.find_content(article.content_hash)
            if duplicate_of is not None and url_key(duplicate_of) not in self.state.written_keys:
                self._count("duplicates/content", page.source, per_source="duplicates")
                raise DropItem(f"duplicate (content): {article.url} duplicate_of={duplicate_of}")
        if known is not None:
            article.version = known.version + 1
            article.first_seen = known.first_seen
        else:
            article.version = 1
            article.first_seen = now
        article.last_seen = now
        self.state.pending[page.url] = (item.signature, page.source)
        return item

    def _count(self, name: str, source: str, per_source: str | None = None) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"news/{name}")
            self.stats.inc_value(f"news/source/{source}/{per_source or name}")
