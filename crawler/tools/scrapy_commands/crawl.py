"""``scrapy crawl``: Scrapy's command, checking the spider's arguments before the crawl starts.

A spider's ``from_crawler`` runs inside the crawl's event loop, where an exception surfaces as an
asyncio traceback ("Task exception was never retrieved") and exit status 1. A spider class with a
``check_arguments(settings, spargs)`` classmethod is asked first; the ``ValueError`` it raises (a bad
sources file) is printed as one line, and the command exits 2 (bad usage) without starting the crawl.
"""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawlCommand

if TYPE_CHECKING:
    import argparse


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1 and self.crawler_process is not None and self.settings is not None:
            try:
                spidercls = self.crawler_process.spider_loader.load(args[0])
            except KeyError:
                spidercls = None  # Scrapy's own run names the unknown spider
            check = getattr(spidercls, "check_arguments", None)
            if check is not None:
                try:
                    check(self.settings, opts.spargs)
                except ValueError as exc:
                    print(f"scrapy crawl {args[0]}: {exc}", file=sys.stderr)
                    self.exitcode = 2
                    return
        super().run(args, opts)
