"""Which run the workers of one Redis crawl share, which of them are alive, and who closes the run.

Keys (``C`` is ``<prefix>:crawl``): ``C:run`` the id of the run in progress; ``C:workers`` worker ->
time its heartbeat expires (ms, Redis's clock); ``C:summaries`` worker -> its run summary (JSON), kept
until the last worker leaves.

* ``join``: a worker that finds no run starts one (``new``: it seeds the frontier); one that finds a run
  with live workers joins it (``joined``: it does not seed again); one that finds a run whose workers are
  all gone resumes it (``resumed``: it seeds again, the duplicate filter keeps what was seen, and the
  frontier keeps what was not done).
* A thread renews the worker's heartbeat every third of ``ttl``; a killed worker's entry expires and
  the others (the kept index, the output reconciliation) treat it as dead.
* ``leave``: the worker's summary is kept; the last live worker to leave a finished run gets every
  worker's summary (to write the run's) and the run ends for all: the next ``join`` starts a new one.
"""
from __future__ import annotations

import json
import logging
import os
import secrets
import socket
import threading
from typing import Any

from crawler.crawl.frontier.queue import frontier_keys
from crawler.crawl.state.redisconn import LUA_NOW_MS, RedisConnection, RedisUnavailable

logger = logging.getLogger(__name__)

HEARTBEAT_TTL = 15.0
"""Seconds after its last heartbeat a worker counts as dead."""
_NOW = LUA_NOW_MS + "local now = now_ms()\n"
_PURGE = _NOW + """
local function purge(workers)
  local entries = redis.call('HGETALL', workers)
  for i = 1, #entries, 2 do
    if tonumber(entries[i + 1]) <= now then redis.call('HDEL', workers, entries[i]) end
  end
end
"""
# KEYS: run, workers; ARGV: proposed run id, worker, ttl ms
_JOIN = _PURGE + """
purge(KEYS[2])
local run, how = redis.call('GET', KEYS[1]), 'new'
if run then
  if redis.call('HLEN', KEYS[2]) > 0 then how = 'joined' else how = 'resumed' end
else
  run = ARGV[1] redis.call('SET', KEYS[1], run)
end
redis.call('HSET', KEYS[2], ARGV[2], now + tonumber(ARGV[3]))
return {run, how}
"""
# KEYS: workers; ARGV: worker, ttl ms
_BEAT = _NOW + "return redis.call('HSET', KEYS[1], ARGV[1], now + tonumber(ARGV[2]))"
# KEYS: workers; ARGV: worker names...: 1 for each that is alive
_ALIVE = _NOW + """
local alive = {}
for i = 1, #ARGV do
  local expiry = redis.call('HGET', KEYS[1], ARGV[i])
  alive[i] = (expiry and tonumber(expiry) > now) and 1 or 0
end
return alive
"""
# KEYS: run, workers, summaries, the run's frontier keys (deleted with it); ARGV: run id, worker, summary JSON, finished ('1'/'0')
_LEAVE = _PURGE + """
redis.call('HDEL', KEYS[2], ARGV[2])
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return false end
redis.call('HSET', KEYS[3], ARGV[2], ARGV[3])
purge(KEYS[2])
if redis.call('HLEN', KEYS[2]) > 0 or ARGV[4] ~= '1' then return false end
local all = redis.call('HGETALL', KEYS[3])
for i = 1, #KEYS do if i ~= 2 then redis.call('DEL', KEYS[i]) end end
return all
"""


def worker_name() -> str:
    """This process's name in the run: host, process id and a random part (a restarted worker is new)."""
    return f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(2)}"


def _dead_here(worker: str) -> bool:
    """True when ``worker`` (``host-pid-xxxx``) was a process of this machine that no longer runs (a
    reused process id counts as alive: its heartbeat then expires as any other machine's would)."""
    host_pid = worker.rpartition("-")[0]
    host, _, pid = host_pid.rpartition("-")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError):
        return False
    return False


def workers_key(connection: RedisConnection) -> str:
    return connection.key("crawl", "workers")


class RunMembership:
    def __init__(self, connection: RedisConnection, ttl: float = HEARTBEAT_TTL, worker: str | None = None) -> None:
        self.connection = connection
        self.ttl_ms = int(ttl * 1000)
        self.worker = worker or worker_name()
        self.run_id = ""
        self.how = ""
        self.keys = [connection.key("crawl", "run"), workers_key(connection), connection.key("crawl", "summaries")]
        client = connection.client
        self._join, self._beat = client.register_script(_JOIN), client.register_script(_BEAT)
        self._alive, self._leave = client.register_script(_ALIVE), client.register_script(_LEAVE)
        self.buried: list[str] = []
        """Workers of this machine found dead when this one joined."""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def seeds(self) -> bool:
        """Whether this worker puts the run's entry points (feeds, sitemaps, start URLs) in the frontier."""
        return self.how in ("new", "resumed")

    def join(self, proposed_run: str) -> RunMembership:
        """Join the run in progress, or start ``proposed_run``; then keep the heartbeat going."""
        self.buried = self._bury_dead_here()
        run, how = self.connection.call(
            "join the run", lambda r: self._join(keys=self.keys[:2], args=[proposed_run, self.worker, self.ttl_ms], client=r)
        )
        self.run_id, self.how = run.decode("utf-8"), how.decode("ascii")
        logger.info("Worker %s %s run %s", self.worker, {"new": "started", "joined": "joined", "resumed": "resumed"}[self.how], self.run_id)
        self._stop.clear()
        self._thread = threading.Thread(target=self._keep_beating, name="run-heartbeat", daemon=True)
        self._thread.start()
        return self

    def _bury_dead_here(self) -> list[str]:
        """Forget the workers of this machine whose process is gone (killed), without waiting for their
        heartbeat to expire; returns their names (their leases go back to the frontier at once)."""
        names = self.connection.call("workers", lambda r: r.hkeys(self.keys[1]))
        dead = [name.decode("utf-8") for name in names if _dead_here(name.decode("utf-8"))]
        if dead:
            self.connection.call("bury dead workers", lambda r: r.hdel(self.keys[1], *dead))
            logger.warning("Workers of this machine that are gone (killed): %s", ", ".join(dead))
        return dead

    def _keep_beating(self) -> None:
        while not self._stop.wait(self.ttl_ms / 3000):
            try:
                self.connection.call(
                    "heartbeat", lambda r: self._beat(keys=self.keys[1:2], args=[self.worker, self.ttl_ms], client=r)
                )
            except RedisUnavailable as exc:
                logger.error("Heartbeat of worker %s not sent: %s", self.worker, exc)

    def alive(self, *workers: str) -> list[bool]:
        flags = self.connection.call(
            "alive workers", lambda r: self._alive(keys=self.keys[1:2], args=list(workers), client=r)
        )
        return [bool(flag) for flag in flags]

    def leave(self, summary: dict[str, Any], finished: bool) -> dict[str, dict[str, Any]] | None:
        """Stop the heartbeat and leave the run with this worker's ``summary``. Returns every worker's
        summary when this was the last live worker of a ``finished`` run (the run is then over), else None."""
        self.stop_heartbeat()
        args = [self.run_id, self.worker, json.dumps(summary, sort_keys=True), "1" if finished else "0"]
        keys = [*self.keys, *frontier_keys(self.connection.key("frontier", self.run_id))]
        everyone = self.connection.call("leave the run", lambda r: self._leave(keys=keys, args=args, client=r))
        if not everyone:
            return None
        pairs = iter(everyone)
        return {name.decode("utf-8"): json.loads(value) for name, value in zip(pairs, pairs)}

    def stop_heartbeat(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
