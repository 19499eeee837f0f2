"""Site boilerplate pipeline: strip the lines a site repeats on many of its pages, learned as the crawl goes.

Runs between extract and validate, on the ``ExtractedPage``: it counts the article's lines for its site
(``crawler.crawl.sitelines``), then removes the lines already learned as that site's boilerplate and
updates ``word_count`` and ``content_hash``. With a crawl state, the counts are loaded from and saved to
it, so later runs strip from their first page. A site's first pages in its first run keep the lines the
model has not seen often enough yet.

Settings: ``NEWS_SITE_BOILERPLATE`` (on/off), ``NEWS_SITE_BOILERPLATE_MIN_PAGES``,
``NEWS_SITE_BOILERPLATE_MIN_SHARE``, ``NEWS_SITE_BOILERPLATE_MAX_STRIP_SHARE``. Stats:
``news/boilerplate/lines_removed``, ``news/boilerplate/pages_cleaned``, ``news/boilerplate/pages_guarded``.
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import NotConfigured

from crawler.extraction.extract import content_hash, word_count
from crawler.crawl.pages import ExtractedPage
from crawler.crawl.sitelines import SiteBoilerplate, line_keys, site_of
from crawler.crawl.state.extension import CrawlState

if TYPE_CHECKING:
    from typing_extensions import Self
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

class SiteBoilerplatePipeline:
    def __init__(self, model: SiteBoilerplate, stats: StatsCollector | None = None, crawler: Crawler | None = None) -> None:
        self.model = model
        self.stats = stats
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("NEWS_SITE_BOILERPLATE", True):
            raise NotConfigured("NEWS_SITE_BOILERPLATE is off")
        model = SiteBoilerplate(
            min_pages=settings.getint("NEWS_SITE_BOILERPLATE_MIN_PAGES", 3),
            min_share=settings.getfloat("NEWS_SITE_BOILERPLATE_MIN_SHARE", 0.1),
            max_strip_share=settings.getfloat("NEWS_SITE_BOILERPLATE_MAX_STRIP_SHARE", 0.4),
        )
        return cls(model, crawler.stats, crawler)

    def open_spider(self) -> None:
        state = self.crawler.get_extension(CrawlState) if self.crawler is not None else None
        if state is not None:
            self.model.attach(state.store.db)

    def close_spider(self) -> None:
        self.model.save()

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
        if result.guarded:
            self._inc("news/boilerplate/pages_guarded")
        if result.removed:
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
