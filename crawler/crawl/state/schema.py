"""The crawl state's SQLite file: its tables, their migrations, and opening it safely.

The file format is versioned with ``PRAGMA user_version`` and marked with ``PRAGMA application_id``;
migrations run in one transaction. A file that is not SQLite, belongs to another application, or
has a newer format than this code raises ``StateError`` and is left untouched.
"""
from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

logger = logging.getLogger(__name__)

APPLICATION_ID = 0x4E575343  # "NWSC": news crawler state
MIGRATIONS: tuple[str, ...] = (
    # 1: articles, their pages, feed/sitemap validators, output journal, runs
    """
    CREATE TABLE articles (
        key TEXT PRIMARY KEY,
        canonical_url TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        version INTEGER NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        source TEXT,
        signature BLOB
    );
    CREATE INDEX articles_content_hash ON articles (content_hash);
    CREATE TABLE pages (
        key TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        article TEXT,
        etag TEXT,
        last_modified TEXT,
        last_fetched TEXT NOT NULL
    );
    CREATE TABLE validators (
        url TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        last_fetched TEXT NOT NULL
    );
    CREATE TABLE outputs (
        path TEXT PRIMARY KEY,
        run_id TEXT NOT NULL,
        committed INTEGER NOT NULL
    );
    CREATE TABLE runs (
        run_id TEXT PRIMARY KEY,
        started TEXT NOT NULL,
        finished TEXT,
        finish_reason TEXT,
        summary TEXT
    );
    """,
    # 2: site boilerplate learned from repetition (crawler.crawl.sitelines; a line is stored by its 64-bit key)
    """
CREATE TABLE IF NOT EXISTS site_lines (
    site TEXT NOT NULL,
    line INTEGER NOT NULL,
    pages REAL NOT NULL,
    PRIMARY KEY (site, line)
);
CREATE TABLE IF NOT EXISTS sites (
    site TEXT PRIMARY KEY,
    pages REAL NOT NULL
);
""",
    # 3: the hash of an article's text before learned site lines were stripped (pipelines/changes.py)
    "ALTER TABLE articles ADD COLUMN page_hash TEXT",
    # 4: per-source health of each run (crawler.crawl.health): its metrics, checks and files, as JSON
    """
CREATE TABLE IF NOT EXISTS source_runs (
    run_id TEXT NOT NULL,
    source TEXT NOT NULL,
    finished TEXT NOT NULL,
    finish_reason TEXT,
    metrics TEXT NOT NULL,
    health TEXT NOT NULL,
    files TEXT NOT NULL,
    PRIMARY KEY (run_id, source)
);
CREATE INDEX IF NOT EXISTS source_runs_by_source ON source_runs (source, finished);
""",
)
SCHEMA_VERSION = len(MIGRATIONS)


class StateError(RuntimeError):
    """The state file cannot be used (unreadable, foreign, or a newer format); it was not modified."""


def _connect(path: Path) -> sqlite3.Connection:
    try:
        connection = sqlite3.connect(path, isolation_level=None, timeout=10)
        connection.execute("PRAGMA schema_version").fetchone()  # reads the header: fails on a non-database
    except sqlite3.DatabaseError as exc:
        raise StateError(f"{path} is not a crawl state database ({exc}); it was left untouched") from None
    return connection


def _check_and_migrate(connection: sqlite3.Connection, path: Path) -> None:
    app_id = connection.execute("PRAGMA application_id").fetchone()[0]
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables):
        raise StateError(f"{path} is an SQLite database of another application; it was left untouched")
    if version > SCHEMA_VERSION:
        raise StateError(
            f"{path} has state format {version}, newer than this crawler's ({SCHEMA_VERSION}); "
            "upgrade the crawler or use another NEWS_STATE_PATH (the file was left untouched)"
        )
    if version == SCHEMA_VERSION:
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        for number in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[number].split(";"):
                if statement.strip():
                    connection.execute(statement)
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    if version:
        logger.info("Crawl state %s migrated from format %d to %d", path, version, SCHEMA_VERSION)


def open_database(path: Path) -> sqlite3.Connection:
    """The state database at ``path``, created or migrated; ``StateError`` when it cannot be used."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = _connect(path)
    try:
        _check_and_migrate(connection, path)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
    except StateError:
        connection.close()
        raise
    except sqlite3.DatabaseError as exc:
        connection.close()
        raise StateError(
            f"{path} is not a usable crawl state database ({exc}); it was left untouched"
        ) from None
    return connection
