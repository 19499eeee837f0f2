"""A Retry-After or backoff wait frees the downloader: one site answering 429 does not stall the others.

Two loopback sites (127.0.0.2 answers every page 429 with ``Retry-After``; 127.0.0.1 is a healthy news
site) crawled in one run with few download slots: the healthy site is crawled while the other waits,
and the waiting site gets no request until its ``Retry-After`` has passed.
"""
from __future__ import annotations

import asyncio
import json
import random
import threading
import time
from pathlib import Path
from typing import Any

from scrapy import Request
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawler.crawl.middlewares.retryafter import BackoffRetryMiddleware
from crawler.crawl.scheduler import DiskQueueScheduler
from crawler.crawl.waiting import NOT_BEFORE, SITE_WAIT
from crawler.tools.demo.server import Page, Site
from crawler.tools.demo.site import article_page, generated_text, listing_page

from spiders.news import NewsSpider

from tests.crawlsite import crawl_command, read_jsonl, run_crawl

RETRY_AFTER = 12
THROTTLED_PAGES = 8


def _middleware() -> BackoffRetryMiddleware:
    crawler = get_crawler(NewsSpider, {"NEWS_RETRY_BACKOFF_BASE": 2, "RETRY_TIMES": 2})
    crawler.spider = NewsSpider(sources="unused.toml")
    crawler.spider.crawler = crawler
    return BackoffRetryMiddleware.from_crawler(crawler)


def test_retry_is_handed_back_at_once_with_the_time_it_may_be_sent() -> None:
    middleware = _middleware()
    request = Request("https://busy.example/a")
    before = time.time()
    retry = middleware.process_response(request, Response(request.url, status=429, headers={"Retry-After": "120"}))
    assert isinstance(retry, Request)  # not a coroutine that sleeps 120 s in the downloader
    assert before + 119 < retry.meta[NOT_BEFORE] < time.time() + 121 and retry.meta[SITE_WAIT]
    backoff = middleware.process_response(request, Response(request.url, status=500))
    assert isinstance(backoff, Request) and SITE_WAIT not in backoff.meta  # a backoff delays this request only
    assert before + 1.9 < backoff.meta[NOT_BEFORE] < time.time() + 2.1
    refused = middleware.process_exception(request, ConnectionRefusedError())
    assert isinstance(refused, Request) and refused.meta[NOT_BEFORE] > before


def _scheduler(tmp_path: Path, jobdir: bool = False) -> tuple[DiskQueueScheduler, NewsSpider]:
    settings = {"SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.ScrapyPriorityQueue",
                "SCHEDULER_DISK_QUEUE": "crawler.crawl.scheduler.MethodNameLifoDiskQueue"}
    if jobdir:
        settings["JOBDIR"] = str(tmp_path / "job")
    crawler = get_crawler(NewsSpider, settings)
    spider = NewsSpider(sources="unused.toml")
    spider.crawler, crawler.spider = crawler, spider
    scheduler = DiskQueueScheduler.from_crawler(crawler)
    scheduler.open(spider)
    return scheduler, spider


def test_scheduler_holds_a_waiting_site_and_serves_the_others(tmp_path: Path) -> None:
    async def run() -> None:  # in an event loop: the scheduler arms a timer to wake the engine
        scheduler, spider = _scheduler(tmp_path)
        later = time.time() + 0.5
        scheduler.enqueue_request(Request("https://busy.example/retry", meta={NOT_BEFORE: later, SITE_WAIT: True},
                                          dont_filter=True, callback=spider.parse_page))
        for url in ("https://busy.example/next", "https://calm.example/a", "https://busy.example/other"):
            scheduler.enqueue_request(Request(url, callback=spider.parse_page))
        assert len(scheduler) == 4 and scheduler.has_pending_requests()
        assert scheduler.next_request().url == "https://calm.example/a"  # the busy site's are set aside
        assert scheduler.next_request() is None and scheduler.has_pending_requests()  # all busy, still pending
        await asyncio.sleep(0.6)
        urls = [scheduler.next_request().url for _ in range(3)]
        assert urls[0] == "https://busy.example/retry" and sorted(urls[1:]) == [
            "https://busy.example/next", "https://busy.example/other"]
        assert scheduler.next_request() is None and not scheduler.has_pending_requests()
        scheduler.close("finished")

    asyncio.run(run())


def test_requests_still_waiting_are_saved_with_the_jobdir_queue(tmp_path: Path) -> None:
    async def run() -> None:
        scheduler, spider = _scheduler(tmp_path, jobdir=True)
        scheduler.enqueue_request(Request("https://busy.example/retry", meta={NOT_BEFORE: time.time() + 60},
                                          dont_filter=True, callback=spider.parse_page))
        assert scheduler.next_request() is None and len(scheduler) == 1
        scheduler.close("shutdown")
        resumed, _ = _scheduler(tmp_path, jobdir=True)
        assert len(resumed) == 1
        assert resumed.next_request() is None  # still not due: held again
        resumed.close("finished")

    asyncio.run(run())


class Clock:
    """When each path of a site was requested (seconds since the epoch)."""

    def __init__(self) -> None:
        self.times: list[tuple[str, float]] = []
        self._lock = threading.Lock()

    def route(self, path: str, page: Page) -> Any:
        def answer(count: int) -> Page:
            with self._lock:
                self.times.append((path, time.time()))
            return page
        return answer


def _throttled_site(clock: Clock) -> Site:
    busy = Page(b"<html><body>Too many requests</body></html>", status=429, headers={"Retry-After": str(RETRY_AFTER)})
    routes = {f"/story-{i}.html": clock.route(f"/story-{i}.html", busy) for i in range(THROTTLED_PAGES)}
    routes["/robots.txt"] = Page(b"User-agent: *\nAllow: /\n", content_type="text/plain")
    return Site(routes)


def _healthy_site(clock: Clock) -> tuple[Site, set[str]]:
    rng = random.Random(5)
    titles = {f"Harbour council approves plan number {i} for the waterfront" for i in range(6)}
    routes: dict[str, Any] = {}
    paths = []
    for i, title in enumerate(sorted(titles)):
        path = f"/news/2026/story-{i}.html"
        paths.append(path)
        routes[path] = clock.route(path, Page(article_page(title, generated_text(rng))))
    home = listing_page("Healthy Herald", "Latest", [f'<li><a href="{p}">{p}</a></li>' for p in paths])
    routes["/"] = clock.route("/", Page(home))
    routes["/robots.txt"] = Page(b"User-agent: *\nAllow: /\n", content_type="text/plain")
    return Site(routes), titles


def test_a_site_waiting_for_retry_after_does_not_stall_the_others(tmp_path: Path) -> None:
    throttled_clock, healthy_clock = Clock(), Clock()
    throttled = _throttled_site(throttled_clock).start("127.0.0.2")
    healthy, titles = _healthy_site(healthy_clock)
    healthy.start("127.0.0.1")
    try:
        sources = tmp_path / "sources.toml"
        slow_urls = [f"{throttled.base}/story-{i}.html" for i in range(THROTTLED_PAGES)]
        sources.write_text(
            '[[sources]]\nname = "throttled"\n'
            f"start_urls = {json.dumps(slow_urls)}\n"
            '[[sources]]\nname = "healthy"\n'
            f'start_urls = ["{healthy.base}/"]\n'
        )
        output = tmp_path / "out.jsonl"
        command = crawl_command(sources, output, tmp_path / "stats.json", settings={
            "CONCURRENT_REQUESTS": "4", "RETRY_TIMES": "1", "AUTOTHROTTLE_ENABLED": "False",
            "ROBOTSTXT_OBEY": "False",
        })
        started = time.time()
        result = run_crawl(command, tmp_path / "crawl.log", timeout=120)
        finished = time.time()
    finally:
        throttled.stop()
        healthy.stop()
    log = (tmp_path / "crawl.log").read_text()
    assert result.returncode == 0, log[-3000:]
    assert {record["title"] for record in read_jsonl(output)} == titles

    first_429 = min(t for _, t in throttled_clock.times)
    healthy_done = max(t for _, t in healthy_clock.times)
    # The healthy site was crawled while the throttled one waited (before: after the wait, its slots held).
    assert healthy_done - first_429 < RETRY_AFTER / 2, (healthy_done - first_429, healthy_clock.times)
    # The throttled site was left alone for its Retry-After: no request in the window, then its retries.
    window = [t for _, t in throttled_clock.times if first_429 + 1.5 < t < first_429 + RETRY_AFTER - 0.5]
    assert window == [], [t - first_429 for _, t in throttled_clock.times]
    assert len(throttled_clock.times) == 2 * THROTTLED_PAGES  # each page once, and retried once (RETRY_TIMES=1)
    assert finished - started < 2 * RETRY_AFTER + 30
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats.get("retry/count") == THROTTLED_PAGES
