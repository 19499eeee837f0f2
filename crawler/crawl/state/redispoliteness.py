"""Per-domain politeness for all the workers of a Redis crawl: download slots leased from Redis.

Each worker keeps its own Scrapy download slots, so N workers would hit one site N times as often.
``ClusterSlots`` holds the limits in Redis instead, one Lua script per step (atomic across workers),
timed by the Redis server's clock (``TIME``), never by a worker's:

* ``acquire(domain, worker)`` grants a lease when fewer than ``concurrency`` requests to the domain
  are in flight and at least the domain's delay passed since the last granted start; otherwise it
  says how long to wait. A lease expires ``lease_seconds`` after its grant, so the slot of a worker
  killed mid-download frees itself.
* ``release(domain, lease)`` when the response or the failure arrived.
* ``publish_delay(domain, seconds)``: a delay learned from robots.txt (``Crawl-delay``); every
  worker's next ``acquire`` for the domain honours it (kept for ``DELAY_TTL``).

Keys (``P`` is ``<prefix>:politeness:{<domain>}``; the braces keep one domain's keys in one Redis
Cluster slot): ``P:leases`` lease id -> expiry (ms, Redis's clock); ``P:last`` the last granted start
(ms); ``P:delay`` the published delay (ms); ``P:starts`` the last ``HISTORY`` granted starts (ms,
newest first: what the site was asked, for an operator or a test to check). All expire on their own
once the domain is idle.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass

from crawler.crawl.state.redisconn import LUA_NOW_MS, RedisConnection

DELAY_TTL = 86_400
"""Seconds a published Crawl-delay is kept: a site that drops its Crawl-delay is believed a day later."""
HISTORY = 100

# KEYS: leases, last, delay, starts; ARGV: lease id, concurrency, delay ms (this worker's), lease ms, history.
# Returns {1, in flight} when granted, {0, ms to wait (-1: wait for a release), in flight} otherwise.
_ACQUIRE = LUA_NOW_MS + """
local now = now_ms()
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local delay = math.max(tonumber(ARGV[3]), tonumber(redis.call('GET', KEYS[3]) or '0'))
local in_flight = redis.call('ZCARD', KEYS[1])
if in_flight >= tonumber(ARGV[2]) then return {0, -1, in_flight} end
local last = redis.call('GET', KEYS[2])
if last and tonumber(last) + delay > now then return {0, tonumber(last) + delay - now, in_flight} end
local lease_ms = tonumber(ARGV[4])
redis.call('ZADD', KEYS[1], now + lease_ms, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease_ms)
redis.call('SET', KEYS[2], now, 'PX', delay + 1000)
redis.call('LPUSH', KEYS[4], now)
redis.call('LTRIM', KEYS[4], 0, tonumber(ARGV[5]) - 1)
redis.call('PEXPIRE', KEYS[4], lease_ms)
return {1, in_flight + 1}
"""


@dataclass(frozen=True)
class Slot:
    """The answer of ``acquire``: a granted ``lease``, or ``wait`` seconds before asking again."""

    lease: str | None
    wait: float
    in_flight: int
    full: bool = False
    """No free slot: ``wait`` is a guess (until some lease is released)."""

    @property
    def granted(self) -> bool:
        return self.lease is not None


class ClusterSlots:
    def __init__(
        self, connection: RedisConnection, concurrency: int, delay: float, lease_seconds: float, full_wait: float = 0.05
    ) -> None:
        if concurrency < 1:
            raise ValueError(f"concurrency must be at least 1, not {concurrency!r}")
        if lease_seconds <= 0:
            raise ValueError(f"lease_seconds must be positive, not {lease_seconds!r}")
        self.connection = connection
        self.concurrency = concurrency
        self.delay = delay
        self.lease_ms = int(lease_seconds * 1000)
        self.full_wait = full_wait
        self._acquire = connection.client.register_script(_ACQUIRE)
        self._numbers = itertools.count(1)

    def keys(self, domain: str) -> list[str]:
        base = self.connection.key("politeness", f"{{{domain}}}")
        return [f"{base}:leases", f"{base}:last", f"{base}:delay", f"{base}:starts"]

    def acquire(self, domain: str, worker: str, delay: float = 0.0, lease_seconds: float | None = None) -> Slot:
        """A slot for one request to ``domain`` by ``worker``, spaced by the larger of the cluster's
        delay (``self.delay``, the published one) and ``delay`` (what this worker knows of the domain)."""
        lease = f"{worker}:{next(self._numbers)}"
        lease_ms = int(lease_seconds * 1000) if lease_seconds else self.lease_ms
        args = [lease, self.concurrency, int(max(self.delay, delay) * 1000), lease_ms, HISTORY]
        answer = self.connection.call(
            f"politeness slot of {domain}", lambda r: self._acquire(keys=self.keys(domain), args=args, client=r)
        )
        if answer[0] == 1:
            return Slot(lease, 0.0, int(answer[1]))
        wait_ms, in_flight = int(answer[1]), int(answer[2])
        if wait_ms < 0:
            return Slot(None, self.full_wait, in_flight, full=True)
        return Slot(None, wait_ms / 1000, in_flight)

    def release(self, domain: str, lease: str) -> bool:
        """Free ``lease`` (False when it had expired already)."""
        leases = self.keys(domain)[0]
        return bool(self.connection.call(f"release politeness slot of {domain}", lambda r: r.zrem(leases, lease)))

    def publish_delay(self, domain: str, seconds: float) -> None:
        """Make ``seconds`` the least spacing of ``domain``'s requests for every worker."""
        if seconds < 0:
            raise ValueError(f"the delay of {domain} must not be negative, not {seconds!r}")
        key = self.keys(domain)[2]
        self.connection.call(
            f"publish the delay of {domain}", lambda r: r.set(key, int(seconds * 1000), ex=DELAY_TTL)
        )

    def published_delay(self, domain: str) -> float:
        key = self.keys(domain)[2]
        value = self.connection.call(f"delay of {domain}", lambda r: r.get(key))
        return int(value) / 1000 if value is not None else 0.0

    def in_flight(self, domain: str) -> int:
        """Unexpired leases of ``domain`` (expired ones are dropped at the next ``acquire``)."""
        leases = self.keys(domain)[0]
        now = self.server_time()
        return int(self.connection.call("politeness leases", lambda r: r.zcount(leases, f"({int(now * 1000)}", "+inf")))

    def recent_starts(self, domain: str) -> list[float]:
        """The last ``HISTORY`` starts granted for ``domain``, oldest first (seconds, Redis's clock)."""
        key = self.keys(domain)[3]
        starts = self.connection.call(f"starts of {domain}", lambda r: r.lrange(key, 0, -1))
        return [int(start) / 1000 for start in reversed(starts)]

    def server_time(self) -> float:
        """Seconds since the epoch on the Redis server's clock (the clock the slots are timed by)."""
        seconds, micros = self.connection.call("time", lambda r: r.time())
        return seconds + micros / 1e6
