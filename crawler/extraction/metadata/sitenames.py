"""Site names: what a page calls its publisher, and the test whether a title segment is one."""
from __future__ import annotations

import re
import unicodedata

from crawler.common.urls import archived_original, hostname

_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
_HOST_PREFIXES = ("www.", "m.", "amp.", "blog.", "blogs.", "news.")


def key(text: str | None) -> str:
    """Comparison key: lower case letters and digits only, without accents ("Wiadomości Poznańskie"
    is the host wiadomoscipoznanskie)."""
    folded = (text or "").casefold()
    if not folded.isascii():  # (the accents, split off as combining marks, are no word characters)
        folded = unicodedata.normalize("NFKD", folded.translate(_UNDECOMPOSED))
    return _NON_ALNUM.sub("", folded)


_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th"})
"""Letters with no accent to strip, written as ASCII in host names."""


def host_core(url: str | None) -> str:
    """The registrable label of the host: 'www.tagesschau.de' -> 'tagesschau'."""
    host = hostname(url)
    for prefix in _HOST_PREFIXES:
        host = host.removeprefix(prefix)
    labels = [label for label in host.split(".") if label]
    if len(labels) >= 3 and len(labels[-2]) <= 3:  # example.co.uk
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else (labels[0] if labels else "")


class SiteNames:
    """Known names of the site (og:site_name, publisher, application-name, host name)."""

    def __init__(self, names: list[str], url: str | None):
        self.names = [n for n in dict.fromkeys(n.strip() for n in names if n and n.strip())]
        self.keys = {key(n) for n in self.names if len(key(n)) >= 2}
        self.url = url
        shown = archived_original(url)  # a web archive's snapshot: the archived site's names
        self.host_key = key(hostname(shown))
        self.core = key(host_core(shown))

    def matches(self, segment: str) -> bool:
        """True if a title segment names the site rather than the article."""
        k = key(segment)
        if len(k) < 2:
            return True
        if k in self.keys:
            return True
        if k in (self.host_key, self.core) or (len(k) >= 4 and self.host_key.endswith(k)):
            return True
        if k.startswith("the") and len(k) > 6 and k[3:] in (self.host_key, self.core):
            return True  # "The Granville Sentinel" on granvillesentinel.com
        for name in self.keys:
            if len(name) >= 4 and (name in k and len(k) <= len(name) + 12
                                   or k in name and len(k) >= 0.6 * len(name)):
                return True
        return len(self.core) >= 4 and k.startswith(self.core) and len(k) <= len(self.core) + 16

    @property
    def best(self) -> str | None:
        return self.names[0] if self.names else None
