"""The crawl's JSONL outputs as files: which ones a run appends to or overwrites, and what they hold.

Read by the crawl knowledge (an output appended to: its records are not written again) and by the output
guard (``-O`` over a file holding articles the state counts as written).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from crawler.items import Article


def local_path(uri: str) -> Path | None:
    """The file a feed URI writes to: a plain path or ``file://``; None for another scheme (``s3://``...)
    or a URI template (``%(run_id)s``: a new file per run)."""
    if "%(" in uri:
        return None
    if uri.startswith("file://"):
        return Path(uri[len("file://"):])
    return None if "://" in uri else Path(uri)


def appended_outputs(feeds: dict[str, Any]) -> list[Path]:
    """Local JSONL feed files this run appends to (not overwritten, no URI template), that exist."""
    paths = []
    for uri, options in feeds.items():
        options = options or {}
        if options.get("overwrite") or options.get("format") not in ("jsonlines", "jsonl"):
            continue
        path = local_path(str(uri))
        if path is not None and path.is_file():
            paths.append(path)
    return paths


def read_articles(path: Path) -> Iterator[Article]:
    """The articles of a JSONL output, skipping lines that do not parse (a torn last line)."""
    fields = set(Article.__dataclass_fields__)
    for record in records(path):
        yield Article(**{key: value for key, value in record.items() if key in fields})


def overwritten_files(feeds: dict[str, dict[str, Any]]) -> list[Path]:
    """Local, non-templated feed files that the feed exporter would truncate (``overwrite``)."""
    paths = [local_path(str(uri)) for uri, options in feeds.items() if (options or {}).get("overwrite")]
    return [path for path in paths if path is not None]


def records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("rb") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                yield record


def content_hashes(path: Path) -> list[str]:
    """The content hashes of the records in output ``path`` (none for a missing or empty file)."""
    if not path.is_file() or path.stat().st_size == 0:
        return []
    return [h for record in records(path) if isinstance(h := record.get("content_hash"), str)]
