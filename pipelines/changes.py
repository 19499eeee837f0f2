"""Changes pipeline: against the crawl state, emit an article only when it is new or its text changed.

Runs on the ``ExtractedPage``:

* known canonical (or fetched) URL, same ``content_hash``, or the same page hash (the text's before learned
  site lines were stripped: the page did not change, the crawl learned more about its site since):
  dropped as ``unchanged`` (``news/unchanged``), the state notes it was seen;
* known URL, other hash: passes on with ``version`` = the stored version + 1, the stored ``first_seen``,
  and ``last_seen`` = now;
* unknown URL whose exact text was written under another URL: dropped as a ``content`` duplicate;
* otherwise new: ``version`` 1, ``first_seen`` = ``last_seen`` = now.

It asks the crawl knowledge (``crawler.crawl.knowledge``), and tells it which records are on their way out
(``expect``): the state itself is only updated when the record is written. Texts of earlier runs join
the kept index when the spider opens, so the deduplicate pipeline finds their copies.

Needs: the ``CrawlKnowledge`` extension (``EXTENSIONS``), with a state (``NEWS_STATE_PATH``; without one
the pipeline is disabled); in ``ITEM_PIPELINES`` after extract, site boilerplate and validate (it sees
only publishable, final texts) and before deduplicate, which it needs (a page this run wrote already
passes on for it to drop).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem

from crawler.crawl.knowledge import CrawlKnowledge
from crawler.crawl.pages import ExtractedPage
from crawler.crawl.state.backend import KnownArticle, utc_now
from pipelines.contract import check_pipelines

if TYPE_CHECKING:
    from typing_extensions import Self
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector


class ChangesPipeline:
    stage = "changes"
    needs = ("extract", "deduplicate")

    def __init__(self, knowledge: CrawlKnowledge, stats: StatsCollector | None) -> None:
        self.knowledge = knowledge
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        check_pipelines(crawler)
        knowledge = CrawlKnowledge.required(crawler, cls)
        knowledge.require_state()
        return cls(knowledge, crawler.stats)

    def open_spider(self) -> None:
        self.knowledge.load_earlier_runs()

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ExtractedPage) or item.article is None:
            return item
        article, page, knowledge = item.article, item.page, self.knowledge
        now = utc_now()
        known = knowledge.known_article(article.canonical_url, article.url, page.request_url)
        if known is not None and knowledge.written_this_run(known.key):
            return item  # written by this run already: the deduplicate pipeline drops it
        page_hash = item.page_hash or article.content_hash
        if known is not None and same_text(known, article.content_hash, page_hash):
            knowledge.seen_unchanged(page.url, known.key, page.etag, page.last_modified, now)
            self._count("unchanged", page.source)
            raise DropItem(f"unchanged: {article.url} version={known.version}", log_level="INFO")
        if known is None and article.content_hash:
            duplicate_of = knowledge.earlier_copy(article.content_hash)
            if duplicate_of is not None:
                self._count("duplicates/content", page.source, per_source="duplicates")
                raise DropItem(f"duplicate (content): {article.url} duplicate_of={duplicate_of}", log_level="INFO")
        if known is not None:
            article.version = known.version + 1
            article.first_seen = known.first_seen
        else:
            article.version = 1
            article.first_seen = now
        article.last_seen = now
        knowledge.expect(page.url, item.signature, page.source, page_hash)
        return item

    def _count(self, name: str, source: str, per_source: str | None = None) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"news/{name}")
            self.stats.inc_value(f"news/source/{source}/{per_source or name}")


def same_text(known: KnownArticle, content_hash: str | None, page_hash: str | None) -> bool:
    """True when a refetched page says what it said when ``known`` was written: the same written text, or
    the same text before site lines were stripped (a state without page hashes stored the written one)."""
    return content_hash == known.content_hash or page_hash == (known.page_hash or known.content_hash)
