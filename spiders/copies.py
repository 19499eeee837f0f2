"""Copies of an article wait for their canonical page: the record of an article is its canonical page.

A copy is an article page whose ``rel=canonical`` (or ``og:url``) names another page of the same source,
such as an AMP page. Emitted as soon as it is found, it would be the record and the real article a URL
duplicate of it. So a copy found before its canonical page was handled waits here (in memory: copies
in flight are few), and the spider requests the canonical page if nobody has yet. When that page's
handling ends, the copies that waited for it are released: if it was an article, they are its aliases
(not emitted; their URLs are remembered, ``CrawlKnowledge.remember_alias``); if it failed or held no
article, they are emitted after all, so nothing is lost. Copies wait in one registry for every source:
when Scrapy's duplicate filter drops a request for the canonical page, it is because another request
for the same page was made (by another source, or a redirect), and that one releases them.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from crawler.crawl.minhash import HashSet
from crawler.crawl.urlkeys import url_key

from spiders.classify import listing_url

if TYPE_CHECKING:
    from crawler.crawl.pages import PageItem


class CanonicalCopies:
    def __init__(self) -> None:
        self._waiting: dict[str, list[PageItem]] = {}
        """URL key of a canonical page: the copies waiting for it."""
        self._settled = HashSet()
        """URL keys of pages whose handling ended (as 64-bit hashes)."""

    def __len__(self) -> int:
        return sum(map(len, self._waiting.values()))

    def wait_for(self, canonical: str, copy: PageItem) -> None:
        self._waiting.setdefault(url_key(canonical), []).append(copy)

    def settled(self, url: str) -> bool:
        """True when the handling of the page at ``url`` ended (an article or not, fetched or failed)."""
        return url_key(url) in self._settled

    def settle(self, urls: Iterable[str | None]) -> list[PageItem]:
        """The handling of the page at ``urls`` (its URL, the URLs that redirected to it) ended: the copies
        that waited for it."""
        released: list[PageItem] = []
        for url in urls:
            if url:
                key = url_key(url)
                self._settled.add(key)
                released += self._waiting.pop(key, [])
        return released


def canonical_elsewhere(canonical: str | None, item: PageItem) -> str | None:
    """``canonical`` when it names another page than ``item``'s own URLs (not a listing URL: a site that
    names its home page as every page's canonical has no copies), else None."""
    if not canonical or listing_url(canonical):
        return None
    if urlsplit(canonical).scheme not in ("http", "https"):
        return None
    own = {url_key(url) for url in (item.url, item.request_url) if url}
    return canonical if url_key(canonical) not in own else None
