"""The crawl state: an SQLite file that remembers, between runs, what was written and how to ask again.

Per article (key: the canonical URL's identity, ``url_key``): content hash, version, first and last
seen, the MinHash signature of its text (near-duplicates across runs). Per fetched page URL: the
article it belongs to, its ``ETag`` / ``Last-Modified``, when it was last fetched. Per feed and
sitemap: its validators. Per output file: how much of it the state has taken in (``committed``);
the JSONL outputs are the state's write-ahead log, so a run that dies between writing a line and
committing the state loses nothing: the next run replays the tail (``reconcile``).

The file itself (tables, migrations, safe opening) is ``crawler.crawl.state.schema``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sqlite3
from array import array
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from crawler.crawl.state.backend import KnownArticle, SiteLinesRow, SourceRun, Validators, utc_now
from crawler.crawl.state.journal import unjournaled
from crawler.crawl.state.schema import open_database
from crawler.crawl.urlkeys import url_key

logger = logging.getLogger(__name__)

def open_state(path: str | os.PathLike[str]) -> StateStore:
    """Open (creating or migrating) the state at ``path``; raises ``StateError`` when it cannot be used."""
    path = Path(path)
    return StateStore(open_database(path), path)


class StateStore:
    """The SQLite ``StateBackend``: reads and writes of the state. Writes join one open transaction until
    ``commit()``."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.db = connection
        self.path = path
        self.pending = 0
        """Writes since the last commit."""
        self._output_names: dict[Path, str] = {}
        """Registered outputs' resolved paths (resolving costs a system call per path component)."""

    def close(self) -> None:
        self.commit()
        self.db.close()

    def _write(self, sql: str, params: Iterable[Any]) -> None:
        if not self.db.in_transaction:
            self.db.execute("BEGIN")
        self.db.execute(sql, tuple(params))
        self.pending += 1

    def commit(self) -> None:
        if self.db.in_transaction:
            self.db.execute("COMMIT")
        self.pending = 0

    # --- articles ---------------------------------------------------------------------------

    def find_article(self, *urls: str | None) -> KnownArticle | None:
        """The article a canonical or fetched URL belongs to, if any of them was written before."""
        keys = [url_key(url) for url in urls if url]
        for key in keys:
            row = self.db.execute(
                "SELECT key, canonical_url, content_hash, version, first_seen, last_seen, page_hash FROM articles "
                "WHERE key = ?",
                (key,),
            ).fetchone()
            if row is None:
                row = self.db.execute(
                    "SELECT a.key, a.canonical_url, a.content_hash, a.version, a.first_seen, a.last_seen, a.page_hash "
                    "FROM pages p JOIN articles a ON a.key = p.article WHERE p.key = ?",
                    (key,),
                ).fetchone()
            if row is not None:
                return KnownArticle(*row)
        return None

    def find_content(self, content_hash: str) -> str | None:
        """The canonical URL of a written article with exactly this content hash."""
        row = self.db.execute(
            "SELECT canonical_url FROM articles WHERE content_hash = ? LIMIT 1", (content_hash,)
        ).fetchone()
        return row[0] if row else None

    def iter_signatures(self) -> Iterator[tuple[str, str, array | None]]:
        """``(canonical_url, content_hash, signature)`` of every written article."""
        for canonical_url, content_hash, blob in self.db.execute(
            "SELECT canonical_url, content_hash, signature FROM articles"
        ):
            signature = None
            if blob:
                signature = array("Q")
                signature.frombytes(blob)
            yield canonical_url, content_hash, signature

    def record_article(
        self,
        record: Mapping[str, Any],
        *,
        fetched_urls: Iterable[str | None] = (),
        etag: str | None = None,
        last_modified: str | None = None,
        source: str | None = None,
        signature: array | None = None,
        page_hash: str | None = None,
    ) -> str:
        """Remember a written record (its own ``version``, ``first_seen``, ``last_seen``); returns its key."""
        canonical = record.get("canonical_url") or record.get("url") or ""
        key = url_key(canonical)
        now = record.get("last_seen") or utc_now()
        self._write(
            "INSERT INTO articles (key, canonical_url, content_hash, version, first_seen, last_seen, source, signature, "
            "page_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
            "page_hash = CASE WHEN excluded.page_hash IS NOT NULL THEN excluded.page_hash "
            "WHEN excluded.content_hash = articles.content_hash THEN articles.page_hash END, "
            "canonical_url = excluded.canonical_url, "
            "content_hash = excluded.content_hash, version = max(articles.version, excluded.version), "
            "first_seen = min(articles.first_seen, excluded.first_seen), last_seen = excluded.last_seen, "
            "source = coalesce(excluded.source, articles.source), "
            "signature = coalesce(excluded.signature, articles.signature)",
            (
                key,
                canonical,
                record.get("content_hash") or "",
                int(record.get("version") or 1),
                record.get("first_seen") or now,
                now,
                source,
                signature.tobytes() if signature is not None else None,
                page_hash,
            ),
        )
        urls = [record.get("url"), *fetched_urls]
        first = True
        for url in dict.fromkeys(u for u in urls if u):
            self.record_page(url, key, etag if first else None, last_modified if first else None, now)
            first = False
        return key

    def record_page(
        self,
        url: str,
        article: str | None,
        etag: str | None,
        last_modified: str | None,
        when: str | None = None,
    ) -> None:
        """Remember a fetch of an article page (validators only replace older ones when given)."""
        self._write(
            "INSERT INTO pages (key, url, article, etag, last_modified, last_fetched) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET article = coalesce(excluded.article, pages.article), "
            "etag = CASE WHEN excluded.etag IS NULL AND excluded.last_modified IS NULL THEN pages.etag "
            "ELSE excluded.etag END, "
            "last_modified = CASE WHEN excluded.etag IS NULL AND excluded.last_modified IS NULL "
            "THEN pages.last_modified ELSE excluded.last_modified END, "
            "last_fetched = excluded.last_fetched",
            (url_key(url), url, article, etag, last_modified, when or utc_now()),
        )

    def touch(self, url: str, when: str | None = None) -> None:
        """A known page was fetched again and found unchanged (304, or the same content)."""
        when = when or utc_now()
        self._write("UPDATE pages SET last_fetched = ? WHERE key = ?", (when, url_key(url)))
        self._write(
            "UPDATE articles SET last_seen = ? WHERE key = (SELECT article FROM pages WHERE key = ?)",
            (when, url_key(url)),
        )

    def page_validators(self, url: str) -> Validators | None:
        """Validators of an article page, or of a feed or sitemap, to ask for it conditionally."""
        row = self.db.execute(
            "SELECT etag, last_modified, last_fetched FROM pages WHERE key = ?", (url_key(url),)
        ).fetchone()
        if row is None:
            row = self.db.execute(
                "SELECT etag, last_modified, last_fetched FROM validators WHERE url = ?", (url,)
            ).fetchone()
        return Validators(*row) if row else None

    def last_fetched(self, url: str) -> dt.datetime | None:
        """When a known article page was last fetched (None: never, or not an article we wrote)."""
        row = self.db.execute(
            "SELECT p.last_fetched FROM pages p WHERE p.key = ? AND p.article IS NOT NULL", (url_key(url),)
        ).fetchone()
        return dt.datetime.fromisoformat(row[0]) if row else None

    def set_validators(self, url: str, kind: str, etag: str | None, last_modified: str | None) -> None:
        """Remember a feed's or sitemap's validators (call only once its entries were all handled)."""
        self._write(
            "INSERT INTO validators (url, kind, etag, last_modified, last_fetched) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET kind = excluded.kind, etag = excluded.etag, "
            "last_modified = excluded.last_modified, last_fetched = excluded.last_fetched",
            (url, kind, etag, last_modified, utc_now()),
        )

    def forget_validators(self, url: str) -> None:
        self._write("DELETE FROM validators WHERE url = ?", (url,))

    # --- site boilerplate -------------------------------------------------------------------------

    def load_site_lines(self, site: str) -> tuple[float, dict[int, float]] | None:
        """``(pages seen, {line key: pages it was on})`` learned for ``site``, or None."""
        row = self.db.execute("SELECT pages FROM sites WHERE site = ?", (site,)).fetchone()
        if row is None:
            return None
        rows = self.db.execute("SELECT line, pages FROM site_lines WHERE site = ?", (site,))
        return row[0], dict(rows)

    def add_site_lines(self, sites: Iterable[SiteLinesRow]) -> None:
        """Add what was learned of these sites (not counted in ``pending``: saved once, at the end)."""
        began = not self.db.in_transaction  # else the state's own transaction carries the writes
        if began:
            self.db.execute("BEGIN")
        for site, scale, pages, lines in sites:
            if scale != 1.0:
                self.db.execute("UPDATE site_lines SET pages = pages * ? WHERE site = ?", (scale, site))
                self.db.execute("UPDATE sites SET pages = pages * ? WHERE site = ?", (scale, site))
            self.db.executemany(
                "INSERT INTO site_lines (site, line, pages) VALUES (?, ?, ?) "
                "ON CONFLICT (site, line) DO UPDATE SET pages = pages + excluded.pages",
                ((site, key, count) for key, count in lines.items()),
            )
            self.db.execute("DELETE FROM site_lines WHERE site = ? AND pages < 2", (site,))
            self.db.execute(
                "INSERT INTO sites (site, pages) VALUES (?, ?) ON CONFLICT (site) DO UPDATE SET pages = pages + excluded.pages",
                (site, pages),
            )
        if began:
            self.db.execute("COMMIT")

    # --- output journal and runs ------------------------------------------------------------

    def register_output(self, path: Path, run_id: str, offset: int | None = None) -> None:
        """Start journaling an output file from ``offset`` (default: its current end)."""
        size = offset if offset is not None else path.stat().st_size if path.is_file() else 0
        name = self._output_names[path] = str(path.resolve())
        self._write(
            "INSERT INTO outputs (path, run_id, committed) VALUES (?, ?, ?) ON CONFLICT (path) DO UPDATE "
            "SET run_id = excluded.run_id, committed = excluded.committed",
            (name, run_id, size),
        )

    def has_output(self, path: Path) -> bool:
        row = self.db.execute("SELECT 1 FROM outputs WHERE path = ?", (str(path.resolve()),)).fetchone()
        return row is not None

    def output_committed(self, path: Path, offset: int) -> None:
        name = self._output_names.get(path) or str(path.resolve())
        self._write("UPDATE outputs SET committed = ? WHERE path = ?", (offset, name))

    def reconcile(self) -> int:
        """Take in records that earlier runs wrote but did not commit (they were killed); returns how many."""
        taken = 0
        for path_text, committed in self.db.execute("SELECT path, committed FROM outputs").fetchall():
            path = Path(path_text)
            tail = unjournaled(path, committed)
            if tail is None or tail[1] == committed:
                continue
            for record in tail[0]:
                self.record_article(record)
                taken += 1
            self.output_committed(path, tail[1])
        self.commit()
        if taken:
            logger.warning("Crawl state: took in %d records written by a run that did not finish", taken)
        return taken

    def start_run(self, run_id: str) -> None:
        self._write("INSERT OR REPLACE INTO runs (run_id, started) VALUES (?, ?)", (run_id, utc_now()))
        self.commit()

    def finish_run(self, run_id: str, reason: str, summary: dict[str, Any] | None = None) -> None:
        self._write(
            "UPDATE runs SET finished = ?, finish_reason = ?, summary = ? WHERE run_id = ?",
            (utc_now(), reason, json.dumps(summary, sort_keys=True) if summary is not None else None, run_id),
        )
        self.commit()

    # --- per-source health --------------------------------------------------------------------

    def record_source_run(self, run: SourceRun) -> None:
        """Remember one source's metrics and health for a run (replacing that run's earlier row)."""
        self._write(
            "INSERT OR REPLACE INTO source_runs (run_id, source, finished, finish_reason, metrics, health, files) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                run.run_id,
                run.source,
                run.finished,
                run.finish_reason,
                json.dumps(run.metrics, sort_keys=True),
                json.dumps(run.health, sort_keys=True),
                json.dumps(run.files, sort_keys=True),
            ),
        )

    def source_runs(self, source: str, limit: int) -> list[SourceRun]:
        """The last ``limit`` recorded runs of ``source``, newest first."""
        rows = self.db.execute(
            "SELECT run_id, source, finished, finish_reason, metrics, health, files FROM source_runs "
            "WHERE source = ? ORDER BY rowid DESC LIMIT ?",  # rowid: the order rows were recorded in
            (source, max(0, limit)),
        )
        return [
            SourceRun(run_id, name, finished, reason, json.loads(metrics), json.loads(health), json.loads(files))
            for run_id, name, finished, reason, metrics, health, files in rows
        ]

    def health_sources(self) -> list[str]:
        """Every source with a recorded run, sorted."""
        return [row[0] for row in self.db.execute("SELECT DISTINCT source FROM source_runs ORDER BY source")]

    def counts(self) -> dict[str, int]:
        return {
            table: self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
            for table in ("articles", "pages", "validators", "outputs", "runs")
        }
