"""Deduplicate pipeline: keep the first record of each article, count and log the rest.

Three kinds of duplicate, each counted as ``news/duplicates/<kind>``:

* ``url``: the canonical URL (or fetched URL) was emitted already (the same article under two URLs; the
  page's URL is remembered as an alias of the kept article, ``CrawlKnowledge.remember_alias``);
* ``content``: the same ``content_hash`` (identical normalised text);
* ``near``: nearly the same text, such as a wire story republished with a different intro or footer.
  Texts are compared by Jaccard similarity of their word 5-shingles, estimated by MinHash
  (``crawler.crawl.minhash``; the extract workers compute the signatures), from
  ``NEWS_NEAR_DUPLICATE_THRESHOLD``.

The kept articles are the crawl knowledge's (``crawler.crawl.knowledge``): this pipeline asks it whether
an article duplicates a kept one, and has it kept otherwise. It is the last pipeline: it hands the bare
``Article`` to the feed exporter. A dropped duplicate's log line and ``DropItem`` message give
``duplicate_of`` (the URL of the kept record).

When the index's temporary database fails (``TMPDIR`` full, an I/O error), the article is written
unchecked rather than lost, counted as ``news/duplicates/unchecked`` with a warning naming it.

A run that appends to an existing JSONL output (``-o``, and resumed ``JOBDIR`` runs) starts by having
the knowledge read that output, so nothing written before is written again, and the spider skips those URLs.

Needs: the ``CrawlKnowledge`` extension (``EXTENSIONS``); in ``ITEM_PIPELINES`` after extract and every
other news pipeline (its output is the feed's ``Article``).
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem

from crawler.crawl.keptindex import KeptIndexError
from crawler.crawl.knowledge import CrawlKnowledge
from crawler.crawl.pages import ExtractedPage
from crawler.crawl.urlkeys import url_key
from crawler.items import Article
from pipelines.contract import check_pipelines

if TYPE_CHECKING:
    from typing_extensions import Self
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class DeduplicatePipeline:
    stage = "deduplicate"
    needs = ("extract",)

    def __init__(self, knowledge: CrawlKnowledge, stats: StatsCollector | None) -> None:
        self.knowledge = knowledge
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        check_pipelines(crawler)
        return cls(CrawlKnowledge.required(crawler, cls), crawler.stats)

    def open_spider(self) -> None:
        self.knowledge.load_appended_outputs()

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ExtractedPage) or item.article is None:
            return item
        article = item.article
        try:
            found = self.knowledge.check_and_keep(article, item.signature, item.page.claim)
        except KeptIndexError as exc:
            return self._unchecked(item, exc)
        if found is not None:
            kind, duplicate_of = found
            if kind == "url" and url_key(item.page.url) != url_key(duplicate_of):  # an AMP copy, say
                self.knowledge.remember_alias(item.page.url, duplicate_of, item.page.etag, item.page.last_modified)
            if self.stats is not None:
                self.stats.inc_value(f"news/duplicates/{kind}")
                self.stats.inc_value(f"news/source/{item.page.source}/duplicates")
            raise DropItem(f"duplicate ({kind}): {article.url} duplicate_of={duplicate_of}", log_level="INFO")
        return self._written(item)

    def _written(self, item: ExtractedPage) -> Article:
        if self.stats is not None:
            self.stats.inc_value("news/articles")
            self.stats.inc_value(f"news/source/{item.page.source}/articles")
        return item.article

    def _unchecked(self, item: ExtractedPage, error: KeptIndexError) -> Article:
        """The index failed: write the article anyway (a possible duplicate beats a lost article)."""
        logger.warning("Duplicate index failed on %s (%s); writing it unchecked", item.article.url, error)
        if self.stats is not None:
            self.stats.inc_value("news/duplicates/unchecked")
        return self._written(item)
