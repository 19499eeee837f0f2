"""The crawl knowledge: the one component that owns what the crawl knows; spiders, pipelines and
middlewares ask it and never reach into each other.

What it owns:

* kept articles and their keys: URL keys, content hashes and the near-duplicate MinHash index of what
  this run wrote, what an output it appends to holds already, and the texts earlier runs wrote
  (``crawler.crawl.keptindex.KeptArticles``, in a temporary database);
* with a crawl state (``NEWS_STATE_PATH``; ``crawler.crawl.state.backend.StateBackend``): the articles of
  earlier runs with their versions and ``first_seen``, when their pages were last fetched, and the
  validators (``ETag`` / ``Last-Modified``) of pages, feeds and sitemaps; the aliases of articles (an AMP
  copy naming the article as canonical, kept as another page of it: ``remember_alias``);
* with ``NEWS_REDIS_URL``, the state, its run lock and the kept index are in that Redis
  (``crawler.crawl.redisstores``), shared by the crawl processes that name it; else SQLite;
* the site boilerplate lines learned (``crawler.crawl.sitelines.SiteBoilerplate``, kept in the state);
* what is pending: records on their way to the output, taken into the state once the feed exporter
  wrote them (``crawler.crawl.state.run.StateRun``: the output is the state's write-ahead log).

A Scrapy extension (``EXTENSIONS``; after ``FeedExporter``, so it sees records once they are written).
Components reach it with ``CrawlKnowledge.required(crawler, their class)``, which fails with
``KnowledgeConfigError`` (naming ``EXTENSIONS``) when it is not enabled. Without a state it still keeps the
run's articles; the state's questions then answer "unknown".
"""

from __future__ import annotations

import datetime as dt
import logging
from array import array
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.settings import BaseSettings
from scrapy.utils.conf import build_component_list

from crawler.crawl.config import get_float, get_int
from crawler.crawl.headers import header_text
from crawler.crawl.keptindex import KeptArticles
from crawler.crawl.outputguard import OutputWouldLoseArticles, refuse_overwrites
from crawler.crawl.outputs import appended_outputs, overwritten_files, read_articles
from crawler.crawl.sitelines import SiteBoilerplate
from crawler.crawl.state.backend import KnownArticle, SourceRun, Validators, utc_now
from crawler.crawl.state.naming import feed_outputs, run_id
from crawler.crawl.state.run import StateRun
from crawler.crawl.stores import kept_index, open_state, uses_redis
from crawler.crawl.urlkeys import url_key
from crawler.items import Article

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector
    from typing_extensions import Self

    from crawler.crawl.frontier.membership import RunMembership

logger = logging.getLogger(__name__)

EXTENSION = "crawler.crawl.knowledge.CrawlKnowledge"
FEED_EXPORTER = "scrapy.extensions.feedexport.FeedExporter"
JOURNAL_FORMATS = ("jsonlines", "jsonl")


class KnowledgeConfigError(RuntimeError):
    """``EXTENSIONS`` leaves out the crawl knowledge a component needs, or runs it before the feed exporter."""


class CrawlKnowledge:
    def __init__(
        self,
        *,
        kept: KeptArticles | None = None,
        state: StateRun | None = None,
        site_lines: SiteBoilerplate | None = None,
        stats: StatsCollector | None = None,
        appended: Iterable[Path] = (),
        crawler: Crawler | None = None,
        shared_run: RunMembership | None = None,
    ) -> None:
        """Parts left out get ``crawler/settings.py``'s defaults (no state, no appended output)."""
        self.kept = kept if kept is not None else kept_index(BaseSettings())
        self.state = state
        self.site_lines = site_lines if site_lines is not None else site_boilerplate(BaseSettings())
        if state is not None:
            self.site_lines.attach(state.store)
        self.stats = stats
        self.appended = list(appended)
        self.crawler = crawler
        self.shared_run = shared_run
        """With ``NEWS_REDIS_URL``: this worker's place in the run it shares (``crawler.crawl.frontier``)."""
        self.run_over = shared_run is None
        """False while other workers of a shared run go on: the run's shared keys stay."""
        self._loaded: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        check_extension_order(crawler)
        settings = crawler.settings
        path = settings.get("NEWS_STATE_PATH")  # empty: no state (the project's default names one)
        shared_run = None
        if uses_redis(settings):  # a worker of a run shared over Redis: the state is there, not at ``path``
            from crawler.crawl.redisstores import join_run  # noqa: PLC0415 - the redis client only if used

            shared_run = join_run(crawler)
        kept = kept_index(settings, run_id(crawler), shared_run)
        try:
            state = open_state(crawler, path, shared_run, kept) if path or shared_run else None
        except BaseException:
            kept.close(run_over=shared_run is None)
            if shared_run is not None:
                shared_run.stop_heartbeat()
            raise
        knowledge = cls(
            kept=kept,
            shared_run=shared_run,
            state=state,
            site_lines=site_boilerplate(settings),
            stats=crawler.stats,
            appended=appended_outputs(settings.getdict("FEEDS")),
            crawler=crawler,
        )
        if state is not None:
            try:
                refuse_overwrites(knowledge.holds_written_articles, crawler)
            except OutputWouldLoseArticles:
                knowledge.close()
                raise
            crawler.stats.set_value("news/run_id", state.run_id)
            crawler.signals.connect(knowledge.spider_opened, signal=signals.spider_opened)
            crawler.signals.connect(knowledge.item_scraped, signal=signals.item_scraped)
            crawler.signals.connect(knowledge.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(knowledge.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(knowledge.engine_stopped, signal=signals.engine_stopped)
        return knowledge

    @classmethod
    def required(cls, crawler: Crawler, who: type | str) -> CrawlKnowledge:
        """The crawl's knowledge, for a component (``who``) that cannot work without it."""
        knowledge = crawler.get_extension(cls)
        if knowledge is None:
            name = who if isinstance(who, str) else f"{who.__module__}.{who.__qualname__}"
            raise KnowledgeConfigError(f"{name} needs the crawl knowledge: enable {EXTENSION} in EXTENSIONS")
        return knowledge

    def require_state(self) -> None:
        """``NotConfigured`` (the component is disabled) when the crawl has no state."""
        if self.state is None:
            raise NotConfigured("no crawl state (NEWS_STATE_PATH is empty)")

    @property
    def has_state(self) -> bool:
        return self.state is not None

    @property
    def full_recrawl(self) -> bool:
        """``NEWS_FULL_RECRAWL``: fetch everything unconditionally (still emit only new or changed articles)."""
        return self.state is not None and self.state.full

    # --- kept articles ------------------------------------------------------------------------------

    def load_appended_outputs(self) -> int:
        """Records already in the JSONL outputs this run appends to are kept: not written again, their URLs
        not requested (``news/resumed_records``). Once per run; returns how many."""
        if "appended" in self._loaded:
            return 0
        self._loaded.add("appended")
        total = 0
        for path in self.appended:
            count = 0
            with self.kept.batch():
                for article in read_articles(path):
                    self.kept.add(article)
                    count += 1
            if count:
                logger.info("Appending to %s: %d records already written there are not written again", path, count)
                if self.stats is not None:
                    self.stats.inc_value("news/resumed_records", count)
            total += count
        return total

    def load_earlier_runs(self) -> None:
        """Texts written by earlier runs (the state) are kept: their copies are content or near duplicates.
        Once per run; nothing without a state."""
        if self.state is None or "earlier" in self._loaded:
            return
        self._loaded.add("earlier")
        with self.kept.batch():
            for canonical_url, content_hash, signature in self.state.store.iter_signatures():
                self.kept.add_previous(canonical_url, content_hash, signature)

    def knows_url(self, url: str) -> bool:
        """True when an article with this URL (or canonical URL) was written (this run, or an appended output)."""
        return self.kept.knows_url(url)

    def check_and_keep(
        self, article: Article, signature: array | None = None, claim: str | None = None
    ) -> tuple[str, str] | None:
        """``(kind, duplicate_of)`` when ``article`` duplicates a kept one, else keeps it and returns None.
        ``claim``: the shared frontier's lease of its page. Raises ``crawler.crawl.keptindex.KeptIndexError``
        when the index fails."""
        return self.kept.check_and_keep(article, signature, claim)

    # --- earlier runs (the state) -------------------------------------------------------------------

    def known_article(self, *urls: str | None) -> KnownArticle | None:
        """The written article a canonical or fetched URL belongs to (None: unknown, or no state)."""
        return self.state.store.find_article(*urls) if self.state is not None else None

    def written_this_run(self, article_key: str) -> bool:
        return self.state is not None and article_key in self.state.written_keys

    def earlier_copy(self, content_hash: str) -> str | None:
        """The canonical URL of an article an earlier run wrote with exactly this text (not this run's)."""
        if self.state is None:
            return None
        found = self.state.store.find_content(content_hash)
        if found is None or url_key(found) in self.state.written_keys:
            return None
        return found

    def seen_unchanged(
        self, page_url: str, article_key: str, etag: str | None, last_modified: str | None, when: str
    ) -> None:
        """A known article's page was fetched again with the same text: its validators and last fetch, and
        the article's ``last_seen``, move on."""
        if self.state is not None:
            self.state.store.record_page(page_url, article_key, etag, last_modified, when)
            self.state.store.touch(page_url, when)

    def remember_alias(self, alias_url: str, article_url: str, etag: str | None, last_modified: str | None) -> None:
        """``alias_url`` (an AMP copy) is another URL of the article whose canonical URL is ``article_url``:
        the state keeps it as a page of that article, with its own validators, so later runs ask for it
        conditionally and know it is no article of its own."""
        if self.state is not None:
            self.state.store.record_page(alias_url, url_key(article_url), etag, last_modified)

    def last_fetched(self, url: str) -> dt.datetime | None:
        """When a written article's page was last fetched (None: never, or no state)."""
        return self.state.store.last_fetched(url) if self.state is not None else None

    # --- validators ---------------------------------------------------------------------------------

    def validators(self, url: str) -> Validators | None:
        """The stored validators of an article page, feed or sitemap, to ask for it conditionally."""
        return self.state.store.page_validators(url) if self.state is not None else None

    def not_modified(self, url: str) -> None:
        """A conditional request was answered 304: the page was seen again, unchanged."""
        if self.state is not None:
            self.state.store.touch(url)

    def remember_feed(self, url: str, kind: str, etag: str | None, last_modified: str | None) -> None:
        """Validators of a feed or sitemap (``kind``), stored if the run finishes cleanly."""
        if self.state is not None:
            self.state.remember_feed(url, kind, etag, last_modified)

    def forget_feed(self, url: str) -> None:
        """Never ask for this feed or sitemap conditionally (a sitemap index: its sitemaps change alone)."""
        if self.state is not None:
            self.state.forget_feed(url)

    # --- pending records ----------------------------------------------------------------------------

    def expect(self, page_url: str, signature: array | None, source: str, page_hash: str | None = None) -> None:
        """A record is on its way to the output: once written, the state stores it with this text
        signature, source and page hash (its text's before site lines were stripped); dropped on the way,
        it is forgotten."""
        if self.state is not None:
            self.state.expect(page_url, signature, source, page_hash)

    # --- per-source health (crawler.crawl.health) ---------------------------------------------------

    def source_history(self, source: str, limit: int) -> list[SourceRun]:
        """The last ``limit`` recorded runs of ``source``, newest first (none without a state)."""
        return self.state.store.source_runs(source, limit) if self.state is not None else []

    def record_source_health(
        self, source: str, reason: str, metrics: dict[str, Any], health: dict[str, Any], files: dict[str, Any]
    ) -> None:
        """This run's metrics and health of ``source``, kept for the next runs' comparisons and the report."""
        if self.state is not None:
            run = SourceRun(self.state.run_id, source, utc_now(), reason, metrics, health, files)
            self.state.store.record_source_run(run)

    # --- signals (the first three are connected only with a state) ----------------------------------

    def spider_opened(self) -> None:
        assert self.state is not None and self.crawler is not None
        outputs = feed_outputs(self.crawler)
        self.state.journal(
            (path for path, feed_format in outputs if feed_format in JOURNAL_FORMATS),
            overwritten=overwritten_files(self.crawler.settings.getdict("FEEDS")),
        )

    def item_scraped(self, item: Any, response: Response) -> None:
        assert self.state is not None
        if not self.state.reached_output():
            return
        request = response.request
        redirects = request.meta.get("redirect_urls", []) if request is not None else []
        record = ItemAdapter(item)  # a read-only view: asdict() deep-copies every field
        self.kept.confirm(record.get("canonical_url") or record.get("url") or response.url)  # before the state
        kind, source = self.state.record(
            record,
            fetched_urls=[response.url, *redirects],
            etag=header_text(response.headers, b"ETag"),
            last_modified=header_text(response.headers, b"Last-Modified"),
            page_url=response.url,
            source=request.meta.get("news_source") if request is not None else None,
        )
        if self.stats is not None:
            self.stats.inc_value(f"news/emitted/{kind}")
            if source:
                self.stats.inc_value(f"news/source/{source}/emitted/{kind}")

    def holds_written_articles(self, path: Path, content_hashes: Iterable[str]) -> int:
        """How many of the records in output ``path`` (given by their content hashes) the state counts as
        written: those whose text it knows, or all of them when it journals ``path`` itself."""
        if self.state is None:
            return 0
        store = self.state.store
        hashes = list(content_hashes)
        count = sum(1 for content_hash in hashes if store.find_content(content_hash) is not None)
        if not count and store.has_output(path):
            count = len(hashes)
        return count

    def store_summary(self, run_id: str, reason: str, summary: dict[str, Any]) -> None:
        """Keep the run's summary with the run in the state (after ``spider_closed`` finished the run)."""
        if self.state is not None:
            self.state.store.finish_run(run_id, reason, summary)

    def item_dropped(self, item: Any) -> None:
        """``item`` is what the spider yielded (a ``PageItem``), dropped by a pipeline after ``expect``."""
        url = getattr(item, "url", None)
        if url is not None and self.state is not None:
            self.state.forget(url)

    def spider_closed(self, reason: str) -> None:
        self.site_lines.save()
        if self.state is not None:
            self.state.finish(reason)

    def engine_stopped(self) -> None:
        self.close()

    def conclude_shared_run(self, summary: dict[str, Any], reason: str) -> dict[str, dict[str, Any]] | None:
        """Leave the shared run with this worker's ``summary``: every worker's summaries when this was the
        last worker of a finished run (the run is over), else None (or when the run is not shared)."""
        if self.shared_run is None:
            return None
        summaries = self.shared_run.leave(summary, finished=reason == "finished")
        self.run_over = summaries is not None
        return summaries

    def close(self) -> None:
        """Let go of the kept index, the state and its lock (at the end of the run)."""
        if self.shared_run is not None:
            self.shared_run.stop_heartbeat()
        self.kept.close(run_over=self.run_over)
        if self.state is not None:
            self.state.close()


def site_boilerplate(settings: BaseSettings) -> SiteBoilerplate:
    """A new site boilerplate model with the ``NEWS_SITE_BOILERPLATE_*`` settings (missing: the defaults)."""
    return SiteBoilerplate(
        min_pages=get_int(settings, "NEWS_SITE_BOILERPLATE_MIN_PAGES"),
        min_share=get_float(settings, "NEWS_SITE_BOILERPLATE_MIN_SHARE"),
        max_strip_share=get_float(settings, "NEWS_SITE_BOILERPLATE_MAX_STRIP_SHARE"),
    )


def check_extension_order(crawler: Crawler) -> None:
    """``KnowledgeConfigError`` when ``EXTENSIONS`` runs the knowledge before the feed exporter: it would look
    for each record in the output before the record was written, and never take any in."""
    order = [
        name if isinstance(name, str) else f"{name.__module__}.{name.__qualname__}"
        for name in build_component_list(crawler.settings.getwithbase("EXTENSIONS"))
    ]
    if EXTENSION in order and FEED_EXPORTER in order and order.index(EXTENSION) < order.index(FEED_EXPORTER):
        raise KnowledgeConfigError(
            f"EXTENSIONS: {EXTENSION} must come after {FEED_EXPORTER} (a higher number): "
            "it takes records into the crawl state once the feed has written them"
        )
