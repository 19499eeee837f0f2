"""One Redis connection for the crawl's shared stores, that outlasts an outage of Redis.

Every operation of the Redis stores goes through ``RedisConnection.call``: when Redis cannot be reached
(a restart, a network cut, a server still loading its AOF), the call waits and tries again with
exponential backoff (``BACKOFF_FIRST`` doubling up to ``BACKOFF_MAX`` seconds) for up to
``retry_seconds``, logging the outage once and its end once, and only then raises ``RedisUnavailable``.
The stores' writes are idempotent, so an operation that reached Redis before the connection broke may
safely run again.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from crawler.common.urls import without_credentials
from crawler.crawl.state.schema import StateError

logger = logging.getLogger(__name__)

BACKOFF_FIRST = 0.1
BACKOFF_MAX = 5.0
_TRANSIENT = (redis.ConnectionError, redis.TimeoutError)  # BusyLoadingError (loading the AOF) included
T = TypeVar("T")
LUA_NOW_MS = (
    "local function now_ms() local t = redis.call('TIME') "
    "return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) end\n"
)
"""A Lua function for the scripts of the shared stores: Redis's clock in ms (the workers' clocks need not agree)."""


class RedisUnavailable(StateError):
    """Redis could not be reached for longer than the crawl waits (``NEWS_REDIS_RETRY_SECONDS``)."""


class RedisConnection:
    """A Redis client and ``prefix`` (the namespace of one crawl's keys), with retries over outages."""

    def __init__(self, url: str, prefix: str = "news", retry_seconds: float = 300.0) -> None:
        self.url = url
        self.prefix = prefix
        self.retry_seconds = retry_seconds
        # One immediate retry inside the client (a pooled connection Redis closed); outages are ours.
        self.client = redis.Redis.from_url(
            url, socket_connect_timeout=5, socket_timeout=30, retry=Retry(NoBackoff(), 1), decode_responses=False
        )
        self._down_since: float | None = None

    def key(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    def call(self, what: str, operation: Callable[[redis.Redis], T]) -> T:
        """``operation(client)``, tried again while Redis is unreachable; ``what`` names it in the log."""
        delay = BACKOFF_FIRST
        while True:
            try:
                result = operation(self.client)
            except redis.AuthenticationError:
                raise  # a wrong password: waiting does not help (a ConnectionError to redis-py)
            except _TRANSIENT as exc:
                now = time.monotonic()
                if self._down_since is None:
                    self._down_since = now
                    logger.warning(
                        "Redis at %s unreachable (%s: %s) during %s: retrying with backoff for up to %.0f s",
                        without_credentials(self.url), type(exc).__name__, exc, what, self.retry_seconds,
                    )
                if now - self._down_since >= self.retry_seconds:
                    raise RedisUnavailable(
                        f"Redis at {without_credentials(self.url)} unreachable for {now - self._down_since:.0f} s "
                        f"({type(exc).__name__}: {exc}) during {what}"
                    ) from exc
                time.sleep(delay)
                delay = min(delay * 2, BACKOFF_MAX)
                continue
            if self._down_since is not None:
                logger.warning(
                    "Redis at %s reachable again after %.1f s", without_credentials(self.url), time.monotonic() - self._down_since
                )
                self._down_since = None
            return result

    def patient_client(self) -> redis.Redis:
        """A client of the same Redis whose every command goes through ``call`` (waits out outages): for
        code that takes a plain client, such as scrapy-redis's duplicate filter and queue base."""
        connection = self

        class PatientRedis(redis.Redis):
            def execute_command(self, *args: Any, **options: Any) -> Any:
                name = str(args[0]) if args else "command"
                return connection.call(name, lambda _: redis.Redis.execute_command(self, *args, **options))

        return PatientRedis(connection_pool=self.client.connection_pool)

    def close(self) -> None:
        self.client.close()
