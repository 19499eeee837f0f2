"""Allow/deny URL matching: a sources file's ``allow`` and ``deny`` regexes, one rule for every caller.

``crawler.crawl.sources.Source.url_allowed`` (entry URLs) and ``spiders.pagelinks.LinkRules`` (the links
of a page, in a worker process) both decide with ``url_allowed``. Scrapy-free.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

Patterns = tuple[re.Pattern[str], ...]


def url_allowed(url: str, allow: Sequence[re.Pattern[str]], deny: Sequence[re.Pattern[str]]) -> bool:
    """True when ``url`` matches none of ``deny`` and, if ``allow`` is not empty, one of ``allow``."""
    if any(pattern.search(url) for pattern in deny):
        return False
    return not allow or any(pattern.search(url) for pattern in allow)


@lru_cache(maxsize=256)
def compiled(allow: tuple[str, ...], deny: tuple[str, ...]) -> tuple[Patterns, Patterns]:
    """``allow`` and ``deny`` compiled, once per distinct pair (``re.error`` for a bad regex)."""
    return tuple(re.compile(p) for p in allow), tuple(re.compile(p) for p in deny)
