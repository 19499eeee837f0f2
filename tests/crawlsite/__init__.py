"""The crawl test site and helpers to crawl it in a subprocess (a Twisted reactor runs once per process).

The site has everything the crawl issue's "Done when" lists: home and section pages, RSS and Atom
feeds, a sitemap index with a gzipped Google News sitemap, robots.txt with a Disallow and a
Crawl-delay, articles reachable by several paths, one article under two URLs with one canonical, a
syndicated copy of another article, tag and author pages, a redirect chain, a 404, a 500 that
succeeds on retry, a page slower than the download timeout, and a PDF and an image linked like
articles.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crawler.tools.demo.server import Page, Site
from crawler.tools.demo.site import NewsSite, SiteArticle, article_page, generated_articles, generated_text

ROOT = Path(__file__).resolve().parents[2]
CRAWL_DELAY = 0.05
DOWNLOAD_TIMEOUT = 1.0
SLOW_DELAY = 2.5


@dataclass
class CrawlSite:
    site: Site
    expected_titles: set[str]
    never_fetch: set[str] = field(default_factory=set)
    news: NewsSite | None = None
    """The installed site: change ``news.articles`` and call ``news.install(site)`` again to update it."""

    @property
    def base(self) -> str:
        return self.site.base


def build_crawl_site(site: Site, articles: int = 10, extra_routes: dict[str, Any] | None = None,
                     extra_links: list[str] | None = None) -> CrawlSite:
    """Install the test site on a started ``Site``; returns what a correct crawl must produce.

    ``extra_routes`` and ``extra_links`` (linked from the home page) add corners such as the hostile one.
    """
    stories = generated_articles(articles, seed=7)
    rng = random.Random(99)
    # Tag and author pages, linked from every article.
    for story in stories:
        story.html = story.html.replace(
            b'<div class="tags">',
            b'<div class="tags"><a rel="tag" href="/tag/economy/">Economy</a> '
            b'<a href="/author/alex-writer/">Alex Writer</a> ',
        )
    tag_page = listing(site, "Economy", [s.path for s in stories[::2]])
    author_page = listing(site, "Alex Writer", [s.path for s in stories[1::2]])

    # The same article under two URLs: an AMP copy whose canonical is the main URL.
    main = stories[0]
    amp_path = "/amp" + main.path
    amp_html = main.html.replace(b"<head>", f'<head><link rel="canonical" href="{site.base}{main.path}">'.encode(), 1)
    main.html = main.html.replace(b"<head>", f'<head><link rel="canonical" href="{site.base}{main.path}">'.encode(), 1)

    # A syndicated copy of another article on a partner section: same story, own intro and footer.
    wire = stories[1]
    wire_paragraphs = _paragraphs(wire.html)
    copy_html = article_page(
        wire.title,
        ["Partner feed: this report reaches our readers through a content sharing agreement."] + wire_paragraphs,
        site_name="Partner Times",
        original_url=f"{site.base}{wire.path}",
    )

    # Articles reachable only through special routes.
    moved = SiteArticle(
        path="/business/moved-story.html",
        html=article_page("Harbour ferry timetable moves to winter schedule", generated_text(rng)),
        section="business", title="Harbour ferry timetable moves to winter schedule",
        in_feed=False, in_sitemap=False, in_section=False,
    )
    flaky = SiteArticle(
        path="/science/flaky-story.html",
        html=article_page("Observatory records brightest meteor shower in a decade", generated_text(rng)),
        section="science", title="Observatory records brightest meteor shower in a decade",
        in_feed=False, in_sitemap=False, in_section=False,
    )
    slow_html = article_page("Slow page that never arrives in time", generated_text(rng))
    secret_html = article_page("Private draft that robots.txt forbids", generated_text(rng))

    def flaky_route(count: int) -> Page:
        if count == 1:
            return Page(b"<html><body>Internal error</body></html>", status=500)
        return Page(flaky.html)

    extra: dict[str, Any] = {
        amp_path: Page(amp_html),
        "/partner/wire-copy.html": Page(copy_html),
        "/tag/economy/": Page(tag_page),
        "/author/alex-writer/": Page(author_page),
        "/go/old-story": Page(status=301, headers={"Location": "/go/older-story"}),
        "/go/older-story": Page(status=302, headers={"Location": moved.path}),
        moved.path: Page(moved.html),
        flaky.path: flaky_route,
        "/culture/slow-story.html": Page(slow_html, delay=SLOW_DELAY),
        "/world/annual-report": Page(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" * 20, content_type="application/pdf"),
        "/world/photo-of-the-day": Page(b"\x89PNG\r\n\x1a\n" + b"\x00" * 500, content_type="image/png"),
        "/private/secret-story.html": Page(secret_html),
        **(extra_routes or {}),
    }
    news = NewsSite(
        articles=stories,
        name="Test Gazette",
        crawl_delay=CRAWL_DELAY,
        disallow=["/private/"],
        extra_routes=extra,
        extra_home_links=[
            amp_path, "/partner/wire-copy.html", "/go/old-story", flaky.path, "/culture/slow-story.html",
            "/world/annual-report", "/world/photo-of-the-day", "/world/missing-story.html",
            "/private/secret-story.html", *(extra_links or []),
        ],
    )
    news.install(site)
    titles = {s.title for s in stories} | {moved.title, flaky.title}
    return CrawlSite(site=site, expected_titles=titles, never_fetch={"/private/secret-story.html"}, news=news)


def listing(site: Site, heading: str, paths: list[str]) -> bytes:
    from crawler.tools.demo.site import listing_page

    return listing_page("Test Gazette", heading, [f'<li><a href="{p}">{p}</a></li>' for p in paths])


def _paragraphs(page: bytes) -> list[str]:
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(page)
    return [p.text_content() for p in tree.xpath("//article/p[not(@class)]")]


def write_sources(path: Path, base: str, **extra: Any) -> Path:
    lines = [
        "[[sources]]",
        'name = "gazette"',
        f'start_urls = ["{base}/"]',
        f'feeds = ["{base}/feeds/rss.xml", "{base}/feeds/atom.xml"]',
        'sitemaps = ["robots"]',
    ]
    lines += [f"{key} = {json.dumps(value)}" for key, value in extra.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


TEST_SETTINGS = {
    "DOWNLOAD_TIMEOUT": str(DOWNLOAD_TIMEOUT),
    "RETRY_TIMES": "1",
    "NEWS_RETRY_BACKOFF_BASE": "0.05",
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_START_DELAY": "0",
    "AUTOTHROTTLE_MAX_DELAY": "1",
    "NEWS_WORKERS": "2",
    "NEWS_ALLOW_PRIVATE_NETWORKS": "True",
    "LOG_LEVEL": "INFO",
}


def crawl_command(sources: Path, output: Path | None, stats: Path, settings: dict[str, str] | None = None,
                  use_scrapy: bool = True, jobdir: Path | None = None, state: Path | None = None) -> list[str]:
    """A crawl in a subprocess; its crawl state is ``state``, by default ``state.sqlite3`` beside ``stats``."""
    state = state or stats.parent / "state.sqlite3"
    merged = {**TEST_SETTINGS, "NEWS_STATS_FILE": str(stats), "NEWS_STATE_PATH": str(state), **(settings or {})}
    options = [arg for name, value in merged.items() for arg in ("-s", f"{name}={value}")]
    if use_scrapy:
        command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sources={sources}"]
        command += ["-o", str(output)] if output else []
        if jobdir:
            options += ["-s", f"JOBDIR={jobdir}"]
    else:
        command = [sys.executable, "-m", "crawler", "crawl", str(sources)]
        command += ["-o", str(output)] if output else []
        if jobdir:
            options += ["--jobdir", str(jobdir)]
    return command + options


def run_crawl(command: list[str], log: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with log.open("w") as handle:
        return subprocess.run(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT,
                              text=True, timeout=timeout, check=False)


def assert_each_title_once(records: list[dict[str, Any]], expected: set[str]) -> None:
    titles = Counter(record["title"] for record in records)
    assert set(titles) == expected
    assert all(count == 1 for count in titles.values()), titles


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    raw = path.read_bytes()
    assert not raw or raw.endswith(b"\n"), "the output ends with a partial line"
    return [json.loads(line) for line in raw.splitlines()]


def slow_news_site(site: Site, articles: list[SiteArticle], delay: float) -> set[str]:
    """``articles`` on ``site``, each page answering after ``delay`` seconds (installed again after a change)."""
    NewsSite(articles=articles, name="Slow Gazette").install(site)
    for article in articles:
        site.routes[article.path] = Page(article.html, delay=delay)
    return {article.title for article in articles}
