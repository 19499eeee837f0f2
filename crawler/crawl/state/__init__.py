"""Crawl state between scheduled runs: what was written, its versions, validators, and the run lock.

* ``store``: the SQLite state (``NEWS_STATE_PATH``), versioned and migrated, never silently replaced;
* ``lock``: one run at a time per state (``flock``);
* ``extension``: ``CrawlState``, which updates the state only for records written to the output;
* ``naming``: output file names for scheduled runs (``%(run_id)s``, ``%(date)s``, ``%(sources)s``).

Used by ``pipelines.changes`` (new / updated / unchanged), ``crawler.crawl.middlewares.conditional``
(304s), the news spider (skip known pages whose feed or sitemap date is older than the last fetch)
and ``crawler.crawl.extensions.runsummary``.
"""

from __future__ import annotations

from crawler.crawl.state.lock import RunLock, StateLocked
from crawler.crawl.state.store import SCHEMA_VERSION, StateError, StateStore, open_state

__all__ = [
    "SCHEMA_VERSION",
    "RunLock",
    "StateError",
    "StateLocked",
    "StateStore",
    "open_state",
]
