"""The crawl's compact state (flat-array maps and sets), the worker's link reading and the frontier limit."""
from __future__ import annotations

import asyncio
import random
from urllib.parse import urljoin

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.demo.site import article_page, generated_text
from crawler.extensions.frontier import FrontierLimit
from crawler.minhash import HashSet, IntMultiMap
from spiders.news import NewsSpider
from spiders.pagelinks import LinkRules, analyse_page, links


def test_int_multimap_keeps_every_value_through_growth() -> None:
    table = IntMultiMap(4)
    expected: dict[int, list[int]] = {}
    rng = random.Random(7)
    for value in range(3000):
        key = rng.randrange(50) if rng.random() < 0.3 else rng.getrandbits(64)
        table.add(key, value)
        expected.setdefault(key or 1, []).append(value)  # key 0 is stored as 1 (0 marks empty slots)
    assert len(table) == 3000
    assert all(sorted(table.get(key)) == values for key, values in expected.items())
    assert table.get(2**63 + 12345) == [] and (2**63 + 12345) not in table


def test_hash_set() -> None:
    seen = HashSet()
    seen.add("https://news.example/a")
    seen.add("https://news.example/a")
    assert "https://news.example/a" in seen and "https://news.example/b" not in seen
    assert len(seen) == 1 and 42 not in seen


def reference_links(response: HtmlResponse) -> list[str]:
    """What the links are by plain urljoin (the fast paths must not change any of them)."""
    base = response.url
    found: list[str] = []
    for href in response.xpath("//a/@href").getall():
        href = href.strip()
        if href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = urljoin(base, href).partition("#")[0]
        if url.startswith(("http://", "https://")) and url not in found:
            found.append(url)
    return found


HREFS = [
    "/a/b.html", "/a/./b.html", "/a/../b.html", "/a/b.html?", "/a/b.html?x=1#frag", "/a;p=1/b", "//cdn.example/x",
    "https://other.example/x/../y", "HTTPS://Other.example/Z", "http://other.example", "rel/page.html",
    "../up.html", "?q=1", "https://user@other.example:8443/p?q#f", "/a//b", "/x.", "/a/b/..",
]


def test_links_fast_paths_equal_urljoin() -> None:
    body = ("<html><body>" + "".join(f'<a href="{h}">x</a>' for h in HREFS) + "</body></html>").encode()
    response = HtmlResponse(url="https://news.example/world/2026/story.html", body=body, encoding="utf-8")
    assert links(response) == reference_links(response)


def test_analyse_page_filters_by_source_and_extracts_articles_only() -> None:
    body = article_page("Rain", generated_text(random.Random(1)), related=[("R", "/world/r.html"), ("L", "/live/x.html")])
    body = body.replace(b"</body>", b'<a href="https://elsewhere.example/p">e</a></body>')
    rules = LinkRules(("news.example",), deny=("/live/",))
    calls: list[str] = []
    analysis = analyse_page(body, "https://news.example/world/rain.html", "utf-8", rules, (_record, (calls,)))
    assert analysis.kind == "article" and analysis.extracted == "done"
    assert "https://news.example/world/r.html" in analysis.links
    assert not any("/live/" in u or "elsewhere" in u for u in analysis.links)
    assert analysis.offsite >= 1 and analysis.not_allowed == 1
    listing = analyse_page(body, "https://news.example/tag/rain/", "utf-8", rules, (_record, (calls,)))
    assert listing.kind == "listing" and listing.extracted is None and calls == ["https://news.example/world/rain.html"]


def _record(body: bytes, url: str, calls: list[str], tree: object = None) -> str:
    assert tree is not None and tree.find(".//h1") is not None  # the page parsed once, shared with extraction
    calls.append(url)
    return "done"


def test_frontier_limit_is_off_with_jobdir_and_passes_every_output(tmp_path: object) -> None:
    with pytest.raises(NotConfigured):
        FrontierLimit.from_crawler(get_crawler(NewsSpider, {"JOBDIR": str(tmp_path)}))
    with pytest.raises(NotConfigured):
        FrontierLimit.from_crawler(get_crawler(NewsSpider, {"NEWS_FRONTIER_MAX": 0}))
    crawler = get_crawler(NewsSpider, {"NEWS_FRONTIER_MAX": 2})
    limit = FrontierLimit.from_crawler(crawler)
    crawler.stats.open_spider()
    crawler.stats.set_value("scheduler/enqueued", 5)
    crawler.stats.set_value("scheduler/dequeued", 1)
    assert limit.pending() == 4  # over the limit, but no running engine: it must not wait (no stall)
    outputs = [Request("https://news.example/a"), {"item": 1}, Request("https://news.example/b")]

    async def source() -> object:
        for output in outputs:
            yield output

    async def collect() -> list[object]:
        response = HtmlResponse(url="https://news.example/", body=b"", request=Request("https://news.example/"))
        return [o async for o in limit.process_spider_output(response, source())]

    assert asyncio.run(collect()) == outputs
