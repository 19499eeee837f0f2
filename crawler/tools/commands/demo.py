"""`crawler demo [-o FILE | -O FILE] [-s NAME=VALUE] [-L LEVEL]`: the whole crawl, offline.

Serves the bundled fixture pages as a small news site on 127.0.0.1 (home, sections, RSS and Atom
feeds, a sitemap index with a gzipped news sitemap, robots.txt), crawls it into JSONL with the real
spider and pipelines, and prints where the output is and a short summary.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from crawler.tools.crawlrun import EXIT_FAILED, EXIT_OK, EXIT_USAGE, add_crawl_options, crawl_settings, run_crawl, summary


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="crawl the bundled pages, served as a small news site on loopback, into JSONL (offline)",
        description="Serve the bundled fixture pages as a news site on 127.0.0.1 and crawl it end to end.",
    )
    add_crawl_options(parser)
    parser.set_defaults(func=run)


def _site_paths(base: str, news_site: Any) -> str:
    """A regex of the demo site's section and article URLs (TOML literal string: no single quotes)."""
    sections = "|".join(sorted({re.escape(article.section) for article in news_site.articles}))
    return f"^{re.escape(base)}/({sections})/([A-Za-z0-9_-]+\\.html)?$"


def run(args: argparse.Namespace) -> int:
    from crawler.tools.demo import demo_site  # noqa: PLC0415
    from crawler.tools.demo.server import Site  # noqa: PLC0415

    with Site() as site, tempfile.TemporaryDirectory(prefix="crawler-demo-") as tmp:
        news_site = demo_site()
        news_site.install(site)
        sources = Path(tmp) / "demo-sources.toml"
        sources.write_text(
            "[[sources]]\n"
            'name = "demo"\n'
            f'start_urls = ["{site.base}/"]\n'
            f'feeds = ["{site.base}/feeds/rss.xml", "{site.base}/feeds/atom.xml"]\n'
            'sitemaps = ["robots"]\n'
            # The saved pages keep their own sites' relative links; follow only this site's paths.
            f"allow = ['{_site_paths(site.base, news_site)}']\n",
            encoding="utf-8",
        )
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        # The demo site is our own, on loopback: let the network guard through, and no need to wait
        # between requests (robots.txt, retries and the rest stay as in a real crawl).
        demo_settings = {
            "NEWS_ALLOW_PRIVATE_NETWORKS": "True", "DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False",
            "NEWS_PROGRESS_INTERVAL": "5",
            # Its own crawl state: the demo site's port changes every run, so a kept state would not help.
            "NEWS_STATE_PATH": str(Path(tmp) / "state.sqlite3"),
        }
        args.set = [f"{name}={value}" for name, value in demo_settings.items()] + list(args.set)
        try:
            settings = crawl_settings(args, default_output=f"out/demo-{stamp}.jsonl")
        except ValueError as exc:
            print(f"crawler demo: {exc}", file=sys.stderr)
            return EXIT_USAGE
        print(f"Serving {len(news_site.articles)} article pages at {site.base}/ ; crawling...", file=sys.stderr)
        stats = run_crawl(settings, sources=str(sources))
    outputs = [str(Path(uri).resolve()) if "://" not in uri else uri for uri in settings.getdict("FEEDS")]
    print(summary(stats, outputs))
    return EXIT_OK if stats.get("finish_reason") == "finished" else EXIT_FAILED
