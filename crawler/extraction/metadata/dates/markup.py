"""Dates the page marks up: JSON-LD and ``<meta>`` values, microdata, ``<time>`` elements, and a
"Published:"/"Updated:" label in front of a date; each told apart as publication or modification."""
from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.common.labels import DATE_PREPOSITIONS, PUBLISHED, UPDATED, UPDATED_STEMS, any_of
from crawler.common.tree import is_inside
from crawler.extraction.metadata.candidates import Candidates
from crawler.extraction.metadata.dates.parsing import TEXT_DATE, normalise, without_time
from crawler.extraction.metadata.elementtext import class_id, element_text, element_text_within, squash
from crawler.extraction.metadata.zones import foreign_to_article, in_page_header

# a modification date's itemprop, class/id or label
UPDATED_MARK = re.compile(any_of(UPDATED_STEMS), re.IGNORECASE)
# class/id words of a publication date (hAtom: "entry-date published updated" is the publication)
_PUBLISHED_NAME = re.compile(r"publish|pubdate|posted|created|entry-date|post-date|article-date", re.IGNORECASE)
_LABEL_PUBLISHED = re.compile(rf"^\s*{any_of(PUBLISHED)}(?:\s+{any_of(DATE_PREPOSITIONS)})?\s*:?\s*", re.IGNORECASE)
LABEL_UPDATED = re.compile(rf"^\s*{any_of(UPDATED)}(?:\s+{any_of(DATE_PREPOSITIONS)})?\s*:?\s*", re.IGNORECASE)
# "Published March 3, 2024 · Updated: March 10, 2024": the update's label after the publication date
_LATER_UPDATED = re.compile(rf"[\s\u00b7|\u2022,.;\u2013-]\s*{any_of(UPDATED)}(?:\s+{any_of(DATE_PREPOSITIONS)})?\s*:?\s*",
                            re.IGNORECASE)
# <meta> names and properties of the publication date and of the modification date, in order of trust
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "published_time", "article.published", "article:published", "publishdate", "publish-date",
    "publish_date", "pubdate", "publication_date", "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date", "dcterms.date", "date",
    "citation_publication_date", "citation_date", "article_date_original", "originalpublicationdate",
    "cxenseparse:recs:publishtime", "og:pubdate", "date_published", "created",
)
MODIFIED_META = (
    "article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified",
    "modified_time", "article:modified", "last-modified", "dc.date.modified", "dcterms.modified",
    "lastmod", "updated_time",
)


def first_date(values: list[str] | None, source: str) -> tuple[str | None, str]:
    """The first of the values that reads as a date, with ``source``; else (None, "")."""
    for value in values or []:
        date = normalise(value)
        if date:
            return date, source
    return None, ""


def meta_date(found: Candidates, names: tuple[str, ...]) -> tuple[str | None, str]:
    """The first date among the page's ``<meta>`` values of ``names``, in that order, with its source."""
    for name in names:
        date, source = first_date(found.meta.get(name), f"meta:{name}")
        if date:
            return date, source
    return None, ""


def element_date(elem: HtmlElement) -> str | None:
    """The date an element holds: in a date attribute, else in its visible text."""
    for attr in ("datetime", "content", "data-datetime", "data-date", "title"):
        date = normalise(elem.get(attr))
        if date:
            return date
    return normalise(element_text(elem))


def is_updated(elem: HtmlElement) -> bool:
    """True if a date element gives the modification date: its itemprop, class/id or the text just
    before it says so."""
    names = class_id(elem)
    if UPDATED_MARK.search(elem.get("itemprop") or ""):
        return True
    # hAtom themes mark the publication time "entry-date published updated"
    if UPDATED_MARK.search(names) and not _PUBLISHED_NAME.search(names):
        return True
    prev = elem.getprevious()
    before = (prev.tail if prev is not None else (elem.getparent().text if elem.getparent() is not None else ""))
    # (the element's own words up to its first date: "Published Nov 05, 2024 • Last updated Nov 06" is
    # the publication date, labelled before it; the update's label follows it)
    own = elem.text or ""
    first_date = TEXT_DATE.search(own)
    text = f"{before or ''} {own[:first_date.start()] if first_date else own}"
    if UPDATED_MARK.search(text[-60:]):
        return True
    # a label element right before: "<span>Updated</span> <time>", "<dt>Last updated</dt><dd><time>"
    return bool(_UPDATED_RIGHT_BEFORE.search(_text_before(elem)))


_LABEL_STEPS = 3
"""How many enclosing elements are climbed to find the label before a date (``<dd><time>``: one)."""


def _text_before(elem: HtmlElement) -> str:
    """The last characters a reader sees before an element: its previous sibling's text and tail, or,
    for a first child, its parent's own leading text or what precedes the parent."""
    node = elem
    for _ in range(_LABEL_STEPS):
        previous = node.getprevious()
        if previous is not None:
            text = previous.text_content() if isinstance(previous.tag, str) and previous.tag not in ("script", "style") else ""
            return (text[-60:] + (previous.tail or ""))[-60:]
        parent = node.getparent()
        if parent is None:
            return ""
        if (parent.text or "").strip():
            return parent.text[-60:]
        node = parent
    return ""
_UPDATED_RIGHT_BEFORE = re.compile(rf"{any_of(UPDATED)}(?:\s+{any_of(DATE_PREPOSITIONS)})?\s*:?\s*$", re.IGNORECASE)


def article_elements(found: Candidates, elems: list[HtmlElement]) -> list[HtmlElement]:
    """The elements that belong to the article (not to a comment, sidebar, teaser or the site's header)."""
    return [e for e in elems if not foreign_to_article(found, e) and not in_page_header(e, found.keep)]


def visible_date(found: Candidates, want_updated: bool) -> tuple[str | None, str]:
    """The publication (or, with ``want_updated``, modification) date the article's markup shows:
    microdata, then a ``<time>`` (in the article's ``<article>`` first), then a labelled date
    element ("Veröffentlicht am 16.08.2019"); with its source ("microdata", "time", "byline")."""
    props = found.itemprops.get("datemodified" if want_updated else "datepublished", [])
    for elem in article_elements(found, [p for p in props if p.tag not in ("meta", "link")]):
        date = element_date(elem)
        if date:
            return date, "microdata"
    times = article_elements(found, found.times)
    # the <article> that holds the headline or body, else the page's first <article>
    article = found.main_article if found.main_article is not None else found.article
    if article is not None:
        inside = [t for t in times if is_inside(t, article)]
        times = inside or times
    for elem in times:
        if is_updated(elem) != want_updated:
            continue
        date = element_date(elem)
        if date:
            return date, "time"
    label = LABEL_UPDATED if want_updated else _LABEL_PUBLISHED
    for elem in article_elements(found, found.dated):
        text = squash(elem.tail) if elem.tag == "br" else element_text_within(elem, 80)
        if text is None or len(text) > 80:
            text = squash(elem.text)  # "Veröffentlicht am 16.08.2019<br>Dauer: ..."
            if not text or len(text) > 80:
                continue
        match = label.match(text) or (_LATER_UPDATED.search(text) if want_updated else None)
        if match:
            date = normalise(without_time(text[match.end():]))
            if date:
                return date, "byline"
    return None, ""


def near_article(elem: HtmlElement, keep: set[HtmlElement], levels: int = 4) -> bool:
    """True if the element shares a close container with the headline or the article body."""
    node = elem.getparent()
    for _ in range(levels):
        if node is None or node.tag in ("body", "html"):
            return False
        if node in keep:
            return True
        node = node.getparent()
    return False
