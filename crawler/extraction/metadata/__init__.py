"""Article metadata from the parsed page: title, authors, dates, URLs, language, site name.

``extract_metadata(tree, url)`` reads the intact tree (before boilerplate cleaning) and never
modifies it. One walk of the tree collects every candidate (``candidates.collect``); one decision
rule per field weighs them (``title``, ``authors``, ``dates``, ``urls``, ``language``).
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field

from lxml.html import HtmlElement

from crawler.extraction.metadata import jsonld
from crawler.extraction.metadata.authors.choice import choose_authors
from crawler.extraction.metadata.authors.names import dedupe
from crawler.extraction.metadata.candidates import collect
from crawler.extraction.metadata.dates.choice import choose_dates
from crawler.extraction.metadata.elementtext import element_text, remembered_texts, squash
from crawler.extraction.metadata.language import choose_language
from crawler.extraction.metadata.sitenames import SiteNames, host_core, key, shown_site_name
from crawler.extraction.metadata.title import choose_title, site_segment, without_view_marks
from crawler.extraction.metadata.urls import absolute_url, canonical, original
from crawler.extraction.metadata.zones import main_region

__all__ = ["PageMetadata", "extract_metadata"]


@dataclass
class PageMetadata:
    canonical_url: str | None = None
    original_url: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date_published: str | None = None
    date_modified: str | None = None
    date_source: dict[str, str] = field(default_factory=dict)
    language: str | None = None
    sitename: str | None = None
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    title_source: str = ""
    authors_source: str = ""


def _first(*groups) -> str | None:
    for group in groups:
        for value in group or []:
            if squash(value):
                return squash(value)
    return None


_LEGAL_FORM = re.compile(r"\b(?:gmbh|ag|inc|llc|ltd|limited|plc|s\.?a\.?|s\.?l\.?|b\.?v\.?|corp(?:oration)?|co\.?\s*kg)\.?$",
                         re.IGNORECASE)


_HOST_FORM = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.IGNORECASE)


def _site_name(candidates: list[str], handles: frozenset[str] = frozenset()) -> str | None:
    """The first declared name of the site that is no company's legal name ("Example Media GmbH", a
    publisher's in JSON-LD) when a later one is not; else the first. A name spelled as a host
    in one case ("kystlinjen.dk") gives way to a later one that spells it in words ("Kystlinjen"), not to a social
    handle (``handles``, "@kystlinjen") nor to a name in lower case."""
    names = [squash(value) for value in candidates if squash(value)]
    first = next((name for name in names if not _LEGAL_FORM.search(name)), names[0] if names else None)
    if first and _HOST_FORM.match(first) and (first.islower() or first.isupper() or first[:4].lower() == "www."):
        # (a brand's own spelling, "Chefkoch.de", stays)
        core = key(host_core(f"http://{first}"))
        return next((name for name in names if key(name) == core and not _HOST_FORM.match(name)
                     and name not in handles and not name.islower()), first)
    return first


def _article_anchors(found, title: str | None) -> list:
    """The visible headline and the article body: what the page's content column contains."""
    # a body container with real text (teaser cards reuse the class for their excerpts)
    anchors = []
    k = key(title)
    if len(k) >= 8:
        anchors += [h for h in found.h1 + found.h2 if k in key(element_text(h))][:1]
    # the headline first; then body containers with real text (teaser cards reuse the class
    # or itemprop for their excerpts)
    return anchors + [b for b in found.itemprops.get("articlebody", []) + found.bodies if len(b.text_content()) > 600]


def extract_metadata(tree: HtmlElement, url: str | None = None) -> PageMetadata:
    with remembered_texts():  # the tree is only read
        return _extract_metadata(tree, url)


def _extract_metadata(tree: HtmlElement, url: str | None) -> PageMetadata:
    found = collect(tree)
    ld = jsonld.parse(found.jsonld)
    meta = found.meta
    handles = [t.lstrip("@") for t in meta.get("twitter:site", []) if not t.startswith("http")]
    site_candidates = (meta.get("og:site_name", []) + ld.publisher + ld.site_names
                       + meta.get("application-name", []) + meta.get("apple-mobile-web-app-title", [])
                       + meta.get("sitename", [])  # Chinese government and news CMSs' (TRS WCM) <meta name="SiteName">
                       + handles)
    sitename = _site_name(site_candidates, frozenset(handles))
    canonical_url = canonical(found, url)
    original_url = original(found, url, canonical_url, ld.based_on)
    if original_url:
        # a republished article's title often keeps the original site's name: "Headline | CNN"
        site_candidates.append(host_core(original_url))
    sites = SiteNames(site_candidates, url)
    title, title_source = choose_title(found, ld.headline, sites, tree)
    title = without_view_marks(title) if title else title
    if not sitename:  # none declared: the <title>'s segment that names the page's own host
        sitename = site_segment(found.title, SiteNames([], url)) or shown_site_name(tree, url)
    anchors = _article_anchors(found, title)
    found.keep = main_region(anchors)
    found.main_article = next((a for anchor in anchors for a in anchor.iterancestors("article")), None)
    authors, authors_source = choose_authors(found, ld.authors, sites)
    published, modified, date_source = choose_dates(found, ld.date_published, ld.date_modified, tree, url)
    tags = meta.get("article:tag", []) + [t for v in meta.get("keywords", []) + meta.get("news_keywords", [])
                                          for t in v.split(",")] + ld.keywords
    image = _first(meta.get("og:image"), meta.get("og:image:url"), meta.get("twitter:image"),
                   meta.get("twitter:image:src"), ld.images)
    return PageMetadata(
        canonical_url=canonical_url,
        original_url=original_url,
        title=title,
        authors=authors,
        date_published=published,
        date_modified=modified,
        date_source=date_source,
        language=choose_language(found, ld.language),
        sitename=sitename,
        description=_first(meta.get("og:description"), meta.get("description"),
                           meta.get("twitter:description")),
        tags=dedupe([squash(t) for t in tags if squash(t)]),
        image=absolute_url(image, url) if image else None,
        title_source=title_source,
        authors_source=authors_source,
    )
