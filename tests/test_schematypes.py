"""One list of schema.org article types and one reading of ``@type``, shared by the page classifier
(``spiders.classify``) and the metadata reader (``crawler.extraction.metadata.jsonld``)."""
from __future__ import annotations

import json

import pytest
from parsel import Selector

from crawler.extraction.metadata import jsonld
from spiders.classify import classify

URL = "https://n.example/world/rain.html"


def _page(kind: object) -> str:
    data = json.dumps({"@context": "https://schema.org", "@type": kind, "headline": "Rain returns"})
    return f'<html><head><script type="application/ld+json">{data}</script></head><body><p>x</p></body></html>'


@pytest.mark.parametrize(
    "kind",
    [
        "NewsArticle", "https://schema.org/NewsArticle", "http://schema.org/ReportageNewsArticle",
        "schema:NewsArticle", " newsarticle ", ["Thing", "https://schema.org/BlogPosting"],
        "TechArticle", "ScholarlyArticle", "SocialMediaPosting",
    ],
)
def test_classifier_and_metadata_reader_agree_on_article_types(kind: object) -> None:
    page = _page(kind)
    script = Selector(text=page).xpath('//script[@type="application/ld+json"]/text()').getall()
    assert jsonld.parse(script).has_article
    assert classify(URL, Selector(text=page)) == "article"


@pytest.mark.parametrize("kind", ["WebSite", "Organization", "Person", "https://schema.org/ImageObject"])
def test_non_article_types_are_articles_to_neither(kind: object) -> None:
    page = _page(kind)
    script = Selector(text=page).xpath('//script[@type="application/ld+json"]/text()').getall()
    assert not jsonld.parse(script).has_article
    assert classify(URL, Selector(text=page)) == "unsure"


def test_listing_types_by_iri_are_listings() -> None:
    assert classify(URL, Selector(text=_page("https://schema.org/CollectionPage"))) == "listing"
