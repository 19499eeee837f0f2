"""Deduplicate pipeline: keep the first record of each article, count and log the rest.

Three kinds of duplicate, each counted as ``news/duplicates/<kind>``:

* ``url``: the canonical URL (or fetched URL) was emitted already (the same article under two URLs);
* ``content``: the same ``content_hash`` (identical normalised text);
* ``near``: nearly the same text, such as a wire story republished with a different intro or footer.
  Texts are compared by Jaccard similarity of their word 5-shingles, estimated by MinHash
  (``crawler.crawl.minhash``; the extract workers compute the signatures).

This is the last pipeline: it hands the bare ``Article`` to the feed exporter. A dropped duplicate's
log line and ``DropItem`` message give ``duplicate_of`` (the URL of the kept record).

When the index's temporary database fails (``TMPDIR`` full, an I/O error), the article is written
unchecked rather than lost, counted as ``news/duplicates/unchecked`` with a warning naming it.

A run that appends to an existing JSONL output (``-o``, and resumed ``JOBDIR`` runs) starts by reading
that output, so nothing written before is written again, and the spider skips those URLs.
"""
from __future__ import annotations

import json
import logging
import sqlite3
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem

from crawler.items import Article
from crawler.crawl.keptindex import KeptIndex
from crawler.crawl.minhash import signature
from crawler.crawl.pages import ExtractedPage
from crawler.crawl.urlkeys import url_key

if TYPE_CHECKING:
    from collections.abc import Iterable
    from contextlib import AbstractContextManager
    from typing_extensions import Self
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class DuplicateIndex:
    """What has been kept so far (URL keys, content hashes, text sketches), kept on disk by
    ``crawler.crawl.keptindex.KeptIndex``: the crawl's memory does not grow with the articles it has kept."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.kept = KeptIndex()

    def close(self) -> None:
        self.kept.close()

    def find(self, article: Article, sig: array | None = None) -> tuple[str, str] | None:
        """``(kind, duplicate_of)`` when the article is a duplicate of a kept one, else None.

        A text matching an earlier version of the same article (``add_previous``) is not a duplicate.
        """
        for url in (article.canonical_url, article.url):
            if url:
                found = self.kept.url_owner(url_key(url))
                if found is not None:
                    return "url", found
        own = url_key(article.canonical_url or article.url or "")
        if article.content_hash:
            found = self.kept.content_owner(_hash_key(article.content_hash))
            if found is not None and url_key(found) != own:
                return "content", found
        if self.threshold < 1.0 and article.text:
            sig = sig if sig is not None else signature(article.text)
            found = self.kept.near_owner(sig, self.threshold)
            if found is not None and url_key(found) != own:
                return "near", found
        return None

    def batch(self) -> AbstractContextManager[None]:
        """Many additions in one transaction (seeding from an output file or the crawl state)."""
        return self.kept.batch()

    def add(self, article: Article, sig: array | None = None) -> None:
        if self.threshold < 1.0 and article.text and sig is None:
            sig = signature(article.text)
        urls = [u for u in (article.canonical_url, article.url) if u]
        self._keep(article.canonical_url or article.url or "", article.content_hash, sig if article.text else None, urls)

    def knows_url(self, url: str) -> bool:
        return self.kept.url_owner(url_key(url)) is not None

    def add_previous(self, canonical_url: str, content_hash: str, sig: array | None) -> None:
        """An article written by an earlier run (crawl state): its text, not its URL (it may be updated)."""
        if content_hash or (self.threshold < 1.0 and sig is not None):
            self._keep(canonical_url, content_hash, sig, ())

    def _keep(self, url: str, content_hash: str | None, sig: array | None, urls: Iterable[str]) -> None:
        """Store a kept article under ``url``, indexed by ``urls``, its content hash and its signature."""
        near = sig if self.threshold < 1.0 else None
        with self.kept.batch():
            index = self.kept.keep(url, near)
            for each in dict.fromkeys(urls):
                self.kept.add_url(url_key(each), index)
            if content_hash:
                self.kept.add_hash(_hash_key(content_hash), index)
            if near is not None:
                self.kept.add_bands(near, index)


def _hash_key(content_hash: str) -> int:
    return int(content_hash[:16], 16)


class DeduplicatePipeline:
    def __init__(
        self, stats: StatsCollector | None, threshold: float = 0.8, seed_files: Iterable[Path] = ()
    ) -> None:
        self.stats = stats
        self.index = DuplicateIndex(threshold)
        self.seed_files = list(seed_files)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(
            crawler.stats,
            threshold=crawler.settings.getfloat("NEWS_NEAR_DUPLICATE_THRESHOLD", 0.8),
            seed_files=appended_outputs(crawler.settings.getdict("FEEDS")),
        )

    def open_spider(self) -> None:
        for path in self.seed_files:
            count = 0
            with self.index.batch():
                for article in read_records(path):
                    self.index.add(article)
                    count += 1
            if count:
                logger.info("Appending to %s: %d records already written there are not written again", path, count)
                if self.stats is not None:
                    self.stats.inc_value("news/resumed_records", count)

    def close_spider(self) -> None:
        self.index.close()

    def knows_url(self, url: str) -> bool:
        """True when an article with this URL (or canonical URL) has been written."""
        return self.index.knows_url(url)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ExtractedPage) or item.article is None:
            return item
        article = item.article
        try:
            found = self.index.find(article, item.signature)
            if found is None:
                self.index.add(article, item.signature)
        except sqlite3.Error as exc:
            return self._unchecked(item, exc)
        if found is not None:
            kind, duplicate_of = found
            if self.stats is not None:
                self.stats.inc_value(f"news/duplicates/{kind}")
                self.stats.inc_value(f"news/source/{item.page.source}/duplicates")
            raise DropItem(f"duplicate ({kind}): {article.url} duplicate_of={duplicate_of}")
        return self._written(item)

    def _written(self, item: ExtractedPage) -> Article:
        if self.stats is not None:
            self.stats.inc_value("news/articles")
            self.stats.inc_value(f"news/source/{item.page.source}/articles")
        return item.article

    def _unchecked(self, item: ExtractedPage, error: sqlite3.Error) -> Article:
        """The index failed: write the article anyway (a possible duplicate beats a lost article)."""
        logger.warning("Duplicate index failed on %s (%s: %s); writing it unchecked", item.article.url,
                       type(error).__name__, error)
        if self.stats is not None:
            self.stats.inc_value("news/duplicates/unchecked")
        return self._written(item)


def appended_outputs(feeds: dict[str, Any]) -> list[Path]:
    """Local JSONL feed files this run appends to (not overwritten, no URI template), that exist."""
    paths = []
    for uri, options in feeds.items():
        options = options or {}
        if options.get("overwrite") or options.get("format") not in ("jsonlines", "jsonl") or "%(" in uri:
            continue
        path = Path(uri[len("file://"):] if uri.startswith("file://") else uri)
        if "://" not in uri[:10] or uri.startswith("file://"):
            if path.is_file():
                paths.append(path)
    return paths


def read_records(path: Path) -> Iterable[Article]:
    """The articles of a JSONL file, skipping lines that do not parse (a torn last line)."""
    fields = set(Article.__dataclass_fields__)
    with path.open("rb") as lines:
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                yield Article(**{key: value for key, value in record.items() if key in fields})
