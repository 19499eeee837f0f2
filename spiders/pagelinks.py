"""What the spider needs to know about an HTML page: its class and its links (runs in the worker pool).

Parsing a page and finding its links costs CPU comparable to extracting its article, so it runs in the
crawl's worker processes (``crawler.crawl.extensions.workers``), not on the reactor thread. ``analyse_page``
is the one task a fetched page costs: class and links, then, for an article page, the extract
pipeline's extraction too (``prefetch``), so the page's bytes cross to a worker once.

Links are read the way Scrapy's ``LinkExtractor`` reads them (``<a href>`` and ``<area href>``, HTML5
whitespace stripped, resolved against ``<base href>``, made safe with w3lib, unique, no fragments,
Scrapy's ``IGNORED_EXTENSIONS`` left out) but in one pass over the parsed tree: ``LinkExtractor``
spends about 100 µs per link (10-15 ms on a news page with 100 links, as long as the extraction of
its article), this a few µs. Plain absolute and root-relative links (most of a page's) are resolved
without ``urljoin``: for them it returns the link itself, or the base's origin + the link. The
source's domains, ``allow`` and ``deny`` are checked here too (``LinkRules``): the spider only gets
the links it may follow, and the counts of the others.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from posixpath import splitext
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urljoin, urlsplit

from lxml.etree import XPath
from parsel import Selector
from scrapy.http import HtmlResponse, TextResponse
from scrapy.linkextractors import IGNORED_EXTENSIONS
from w3lib.encoding import http_content_type_encoding, read_bom
from w3lib.html import get_base_url, strip_html5_whitespace
from w3lib.url import safe_url_string

from crawler.common.patterns import compiled, url_allowed
from crawler.compat.scrapy import reuse_selector
from crawler.extraction.decoding import html_encoding
from spiders.classify import classify

if TYPE_CHECKING:
    from crawler.crawl.sources import Source

DENY_EXTENSIONS = frozenset(f".{ext}" for ext in IGNORED_EXTENSIONS) - {".php", ".asp", ".aspx"}
_NOT_PAGES = ("#", "javascript:", "mailto:", "tel:", "data:", "about:")
_HREFS = XPath("//a/@href | //area/@href", smart_strings=False)  # plain strings: no element proxy per link
# Links that urljoin would return unchanged (absolute) or as origin + link (root-relative): RFC 3986
# characters only, no ";params", no empty "?", no dot segments (checked apart).
_C = r"A-Za-z0-9\-._~%!$&'()*+,=:@"
_ABSOLUTE = re.compile(rf"https?://([{_C}]+)(/[{_C}/]*)?(?:\?[{_C}/?]+)?(?:#.*)?\Z", re.S)
_ROOTED = re.compile(rf"(/(?!/)[{_C}/]*)(?:\?[{_C}/?]+)?(?:#.*)?\Z", re.S)


@dataclass(frozen=True)
class LinkRules:
    """Which links a source follows, as plain data for a worker: its domains, ``allow`` and ``deny``."""

    domains: tuple[str, ...]
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()

    @classmethod
    def of(cls, source: Source) -> LinkRules:
        return cls(source.domains, source.allow, source.deny)

    def in_domains(self, host: str) -> bool:
        return any(host == domain or host.endswith("." + domain) for domain in self.domains)

    def allowed(self, url: str) -> bool:
        return url_allowed(url, *compiled(self.allow, self.deny))


class PageAnalysis(NamedTuple):
    kind: str
    """``"article"`` or ``"listing"`` (a page ``classify`` was unsure of is settled by its extraction)."""
    links: list[str]
    """Links the source may follow (all links without rules), in document order, each once."""
    offsite: int = 0
    """Links left out as outside the source's domains."""
    not_allowed: int = 0
    """Links left out by the source's ``allow``/``deny``."""
    extracted: Any = None
    """For an article page, what ``prefetch`` returned (the extract pipeline's outcome)."""


def _dotted(path: str) -> bool:
    return "/." in path and any(segment in (".", "..") for segment in path.split("/"))


def _host(netloc: str) -> str:
    host = netloc.rpartition("@")[2]
    if host.startswith("["):
        return host[1 : host.find("]")].lower()
    return host.partition(":")[0].lower()


def _resolved(base: str, origin: str | None, href: str, encoding: str) -> tuple[str, str | None, str] | None:
    """``(url without fragment, host or None if not known yet, path or "")`` of a link; None if unusable."""
    if href.isascii():
        match = _ABSOLUTE.match(href)
        if match is not None and not _dotted(match[2] or ""):
            return href.partition("#")[0], _host(match[1]), match[2] or "/"
        if origin is not None:
            match = _ROOTED.match(href)
            if match is not None and not _dotted(match[1]):
                return origin + href.partition("#")[0], None, match[1]
    try:
        url = urljoin(base, href)
        if not url.isascii():
            url = safe_url_string(url, encoding=encoding)
    except ValueError:
        return None
    return url.partition("#")[0], None, ""


_START_CHARS = 8192
"""What ``get_base_url`` reads of a page (``<base href>`` is in its head)."""


def _page_start(response: TextResponse) -> str:
    """``response.text[:_START_CHARS]`` without decoding the whole body when the page is UTF-8 (a fifth
    of the work of reading links on a news page): the first ``_START_CHARS`` characters come from the
    first ``4 * _START_CHARS`` bytes (a character, or a replaced invalid sequence, takes 1-4 bytes), and
    the decoder reads each character from its own bytes only."""
    body = response.body
    # how Scrapy's ``text`` chooses the codec: ``html_to_unicode("charset=<encoding>", body)``
    if (
        len(body) > 4 * _START_CHARS
        and read_bom(body) == (None, None)
        and http_content_type_encoding(f"charset={response.encoding}") == "utf-8"
    ):
        return body[: 4 * _START_CHARS].decode("utf-8", "replace")[:_START_CHARS]
    return response.text[:_START_CHARS]


def links(response: HtmlResponse, rules: LinkRules | None = None, counts: list[int] | None = None) -> list[str]:
    """The absolute http(s) URLs a page links to, in document order, each once.

    With ``rules``, only those inside the source's domains and allowed by it; ``counts`` (a list of two)
    then receives how many were left out as offsite and as not allowed.
    """
    base = get_base_url(_page_start(response), response.url, response.encoding)
    parts = urlsplit(base)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else None
    if origin is not None and not origin.isascii():
        origin = None
    origin_host = (parts.hostname or "") if origin else ""
    found: list[str] = []
    seen: set[str] = set()
    offsite = not_allowed = 0
    for href in _HREFS(response.selector.root):
        href = strip_html5_whitespace(href)
        if not href or href.lower().startswith(_NOT_PAGES):
            continue
        resolved = _resolved(base, origin, href, response.encoding)
        if resolved is None:
            continue
        url, host, path = resolved
        if url in seen:
            continue
        seen.add(url)
        if not url.startswith(("http://", "https://")):
            continue
        if not path and host is None:
            split = urlsplit(url)
            path, host = split.path, (split.hostname or "")
        elif host is None:
            host = origin_host
        if splitext(path)[1].lower() in DENY_EXTENSIONS:
            continue
        if rules is not None:
            if not rules.in_domains(host):
                offsite += 1
                continue
            if not rules.allowed(url):
                not_allowed += 1
                continue
        found.append(url)
    if counts is not None:
        counts[:] = [offsite, not_allowed]
    return found


LISTING_REASONS = frozenset({"listing_page", "no_text"})
"""Outcomes of the extraction that make a page of unsure class a listing (followed, not emitted)."""


def _encoding(body: bytes, content_type: str | None) -> str | None:
    try:
        return html_encoding(body, content_type)
    except LookupError:  # a charset Python does not know: Scrapy's own choice then
        return None


def analyse_page(
    body: bytes,
    url: str,
    encoding: str | None,
    rules: LinkRules | None = None,
    prefetch: tuple[Callable[..., Any], tuple[Any, ...]] | None = None,
    content_type: str | None = None,
    read_links: bool = True,
) -> PageAnalysis:
    """Class and followable links of a page; for an article page also ``prefetch[0](body, url, *prefetch[1], tree=...)``.

    ``prefetch`` returns the extract pipeline's outcome, ``(article or None, reason, ...)``. A page
    ``classify`` is unsure of is extracted too, and becomes a listing when the extraction finds no
    article in it (``LISTING_REASONS``).

    One worker task per page: the extract pipeline passes its extraction as ``prefetch``, so an article
    page is sent to a worker once, not twice, and parsed once (``content_type``: the response's header,
    decoded as the extraction core decodes it): class, links and extraction share the core's tree.
    ``read_links`` False: the spider follows none of this page's links, whatever its class (no links, no counts).
    """
    # the page read as the extraction reads it (valid UTF-8 beats a declared legacy charset), not as
    # Scrapy guessed from the declaration: links and class come from the same text as the article
    tree, page_encoding = None, None
    if prefetch is not None:
        # the workers preload the extraction core; the Scrapy process never runs this
        from crawler.extraction.extract import read_page

        # One decode and one parse for class, links and extraction: the extraction core's tree serves all three.
        try:
            tree, page_encoding = read_page(body, url, content_type)
        except Exception:  # noqa: BLE001 - NotAnArticle or a parser bug: the extraction will report it
            pass  # class and links then come from Scrapy's own parse
    if tree is None:
        page_encoding = _encoding(body, content_type)
    response = HtmlResponse(url=url, body=body, encoding=page_encoding or encoding or "utf-8")
    if tree is not None:
        reuse_selector(response, Selector(root=tree, type="html"))  # reuse, do not reparse
    kind = classify(url, response.selector)
    counts = [0, 0]
    found = links(response, rules, counts) if read_links else []
    extracted = None
    if kind != "listing" and prefetch is not None:
        function, args = prefetch
        extracted = function(body, url, *args, tree=tree)
        if kind == "unsure" and extracted[0] is None and extracted[1] in LISTING_REASONS:
            kind, extracted = "listing", None  # the extraction found a list of teasers, or no body
    if kind == "unsure":
        kind = "article"  # without the extraction here, the extract pipeline judges it (and drops it)
    return PageAnalysis(kind, found, counts[0], counts[1], extracted)
