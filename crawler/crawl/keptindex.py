"""What a crawl has kept so far, on disk: URL keys, content hashes and near-duplicate sketches.

The deduplicate pipeline asks this index, for every article, whether an equal one was kept already.
It must remember every kept article of the run (and, with a crawl state, of earlier runs), so held in
Python objects it grows with the crawl: about a kilobyte per article, a gigabyte for a million. Here
it lives in a private temporary SQLite database (``sqlite3.connect("")``: a file SQLite deletes itself,
also when the process is killed) with a small page cache, so the crawl's memory stays the same
however many pages it has seen; a lookup is a few indexed reads (tens of microseconds).

Keys are 64-bit hashes (``crawler.crawl.minhash.hash64`` of the URL's identity; the first 8 bytes of the
content hash; one per LSH band of the MinHash signature), stored as SQLite's signed integers.
"""
from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Iterator
from contextlib import contextmanager

from crawler.crawl.minhash import BANDS, ROWS, SIZE, hash64, similarity

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
