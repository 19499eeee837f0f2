"""`crawler fetch URL` / `crawler fetch --file PAGE.html [--url URL]`: one page, one article record.

A URL is fetched through the crawl's own Scrapy stack (the project settings: user agent, robots.txt,
retries, timeouts, network boundary); the page is then given to ``crawler.extract_article``, the
function the crawl pipelines call.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter

from crawler.extraction.errors import NotAnArticle
from crawler.extraction.extract import extract_article
from crawler.extraction.parsing import MAX_PAGE_CHARS
from crawler.items import Article
from crawler.tools.crawlrun import add_set_option, parse_overrides
from crawler.tools.pagefetch import FetchFailed, fetch_page, url_problem

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_FETCH_FAILED = 3
EXIT_NO_ARTICLE = 4


FORMAT_HELP = (
    "json: the whole record, every field (default); text: the title and the text, plain; "
    "markdown: the title as a heading, the byline and date, the text and a link to the source"
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "fetch",
        help="fetch one page (or read a saved one) and print its article record",
        description="Fetch one news page through the crawl's Scrapy stack, or read a saved page with --file, "
        "and print its article record. Exit codes: 0 ok, 2 bad usage, 3 could not fetch, 4 no article found.",
    )
    parser.add_argument("url", nargs="?", metavar="URL", help="page to fetch (http or https)")
    parser.add_argument("--file", metavar="PAGE", help="read a saved page instead of fetching (offline; - reads stdin)")
    parser.add_argument("--url", dest="page_url", metavar="URL", help="with --file: the URL the page was saved from")
    parser.add_argument("--format", choices=("json", "text", "markdown"), default="json", help=FORMAT_HELP)
    add_set_option(parser)
    parser.set_defaults(func=run)


def render(article: Article, fmt: str) -> str:
    """The record as JSON, or its title and text as plain text or Markdown."""
    if fmt == "json":
        return json.dumps(ItemAdapter(article).asdict(), ensure_ascii=False, indent=2)
    if fmt == "text":
        return f"{article.title or ''}\n\n{article.text}".strip()
    byline = " · ".join(part for part in (", ".join(article.authors), article.date_published or "") if part)
    header = f"# {article.title or '(untitled)'}\n\n" + (f"*{byline}*\n\n" if byline else "")
    source = f"\n\nSource: <{article.canonical_url or article.url}>" if (article.canonical_url or article.url) else ""
    return header + article.text + source


def _usage(message: str) -> int:
    print(f"crawler fetch: {message}", file=sys.stderr)
    return EXIT_USAGE


def read_page(path: str) -> bytes:
    """A saved page's bytes; ``-`` is standard input. No more than a page the extraction accepts can
    take (``MAX_PAGE_CHARS`` characters of four bytes at most) and one byte: ``/dev/zero`` or a 3 GB
    file is refused as too large, not read into memory."""
    limit = MAX_PAGE_CHARS * 4 + 1
    if path == "-":
        return sys.stdin.buffer.read(limit)
    with Path(path).open("rb") as page:
        return page.read(limit)


def run(args: argparse.Namespace) -> int:
    if bool(args.url) == bool(args.file):
        return _usage("give either URL or --file PAGE")
    try:
        overrides = parse_overrides(args.set)
    except ValueError as exc:
        return _usage(str(exc))
    if args.file:
        if args.page_url and (problem := url_problem(args.page_url)):
            return _usage(f"--url: {problem}")
        try:
            body, url, content_type = read_page(args.file), args.page_url, None
        except OSError as exc:
            return _usage(f"cannot read {args.file}: {exc.strerror}")
        what = "standard input" if args.file == "-" else args.file
    else:
        if problem := url_problem(args.url):
            return _usage(problem)
        try:
            url, body, content_type = fetch_page(args.url, overrides)
        except FetchFailed as exc:
            print(f"crawler fetch: {exc}", file=sys.stderr)
            return EXIT_FETCH_FAILED
        what = url
    try:
        article = extract_article(body, url, content_type=content_type)
    except NotAnArticle as exc:
        print(f"crawler fetch: no article found in {what}: {exc}", file=sys.stderr)
        return EXIT_NO_ARTICLE
    print(render(article, args.format))
    return EXIT_OK
