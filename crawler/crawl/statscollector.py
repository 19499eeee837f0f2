"""The crawl's stats collector (``STATS_CLASS``): Scrapy's in-memory collector, same behaviour, without
the per-call deprecation shim that costs about 3 µs per stats update; see
``crawler.compat.scrapy.PlainStatsCollector``, which depends on Scrapy's internals."""
from __future__ import annotations

from crawler.compat.scrapy import PlainStatsCollector

__all__ = ["PlainStatsCollector"]
