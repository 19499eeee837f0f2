"""The peer of the crawl benchmark: trafilatura's own crawler CLI on the same loopback site.

What a user would run instead of the crawl: the article URLs read from the site's sitemap index
(and the gzipped urlsets it names) into ``urls.txt``, then

    trafilatura -i urls.txt --parallel 2 --json --config-file peer.cfg > peer.jsonl

with ``peer.cfg`` setting trafilatura's supported options ``SLEEP_TIME = 0`` (no pause between two
requests to one host) and ``SSRF_PROTECTION = off`` (its guard against non-public addresses,
``trafilatura.downloads._vet_peer``, would refuse 127.0.0.1). Nothing of trafilatura is patched.

Used by ``crawl_bench.py --peer``.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

LOC = re.compile(rb"<loc>\s*([^<\s]+)\s*</loc>")
CONFIG = "[DEFAULT]\nSLEEP_TIME = 0\nSSRF_PROTECTION = off\n"
PROXY_VARIABLES = ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")


def fetch(url: str) -> bytes:
    """A URL's body, without any proxy of the environment (the site is on loopback)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=60) as response:
        return response.read()


def sitemap_urls(sitemap: str, get: Callable[[str], bytes] = fetch) -> list[str]:
    """The page URLs a sitemap lists, each once, in their order, through sitemap indexes to
    (gzipped) urlsets: the crawl's source under ``--peer`` names the same sitemap."""
    pending = [sitemap]
    seen_sitemaps: set[str] = set()
    pages: dict[str, None] = {}
    while pending:
        sitemap = pending.pop(0)
        if sitemap in seen_sitemaps:
            continue
        seen_sitemaps.add(sitemap)
        body = get(sitemap)
        if body[:2] == b"\x1f\x8b":
            body = gzip.decompress(body)
        locs = [loc.decode() for loc in LOC.findall(body)]
        if b"<sitemapindex" in body:
            pending.extend(locs)
        else:
            pages.update(dict.fromkeys(locs))
    return list(pages)


def trafilatura_command() -> list[str]:
    """trafilatura's console script of this interpreter's environment."""
    script = Path(sys.executable).parent / "trafilatura"
    if script.exists():
        return [str(script)]
    found = shutil.which("trafilatura")
    if found is None:
        raise SystemExit("trafilatura's command-line interface is not installed")
    return [found]


def run_peer(base: str, workdir: Path, parallel: int = 2) -> dict[str, float]:
    """Runs trafilatura's CLI over the sitemap's URLs; its wall time (process start to exit), CPU,
    URLs given, JSON lines written and distinct texts among them."""
    started = time.perf_counter()
    urls = sitemap_urls(base + "/sitemap_index.xml")
    listing = time.perf_counter() - started
    url_file, config, output = workdir / "urls.txt", workdir / "peer.cfg", workdir / "peer.jsonl"
    url_file.write_text("\n".join(urls) + "\n")
    config.write_text(CONFIG)
    command = trafilatura_command() + ["-i", str(url_file), "--parallel", str(parallel), "--json",
                                       "--config-file", str(config)]
    env = {name: value for name, value in os.environ.items() if name not in PROXY_VARIABLES}
    with output.open("wb") as out, (workdir / "peer.log").open("wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=workdir, env=env, stdout=out, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    if status != 0:
        tail = (workdir / "peer.log").read_text(errors="replace")[-2000:]
        raise SystemExit(f"trafilatura's CLI failed ({status}):\n{tail}")
    records = [json.loads(line) for line in output.read_bytes().splitlines() if line.strip()]
    return {
        "urls": len(urls), "wall": wall, "listing": listing, "cpu": usage.ru_utime + usage.ru_stime,
        "lines": len(records), "distinct": len({r.get("text") for r in records}),  # --json: text and comments only
        "rate": len(urls) / wall,
    }


def peer_lines(result: dict, real: bool) -> list[str]:  # type: ignore[type-arg]
    """The crawl against the peer, as crawl_bench.py prints it: both rates end to end (process start
    to exit), the crawl's also by Scrapy's own clock, the counts, the ratio to the bare pool and the load."""
    peer, target = result["peer"], 2.5 if real else 2.0
    crawl_rate = result["article_pages"] / result["wall"]
    ratio = crawl_rate / peer["rate"]
    crawl_cpu = result["cpu"] * 1000 / max(1, result["article_pages"])  # CPU ms a page, all processes
    peer_cpu = peer["cpu"] * 1000 / max(1, peer["urls"])
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    tried = (f"  against the peer: trafilatura -i urls.txt --parallel 2 --json (SLEEP_TIME 0, SSRF_PROTECTION off) "
             f"on the sitemap's {peer['urls']} URLs: {peer['lines']} JSON lines ({peer['distinct']} distinct texts) "
             f"in {peer['wall']:.1f} s, {peer['rate']:.1f} pages/s "
             f"(reading the sitemaps for urls.txt: {peer['listing']:.2f} s, not counted)")
    crawled = (f"  the crawl (sitemap only, follow_links = false): {result['article_pages']} article pages, "
               f"{result['articles']} articles written in {result['wall']:.1f} s from process start to exit "
               f"({result['elapsed']:.1f} s by Scrapy's clock)")
    head = (f"  {'crawl p/s':>9} {'peer p/s':>8} {'ratio':>6} {'target':>6} {'by Scrapy clock':>15} "
            f"{'crawl/pool':>10} {'CPU ms/p crawl, peer':>20} {'load average':>14}")
    row = (f"  {crawl_rate:>9.1f} {peer['rate']:>8.1f} {ratio:>5.2f}x {target:>5.1f}x "
           f"{result['crawl_rate'] / peer['rate']:>14.2f}x {result['crawl_rate'] / result['pool_rate']:>10.0%} "
           f"{crawl_cpu:>13.1f}, {peer_cpu:>4.1f} {load:>14}  ({'met' if ratio >= target else 'not met'})")
    ceiling = (f"  a bare Scrapy spider fetching the same pages and doing nothing with them: "
               f"{result['bare_scrapy_rate']:.1f} pages/s, {result['bare_scrapy_rate'] / peer['rate']:.2f}x the peer "
               f"(the ceiling of any Scrapy crawl here); the crawl reaches "
               f"{crawl_rate / result['bare_scrapy_rate']:.0%} of it")
    cores = os.cpu_count() or 1
    busy = peer["rate"] * peer_cpu / 1000  # cores the peer kept busy on average
    bound = (f"  with every core busy at the crawl's CPU per page, {cores} x 1000 / {crawl_cpu:.1f} ms = "
             f"{cores * 1000 / crawl_cpu:.1f} pages/s, {cores * 1000 / crawl_cpu / peer['rate']:.2f}x the peer "
             f"(which kept {busy:.2f} of {cores} cores busy at {peer_cpu:.1f} ms a page)")
    return [tried, crawled, head, row, ceiling, bound]
