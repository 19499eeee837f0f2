"""Reading the JSONL outputs as the crawl state's write-ahead log (``StateBackend.reconcile``)."""
from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


def unjournaled(path: Path, committed: int) -> tuple[list[dict[str, Any]], int] | None:
    """The records in ``path`` after offset ``committed`` (whole lines; a torn last line is left) and the
    offset after them; None when the file is gone or shorter than the state remembers (not replayed)."""
    if not path.is_file():
        return None
    size = path.stat().st_size
    if size < committed:
        logger.warning("Output %s is shorter than the state remembers; not replaying it", path)
        return None
    if size == committed:
        return [], committed
    with path.open("rb") as handle:
        handle.seek(committed)
        tail = handle.read(size - committed)
    end = tail.rfind(b"\n") + 1
    records = []
    for line in tail[:end].splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and record.get("content_hash"):
            records.append(record)
    return records, committed + end


@dataclass
class SharedRunWorkers:
    """What reconciling needs to know of the other workers of a shared run (``crawler.crawl.frontier``)."""

    me: str
    """This worker's name."""
    alive: Callable[[str], bool]
    """Whether a worker is alive (its output is its own business then)."""
    reclaim: Callable[[str, str], bool]
    """``(url, writer)``: whether a record dead ``writer`` left unconfirmed stays (nobody took it over)."""

    def busy(self, writer: str) -> bool:
        """True when ``writer``'s output is being written: another live worker's."""
        return writer != self.me and self.alive(writer)

    def keeps(self, record: dict[str, Any], writer: str) -> bool:
        url = record.get("canonical_url") or record.get("url") or ""
        return not url or self.reclaim(str(url), writer)


def cut_records(path: Path, committed: int, end: int, staying: list[dict[str, Any]]) -> int:
    """Rewrite ``path`` keeping, after offset ``committed`` and up to ``end``, only the lines of the
    ``staying`` records (a torn line after ``end`` goes too); returns the new end. Whole or not at all:
    written beside it, then renamed over it."""
    wanted = {json.dumps(record, sort_keys=True) for record in staying}
    with path.open("rb") as handle:
        head = handle.read(committed)
        tail = handle.read(end - committed)
    lines = [line for line in tail.splitlines(keepends=True) if _canonical(line) in wanted]
    partial = path.with_name(path.name + ".reconciling")
    with partial.open("wb") as handle:
        handle.write(head)
        handle.writelines(lines)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)
    cut = tail.count(b"\n") - len(lines)
    logger.warning("Cut %d record(s) from %s: another worker of the run wrote them after this one was killed", cut, path)
    return committed + sum(len(line) for line in lines)


def _canonical(line: bytes) -> str | None:
    try:
        return json.dumps(json.loads(line), sort_keys=True)
    except ValueError:
        return None
