"""What a crawl has kept so far, on disk: URL keys, content hashes and near-duplicate sketches.

``KeptArticles`` is the interface the crawl knowledge (``crawler.crawl.knowledge``) uses: for every
article, was an equal one kept already (``find``), and keep this one (``add``). ``DuplicateIndex``
implements it on ``KeptIndex``, the tables below. The index must remember every kept article of the
run (and, with a crawl state, of earlier runs), so held in Python objects it grows with the crawl:
about a kilobyte per article, a gigabyte for a million. Here
it lives in a private temporary SQLite database (``sqlite3.connect("")``: a file SQLite deletes itself,
also when the process is killed) with a small page cache, so the crawl's memory stays the same
however many pages it has seen; a lookup is a few indexed reads (tens of microseconds).

Keys are 64-bit hashes (``crawler.crawl.minhash.hash64`` of the URL's identity; the first 8 bytes of the
content hash; one per LSH band of the MinHash signature), stored as SQLite's signed integers.
"""
from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Protocol

from crawler.crawl.minhash import BANDS, ROWS, SIZE, hash64, signature, similarity
from crawler.crawl.urlkeys import url_key

if TYPE_CHECKING:
    from crawler.items import Article

CACHE_KIB = 4096
"""SQLite page cache of the index: what it may hold in memory; the rest is read from the file."""

_SCHEMA = """
CREATE TABLE kept (id INTEGER PRIMARY KEY, url TEXT NOT NULL, signature BLOB);
CREATE TABLE urls (key INTEGER PRIMARY KEY, kept INTEGER NOT NULL);
CREATE TABLE hashes (key INTEGER PRIMARY KEY, kept INTEGER NOT NULL);
CREATE TABLE bands (key INTEGER NOT NULL, kept INTEGER NOT NULL);
CREATE INDEX bands_key ON bands (key);
"""
_BAND_QUERY = (
    "SELECT id, url, signature FROM kept WHERE id IN "
    f"(SELECT kept FROM bands WHERE key IN ({','.join('?' * BANDS)})) ORDER BY id"
)


def _signed(key: int) -> int:
    """A 64-bit unsigned key as SQLite's signed INTEGER."""
    key &= (1 << 64) - 1
    return key - (1 << 64) if key >= 1 << 63 else key


def band_keys(sig: array) -> list[int]:
    """One key per LSH band: texts sharing any band's rows become candidates."""
    return [_signed(hash((band, *sig[band * ROWS : (band + 1) * ROWS]))) for band in range(BANDS)]


def _low(sig: array) -> array:
    """The low 32 bits of each signature position: 256 bytes a text, enough to estimate similarity."""
    return array("I", [value & 0xFFFFFFFF for value in sig])


class KeptIndex:
    """Kept articles by URL key, content key and MinHash bands, in a temporary on-disk SQLite database."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("", isolation_level=None, check_same_thread=False)
        for pragma in (f"cache_size = -{CACHE_KIB}", "journal_mode = OFF", "synchronous = OFF"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.executescript(_SCHEMA)
        self._depth = 0

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group writes in one transaction (much faster for many rows, e.g. seeding from earlier runs)."""
        if self._depth == 0:
            self.db.execute("BEGIN")
        self._depth += 1
        try:
            yield
            if self._depth == 1:
                self.db.execute("COMMIT")
        except BaseException:
            # A failed write or commit (a full disk) must not leave the transaction open: every later
            # BEGIN would fail too. The outermost batch ends it (with journal_mode OFF, rows written
            # so far may stay: harmless, the caller writes that article anyway); the error goes on.
            if self._depth == 1 and self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        finally:
            self._depth -= 1

    def __len__(self) -> int:
        return self.db.execute("SELECT count(*) FROM kept").fetchone()[0]

    def keep(self, url: str, sig: array | None) -> int:
        """Store a kept article's URL (what ``duplicate_of`` names) and signature; returns its id."""
        blob = _low(sig).tobytes() if sig is not None else None
        cursor = self.db.execute("INSERT INTO kept (url, signature) VALUES (?, ?)", (url, blob))
        return int(cursor.lastrowid or 0)

    def add_url(self, url_identity: str, kept: int) -> None:
        """Index a URL identity; the first article kept under it stays its owner."""
        self.db.execute("INSERT OR IGNORE INTO urls VALUES (?, ?)", (_signed(hash64(url_identity)), kept))

    def add_hash(self, content_key: int, kept: int) -> None:
        self.db.execute("INSERT OR IGNORE INTO hashes VALUES (?, ?)", (_signed(content_key), kept))

    def add_bands(self, sig: array, kept: int) -> None:
        self.db.executemany("INSERT INTO bands VALUES (?, ?)", [(key, kept) for key in band_keys(sig)])

    def _url_of(self, table: str, key: int) -> str | None:
        row = self.db.execute(
            f"SELECT url FROM kept WHERE id = (SELECT kept FROM {table} WHERE key = ?)",  # noqa: S608 - fixed names
            (_signed(key),),
        ).fetchone()
        return row[0] if row else None

    def url_owner(self, url_identity: str) -> str | None:
        """The URL of the article kept under this URL identity, or None."""
        return self._url_of("urls", hash64(url_identity))

    def content_owner(self, content_key: int) -> str | None:
        return self._url_of("hashes", content_key)

    def near_owner(self, sig: array, threshold: float) -> str | None:
        """The URL of the first kept text whose estimated similarity reaches ``threshold``, or None."""
        low = None
        for _, url, blob in self.db.execute(_BAND_QUERY, band_keys(sig)):
            if blob is None:
                continue
            if low is None:
                low = _low(sig)
            stored = array("I")
            stored.frombytes(blob)
            if len(stored) == SIZE and similarity(low, stored) >= threshold:
                return url
        return None


class KeptIndexError(RuntimeError):
    """The kept index could not answer or store (its temporary database failed: ``TMPDIR`` full, an I/O error)."""


class KeptArticles(Protocol):
    """The articles a run has kept (and the texts of earlier runs'), to tell a duplicate from a new article."""

    def find(self, article: Article, sig: array | None = None) -> tuple[str, str] | None:
        """``(kind, duplicate_of)`` when the article duplicates a kept one (``url``, ``content``, ``near``)."""

    def add(self, article: Article, sig: array | None = None) -> None:
        """Keep an article: its URLs, content hash and text signature."""

    def check_and_keep(
        self, article: Article, sig: array | None = None, claim: str | None = None
    ) -> tuple[str, str] | None:
        """``find``, then ``add`` when it is new; raises ``KeptIndexError`` when the index fails. ``claim``:
        the frontier lease the page was fetched under (a shared run's; see ``crawler.crawl.redis_kept``)."""

    def confirm(self, url: str) -> None:
        """The record of ``url`` reached this process's output (a shared run's index takes note)."""

    def add_previous(self, canonical_url: str, content_hash: str, sig: array | None) -> None:
        """An article written by an earlier run: its text, not its URL (it may be updated)."""

    def knows_url(self, url: str) -> bool:
        """True when an article was kept under this URL (canonical or fetched)."""

    def batch(self) -> AbstractContextManager[None]:
        """Many additions at once (seeding from an output file or the crawl state)."""

    def close(self, run_over: bool = True) -> None:
        """Let go of the index; a shared run's stays in Redis until its last worker ends it (``run_over``)."""


class DuplicateIndex:
    """``KeptArticles`` on a ``KeptIndex``: the crawl's memory does not grow with the articles it has kept.

    ``threshold``: the estimated Jaccard similarity from which texts are near duplicates (1.0: none are).
    """

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.tables = KeptIndex()

    def close(self, run_over: bool = True) -> None:
        self.tables.close()

    def find(self, article: Article, sig: array | None = None) -> tuple[str, str] | None:
        """``(kind, duplicate_of)`` when the article is a duplicate of a kept one, else None.

        A text matching an earlier version of the same article (``add_previous``) is not a duplicate.
        """
        for url in (article.canonical_url, article.url):
            if url:
                found = self.tables.url_owner(url_key(url))
                if found is not None:
                    return "url", found
        own = url_key(article.canonical_url or article.url or "")
        if article.content_hash:
            found = self.tables.content_owner(_hash_key(article.content_hash))
            if found is not None and url_key(found) != own:
                return "content", found
        if self.threshold < 1.0 and article.text:
            sig = sig if sig is not None else signature(article.text)
            found = self.tables.near_owner(sig, self.threshold)
            if found is not None and url_key(found) != own:
                return "near", found
        return None

    def check_and_keep(
        self, article: Article, sig: array | None = None, claim: str | None = None
    ) -> tuple[str, str] | None:
        try:
            found = self.find(article, sig)
            if found is None:
                self.add(article, sig)
        except sqlite3.Error as exc:
            raise KeptIndexError(f"{type(exc).__name__}: {exc}") from exc
        return found

    def confirm(self, url: str) -> None:
        """Nothing to note: one process owns this index."""

    def batch(self) -> AbstractContextManager[None]:
        return self.tables.batch()

    def add(self, article: Article, sig: array | None = None) -> None:
        if self.threshold < 1.0 and article.text and sig is None:
            sig = signature(article.text)
        urls = [u for u in (article.canonical_url, article.url) if u]
        self._keep(article.canonical_url or article.url or "", article.content_hash, sig if article.text else None, urls)

    def knows_url(self, url: str) -> bool:
        return self.tables.url_owner(url_key(url)) is not None

    def add_previous(self, canonical_url: str, content_hash: str, sig: array | None) -> None:
        if content_hash or (self.threshold < 1.0 and sig is not None):
            self._keep(canonical_url, content_hash, sig, ())

    def _keep(self, url: str, content_hash: str | None, sig: array | None, urls: Iterable[str]) -> None:
        """Store a kept article under ``url``, indexed by ``urls``, its content hash and its signature."""
        near = sig if self.threshold < 1.0 else None
        with self.tables.batch():
            index = self.tables.keep(url, near)
            for each in dict.fromkeys(urls):
                self.tables.add_url(url_key(each), index)
            if content_hash:
                self.tables.add_hash(_hash_key(content_hash), index)
            if near is not None:
                self.tables.add_bands(near, index)


def _hash_key(content_hash: str) -> int:
    return int(content_hash[:16], 16)
