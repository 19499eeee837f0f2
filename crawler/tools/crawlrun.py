"""Running the news spider from a command: the options, settings, run and summary ``crawler crawl``
and ``crawler demo`` share, and their exit statuses (``crawler fetch`` reads ``-s`` options the same way).

Its own module so that the commands import it, never each other.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_SOURCE_FAILED = 3
EXIT_LOCKED = 75


def add_crawl_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", action="append", default=[], metavar="FILE",
                        help="append articles to FILE (Scrapy feed URI, e.g. out.jsonl)")
    parser.add_argument("-O", "--overwrite-output", action="append", default=[], metavar="FILE",
                        help="write articles to FILE, replacing it (never a file holding articles the crawl state "
                        "counts as written: use -o for those)")
    add_set_option(parser)
    parser.add_argument("-L", "--loglevel", choices=("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"), type=str.upper,
                        help="log level (default: progress lines, warnings and errors; INFO: Scrapy's log too)")
    parser.add_argument("--jobdir", metavar="DIR", help="keep the crawl state in DIR so it can be paused and resumed")
    parser.add_argument("--state", metavar="FILE",
                        help="crawl state between runs (NEWS_STATE_PATH, default .crawler/state.sqlite3)")
    parser.add_argument("--full", action="store_true",
                        help="full recrawl: no conditional requests or date skips (still emits only new/changed)")


def add_set_option(parser: argparse.ArgumentParser) -> None:
    """``-s NAME=VALUE`` (read with ``parse_overrides``)."""
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a Scrapy or NEWS_* setting (repeatable)")


def project_settings() -> Any:
    """The project's Scrapy settings (``crawler.settings`` unless ``SCRAPY_SETTINGS_MODULE`` names others)."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from scrapy.utils.project import get_project_settings  # noqa: PLC0415

    return get_project_settings()


def parse_overrides(items: list[str]) -> dict[str, str]:
    """``-s NAME=VALUE`` options as a dict; ValueError names a malformed one or a value its setting
    cannot take (``crawler.crawl.settingcheck``). An unknown ``NEWS_*`` name is warned about on stderr."""
    from crawler.crawl.settingcheck import check_overrides  # noqa: PLC0415

    overrides = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise ValueError(f"-s expects NAME=VALUE, got {item!r}")
        overrides[name.strip()] = value
    for warning in check_overrides(overrides):
        print(f"crawler: {warning}", file=sys.stderr)
    return overrides


def crawl_settings(args: argparse.Namespace, default_output: str | None) -> Any:
    """Project settings with the command-line options applied (as Scrapy's ``crawl`` command does)."""
    from scrapy.utils.conf import feed_process_params_from_cli  # noqa: PLC0415

    settings = project_settings()
    settings.setdict(parse_overrides(args.set), priority="cmdline")
    settings.set("NEWS_SETTINGS_CHECKED", True, priority="cmdline")  # checked and warned: no second round in the log
    if getattr(args, "loglevel", None):
        settings.set("LOG_LEVEL", args.loglevel, priority="cmdline")
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

    from crawler.compat.scrapy import import_download_handlers
    from crawler.crawl.extensions.runsummary import RunSummary  # noqa: PLC0415
    from crawler.tools.quietlog import quiet_by_default, show_progress  # noqa: PLC0415

    import_download_handlers()  # here, not deep in the event loop (0.3 s of start-up)
    quiet = quiet_by_default(settings)
    process = CrawlerProcess(settings)
    if quiet:
        show_progress(settings)
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
    """The closing lines of a run; the counts of each source are those of its summary JSON."""
    from crawler.crawl.extensions.progress import source_counts  # noqa: PLC0415
    from spiders.failures import REFUSALS  # noqa: PLC0415

    written = stats.get("news/articles", 0)
    where = f"-> {', '.join(outputs) or '(no output)'}" if written else "(nothing new; no file written)"
    lines = [f"Articles written: {written} {where}"]
    emitted = stats.get("summary") or {}
    sources = emitted.get("sources") or {}
    for name, source in sorted(sources.items()):
        lines.append(f"  {name}: {source_line(source)}")
    for source_name, counts in sorted(source_counts(stats).items()) if not sources else ():
        lines.append(
            f"  {source_name}: {counts['pages']} pages, {counts['articles']} articles, {counts['dropped']} dropped, "
            f"{counts['duplicates']} duplicates, {counts['errors']} errors"
        )
    drops = {k.rpartition("/")[2]: v for k, v in stats.items() if k.startswith("news/dropped/")}
    dups = {k.rpartition("/")[2]: v for k, v in stats.items() if k.startswith("news/duplicates/")}
    errors: Counter[str] = Counter()
    refused: Counter[str] = Counter()
    for source in sources.values():
        for role, kinds in source.get("errors", {}).items():
            errors.update({f"{role} {kind}": n for kind, n in kinds.items()})
        refused.update({name: source.get("failed_requests", {}).get(kind, 0) for kind, name in REFUSALS.items()})
    if drops:
        lines.append("  dropped: " + ", ".join(f"{k} {v}" for k, v in sorted(drops.items())))
    if dups:
        lines.append("  duplicates: " + ", ".join(f"{k} {v}" for k, v in sorted(dups.items())))
    for label, counter in (("errors", errors), ("not errors", refused)):
        if +counter:
            lines.append(f"  {label}: " + ", ".join(f"{k} {v}" for k, v in sorted((+counter).items())))
    if emitted:
        counts = emitted["articles_emitted"]
        lines.append(
            f"  new {counts['new']}, updated {counts['updated']}, "
            + ", ".join(f"{label} {sum(s[key] for s in sources.values())}" for key, label in TOTALS)
            + f"; run {emitted['run_id']}"
        )
        for name in emitted["failed_sources"]:
            lines.append(f"  FAILED source {name}: no request succeeded")
    lines.append(f"  finished: {stats.get('finish_reason', '?')}")
    return "\n".join(lines)


TOTALS = (("not_modified", "not modified"), ("unchanged", "unchanged"), ("skipped_unchanged", "skipped unchanged"))
"""Counts of the run summary's sources the closing totals line adds up (key, printed name)."""


def source_line(source: dict[str, Any]) -> str:
    """One source's counts, as its run summary JSON has them."""
    emitted = source["articles_emitted"]
    errors = sum(n for kinds in source.get("errors", {}).values() for n in kinds.values())
    return (
        f"{source['pages_fetched']} pages fetched, {source['not_modified']} not modified, "
        f"{source['skipped_unchanged']} skipped unchanged, {emitted['new'] + emitted['updated']} articles "
        f"({emitted['new']} new, {emitted['updated']} updated), {source['unchanged']} unchanged, "
        f"{sum(source['dropped'].values())} dropped, {sum(source['duplicates'].values())} duplicates, {errors} errors, "
        f"{source.get('followed_links', 0)} followed links"
    )
