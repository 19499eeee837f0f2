"""The crawl test site with a hostile corner, crawled with the network boundary on; and a full disk.

The site runs on 127.0.0.3, opened with ``NEWS_SSRF_ALLOWLIST=["127.0.0.3/32"]``; everything else on
loopback stays closed. An "internal" server on 127.0.0.2 records every request it gets (there must be
none); the XXE feed's entity names a FIFO (a tripwire: any open of it is seen).
"""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from crawler.tools.demo.server import Page, Site
from crawler.crawl.state.naming import DEFAULT_TEMPLATE, safe_name, uri_params

from tests.crawlsite import (
    CrawlSite,
    assert_each_title_once,
    build_crawl_site,
    crawl_command,
    read_jsonl,
    run_crawl,
    write_sources,
)
from tests.crawlsite.hostile import FORBIDDEN_DOMAINS, INTERNAL_HOST, SITE_HOST, hostile_routes
from tests.test_safexml import Tripwire

pytestmark = pytest.mark.slow

MAX_SIZE = 1 << 20  # DOWNLOAD_MAXSIZE of the crawl: 1 MiB
SITEMAP_MAX = 4 << 20  # NEWS_SITEMAP_MAX_SIZE: the bomb expands to 16 MiB
EXTRACT_TIMEOUT = 2.0


def _sources(path: Path, base: str) -> Path:
    lines = [
        "[[sources]]",
        'name = "gazette"',
        f'start_urls = ["{base}/"]',
        f'feeds = ["{base}/feeds/rss.xml", "{base}/feeds/atom.xml", "{base}/feeds/xxe.xml"]',
        f'sitemaps = ["robots", "{base}/sitemaps/laughs.xml", "{base}/sitemaps/bomb.xml.gz"]',
        # The forbidden hosts are "allowed domains" on purpose: the network boundary must stop them.
        f"allowed_domains = {json.dumps([SITE_HOST, *FORBIDDEN_DOMAINS])}",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("hostile")
    tripwire = Tripwire(tmp / "secret")
    internal = Site({"/secret": Page(b"<html><body>internal</body></html>")}).start(INTERNAL_HOST)
    site = Site().start(SITE_HOST)
    try:
        internal_port = internal.server.server_address[1]  # type: ignore[union-attr]
        extra = hostile_routes(site.base, internal_port, tripwire.path, MAX_SIZE, 4 * SITEMAP_MAX)
        test_site = build_crawl_site(site, extra_routes=extra, extra_links=["/hostile/"])
        sources = _sources(tmp / "sources.toml", site.base)
        output, stats_file, log = tmp / "articles.jsonl", tmp / "stats.json", tmp / "crawl.log"
        settings = {
            "NEWS_ALLOW_PRIVATE_NETWORKS": "False",
            "NEWS_SSRF_ALLOWLIST": f"{SITE_HOST}/32",
            "NEWS_SSRF_BASE_RESOLVER": "tests.test_ssrf._TestNames",  # internal.test -> 127.0.0.2
            "DNSCACHE_ENABLED": "False",
            "DOWNLOAD_MAXSIZE": str(MAX_SIZE),
            "NEWS_SITEMAP_MAX_SIZE": str(SITEMAP_MAX),
            "NEWS_EXTRACT_TIMEOUT": str(EXTRACT_TIMEOUT),
            "NEWS_WORKER_PRELOAD": "tests.crawlsite.slowhook",
        }
        result = run_crawl(crawl_command(sources, output, stats_file, settings), log, timeout=180)
        requests, internal_requests = list(site.requests), list(internal.requests)
    finally:
        site.stop()
        internal.stop()
        tripwire.close()
    assert result.returncode == 0, log.read_text()[-3000:]
    return {
        "site": test_site,
        "records": read_jsonl(output),
        "stats": json.loads(stats_file.read_text()),
        "requests": requests,
        "internal_requests": internal_requests,
        "tripwire_opened": tripwire.opened,
        "log": log.read_text(),
    }


def test_all_good_articles_exactly_once(crawled: dict[str, Any]) -> None:
    site: CrawlSite = crawled["site"]
    assert_each_title_once(crawled["records"], site.expected_titles)
    assert crawled["stats"]["finish_reason"] == "finished"


def test_nothing_reached_the_internal_network_or_the_disk(crawled: dict[str, Any]) -> None:
    assert crawled["internal_requests"] == []
    assert crawled["tripwire_opened"] == 0


def test_counts(crawled: dict[str, Any]) -> None:
    stats = crawled["stats"]
    assert stats["news/articles"] == len(crawled["site"].expected_titles)
    # 8 forbidden links and redirects + the robots.txt of internal.test (a name, so it passes the
    # middleware's literal check and is refused at resolution)
    assert stats["news/blocked/ssrf"] == 9
    assert stats["news/blocked/ssrf/loopback"] == 7
    assert stats["news/blocked/ssrf/metadata"] == 2
    assert stats["news/errors/ssrf"] == 8  # the page requests (robots.txt failures are not page errors)
    assert stats["news/skipped/binary"] == 1  # the PDF served as text/html
    assert stats["news/skipped/empty"] == 1
    assert stats["news/errors/DownloadCancelledError"] == 1  # the page over DOWNLOAD_MAXSIZE
    assert stats["news/rejected/xml/entity_declaration"] == 1  # the billion-laughs sitemap
    assert stats["news/rejected/xml/external_entity"] == 1  # the XXE feed
    assert stats["news/rejected/xml/gzip_bomb"] == 1  # the gzip-bomb sitemap
    assert stats["news/dropped/timeout"] == 2  # both slow extractions
    assert stats["news/workers/killed"] == 1  # the one stuck in a C call


def test_rejections_are_logged(crawled: dict[str, Any]) -> None:
    log = crawled["log"]
    assert "Rejected sitemap" in log and "gzip_bomb" in log and "entity_declaration" in log
    assert "Rejected feed" in log and "external_entity" in log
    assert "Blocked request to a forbidden address" in log


# --- output integrity: the disk fills up mid-run -------------------------------------------------


def test_disk_full_mid_run_then_rerun_completes_the_set(tmp_path: Path) -> None:
    failing = json.dumps({"": "tests.crawlsite.hostile.FailingFeedStorage",
                          "file": "tests.crawlsite.hostile.FailingFeedStorage"})
    with Site() as site:
        test_site = build_crawl_site(site)
        sources = write_sources(tmp_path / "sources.toml", site.base)
        output, stats_file = tmp_path / "articles.jsonl", tmp_path / "stats.json"
        first = run_crawl(
            crawl_command(sources, output, stats_file, {"FEED_STORAGES": failing, "TEST_FEED_FAIL_AFTER": "3"}),
            tmp_path / "first.log",
        )
        first_log = (tmp_path / "first.log").read_text()
        first_stats = json.loads(stats_file.read_text())
        written_first = read_jsonl(output)  # every line parses, the file ends with a newline
        second = run_crawl(crawl_command(sources, output, stats_file), tmp_path / "second.log")
    assert first.returncode == 0 and second.returncode == 0, first_log[-3000:]
    assert first_stats["finish_reason"] == "feed_write_error"
    assert first_stats["news/feed_write_errors"] == 1
    assert "Cannot write the feed (short write" in first_log and "stopping the crawl" in first_log
    assert len(written_first) == 3  # the fourth line was cut short and removed
    assert first_stats["news/articles"] == 3 + first_stats["news/feed_unwritten"]
    records = read_jsonl(output)
    assert_each_title_once(records, test_site.expected_titles)
    assert records[:3] == written_first  # the rerun appended; nothing written twice


@pytest.mark.parametrize("name", ["../../etc", "..", "a/../../b", "/etc/passwd", "", "..\\..\\x"])
def test_source_names_cannot_leave_the_output_directory(name: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    part = safe_name(name)
    assert "/" not in part and "\\" not in part and part not in ("", ".", "..")
    assert (out / part / "x.jsonl").resolve().is_relative_to(out.resolve())
    class FakeCrawler:
        def __init__(self) -> None:
            self.settings: dict[str, Any] = {}

    spider = SimpleNamespace(crawler=FakeCrawler(), sources_file=f"{name}.toml",
                             sources={name: None}, name="news")
    params = uri_params({"name": "news"}, spider)  # type: ignore[arg-type]
    for key in ("source", "sources"):
        path = (out / (DEFAULT_TEMPLATE.replace("out/", "", 1) % {**params, key: params[key]})).resolve()
        assert path.is_relative_to(out.resolve()), path
        assert ".." not in params[key].split("/") and "/" not in params[key]


def test_broken_links_in_feeds_and_sitemaps_are_skipped() -> None:
    from crawler.crawl.feeds import parse_feed
    from crawler.crawl.sitemaps import parse_sitemap

    feed = (b'<rss version="2.0"><channel><item><link>http://[::1</link></item>'
            b"<item><link>/a/2</link></item></channel></rss>")
    assert [e.url for e in parse_feed(feed, "https://news.example/rss")] == ["https://news.example/a/2"]
    sitemap = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://[::1</loc></url>'
               b"<url><loc>https://news.example/a/3</loc></url></urlset>")
    kind, entries = parse_sitemap(sitemap, "https://news.example/sitemap.xml")
    assert kind == "urlset" and [e.url for e in entries] == ["https://news.example/a/3"]
