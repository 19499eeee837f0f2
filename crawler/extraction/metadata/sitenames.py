"""Site names: what a page calls its publisher, and the test whether a title segment is one."""
from __future__ import annotations

import re
import unicodedata
from itertools import islice
from urllib.parse import urlsplit

from lxml.etree import XPath
from lxml.html import HtmlElement

from crawler.common.urls import archived_original, hostname, site_of

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
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
"""German's other ASCII spelling of its umlauts, which hosts use as often as the bare vowel."""


_HOSTING_PLATFORMS = frozenset({
    "blogspot", "wordpress", "substack", "medium", "tumblr", "wixsite", "github", "gitlab", "netlify", "ghost",
    "over-blog", "jimdofree", "jimdosite", "weebly", "typepad", "livejournal", "hatenablog", "blogger", "webnode",
    "squarespace", "strikingly", "canalblog", "hypotheses", "overblog", "kinja",
})
"""Hosts whose sites are their subdomains: the registrable label names the platform, not the site."""


def host_core(url: str | None) -> str:
    """The registrable label of the host: 'www.tagesschau.de' -> 'tagesschau'."""
    host = hostname(url)
    for prefix in _HOST_PREFIXES:
        host = host.removeprefix(prefix)
    labels = [label for label in host.split(".") if label]
    if len(labels) >= 3 and (len(labels[-2]) <= 3 or labels[-2] in _HOSTING_PLATFORMS):
        return labels[-3]  # example.co.uk; a blog's own name on a platform: allotment-diaries.blogspot.com
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
        if not k.isascii() or not segment.isascii():
            spelled = key(segment.translate(_UMLAUTS))  # "Stadt Mühlbergen" on stadt-muehlbergen.de
            if spelled != k and spelled in (self.host_key, self.core):
                return True
        for name in self.keys:
            if len(name) >= 4 and (name in k and len(k) <= len(name) + 12
                                   or k in name and len(k) >= 0.6 * len(name)):
                return True
        if len(self.core) >= 4 and k.startswith(self.core) and len(k) <= len(self.core) + 16:
            return True
        return self._host_without_a_word(segment)

    def _host_without_a_word(self, segment: str) -> bool:
        """"Millbrook Valley Gazette" on millbrookgazette, "De Rivierenbode" on rivierenbode: the host
        spells the name without one of its words (of two or more)."""
        words = [key(word) for word in segment.split()]
        if not 2 <= len(words) <= 6 or len(self.core) < 6:
            return False
        return any("".join(words[:i] + words[i + 1:]) in (self.core, self.host_key) for i in range(len(words)))

    @property
    def best(self) -> str | None:
        return self.names[0] if self.names else None


_HOME_LINKS_READ = 3
_LOGO_LINKS_SCANNED = 60
"""Links to the home page read for the site's name, among the page's first links: the logo comes
first, in the header."""
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?:by\s+)?"
                        r"([^.|,;:©\n]{3,60}?)\s*(?:[.|,;:]|all rights|alle rechte|tous droits|$)", re.IGNORECASE)


def shown_site_name(tree: HtmlElement, url: str | None) -> str | None:
    """The site's name as the page shows it, for pages that declare none: the logo's text or image
    description in a link to the home page, else the name in the copyright line ("© 2024 Fenwick
    Courier"). Only a name that matches the page's host counts ("Logo", "Home" or a parent company's
    name do not)."""
    if not url:
        return None
    sites = SiteNames([], url)
    read = 0
    for link in islice(tree.iter("a"), _LOGO_LINKS_SCANNED):
        if not _is_home_link(link.get("href"), url):
            continue
        for image in link.iter("img"):
            name = _site_part(image.get("alt"), sites)
            if name:
                return name
        name = _site_part(" ".join(link.text_content().split()), sites)
        if name:
            return name
        read += 1
        if read == _HOME_LINKS_READ:
            break
    for line in _COPYRIGHT_LINES(tree):
        match = _COPYRIGHT.search(line)
        name = _site_part(match.group(1), sites) if match else None
        if name:
            return name
    return None


_COPYRIGHT_LINES = XPath("//footer//text()[contains(., '©') or contains(., 'opyright') or contains(., 'OPYRIGHT')]",
                         smart_strings=False)


def _site_part(text: str | None, sites: SiteNames) -> str | None:
    """The part of a logo's or a copyright line's text that names the site: without the words about
    the logo itself ("Logo", "Home"), a year or a legal form, and of "Name - Tagline" the part that
    matches the host."""
    if not text or len(text) > 80:
        return None
    for part in _PART_SEPARATORS.split(_NOT_THE_NAME.sub(" ", text)):
        part = " ".join(part.split()).strip(" -–—|·:»")
        if len(key(part)) >= 3 and sites.matches(part):
            return part
    return None


_NOT_THE_NAME = re.compile(r"©|\(c\)|\bcopyright\b|\b(?:logo|home(?:page)?|startseite|accueil|inicio)\b|\b(?:19|20)\d\d\b|"
                           r"\b(?:gmbh|ag|inc|llc|ltd|limited|plc|corp(?:oration)?|media)\b\.?", re.IGNORECASE)
_PART_SEPARATORS = re.compile(r"\s[-–—|·:»]\s")


def _is_home_link(href: str | None, url: str) -> bool:
    """A link to the site's home page: "/", "./", "index.html" or the host's root address."""
    if not href:
        return False
    href = href.strip()
    if href in ("/", "./", "/index.html", "/index.php"):
        return True
    if not href.startswith(("http://", "https://", "//")):
        return False
    absolute = "https:" + href if href.startswith("//") else href
    try:
        parts = urlsplit(absolute)
    except ValueError:
        return False
    return parts.path in ("", "/") and not parts.query and site_of(absolute) == site_of(url)
