"""A site's name declared as its host in one case ("kystlinjen.dk", "ELESPECTADOR.COM") gives way to the
name spelled in words that another declaration gives ("Kystlinjen"); a brand that spells itself with
its domain ("Chefkoch.de") keeps that spelling, and a social handle is no spelling of the name."""
from __future__ import annotations

import json

from crawler import extract_article

BODY = "".join(f"<p>{s}</p>" for s in [
    "The dune at Skarreby Strand was breached in two places during the October storm surge last year.",
    "The municipality has now pumped 40,000 cubic metres of sand onto the beach to rebuild the dune.",
    "The work is expected to last until the end of the month, weather permitting, the council said.",
])


def _page(og_site_name: str, publisher: str, twitter: str = "") -> str:
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Sand for the dune",
                     "publisher": {"@type": "NewsMediaOrganization", "name": publisher}})
    handle = f"<meta name='twitter:site' content='@{twitter}'>" if twitter else ""
    return (f"<html><head><title>Sand for the dune</title><meta property='og:site_name' content='{og_site_name}'>"
            f"{handle}<script type='application/ld+json'>{ld}</script></head>"
            f"<body><article><h1>Sand for the dune</h1>{BODY}</article></body></html>")


def test_a_host_in_lower_case_gives_way_to_the_name_in_words() -> None:
    article = extract_article(_page("kystlinjen.dk", "Kystlinjen"), "https://kystlinjen.dk/nyheder/klit")
    assert article.sitename == "Kystlinjen"


def test_a_host_in_capitals_gives_way_too() -> None:
    article = extract_article(_page("KYSTLINJEN.DK", "Kystlinjen"), "https://kystlinjen.dk/nyheder/klit")
    assert article.sitename == "Kystlinjen"


def test_a_brand_spelled_with_its_domain_keeps_it() -> None:
    article = extract_article(_page("Kystlinjen.dk", "Kystlinjen"), "https://kystlinjen.dk/nyheder/klit")
    assert article.sitename == "Kystlinjen.dk"


def test_a_social_handle_is_no_spelling_of_the_name() -> None:
    article = extract_article(_page("kystlinjen.dk", "Kystlinjen Media ApS", twitter="Kystlinjen"),
                              "https://kystlinjen.dk/nyheder/klit")
    assert article.sitename == "kystlinjen.dk"
