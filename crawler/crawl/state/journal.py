"""Reading the JSONL outputs as the crawl state's write-ahead log (``StateBackend.reconcile``)."""
from __future__ import annotations

import json
import logging
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
