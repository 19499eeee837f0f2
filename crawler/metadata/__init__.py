"""Article metadata from the parsed page: title, authors, dates, URLs, language, site name.

``extract_metadata(tree, url)`` reads the intact tree (before boilerplate cleaning) and never
modifies it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml.html import HtmlElement
from trafilatura.metadata import extract_metadata as trafilatura_metadata


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


def extract_metadata(tree: HtmlElement, url: str | None = None) -> PageMetadata:
    """Baseline: trafilatura's metadata on our tree (to be replaced by our own decision rules)."""
    doc = trafilatura_metadata(tree, default_url=url)
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return PageMetadata(
        canonical_url=doc.url or url,
        title=doc.title,
        authors=authors,
        date_published=doc.date,
        date_source={"date_published": "htmldate"} if doc.date else {},
        language=tree.get("lang", "").split("-")[0].lower() or None,
        sitename=doc.sitename,
        description=doc.description,
        tags=list(doc.tags or []),
        image=doc.image,
    )
