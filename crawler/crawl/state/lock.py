"""One run at a time per state: an exclusive ``flock`` on ``<state>.lock``, held for the whole run.

The kernel drops the lock when the process ends, however it ends (SIGKILL included), so a stale lock
file never blocks the next run. A second run fails at once with ``StateLocked`` (``crawler crawl``
exits with ``EXIT_LOCKED``).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO


class StateLocked(RuntimeError):
    """Another run holds the lock of this state."""

    def __init__(self, path: Path, holder: str) -> None:
        self.path = path
        self.holder = holder
        who = f" (pid {holder})" if holder else ""
        super().__init__(
            f"another crawl is running on the state {path.with_suffix('')}{who}; this run exits without crawling"
        )


def lock_path(state_path: str | os.PathLike[str]) -> Path:
    return Path(f"{os.fspath(state_path)}.lock")


class RunLock:
    def __init__(self, state_path: str | os.PathLike[str]) -> None:
        self.path = lock_path(state_path)
        self.handle: IO[str] | None = None

    def acquire(self) -> RunLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip()
            handle.close()
            raise StateLocked(self.path, holder) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self.handle = handle
        return self

    def release(self) -> None:
        if self.handle is not None:
            fcntl.flock(self.handle.fileno(), fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
