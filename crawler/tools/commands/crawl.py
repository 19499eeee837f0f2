"""`crawler crawl [SOURCES_FILE] [-o FILE | -O FILE] [-s NAME=VALUE] [--jobdir DIR] [--state FILE] [--full]`

The friendly face of ``scrapy crawl news -a sources=FILE``: the same spider, settings and pipelines,
with the sources file checked before anything starts, and a short summary at the end. Without a
sources file it runs the offline demo (``crawler demo``).

Without ``-o``/``-O`` each run writes a new file, ``out/<sources>/<date>/<run_id>.jsonl``
(``NEWS_DEFAULT_FEEDS``), with its run summary beside it (``<run_id>.summary.json``).

Exit status: 0 done; 1 the crawl failed (or the state file cannot be used); 2 usage error (bad
sources file or option); 3 a source failed entirely (every request failed, or robots.txt forbade
everything); 75 another run holds the state's lock (nothing was crawled; try again later).
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_SOURCE_FAILED = 3
EXIT_LOCKED = 75


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
    parser.add_argument("--state", metavar="FILE",
                        help="crawl state between runs (NEWS_STATE_PATH, default .crawler/state.sqlite3)")
    parser.add_argument("--full", action="store_true",
                        help="full recrawl: no conditional requests or date skips (still emits only new/changed)")


def parse_overrides(items: list[str]) -> dict[str, str]:
    """``-s NAME=VALUE`` options as a dict; ValueError names a malformed one."""
    overrides = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise ValueError(f"-s expects NAME=VALUE, got {item!r}")
        overrides[name] = value
    return overrides


def crawl_settings(args: argparse.Namespace, default_output: str | None) -> Any:
    """Project settings with the command-line options applied (as Scrapy's ``crawl`` command does)."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from scrapy.utils.conf import feed_process_params_from_cli  # noqa: PLC0415
    from scrapy.utils.project import get_project_settings  # noqa: PLC0415

    settings = get_project_settings()
    settings.setdict(parse_overrides(args.set), priority="cmdline")
    if args.jobdir:
        settings.set("JOBDIR", args.jobdir, priority="cmdline")
    if getattr(args, "state", None):
        settings.set("NEWS_STATE_PATH", args.state, priority="cmdline")
    if getattr(args, "full", False):
        settings.set("NEWS_FULL_RECRAWL", True, priority="cmdline")
    outputs, overwrite = list(args.output), list(args.overwrite_output)
    if not outputs and not overwrite and default_output:
        overwrite = [default_output] if not args.jobdir else []
        outputs = [default_output] if args.jobdir else []
    if outputs or overwrite:  # else the spider writes to NEWS_DEFAULT_FEEDS (one new file per run)
        feeds = feed_process_params_from_cli(settings, outputs, overwrite_output=overwrite)
        settings.set("FEEDS", feeds, priority="cmdline")
    return settings


def run_crawl(settings: Any, sources: str) -> dict[str, Any]:
    """Run the news spider over a sources file in this process; returns the final stats.

    Also ``"summary"``: the run summary (``crawler.crawl.extensions.runsummary``), and ``"error"``: the
    exception that kept the crawl from starting (``StateLocked``, ``StateError``...), if any.
    """
    from scrapy import signals  # noqa: PLC0415
    from scrapy.crawler import CrawlerProcess  # noqa: PLC0415

    from crawler.crawl.extensions.runsummary import RunSummary  # noqa: PLC0415

    process = CrawlerProcess(settings)
    crawler = process.create_crawler("news")
    final: dict[str, Any] = {}

    def keep_stats(reason: str) -> None:
        final.update(crawler.stats.get_stats())
        final["finish_reason"] = reason

    def keep_error(failure: Any) -> None:
        final["error"] = failure.value

    crawler.signals.connect(keep_stats, signal=signals.spider_closed)
    process.crawl(crawler, sources=sources).addErrback(keep_error)
    process.start()
    if "error" not in final:  # the crawl started: its extensions exist
        extension = crawler.get_extension(RunSummary)
        final["summary"] = extension.summary if extension is not None else None
    return final


def summary(stats: dict[str, Any], outputs: list[str]) -> str:
    from crawler.crawl.extensions.progress import source_counts  # noqa: PLC0415

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
    emitted = stats.get("summary") or {}
    if emitted:
        counts = emitted["articles_emitted"]
        lines.append(
            f"  new {counts['new']}, updated {counts['updated']}, not modified {stats.get('news/not_modified', 0)}, "
            f"skipped unchanged {stats.get('news/skipped/unchanged', 0)}; run {emitted['run_id']}"
        )
        for name in emitted["failed_sources"]:
            lines.append(f"  FAILED source {name}: no request succeeded")
    lines.append(f"  finished: {stats.get('finish_reason', '?')}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if args.sources is None:
        from crawler.tools.commands.demo import run as run_demo  # noqa: PLC0415

        return run_demo(args)
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
    return report(stats)


def report(stats: dict[str, Any]) -> int:
    """Print the outcome of a run; returns the exit status."""
    from crawler.crawl.state import StateLocked  # noqa: PLC0415

    error = stats.get("error")
    if error is not None:
        print(f"crawler crawl: {error}", file=sys.stderr)
        return EXIT_LOCKED if isinstance(error, StateLocked) else EXIT_FAILED
    run_summary = stats.get("summary") or {}
    print(summary(stats, run_summary.get("outputs", [])))
    for path in run_summary.get("summary_files", []):
        print(f"  summary: {path}")
    if stats.get("finish_reason") != "finished":
        return EXIT_FAILED
    return EXIT_SOURCE_FAILED if run_summary.get("failed_sources") else EXIT_OK
