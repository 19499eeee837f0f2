"""Log lines about items that name the item instead of printing it.

Scrapy's ``LogFormatter`` prints the whole item when a pipeline drops it or fails on it. Our items
before the last pipeline carry the page's bytes (``PageItem.body``, 50-500 KB on real news pages), so
every "Dropped: duplicate ..." line would hold a page: a crawl spent more time writing its log than
its output. Here the item is named by its class and URL (an error), or not at all (a drop: the message
of ``DropItem`` names the page and says why: ``duplicate (url): URL duplicate_of=...``, ``no_text: URL``,
...). Set by ``LOG_FORMATTER``.
"""
from __future__ import annotations

from typing import Any

from scrapy.logformatter import LogFormatter, LogFormatterResult


def item_name(item: Any) -> str:
    """``PageItem <url>``: the item's class and, when it has one, its URL (or its page's)."""
    url = getattr(item, "url", None) or getattr(getattr(item, "page", None), "url", None)
    return f"{type(item).__name__} <{url}>" if url else type(item).__name__


class ItemNameLogFormatter(LogFormatter):
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
