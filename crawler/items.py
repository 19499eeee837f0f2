"""The article record: one JSONL line per article, handled through itemadapter."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Article:
    """A clean news article and its metadata.

    Every field is a JSON value; the JSON Schema in ``crawler/schema/article.schema.json``
    is generated from this class (``crawler schema``).
    """

    url: str | None = None
    """The URL the page was fetched from (or given for a saved page)."""
    canonical_url: str | None = None
    """``<link rel=canonical>`` / ``og:url`` resolved against ``url``; else ``url``."""
    original_url: str | None = None
    """The article this page republishes ("Source link", cross-domain canonical, JSON-LD ``isBasedOn``)."""
    title: str | None = None
    """The headline, without " | Site" / " - Site" affixes."""
    authors: list[str] = field(default_factory=list)
    """People named in the byline, in byline order, without "By" prefixes."""
    date_published: str | None = None
    """ISO 8601 publication date (with time and offset when the page gives them)."""
    date_modified: str | None = None
    """ISO 8601 last-modified date, when the page gives one."""
    date_source: dict[str, str] = field(default_factory=dict)
    """Where each date came from, e.g. ``{"date_published": "json-ld"}``."""
    language: str | None = None
    """ISO 639-1 language code of the article's text (the page's declared language, unless the text is
    surely in another)."""
    sitename: str | None = None
    """The publisher's name."""
    description: str | None = None
    """The page's summary (``og:description`` / meta description)."""
    tags: list[str] = field(default_factory=list)
    """Keywords and tags of the article."""
    image: str | None = None
    """The lead image URL."""
    text: str = ""
    """Plain text: paragraphs separated by one blank line, headings and list items on their own lines."""
    word_count: int = 0
    """Number of words in ``text``."""
    content_hash: str = ""
    """sha256 (hex) of the normalised text: lower case, whitespace collapsed."""
    version: int = 1
    """1 for the first record of a canonical URL; incremented each time its content hash changes."""
    first_seen: str | None = None
    """When a crawl first wrote this article (ISO 8601, UTC); set by the crawl state."""
    last_seen: str | None = None
    """When a crawl last fetched this article (ISO 8601, UTC); set by the crawl state."""
