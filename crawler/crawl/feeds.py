"""Feed parsing (RSS 2.0, RSS 1.0/RDF, Atom): bytes in, entry links and dates out.

A pure function of its input, so it can be tested and fuzzed without a crawl. The XML parser never
resolves entities, never touches the network and refuses huge trees; broken XML is read as far as
it goes (``recover``); a link that is no URL is skipped. The crawl passes every body through
``crawler.crawl.safexml.xml_body`` first (entity declarations, gzip bombs and oversized documents refused).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree

from crawler.common.dates import parse_date
from crawler.crawl.safexml import xml_parser

ATOM = "http://www.w3.org/2005/Atom"
RSS1 = "http://purl.org/rss/1.0/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

MAX_ENTRIES = 10_000
"""Entries read from one feed at most."""


@dataclass(frozen=True)
class FeedEntry:
    url: str
    published: dt.datetime | None = None
    """Publication (or update) date of the entry, timezone-aware (naive dates are taken as UTC)."""
    title: str | None = None


def _text(element: etree._Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    return element.text.strip() or None


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _atom_link(entry: etree._Element) -> str | None:
    fallback = None
    for link in entry.iter(f"{{{ATOM}}}link"):
        href = link.get("href")
        if not href:
            continue
        rel = link.get("rel", "alternate")
        if rel == "alternate" and link.get("type", "text/html") in ("text/html", "application/xhtml+xml"):
            return href.strip()
        fallback = fallback or (href.strip() if rel == "alternate" else None)
    return fallback


def _entry_date(item: etree._Element) -> dt.datetime | None:
    for child in item:
        if _local(child.tag) in ("pubDate", "published", "date", "issued"):
            found = parse_date(_text(child))
            if found:
                return found
    for child in item:
        if _local(child.tag) in ("updated", "modified"):
            found = parse_date(_text(child))
            if found:
                return found
    return None


def parse_feed(body: bytes, base_url: str | None = None) -> list[FeedEntry]:
    """The entries of an RSS 2.0, RSS 1.0 or Atom feed, in document order; [] for anything else."""
    if not body or not body.strip():
        return []
    try:
        root = etree.fromstring(body, parser=xml_parser())
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    base = base_url or ""
    entries: list[FeedEntry] = []
    if root.tag == f"{{{ATOM}}}feed":
        items = root.iter(f"{{{ATOM}}}entry")
    elif _local(root.tag) == "RDF":
        items = root.iter(f"{{{RSS1}}}item", "item")
    elif _local(root.tag) == "rss":
        items = root.iter("item")
    else:
        return []
    for item in items:
        if len(entries) >= MAX_ENTRIES:
            break
        if _local(item.tag) == "entry":
            link = _atom_link(item)
        else:
            link = _text(item.find("link")) or _text(item.find(f"{{{RSS1}}}link")) or item.get(f"{{{RDF}}}about")
            guid = item.find("guid")
            if not link and guid is not None and guid.get("isPermaLink", "true") != "false":
                link = _text(guid)
        if not link:
            continue
        title = None
        for child in item:
            if _local(child.tag) == "title":
                title = _text(child)
                break
        try:
            url = urljoin(base, link)
        except ValueError:  # e.g. "Invalid IPv6 URL": a broken link is skipped, the feed read on
            continue
        entries.append(FeedEntry(url=url, published=_entry_date(item), title=title))
    return entries
