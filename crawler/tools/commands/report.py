"""`crawler report [-o report.html] [--state FILE] [--runs N] [-s NAME=VALUE]`

Writes the run-health report (``crawler.tools.report``): one self-contained HTML file, from the crawl
state a crawl would use (``NEWS_REDIS_URL`` when set, else ``NEWS_STATE_PATH``; or ``--state FILE``). Exit status: 0 written; 1 no usable
state; 2 usage error.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.tools.crawlrun import EXIT_FAILED, EXIT_OK, EXIT_USAGE, add_set_option, parse_overrides, project_settings

DEFAULT_RUNS = 20


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write the run-health report (HTML) from the crawl state",
        description="Write one self-contained HTML page with each source's health over its recent runs.",
    )
    parser.add_argument("-o", "--output", type=Path, default=Path("report.html"), metavar="FILE",
                        help="where to write the report (default report.html)")
    parser.add_argument("--state", metavar="FILE", help="crawl state to read (default: NEWS_STATE_PATH)")
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, metavar="N",
                        help=f"runs per source to chart (default {DEFAULT_RUNS})")
    add_set_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from crawler.crawl.config import default  # noqa: PLC0415
    from crawler.crawl.state import StateError, open_state  # noqa: PLC0415
    from crawler.tools.report.page import render  # noqa: PLC0415

    try:
        settings = project_settings()
        settings.setdict(parse_overrides(args.set), priority="cmdline")
    except ValueError as exc:
        print(f"crawler report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    redis_url = None if args.state else settings.get("NEWS_REDIS_URL", default("NEWS_REDIS_URL"))
    if redis_url:  # the state a crawl with these settings uses (docs/scale-out.md)
        from crawler.crawl.redisstores import connect  # noqa: PLC0415
        from crawler.common.urls import without_credentials  # noqa: PLC0415
        from crawler.crawl.state.redisstore import RedisStateStore  # noqa: PLC0415

        state = without_credentials(str(redis_url))
        try:
            store = RedisStateStore(connect(settings))
        except StateError as exc:
            print(f"crawler report: {exc}", file=sys.stderr)
            return EXIT_FAILED
    else:
        state = args.state or settings.get("NEWS_STATE_PATH")
        if not state:
            print("crawler report: no crawl state (NEWS_STATE_PATH is empty; give --state FILE)", file=sys.stderr)
            return EXIT_USAGE
        if not Path(state).is_file():
            print(f"crawler report: no crawl state at {state} (run a crawl first, or give --state FILE)",
                  file=sys.stderr)
            return EXIT_FAILED
        try:
            store = open_state(state)
        except StateError as exc:
            print(f"crawler report: {exc}", file=sys.stderr)
            return EXIT_FAILED
    try:
        history = {name: store.source_runs(name, max(1, args.runs))[::-1] for name in store.health_sources()}
    finally:
        store.close()
    try:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(render(history, str(state), args.output), encoding="utf-8")
    except OSError as exc:
        print(f"crawler report: cannot write {args.output}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    failing = [name for name, runs in history.items() if runs and runs[-1].health.get("status") == "failing"]
    print(f"wrote {args.output}: {len(history)} sources, {len(failing)} failing")
    return EXIT_OK
