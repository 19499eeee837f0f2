"""`crawler fixtures check|update|add`: the fixture regression corpus from the command line."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.error import URLError

from crawler.tools import fixtures

EXIT_OK = 0
EXIT_DIFFERS = 1
EXIT_USAGE = 2
EXIT_FETCH = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "fixtures",
        help="check, re-bless or add fixture pages (saved pages with expected records)",
        description="The fixture regression corpus in fixtures/<site>/.",
    )
    parser.add_argument("--root", type=Path, default=None, help=argparse.SUPPRESS)
    actions = parser.add_subparsers(dest="action", metavar="ACTION")

    check = actions.add_parser("check", help="diff every fixture's current record against its expected JSON")
    check.add_argument("name", nargs="?", help="only this fixture (site/name, site or name)")
    check.set_defaults(func=run_check)

    update = actions.add_parser("update", help="rewrite expected JSON from current output (keeps checks)")
    update.add_argument("name", nargs="?", help="only this fixture (site/name, site or name)")
    update.set_defaults(func=run_update)

    add = actions.add_parser("add", help="save a page (URL or --file) with its current record for review")
    add.add_argument("url", nargs="?", help="fetch this URL")
    add.add_argument("--file", type=Path, help="a saved page instead of fetching")
    add.add_argument("--url", dest="page_url", help="the URL the --file page was saved from")
    add.add_argument("--site", help="site folder (default: from the URL's host)")
    add.add_argument("--name", help="fixture name (default: from the URL's path)")
    add.set_defaults(func=run_add)

    parser.set_defaults(func=lambda args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def _no_match(args: argparse.Namespace) -> int:
    print(f"crawler fixtures: no fixture matches {args.name!r}", file=sys.stderr)
    return EXIT_USAGE


def run_check(args: argparse.Namespace) -> int:
    results = fixtures.check(args.root, args.name)
    if not results:
        return _no_match(args) if args.name else EXIT_OK
    failing = [fid for fid, diff in results.items() if diff]
    for fid, diff in results.items():
        print(f"{'FAIL' if diff else 'ok  '} {fid}")
        if diff:
            print("    " + diff.replace("\n", "\n    "))
    print(f"{len(results) - len(failing)} of {len(results)} fixtures match their expected records")
    return EXIT_DIFFERS if failing else EXIT_OK


def run_update(args: argparse.Namespace) -> int:
    if args.name and not any(True for _ in fixtures.iter_fixtures(args.root, args.name)):
        return _no_match(args)
    changed = fixtures.update(args.root, args.name)
    for fid in changed:
        print(f"updated {fid}")
    print(f"{len(changed)} expected file(s) rewritten; review with git diff fixtures/")
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    if args.file is not None:
        if args.url or not args.page_url:
            print("crawler fixtures add: --file needs --url URL (and no positional URL)", file=sys.stderr)
            return EXIT_USAGE
        html, url = args.file.read_bytes(), args.page_url
    elif args.url:
        url = args.url
        try:
            html = fixtures.fetch(url)
        except (URLError, OSError, ValueError) as exc:
            print(f"crawler fixtures add: could not fetch {url}: {exc}", file=sys.stderr)
            return EXIT_FETCH
    else:
        print("crawler fixtures add: give a URL or --file PAGE --url URL", file=sys.stderr)
        return EXIT_USAGE
    try:
        fixture = fixtures.add(html, url, site=args.site, name=args.name, root=args.root)
    except FileExistsError as exc:
        print(f"crawler fixtures add: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"added {fixture.id}: {fixture.page_path}")
    print(f"review {fixture.expected_path} and fill in its checks lists")
    return EXIT_OK
