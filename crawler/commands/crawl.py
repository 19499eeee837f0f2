"""`crawler crawl [SOURCES_FILE] [-o FILE | -O FILE] [-s NAME=VALUE] [--jobdir DIR]`

The friendly face of ``scrapy crawl news -a sources=FILE``: the same spider, settings and pipelines,
with the sources file checked before anything starts, and a short summary at the end. Without a
sources file it runs the offline demo (``crawler demo``).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "crawl",
        help="crawl the sites of a sources file into JSONL (no file: the offline demo)",
        description="Crawl the news sites listed in SOURCES_FILE (TOML) and write each article once as a JSONL line.",
    )
    parser.add_argument("sources", nargs="?", metavar="SOURCES_FILE", help="sources TOML file; omit to run the demo")
    add_crawl_options(parser)
    parser.set_defaults(func=run)


def add_crawl_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", action="append", default=[], metavar="FILE",
                        help="append articles to FILE (Scrapy feed URI, e.g. out.jsonl)")
    parser.add_argument("-O", "--overwrite-output", action="append", default=[], metavar="FILE",
                        help="write articles to FILE, replacing it")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a Scrapy or NEWS_* setting (repeatable)")
    parser.add_argument("--jobdir", metavar="DIR", help="keep the crawl state in DIR so it can be paused and resumed")


def crawl_settings(args: argparse.Namespace, default_output: str) -> Any:
    """Project settings with the command-line options applied (as Scrapy's ``crawl`` command does)."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from scrapy.utils.conf import feed_process_params_from_cli  # noqa: PLC0415
    from scrapy.utils.project import get_project_settings  # noqa: PLC0415

    settings = get_project_settings()
    overrides = {}
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise ValueError(f"-s expects NAME=VALUE, got {item!r}")
        overrides[name] = value
    settings.setdict(overrides, priority="cmdline")
    if args.jobdir:
        settings.set("JOBDIR", args.jobdir, priority="cmdline")
    outputs, overwrite = list(args.output), list(args.overwrite_output)
    if not outputs and not overwrite:
        overwrite = [default_output] if not args.jobdir else []
        outputs = [default_output] if args.jobdir else []
    feeds = feed_process_params_from_cli(settings, outputs, overwrite_output=overwrite)
    settings.set("FEEDS", feeds, priority="cmdline")
    return settings


def run_crawl(settings: Any, sources: str) -> dict[str, Any]:
    """Run the news spider over a sources file in this process; returns the final stats."""
    from scrapy.crawler import CrawlerProcess  # noqa: PLC0415

    process = CrawlerProcess(settings)
    crawler = process.create_crawler("news")
    final: dict[str, Any] = {}

    def keep_stats(reason: str) -> None:
        final.update(crawler.stats.get_stats())
        final["finish_reason"] = reason

    from scrapy import signals  # noqa: PLC0415

    crawler.signals.connect(keep_stats, signal=signals.spider_closed)
    process.crawl(crawler, sources=sources)
    process.start()
    return final


def summary(stats: dict[str, Any], outputs: list[str]) -> str:
    from crawler.extensions.progress import source_counts  # noqa: PLC0415

    lines = [f"Articles written: {stats.get('news/articles', 0)} -> {', '.join(outputs) or '(no output)'}"]
    for source, counts in sorted(source_counts(stats).items()):
        lines.append(
            f"  {source}: {counts['pages']} pages, {counts['articles']} articles, {counts['dropped']} dropped, "
            f"{counts['duplicates']} duplicates, {counts['errors']} errors"
        )
    drops = {k.rpartition("/")[2]: v for k, v in stats.items() if k.startswith("news/dropped/")}
    dups = {k.rpartition("/")[2]: v for k, v in stats.items() if k.startswith("news/duplicates/")}
    if drops:
        lines.append("  dropped: " + ", ".join(f"{k} {v}" for k, v in sorted(drops.items())))
    if dups:
        lines.append("  duplicates: " + ", ".join(f"{k} {v}" for k, v in sorted(dups.items())))
    lines.append(f"  finished: {stats.get('finish_reason', '?')}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if args.sources is None:
        from .demo import run as run_demo  # noqa: PLC0415

        return run_demo(args)
    from crawler.sources import SourcesError, load_sources  # noqa: PLC0415

    try:
        load_sources(args.sources)
    except SourcesError as exc:
        print(f"crawler crawl: {exc}", file=sys.stderr)
        return EXIT_USAGE
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    try:
        settings = crawl_settings(args, default_output=f"out/{Path(args.sources).stem}-{stamp}.jsonl")
    except ValueError as exc:
        print(f"crawler crawl: {exc}", file=sys.stderr)
        return EXIT_USAGE
    stats = run_crawl(settings, sources=args.sources)
    print(summary(stats, list(settings.getdict("FEEDS"))))
    return EXIT_OK if stats.get("finish_reason") == "finished" else EXIT_FAILED
