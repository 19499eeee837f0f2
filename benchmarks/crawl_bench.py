#!/usr/bin/env python3
"""Crawl benchmark: a generated local news site, crawled end to end, beside single-process extraction.

    python benchmarks/crawl_bench.py [--pages 2000] [--sample 600] [--workers 0] [--keep DIR]
    python benchmarks/crawl_bench.py --pages 2000 --pages 10000     # memory: does it grow with pages?
    python benchmarks/crawl_bench.py --html-dir ../shared/data/trafilatura-eval/pages   # real page sizes
    python benchmarks/crawl_bench.py --pages 1000 --no-peer      # without trafilatura's CLI beside the crawl

For each ``--pages N`` it:

1. serves a generated site of N article pages (home, sections, related links, robots.txt, a sitemap
   index of gzipped news sitemaps) from a separate process on 127.0.0.1;
2. times ``extract_article`` alone, in this process, over ``--sample`` of the same pages
   (the single-process extraction rate), before the crawl and again after it: the ratio uses their
   mean, since on a shared machine the speed of a core drifts by 10-20% within minutes;
   and the same pages in a bare process pool of the crawl's worker count, doing nothing but
   ``extract_article`` (the most those cores give for extraction, with no crawl around it);
3. runs ``scrapy crawl news`` over the site (a subprocess, the real settings and pipelines, with the
   politeness limits lifted: it is our own loopback server) and samples the RSS of the crawler
   process tree (crawler + extraction workers) every 0.1 s;
4. runs a bare Scrapy spider (``BareSpider``: default settings, nothing of ours, one small item per page)
   over the same article pages: Scrapy's own CPU per page, beside the crawl's;
5. prints article pages/s of the crawl, its ratio to the extraction-only rate, the bare pool's ratio
   beside it, and peak memory;
   also the CPU milliseconds per page of each, and the CPU ratio: the speed-up over single-process
   extraction that the crawl reaches on idle cores (``cores * extract CPU / crawl CPU``). On a
   machine shared with other work the wall-clock ratio says more about the neighbours;
6. with ``--peer`` (the default), the crawl's source is the site's sitemap only (``follow_links = false``),
   and trafilatura's own crawler CLI runs over the same sitemap's URLs (``benchmarks/peer.py``):
   prints both rates, from process start to exit, their ratio, the ratio to the bare pool and the load.

One of the scripts of ``benchmarks/`` (crawl speed, metadata, page classes; run by hand, not by the
CLI). The extraction quality evaluation on the datasets is ``crawler bench`` (``crawler/tools/evaluation/``).
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import SimpleNamespace

from scrapy import Request, Spider

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import datetime as dt  # noqa: E402
import gzip  # noqa: E402

from benchmarks.peer import peer_lines, run_peer  # noqa: E402
from benchmarks.procstat import process_tree, sample  # noqa: E402
from crawler import NotAnArticle, extract_article  # noqa: E402
from crawler.tools.demo.server import Page  # noqa: E402
from crawler.tools.demo.site import (  # noqa: E402
    BASE_DATE,
    NewsSite,
    SiteArticle,
    article_page,
    generated_text,
    news_sitemap,
    sitemap_index,
)

SECTIONS = ("world", "politics", "business", "science", "sport", "culture", "health", "tech")
SITEMAP_CHUNK = 1000


def chrome(rng: random.Random, paths: list[str]) -> tuple[bytes, bytes]:
    """Page furniture of a typical news site (menus, scripts, most-read box, comments, footer), as
    (head extra, body extra). Real article pages are mostly this: 50-150 KB of HTML for 5 KB of text."""
    menu = "".join(f'<li><a href="/{s}/">{s.title()}</a><ul>' + "".join(
        f'<li><a href="/{s}/">{s.title()} {n}</a></li>' for n in range(6)) + "</ul></li>" for s in SECTIONS)
    config = json.dumps({"ads": [{"slot": f"slot-{i}", "sizes": [[300, 250], [728, 90]], "targeting": {
        "section": rng.choice(SECTIONS), "kw": [rng.choice(SECTIONS) for _ in range(8)]}} for i in range(40)]})
    style = "".join(f".c{i}{{margin:{i}px;padding:{i % 7}px;color:#{i * 4099 % 0xFFFFFF:06x}}}" for i in range(150))
    most_read = "".join(f'<li><a href="{rng.choice(paths)}">Most read story {i}</a></li>' for i in range(10))
    comments = "".join(
        f'<div class="comment"><span class="user">reader{rng.randrange(9999)}</span><p>{generated_text(rng, 1)[0][:160]}</p></div>'
        for _ in range(6))
    footer = "".join(f'<a href="/info/page-{i}.html">Footer link {i}</a> ' for i in range(30))
    head = f"<style>{style}</style><script>window.adConfig = {config};</script>"
    body = (f'<header><ul class="menu">{menu}</ul><div class="cookie">We use cookies. <button>Accept</button></div></header>'
            f'<aside class="most-read"><h2>Most read</h2><ol>{most_read}</ol></aside>'
            f'<section class="comments"><h2>Comments</h2>{comments}</section><footer>{footer}</footer>')
    return head.encode(), body.encode()


def real_pages(directory: Path | None) -> list[bytes]:
    """Saved real-world pages (``*.html`` or ``*.html.gz``), read in place, or [] without a directory."""
    if directory is None:
        return []
    pages = []
    for path in sorted(directory.iterdir()):
        if path.name.endswith(".gz"):
            pages.append(gzip.decompress(path.read_bytes()))
        elif path.suffix in (".html", ".htm"):
            pages.append(path.read_bytes())
    return pages


def article_paths(count: int) -> list[str]:
    return [f"/{SECTIONS[i % len(SECTIONS)]}/{i // 1000:02d}/story-{i:06d}.html" for i in range(count)]


def bench_articles(count: int, seed: int = 1, html_dir: Path | None = None) -> list[SiteArticle]:
    """Generated article pages with site furniture and six related links each (so links are followed too).

    With ``html_dir``, the pages' HTML is instead taken in turn from the real pages saved there (the
    site, its paths, sections, feeds and sitemaps stay generated).
    """
    rng = random.Random(seed)
    saved = real_pages(html_dir)
    paths = article_paths(count)
    articles = []
    for index, path in enumerate(paths):
        title = f"Story {index}: " + " ".join(rng.sample(generated_text(rng, 1)[0].split(), 6))
        related = [(f"Related {j}", paths[rng.randrange(count)]) for j in range(6)]
        published = BASE_DATE - dt.timedelta(minutes=index)
        html = article_page(title, generated_text(rng, 8), published=published, related=related,
                            tags=[("Local", "/tag/local/"), ("Politics", "/tag/politics/")])
        head, body = chrome(rng, paths)
        html = html.replace(b"</head>", head + b"</head>", 1).replace(b"</footer>", b"</footer>" + body, 1)
        if saved:
            html = saved[index % len(saved)]
        articles.append(SiteArticle(path=path, html=html, section=path.split("/")[1], title=title, published=published))
    return articles


def site_routes(count: int, base: str, html_dir: Path | None) -> dict[str, bytes]:
    """Every route of the benchmark site as a complete HTTP/1.1 response (headers and body)."""
    site = SimpleNamespace(base=base, routes={})  # what NewsSite.install() uses of a Site
    articles = bench_articles(count, html_dir=html_dir)
    NewsSite(articles=articles, name="Bench Times").install(site)  # type: ignore[arg-type]
    chunks = [articles[i : i + SITEMAP_CHUNK] for i in range(0, count, SITEMAP_CHUNK)]
    names = [f"/sitemaps/news-{n}.xml.gz" for n in range(len(chunks))]
    site.routes["/sitemap_index.xml"] = Page(sitemap_index(base, names), content_type="application/xml")
    for name, chunk in zip(names, chunks):
        site.routes[name] = Page(gzip.compress(news_sitemap("Bench Times", base, chunk), mtime=0),
                                 content_type="application/x-gzip")
    routes = {}
    for path, page in site.routes.items():
        assert isinstance(page, Page)
        head = f"HTTP/1.1 {page.status} OK\r\nContent-Type: {page.content_type}\r\nContent-Length: {len(page.body)}\r\n\r\n"
        routes[path] = head.encode() + page.body
    return routes


NOT_FOUND = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\nnot found"


def serve(
    count: int, html_dir: Path | None, ready: multiprocessing.Queue, delay: float = 0.0  # type: ignore[type-arg]
) -> None:
    """A minimal keep-alive HTTP server of pre-built responses, so serving costs next to no CPU
    (a real crawl fetches from other machines; the benchmark should measure the crawler).
    ``delay``: seconds each article page waits before its answer (a remote server's latency)."""
    import asyncio
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    routes = site_routes(count, base, html_dir)
    slow = set(article_paths(count)) if delay > 0 else set()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1].decode("latin-1")
                if path in slow:
                    await asyncio.sleep(delay)
                writer.write(routes.get(path, NOT_FOUND))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError, IndexError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, sock=sock, backlog=512)
        ready.put(base)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def sample_pages(count: int, sample: int, html_dir: Path | None) -> list[tuple[bytes, str]]:
    """``(html, url)`` of ``sample`` of the site's article pages, spread over the site like the crawl."""
    articles = bench_articles(count, html_dir=html_dir)
    articles = articles[:: max(1, len(articles) // sample)][:sample]
    return [(article.html, "http://127.0.0.1" + article.path) for article in articles]


def extract_one(html: bytes, url: str) -> None:
    try:
        extract_article(html, url)
    except NotAnArticle:
        pass


def extraction_rate(pages: list[tuple[bytes, str]]) -> tuple[float, float]:
    """Pages per second of wall time and CPU milliseconds per page of ``extract_article`` alone,
    warmed as the pool's workers are (the first page's imports and models are not timed)."""
    extract_one(*pages[0])
    started, cpu_started = time.perf_counter(), time.process_time()
    for html, url in pages:
        extract_one(html, url)
    cpu_ms = (time.process_time() - cpu_started) * 1000 / len(pages)
    return len(pages) / (time.perf_counter() - started), cpu_ms


def pool_rate(pages: list[tuple[bytes, str]], workers: int) -> float:
    """Pages per second of ``extract_article`` alone in a process pool of ``workers``, made as the
    crawl makes its pool (forkserver), each page sent to a worker as bytes."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["crawler.extraction.extract"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        list(pool.map(extract_one, *zip(*pages[: workers * 2])))  # start and warm every worker
        started = time.perf_counter()
        list(pool.map(extract_one, *zip(*pages)))
        return len(pages) / (time.perf_counter() - started)


def crawl(base: str, workdir: Path, workers: int, sitemap_only: bool = False) -> dict[str, float]:
    sources = workdir / "sources.toml"
    # Only the site's own sections and stories, as a real source's ``allow`` would say: real saved
    # pages link to many paths this site does not have (fetching those would only add 404s).
    allow = rf"^https?://[^/]+/(({'|'.join(SECTIONS)})/(\d\d/story-\d+\.html)?)?$"
    # With sitemap_only, the sitemap's pages and nothing else, as trafilatura's CLI gets them (--peer).
    discovery = (f'sitemaps = ["{base}/sitemap_index.xml"]\nfollow_links = false' if sitemap_only
                 else f'start_urls = ["{base}/"]\nsitemaps = ["robots"]')
    sources.write_text(f'[[sources]]\nname = "bench"\n{discovery}\nallow = [\'{allow}\']\n')
    output, stats_file = workdir / "articles.jsonl", workdir / "stats.json"
    settings = {
        "NEWS_STATS_FILE": stats_file, "LOG_LEVEL": "WARNING", "NEWS_ALLOW_PRIVATE_NETWORKS": "True",
        "AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0", "CONCURRENT_REQUESTS": "32",
        "CONCURRENT_REQUESTS_PER_DOMAIN": "32", "NEWS_WORKERS": str(workers), "NEWS_PROGRESS_INTERVAL": "0",
        "NEWS_STATE_PATH": str(workdir / "state.sqlite3"),  # a fresh crawl state per run: every page is new
    }
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sources={sources}", "-O", str(output)]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    log = (workdir / "crawl.log").open("w")  # a file, not a pipe: a full pipe would stall the crawl
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
    peak, cpu_seen, rss_seen = 0, {}, {}
    timeline: list[int] = []  # the Scrapy process's peak resident KiB so far, every 0.1 s
    while process.poll() is None:
        peak = max(peak, sample(process_tree(process.pid), cpu_seen, rss_seen))
        timeline.append(rss_seen.get(process.pid, 0))
        time.sleep(0.1)
    wall = time.perf_counter() - started  # process start to exit (to 0.1 s), as the peer's is timed
    cpu = sum(cpu_seen.values())  # CPU of the crawler and its workers (up to the last sample)
    main_cpu = cpu_seen.get(process.pid, 0.0)
    log.close()
    stderr = (workdir / "crawl.log").read_text(errors="replace")
    if process.returncode != 0 or not stats_file.exists():
        raise SystemExit(f"crawl failed ({process.returncode}):\n{stderr[-3000:]}")
    stats = json.loads(stats_file.read_text())
    elapsed = float(stats["elapsed_time_seconds"])
    lines = output.read_bytes().count(b"\n")
    return {
        "elapsed": elapsed, "wall": wall, "articles": stats.get("news/articles", 0), "lines": lines,
        "article_pages": stats.get("news/pages/article", 0),
        "pages": stats.get("news/source/bench/pages", 0), "peak_mib": peak / 1024, "cpu": cpu, "main_cpu": main_cpu,
        "crawler_mib": rss_seen.get(process.pid, 0) / 1024,
        "crawler_quarters": [timeline[min(len(timeline) - 1, len(timeline) * q // 4)] / 1024 for q in (1, 2, 3, 4)]
        if timeline else [],
    }


class BareSpider(Spider):
    """Scrapy with nothing of ours: fetches the site's article pages and yields one small item each."""

    name = "bare"

    async def start(self):  # type: ignore[no-untyped-def]
        for url in Path(os.environ["BARE_URLS"]).read_text().split():
            yield Request(url, callback=self.parse_page)

    def parse_page(self, response):  # type: ignore[no-untyped-def]
        yield {"url": response.url, "bytes": len(response.body)}


def bare_scrapy(base: str, count: int, workdir: Path) -> tuple[float, float]:
    """CPU milliseconds per page of ``BareSpider`` over the site's article pages (start-up included):
    what Scrapy itself costs per page, with its default settings, in a directory without our project;
    and its pages per second from process start to exit, as the crawl and the peer are timed: the rate
    no Scrapy crawl of these pages exceeds on this machine, whatever it does with them."""
    urls = workdir / "bare-urls.txt"
    urls.write_text("\n".join(base + path for path in article_paths(count)))
    command = [sys.executable, "-m", "scrapy", "runspider", str(Path(__file__).resolve()), "-O", "bare.jsonl",
               "-s", "LOG_LEVEL=WARNING", "-s", "CONCURRENT_REQUESTS=32", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32"]
    env = {**os.environ, "BARE_URLS": str(urls)}
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"the bare Scrapy crawl failed ({status})")
    return (usage.ru_utime + usage.ru_stime) * 1000 / count, count / wall


def run(count: int, sample: int, workers: int, keep: Path | None, html_dir: Path | None,
        peer: bool = False) -> dict[str, float]:
    context = multiprocessing.get_context("spawn")
    ready = context.Queue()
    server = context.Process(target=serve, args=(count, html_dir, ready), daemon=True)
    server.start()
    try:
        base = ready.get(timeout=600)
        pages = sample_pages(count, min(sample, count), html_dir)
        rate_before, cpu_before = extraction_rate(pages)
        pool = pool_rate(pages, workers or os.cpu_count() or 1)
        workdir = keep or Path(tempfile.mkdtemp(prefix="crawl-bench-"))
        workdir.mkdir(parents=True, exist_ok=True)
        result = crawl(base, workdir, workers, sitemap_only=peer)
        rate_after, cpu_after = extraction_rate(pages)
        if peer:
            result["peer"] = run_peer(base, workdir)
        result["bare_scrapy_ms"], result["bare_scrapy_rate"] = bare_scrapy(base, count, workdir)
    finally:
        server.terminate()
        server.join()
    result["extract_rates"] = [rate_before, rate_after]
    result["extract_rate"] = (rate_before + rate_after) / 2
    result["extract_cpu_ms"] = (cpu_before + cpu_after) / 2
    result["pool_rate"] = pool
    result["crawl_rate"] = result["article_pages"] / result["elapsed"]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, action="append", help="article pages on the site (repeatable)")
    parser.add_argument("--sample", type=int, default=600, help="pages timed for the extraction-only rate")
    parser.add_argument("--workers", type=int, default=0, help="extraction processes (0: one per core)")
    parser.add_argument("--html-dir", type=Path,
                        help="serve real saved pages (*.html[.gz], read in place) as the article pages, e.g. "
                             "../shared/data/trafilatura-eval/pages")
    parser.add_argument("--peer", action=argparse.BooleanOptionalAction, default=True,
                        help="crawl the sitemap only and time trafilatura's CLI on its URLs (default: on)")
    parser.add_argument("--keep", type=Path, help="keep the output JSONL and stats in this directory")
    args = parser.parse_args(argv)
    cores = os.cpu_count() or 1
    print(f"cores: {cores}; load average before: {os.getloadavg()[0]:.1f}")
    print(f"{'pages':>7} {'articles':>8} {'crawl s':>8} {'crawl p/s':>9} {'extract p/s':>11} {'ratio':>6} "
          f"{'peak MiB':>8} {'crawl CPU ms/p':>14} {'extract CPU ms/p':>16} {'CPU ratio':>9}")
    for count in args.pages or [2000]:
        saved = len(real_pages(args.html_dir)) if args.html_dir else count
        if count > saved:
            print(f"  note: {count} pages from {saved} saved pages: pages repeat, and the crawl drops repeats "
                  f"as duplicates (--pages {saved} for distinct articles)")
        r = run(count, args.sample, args.workers, args.keep / str(count) if args.keep else None, args.html_dir, args.peer)
        crawl_cpu_ms = r["cpu"] * 1000 / max(1, r["article_pages"])
        print(f"{count:>7} {r['articles']:>8} {r['elapsed']:>8.1f} {r['crawl_rate']:>9.1f} {r['extract_rate']:>11.1f} "
              f"{r['crawl_rate'] / r['extract_rate']:>5.2f}x {r['peak_mib']:>8.0f} {crawl_cpu_ms:>14.1f} "
              f"{r['extract_cpu_ms']:>16.1f} {r['extract_cpu_ms'] / crawl_cpu_ms * cores:>8.2f}x", flush=True)
        before, after = r["extract_rates"]
        print(f"  extract_article alone, one process: {before:.1f} pages/s before the crawl, {after:.1f} after "
              f"(the ratio uses their mean); in a bare pool of {args.workers or cores} processes doing nothing else: "
              f"{r['pool_rate']:.1f} pages/s, {r['pool_rate'] / r['extract_rate']:.2f}x (the cores' ceiling "
              f"for extraction); the crawl reaches {r['crawl_rate'] / r['pool_rate']:.0%} of that pool's rate")
        print(f"  crawl CPU per page: {r['main_cpu'] * 1000 / max(1, r['article_pages']):.1f} ms in the Scrapy process, "
              f"{(r['cpu'] - r['main_cpu']) * 1000 / max(1, r['article_pages']):.1f} ms in the workers; a bare Scrapy "
              f"spider over the same pages (default settings, nothing of ours): {r['bare_scrapy_ms']:.1f} ms "
              f"(all three with start-up)")
        print(f"  peak memory: {r['crawler_mib']:.0f} MiB the Scrapy process, the rest its extraction workers "
              f"(resident set sizes summed: pages the workers share with each other are counted in each)")
        print("  the Scrapy process's peak so far after 1/4, 1/2, 3/4 and all of the crawl's time: "
              + ", ".join(f"{mib:.0f}" for mib in r["crawler_quarters"]) + " MiB")
        print(f"  {r['article_pages']} article pages crawled, {r['articles']} articles written "
              f"({r['lines']} JSONL lines); crawl rate counts article pages")
        if args.peer:
            print("\n".join(peer_lines(r, real=args.html_dir is not None)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
