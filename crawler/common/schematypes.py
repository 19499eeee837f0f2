"""schema.org types: which ``@type`` values name an article, a web page or a listing, and how a raw
``@type`` is read. The page classifier (``spiders.classify``) and the metadata reader
(``crawler.extraction.metadata.jsonld``) both decide with these, so a page is an article to both or to
neither. Scrapy-free.
"""
from __future__ import annotations

from collections.abc import Iterable

ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "scholarlyarticle",
    "techarticle", "socialmediaposting", "liveblogposting", "posting", "report", "advertisercontentarticle",
    "satiricalarticle", "medicalscholarlyarticle", "discussionforumposting", "creativework", "review",
    "podcastepisode",
})
"""Types whose object is the page's article (``CreativeWork`` and ``Review`` too: sites tag stories so;
a podcast episode's page is its show notes or transcript)."""
PAGE_TYPES = frozenset({"webpage", "itempage", "aboutpage", "collectionpage", "medicalwebpage", "faqpage"})
"""Types of the page itself, read when the page has no article object."""
LISTING_TYPES = frozenset({"collectionpage", "itemlist", "searchresultspage", "profilepage"})
"""Types that make a page a listing (followed, not emitted) to the classifier."""


def normalise_type(value: object) -> str | None:
    """One ``@type`` value as a lower-case schema.org name: ``"https://schema.org/NewsArticle"``,
    ``"schema:NewsArticle"`` and ``" NewsArticle"`` are all ``"newsarticle"``; None for a non-string or empty value."""
    if not isinstance(value, str):
        return None
    name = value.strip().lower().rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    if name.startswith("schema:"):
        name = name[len("schema:"):]
    return name or None


def types_of(raw: object) -> set[str]:
    """The normalised names of an ``@type`` value: one string or a list of them."""
    values: Iterable[object] = raw if isinstance(raw, list) else [raw]
    return {name for name in map(normalise_type, values) if name}
