"""Sitemap parsing on top of Scrapy's own utilities: index or urlset, gzipped or not, Google News dates.

Pure functions of the bytes, like ``crawler.crawl.feeds``; the spider only schedules what they return. The
crawl passes every sitemap body through ``crawler.crawl.safexml.xml_body`` first (bounded gunzip up to
``NEWS_SITEMAP_MAX_SIZE``, entity declarations refused), so ``parse_sitemap`` reads plain XML.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from scrapy.utils.sitemap import sitemap_urls_from_robots

from crawler.compat.scrapy import ExtraFieldsSitemap, sitemap_tag_name
from crawler.common.dates import parse_date

__all__ = ["SitemapEntry", "parse_sitemap", "sitemap_urls_from_robots"]


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    date: dt.datetime | None = None
    """``news:publication_date`` when given, else ``lastmod``."""


class NewsSitemap(ExtraFieldsSitemap):
    """Scrapy's ``Sitemap`` that also reads ``<news:news><news:publication_date>``."""

    def extra_fields(self, elem: Any) -> dict[str, Any]:
        published = None
        for child in elem:
            if sitemap_tag_name(child) == "news":
                for grandchild in child:
                    if sitemap_tag_name(grandchild) == "publication_date" and grandchild.text:
                        published = grandchild.text.strip()
        return {"publication_date": published} if published else {}


def parse_sitemap(body: bytes, base_url: str | None = None) -> tuple[str, list[SitemapEntry]]:
    """``(type, entries)``: type is "sitemapindex" (entries are sitemaps) or "urlset" (pages), else ""."""
    if not body or not body.strip():
        return "", []
    try:
        sitemap = NewsSitemap(body)
    except Exception:  # noqa: BLE001 - lxml raises several kinds on garbage; all mean "no sitemap"
        return "", []
    if sitemap.type not in ("sitemapindex", "urlset"):
        return "", []
    entries = []
    try:
        for record in sitemap:
            try:
                url = urljoin(base_url or "", record["loc"])
            except ValueError:  # e.g. "Invalid IPv6 URL": skip the entry, read on
                continue
            date = parse_date(record.get("publication_date")) or parse_date(record.get("lastmod"))
            entries.append(SitemapEntry(url=url, date=date))
    except Exception:  # noqa: BLE001, S110 - a broken tail keeps the entries read so far
        pass
    return sitemap.type, entries
