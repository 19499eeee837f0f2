"""``scrapy crawl``: Scrapy's own command, plus the run-health exit status.

With ``NEWS_HEALTH_EXIT_STATUS`` on, a run in which a source fails a health check exits with
``EXIT_HEALTH_FAILED`` (4), as ``crawler crawl`` does; Scrapyd's runner uses this command too.
"""
from __future__ import annotations

from typing import Any

from crawler.compat.scrapy import CrawlerKeepingCrawlCommand
from crawler.crawl.health.extension import EXIT_HEALTH_FAILED, SourceHealth


class Command(CrawlerKeepingCrawlCommand):
    def run(self, args: list[str], opts: Any) -> None:
        super().run(args, opts)
        health = self.crawler.get_extension(SourceHealth) if self.crawler is not None else None
        if not self.exitcode and health is not None and health.exit_failed:
            self.exitcode = EXIT_HEALTH_FAILED
