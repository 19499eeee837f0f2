"""The sources file: which sites to crawl, read from TOML and checked before any request is sent.

Example::

    [[sources]]
    name = "example-news"
    start_urls = ["https://news.example/"]
    feeds = ["https://news.example/rss.xml"]
    sitemaps = ["robots"]            # "robots": read the Sitemap: lines of robots.txt
    allow = ['/\\d{4}/\\d{2}/']       # URL regexes of pages to follow or extract
    deny = ['/live/']
    allowed_domains = ["news.example"]
    max_pages = 500
    max_age_days = 7
    follow_links = false             # default: true with start_urls only, false with feeds or sitemaps

Every problem (unknown key, wrong type, bad regex, missing name) is a ``SourcesError`` whose message
names the file, the source and the key.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.common.patterns import url_allowed

ROBOTS = "robots"
"""The ``sitemaps`` entry that means: discover the sitemaps from each site's robots.txt."""


class SourcesError(ValueError):
    """The sources file is invalid; the message names the source and the key."""


@dataclass(frozen=True)
class Source:
    """One site to crawl."""

    name: str
    start_urls: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    max_pages: int | None = None
    max_age_days: float | None = None
    follow_links: bool = True
    """Follow the links of pages found by links too; when False only start pages and the listing pages
    reached from them are followed (``NewsSpider.follows_links``)."""
    _compiled: tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]] = field(
        default=((), ()), repr=False, compare=False
    )

    @property
    def urls(self) -> tuple[str, ...]:
        """Every URL named by the source (start pages, feeds, sitemaps other than "robots")."""
        return self.start_urls + self.feeds + tuple(s for s in self.sitemaps if s != ROBOTS)

    @property
    def domains(self) -> tuple[str, ...]:
        """``allowed_domains``, or else the host names of the source's URLs."""
        if self.allowed_domains:
            return self.allowed_domains
        hosts = (urlsplit(url).hostname or "" for url in self.urls)
        return tuple(sorted({host for host in hosts if host}))

    def cutoff(self) -> dt.datetime | None:
        """Articles older than this are skipped (``max_age_days`` before now), or None: no age limit."""
        if self.max_age_days is None:
            return None
        return dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=self.max_age_days)

    def url_allowed(self, url: str) -> bool:
        """True when ``url`` matches ``allow`` (if given) and none of ``deny``."""
        return url_allowed(url, *self._compiled)


_LIST_KEYS = ("start_urls", "feeds", "sitemaps", "allow", "deny", "allowed_domains")
KEYS = tuple(f.name for f in fields(Source) if not f.name.startswith("_"))


def load_sources(path: str | Path) -> list[Source]:
    """Read and check a sources file; raises ``SourcesError`` naming the problem."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesError(f"{path}: no such sources file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path}: not valid TOML: {exc}") from None
    return parse_sources(data, origin=str(path))


def parse_sources(data: dict[str, Any], origin: str = "<sources>") -> list[Source]:
    """Check the parsed TOML (``{"sources": [{...}, ...]}``) and build the sources."""
    unknown = sorted(set(data) - {"sources"})
    if unknown:
        raise SourcesError(f"{origin}: unknown top-level key {unknown[0]!r} (expected [[sources]] tables)")
    tables = data.get("sources")
    if not isinstance(tables, list) or not tables:
        raise SourcesError(f"{origin}: no [[sources]] table")
    sources: list[Source] = []
    seen: set[str] = set()
    for index, table in enumerate(tables, start=1):
        source = _parse_source(table, f"{origin}: source #{index}")
        if source.name in seen:
            raise SourcesError(f"{origin}: source {source.name!r}: key 'name': duplicate name")
        seen.add(source.name)
        sources.append(source)
    return sources


def _parse_source(table: Any, where: str) -> Source:
    if not isinstance(table, dict):
        raise SourcesError(f"{where}: must be a table")
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SourcesError(f"{where}: key 'name': missing or empty (every source needs a name)")
    where = f"{where.split(': source #')[0]}: source {name!r}"
    for key in table:
        if key not in KEYS:
            raise SourcesError(f"{where}: unknown key {key!r} (known keys: {', '.join(KEYS)})")
    values: dict[str, Any] = {"name": name}
    for key in _LIST_KEYS:
        if key in table:
            values[key] = _string_list(table[key], where, key)
    for key in ("start_urls", "feeds"):
        for url in values.get(key, ()):
            _check_url(url, where, key)
    for entry in values.get("sitemaps", ()):
        if entry != ROBOTS:
            _check_url(entry, where, "sitemaps")
    compiled = tuple(_compile(values.get(key, ()), where, key) for key in ("allow", "deny"))
    if "max_pages" in table:
        values["max_pages"] = _positive(table["max_pages"], where, "max_pages", integer=True)
    if "max_age_days" in table:
        values["max_age_days"] = float(_positive(table["max_age_days"], where, "max_age_days"))
    if "follow_links" in table and not isinstance(table["follow_links"], bool):
        raise SourcesError(f"{where}: key 'follow_links': must be true or false, not {table['follow_links']!r}")
    # Listing sitemaps or feeds says they are the discovery: following every article's links would
    # cost many times the articles in requests (menus, tags, logins), so it is on by request only.
    values["follow_links"] = table.get("follow_links", not values.get("feeds") and not values.get("sitemaps"))
    source = Source(**values, _compiled=compiled)  # type: ignore[arg-type]
    if not source.start_urls and not source.feeds and not source.sitemaps:
        raise SourcesError(f"{where}: key 'start_urls': give at least one of start_urls, feeds, sitemaps")
    if ROBOTS in source.sitemaps and not source.start_urls and not source.feeds:
        raise SourcesError(f"{where}: key 'sitemaps': \"robots\" needs a start_urls or feeds URL to find the site")
    return source


def _string_list(value: Any, where: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise SourcesError(f"{where}: key {key!r}: must be a list of non-empty strings")
    return tuple(value)


def _check_url(url: str, where: str, key: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourcesError(f"{where}: key {key!r}: {url!r} is not an http(s) URL")


def _compile(patterns: tuple[str, ...], where: str, key: str) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise SourcesError(f"{where}: key {key!r}: bad regex {pattern!r}: {exc}") from None
    return tuple(compiled)


def _positive(value: Any, where: str, key: str, integer: bool = False) -> int | float:
    kinds = (int,) if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds) or value <= 0:
        kind = "a positive integer" if integer else "a positive number"
        raise SourcesError(f"{where}: key {key!r}: must be {kind}, not {value!r}")
    return value
