"""The per-task time limit of the worker pool (NEWS_EXTRACT_TIMEOUT): soft (SIGALRM) and hard (kill).

The pool runs in a subprocess (a Twisted reactor runs once per process): ``main()`` submits quick
tasks, a Python loop past the limit, one that swallows ``Exception`` and one that blocks SIGALRM
(standing for a C call that never returns to Python), all at once, and prints what each returned.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from crawler.crawl.extensions.workers import Deadline, TaskTimeout, call_with_deadline

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 1.0


def quick(value: int) -> int:
    time.sleep(0.05)
    return value * 2


def python_loop(seconds: float) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        sum(range(1000))
    return "finished"


def swallows_exceptions(seconds: float) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            time.sleep(0.01)
        except Exception:  # noqa: BLE001, S110 - what a careless library does
            pass
    return "finished"


def ignores_signals(seconds: float) -> str:
    """Blocks SIGALRM, then sleeps: like a C call that never returns to the interpreter."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(seconds)
    return "finished"


def pid(_: int) -> int:
    return os.getpid()


def test_call_with_deadline_in_this_process() -> None:
    assert call_with_deadline(5, quick, 4) == 8
    with pytest.raises(TaskTimeout):
        call_with_deadline(0.2, python_loop, 30)
    with pytest.raises(TaskTimeout):
        call_with_deadline(0.2, swallows_exceptions, 30)
    assert call_with_deadline(0, quick, 1) == 2  # 0: no limit
    assert issubclass(Deadline, BaseException) and not issubclass(Deadline, Exception)
    time.sleep(0.01)  # a stray alarm after the call would kill this process; nothing is armed
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def main() -> None:
    from twisted.internet import asyncioreactor

    asyncioreactor.install()
    import asyncio
    from collections import Counter

    from scrapy.utils.defer import deferred_from_coro
    from twisted.internet import reactor

    from crawler.crawl.extensions.workers import WorkerPool

    class Stats(Counter):
        def inc_value(self, key: str, count: int = 1) -> None:
            self[key] += count

        def get_stats(self) -> dict[str, int]:
            return dict(self)

    stats = Stats()
    pool = WorkerPool(2, timeout=LIMIT, stats=stats)
    results: dict[str, Any] = {}

    async def one(name: str, function: Any, arg: Any) -> None:
        try:
            results[name] = await pool.run(function, arg)
        except TaskTimeout:
            results[name] = "timeout"
        except Exception as exc:  # noqa: BLE001
            results[name] = f"error: {type(exc).__name__}: {exc}"

    async def scenario() -> None:
        pids_before = {await pool.run(pid, 0) for _ in range(4)}
        jobs = [one("soft", python_loop, 30), one("swallower", swallows_exceptions, 30),
                one("hard", ignores_signals, 60)]
        jobs += [one(f"quick{i}", quick, i) for i in range(12)]
        await asyncio.gather(*jobs)
        results["after"] = await pool.run(quick, 21)
        pids_after = {await pool.run(pid, 0) for _ in range(4)}
        results["new_workers"] = not (pids_before & pids_after)
        results["stats"] = stats.get_stats()

    def done(_: Any) -> None:
        pool.close()
        reactor.stop()

    deferred_from_coro(scenario()).addBoth(done)
    reactor.run()
    print(json.dumps(results, default=str))


def test_pool_time_limit_soft_and_hard() -> None:
    run = subprocess.run(
        [sys.executable, "-c", "from tests.test_worker_timeouts import main; main()"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    results = json.loads(run.stdout.strip().splitlines()[-1])
    assert results["soft"] == "timeout"
    assert results["swallower"] == "timeout"
    assert results["hard"] == "timeout"
    assert [results[f"quick{i}"] for i in range(12)] == [i * 2 for i in range(12)]  # none lost to the kill
    assert results["after"] == 42
    assert results["new_workers"] is True  # the pool that held the stubborn task was replaced
    assert results["stats"]["news/workers/killed"] == 1
    assert results["stats"]["news/workers/timeouts"] == 3
    assert "A worker ignored its" in run.stderr
