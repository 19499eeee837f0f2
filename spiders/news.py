"""The news spider: discovers article pages from feeds, sitemaps and links, and hands them to the pipelines.

    scrapy crawl news -a sources=sources.toml -o articles.jsonl
    crawler crawl sources.toml -o articles.jsonl

Every callback is a spider method and every value travels in ``cb_kwargs``, so requests survive
``JOBDIR`` persistence. The spider does not judge article text: it yields a ``PageItem`` with the
page's bytes (a ``PrefetchedPage`` when the page's extraction ran in the worker task that read its links,
``crawler.crawl.articletask``), and the pipelines turn it into an ``Article`` (or drop it with a reason).
What is known already (articles written, pages an earlier run fetched) it asks the crawl knowledge
(``crawler.crawl.knowledge``).
"""
from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.http import HtmlResponse, Response, TextResponse, XmlResponse
from twisted.python.failure import Failure

from crawler.common.urls import origin
from crawler.crawl import articletask
from crawler.crawl.config import default, get_int
from crawler.crawl.extensions.workers import TaskTimeout, WorkerCrashed, WorkerPool
from crawler.crawl.feeds import parse_feed
from crawler.crawl.frontier import LEASE
from crawler.crawl.headers import header_text
from crawler.crawl.knowledge import CrawlKnowledge
from crawler.crawl.middlewares.conditional import NotModified
from crawler.crawl.minhash import HashSet
from crawler.crawl.pages import PageItem, PrefetchedPage
from crawler.crawl.safexml import UnsafeXML, xml_body
from crawler.crawl.sitemaps import parse_sitemap, sitemap_urls_from_robots
from crawler.crawl.sources import ROBOTS, Source, SourcesError, load_sources
from crawler.crawl.stores import default_feeds, shared_run_settings
from crawler.extraction.decoding import has_binary_signature
from spiders.copies import CanonicalCopies, canonical_elsewhere
from spiders.failures import record_failure
from spiders.pagelinks import LinkRules, PageAnalysis, analyse_page

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings
    from typing_extensions import Self

logger = logging.getLogger(__name__)


class NewsSpider(Spider):
    name = "news"

    def __init__(self, sources: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sources_file = sources
        self.sources: dict[str, Source] = {}
        self._requested: dict[str, HashSet] = {}
        """Per source: the URLs requested (as 64-bit hashes: a long crawl's memory barely grows)."""
        self._rules: dict[str, LinkRules] = {}
        """Per source: its domains, allow and deny (``Source.domains`` is computed on every call)."""
        self.pages_requested: Counter[str] = Counter()
        self.copies = CanonicalCopies()
        """Copies of articles (AMP pages) waiting for their canonical page."""
        self.knowledge: CrawlKnowledge | None = None
        """What the crawl knows: articles written, the crawl state (set when the crawl opens; None in unit tests)."""
        self.workers: WorkerPool | None = None
        """The crawl's process pool (None in unit tests: pages are then handled inline)."""
        self.min_text_chars: int = default("NEWS_MIN_TEXT_CHARS")
        """Of the extraction run with a page's links in its worker task (``crawler.crawl.articletask``)."""

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        if not settings.getdict("FEEDS") and settings.getdict("NEWS_DEFAULT_FEEDS"):
            settings.set("FEEDS", default_feeds(settings), priority="spider")
        shared_run_settings(settings)  # a worker of a run shared over Redis (docs/scale-out.md)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.set_sources(cls.sources_of(crawler.settings, spider.sources_file))
        crawler.signals.connect(spider.on_opened, signal=signals.spider_opened)
        return spider

    @staticmethod
    def sources_of(settings: BaseSettings, path: str | None) -> list[Source]:
        """The sources of ``-a sources=FILE`` (else ``NEWS_SOURCES``); ``SourcesError`` names the problem."""
        path = path or settings.get("NEWS_SOURCES")
        if not path:
            raise SourcesError("no sources file: pass -a sources=FILE (or set NEWS_SOURCES)")
        return load_sources(path)

    @classmethod
    def check_arguments(cls, settings: BaseSettings, spargs: dict[str, Any]) -> None:
        """Asked by ``scrapy crawl`` (``crawler.tools.scrapy_commands.crawl``) before the crawl starts, so a bad
        sources file is one line and exit status 2, not a traceback from inside the event loop."""
        cls.sources_of(settings, spargs.get("sources"))

    def on_opened(self) -> None:
        self.knowledge = self.crawler.get_extension(CrawlKnowledge)
        self.workers = self.crawler.get_extension(WorkerPool)
        self.min_text_chars = get_int(self.settings, "NEWS_MIN_TEXT_CHARS")

    def set_sources(self, sources: list[Source]) -> None:
        self.sources = {source.name: source for source in sources}
        self.allowed_domains = sorted({domain for source in sources for domain in source.domains})
        for source in sources:
            self._requested[source.name] = HashSet()
            self._rules[source.name] = LinkRules.of(source)

    # --- discovery --------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Request]:
        """Entry points of every source, re-read on every (re)start, so they bypass the duplicate filter.
        A worker that joins a shared run in progress adds none: the run's first worker did."""
        shared = self.knowledge.shared_run if self.knowledge is not None else None
        if shared is not None and not shared.seeds:
            return
        for source in self.sources.values():
            for url in source.feeds:
                yield self._entry_request(url, source, self.parse_feed, kind="feed")
            for url in source.sitemaps:
                if url != ROBOTS:
                    yield self._entry_request(url, source, self.parse_sitemap, kind="sitemap")
            if ROBOTS in source.sitemaps:
                for site in sorted({origin(url) for url in source.start_urls + source.feeds}):
                    yield self._entry_request(f"{site}/robots.txt", source, self.parse_robots)
            for url in source.start_urls:
                self._requested[source.name].add(url)
                yield self._entry_request(url, source, self.parse_page, via="start")

    def _entry_request(
        self, url: str, source: Source, callback: Any, via: str | None = None, kind: str | None = None
    ) -> Request:
        cb_kwargs: dict[str, Any] = {"source": source.name}
        if via:
            cb_kwargs["via"] = via
        meta = {"news_source": source.name, "news_kind": kind} if kind else {"news_source": source.name}
        return Request(
            url, callback=callback, errback=self.on_error, cb_kwargs=cb_kwargs, meta=meta, dont_filter=True,
        )

    def parse_robots(self, response: Response, source: str) -> Iterator[Request]:
        for url in sitemap_urls_from_robots(response.body, base_url=response.url):
            yield self._follow_sitemap(url, source)

    def parse_sitemap(self, response: Response, source: str) -> Iterator[Request]:
        max_size = get_int(self.settings, "NEWS_SITEMAP_MAX_SIZE") or self.settings.getint("DOWNLOAD_MAXSIZE")
        body = self._safe_xml(response, "sitemap", max_size)
        if body is None:
            return
        kind, entries = parse_sitemap(body, base_url=response.url)
        self.crawler.stats.inc_value(f"news/sitemaps/{kind or 'invalid'}")
        if kind == "sitemapindex" and self.knowledge is not None:
            self.knowledge.forget_feed(response.url)  # its sitemaps change while it does not: always read it
        for entry in entries:
            if kind == "sitemapindex":
                yield self._follow_sitemap(entry.url, source)
            else:
                yield from self._page_request(entry.url, source, via="sitemap", date=entry.date)

    def parse_feed(self, response: Response, source: str) -> Iterator[Request]:
        body = self._safe_xml(response, "feed", self.settings.getint("DOWNLOAD_MAXSIZE"))
        if body is None:
            return
        entries = parse_feed(body, base_url=response.url)
        self.crawler.stats.inc_value("news/feeds/parsed" if entries else "news/feeds/empty")
        for entry in entries:
            yield from self._page_request(entry.url, source, via="feed", date=entry.published)

    def _safe_xml(self, response: Response, kind: str, max_size: int) -> bytes | None:
        """The body through ``crawler.crawl.safexml`` (bounded gunzip, size and entity checks), or None if refused."""
        try:
            return xml_body(response.body, max_size=max_size)
        except UnsafeXML as exc:
            logger.warning("Rejected %s %s: %s", kind, response.url, exc)
            self.crawler.stats.inc_value(f"news/rejected/xml/{exc.reason}")
            return None

    def _follow_sitemap(self, url: str, source: str) -> Request:
        return Request(
            url, callback=self.parse_sitemap, errback=self.on_error,
            cb_kwargs={"source": source}, meta={"news_source": source, "news_kind": "sitemap"},
        )

    # --- pages ------------------------------------------------------------------------------

    async def parse_page(
        self, response: Response, source: str, via: str = "link", date: str | None = None
    ) -> AsyncIterator[Request | PageItem]:
        """Emit article pages as ``PageItem``; follow the links of every HTML page. Copies of this page
        (``spiders.copies``) that waited for it are its aliases, or emitted when it is no article."""
        found: list[PageItem] = []
        async for output in self._page_outputs(response, source, via, date, found):
            yield output
        for copy in self._release_copies(response.request, response.url, article=bool(found)):
            yield copy

    def _release_copies(self, request: Request | None, url: str, article: bool) -> list[PageItem]:
        """The copies that waited for this page, to emit (it is no article), or none (they are its aliases)."""
        redirects = request.meta.get("redirect_urls", []) if request is not None else []
        copies = self.copies.settle([url, *redirects])
        if not article:
            return copies
        for copy in copies:
            self.crawler.stats.inc_value("news/aliases")
            if self.knowledge is not None:
                self.knowledge.remember_alias(copy.url, url, copy.etag, copy.last_modified)
        return []

    async def _page_outputs(
        self, response: Response, source: str, via: str, date: str | None, found: list[PageItem]
    ) -> AsyncIterator[Request | PageItem]:
        stats = self.crawler.stats
        stats.inc_value(f"news/source/{source}/pages")
        if not isinstance(response, HtmlResponse) and not (
            isinstance(response, TextResponse) and not isinstance(response, XmlResponse)
            and b"<html" in response.body[:2048].lower()
        ):
            stats.inc_value("news/skipped/not_html")
            return
        if not response.body.strip():
            stats.inc_value("news/skipped/empty")
            return
        if has_binary_signature(response.body):  # a PDF or an image served as text/html
            stats.inc_value("news/skipped/binary")
            return
        encoding = getattr(response, "encoding", None)
        rules = self._rules[source]
        content_type = header_text(response.headers, b"Content-Type")
        links = self.follows_links(source, "listing", via)  # a listing follows the most: if not, read no links
        if self.workers is not None:
            prefetch = articletask.prefetch(content_type, self.min_text_chars)
            try:
                analysis = await self.workers.run(
                    analyse_page, response.body, response.url, encoding, rules, prefetch, content_type, links
                )
            except (TaskTimeout, WorkerCrashed) as exc:
                reason = "timeout" if isinstance(exc, TaskTimeout) else "worker_crashed"
                logger.warning("Dropped %s (%s): %s", response.url, reason, exc)
                stats.inc_value(f"news/dropped/{reason}")
                stats.inc_value(f"news/source/{source}/dropped")
                return
        else:
            analysis = analyse_page(response.body, response.url, encoding, rules, None, content_type, links)
        stats.inc_value(f"news/pages/{analysis.kind}")
        follow = self.follows_links(source, analysis.kind, via)
        if follow and analysis.offsite:
            stats.inc_value("news/skipped/offsite", analysis.offsite)
        if follow and analysis.not_allowed:
            stats.inc_value("news/skipped/not_allowed", analysis.not_allowed)
        if analysis.kind == "article":
            item = self.page_item(response, source, via, date, analysis)
            found.append(item)
            for output in self._article_or_copy(item, analysis, source):
                yield output
        if not follow:
            return
        for url in analysis.links:
            for request in self._page_request(url, source, via="link", checked=True):
                stats.inc_value(f"news/source/{source}/followed_links")
                yield request

    def follows_links(self, source: str, kind: str, via: str) -> bool:
        """Whether a page's links are requested. Always with the source's ``follow_links``; without it,
        only those of its start pages and of the listing pages reached from them by links: never those
        of an article page, nor of any page a feed or sitemap listed (those are the discovery)."""
        return self.sources[source].follow_links or via == "start" or (via == "link" and kind == "listing")

    def page_item(
        self, response: Response, source: str, via: str, date: str | None, analysis: PageAnalysis | None = None
    ) -> PageItem:
        """The page for the pipelines; a ``PrefetchedPage`` when its extraction ran with its analysis."""
        headers = response.headers
        request_urls = response.request.meta.get("redirect_urls") if response.request else None
        extracted = analysis.extracted if analysis is not None else None
        item_class = PrefetchedPage if extracted is not None else PageItem
        item = item_class(
            url=response.url,
            body=response.body,
            source=source,
            status=response.status,
            content_type=header_text(headers, b"Content-Type"),
            request_url=request_urls[0] if request_urls else None,
            discovered_via=via,
            discovered_date=date,
            not_before=self._not_before(self.sources[source]),
            etag=header_text(headers, b"ETag"),
            last_modified=header_text(headers, b"Last-Modified"),
            claim=response.request.meta.get(LEASE) if response.request else None,
        )
        if extracted is not None:
            item.outcome = extracted  # type: ignore[attr-defined]
        return item

    def _article_or_copy(self, item: PageItem, analysis: PageAnalysis, source: str) -> Iterator[Request | PageItem]:
        """The item; or, for a copy of an article whose canonical page of this source was not handled yet,
        nothing now: the copy waits for that page (``spiders.copies``), requested here if need be."""
        article = analysis.extracted[0] if analysis.extracted else None
        canonical = canonical_elsewhere(getattr(article, "canonical_url", None), item)
        rules = self._rules[source]
        if (
            canonical is None
            or not rules.in_domains((urlsplit(canonical).hostname or "").lower())  # cross-site: syndicated
            or not rules.allowed(canonical)
            or self.copies.settled(canonical)
            or (self.knowledge is not None and self.knowledge.knows_url(canonical))
        ):
            yield item  # an article, or a copy of one handled already (a duplicate of it, or the record)
            return
        self.copies.wait_for(canonical, item)
        if canonical not in self._requested[source]:
            self._requested[source].add(canonical)
            yield Request(  # not filtered: its callback or errback releases the copies
                canonical, callback=self.parse_page, errback=self.on_error, dont_filter=True,
                cb_kwargs={"source": source, "via": item.discovered_via}, meta={"news_source": source},
            )

    def _page_request(
        self, url: str, source_name: str, via: str, date: dt.datetime | None = None, checked: bool = False
    ) -> Iterator[Request]:
        """The request of a discovered page, unless it is known, off the source or skipped.

        ``checked``: the URL passed the source's domains, ``allow`` and ``deny`` already (``analyse_page``).
        """
        source = self.sources[source_name]
        stats = self.crawler.stats
        requested = self._requested[source_name]
        if url in requested:
            return
        if not checked:
            rules = self._rules[source_name]
            if not rules.in_domains((urlsplit(url).hostname or "").lower()):
                stats.inc_value("news/skipped/offsite")
                return
            if not source.url_allowed(url):
                stats.inc_value("news/skipped/not_allowed")
                return
        reason = self.skip_reason(url, source, date)
        if reason:
            stats.inc_value(f"news/skipped/{reason}")
            stats.inc_value(f"news/source/{source_name}/skipped/{reason}")
            return
        if source.max_pages is not None and len(requested) >= source.max_pages:
            if len(requested) == source.max_pages:
                requested.add("")  # log once
                logger.info("Source %r reached max_pages=%d", source_name, source.max_pages)
                stats.inc_value(f"news/source/{source_name}/max_pages_reached")
            return
        requested.add(url)
        self.pages_requested[source_name] += 1
        cb_kwargs: dict[str, Any] = {"source": source_name, "via": via}
        if date is not None:
            cb_kwargs["date"] = date.isoformat()
        yield Request(
            url, callback=self.parse_page, errback=self.on_error, cb_kwargs=cb_kwargs,
            meta={"news_source": source_name},
        )

    def skip_reason(self, url: str, source: Source, date: dt.datetime | None) -> str | None:
        """Why a discovered page need not be requested at all, or None to request it.

        The hook where known pages are consulted: articles already written (a resumed run), and,
        with a crawl state, ``unchanged``: a known article whose feed or sitemap date is not later
        than its last fetch. Such a page may still be requested (conditionally) when a link leads to it.
        """
        cutoff = source.cutoff()
        if date is not None and cutoff is not None and date < cutoff:
            return "too_old"
        knowledge = self.knowledge
        if knowledge is None:
            return None
        if knowledge.knows_url(url):
            return "already_written"
        if date is not None and not knowledge.full_recrawl:
            fetched = knowledge.last_fetched(url)
            if fetched is not None and date <= fetched:
                return "unchanged"
        return None

    @staticmethod
    def _not_before(source: Source) -> str | None:
        cutoff = source.cutoff()
        return cutoff.isoformat() if cutoff else None

    # --- errors -----------------------------------------------------------------------------

    def on_error(self, failure: Failure) -> list[PageItem] | None:
        request = failure.request  # type: ignore[attr-defined]
        if failure.check(NotModified):  # a 304 to a conditional request: unchanged, counted by the middleware
            self._release_copies(request, request.url, article=True)  # (copies of it: its aliases)
            return None
        record_failure(self.crawler.stats, failure)  # counted by kind and role, logged with where it was found
        return self._release_copies(request, request.url, article=False) or None  # its copies stand

