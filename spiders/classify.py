"""Article page or listing page? Decided from the URL and the page's markup, without extracting text.

Listing pages (home, section, tag, author, search, archive, pagination) are followed, never emitted.
The extract pipeline remains the final judge: a page classified as an article that holds too little
text is dropped there with a reason.
"""
from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, urlsplit

from parsel import Selector

LISTING_SEGMENTS = frozenset(
    "tag tags topic topics author authors category categories section sections search archive archives "
    "page label labels people writer writers columnist".split()
)
LISTING_QUERY_KEYS = frozenset({"q", "s", "query", "search", "page", "p", "tag", "author"})
ARTICLE_TYPES = frozenset(
    {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
     "blogposting", "report", "backgroundnewsarticle", "reviewnewsarticle", "liveblogposting"}
)
LISTING_TYPES = frozenset({"collectionpage", "itemlist", "searchresultspage", "profilepage"})
_WORDS = re.compile(r"\w+")
MIN_PARAGRAPH_CHARS = 80
MIN_ARTICLE_CHARS = 300


def listing_url(url: str) -> bool:
    """True for URLs that name a listing: ``/tag/x``, ``/author/y``, ``/search?q=``, ``/page/2``, ``/``."""
    parts = urlsplit(url)
    segments = [s.lower() for s in parts.path.split("/") if s]
    if not segments or segments[-1] in ("index.html", "index.htm", "index.php"):
        return True
    if any(segment in LISTING_SEGMENTS for segment in segments):
        return True
    return any(key.lower() in LISTING_QUERY_KEYS for key, _ in parse_qsl(parts.query))


def _jsonld_types(selector: Selector) -> set[str]:
    found: set[str] = set()
    for raw in selector.xpath('//script[@type="application/ld+json"]/text()').getall()[:10]:
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        stack = [data]
        while stack and len(found) < 50:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node[:50])
            elif isinstance(node, dict):
                kind = node.get("@type")
                for value in kind if isinstance(kind, list) else [kind]:
                    if isinstance(value, str):
                        found.add(value.lower())
                if "@graph" in node:
                    stack.append(node["@graph"])
    return found


def classify(url: str, selector: Selector) -> str:
    """``"article"`` or ``"listing"``."""
    if listing_url(url):
        return "listing"
    og_type = (selector.xpath('//meta[@property="og:type"]/@content').get() or "").strip().lower()
    types = _jsonld_types(selector)
    if types & LISTING_TYPES or og_type in ("website", "profile"):
        if not types & ARTICLE_TYPES:
            return "listing"
    if og_type == "article" or types & ARTICLE_TYPES:
        return "article"
    if len(selector.xpath("//article")) > 1:
        return "listing"
    long_paragraphs = [
        text for text in (" ".join(p.xpath(".//text()").getall()).strip() for p in selector.xpath("//p"))
        if len(text) >= MIN_PARAGRAPH_CHARS
    ]
    if len(long_paragraphs) >= 2 and sum(map(len, long_paragraphs)) >= MIN_ARTICLE_CHARS:
        return "article"
    return "listing"
