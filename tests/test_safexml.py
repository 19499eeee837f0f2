"""Hostile XML and compressed data: entity bombs, XXE and gzip bombs are refused by name."""
from __future__ import annotations

import contextlib
import gzip
import os
import threading
import tracemalloc
import zlib
from pathlib import Path

import pytest
from lxml import etree

from crawler.crawl.feeds import parse_feed
from crawler.crawl.safexml import UnsafeXML, bounded_gunzip, check_entities, parse_xml, xml_body
from crawler.crawl.sitemaps import parse_sitemap

MARKER = "LOCAL_FILE_MARKER_7c1f"

FEED = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
    b"<item><title>One</title><link>https://news.example/a/1</link></item>"
    b"<item><title>Two</title><link>https://news.example/a/2</link></item></channel></rss>"
)
SITEMAP = (
    b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    b"<url><loc>https://news.example/a/1</loc></url></urlset>"
)


def billion_laughs(levels: int = 10) -> bytes:
    entities = [b'<!ENTITY lol0 "lol">']
    for i in range(1, levels):
        entities.append(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10))
    return (
        b'<?xml version="1.0"?><!DOCTYPE rss [' + b"".join(entities) + b"]>"
        b"<rss><channel><item><title>&lol%d;</title><link>https://x.example/</link></item></channel></rss>"
        % (levels - 1)
    )


def quadratic_blowup() -> bytes:
    big = b"A" * 100_000
    return (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + big + b'">]><rss><channel><item><title>'
        + b"&a;" * 10_000
        + b"</title></item></channel></rss>"
    )


def xxe(path: Path, encoding: str = "utf-8") -> bytes:
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{path}">]>'
        "<rss><channel><item><title>&x;</title><link>https://news.example/&x;</link></item></channel></rss>"
    )
    return text.encode(encoding)


def parameter_xxe(path: Path) -> bytes:
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "file://{path}"> %p;]>'
        "<rss><channel><item><link>https://news.example/1</link></item></channel></rss>"
    ).encode()


class Tripwire:
    """A FIFO standing for a local file: a parser that opens it blocks until our writer shows up,
    so every attempt to read it is seen (and then released, so nothing hangs)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        os.mkfifo(path)
        self.opened = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.001):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # ENXIO: nobody has it open for reading
                continue
            self.opened += 1
            with contextlib.suppress(OSError):
                os.write(fd, MARKER.encode())
            os.close(fd)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


@pytest.fixture
def tripwire(tmp_path: Path):
    wire = Tripwire(tmp_path / "secret")
    yield wire
    wire.close()
    assert wire.opened == 0, "a parser opened the local file"


@pytest.fixture
def secret(tripwire: Tripwire) -> Path:
    return tripwire.path


def gzip_bomb(expanded: int) -> bytes:
    """A gzip stream of ``expanded`` zero bytes, built chunk by chunk (about 1000:1)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\0" * (1 << 20)
    parts = [compressor.compress(chunk) for _ in range(expanded >> 20)]
    parts.append(compressor.flush())
    return b"".join(parts)


@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [
        ("billion_laughs", lambda s: billion_laughs(), "entity_declaration"),
        ("quadratic_blowup", lambda s: quadratic_blowup(), "entity_declaration"),
        ("xxe_file", xxe, "external_entity"),
        ("xxe_utf16", lambda s: xxe(s, "utf-16"), "external_entity"),
        ("parameter_entity_xxe", parameter_xxe, "external_entity"),
    ],
)
def test_entity_documents_are_refused(name, make, reason, secret: Path) -> None:
    body = make(secret)
    with pytest.raises(UnsafeXML) as caught:
        parse_xml(body)
    assert caught.value.reason == reason
    assert reason in str(caught.value)
    with pytest.raises(UnsafeXML):
        parse_xml(gzip.compress(body))  # the same inside a .xml.gz


@pytest.mark.parametrize("body", [FEED, SITEMAP, FEED.decode().encode("utf-16")], ids=["feed", "sitemap", "utf16"])
def test_ordinary_documents_parse(body: bytes) -> None:
    root = parse_xml(body)
    assert root is not None
    assert "news.example/a/1" in "".join(root.itertext())
    assert parse_xml(gzip.compress(body)) is not None


def test_external_dtd_identifier_is_allowed_and_never_loaded(secret: Path) -> None:
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file://{secret}">'
        "<rss><channel><item><link>https://news.example/1</link></item></channel></rss>"
    ).encode()
    check_entities(body)
    root = parse_xml(body)
    assert root is not None and MARKER not in "".join(root.itertext())
    parse_feed(body, "https://news.example/feed")  # the tripwire fixture checks nothing was opened


def test_the_tripwire_catches_a_parser_that_opens_the_dtd(tmp_path: Path) -> None:
    """The control: lxml with collect_ids=False does open the external DTD (lxml 6.0, libxml2 2.14)."""
    wire = Tripwire(tmp_path / "dtd")
    try:
        body = f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file://{wire.path}"><rss/>'.encode()
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True, collect_ids=False)
        etree.fromstring(body, parser)
    finally:
        wire.close()
    # At least once: on a loaded machine the parser may still hold the FIFO open when the watcher
    # polls again, which counts that one open twice.
    assert wire.opened >= 1


@pytest.mark.parametrize("body", [b"", b"   ", b"not xml at all", b"<rss><channel><item>", b"\xff\xfe\x00garbage"])
def test_garbage_is_not_an_error(body: bytes) -> None:
    root = parse_xml(body)
    assert root is None or root.tag == "rss"


def test_too_large_document() -> None:
    with pytest.raises(UnsafeXML) as caught:
        xml_body(FEED, max_size=100)
    assert caught.value.reason == "too_large"


def test_gzip_bomb_is_refused_with_bounded_memory() -> None:
    bomb = gzip_bomb(256 << 20)  # 256 MiB of zeros in about 250 KiB
    assert len(bomb) < 1 << 20
    limit = 4 << 20
    tracemalloc.start()
    try:
        with pytest.raises(UnsafeXML) as caught:
            bounded_gunzip(bomb, max_size=limit)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.reason == "gzip_bomb"
    assert "expand past the limit" in str(caught.value)
    assert peak < 3 * limit  # the output buffer, never the expanded 256 MiB
    with pytest.raises(UnsafeXML):
        xml_body(bomb, max_size=limit)


def test_gzip_within_limit_and_truncated() -> None:
    body = gzip.compress(FEED)
    assert bounded_gunzip(body, max_size=len(FEED)) == FEED
    assert bounded_gunzip(body[:-8], max_size=len(FEED)) == FEED  # no CRC trailer: what was read
    assert bounded_gunzip(b"\x1f\x8b\x08garbage") == b""
    assert parse_xml(b"\x1f\x8b\x08garbage") is None


@pytest.mark.parametrize("make", [xxe, parameter_xxe], ids=["xxe", "parameter_xxe"])
def test_crawl_parsers_never_read_the_local_file(make, secret: Path) -> None:
    """The feed and sitemap parsers of the crawl never expand an external entity either."""
    body = make(secret)
    entries = parse_feed(body, "https://news.example/feed")
    assert all(MARKER not in (e.url + (e.title or "")) for e in entries)
    sitemap_body = body.replace(b"<rss><channel><item>", b"<urlset><url>").replace(b"</item></channel></rss>", b"</url></urlset>")
    sitemap_body = sitemap_body.replace(b"<link>", b"<loc>").replace(b"</link>", b"</loc>")
    _, urls = parse_sitemap(sitemap_body, "https://news.example/sitemap.xml")
    assert all(MARKER not in e.url for e in urls)


def test_crawl_parsers_do_not_expand_billion_laughs() -> None:
    entries = parse_feed(billion_laughs(), "https://x.example/feed")
    assert all(len(e.title or "") < 1000 for e in entries)
