"""The crawl knowledge's stores in Redis, when ``NEWS_REDIS_URL`` is set (docs/scale-out.md).

The state (``crawler.crawl.state.redisstore``), its run lock (``crawler.crawl.state.redislock``) and the
run's kept-article index (``crawler.crawl.redis_kept``), each on its own connection to the Redis at
``NEWS_REDIS_URL`` under ``NEWS_REDIS_PREFIX``, waiting out outages for ``NEWS_REDIS_RETRY_SECONDS``.
"""
from __future__ import annotations

from scrapy.settings import BaseSettings

from crawler.crawl.config import default, get_float
from crawler.crawl.redis_kept import RedisKeptArticles
from crawler.crawl.state.redisconn import RedisConnection
from crawler.crawl.state.redislock import RedisRunLock
from crawler.crawl.state.redisstore import RedisStateStore
from crawler.crawl.state.run import StateRun


def connect(settings: BaseSettings) -> RedisConnection:
    """A connection to ``NEWS_REDIS_URL`` (default: the environment variable of that name)."""
    return RedisConnection(
        str(settings.get("NEWS_REDIS_URL", default("NEWS_REDIS_URL"))),
        str(settings.get("NEWS_REDIS_PREFIX", default("NEWS_REDIS_PREFIX"))),
        get_float(settings, "NEWS_REDIS_RETRY_SECONDS"),
    )


def open_redis_state(settings: BaseSettings, run_id: str, *, full: bool, commit_items: int) -> StateRun:
    """The run's state in Redis, its lock taken (``StateLocked``) and a killed run's outputs taken in."""
    return StateRun.start(
        RedisRunLock(connect(settings)), lambda: RedisStateStore(connect(settings)), run_id,
        full=full, commit_items=commit_items,
    )


def redis_kept_index(settings: BaseSettings, run_id: str, threshold: float) -> RedisKeptArticles:
    return RedisKeptArticles(connect(settings), run_id, threshold)
