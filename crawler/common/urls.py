"""The host and the site of a URL, the same way wherever pages are grouped or compared by site; a URL
fit to show (without credentials)."""
from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

# a web archive's snapshot: https://web.archive.org/web/20140109030403/http://example.com/a (the
# timestamp may carry a flag: "20140109030403im_"; other Wayback installations use the same path; a
# snapshot's own links may leave out the archive's host: "/web/20140109030403/http://example.com/")
_SNAPSHOT = re.compile(r"^(?:https?://[^/]+)?/web/\d{4,14}(?:[a-z]{2}_)?/(?:(https?:)?//)?([\w-]+(?:\.[\w-]+)+(?:[:/?#].*)?)$",
                       re.IGNORECASE)


def hostname(url: str | None) -> str:
    """The host of a URL, lower-cased; "" when there is none or the URL is malformed ("http://[x/")."""
    try:
        return (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        return ""


def archived_original(url: str | None) -> str:
    """The page a web-archive snapshot URL or link shows (``https://web.archive.org/web/<time>/<url>``,
    ``/web/<time>/<url>``); any other URL as it is ("" for None)."""
    snapshot = _SNAPSHOT.match(url) if url and "/web/" in url else None
    if snapshot is None:
        return url or ""
    return (snapshot.group(1) or "http:") + "//" + snapshot.group(2)


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL (where its ``robots.txt`` lives)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def site_of(url: str | None) -> str | None:
    """The site a page belongs to: its host name, lower-cased, without a leading ``www.``; None when
    the URL has no host (or is malformed)."""
    host = hostname(url)
    return host.removeprefix("www.") if host else None


def without_credentials(url: str) -> str:
    """``url`` without the ``user:password@`` of its authority (to show where something is, never how to
    log in); unchanged when it has none."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
