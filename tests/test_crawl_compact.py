"""The crawl's compact state (flat-array maps and sets), the worker's link reading and the disk-queue scheduler."""
from __future__ import annotations

import random
from pathlib import Path
from urllib.parse import urljoin

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.tools.demo.site import article_page, generated_text
from crawler.crawl.scheduler import SCRATCH_PREFIX, DiskQueueScheduler, remove_stale_scratch
from crawler.crawl.minhash import HashSet, IntMultiMap
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


def test_shingle_hashes_keep_their_definition() -> None:
    """Signatures are stored in the crawl state: the shingle hash must stay CRC-32 of five joined words."""
    from zlib import crc32

    from crawler.crawl.minhash import shingle_hashes

    assert shingle_hashes("One two, THREE four five six!") == {crc32(b"one two three four five"), crc32(b"two three four five six")}
    assert shingle_hashes("Straße ist") == {crc32("strasse ist".encode())}  # short: one shingle, case-folded
    assert shingle_hashes("") == {crc32(b"")}


def test_signatures_keep_their_values() -> None:
    """Signatures are stored across runs: these are the values of the first implementation, and its word
    pattern ``\\w+`` still finds the words (the faster ``[a-z\\w]+`` matches the same characters)."""
    import hashlib
    import re
    import sys

    from crawler.crawl.minhash import _WORD, signature

    expected = {
        " ".join(generated_text(random.Random(7), 6)): "ee94a662d0fafebb",
        "İstanbul’da Straße 12 ﬁn — x": "c420252d7ccbfe4b",  # casefolding splits İ into i + a combining dot
        "a b": "3add48977124fd04",
        "": "122ee0aaf3070c53",
    }
    for text, digest in expected.items():
        assert hashlib.sha256(signature(text).tobytes()).hexdigest()[:16] == digest, text
    every = "".join(map(chr, range(sys.maxunicode + 1))).replace("\ud800", "")
    assert _WORD.findall(every) == re.findall(r"\w+", every)


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


def test_page_start_is_the_start_of_the_text() -> None:
    """links() decodes only the start of a long UTF-8 page for <base href>: the same characters as text."""
    from spiders.pagelinks import _page_start

    rng = random.Random(3)
    pieces = [b"a", b"\xc3\xa9", b"\xe2\x80\x99", b"\xf0\x9f\x98\x80", b"\xff", b"\xe2\x80", b"\xed\xa0\x80", b"\xf0\x9f"]
    for _ in range(200):
        body = b"".join(rng.choice(pieces) for _ in range(rng.randrange(7000, 12000)))
        for encoding in ("utf-8", "UTF8", "cp1252"):
            for start in (b"", b"\xef\xbb\xbf", b"\xff\xfe"):  # BOMs decide the codec themselves
                response = HtmlResponse("https://n.example/", body=start + body, encoding=encoding)
                assert _page_start(response) == response.text[:8192]


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


def test_scheduler_keeps_pending_requests_on_disk_and_removes_its_scratch_dir(tmp_path: Path) -> None:
    # (the crawl's DownloaderAwarePriorityQueue needs a running engine; the loopback crawls use it)
    crawler = get_crawler(NewsSpider, {"SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.ScrapyPriorityQueue",
                                       "SCHEDULER_DISK_QUEUE": "crawler.crawl.scheduler.MethodNameLifoDiskQueue"})
    spider = NewsSpider(sources="unused.toml")
    spider.crawler, crawler.spider = crawler, spider
    scheduler = DiskQueueScheduler.from_crawler(crawler)
    assert scheduler.scratch is not None and Path(scheduler.dqdir).is_dir()
    scheduler.open(spider)
    request = Request("https://news.example/world/a.html", callback=spider.parse_page, errback=spider.on_error,
                      cb_kwargs={"source": "local", "via": "link"}, meta={"news_source": "local"})
    assert scheduler.enqueue_request(request)
    assert len(scheduler.dqs) == 1 and len(scheduler.mqs) == 0  # pickled to disk, not held
    assert request.callback == spider.parse_page  # the queued request object is left as it was
    assert scheduler.enqueue_request(Request("https://news.example/world/b.html", callback=lambda r: None))
    assert len(scheduler.mqs) == 1  # not a spider method: kept in memory, as Scrapy does
    assert scheduler.next_request().url.endswith("/b.html")
    popped = scheduler.next_request()
    assert popped.url == request.url and popped.cb_kwargs == request.cb_kwargs
    assert popped.callback == spider.parse_page and popped.errback == spider.on_error
    scheduler.close("finished")
    assert not Path(scheduler.scratch).exists()


def test_scheduler_leaves_jobdir_and_opt_out_to_scrapy(tmp_path: Path) -> None:
    with_jobdir = DiskQueueScheduler.from_crawler(get_crawler(NewsSpider, {"JOBDIR": str(tmp_path / "job")}))
    assert with_jobdir.scratch is None and with_jobdir.dqdir == str(tmp_path / "job" / "requests.queue")
    off = DiskQueueScheduler.from_crawler(get_crawler(NewsSpider, {"NEWS_SCHEDULER_DISK_QUEUE": False}))
    assert off.scratch is None and off.dqdir is None


def test_stale_scratch_queues_of_killed_crawls_are_removed(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = tmp_path / f"{SCRATCH_PREFIX}{int(gone.stdout)}-abc"  # a crawl whose process has exited
    live = tmp_path / f"{SCRATCH_PREFIX}{os.getpid()}-def"  # this process: still crawling
    other = tmp_path / "crawler-queue-notes"
    for path in (dead, live, other):
        (path / "requests.queue").mkdir(parents=True)
    assert remove_stale_scratch(str(tmp_path)) == 1
    assert not dead.exists() and live.exists() and other.exists()
