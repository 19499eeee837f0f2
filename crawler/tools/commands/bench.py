"""`crawler bench DATASET_DIR`: our extraction beside plain trafilatura on a benchmark dataset.

The evaluation itself is ``crawler/tools/evaluation/``; the crawl, metadata and classification benchmarks
are scripts in the top-level ``benchmarks/``.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from crawler.tools.evaluation import load_dataset, run_pages
from crawler.tools.evaluation.datasets import ALL, SPLITS, DatasetError
from crawler.tools.evaluation.report import format_behind, format_meta_misses, format_summary, format_worst
from crawler.tools.evaluation.report import score, summarize, to_json
from crawler.tools.evaluation.runner import OURS, SYSTEMS, select_systems

EXIT_OK = 0
EXIT_USAGE = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "bench",
        help="benchmark extract_article against trafilatura on a dataset",
        description=(
            "Run extract_article, trafilatura.extract (default and favor_precision) and, where the "
            "gold has metadata, trafilatura's bare_extraction(with_metadata=True) on every page of "
            "DATASET_DIR, read in place: an ACE set (ground-truth.json + html/<id>.html.gz) or a "
            "trafilatura evaluation set (evaldata.json + pages/<file>.gz). Prints quality, time per "
            "page (only with --jobs 1) and the worst pages."
        ),
    )
    parser.add_argument("dataset", type=Path, metavar="DATASET_DIR")
    parser.add_argument(
        "--split", choices=SPLITS, default=ALL,
        help="pages of one half by site (hash of the host): tune on 'tune', judge on 'validation' (default all)",
    )  # fmt: skip
    parser.add_argument("--limit", type=_positive, help="only the first N pages")
    parser.add_argument(
        "--jobs", type=_positive, default=1,
        help="worker processes (default 1; with more, quality only: times are not reported)",
    )  # fmt: skip
    parser.add_argument("--worst", type=int, default=10, metavar="N", help="list the N worst pages (default 10)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write every per-page result to OUT")
    parser.add_argument(
        "--systems", type=_names, metavar="NAMES",
        help=f"comma-separated systems to run (default all: {','.join(s.name for s in SYSTEMS)}); must include ours",
    )  # fmt: skip
    parser.add_argument("--no-meta", action="store_true", help="skip trafilatura's metadata run")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    parser.set_defaults(func=run)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def _names(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    try:
        select_systems(names)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if OURS not in names:
        raise argparse.ArgumentTypeError(f"the systems must include {OURS!r}")
    return names


def run(args: argparse.Namespace) -> int:
    try:
        dataset = load_dataset(args.dataset, limit=args.limit, split=args.split)
    except (DatasetError, OSError, ValueError) as exc:
        print(f"crawler bench: {exc}", file=sys.stderr)
        return EXIT_USAGE
    results = run_pages(
        dataset.pages,
        jobs=args.jobs,
        with_meta=not args.no_meta,
        progress=not args.no_progress,
        systems=args.systems,
    )
    scored = score(dataset.format, results)
    summary = summarize(dataset.format, scored, timing=args.jobs == 1)
    sections = [
        format_summary(dataset, summary),
        format_worst(dataset.format, scored, args.worst),
        format_behind(dataset.format, scored, args.worst),
        format_meta_misses(scored, min(args.worst, 5)),
    ]
    print("\n\n".join(section for section in sections if section))
    if args.json:
        args.json.write_text(json.dumps(to_json(dataset, summary, scored), ensure_ascii=False, indent=1), "utf-8")
        print(f"\nper-page results: {args.json}")
    return EXIT_OK
