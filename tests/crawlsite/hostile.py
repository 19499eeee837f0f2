"""The hostile corner of the crawl test site, and the test hooks a crawl subprocess loads by setting.

* ``hostile_routes(...)``: a billion-laughs sitemap, an XXE feed (its entity names a local file), a
  gzip-bomb sitemap, a page of links and redirects to loopback, metadata, IPv6 loopback, a hex
  address and a name that resolves to the "internal" server, a PDF served as text/html, an empty
  page, a page over ``DOWNLOAD_MAXSIZE``, and two pages whose extraction never ends.
* ``slowhook`` (``NEWS_WORKER_PRELOAD=tests.crawlsite.slowhook``): makes those two pages slow.
* ``FailingFeedStorage`` (``FEED_STORAGES``): the disk fills up after ``TEST_FEED_FAIL_AFTER`` lines.
"""
from __future__ import annotations

import errno
import random
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from scrapy import Request

from crawler.tools.demo.server import Page
from crawler.tools.demo.site import article_page, generated_text
from crawler.crawl.extensions.feedexport import LineFileFeedStorage

from tests.test_safexml import gzip_bomb

INTERNAL_HOST = "127.0.0.2"
"""Stands for the network the crawler must never reach (the site itself runs on 127.0.0.3)."""
SITE_HOST = "127.0.0.3"
SLOW_PYTHON = b"<!-- test:slow-python -->"
SLOW_C = b"<!-- test:slow-c -->"


def billion_laughs_sitemap(levels: int = 10) -> bytes:
    entities = [b'<!ENTITY lol0 "lol">'] + [
        b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, levels)
    ]
    return (
        b'<?xml version="1.0"?><!DOCTYPE urlset [' + b"".join(entities) + b"]>"
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/laughs/&lol%d;</loc></url></urlset>'
        % (levels - 1)
    )


def xxe_feed(base: str, secret: Path) -> bytes:
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>&x;</title>'
        f"<item><title>&x;</title><link>{base}/xxe/&x;</link></item></channel></rss>"
    ).encode()


def forbidden_targets(internal_port: int) -> list[str]:
    """Links of the hostile page; every one must be refused by the network boundary."""
    q = internal_port
    return [
        f"http://{INTERNAL_HOST}:{q}/secret",  # loopback literal
        f"http://[::1]:{q}/secret",  # IPv6 loopback
        f"http://0x7f000001:{q}/secret",  # 127.0.0.1 as one hex number
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        f"http://internal.test:{q}/secret",  # a name that resolves to the internal server
        "/go/internal",  # redirects to the internal server
        "/go/metadata",  # redirects to the metadata address
        "/go/ipv6",  # redirects to [::1]
    ]


def _hosts(url: str) -> set[str]:
    """The link's host as written and as Scrapy requests it: w3lib 2.6 and later write a numeric
    IPv4 host as a dotted quad ("0x7f000001" becomes "127.0.0.1")."""
    return {urlsplit(url).hostname or "", urlsplit(Request(url).url).hostname or ""}


FORBIDDEN_DOMAINS = sorted(set().union(*(_hosts(url) for url in forbidden_targets(0) if "://" in url)))


def hostile_routes(base: str, internal_port: int, secret: Path, max_size: int, bomb_size: int) -> dict[str, Any]:
    rng = random.Random(5)
    q = internal_port
    links = forbidden_targets(q) + [
        "/hostile/report.html", "/hostile/empty.html", "/hostile/huge.html",
        "/hostile/slow-python.html", "/hostile/slow-c.html",
    ]
    page = "".join(f'<li><a href="{link}">{i}</a></li>' for i, link in enumerate(links))
    slow_python = article_page("Extraction that loops in Python", generated_text(rng))
    slow_c = article_page("Extraction stuck in a C call", generated_text(rng))
    return {
        "/hostile/": Page(f"<html><head><title>Links</title></head><body><ul>{page}</ul></body></html>".encode()),
        "/go/internal": Page(status=302, headers={"Location": f"http://{INTERNAL_HOST}:{q}/secret?via=redirect"}),
        "/go/metadata": Page(status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/iam/"}),
        "/go/ipv6": Page(status=302, headers={"Location": f"http://[::1]:{q}/secret?via=redirect"}),
        "/hostile/report.html": Page(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" * 200),
        "/hostile/empty.html": Page(b""),
        "/hostile/huge.html": Page(b"<html><body><p>" + b"word " * (max_size // 5 + 1000) + b"</p></body></html>"),
        "/hostile/slow-python.html": Page(slow_python.replace(b"<head>", b"<head>" + SLOW_PYTHON, 1)),
        "/hostile/slow-c.html": Page(slow_c.replace(b"<head>", b"<head>" + SLOW_C, 1)),
        "/feeds/xxe.xml": Page(xxe_feed(base, secret), content_type="application/rss+xml"),
        "/sitemaps/laughs.xml": Page(billion_laughs_sitemap(), content_type="application/xml"),
        "/sitemaps/bomb.xml.gz": Page(gzip_bomb(bomb_size), content_type="application/x-gzip"),
    }


class _FillingFile:
    """An unbuffered file on a disk that fills up after ``lines`` writes: the next write is cut short
    (half the bytes reach the disk), the ones after fail with ENOSPC."""

    def __init__(self, file: IO[bytes], lines: int) -> None:
        self.file = file
        self.left = lines
        self.short_done = False

    def write(self, data: bytes) -> int:
        if self.left > 0:
            self.left -= 1
            return self.file.write(data)
        if not self.short_done:
            self.short_done = True
            return self.file.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.file, name)


class FailingFeedStorage(LineFileFeedStorage):
    @classmethod
    def from_crawler(cls, crawler: Any, uri: str, *, feed_options: dict[str, Any] | None = None) -> FailingFeedStorage:
        storage = cls(uri, feed_options=feed_options)
        storage.fail_after = crawler.settings.getint("TEST_FEED_FAIL_AFTER", 3)
        return storage

    def open(self, spider: Any) -> Any:
        return _FillingFile(super().open(spider), self.fail_after)
