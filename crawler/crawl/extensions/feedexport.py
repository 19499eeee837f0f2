"""JSONL output that never holds a partial line, plugged into Scrapy's feed exports.

Scrapy's ``FileFeedStorage`` opens a buffered file, and ``JsonLinesItemExporter`` writes into that
buffer: a killed process can leave the last line cut anywhere. Here:

* ``LineFileFeedStorage`` opens the file unbuffered (every ``write`` is one system call) and, when it
  appends to an existing file whose last line is cut (a crash of an older writer), truncates it back
  to the last complete line first.
* ``WholeLineJsonLinesExporter`` encodes the whole record, then writes it with one ``write``; if that
  fails (disk full, I/O error) it truncates the file back to where the line started, logs the error,
  and stops the crawl (``feed_write_error``), so the file keeps only whole lines. Articles that reach
  the exporter after that are counted in ``news/feed_unwritten`` (``news/articles`` counts them too).

Settings (``crawler/settings.py``): ``FEED_STORAGES`` maps ``""`` and ``file`` to the storage,
``FEED_EXPORTERS`` maps ``jsonlines`` and ``jsonl`` to the exporter.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from scrapy.exporters import JsonLinesItemExporter
from scrapy.extensions.feedexport import FileFeedStorage
from scrapy.utils.defer import deferred_from_coro

if TYPE_CHECKING:
    from typing_extensions import Self
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


def repair_tail(path: Path) -> int:
    """Truncate a file after its last newline; returns the number of bytes removed."""
    with path.open("r+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        position = size
        while position > 0:
            step = min(65536, position)
            handle.seek(position - step)
            chunk = handle.read(step)
            newline = chunk.rfind(b"\n")
            if newline >= 0:
                position = position - step + newline + 1
                break
            position -= step
        if position < size:
            handle.truncate(position)
        return size - position


class LineFileFeedStorage(FileFeedStorage):
    def open(self, spider: Spider) -> IO[bytes]:
        path = Path(self.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if self.write_mode == "ab" and path.is_file():
            removed = repair_tail(path)
            if removed:
                logger.warning("%s ended with a partial line (%d bytes); removed it", path, removed)
        return path.open(self.write_mode, buffering=0)


class WholeLineJsonLinesExporter(JsonLinesItemExporter):
    def __init__(self, file: Any, crawler: Crawler | None = None, **kwargs: Any) -> None:
        super().__init__(file, **kwargs)
        self.crawler = crawler
        self.failed = False

    @classmethod
    def from_crawler(cls, crawler: Crawler, file: Any, **kwargs: Any) -> Self:
        return cls(file, crawler=crawler, **kwargs)

    def export_item(self, item: Any) -> None:
        if self.failed:
            self._count("news/feed_unwritten")  # counted in news/articles, but not in the file
            return
        itemdict = dict(self.get_serialized_fields(item))
        line = (self.encoder.encode(itemdict) + "\n").encode(self.encoding or "utf-8")
        start = self._position()
        try:
            written = self.file.write(line)
            if written is not None and written != len(line):
                raise OSError(f"short write: {written} of {len(line)} bytes")
        except OSError as exc:
            self.failed = True
            self._truncate(start)
            logger.error("Cannot write the feed (%s); stopping the crawl", exc)
            self._count("news/feed_unwritten")
            if self.crawler is not None and self.crawler.engine is not None:
                self.crawler.stats.inc_value("news/feed_write_errors")
                deferred_from_coro(self.crawler.engine.close_spider_async(reason="feed_write_error"))
            raise

    def _count(self, key: str) -> None:
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)

    def _position(self) -> int | None:
        try:
            return self.file.seek(0, os.SEEK_END)
        except (OSError, AttributeError, ValueError):
            return None

    def _truncate(self, position: int | None) -> None:
        if position is None:
            return
        try:
            self.file.truncate(position)
        except (OSError, AttributeError, ValueError):
            logger.exception("Could not remove a partial line from the feed")
