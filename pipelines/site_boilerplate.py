"""Site boilerplate pipeline: strip the lines a site repeats on many of its pages, learned as the crawl goes.

Runs on the ``ExtractedPage``: it counts the article's lines for its site (``crawler.crawl.sitelines``),
then removes the lines already learned as that site's boilerplate and updates ``word_count`` and
``content_hash``. The learned lines are the crawl knowledge's (``crawler.crawl.knowledge``): with a crawl
state they are loaded from and saved to it, so later runs strip from their first page. A site's first
pages in its first run keep the lines the model has not seen often enough yet.

Settings: ``NEWS_SITE_BOILERPLATE`` (on/off), ``NEWS_SITE_BOILERPLATE_MIN_PAGES``,
``NEWS_SITE_BOILERPLATE_MIN_SHARE``, ``NEWS_SITE_BOILERPLATE_MAX_STRIP_SHARE``. Stats:
``news/boilerplate/lines_removed``, ``news/boilerplate/pages_cleaned``, ``news/boilerplate/pages_guarded``.

Needs: the ``CrawlKnowledge`` extension (``EXTENSIONS``); in ``ITEM_PIPELINES`` after extract and before
validate, changes and deduplicate (they judge the stripped text and its hash).
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import NotConfigured

from crawler.crawl.config import get_bool
from crawler.crawl.knowledge import CrawlKnowledge
from crawler.crawl.pages import ExtractedPage
from crawler.common.urls import site_of
from crawler.crawl.sitelines import SiteBoilerplate, line_keys
from pipelines.contract import check_pipelines

if TYPE_CHECKING:
    from typing_extensions import Self
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector


class SiteBoilerplatePipeline:
    stage = "site_boilerplate"
    needs = ("extract",)

    def __init__(self, model: SiteBoilerplate, stats: StatsCollector | None = None) -> None:
        self.model = model
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not get_bool(crawler.settings, "NEWS_SITE_BOILERPLATE"):
            raise NotConfigured("NEWS_SITE_BOILERPLATE is off")
        check_pipelines(crawler)
        return cls(CrawlKnowledge.required(crawler, cls).site_lines, crawler.stats)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ExtractedPage) or item.article is None:
            return item
        article = item.article
        site = site_of(item.page.url)  # the site that served the page (a syndicated copy's canonical is elsewhere)
        if site is None:
            return item
        keys = item.line_keys if item.line_keys is not None else line_keys(article.text)
        self.model.observe(site, article.text, keys)
        result = self.model.strip(site, article.text, keys)
        self._inc(f"news/source/{item.page.source}/boilerplate/lines", len(keys))  # crawler.crawl.health
        self._inc(f"news/source/{item.page.source}/boilerplate/lines_removed", result.removed)
        if result.guarded:
            self._inc("news/boilerplate/pages_guarded")
        if result.removed:
            # imported here: the extraction core loads trafilatura, which only the workers need at start
            from crawler.extraction.extract import content_hash, word_count

            item.page_hash = article.content_hash  # what the page says: the changes pipeline compares it
            item.article = dataclasses.replace(
                article,
                text=result.text,
                word_count=word_count(result.text),
                content_hash=content_hash(result.text),
            )
            self._inc("news/boilerplate/pages_cleaned")
            self._inc("news/boilerplate/lines_removed", result.removed)
        return item

    def _inc(self, key: str, count: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(key, count)
