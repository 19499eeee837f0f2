"""`crawler crawl [SOURCES_FILE] [-o FILE | -O FILE] [-s NAME=VALUE] [-L LEVEL] [--jobdir DIR] [--state FILE] [--full]`

The friendly face of ``scrapy crawl news -a sources=FILE``: the same spider, settings and pipelines,
with the sources file checked before anything starts, and a short summary at the end. Without a
sources file it runs the offline demo (``crawler demo``).

Without ``-o``/``-O`` each run writes a new file, ``out/<sources>/<date>/<run_id>.jsonl``
(``NEWS_DEFAULT_FEEDS``), with its run summary beside it (``<run_id>.summary.json``).

Exit status: 0 done; 1 the crawl failed (or the state file cannot be used); 2 usage error (bad
sources file or option); 3 a source failed entirely (every request failed, or robots.txt forbade
everything); 4 a source failed a health check (with ``NEWS_HEALTH_EXIT_STATUS`` on); 75 another run holds the state's lock (nothing was crawled; try again later).
"""
from __future__ import annotations

import argparse
import sys
from typing import Any

from crawler.tools.commands import demo
from crawler.tools.crawlrun import (
    EXIT_FAILED,
    EXIT_LOCKED,
    EXIT_OK,
    EXIT_SOURCE_FAILED,
    EXIT_USAGE,
    add_crawl_options,
    crawl_settings,
    run_crawl,
    summary,
)


EXIT_CODES = """exit codes:
  0   the run finished
  1   the crawl failed (stopped early, write error, unusable state file)
  2   usage error: bad sources file, option or -s value; -O over articles the state counts as written
  3   a source failed entirely (every request failed, or robots.txt forbade everything)
  75  another run holds the state's lock: nothing was crawled (try again later)"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "crawl",
        help="crawl the sites of a sources file into JSONL (no file: the offline demo)",
        description="Crawl the news sites listed in SOURCES_FILE (TOML) and write each article once as a JSONL line.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("sources", nargs="?", metavar="SOURCES_FILE", help="sources TOML file; omit to run the demo")
    add_crawl_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.sources is None:
        return demo.run(args)
    from crawler.crawl.sources import SourcesError, load_sources  # noqa: PLC0415

    try:
        load_sources(args.sources)
    except SourcesError as exc:
        print(f"crawler crawl: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        settings = crawl_settings(args, default_output=None)
    except ValueError as exc:
        print(f"crawler crawl: {exc}", file=sys.stderr)
        return EXIT_USAGE
    stats = run_crawl(settings, sources=args.sources)
    return health_exit(report(stats), stats, settings)


def health_exit(code: int, stats: dict[str, Any], settings: Any) -> int:
    """``EXIT_HEALTH_FAILED`` instead of success when a source fails a health check and
    ``NEWS_HEALTH_EXIT_STATUS`` is on (docs/monitoring.md)."""
    from crawler.crawl.health.extension import EXIT_HEALTH_FAILED  # noqa: PLC0415

    failing = (stats.get("summary") or {}).get("failing_sources") or []
    for name in failing:
        print(f"  HEALTH failing source {name} (see its health in the summary)")
    return EXIT_HEALTH_FAILED if code == EXIT_OK and failing and settings.getbool("NEWS_HEALTH_EXIT_STATUS") else code


def report(stats: dict[str, Any]) -> int:
    """Print the outcome of a run; returns the exit status."""
    from crawler.crawl.outputguard import OutputWouldLoseArticles  # noqa: PLC0415
    from crawler.crawl.state import StateLocked  # noqa: PLC0415

    error = stats.get("error")
    if error is not None:
        print(f"crawler crawl: {error}", file=sys.stderr)
        if isinstance(error, OutputWouldLoseArticles):
            return EXIT_USAGE
        return EXIT_LOCKED if isinstance(error, StateLocked) else EXIT_FAILED
    run_summary = stats.get("summary") or {}
    print(summary(stats, run_summary.get("outputs", [])))
    for path in run_summary.get("summary_files", []):
        print(f"  summary: {path}")
    if stats.get("finish_reason") != "finished":
        return EXIT_FAILED
    return EXIT_SOURCE_FAILED if run_summary.get("failed_sources") else EXIT_OK
