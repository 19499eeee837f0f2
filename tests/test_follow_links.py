"""Crawl budget: a source whose discovery is its sitemaps or feeds does not follow the links of its
article pages (``follow_links``, docs/crawl.md), and the run summary counts the links followed."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from crawler.tools.demo.server import Site

from tests.crawlsite import build_crawl_site, crawl_command, run_crawl
from tests.test_crawl_messages import printed_counts

pytestmark = pytest.mark.slow

ONLY_LINKED_FROM_ARTICLES = ("/", "/tag/economy/", "/author/alex-writer/")
"""The home page (each article's navigation) and the tag and author pages are in no sitemap."""


def crawl(tmp: Path, name: str, keys: str) -> tuple[Counter[str], dict[str, Any], str]:
    """``crawler crawl`` of one source ``keys`` (TOML lines, ``{base}`` the site) on the test site."""
    with Site() as site:
        build_crawl_site(site)
        sources = tmp / f"{name}.toml"
        sources.write_text('[[sources]]\nname = "gazette"\n' + keys.format(base=site.base) + "\n")
        summary_file = tmp / f"{name}-summary.json"
        command = crawl_command(sources, tmp / f"{name}.jsonl", tmp / f"{name}-stats.json",
                                {"NEWS_SUMMARY_FILE": str(summary_file)}, use_scrapy=False,
                                state=tmp / f"{name}.sqlite3")
        log = tmp / f"{name}.log"
        result = run_crawl(command, log)
        requests = Counter(site.requests)
    text = log.read_text()
    assert result.returncode == 0, text[-3000:]
    return requests, json.loads(summary_file.read_text())["sources"]["gazette"], text


SITEMAP = 'sitemaps = ["{base}/sitemap_index.xml"]'


def test_sitemap_only_source_does_not_follow_article_links(tmp_path: Path) -> None:
    requests, source, log = crawl(tmp_path, "sitemap", SITEMAP)
    assert requests["/sitemaps/news.xml.gz"] == 1 and source["articles_emitted"]["new"] == 10
    assert not [path for path in ONLY_LINKED_FROM_ARTICLES if requests[path]], requests
    assert source["followed_links"] == 0
    assert printed_counts(log, "gazette")["followed links"] == 0


def test_follow_links_true_follows_article_links_and_counts_them(tmp_path: Path) -> None:
    requests, source, log = crawl(tmp_path, "follow", SITEMAP + "\nfollow_links = true")
    assert all(requests[path] for path in ONLY_LINKED_FROM_ARTICLES), requests
    assert requests["/business/moved-story.html"] == 1  # reached from the home page, itself a link
    assert source["followed_links"] >= len(ONLY_LINKED_FROM_ARTICLES)
    assert printed_counts(log, "gazette")["followed links"] == source["followed_links"]


def test_start_urls_only_source_follows_links_by_default(tmp_path: Path) -> None:
    requests, source, _ = crawl(tmp_path, "start", 'start_urls = ["{base}/"]')
    assert requests["/tag/economy/"] and requests["/author/alex-writer/"]  # linked from articles only
    assert source["followed_links"] > 0 and source["articles_emitted"]["new"] == 12


def test_start_pages_are_followed_beside_a_feed(tmp_path: Path) -> None:
    """A mixed source discovers from its start page and the listings below it, not from its articles."""
    requests, source, _ = crawl(tmp_path, "mixed", 'start_urls = ["{base}/"]\nfeeds = ["{base}/feeds/rss.xml"]')
    assert requests["/business/moved-story.html"] == 1  # via the home page's redirect link
    assert not requests["/tag/economy/"] and not requests["/author/alex-writer/"]
    assert source["followed_links"] > 0 and source["articles_emitted"]["new"] == 12
