"""The identity of a URL, as the crawl knows articles and pages by it: ``url_key``."""
from __future__ import annotations

from functools import lru_cache

from w3lib.url import canonicalize_url


@lru_cache(maxsize=4096)
def url_key(url: str) -> str:
    """URL identity: canonical form without fragment, scheme and trailing slash.

    Cached: a page's URLs are looked up several times between its request and its record (the
    crawl state's validators, known articles, the duplicate index), ``canonicalize_url`` costs tens of
    microseconds, and pages in flight at a time are few compared with the cache.
    """
    canonical = canonicalize_url(url, keep_fragments=False)
    return canonical.split("://", 1)[-1].rstrip("/")
