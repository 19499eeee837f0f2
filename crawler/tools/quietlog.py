"""The log of ``crawler crawl`` and ``crawler demo``: progress lines, warnings and errors, not Scrapy's
INFO lines (about 200 for a small crawl: versions, settings, middlewares, the stats dump).

Unless the user chose a level or a log file (``-L INFO``, ``-s LOG_LEVEL=...``, ``-s LOG_FILE=...``),
the run logs at ``WARNING`` and the progress extension's INFO lines get a handler of their own on
stderr, in Scrapy's ``LOG_FORMAT``. ``scrapy crawl`` (Scrapyd) keeps Scrapy's logging.
"""
from __future__ import annotations

import logging
from typing import Any

from scrapy.settings import SETTINGS_PRIORITIES

from crawler.crawl.extensions import progress

CHOSEN = ("LOG_LEVEL", "LOG_FILE")
"""Settings that, given on the command line, mean the user chose the log: it is left alone."""


def quiet_by_default(settings: Any) -> bool:
    """Set ``LOG_LEVEL`` to ``WARNING`` unless the command line chose the log; True when it did so."""
    if not settings.getbool("LOG_ENABLED") or any(
        settings.getpriority(name) >= SETTINGS_PRIORITIES["cmdline"] for name in CHOSEN
    ):
        return False
    settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
    return True


def show_progress(settings: Any) -> None:
    """The progress lines on stderr although the run logs at ``WARNING`` (the handler is added once)."""
    logger = logging.getLogger(progress.__name__)
    if any(getattr(handler, "news_progress", False) for handler in logger.handlers):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(settings.get("LOG_FORMAT"), settings.get("LOG_DATEFORMAT")))
    handler.setLevel(logging.INFO)
    handler.news_progress = True  # type: ignore[attr-defined]
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
