"""Crawl state between scheduled runs: what was written, its versions, validators, and the run lock.

* ``backend``: ``StateBackend``, the interface of the persistent state, and the records it answers with;
* ``store``: the SQLite ``StateBackend`` (``NEWS_STATE_PATH``), versioned and migrated, never silently replaced;
* ``lock``: one run at a time per state (``flock``);
* ``run``: ``StateRun``, the state during one run: updated only for records written to the output;
* ``naming``: output file names for scheduled runs (``%(run_id)s``, ``%(date)s``, ``%(sources)s``).

The rest of the crawl asks ``crawler.crawl.knowledge.CrawlKnowledge``, which owns the state for a run.
"""

from __future__ import annotations

from crawler.crawl.state.backend import KnownArticle, StateBackend, Validators
from crawler.crawl.state.lock import RunLock, StateLocked
from crawler.crawl.state.schema import SCHEMA_VERSION, StateError
from crawler.crawl.state.store import StateStore, open_state

__all__ = [
    "SCHEMA_VERSION",
    "KnownArticle",
    "RunLock",
    "StateBackend",
    "StateError",
    "StateLocked",
    "StateStore",
    "Validators",
    "open_state",
]
