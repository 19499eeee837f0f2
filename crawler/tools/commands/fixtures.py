"""`crawler fixtures [--dir DIR] check|update|add`: the fixture regression corpus from the command line.

``--dir`` names the corpus folder; the default is the repository's ``fixtures/`` when run from a
checkout (an installed package has none to write into: then ``--dir`` is required). ``add URL`` fetches
the page like ``crawler fetch`` does, through the crawl's Scrapy stack (network boundary, robots.txt,
user agent, timeouts, ``-s`` settings), with the same exit statuses: 2 bad usage, 3 could not fetch.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.tools import fixtures
from crawler.tools.crawlrun import add_set_option, parse_overrides
from crawler.tools.pagefetch import FetchFailed, fetch_page, url_problem

EXIT_OK = 0
EXIT_DIFFERS = 1
EXIT_USAGE = 2
EXIT_FETCH = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "fixtures",
        help="check, re-bless or add fixture pages (saved pages with expected records)",
        description="The fixture regression corpus: DIR/<site>/<name>.html[.gz] with <name>.json and meta.info.",
    )
    parser.add_argument("--dir", dest="dir", type=Path, default=None, metavar="DIR",
                        help="the fixtures folder (default: the project's fixtures/ when run from a checkout)")
    parser.add_argument("--root", dest="dir", type=Path, help=argparse.SUPPRESS)  # the former name
    actions = parser.add_subparsers(dest="action", metavar="ACTION")

    check = actions.add_parser("check", help="diff every fixture's current record against its expected JSON")
    check.add_argument("name", nargs="?", help="only this fixture (site/name, site or name)")
    check.set_defaults(func=run_check)

    update = actions.add_parser("update", help="rewrite expected JSON from current output (keeps checks)")
    update.add_argument("name", nargs="?", help="only this fixture (site/name, site or name)")
    update.set_defaults(func=run_update)

    add = actions.add_parser("add", help="save a page (URL or --file) with its current record for review")
    add.add_argument("url", nargs="?", help="fetch this URL (through the crawl's Scrapy stack, as crawler fetch)")
    add.add_argument("--file", type=Path, help="a saved page instead of fetching")
    add.add_argument("--url", dest="page_url", help="the URL the --file page was saved from")
    add.add_argument("--site", help="site folder, a slug (default: from the URL's host)")
    add.add_argument("--name", help="fixture name, a slug (default: from the URL's path)")
    add_set_option(add)
    add.set_defaults(func=run_add)

    parser.set_defaults(func=lambda args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def _error(action: str, message: str, status: int = EXIT_USAGE) -> int:
    print(f"crawler fixtures{' ' + action if action else ''}: {message}", file=sys.stderr)
    return status


def _folder(args: argparse.Namespace, must_exist: bool) -> Path | None:
    """The corpus folder of this run; None (after saying why) when there is none to use."""
    folder = args.dir if args.dir is not None else fixtures.default_dir()
    if folder is None:
        _error(args.action, "no fixtures folder: give --dir DIR (the project's fixtures/ is the default only "
               "when run from a checkout)")
        return None
    if must_exist and not folder.is_dir():
        _error(args.action, f"no fixtures folder at {folder}")
        return None
    return folder


def _no_match(args: argparse.Namespace) -> int:
    return _error("", f"no fixture matches {args.name!r}")


def run_check(args: argparse.Namespace) -> int:
    folder = _folder(args, must_exist=True)
    if folder is None:
        return EXIT_USAGE
    results = fixtures.check(folder, args.name)
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
    folder = _folder(args, must_exist=True)
    if folder is None:
        return EXIT_USAGE
    if args.name and not any(True for _ in fixtures.iter_fixtures(folder, args.name)):
        return _no_match(args)
    changed = fixtures.update(folder, args.name)
    for fid in changed:
        print(f"updated {fid}")
    print(f"{len(changed)} expected file(s) rewritten; review with git diff {folder}")
    return EXIT_OK


def _page(args: argparse.Namespace) -> tuple[bytes, str] | int:
    """The page bytes and URL to save, or the exit status of the error already reported."""
    if args.file is not None:
        if args.url or not args.page_url:
            return _error("add", "--file needs --url URL (and no positional URL)")
        if problem := url_problem(args.page_url):
            return _error("add", f"--url: {problem}")
        try:
            return args.file.read_bytes(), args.page_url
        except OSError as exc:
            return _error("add", f"cannot read {args.file}: {exc.strerror}")
    if not args.url:
        return _error("add", "give a URL or --file PAGE --url URL")
    if problem := url_problem(args.url):
        return _error("add", problem)
    try:
        overrides = parse_overrides(args.set)
    except ValueError as exc:
        return _error("add", str(exc))
    try:
        _, body, _ = fetch_page(args.url, overrides, prog="crawler fixtures add")
    except FetchFailed as exc:
        return _error("add", str(exc), EXIT_FETCH)
    return body, args.url


def run_add(args: argparse.Namespace) -> int:
    for kind in ("site", "name"):  # before any fetch: a bad name would waste it
        value = getattr(args, kind)
        if value is not None:
            try:
                fixtures.check_slug(kind, value)
            except ValueError as exc:
                return _error("add", str(exc))
    folder = _folder(args, must_exist=False)
    if folder is None:
        return EXIT_USAGE
    page = _page(args)
    if isinstance(page, int):
        return page
    html, url = page
    try:
        fixture = fixtures.add(html, url, site=args.site, name=args.name, root=folder)
    except (FileExistsError, ValueError) as exc:
        return _error("add", str(exc))
    print(f"added {fixture.id}: {fixture.page_path}")
    print(f"review {fixture.expected_path} and fill in its checks lists")
    return EXIT_OK
