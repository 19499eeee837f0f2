"""Loaded in every worker of a test crawl (``NEWS_WORKER_PRELOAD=tests.crawlsite.slowhook``): the
extraction of a page marked ``test:slow-python`` loops in Python for a minute, that of a page marked
``test:slow-c`` blocks SIGALRM and sleeps (a C call that never returns to the interpreter)."""
from __future__ import annotations

import signal
import time
from typing import Any

from crawler.crawl import articletask as extract

from tests.crawlsite.hostile import SLOW_C, SLOW_PYTHON

_extract_article = extract.extract_article


def _slow_extract_article(html: bytes | str, url: str | None = None, **kwargs: Any) -> Any:
    head = html[:4096] if isinstance(html, bytes) else html[:4096].encode("utf-8", "replace")
    if SLOW_PYTHON in head:
        end = time.monotonic() + 60
        while time.monotonic() < end:
            sum(range(1000))
    elif SLOW_C in head:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    return _extract_article(html, url, **kwargs)


extract.extract_article = _slow_extract_article
