"""The crawl state during one run (``StateRun``): the run lock, the state opened and reconciled, and the
state updated only for records that reached the output.

Order of events for one article (the JSONL output is the state's write-ahead log):

1. the feed exporter writes the record's line (``item_scraped``, connected before the crawl knowledge's:
   ``EXTENSIONS`` builds ``FeedExporter`` first), unbuffered, one ``write`` per line;
2. ``reached_output`` sees the output file has grown, and ``record`` stores the article (hash, version,
   first/last seen, validators, text signature) and the output's new end offset in the open
   transaction, committed every ``commit_items`` records and at the end.

A run killed between 1 and 2 leaves lines after the committed offset; the next run takes them in
(``StateBackend.reconcile``) before it requests anything, so nothing is lost and nothing emitted twice.

Feed and sitemap validators are kept in memory and stored only when the run finishes cleanly: a
killed run must not make the next one skip a feed (304) whose entries it never handled.
"""

from __future__ import annotations

import logging
import os
from array import array
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from crawler.crawl.minhash import HashSet
from crawler.crawl.state.backend import StateBackend
from crawler.crawl.state.lock import RunLock
from crawler.crawl.state.store import open_state

logger = logging.getLogger(__name__)


class StateRun:
    def __init__(
        self, store: StateBackend, lock: RunLock | None, run_id: str, full: bool, commit_items: int
    ) -> None:
        self.store = store
        self.lock = lock
        self.run_id = run_id
        self.full = full
        """``NEWS_FULL_RECRAWL``: fetch everything unconditionally (still emit only new or changed)."""
        self.commit_items = max(1, commit_items)
        self.journals: dict[Path, int] = {}
        """Local JSONL outputs of this run and their size after the last record taken in."""
        self.pending: dict[str, tuple[array | None, str, str | None]] = {}
        """``page URL -> (signature, source, page hash)`` of records on their way to the output."""
        self.feed_validators: dict[str, tuple[str, str | None, str | None]] = {}
        self.written_keys = HashSet()
        """Keys of the articles written by this run: duplicates among them are the kept index's business."""

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], run_id: str, *, full: bool = False, commit_items: int = 50
    ) -> StateRun:
        """Take the run lock of the state at ``path``, open it, take in what a killed run left, and start
        the run. Raises ``StateLocked`` (another run holds the lock) or ``StateError`` (unusable file)."""
        return cls.start(RunLock(path), lambda: open_state(path), run_id, full=full, commit_items=commit_items)

    @classmethod
    def start(
        cls, lock: RunLock | None, opener: Callable[[], StateBackend], run_id: str, *, full: bool,
        commit_items: int,
    ) -> StateRun:
        """Take ``lock``, open the state (``opener``), take in what a killed run left, and start the run.
        No lock: the workers of a shared run (``crawler.crawl.frontier``) share it on purpose."""
        if lock is not None:
            lock.acquire()
        try:
            store = opener()
            store.reconcile()
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        store.start_run(run_id)
        return cls(store, lock, run_id, full=full, commit_items=commit_items)

    def journal(self, outputs: Iterable[Path], overwritten: Iterable[Path] = ()) -> None:
        """The run's local JSONL outputs: records are taken in as they grow (none: commit every record).

        An ``overwritten`` output (``-O``) is journaled from 0: the feed exporter empties it when it writes
        its first record, so its old size says nothing about what this run wrote."""
        fresh = {path.resolve() for path in overwritten}
        for path in outputs:
            start = 0 if path.resolve() in fresh else _size(path)
            self.journals[path] = start
            self.store.register_output(path, self.run_id, start)
        self.store.commit()
        if not self.journals:
            logger.info("No local JSONL output: the crawl state is committed after every record")

    def reached_output(self) -> bool:
        """True when the record the feed exporter was just handed reached an output: one of the journals
        grew (or there is none)."""
        if not self.journals:
            return True
        grew = False
        for path, size in self.journals.items():
            now = _size(path)
            if now > size:
                self.journals[path] = now
                grew = True
        return grew

    def record(
        self,
        record: Mapping[str, Any],
        *,
        fetched_urls: list[str],
        etag: str | None,
        last_modified: str | None,
        page_url: str,
        source: str | None,
    ) -> tuple[str, str | None]:
        """Take in a record that ``reached_output``: ``(kind, source)``, kind ``new`` or ``updated``.
        ``source``: the request's, unless ``expect`` gave one."""
        signature, expected_source, page_hash = self.pending.pop(page_url, (None, None, None))
        source = expected_source or source
        key = self.store.record_article(
            record,
            fetched_urls=fetched_urls,
            etag=etag,
            last_modified=last_modified,
            source=source,
            signature=signature,
            page_hash=page_hash,
        )
        self.written_keys.add(key)
        for path, size in self.journals.items():
            self.store.output_committed(path, size)
        if not self.journals or self.store.pending >= self.commit_items:
            self.store.commit()
        return ("new" if int(record.get("version") or 1) == 1 else "updated"), source

    def expect(self, page_url: str, signature: array | None, source: str, page_hash: str | None = None) -> None:
        """A record on its way to the output: its text signature, source and page hash are stored when it is
        written."""
        self.pending[page_url] = (signature, source, page_hash)

    def forget(self, page_url: str) -> None:
        """The record ``expect`` announced was dropped on its way."""
        self.pending.pop(page_url, None)

    def forget_feed(self, url: str) -> None:
        self.feed_validators.pop(url, None)
        self.store.forget_validators(url)

    def remember_feed(self, url: str, kind: str, etag: str | None, last_modified: str | None) -> None:
        if etag or last_modified:
            self.feed_validators[url] = (kind, etag, last_modified)

    def finish(self, reason: str) -> None:
        """The run ended: feed validators are stored if it finished cleanly, and the run is committed."""
        if reason == "finished":
            for url, (kind, etag, last_modified) in self.feed_validators.items():
                self.store.set_validators(url, kind, etag, last_modified)
        self.store.finish_run(self.run_id, reason)

    def close(self) -> None:
        self.store.close()
        if self.lock is not None:
            self.lock.release()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
