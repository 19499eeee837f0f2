"""CPU and memory of a process tree, read from /proc (Linux): the crawl benchmark's sampling."""
from __future__ import annotations

import os
from pathlib import Path


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants (from /proc)."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            stack.extend(int(c) for c in Path(f"/proc/{current}/task/{current}/children").read_text().split())
        except OSError:
            continue
    return found


def sample(pids: list[int], cpu_seen: dict[int, float], rss_seen: dict[int, int] | None = None) -> int:
    """Total resident KiB of ``pids``; records each one's CPU seconds so far in ``cpu_seen`` (and its
    peak resident KiB in ``rss_seen``)."""
    total = 0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        cpu_seen[pid] = max(cpu_seen.get(pid, 0.0), (int(fields[11]) + int(fields[12])) / tick)
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
                if rss_seen is not None:
                    rss_seen[pid] = max(rss_seen.get(pid, 0), int(line.split()[1]))
    return total
