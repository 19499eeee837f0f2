"""The requests of a shared crawl run in Redis, popped under a lease instead of removed.

A pop moves a request from ``pending`` to ``leases`` (with an expiry) and names its holder; the request
leaves Redis only when its worker acknowledges it (``ack``: everything the response led to is done, or
the request was handed on as a redirect or retry: ``push(..., ack=id)`` does both at once). A worker
renews its leases while it lives; when one expires (the worker was killed, or its machine lost), the
next pop by any worker puts the request back first, so it is fetched again, never lost. A request
whose lease expired ``max_tries`` times is given up (``given_up``), so a page that kills every worker
cannot stall the run. Requests that must wait (a retry's backoff, a site's ``Retry-After``) wait in
``delayed`` until their time, shared too.

Keys (``F`` is ``<prefix>:frontier:<run id>``): ``F:seq`` counter; ``F:data`` id -> encoded request;
``F:prio`` id -> pending score; ``F:pending`` zset id by score (minus the priority; equal scores in
push order); ``F:leases`` zset id by expiry (ms, Redis's clock); ``F:holder`` id -> worker;
``F:delayed`` zset id by due time; ``F:tries`` id -> expired leases; ``F:given_up`` counter.
Times are Redis's own (``TIME``), so the workers' clocks need not agree.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from scrapy_redis.queue import Base

from crawler.crawl.state.redisconn import LUA_NOW_MS

if TYPE_CHECKING:
    import redis
    from scrapy import Request, Spider

_NAMES = ("seq", "data", "prio", "pending", "leases", "holder", "delayed", "tries", "given_up")
_NOW = LUA_NOW_MS + "local now = now_ms()\n"
_UNPACK = "local seq, data, prio, pending, leases, holder, delayed, tries, given_up = unpack(KEYS)\n"
_ACK = """
local function ack(id)
  redis.call('ZREM', leases, id) redis.call('HDEL', holder, id) redis.call('HDEL', data, id)
  redis.call('HDEL', prio, id) redis.call('HDEL', tries, id) redis.call('ZREM', delayed, id)
end
"""
_REQUEUE = """
local function requeue(id)
  redis.call('ZREM', leases, id) redis.call('HDEL', holder, id)
  redis.call('ZADD', pending, redis.call('HGET', prio, id), id)
end
"""
# ARGV: encoded request, score, delay ms ('' : none), id to ack ('' : none)
_PUSH = _UNPACK + _NOW + _ACK + """
local id = string.format('%012d', redis.call('INCR', seq))
redis.call('HSET', data, id, ARGV[1]) redis.call('HSET', prio, id, ARGV[2])
if ARGV[3] ~= '' then redis.call('ZADD', delayed, now + tonumber(ARGV[3]), id)
else redis.call('ZADD', pending, ARGV[2], id) end
if ARGV[4] ~= '' then ack(ARGV[4]) end
return id
"""
# ARGV: worker, lease ms, max tries
_POP = _UNPACK + _NOW + _ACK + _REQUEUE + """
for _, id in ipairs(redis.call('ZRANGEBYSCORE', leases, '-inf', now, 'LIMIT', 0, 100)) do
  if redis.call('HINCRBY', tries, id, 1) >= tonumber(ARGV[3]) then
    ack(id) redis.call('INCR', given_up)
  else
    requeue(id)
  end
end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', delayed, '-inf', now, 'LIMIT', 0, 100)) do
  redis.call('ZREM', delayed, id) redis.call('ZADD', pending, redis.call('HGET', prio, id), id)
end
local popped = redis.call('ZPOPMIN', pending)
if #popped == 0 then return false end
local id = popped[1]
redis.call('ZADD', leases, now + tonumber(ARGV[2]), id) redis.call('HSET', holder, id, ARGV[1])
return {id, redis.call('HGET', data, id)}
"""
_ACK_ONE = _UNPACK + _ACK + "for i = 1, #ARGV do ack(ARGV[i]) end return #ARGV"
# ARGV: worker, lease ms, ids...: only leases this worker still holds are renewed (and counted)
_RENEW = _UNPACK + _NOW + """
local renewed = 0
for i = 3, #ARGV do
  if redis.call('HGET', holder, ARGV[i]) == ARGV[1] then
    redis.call('ZADD', leases, now + tonumber(ARGV[2]), ARGV[i]) renewed = renewed + 1
  end
end
return renewed
"""
# ARGV: worker, ids...: leases handed back (the worker stops): pending again at once, not after expiry
_GIVE_BACK = _UNPACK + _REQUEUE + """
local given = 0
for i = 2, #ARGV do
  if redis.call('HGET', holder, ARGV[i]) == ARGV[1] then requeue(ARGV[i]) given = given + 1 end
end
return given
"""

# ARGV: workers known dead: every lease they held is pending again at once
_RELEASE = _UNPACK + _REQUEUE + """
local dead, released = {}, 0
for i = 1, #ARGV do dead[ARGV[i]] = true end
local entries = redis.call('HGETALL', holder)
for i = 1, #entries, 2 do
  if dead[entries[i + 1]] then requeue(entries[i]) released = released + 1 end
end
return released
"""


def frontier_keys(prefix: str) -> list[str]:
    """Every key of the frontier at ``prefix`` (``<prefix>:frontier:<run id>``), its duplicate filter's too."""
    return [f"{prefix}:{name}" for name in (*_NAMES, "dupefilter")]


class LeasedQueue(Base):
    """scrapy-redis's queue base (its request encoding) with leases; ``key`` is the run's frontier prefix."""

    def __init__(
        self, server: redis.Redis, spider: Spider, key: str, serializer: Any = None, *, max_tries: int = 5
    ) -> None:
        super().__init__(server, spider, key, serializer)
        self.keys = [f"{self.key}:{name}" for name in _NAMES]
        self.max_tries = max_tries
        self._push = server.register_script(_PUSH)
        self._pop = server.register_script(_POP)
        self._ack = server.register_script(_ACK_ONE)
        self._renew = server.register_script(_RENEW)
        self._give_back = server.register_script(_GIVE_BACK)
        self._release = server.register_script(_RELEASE)

    def __len__(self) -> int:
        """Requests waiting to be popped now (not those leased or delayed)."""
        return int(self.server.zcard(self._key("pending")))

    def _key(self, name: str) -> str:
        return self.keys[_NAMES.index(name)]

    def push(self, request: Request, *, delay: float | None = None, ack: str | None = None) -> str:
        """Add ``request`` (after ``delay`` seconds), acknowledging the lease ``ack`` in the same step."""
        delay_ms = "" if delay is None or delay <= 0 else str(int(delay * 1000))
        encoded = self._encode_request(request)
        result = self._push(keys=self.keys, args=[encoded, -request.priority, delay_ms, ack or ""])
        return _text(result)

    def pop(self, worker: str, lease: float) -> tuple[str, Request] | None:  # type: ignore[override]
        """The next request and its lease id, leased to ``worker`` for ``lease`` seconds; None when none is due."""
        popped = self._pop(keys=self.keys, args=[worker, int(lease * 1000), self.max_tries])
        if not popped:
            return None
        lease_id, encoded = _text(popped[0]), popped[1]
        return lease_id, self._decode_request(encoded)

    def ack(self, *lease_ids: str) -> None:
        if lease_ids:
            self._ack(keys=self.keys, args=list(lease_ids))

    def renew(self, worker: str, lease: float, lease_ids: Iterable[str]) -> int:
        ids = list(lease_ids)
        return int(self._renew(keys=self.keys, args=[worker, int(lease * 1000), *ids])) if ids else 0

    def give_back(self, worker: str, lease_ids: Iterable[str]) -> int:
        ids = list(lease_ids)
        return int(self._give_back(keys=self.keys, args=[worker, *ids])) if ids else 0

    def release(self, dead_workers: Iterable[str]) -> int:
        """Put back every lease of workers known to be dead (killed on this machine); returns how many."""
        names = list(dead_workers)
        return int(self._release(keys=self.keys, args=names)) if names else 0

    def status(self) -> dict[str, int]:
        """How many requests are pending, leased and delayed, and how many were given up."""
        counts = [self.server.zcard(self._key(name)) for name in ("pending", "leases", "delayed")]
        given_up = self.server.get(self._key("given_up"))
        return {
            "pending": int(counts[0]), "leased": int(counts[1]), "delayed": int(counts[2]),
            "given_up": int(given_up or 0),
        }

    def clear(self) -> None:
        for key in self.keys:
            self.server.delete(key)


def _text(value: bytes | str) -> str:
    return value.decode("ascii") if isinstance(value, bytes) else str(value)
