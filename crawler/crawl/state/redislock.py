"""One run at a time per Redis state: the run lock as a Redis key with a time to live, renewed while held.

``SET <prefix>:lock <holder> NX PX <ttl>`` takes it; a thread renews it every third of ``ttl`` (only while
the key still names this holder); ``release`` deletes it (only if it still names this holder). A run
killed with SIGKILL stops renewing: its lock expires after ``ttl`` and the next run may start; a run on
the same machine as the killed one takes its lock at once (the holder names its host and process id,
and that process is gone).
"""
from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
from pathlib import Path

from crawler.crawl.state.lock import StateLocked
from crawler.common.urls import without_credentials
from crawler.crawl.state.redisconn import RedisConnection, RedisUnavailable

logger = logging.getLogger(__name__)

LOCK_TTL = 60.0
_RENEW = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0"
_TAKE_OVER = (
    "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end "
    "return false"
)
_RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"


class RedisStateLocked(StateLocked):
    """Another run holds the lock of this Redis state."""

    def __init__(self, where: str, holder: str) -> None:
        self.path = Path(where)
        self.holder = holder
        RuntimeError.__init__(
            self, f"another crawl is running on the state {where} ({holder}); this run exits without crawling"
        )


class RedisRunLock:
    def __init__(self, connection: RedisConnection, ttl: float = LOCK_TTL) -> None:
        self.connection = connection
        self.key = connection.key("lock")
        self.ttl_ms = int(ttl * 1000)
        self.holder = f"pid {os.getpid()} on {socket.gethostname()} {secrets.token_hex(4)}"
        self._take_over = connection.client.register_script(_TAKE_OVER)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._renew = connection.client.register_script(_RENEW)
        self._release = connection.client.register_script(_RELEASE)

    def acquire(self) -> RedisRunLock:
        taken = self.connection.call("lock", lambda r: r.set(self.key, self.holder, nx=True, px=self.ttl_ms))
        if not taken:
            holder = (self.connection.call("lock", lambda r: r.get(self.key)) or b"").decode("utf-8")
            if not (_dead_here(holder) and self._replace(holder)):
                raise RedisStateLocked(f"{without_credentials(self.connection.url)} {self.connection.prefix}", holder)
            logger.warning("Took over the run lock of %s: that process is gone", holder)
        self._stop.clear()
        self._thread = threading.Thread(target=self._keep, name="redis-run-lock", daemon=True)
        self._thread.start()
        return self

    def _replace(self, holder: str) -> bool:
        args = [holder, self.holder, self.ttl_ms]
        return bool(self.connection.call("lock", lambda r: self._take_over(keys=[self.key], args=args, client=r)))

    def _keep(self) -> None:
        while not self._stop.wait(self.ttl_ms / 3000):
            try:
                renewed = self.connection.call(
                    "lock renewal", lambda r: self._renew(keys=[self.key], args=[self.holder, self.ttl_ms], client=r)
                )
            except RedisUnavailable as exc:
                logger.error("The run lock could not be renewed: %s", exc)
                continue
            if not renewed:
                logger.error("The run lock %s expired (Redis was unreachable too long?): another run may start", self.key)

    def release(self) -> None:
        if self._thread is None:
            return
        self._stop.set()
        self._thread.join()
        self._thread = None
        self.connection.call("unlock", lambda r: self._release(keys=[self.key], args=[self.holder], client=r))


def _dead_here(holder: str) -> bool:
    """True when ``holder`` (``pid N on HOST token``) is a process of this machine that no longer runs."""
    parts = holder.split()
    if len(parts) != 5 or parts[0] != "pid" or parts[2] != "on" or parts[3] != socket.gethostname():
        return False
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, ValueError):
        return False
    return False
