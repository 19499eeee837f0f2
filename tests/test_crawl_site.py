"""End to end: crawl the test site (served on loopback) with `scrapy crawl news`, check output and stats."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from crawler.tools.demo.server import Site

from tests.crawlsite import CrawlSite, build_crawl_site, crawl_command, read_jsonl, run_crawl, write_sources

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("crawl")
    with Site() as site:
        test_site = build_crawl_site(site)
        sources = write_sources(tmp / "sources.toml", site.base)
        output, stats_file, log = tmp / "articles.jsonl", tmp / "stats.json", tmp / "crawl.log"
        result = run_crawl(crawl_command(sources, output, stats_file), log)
        requests = list(site.requests)
    assert result.returncode == 0, log.read_text()[-3000:]
    return {
        "site": test_site,
        "records": read_jsonl(output),
        "stats": json.loads(stats_file.read_text()),
        "requests": requests,
        "log": log.read_text(),
    }


def test_every_article_exactly_once(crawled: dict[str, Any]) -> None:
    site: CrawlSite = crawled["site"]
    titles = Counter(record["title"] for record in crawled["records"])
    assert set(titles) == site.expected_titles
    assert all(count == 1 for count in titles.values()), titles
    canonicals = Counter(record["canonical_url"] for record in crawled["records"])
    assert all(count == 1 for count in canonicals.values())


def test_no_non_article_record(crawled: dict[str, Any]) -> None:
    for record in crawled["records"]:
        assert len(record["text"]) >= 200
        path = record["url"].split("/", 3)[3]
        assert not path.startswith(("tag/", "author/", "private/")) and path not in ("", "world/", "science/")
        assert "annual-report" not in path and "photo-of-the-day" not in path and "slow-story" not in path


def test_nothing_fetched_from_disallowed_path(crawled: dict[str, Any]) -> None:
    assert not [path for path in crawled["requests"] if path.startswith("/private/")]
    assert crawled["stats"].get("robotstxt/forbidden", 0) >= 1


def test_special_routes_were_visited(crawled: dict[str, Any]) -> None:
    requests = Counter(crawled["requests"])
    assert requests["/science/flaky-story.html"] == 2  # 500, then success on retry
    assert requests["/go/old-story"] >= 1 and requests["/go/older-story"] >= 1
    assert requests["/world/missing-story.html"] == 1  # a 404 is not retried
    assert requests["/robots.txt"] >= 1 and requests["/sitemaps/news.xml.gz"] == 1
    assert requests["/feeds/rss.xml"] == 1 and requests["/feeds/atom.xml"] == 1


def test_stats_counts(crawled: dict[str, Any]) -> None:
    stats, site = crawled["stats"], crawled["site"]
    assert stats["news/articles"] == len(site.expected_titles) == len(crawled["records"])
    assert stats["news/source/gazette/articles"] == len(site.expected_titles)
    # the AMP copy (canonical = main URL): a duplicate of the main page, or the alias that fetched it
    assert stats.get("news/duplicates/url", 0) + stats.get("news/aliases", 0) >= 1
    assert not any(record["url"].split("/", 3)[3].startswith("amp/") for record in crawled["records"])
    assert stats.get("news/duplicates/near", 0) + stats.get("news/duplicates/content", 0) == 1  # the wire copy
    assert stats["news/errors/http_404"] == 1
    assert stats["news/errors/DownloadTimeoutError"] == 1  # the slow page, after its retry
    assert stats["news/skipped/not_html"] == 2  # the PDF and the image
    assert stats["retry/count"] >= 2  # the 500 and the first timeout
    assert stats["news/sitemaps/sitemapindex"] == 1 and stats["news/sitemaps/urlset"] == 1
    assert stats["news/feeds/parsed"] == 2
    assert not any(key.startswith("news/dropped/") for key in stats), stats
    assert stats["news/crawl_delay/127.0.0.1"] == pytest.approx(0.05)
    assert stats["finish_reason"] == "finished"
    # every pending request went through the disk queue (none held in memory as unpicklable)
    assert stats["scheduler/enqueued/disk"] == stats["scheduler/enqueued"] and "scheduler/unserializable" not in stats


def test_output_lines_are_utf8_json(crawled: dict[str, Any], tmp_path: Path) -> None:
    assert crawled["records"], "no records"
    for record in crawled["records"]:
        assert set(record) >= {"url", "canonical_url", "title", "text", "content_hash"}
