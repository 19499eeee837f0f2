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
from crawler.items import Article
from crawler.tools.crawlrun import add_set_option, parse_overrides, project_settings

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_FETCH_FAILED = 3
EXIT_NO_ARTICLE = 4


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "fetch",
        help="fetch one page (or read a saved one) and print its article record",
        description="Fetch one news page through the crawl's Scrapy stack, or read a saved page with --file, "
        "and print its article record. Exit codes: 0 ok, 2 bad usage, 3 could not fetch, 4 no article found.",
    )
    parser.add_argument("url", nargs="?", metavar="URL", help="page to fetch (http or https)")
    parser.add_argument("--file", metavar="PAGE", help="read a saved page instead of fetching (offline)")
    parser.add_argument("--url", dest="page_url", metavar="URL", help="with --file: the URL the page was saved from")
    parser.add_argument("--format", choices=("json", "text", "markdown"), default="json", help="output format")
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


def _fetch_settings(overrides: list[str]) -> Any:
    settings = project_settings()
    values = parse_overrides(overrides)
    # One page: no pipelines, no feed, none of the crawl's run-level extensions; failures are reported
    # by the command itself (-s LOG_LEVEL=INFO shows Scrapy's log).
    settings.setdict({"ITEM_PIPELINES": {}, "FEEDS": {}, "NEWS_DEFAULT_FEEDS": {}, "LOG_LEVEL": "CRITICAL"},
                     priority="cmdline")
    settings.set("EXTENSIONS", {name: None for name in settings.getdict("EXTENSIONS")}, priority="cmdline")
    settings.setdict(values, priority="cmdline")
    return settings


class FetchFailed(Exception):
    """The page could not be fetched; the message names the URL and the cause."""


def fetch_page(url: str, overrides: list[str] | None = None) -> tuple[str, bytes, str | None]:
    """Fetch one URL with the project's Scrapy settings: (final URL, body, Content-Type)."""
    from scrapy.crawler import CrawlerProcess  # noqa: PLC0415

    from spiders.single_page import SinglePageSpider  # noqa: PLC0415

    result: dict[str, Any] = {}
    process = CrawlerProcess(_fetch_settings(overrides or []))
    process.crawl(SinglePageSpider, url=url, result=result)
    process.start()
    if "error" in result or "body" not in result:
        raise FetchFailed(f"could not fetch {url}: {result.get('error', 'no response')}")
    return result["url"], result["body"], result["content_type"]


def run(args: argparse.Namespace) -> int:
    if bool(args.url) == bool(args.file):
        print("crawler fetch: give either URL or --file PAGE", file=sys.stderr)
        return EXIT_USAGE
    if args.file:
        try:
            body, url, content_type = Path(args.file).read_bytes(), args.page_url, None
        except OSError as exc:
            print(f"crawler fetch: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
            return EXIT_USAGE
    else:
        if not args.url.startswith(("http://", "https://")):
            print(f"crawler fetch: not an http(s) URL: {args.url}", file=sys.stderr)
            return EXIT_USAGE
        try:
            url, body, content_type = fetch_page(args.url, args.set)
        except ValueError as exc:
            print(f"crawler fetch: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except FetchFailed as exc:
            print(f"crawler fetch: {exc}", file=sys.stderr)
            return EXIT_FETCH_FAILED
    try:
        article = extract_article(body, url, content_type=content_type)
    except NotAnArticle as exc:
        print(f"crawler fetch: no article found: {exc}", file=sys.stderr)
        return EXIT_NO_ARTICLE
    print(render(article, args.format))
    return EXIT_OK
