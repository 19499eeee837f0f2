"""The crawl knowledge's stores in Redis, when ``NEWS_REDIS_URL`` is set (docs/scale-out.md).

Every process started on the same Redis and prefix is a worker of one shared run
(``crawler.crawl.frontier.membership``): the state (``crawler.crawl.state.redisstore``), the run's
kept-article index (``crawler.crawl.redis_kept``) and the frontier (``crawler.crawl.frontier``) are
shared, each on its own connection to the Redis at ``NEWS_REDIS_URL`` under ``NEWS_REDIS_PREFIX``,
waiting out outages for ``NEWS_REDIS_RETRY_SECONDS``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.settings import BaseSettings

from crawler.crawl.config import default, get_float
from crawler.crawl.frontier.membership import RunMembership, workers_key
from crawler.crawl.redis_kept import RedisKeptArticles
from crawler.crawl.state.journal import SharedRunWorkers
from crawler.crawl.state.naming import adopt_run, run_id
from crawler.crawl.state.redisconn import RedisConnection
from crawler.crawl.state.redisstore import RedisStateStore
from crawler.crawl.state.run import StateRun

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


def connect(settings: BaseSettings) -> RedisConnection:
    """A connection to ``NEWS_REDIS_URL`` (default: the environment variable of that name)."""
    return RedisConnection(
        str(settings.get("NEWS_REDIS_URL", default("NEWS_REDIS_URL"))),
        str(settings.get("NEWS_REDIS_PREFIX", default("NEWS_REDIS_PREFIX"))),
        get_float(settings, "NEWS_REDIS_RETRY_SECONDS"),
    )


def join_run(crawler: Crawler) -> RunMembership:
    """This process joins the shared run in progress (or starts one) and takes its run id."""
    membership = RunMembership(connect(crawler.settings)).join(run_id(crawler))
    adopt_run(crawler, membership.run_id, membership.worker)
    return membership


def open_redis_state(
    settings: BaseSettings, shared: RunMembership, kept: RedisKeptArticles, *, full: bool, commit_items: int
) -> StateRun:
    """The shared run's state in Redis, with what killed workers of this machine left taken in."""
    workers = SharedRunWorkers(shared.worker, lambda name: shared.alive(name)[0], kept.reclaim)
    return StateRun.start(
        None, lambda: RedisStateStore(connect(settings), workers), shared.run_id, full=full, commit_items=commit_items
    )


def redis_kept_index(settings: BaseSettings, shared: RunMembership, threshold: float) -> RedisKeptArticles:
    connection = connect(settings)
    return RedisKeptArticles(connection, shared.run_id, threshold, shared.worker, workers_key(connection))
