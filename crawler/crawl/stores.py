"""Which stores a crawl process uses: SQLite and a temporary kept index (the default), or those of a run
shared over Redis when ``NEWS_REDIS_URL`` is set (``crawler.crawl.redisstores``; docs/scale-out.md).

Also the settings a worker of a shared run changes before its crawler starts: the scheduler (the shared
frontier) and, when the user named no output, a default output of its own.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings

from crawler.crawl.config import default, get_bool, get_float, get_int
from crawler.crawl.keptindex import DuplicateIndex, KeptArticles
from crawler.crawl.state.lock import StateLocked
from crawler.crawl.state.naming import run_id
from crawler.crawl.state.run import StateRun
from crawler.crawl.state.schema import StateError

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from crawler.crawl.frontier.membership import RunMembership

logger = logging.getLogger(__name__)


def uses_redis(settings: BaseSettings) -> bool:
    """``NEWS_REDIS_URL`` is set: the state, the kept index and the frontier are shared in that Redis."""
    return bool(settings.get("NEWS_REDIS_URL", default("NEWS_REDIS_URL")))


def shared_run_settings(settings: BaseSettings) -> None:
    """A worker of a shared run takes its requests from the shared frontier (``NEWS_REDIS_SCHEDULER``,
    unless ``SCHEDULER`` was set above the project's settings) and, by default, writes its own output."""
    if not uses_redis(settings):
        return
    if settings.getpriority("SCHEDULER") <= SETTINGS_PRIORITIES["project"]:
        settings.set("SCHEDULER", settings.get("NEWS_REDIS_SCHEDULER"), priority="spider")


def default_feeds(settings: BaseSettings) -> dict[str, Any]:
    """``NEWS_DEFAULT_FEEDS``; for a worker of a shared run each output URI gets ``-%(worker)s`` after
    ``%(run_id)s``: every worker writes its own file of the run."""
    feeds = settings.getdict("NEWS_DEFAULT_FEEDS")
    if not uses_redis(settings):
        return feeds
    return {
        uri if "%(worker)s" in uri else uri.replace("%(run_id)s", "%(run_id)s-%(worker)s"): options
        for uri, options in feeds.items()
    }


def kept_index(settings: BaseSettings, run: str = "", shared_run: RunMembership | None = None) -> KeptArticles:
    """A new kept index with ``NEWS_NEAR_DUPLICATE_THRESHOLD`` (missing: the project's default): the shared
    run's in Redis, else a temporary SQLite one."""
    threshold = get_float(settings, "NEWS_NEAR_DUPLICATE_THRESHOLD")
    if shared_run is not None:
        from crawler.crawl.redisstores import redis_kept_index  # noqa: PLC0415 - the redis client only if used

        return redis_kept_index(settings, shared_run, threshold)
    return DuplicateIndex(threshold)


def open_state(crawler: Crawler, path: str, shared_run: RunMembership | None, kept: KeptArticles) -> StateRun:
    """The crawl state: the shared run's in Redis, else the SQLite file at ``path`` (locked for this run)."""
    full, commit_items = get_bool(crawler.settings, "NEWS_FULL_RECRAWL"), get_int(crawler.settings, "NEWS_STATE_COMMIT_ITEMS")
    try:
        if shared_run is not None:
            from crawler.crawl.redisstores import open_redis_state  # noqa: PLC0415 - the redis client only if used

            return open_redis_state(crawler.settings, shared_run, kept, full=full, commit_items=commit_items)  # type: ignore[arg-type]
        return StateRun.open(path, run_id(crawler), full=full, commit_items=commit_items)
    except StateLocked as exc:
        logger.error("%s", exc)
        crawler.stats.set_value("news/state/locked", 1)
        raise
    except StateError as exc:
        logger.error("%s", exc)
        raise
