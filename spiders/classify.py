"""Article page or listing page? Decided from the URL and the page's markup, without extracting text.

Listing pages (home, section, tag, author, search, archive, pagination) are followed, never emitted.
Only clear evidence decides here: a listing URL, schema.org listing types or a page that is mostly
links say ``"listing"``; article types, ``og:type=article`` or a body of long paragraphs say
``"article"``. Anything else is ``"unsure"``, and the extraction core judges it
(``NotAnArticle("listing_page")`` for teaser lists, ``"no_text"`` for pages without a body): many
article pages carry ``og:type=website`` (their CMS's default), related-story cards as several
``<article>`` elements, or a body without ``<p>``, and calling those listings would lose the article.
"""
from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from lxml.etree import XPath
from parsel import Selector

from crawler.common.jsondepth import json_too_deep
from crawler.common.schematypes import ARTICLE_TYPES, LISTING_TYPES, types_of

LISTING_SEGMENTS = frozenset(
    "tag tags topic topics author authors category categories section sections search archive archives "
    "page label labels people writer writers columnist".split()
)
LISTING_QUERY_KEYS = frozenset({"q", "s", "query", "search", "page", "paged", "tag", "author"})
"""Not ``p``: WordPress's plain permalinks name a post as ``/?p=123``."""
INDEX_FILES = frozenset({"index.html", "index.htm", "index.php", "index.shtml", "index.asp", "index.aspx"})
_SLUG_WORDS = re.compile(r"[^\W_]+")
_EXTENSION = re.compile(r"\.(?:s?html?|php|aspx?)\Z")
MIN_PARAGRAPH_CHARS = 80
MIN_ARTICLE_CHARS = 300
LINK_LIST_MIN_LINKS = 100
LINK_LIST_SHARE = 0.9
"""A page of at least this many links whose text is at least this share link text is a list of links
(an archive, an HTML sitemap, a section index): a listing, without extracting it. Real article pages
among the benchmarks' unsure ones reach a share of 0.80 (734 links); extracting a page of thousands
of links costs a worker tens of MiB that it keeps."""


def listing_url(url: str) -> bool:
    """True for URLs that name a listing: ``/tag/x``, ``/author/y``, ``/search?q=``, ``/page/2``, ``/``.

    A listing word followed by an article's slug or id is a path prefix of articles, not a listing
    (``/category/news/2024/05/rain-returns-to-the-valley/``, ``/ideas/archive/2020/08/slug/615610/``),
    and ``index.html`` names its directory (``/2021/03/08/uk/rain-returns/index.html`` is an article).
    """
    parts = urlsplit(url)
    segments = [s.lower() for s in parts.path.split("/") if s]
    if segments and segments[-1] in INDEX_FILES:
        segments.pop()
    query = parse_qsl(parts.query)
    if any(key.lower() in LISTING_QUERY_KEYS for key, _ in query):
        return True
    if not segments:
        return not query  # the home page; "/?id=30" or "/index.php?id=30" is a page of a dynamic site
    return any(
        segment in LISTING_SEGMENTS and not any(map(_article_like, segments[i + 1 :]))
        for i, segment in enumerate(segments)
    )


def _article_like(segment: str) -> bool:
    """An article's slug (three words or more) or numeric id (five digits or more)."""
    segment = _EXTENSION.sub("", segment)
    return (segment.isdigit() and len(segment) >= 5) or len(_SLUG_WORDS.findall(segment)) >= 3


_SCANNED = ("script", "meta", "article", "p")
_TEXT_CHILDREN = XPath("text()", smart_strings=False)
_TEXT_NODES = XPath(".//text()", smart_strings=False)
"""Text nodes as plain strings (no element proxy each): what parsel's ``xpath(...).getall()`` returns."""


class _Page:
    """What ``classify`` reads of the page's markup, gathered in one walk over the document: the texts of
    its ``<script type="application/ld+json">``, the contents of its ``<meta property="og:type">``, its
    ``<article>`` count and its ``<p>`` elements. The same as the XPath ``//script[...]/text()``,
    ``//meta[...]/@content``, ``//article`` and ``//p`` (``//`` reads the whole document, even when the
    parser returned a fragment's element), in document order, at the cost of one walk instead of one each.
    """

    __slots__ = ("articles", "jsonld", "og_types", "paragraphs")

    def __init__(self, root: Any) -> None:
        self.jsonld: list[str] = []
        self.og_types: list[str] = []
        self.articles = 0
        self.paragraphs: list[Any] = []
        for element in root.getroottree().iter(*_SCANNED):
            tag = element.tag
            if tag == "p":
                self.paragraphs.append(element)
            elif tag == "article":
                self.articles += 1
            elif tag == "meta":
                if element.get("property") == "og:type":
                    content = element.get("content")
                    if content is not None:
                        self.og_types.append(content)
            elif element.get("type") == "application/ld+json":
                self.jsonld += _TEXT_CHILDREN(element)


def _jsonld_types(scripts: list[str]) -> set[str]:
    found: set[str] = set()
    for raw in scripts[:10]:
        if json_too_deep(raw):  # json.loads recurses per level: broken or hostile nesting is skipped
            continue
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
                found |= types_of(node.get("@type"))
                if "@graph" in node:
                    stack.append(node["@graph"])
    return found


def classify(url: str, selector: Selector) -> str:
    """``"article"``, ``"listing"`` or ``"unsure"`` (the extraction decides).

    Reads ``selector.root`` with lxml itself (one walk, ``_Page``): parsel's per-element selectors cost
    more than the decision."""
    if listing_url(url):
        return "listing"
    page = _Page(selector.root)
    types = _jsonld_types(page.jsonld)
    if types & ARTICLE_TYPES:
        return "article"
    if types & LISTING_TYPES:
        return "listing"
    og_type = (page.og_types[0] if page.og_types else "").strip().lower()
    if og_type == "article":
        return "article"
    if og_type == "profile":  # a person's page; "website", by contrast, is many CMSs' default on articles too
        return "listing"
    # Several <article>s: a list of teasers, or an article beside related-story cards.
    if page.articles <= 1 and _has_running_text(page.paragraphs):
        return "article"
    return "listing" if _link_list(selector.root) else "unsure"


def _has_running_text(paragraphs: list[Any]) -> bool:
    """At least two paragraphs of ``MIN_PARAGRAPH_CHARS`` (their text nodes joined by spaces, stripped),
    together ``MIN_ARTICLE_CHARS``: stops at the paragraph that reaches both."""
    count = total = 0
    for p in paragraphs:
        length = len(" ".join(_TEXT_NODES(p)).strip())
        if length >= MIN_PARAGRAPH_CHARS:
            count += 1
            total += length
            if count >= 2 and total >= MIN_ARTICLE_CHARS:
                return True
    return False


def _link_list(root: Any) -> bool:
    """Whether the page is mostly links (``LINK_LIST_MIN_LINKS``, ``LINK_LIST_SHARE``)."""
    if not hasattr(root, "iter"):
        return False
    body = root.find("body") if root.tag == "html" else root
    body = root if body is None else body
    links = linked = 0
    for anchor in body.iter("a"):
        links += 1
        linked += sum(map(len, anchor.itertext()))
    if links < LINK_LIST_MIN_LINKS:
        return False
    return linked >= LINK_LIST_SHARE * sum(map(len, body.itertext()))
