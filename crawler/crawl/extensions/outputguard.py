"""Refuse ``-O FILE`` when FILE holds articles the crawl state counts as written.

With a crawl state every run emits only what is new or changed: the articles of earlier runs live in
their output files and nowhere else. Overwriting such a file (``crawler crawl ... -O FILE`` or
``scrapy crawl news ... -O FILE`` run twice) would delete them for good, since the state will never
emit them again. The rule, in one line (also the error message)::

    -O never replaces a file holding articles the crawl state counts as written

Built after ``CrawlState`` (which holds the run lock and has taken in what a killed run left), before
the feed exporter writes anything (it opens a file with its first record): the crawl does not start.
``crawler crawl`` exits 2 (usage error); ``scrapy crawl`` logs the line and exits 1
(``crawler.crawl.refusal``: without asyncio's traceback). Not configured
without a state (``NEWS_STATE_PATH=``): then every run writes everything again, and ``-O`` loses nothing.

Only plain file paths are checked: a feed URI with ``%(...)s`` parameters names a new file per run.
"""
from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import NotConfigured

from crawler.crawl.refusal import RefusedToStart, refuse

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

RULE = "-O never replaces a file holding articles the crawl state counts as written"


class OutputWouldLoseArticles(RefusedToStart):
    """``-O`` names a file holding articles the state counts as written; the message says what to do."""


def overwritten_files(feeds: dict[str, dict[str, Any]]) -> list[Path]:
    """Local, non-templated feed files that the feed exporter would truncate (``overwrite``)."""
    paths = []
    for uri, options in feeds.items():
        uri = str(uri)
        if not (options or {}).get("overwrite") or "%(" in uri:
            continue
        if uri.startswith("file://"):
            uri = uri[len("file://"):]
        elif "://" in uri:
            continue
        paths.append(Path(uri))
    return paths


def _records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("rb") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                yield record


def written_articles(path: Path, state: Path) -> int:
    """How many records of ``path`` the state counts as written (0 if the state has none of them).

    The state is read, never changed: a read-only connection, outside the state's own code, so that
    the check works whatever the state is doing.
    """
    if not path.is_file() or path.stat().st_size == 0 or not state.is_file():
        return 0
    try:
        db = sqlite3.connect(f"{state.resolve().as_uri()}?mode=ro", uri=True)  # as_uri escapes ? and #
    except sqlite3.Error:
        return 0
    try:
        registered = db.execute(
            "SELECT committed FROM outputs WHERE path = ?", (str(path.resolve()),)
        ).fetchone()
        count = 0
        for record in _records(path):
            content_hash = record.get("content_hash")
            if isinstance(content_hash, str) and db.execute(
                "SELECT 1 FROM articles WHERE content_hash = ? LIMIT 1", (content_hash,)
            ).fetchone():
                count += 1
        if not count and registered is not None:  # the state journals this file: its records are the state's
            count = sum(1 for _ in _records(path))
        return count
    except sqlite3.Error:  # not a state the crawl could use either: CrawlState has said so
        return 0
    finally:
        db.close()


def refusal(path: Path, count: int, state: str) -> str:
    return (
        f"{RULE}: {path} holds {count} article(s) that the state {state} will not write again; "
        f"append with -o {path}, or give no -o/-O for a new file per run (move the file away to start afresh)"
    )


class OutputGuard:
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OutputGuard:
        state = crawler.settings.get("NEWS_STATE_PATH")
        if not state:
            raise NotConfigured("no crawl state: -O loses nothing")
        for path in overwritten_files(crawler.settings.getdict("FEEDS")):
            count = written_articles(path, Path(state))
            if count:
                crawler.stats.set_value("news/output_refused", 1)
                raise refuse(logger, OutputWouldLoseArticles(refusal(path, count, state)))
        return cls()
