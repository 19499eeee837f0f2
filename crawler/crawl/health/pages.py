"""``PageHealthMiddleware``: a spider middleware that hands each page's outcome to ``SourceHealth``.

It sees what the spider yields for a response before the pipelines run, so it measures:

* every article the extraction gave (the outcome a ``PrefetchedPage`` carries, which the extract
  pipeline lets go of): written, found unchanged or duplicate alike, so a redesign is measured even
  when the texts did not change;
* known article pages (asked for conditionally, answered with a full page) that no longer give an
  article page at all: a consent or subscription wall, a redirect to the home page.
"""
from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import NotConfigured

from crawler.crawl.health.extension import SourceHealth

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from typing_extensions import Self


class PageHealthMiddleware:
    def __init__(self, health: SourceHealth) -> None:
        self.health = health

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        health = crawler.get_extension(SourceHealth)
        if health is None:
            raise NotConfigured("no crawler.crawl.health.extension.SourceHealth (NEWS_HEALTH off)")
        return cls(health)

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        articles = 0
        for item in result:
            articles += self.health.page_item(item)
            yield item
        self.health.page_done(response, articles)

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        articles = 0
        async for item in result:
            articles += self.health.page_item(item)
            yield item
        self.health.page_done(response, articles)
