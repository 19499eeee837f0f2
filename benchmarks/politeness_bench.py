#!/usr/bin/env python3
"""Cluster politeness benchmark: N workers of one Redis crawl on one site, with and without it.

    python benchmarks/politeness_bench.py [--workers 2] [--articles 40] [--page-seconds 0.5]
                                          [--delay 0.25] [--concurrency 4] [--crawl-delay 0]

Starts a ``redis-server`` (AOF on, a temporary directory) and serves a generated news site on
127.0.0.1 whose article pages take ``--page-seconds`` to answer. Then, twice (cluster politeness on,
then ``NEWS_POLITENESS_CLUSTER=False``), ``--workers`` real ``scrapy crawl news`` processes crawl it as
one run, with ``DOWNLOAD_DELAY=--delay``, ``CONCURRENT_REQUESTS_PER_DOMAIN=--concurrency`` and
AutoThrottle off (so the delay is the one asked for). It prints, as the site saw them: requests per
second, the most requests in flight at once, and the shortest gap between two request starts
(robots.txt left out: each worker fetches it before any knows the site's Crawl-delay), and with
cluster politeness the shortest gap between the starts Redis granted (its last ``HISTORY``).

Needs ``redis-server`` on the PATH. Uses the test suite's helpers to start Redis and the workers.
"""
from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.crawl.state.redisconn import RedisConnection  # noqa: E402
from crawler.crawl.state.redispoliteness import ClusterSlots  # noqa: E402
from crawler.tools.demo.server import Page, Site, max_concurrency, min_spacing  # noqa: E402
from crawler.tools.demo.site import NewsSite, generated_articles  # noqa: E402
from tests.redisserver import EXECUTABLE, RedisServer  # noqa: E402
from tests.test_scale_out import finish, workers  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--page-seconds", type=float, default=0.5, help="time each article page takes to answer")
    parser.add_argument("--delay", type=float, default=0.25, help="DOWNLOAD_DELAY")
    parser.add_argument("--concurrency", type=int, default=4, help="CONCURRENT_REQUESTS_PER_DOMAIN")
    parser.add_argument("--crawl-delay", type=float, default=0.0, help="robots.txt Crawl-delay (0: none)")
    return parser.parse_args(argv)


def crawl(args: argparse.Namespace, redis_url: str, tmp: Path, cluster: bool) -> dict[str, float]:
    settings = {
        "NEWS_REDIS_URL": redis_url, "NEWS_REDIS_PREFIX": f"bench-{cluster}", "NEWS_POLITENESS_CLUSTER": str(cluster),
        "DOWNLOAD_DELAY": str(args.delay), "CONCURRENT_REQUESTS_PER_DOMAIN": str(args.concurrency),
        "AUTOTHROTTLE_ENABLED": "False", "NEWS_WORKERS": "1", "DOWNLOAD_TIMEOUT": "30",
    }
    tmp.mkdir()
    with Site() as site:
        news = NewsSite(
            articles=generated_articles(args.articles, seed=5), name="Bench Times", crawl_delay=args.crawl_delay or None
        )
        news.install(site)
        for path, route in site.routes.items():
            if isinstance(route, Page) and path.endswith(".html"):
                site.routes[path] = replace(route, delay=args.page_seconds)
        sources = tmp / "bench.toml"
        sources.write_text(f'[[sources]]\nname = "bench"\nstart_urls = ["{site.base}/"]\nsitemaps = ["robots"]\n')
        group = workers(tmp, sources, args.workers, settings)
        started = time.monotonic()
        for worker in group:
            worker.start()
        finish(group, timeout=600)
        wall = time.monotonic() - started
        visits = list(site.visits)
    span = max(visit.end for visit in visits) - min(visit.start for visit in visits)
    slots = ClusterSlots(RedisConnection(redis_url, f"bench-{cluster}"), args.concurrency, args.delay, 1.0)
    granted = slots.recent_starts("127.0.0.1")[1:]  # the first gap may be the workers' two robots.txt
    slots.connection.close()
    return {
        "granted_gap": min((b - a for a, b in itertools.pairwise(granted)), default=float("nan")),
        "requests": len(visits),
        "site_seconds": span,
        "per_second": len(visits) / span,
        "wall": wall,
        "max_concurrency": max_concurrency(visits),
        "min_gap": min_spacing(visits, skip=("/robots.txt",)),
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if EXECUTABLE is None:
        print("redis-server is not installed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="politeness-bench-") as directory:
        tmp = Path(directory)
        server = RedisServer(tmp / "redis").start()
        try:
            rows = {cluster: crawl(args, server.url, tmp / f"cluster-{cluster}", cluster) for cluster in (True, False)}
        finally:
            server.kill()
    delay = max(args.delay, args.crawl_delay)
    print(f"{args.workers} workers, {args.articles} articles of {args.page_seconds:g} s, delay {delay:g} s, "
          f"at most {args.concurrency} per site")
    print(f"{'cluster politeness':<20}{'requests':>9}{'site s':>8}{'req/s':>7}{'wall s':>8}{'max concurrent':>16}{'min gap s':>11}{'granted gap s':>15}")
    for cluster, row in rows.items():
        print(
            f"{'on' if cluster else 'off':<20}{row['requests']:>9.0f}{row['site_seconds']:>8.1f}{row['per_second']:>7.2f}"
            f"{row['wall']:>8.1f}{row['max_concurrency']:>16.0f}{row['min_gap']:>11.3f}{row['granted_gap']:>15.3f}"
        )
    print(f"limits: {1 / delay if delay else float('inf'):.2f} req/s, {args.concurrency} concurrent, gaps >= {delay:g} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
