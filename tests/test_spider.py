"""The news spider's parts without a server: feeds, sitemaps, page classes, callbacks (HtmlResponse)."""
from __future__ import annotations

import datetime as dt
import gzip
import pickle
from typing import Any

import pytest
from parsel import Selector
from scrapy import Request
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.utils.test import get_crawler

from crawler.tools.demo.site import SiteArticle, article_page, atom, generated_text, news_sitemap, rss, sitemap_index
from crawler.crawl.feeds import parse_date, parse_feed
from crawler.crawl.pages import PageItem
from crawler.crawl.safexml import UnsafeXML, xml_body
from crawler.crawl.sitemaps import parse_sitemap
from crawler.crawl.sources import parse_sources
from spiders.classify import classify, listing_url
from spiders.news import NewsSpider

BASE = "https://news.example"
WHEN = dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.timezone.utc)
ARTICLES = [SiteArticle(path=f"/world/s{i}.html", html=b"", section="world", title=f"Story {i}", published=WHEN) for i in range(3)]


def test_rss2_and_atom_feeds() -> None:
    entries = parse_feed(rss("T", BASE, ARTICLES), BASE)
    assert [e.url for e in entries] == [f"{BASE}/world/s{i}.html" for i in range(3)]
    assert entries[0].published == WHEN and entries[0].title == "Story 0"
    entries = parse_feed(atom("T", BASE, ARTICLES[:2]), BASE)
    assert [e.url for e in entries] == [f"{BASE}/world/s0.html", f"{BASE}/world/s1.html"]
    assert entries[1].published == WHEN


def test_rss1_rdf_feed() -> None:
    body = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
 <channel rdf:about="https://news.example/"><title>T</title></channel>
 <item rdf:about="https://news.example/a"><title>A</title><link>https://news.example/a</link>
  <dc:date>2026-11-19T10:00:00Z</dc:date></item>
 <item rdf:about="https://news.example/b"><title>B</title></item>
</rdf:RDF>"""
    entries = parse_feed(body, BASE)
    assert [e.url for e in entries] == ["https://news.example/a", "https://news.example/b"]
    assert entries[0].published == dt.datetime(2026, 11, 19, 10, tzinfo=dt.timezone.utc)
    assert entries[1].published is None


@pytest.mark.parametrize("body", [b"", b"not xml at all", b"<html><body>hi</body></html>", b"\x00\xff" * 50])
def test_feed_garbage_is_empty(body: bytes) -> None:
    assert parse_feed(body, BASE) == []


def test_relative_feed_links_and_dates() -> None:
    body = b'<rss version="2.0"><channel><item><link>/x.html</link><pubDate>Fri, 20 Nov 2026 08:00:00 GMT</pubDate></item></channel></rss>'
    (entry,) = parse_feed(body, BASE + "/feeds/rss.xml")
    assert entry.url == BASE + "/x.html" and entry.published == WHEN
    assert parse_date("2026-11-20") == dt.datetime(2026, 11, 20, tzinfo=dt.timezone.utc)
    assert parse_date("yesterday") is None


def test_sitemap_index_and_gzipped_news_sitemap() -> None:
    kind, entries = parse_sitemap(sitemap_index(BASE, ["/news.xml.gz"]), BASE)
    assert kind == "sitemapindex" and [e.url for e in entries] == [BASE + "/news.xml.gz"]
    compressed = gzip.compress(news_sitemap("N", BASE, ARTICLES))
    kind, entries = parse_sitemap(xml_body(compressed), BASE)  # the crawl's path: safexml, then the parser
    assert kind == "urlset" and len(entries) == 3
    assert entries[0].url == BASE + "/world/s0.html" and entries[0].date == WHEN
    with pytest.raises(UnsafeXML, match="gzip_bomb"):
        xml_body(gzip.compress(b" " * 10_000), max_size=1000)
    assert parse_sitemap(b"<html/>", BASE) == ("", [])


@pytest.mark.parametrize(
    ("url", "listing"),
    [
        ("https://n.example/", True),
        ("https://n.example/tag/economy/", True),
        ("https://n.example/author/jo-smith", True),
        ("https://n.example/search?q=rain", True),
        ("https://n.example/world/page/2", True),
        ("https://n.example/world/rain-returns.html", False),
        ("https://n.example/2026/11/20/rain", False),
        ("https://n.example/index.html", True),
        ("https://n.example/?paged=3", True),
        ("https://n.example/archive/2026/11/", True),
        # Listing words as path prefixes of articles, index files naming their directory, post ids.
        ("https://n.example/category/news/2026/11/rain-returns-to-the-valley/", False),
        ("https://n.example/ideas/archive/2026/11/rain-returns-to-the-valley/615610/", False),
        ("https://n.example/people/real-life/rain-returns-to-the-valley-62276.html", False),
        ("https://n.example/2026/11/20/world/rain-returns/index.html", False),
        ("https://n.example/?p=2895", False),
        ("https://n.example/index.php?id=30&article=477", False),
    ],
)
def test_listing_urls(url: str, listing: bool) -> None:
    assert listing_url(url) is listing


def test_classify_pages() -> None:
    import random

    article = article_page("Rain returns", generated_text(random.Random(1)))
    assert classify("https://n.example/world/rain.html", Selector(body=article)) == "article"
    plain = article.replace(b'<meta property="og:type" content="article">', b"")
    assert classify("https://n.example/world/rain.html", Selector(body=plain)) == "article"  # long paragraphs
    section = b"<html><body><article><a href=/a>A</a></article><article><a href=/b>B</a></article></body></html>"
    assert classify("https://n.example/world/latest", Selector(body=section)) == "unsure"  # the extraction decides
    assert classify("https://n.example/tag/rain/", Selector(body=article)) == "listing"
    website = article.replace(b'content="article"', b'content="website"')  # many CMSs' default on every page
    assert classify("https://n.example/world/rain.html", Selector(body=website)) == "article"  # long paragraphs
    collection = b'<script type="application/ld+json">{"@type": "CollectionPage"}</script>'
    assert classify("https://n.example/world/", Selector(body=collection + website)) == "listing"
    # A page that is mostly links (an archive, an HTML sitemap) is a listing without extracting it...
    items = "".join(f'<li><a href="/world/s{i}.html">Rain story number {i}</a></li>' for i in range(120))
    archive = f"<html><body><h1>All stories</h1><ul>{items}</ul></body></html>".encode()
    assert classify("https://n.example/world/all", Selector(body=archive)) == "listing"
    # ...but not one where the links sit beside a body of text outside <p> (the extraction decides).
    text = " ".join(generated_text(random.Random(3), 12))
    with_text = archive.replace(b"</ul>", b"</ul><div>" + text.encode() + b"</div>")
    assert classify("https://n.example/world/all", Selector(body=with_text)) == "unsure"


def test_classify_reads_markup_as_the_xpath_did() -> None:
    """classify walks the tree with lxml itself: text nodes joined by spaces (comments left out), the
    first og:type with a content, the whole document even when the parser returned a fragment's element."""
    from lxml.html import fromstring

    sentence = "Rain returned to the valley on Tuesday after a dry month, and the river rose up"
    assert len(sentence) == 79  # one short of a long paragraph
    split = f"<p>{sentence[:40]}<!---->{sentence[40:]}</p>"  # two text nodes: 80 characters once joined
    commented = f"<p>{sentence}<!-- {sentence} --></p>"  # a comment is not text
    url = "https://n.example/world/rain.html"
    assert classify(url, Selector(text=f"<html><body>{split * 4}</body></html>")) == "article"
    assert classify(url, Selector(text=f"<html><body>{commented * 4}</body></html>")) == "unsure"
    metas = '<meta property="og:type"><meta property="og:type" content=" Profile "><meta property="og:type" content="article">'
    assert classify(url, Selector(text=f"<html><head>{metas}</head><body></body></html>")) == "listing"
    # a selector on an element below the root (lxml.html.fromstring returns one for a fragment): "//" still
    # reads the whole document, its <head> too
    page = fromstring('<html><head><meta property="og:type" content="article"></head><body><p>x</p></body></html>')
    fragment = page.find("body")
    assert classify(url, Selector(root=fragment, type="html")) == "article"


def test_unsure_pages_are_settled_by_their_extraction() -> None:
    """An article without article markup, beside related-story cards, is emitted; a teaser list is not."""
    import random

    from crawler.crawl.articletask import extract_outcome
    from spiders.pagelinks import analyse_page

    rng = random.Random(2)
    cards = "".join(f'<article><h3><a href="/world/s{i}.html">Story {i}</a></h3></article>' for i in range(4))
    article = article_page("Rain returns", generated_text(rng)).replace(b'content="article"', b'content="website"')
    article = article.replace(b"</aside>", cards.encode() + b"</aside>")
    teasers = "".join(
        f'<article><h2><a href="/world/s{i}.html">Story {i}</a></h2><p>{generated_text(rng, 1)[0][:150]}</p></article>'
        for i in range(8)
    )
    section = f"<html><head><title>World</title></head><body><h1>World</h1>{teasers}</body></html>".encode()
    url = "https://n.example/world/rain.html"
    assert classify(url, Selector(body=article)) == "unsure"
    prefetch = (extract_outcome, (None, 200))
    analysis = analyse_page(article, url, "utf-8", prefetch=prefetch)
    assert analysis.kind == "article" and analysis.extracted[0].title == "Rain returns"
    analysis = analyse_page(section, "https://n.example/world/latest", "utf-8", prefetch=prefetch)
    assert analysis.kind == "listing" and analysis.extracted is None
    assert "https://n.example/world/s3.html" in analysis.links
    # Without the extraction at hand (no worker pool) an unsure page goes to the pipelines, which judge it.
    assert analyse_page(section, "https://n.example/world/latest", "utf-8").kind == "article"
    # A page whose links the spider will not follow: same class and extraction, no links read.
    unread = analyse_page(section, "https://n.example/world/latest", "utf-8", None, prefetch, None, False)
    assert (unread.kind, unread.extracted, unread.links, unread.offsite) == ("listing", None, [], 0)


def test_a_listing_follows_links_wherever_any_page_does() -> None:
    """The spider reads a page's links only where a listing would follow them (no other class follows more)."""
    for follow_links in (False, True):
        spider = make_spider(follow_links=follow_links)
        source = next(iter(spider.sources))
        for via in ("start", "link", "sitemap", "feed"):
            assert spider.follows_links(source, "listing", via) or not spider.follows_links(source, "article", via)
        assert spider.follows_links(source, "listing", "sitemap") is follow_links


# --- spider callbacks ---------------------------------------------------------------------------------


def make_spider(**source: Any) -> NewsSpider:
    crawler = get_crawler(NewsSpider, {"NEWS_SOURCES": None})
    spider = NewsSpider(sources="unused.toml")
    spider.crawler = crawler
    spider.settings = crawler.settings
    table = {"name": "n", "start_urls": [BASE + "/"], **source}
    spider.set_sources(parse_sources({"sources": [table]}))
    return spider


def drain(outputs: Any) -> list[Any]:
    """Everything an async callback yields (no crawl: pages are handled inline)."""
    import asyncio

    async def collect() -> list[Any]:
        return [output async for output in outputs]

    return asyncio.run(collect())


def page(url: str, body: bytes) -> HtmlResponse:
    return HtmlResponse(url=url, body=body, encoding="utf-8", request=Request(url))


LISTING = (
    b'<html><head><meta property="og:type" content="website"></head><body><ul>'
    b'<li><a href="/world/a.html">A</a></li><li><a href="/live/b.html">B</a></li>'
    b'<li><a href="https://elsewhere.example/c.html">C</a></li><li><a href="/world/a.html">A again</a></li>'
    b'<li><a href="/files/report.pdf">PDF</a></li></ul></body></html>'
)


def test_listing_page_is_followed_not_emitted() -> None:
    spider = make_spider(deny=["/live/"])
    output = drain(spider.parse_page(page(BASE + "/", LISTING), source="n"))
    assert all(isinstance(o, Request) for o in output)
    assert [o.url for o in output] == [BASE + "/world/a.html"]
    request = output[0]
    assert request.callback == spider.parse_page and request.cb_kwargs == {"source": "n", "via": "link"}
    pickle.dumps(request.cb_kwargs)  # survives JOBDIR persistence
    stats = spider.crawler.stats.get_stats()
    assert stats["news/skipped/not_allowed"] == 1 and stats["news/skipped/offsite"] == 1


def test_article_page_is_emitted_as_page_item() -> None:
    import random

    spider = make_spider()
    body = article_page("Rain returns", generated_text(random.Random(2)), related=[("More", "/world/more.html")])
    output = drain(spider.parse_page(page(BASE + "/world/rain.html", body), source="n", via="feed", date="2026-11-20"))
    items = [o for o in output if isinstance(o, PageItem)]
    assert len(items) == 1
    item = items[0]
    assert item.url == BASE + "/world/rain.html" and item.body == body and item.source == "n"
    assert item.discovered_via == "feed" and item.discovered_date == "2026-11-20"
    assert BASE + "/world/more.html" in [o.url for o in output if isinstance(o, Request)]


def test_non_html_is_skipped() -> None:
    spider = make_spider()
    pdf = Response(url=BASE + "/world/report", body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"})
    assert drain(spider.parse_page(pdf, source="n")) == []
    text = TextResponse(url=BASE + "/notes.txt", body=b"plain words", encoding="utf-8")
    assert drain(spider.parse_page(text, source="n")) == []
    assert spider.crawler.stats.get_value("news/skipped/not_html") == 2


def test_max_pages_and_max_age() -> None:
    spider = make_spider(max_pages=2, max_age_days=3)
    old = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=10)
    fresh = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)
    assert list(spider._page_request(BASE + "/old.html", "n", via="feed", date=old)) == []
    assert spider.crawler.stats.get_value("news/skipped/too_old") == 1
    urls = [r.url for i in range(5) for r in spider._page_request(f"{BASE}/s{i}.html", "n", via="feed", date=fresh)]
    assert urls == [BASE + "/s0.html", BASE + "/s1.html"]
    assert spider.crawler.stats.get_value("news/source/n/max_pages_reached") == 1


async def _collect(spider: NewsSpider) -> list[Request]:
    return [request async for request in spider.start()]


def test_start_requests_cover_every_discovery_path() -> None:
    import asyncio

    spider = make_spider(feeds=[BASE + "/rss.xml"], sitemaps=["robots", BASE + "/sitemap.xml"])
    requests = asyncio.run(_collect(spider))
    by_url = {r.url: r for r in requests}
    assert by_url[BASE + "/rss.xml"].callback == spider.parse_feed
    assert by_url[BASE + "/sitemap.xml"].callback == spider.parse_sitemap
    assert by_url[BASE + "/robots.txt"].callback == spider.parse_robots
    assert by_url[BASE + "/"].callback == spider.parse_page
    assert all(r.dont_filter for r in requests)  # re-read on every (re)start


def test_feed_and_sitemap_callbacks_schedule_pages() -> None:
    spider = make_spider()
    feed = TextResponse(url=BASE + "/rss.xml", body=rss("T", BASE, ARTICLES), encoding="utf-8")
    assert [r.url for r in spider.parse_feed(feed, source="n")] == [BASE + f"/world/s{i}.html" for i in range(3)]
    robots = TextResponse(url=BASE + "/robots.txt", body=b"User-agent: *\nSitemap: /sm.xml\n", encoding="utf-8")
    (request,) = spider.parse_robots(robots, source="n")
    assert request.url == BASE + "/sm.xml" and request.callback == spider.parse_sitemap
    index = Response(url=BASE + "/sm.xml", body=sitemap_index(BASE, ["/news.xml.gz"]))
    (child,) = spider.parse_sitemap(index, source="n")
    assert child.url == BASE + "/news.xml.gz"
    news = Response(url=BASE + "/news.xml.gz", body=gzip.compress(news_sitemap("N", BASE, ARTICLES)))
    assert list(spider.parse_sitemap(news, source="n")) == []  # the feed has scheduled them already
    pages = list(make_spider().parse_sitemap(news, source="n"))
    assert [r.cb_kwargs["date"] for r in pages] == [WHEN.isoformat()] * 3


def test_links_like_link_extractor() -> None:
    from scrapy.linkextractors import LinkExtractor

    from spiders.pagelinks import links

    body = (
        b'<html><head><base href="https://news.example/sub/"></head><body>'
        b'<a href=" rel.html ">r</a><a href="/abs.html#part">a</a><a href="/abs.html">again</a>'
        b'<a href="https://other.example/x">x</a><a href="/photo.JPG">img</a><a href="/doc.pdf">pdf</a>'
        b'<a href="/page.php?id=1">php</a><a href="mailto:a@b.c">m</a><a href="javascript:void(0)">j</a>'
        b'<a href="#top">top</a><map><area href="/area.html"></map><a href="/caf\xc3\xa9">cafe</a></body></html>'
    )
    response = HtmlResponse(url="https://news.example/", body=body, encoding="utf-8")
    ours = links(response)
    assert ours == [
        "https://news.example/sub/rel.html", "https://news.example/abs.html", "https://other.example/x",
        "https://news.example/page.php?id=1", "https://news.example/area.html", "https://news.example/caf%C3%A9",
    ]
    scrapy_links = [link.url.partition("#")[0] for link in LinkExtractor(deny_extensions=None).extract_links(response)]
    assert set(ours) - {"https://news.example/page.php?id=1"} <= set(scrapy_links)
