"""The ``CrawlState`` extension: holds the run lock and the state store for one run, and updates the state
only for records that reached the output.

Order of events for one article (the JSONL output is the state's write-ahead log):

1. the feed exporter writes the record's line (``item_scraped``, connected before ours: Scrapy builds
   ``FeedExporter`` first), unbuffered, one ``write`` per line;
2. our ``item_scraped`` handler sees the output file has grown, records the article (hash, version,
   first/last seen, validators, text signature) and the output's new end offset in the open
   transaction, committed every ``NEWS_STATE_COMMIT_ITEMS`` records and at the end.

A run killed between 1 and 2 leaves lines after the committed offset; the next run takes them in
(``StateStore.reconcile``) before it requests anything, so nothing is lost and nothing emitted twice.

Feed and sitemap validators are kept in memory and stored only when the run finishes cleanly: a
killed run must not make the next one skip a feed (304) whose entries it never handled.
"""

from __future__ import annotations

import logging
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.crawl.headers import header_text
from crawler.crawl.minhash import HashSet

from crawler.crawl.state.lock import RunLock, StateLocked
from crawler.crawl.state.naming import feed_outputs, run_id
from crawler.crawl.state.store import StateError, StateStore, open_state

if TYPE_CHECKING:
    from typing_extensions import Self
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

JOURNAL_FORMATS = ("jsonlines", "jsonl")


class CrawlState:
    def __init__(
        self, crawler: Crawler, store: StateStore, lock: RunLock, full: bool, commit_items: int
    ) -> None:
        self.crawler = crawler
        self.store = store
        self.lock = lock
        self.full = full
        """``NEWS_FULL_RECRAWL``: fetch everything unconditionally (still emit only new or changed)."""
        self.commit_items = max(1, commit_items)
        self.run_id = run_id(crawler)
        self.journals: dict[Path, int] = {}
        """Local JSONL outputs of this run and their size after the last record taken in."""
        self.pending: dict[str, tuple[array | None, str]] = {}
        """``page URL -> (signature, source)``, set by the changes pipeline for records on their way out."""
        self.feed_validators: dict[str, tuple[str, str | None, str | None]] = {}
        self.written_keys = HashSet()
        """Articles written by this run: duplicates among them are the deduplicate pipeline's business."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        path = settings.get("NEWS_STATE_PATH")
        if not path:
            raise NotConfigured("NEWS_STATE_PATH is empty: no crawl state")
        lock = RunLock(path)
        try:
            lock.acquire()
        except StateLocked as exc:
            logger.error("%s", exc)
            crawler.stats.set_value("news/state/locked", 1)
            raise
        try:
            store = open_state(path)
            store.reconcile()
        except StateError as exc:
            lock.release()
            logger.error("%s", exc)
            raise
        extension = cls(
            crawler,
            store,
            lock,
            full=settings.getbool("NEWS_FULL_RECRAWL"),
            commit_items=settings.getint("NEWS_STATE_COMMIT_ITEMS", 50),
        )
        store.start_run(extension.run_id)
        crawler.stats.set_value("news/run_id", extension.run_id)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    @classmethod
    def required(cls, crawler: Crawler) -> CrawlState:
        """The crawl's state, for components that need one: ``NotConfigured`` when there is none."""
        state = crawler.get_extension(cls)
        if state is None:
            raise NotConfigured("no crawl state (NEWS_STATE_PATH is empty)")
        return state

    # --- run --------------------------------------------------------------------------------

    def spider_opened(self) -> None:
        for path, feed_format in feed_outputs(self.crawler):
            if feed_format in JOURNAL_FORMATS:
                self.journals[path] = _size(path)
                self.store.register_output(path, self.run_id)
        self.store.commit()
        if not self.journals:
            logger.info("No local JSONL output: the crawl state is committed after every record")

    def spider_closed(self, reason: str) -> None:
        if reason == "finished":
            for url, (kind, etag, last_modified) in self.feed_validators.items():
                self.store.set_validators(url, kind, etag, last_modified)
        self.store.finish_run(self.run_id, reason)

    def engine_stopped(self) -> None:
        self.store.close()
        self.lock.release()

    # --- records ----------------------------------------------------------------------------

    def item_scraped(self, item: Any, response: Response) -> None:
        if not self._written():
            return
        signature, source = self.pending.pop(response.url, (None, None))
        record = ItemAdapter(item)  # a read-only view: asdict() deep-copies every field
        request = response.request
        redirects = request.meta.get("redirect_urls", []) if request is not None else []
        source = source or (request.meta.get("news_source") if request is not None else None)
        key = self.store.record_article(
            record,
            fetched_urls=[response.url, *redirects],
            etag=header_text(response.headers, b"ETag"),
            last_modified=header_text(response.headers, b"Last-Modified"),
            source=source,
            signature=signature,
        )
        self.written_keys.add(key)
        kind = "new" if int(record.get("version") or 1) == 1 else "updated"
        stats = self.crawler.stats
        stats.inc_value(f"news/emitted/{kind}")
        if source:
            stats.inc_value(f"news/source/{source}/emitted/{kind}")
        for path, size in self.journals.items():
            self.store.output_committed(path, size)
        if not self.journals or self.store.pending >= self.commit_items:
            self.store.commit()

    def _written(self) -> bool:
        """True when the record reached an output: one of the journals grew (or there is none)."""
        if not self.journals:
            return True
        grew = False
        for path, size in self.journals.items():
            now = _size(path)
            if now > size:
                self.journals[path] = now
                grew = True
        return grew

    def item_dropped(self, item: Any) -> None:
        """``item`` is what the spider yielded (a ``PageItem``), dropped by a pipeline after the changes one."""
        url = getattr(item, "url", None)
        if url is not None:
            self.pending.pop(url, None)

    def forget_feed(self, url: str) -> None:
        """Never ask for this feed or sitemap conditionally (a sitemap index: its sitemaps change alone)."""
        self.feed_validators.pop(url, None)
        self.store.forget_validators(url)

    def remember_feed(self, url: str, kind: str, etag: str | None, last_modified: str | None) -> None:
        """Validators of a feed or sitemap, stored if the run finishes cleanly."""
        if etag or last_modified:
            self.feed_validators[url] = (kind, etag, last_modified)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
