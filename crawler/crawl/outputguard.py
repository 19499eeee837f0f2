"""Refuse ``-O FILE`` when FILE holds articles the crawl state counts as written.

With a crawl state every run emits only what is new or changed: the articles of earlier runs live in
their output files and nowhere else. Overwriting such a file (``crawler crawl ... -O FILE`` or
``scrapy crawl news ... -O FILE`` run twice) would delete them for good, since the state will never
emit them again. The rule, in one line (also the error message)::

    -O never replaces a file holding articles the crawl state counts as written

Checked by the crawl knowledge (``crawler.crawl.knowledge``) as soon as its state is open (it holds the run
lock and has taken in what a killed run left), before the feed exporter writes anything: the crawl does
not start.
``crawler crawl`` exits 2 (usage error); ``scrapy crawl`` logs the line and exits 1
(``crawler.crawl.refusal``: without asyncio's traceback). Not configured
without a state (``NEWS_STATE_PATH=``): then every run writes everything again, and ``-O`` loses nothing.

Only plain file paths are checked: a feed URI with ``%(...)s`` parameters names a new file per run.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from crawler.crawl.outputs import content_hashes, overwritten_files
from crawler.crawl.refusal import RefusedToStart, refuse

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

RULE = "-O never replaces a file holding articles the crawl state counts as written"


class OutputWouldLoseArticles(RefusedToStart):
    """``-O`` names a file holding articles the state counts as written; the message says what to do."""


def refusal(path: Path, count: int, state: str) -> str:
    return (
        f"{RULE}: {path} holds {count} article(s) that the state {state} will not write again; "
        f"append with -o {path}, or give no -o/-O for a new file per run (move the file away to start afresh)"
    )


def refuse_overwrites(holds_written_articles: Callable[[Path, list[str]], int], crawler: Crawler) -> None:
    """Raise ``OutputWouldLoseArticles`` (logged, one line) when ``-O`` names a file holding articles the
    state counts as written (``holds_written_articles(path, content hashes)``: the crawl knowledge's answer).
    Called by the crawl knowledge once its state is open, before anything runs."""
    state = crawler.settings.get("NEWS_STATE_PATH")
    for path in overwritten_files(crawler.settings.getdict("FEEDS")):
        count = holds_written_articles(path, content_hashes(path))
        if count:
            crawler.stats.set_value("news/output_refused", 1)
            raise refuse(logger, OutputWouldLoseArticles(refusal(path, count, state)))
