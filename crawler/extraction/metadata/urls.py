"""canonical_url (rel=canonical / og:url against the page URL) and original_url (the article this
page republishes: a "Source link"/"Original article" anchor, a cross-domain canonical, JSON-LD
``isBasedOn``)."""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from crawler.common.urls import site_of
from crawler.extraction.metadata.candidates import Candidates


def absolute_url(href: str | None, base: str | None) -> str | None:
    if not href:
        return None
    href = href.strip()
    if href.startswith(("javascript:", "mailto:", "#", "data:")):
        return None
    try:  # a malformed href ("http://[x/") is no URL at all
        full = urljoin(base, href) if base else href
        return full if urlsplit(full).scheme in ("http", "https") else None
    except ValueError:
        return None


def document_base(found: Candidates, url: str | None) -> str | None:
    """The address relative URLs of the page are read against: its ``<base href>``, else its URL."""
    return absolute_url(found.base_href, url) or url if found.base_href else url


_EDITION = re.compile(r"^(?:m|mobile|amp)\.")


def _publisher(url: str | None) -> str | None:
    """``site_of`` without a mobile or AMP edition's host prefix: "m.example.com" is example.com's own page."""
    site = site_of(url)
    return _EDITION.sub("", site) if site else site


def canonical(found: Candidates, url: str | None) -> str | None:
    """The page's declared address (rel=canonical, else og:url), without tracking parameters and
    fragment; the page's URL when the declaration names the site's home page for a page that is not
    (a theme's default: every article would be one page)."""
    base = document_base(found, url)
    for href in found.links.get("canonical", []) + found.meta.get("og:url", []):
        full = absolute_url(href, base)
        if full:
            full = urlunsplit(urlsplit(full)._replace(fragment=""))
            if _is_home(full) and url and not _is_home(url):
                return url
            return without_tracking(full)
    return url


def _is_home(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path.strip("/") in ("", "index.html", "index.php") and not parts.query


_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl)$", re.IGNORECASE)


def without_tracking(url: str) -> str:
    """The URL without the campaign and click-tracking parameters some themes copy into the canonical
    link ("?utm_source=...&fbclid=..."): the same page under each campaign's address is one page."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    pairs = parts.query.split("&")
    kept = [pair for pair in pairs if not _TRACKING.match(pair.split("=", 1)[0])]
    return url if len(kept) == len(pairs) else urlunsplit(parts._replace(query="&".join(kept)))


def original(found: Candidates, url: str | None, canonical_url: str | None, based_on: list[str]) -> str | None:
    base = document_base(found, url)
    own = _publisher(url)
    sources = [full for elem in found.source_links if (full := absolute_url(elem.get("href"), base))
               and _publisher(full) and _publisher(full) != own]
    # the article's own address before the outlet's home page ("republished from <a href=/>Outlet</a>
    # ... read the <a>original article</a>")
    sources.sort(key=lambda full: urlsplit(full).path.strip("/") == "")
    if sources:
        return sources[0]
    for href in found.links.get("canonical", []):
        full = absolute_url(href, base)
        if full and url and _publisher(full) and _publisher(full) != own:
            return full
    # the syndication tags of republishing partners (Google News' "syndication-source" and
    # "original-source"), as <meta> or <link>
    declared = [*found.links.get("original-source", []), *found.links.get("syndication-source", []),
                *found.meta.get("original-source", []), *found.meta.get("syndication-source", [])]
    for href in based_on:
        full = absolute_url(href, base)
        if full:
            return full
    for href in declared:
        full = absolute_url(href, base)
        if full and _publisher(full) != own:
            return full
    return None
