"""The interface of the crawl's persistent state (``StateBackend``) and the records it answers with.

What outlives a run: written articles (key, content hash, version, first and last seen, text signature),
fetched pages and their validators, feed and sitemap validators, the site boilerplate learned, the output
files taken in (the JSONL outputs are the state's write-ahead log) and the runs. Keys of articles and
pages are ``crawler.crawl.urlkeys.url_key`` of their URL.

Implemented today by the SQLite ``crawler.crawl.state.store.StateStore`` (``open_state``). A state shared
by several crawl processes (a later Redis backend) implements the same methods; the rest of the crawl
reaches the state only through ``crawler.crawl.knowledge.CrawlKnowledge`` and this interface.
"""
from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol


def utc_now() -> str:
    """Now, as the state stores times: ISO 8601 in UTC, to the second."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class KnownArticle:
    """An article written by a run (this one or an earlier one)."""

    key: str
    canonical_url: str
    content_hash: str
    version: int
    first_seen: str
    last_seen: str
    page_hash: str | None = None
    """``content_hash`` of the page's text before learned site lines were stripped (None: unknown)."""


@dataclass(frozen=True)
class Validators:
    """How to ask for a page, feed or sitemap again conditionally."""

    etag: str | None
    last_modified: str | None
    last_fetched: str


@dataclass(frozen=True)
class SourceRun:
    """One run of one source, as the health checks measured it (``crawler.crawl.health``)."""

    run_id: str
    source: str
    finished: str
    finish_reason: str | None
    metrics: dict[str, Any]
    health: dict[str, Any]
    """``{"status": "ok" | "failing" | "baseline", "failed": [{"check", "value", "expected"}, ...]}``."""
    files: dict[str, Any]
    """``{"outputs": [...], "summary_files": [...]}`` of the run."""


SiteLinesRow = tuple[str, float, float, Mapping[int, float]]
"""``(site, scale, pages seen since, {line key: pages it was on since})``: what one process learned of a
site since it loaded it; ``scale`` (1, or a power of 1/2) is the decay it applied to what it loaded."""


class StateBackend(Protocol):
    """Reads and writes of the crawl state. Writes may wait for ``commit()``; reads see them at once."""

    pending: int
    """Writes since the last commit."""

    def commit(self) -> None: ...

    def close(self) -> None:
        """Commit and let go of the state."""

    # --- articles and pages -----------------------------------------------------------------------------

    def find_article(self, *urls: str | None) -> KnownArticle | None:
        """The article a canonical or fetched URL belongs to, if any of them was written before."""

    def find_content(self, content_hash: str) -> str | None:
        """The canonical URL of a written article with exactly this content hash."""

    def iter_signatures(self) -> Iterator[tuple[str, str, array | None]]:
        """``(canonical_url, content_hash, signature)`` of every written article."""

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
        """Remember a written record (its own ``version``, ``first_seen``, ``last_seen``); returns its key.
        ``page_hash``: its text's hash before site lines were stripped (None with a new content hash: unknown)."""

    def record_page(
        self, url: str, article: str | None, etag: str | None, last_modified: str | None, when: str | None = None
    ) -> None:
        """Remember a fetch of an article page (validators only replace older ones when given)."""

    def touch(self, url: str, when: str | None = None) -> None:
        """A known page was fetched again and found unchanged (304, or the same content)."""

    def last_fetched(self, url: str) -> dt.datetime | None:
        """When a known article page was last fetched (None: never, or not an article we wrote)."""

    # --- validators -------------------------------------------------------------------------------------

    def page_validators(self, url: str) -> Validators | None:
        """Validators of an article page, or of a feed or sitemap, to ask for it conditionally."""

    def set_validators(self, url: str, kind: str, etag: str | None, last_modified: str | None) -> None:
        """Remember a feed's or sitemap's validators (call only once its entries were all handled)."""

    def forget_validators(self, url: str) -> None: ...

    # --- site boilerplate (crawler.crawl.sitelines.SiteLinesStore) --------------------------------------

    def load_site_lines(self, site: str) -> tuple[float, dict[int, float]] | None:
        """``(pages seen, {line key: pages it was on})`` learned for ``site``, or None."""

    def add_site_lines(self, sites: Iterable[SiteLinesRow]) -> None:
        """Add what was learned of these sites: the stored counts times ``scale`` plus the new ones (so
        processes learning a site at once all count); lines left on fewer than 2 pages are dropped."""

    # --- output journal and runs ------------------------------------------------------------------------

    def register_output(self, path: Path, run_id: str, offset: int | None = None) -> None:
        """Start journaling an output file from ``offset`` (default: its current end; 0 for a file this run
        overwrites: the feed exporter empties it with its first record)."""

    def has_output(self, path: Path) -> bool:
        """True when ``path`` is an output this state journals (its records are the state's)."""
        ...

    def output_committed(self, path: Path, offset: int) -> None:
        """The state has taken in ``path`` up to ``offset``."""

    def reconcile(self) -> int:
        """Take in records that earlier runs wrote but did not commit (they were killed); returns how many."""

    def start_run(self, run_id: str) -> None: ...

    def finish_run(self, run_id: str, reason: str, summary: dict[str, Any] | None = None) -> None: ...

    # --- per-source health (crawler.crawl.health) -------------------------------------------------------

    def record_source_run(self, run: SourceRun) -> None:
        """Remember one source's metrics and health for a run (replacing that run's earlier row)."""

    def source_runs(self, source: str, limit: int) -> list[SourceRun]:
        """The last ``limit`` recorded runs of ``source``, newest first."""

    def health_sources(self) -> list[str]:
        """Every source with a recorded run, sorted."""
