"""Standard library internals the crawl relies on (``concurrent.futures``; contract: ``tests/test_compat.py``)."""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from multiprocessing.process import BaseProcess

__all__ = ["pool_processes"]


def pool_processes(executor: ProcessPoolExecutor) -> list[BaseProcess]:
    """The worker processes of a process pool (none before its first task or after shutdown).

    ``ProcessPoolExecutor._processes`` (pid to process): ``shutdown`` cannot stop a worker stuck in a
    C call, so a pool past its time limit is killed process by process.
    """
    return list((getattr(executor, "_processes", None) or {}).values())
