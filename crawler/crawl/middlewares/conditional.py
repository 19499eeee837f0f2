"""Conditional requests from the crawl state: ``If-None-Match`` / ``If-Modified-Since`` for feeds, sitemaps
and known article pages; a ``304 Not Modified`` ends the request with ``NotModified`` (no extraction,
nothing emitted), counted as ``news/not_modified`` and ``news/source/<source>/not_modified``.

Only the spider's own requests (``meta["news_source"]``) are made conditional; robots.txt is not. The
validators come from the crawl knowledge (``crawler.crawl.knowledge``); those of a feed or sitemap answered
with 200 are handed to it, and kept only if the run finishes cleanly. ``NEWS_FULL_RECRAWL`` sends no
conditional headers; without the knowledge or its state, disabled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.exceptions import IgnoreRequest, NotConfigured

from crawler.crawl.headers import header_text
from crawler.crawl.knowledge import EXTENSION, CrawlKnowledge

if TYPE_CHECKING:
    from typing_extensions import Self
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector

LISTING_KINDS = ("feed", "sitemap")
"""``meta["news_kind"]`` of requests whose validators are kept as feed/sitemap validators."""


class NotModified(IgnoreRequest):
    """The server answered 304 to a conditional request: the page is unchanged since the last run."""


def request_kind(request: Request) -> str | None:
    """``feed``, ``sitemap``, or None (article or listing page), from ``meta["news_kind"]`` or the callback."""
    kind = request.meta.get("news_kind")
    if kind:
        return str(kind)
    name = getattr(request.callback, "__name__", "")
    return {"parse_feed": "feed", "parse_sitemap": "sitemap"}.get(name)


class ConditionalRequestMiddleware:
    def __init__(self, knowledge: CrawlKnowledge, stats: StatsCollector | None) -> None:
        self.knowledge = knowledge
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        knowledge = crawler.get_extension(CrawlKnowledge)
        if knowledge is None:  # one-page fetches run without extensions
            raise NotConfigured(f"no crawl knowledge ({EXTENSION} is not in EXTENSIONS)")
        knowledge.require_state()
        return cls(knowledge, crawler.stats)

    def process_request(self, request: Request) -> None:
        source = request.meta.get("news_source")
        if (
            source is None
            or self.knowledge.full_recrawl
            or request.method != "GET"
            or b"If-None-Match" in request.headers
        ):
            return
        if b"If-Modified-Since" in request.headers:
            return
        validators = self.knowledge.validators(request.url)
        if validators is None or not (validators.etag or validators.last_modified):
            return
        if validators.etag:
            request.headers[b"If-None-Match"] = validators.etag
        if validators.last_modified:
            request.headers[b"If-Modified-Since"] = validators.last_modified
        request.meta["news_conditional"] = True
        self._count("conditional", source)

    def process_response(self, request: Request, response: Response) -> Response:
        source = request.meta.get("news_source")
        if source is None:
            return response
        if response.status == 304 and request.meta.get("news_conditional"):
            self.knowledge.not_modified(request.url)
            self._count("not_modified", source)
            raise NotModified(f"not modified: {request.url}")
        kind = request_kind(request)
        if kind in LISTING_KINDS and response.status == 200:
            self.knowledge.remember_feed(
                request.url, kind, header_text(response.headers, b"ETag"), header_text(response.headers, b"Last-Modified")
            )
        return response

    def _count(self, name: str, source: Any) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"news/{name}")
            self.stats.inc_value(f"news/source/{source}/{name}")
