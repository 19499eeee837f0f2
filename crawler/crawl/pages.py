"""The items that travel from the spider through the pipelines (plain dataclasses, no Response inside).

spider ─ PageItem (PrefetchedPage) ─► extract ─ ExtractedPage ─► site boilerplate ─► validate ─► changes
       ─► deduplicate ─ Article ─► feed export
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crawler.items import Article

if TYPE_CHECKING:
    from crawler.crawl.articletask import Outcome


@dataclass
class PageItem:
    """An article page as fetched: what the extract pipeline needs, and where it came from."""

    url: str
    """The final URL (after redirects)."""
    body: bytes
    source: str
    """The ``name`` of the source (sources file) that led to this page."""
    status: int = 200
    content_type: str | None = None
    request_url: str | None = None
    """The URL first requested, when a redirect changed it."""
    discovered_via: str = "link"
    """``start``, ``feed``, ``sitemap`` or ``link``."""
    discovered_date: str | None = None
    """ISO date the feed or sitemap gave for the page, if any."""
    not_before: str | None = None
    """ISO date: articles published earlier are dropped (the source's ``max_age_days``)."""
    etag: str | None = None
    last_modified: str | None = None
    claim: str | None = None
    """The shared frontier's lease the page was fetched under (``crawler.crawl.frontier``), if any."""


@dataclass
class PrefetchedPage(PageItem):
    """A page whose extraction already ran in a worker, in the same task as its links."""

    outcome: Outcome | None = field(default=None, repr=False)


@dataclass
class ExtractedPage:
    """The extract pipeline's result: the article, or why the page is not one."""

    page: PageItem
    article: Article | None = None
    reason: str | None = None
    """``NotAnArticle.reason`` (or ``extract_error``) when ``article`` is None."""
    detail: str = ""
    signature: array | None = None
    """MinHash signature of the article text (``crawler.crawl.minhash``), for near-duplicate detection."""
    line_keys: dict[str, int] | None = None
    """``crawler.crawl.sitelines.line_keys`` of the article text, computed in the worker."""
    page_hash: str | None = None
    """``content_hash`` of the text as extracted, before learned site lines were stripped (None: nothing
    was stripped): what the page says, to tell a changed page from a better-learned site."""
