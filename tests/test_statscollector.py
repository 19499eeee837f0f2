"""The crawl's stats collector: Scrapy's memory collector, same behaviour, no per-call shim."""
from __future__ import annotations

from scrapy.utils.test import get_crawler

from crawler import settings as project_settings
from crawler.crawl.statscollector import PlainStatsCollector


def test_project_uses_it_and_it_keeps_scrapys_behaviour() -> None:
    assert project_settings.STATS_CLASS == "crawler.crawl.statscollector.PlainStatsCollector"
    stats = PlainStatsCollector(get_crawler())
    stats.inc_value("news/pages/article")
    stats.inc_value("news/pages/article", 2)
    stats.max_value("news/max", 5)
    stats.max_value("news/max", 3)
    stats.set_value("news/x", "y")
    assert stats.get_stats() == {"news/pages/article": 3, "news/max": 5, "news/x": "y"}
    stats.inc_value("news/old", spider=None)  # the old signature still works
    assert stats.get_value("news/old") == 1
    # No wrapper was cached on the instance, as Scrapy's shim does on first use of each method.
    assert not [name for name in vars(stats) if name.startswith("_cached_")]
