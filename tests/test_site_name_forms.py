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


def test_a_chinese_sites_name_closing_its_titles_is_cut_and_names_the_site() -> None:
    body = "".join(f"<p>{s}</p>" for s in [
        "记者从市交通委获悉，本市将于下月起在中心城区试点夜间公交线路，首批开通八条线路，覆盖主要商圈和医院。",
        "试点期间，夜间公交票价与日间保持一致，乘客可使用交通卡和手机支付，换乘地铁末班车可享受优惠。",
        "市交通委表示，将根据试点期间的客流数据，逐步优化线路走向和发车间隔，为市民夜间出行提供便利。",
    ])
    html = (f"<html><head><meta charset='utf-8'><title>本市下月起试点夜间公交线路-江城新闻网</title></head>"
            f"<body><div class='content'>{body}</div></body></html>")
    article = extract_article(html.encode("utf-8"), "http://www.jiangcheng-news.example/city/2026-11/30/c_1.htm")
    assert article.title == "本市下月起试点夜间公交线路"
    assert article.sitename == "江城新闻网"
