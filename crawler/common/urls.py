"""The host and the site of a URL, the same way wherever pages are grouped or compared by site."""
from __future__ import annotations

from urllib.parse import urlsplit


def hostname(url: str | None) -> str:
    """The host of a URL, lower-cased; "" when there is none or the URL is malformed ("http://[x/")."""
    try:
        return (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        return ""


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL (where its ``robots.txt`` lives)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def site_of(url: str | None) -> str | None:
    """The site a page belongs to: its host name, lower-cased, without a leading ``www.``; None when
    the URL has no host (or is malformed)."""
    host = hostname(url)
    return host.removeprefix("www.") if host else None
