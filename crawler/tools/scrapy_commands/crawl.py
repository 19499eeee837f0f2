"""``scrapy crawl``: Scrapy's command, with the project's checks before the crawl and its exit status after.

- Before: a spider's ``from_crawler`` runs inside the crawl's event loop, where an exception surfaces
  as an asyncio traceback ("Task exception was never retrieved") and exit status 1. A spider class with
  a ``check_arguments(settings, spargs)`` classmethod is asked first; the ``ValueError`` it raises (a
  bad sources file) is printed as one line, and the command exits 2 (bad usage) without crawling.
- After: with ``NEWS_HEALTH_EXIT_STATUS`` on, a run in which a source fails a health check exits with
  ``EXIT_HEALTH_FAILED`` (4), as ``crawler crawl`` does; Scrapyd's runner uses this command too.
"""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from crawler.compat.scrapy import CrawlerKeepingCrawlCommand, import_download_handlers
from crawler.crawl.health.extension import EXIT_HEALTH_FAILED, SourceHealth

if TYPE_CHECKING:
    import argparse

EXIT_USAGE = 2


class Command(CrawlerKeepingCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if not self._arguments_ok(args, opts):
            self.exitcode = EXIT_USAGE
            return
        import_download_handlers()  # here, not deep in the event loop (0.3 s of start-up)
        super().run(args, opts)
        if not self.exitcode and self._health_failed():
            self.exitcode = EXIT_HEALTH_FAILED

    def _health_failed(self) -> bool:
        if self.crawler is None:
            return False
        try:
            health = self.crawler.get_extension(SourceHealth)
        except RuntimeError:  # the crawl refused to start: its extensions were never built
            return False
        return health is not None and health.exit_failed

    def _arguments_ok(self, args: list[str], opts: argparse.Namespace) -> bool:
        if len(args) != 1 or self.crawler_process is None or self.settings is None:
            return True
        try:
            spidercls = self.crawler_process.spider_loader.load(args[0])
        except KeyError:
            return True  # Scrapy's own run names the unknown spider
        check = getattr(spidercls, "check_arguments", None)
        if check is None:
            return True
        try:
            check(self.settings, opts.spargs)
        except ValueError as exc:
            print(f"scrapy crawl {args[0]}: {exc}", file=sys.stderr)
            return False
        return True
