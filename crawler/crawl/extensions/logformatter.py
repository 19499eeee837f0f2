"""Log lines about items that name the item instead of printing it.

Scrapy's ``LogFormatter`` prints the whole item when a pipeline drops it or fails on it. Our items
before the last pipeline carry the page's bytes (``PageItem.body``, 50-500 KB on real news pages), so
every "Dropped: duplicate ..." line would hold a page: a crawl spent more time writing its log than
its output. Here the item is named by its class and URL (an error), or not at all (a drop: the message
of ``DropItem`` names the page and says why: ``duplicate (url): URL duplicate_of=...``, ``no_text: URL``,
...). Set by ``LOG_FORMATTER``.

The two DEBUG lines of every page ("Crawled (200) ...", "Scraped from ...") are not made at all when
``LOG_LEVEL`` is above DEBUG: Scrapy's root logger lets every record through to its handler, which
drops them only after the record was built (about 40 µs a page).
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.logformatter import LogFormatter, LogFormatterResult

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure
    from typing_extensions import Self


def item_name(item: Any) -> str:
    """``PageItem <url>``: the item's class and, when it has one, its URL (or its page's)."""
    url = getattr(item, "url", None) or getattr(getattr(item, "page", None), "url", None)
    return f"{type(item).__name__} <{url}>" if url else type(item).__name__


class ItemNameLogFormatter(LogFormatter):
    def __init__(self, debug: bool = True) -> None:
        self.debug = debug
        """Whether DEBUG lines reach the log (``LOG_LEVEL``); without, the per-page lines are skipped."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        name = str(crawler.settings.get("LOG_LEVEL", "DEBUG")).upper()
        level = int(name) if name.isdigit() else logging.getLevelName(name)
        return cls(debug=not isinstance(level, int) or level <= logging.DEBUG)

    def crawled(self, request: Request, response: Response, spider: Spider) -> LogFormatterResult | None:  # type: ignore[override]
        return super().crawled(request, response, spider) if self.debug else None

    def scraped(self, item: Any, response: Response | Failure | None, spider: Spider) -> LogFormatterResult | None:  # type: ignore[override]
        return super().scraped(item, response, spider) if self.debug else None

    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any) -> LogFormatterResult:
        """One line: the drop message names the page already (Scrapy adds the item on a line of its own).
        Its level is the ``DropItem``'s ``log_level`` (expected drops say INFO), else ``DEFAULT_DROPITEM_LOG_LEVEL``."""
        result = super().dropped(item, exception, response, spider)
        result["msg"] = "Dropped: %(exception)s"
        result["args"] = {**result["args"], "item": item_name(item)}  # type: ignore[index]
        return result

    def item_error(self, item: Any, exception: BaseException, response: Any, spider: Any) -> LogFormatterResult:
        result = super().item_error(item, exception, response, spider)
        result["args"] = {**result["args"], "item": item_name(item)}  # type: ignore[index]
        return result
