"""A canonical link that carries campaign or click-tracking parameters names the page without them:
the same story shared under each campaign's address is one page (and one record in a crawl's
duplicate check); the page's own parameters stay as they are written."""
from __future__ import annotations

import lxml.html

from crawler.extraction.metadata import extract_metadata


def _canonical(href: str) -> str | None:
    html = f"<html><head><link rel='canonical' href='{href}'><title>Fares</title></head><body><p>x</p></body></html>"
    return extract_metadata(lxml.html.document_fromstring(html), "https://t.example/news/fares").canonical_url


def test_tracking_parameters_leave_the_canonical_url():
    assert _canonical("https://t.example/news/fares?utm_source=nl&amp;id=5&amp;fbclid=abc") == "https://t.example/news/fares?id=5"
    assert _canonical("/news/fares?utm_campaign=spring") == "https://t.example/news/fares"


def test_the_pages_own_parameters_stay_as_written():
    assert _canonical("https://t.example/news/fares?id=5&amp;q=a%2Fb") == "https://t.example/news/fares?id=5&q=a%2Fb"
