#!/usr/bin/env python3
"""Scale-out benchmark: 1 and 2 worker processes on one Redis, beside the single-process SQLite crawl.

    python benchmarks/scale_out_bench.py [--pages 1000] [--delay 0] [--concurrency 32] [--rounds 1] [--items 1000]
    python benchmarks/scale_out_bench.py --rounds 3                                 # CPU-bound: the cores limit
    python benchmarks/scale_out_bench.py --delay 0.1 --concurrency 4 --rounds 3     # a slow site: workers help

In one invocation it:

1. serves ``benchmarks/crawl_bench.py``'s generated site of ``--pages`` article pages from a separate
   process on 127.0.0.1 (every article page waits ``--delay`` seconds before its answer); a source with
   only its sitemap index in ``sitemaps`` finds them (and follows no links);
2. starts one ``redis-server`` (``tests/redisserver.py``: a free loopback port, AOF on) and crawls the
   site three times, each from scratch: (a) one ``scrapy crawl news`` process with the SQLite state
   (no ``NEWS_REDIS_URL``), (b) one worker with ``NEWS_REDIS_URL`` (prefix ``one1``), (c) two workers
   started together on the same Redis (prefix ``two1``; each crawl a new prefix); the politeness limits are lifted to
   ``--concurrency`` requests per worker (our own loopback server);
3. for each: the wall time (start to the last process's exit), the time to the last article written
   (the outputs are polled every 0.25 s; the workers' idle grace and start-up are the difference),
   article pages/s over that time, the CPU per page of the crawl's processes and of redis-server, the
   Redis commands per page,
   peak rise of Redis's ``used_memory`` during the run and what stays after it (the crawl state); and
   every article exactly once over the workers' outputs (a warning if not);
4. measures Redis memory per 1,000 items through the project's own classes, on the same Redis:
   ``--items`` pending requests in the frontier (``LeasedQueue``, requests as the news spider makes
   them), as many known URLs in scrapy-redis's duplicate filter (``RFPDupeFilter``), and as many kept
   articles in a run's kept index (``RedisKeptArticles.check_and_keep``, the crawl's own articles);
5. prints a table (a row per crawl; with ``--rounds N`` the three crawls run N times in turn, each
   compared with the SQLite crawl of its round, and the medians follow), the load average and the
   core count. ``--keep DIR`` keeps the outputs, stats and worker logs.

One of the scripts of ``benchmarks/`` (run by hand, not by the CLI or the tests); results in docs/bench.md.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import redis  # noqa: E402
from crawl_bench import article_paths, bench_articles, process_tree, sample, serve  # noqa: E402
from scrapy import Request, Spider  # noqa: E402

from tests.redisserver import EXECUTABLE, RedisServer  # noqa: E402

POLL = 0.25
PROGRESS = 5.0  # seconds between progress lines


@dataclasses.dataclass
class Crawl:
    kind: str
    """``sqlite``, ``one`` or ``two`` (the label in ``LABELS``)."""
    workers: int
    round: int = 1
    wall: float = 0.0
    to_last: float = 0.0
    opened_to_last: float = 0.0
    load: float = 0.0
    articles: int = 0
    lines: int = 0
    pages: int = 0
    cpu: float = 0.0
    main_cpu: float = 0.0
    redis_cpu: float = 0.0
    redis_calls: int = 0
    peak_memory: int = 0
    kept_memory: int = 0
    commands: Counter[str] = dataclasses.field(default_factory=Counter)
    split: list[int] = dataclasses.field(default_factory=list)
    """Articles each worker wrote."""
    problems: list[str] = dataclasses.field(default_factory=list)

    @property
    def name(self) -> str:
        """Its directory and Redis prefix: a new one per crawl."""
        return f"{self.kind}{self.round}"

    @property
    def rate(self) -> float:
        return self.pages / self.to_last


LABELS = {"sqlite": "1 process, SQLite", "one": "1 worker, Redis", "two": "2 workers, one Redis"}


def write_sources(workdir: Path, base: str) -> Path:
    sources = workdir / "sources.toml"
    sources.write_text(f'[[sources]]\nname = "bench"\nsitemaps = ["{base}/sitemap_index.xml"]\n')
    return sources


def command(sources: Path, output: Path, stats: Path, state: Path, concurrency: int, extra: dict[str, str]) -> list[str]:
    settings = {
        "NEWS_STATS_FILE": str(stats), "LOG_LEVEL": "WARNING", "NEWS_ALLOW_PRIVATE_NETWORKS": "True",
        "AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0", "CONCURRENT_REQUESTS": str(concurrency),
        "CONCURRENT_REQUESTS_PER_DOMAIN": str(concurrency), "NEWS_PROGRESS_INTERVAL": "0",
        "NEWS_STATE_PATH": str(state), **extra,
    }
    line = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sources={sources}", "-o", str(output)]
    return line + [arg for name, value in settings.items() for arg in ("-s", f"{name}={value}")]


class Lines:
    """New lines of a growing file, read from where the last call stopped."""

    def __init__(self, path: Path) -> None:
        self.path, self.offset, self.count = path, 0, 0

    def poll(self) -> int:
        try:
            with self.path.open("rb") as handle:
                handle.seek(self.offset)
                chunk = handle.read()
        except FileNotFoundError:
            return self.count
        end = chunk.rfind(b"\n") + 1
        self.offset += end
        self.count += chunk[:end].count(b"\n")
        return self.count


def prefix_bytes(client: redis.Redis | None, prefix: str) -> int:
    """Bytes the keys of ``prefix`` take in Redis (``MEMORY USAGE`` summed: no allocator or buffer noise)."""
    if client is None:
        return 0
    return sum(int(client.memory_usage(key, samples=0) or 0) for key in client.scan_iter(f"{prefix}:*", count=1000))


def command_calls(client: redis.Redis | None) -> Counter[str]:
    """Redis commands run so far, by name (those run inside Lua scripts included)."""
    if client is None:
        return Counter()
    stats = client.info("commandstats")
    return Counter({name.removeprefix("cmdstat_"): int(value["calls"]) for name, value in stats.items()})


def redis_info(client: redis.Redis | None) -> tuple[int, float, int]:
    """Redis's ``used_memory`` (bytes), CPU seconds and commands so far; zeros without Redis."""
    if client is None:
        return 0, 0.0, 0
    info = client.info("all")
    cpu = float(info["used_cpu_user"]) + float(info["used_cpu_sys"])
    return int(info["used_memory"]), cpu, int(info["total_commands_processed"])


def crawl(run: Crawl, base: str, workdir: Path, args: argparse.Namespace, redis_url: str | None) -> Crawl:
    """One crawl of the site by ``run.workers`` processes (on ``redis_url`` when given), polled to the end."""
    workdir.mkdir(parents=True, exist_ok=True)
    sources = write_sources(workdir, base)
    extra = {"NEWS_REDIS_URL": redis_url, "NEWS_REDIS_PREFIX": run.name, "NEWS_REDIS_IDLE_SECONDS": "1"}
    extra = extra if redis_url else {}
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEWS_REDIS_URL": redis_url or ""}
    client = redis.Redis.from_url(redis_url) if redis_url else None
    memory_before, redis_cpu_before, calls_before = redis_info(client)
    commands_before = command_calls(client)
    peak = memory_before
    processes, outputs, cpu_seen = [], [], {}
    started = time.monotonic()
    for number in range(1, run.workers + 1):
        out = workdir / f"worker{number}.jsonl"
        line = command(sources, out, workdir / f"worker{number}-stats.json", workdir / f"worker{number}.sqlite3",
                       args.concurrency, extra)
        log = (workdir / f"worker{number}.log").open("w")  # a file, not a pipe: a full pipe would stall it
        processes.append(subprocess.Popen(line, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log))
        outputs.append(Lines(out))
    last_count, last_growth, shown, last_wall, polls = 0, started, started, time.time(), 0
    while any(process.poll() is None for process in processes):
        for process in processes:
            sample(process_tree(process.pid), cpu_seen)
        peak, polls = max(peak, redis_info(client)[0]), polls + 1
        count = sum(lines.poll() for lines in outputs)
        now = time.monotonic()
        if count > last_count:
            last_count, last_growth, last_wall = count, now, time.time()
        if now - shown >= PROGRESS:
            print(f"    {run.name}: {count}/{args.pages} articles after {now - started:.0f} s", flush=True)
            shown = now
        time.sleep(POLL)
    run.wall = time.monotonic() - started
    run.lines = sum(lines.poll() for lines in outputs)
    run.to_last = (last_growth if run.lines == last_count else time.monotonic()) - started
    _, redis_cpu_after, calls_after = redis_info(client)
    run.commands = command_calls(client) - commands_before
    run.commands["info"] -= polls + 1  # the crawl's, not this script's INFO
    run.redis_calls = calls_after - calls_before - polls - 1
    run.peak_memory, run.kept_memory = peak - memory_before, prefix_bytes(client, run.name)
    run.load = os.getloadavg()[0]
    opened = []
    run.redis_cpu = redis_cpu_after - redis_cpu_before
    run.cpu = sum(cpu_seen.values())
    run.main_cpu = sum(cpu_seen.get(process.pid, 0.0) for process in processes)
    for number, process in enumerate(processes, 1):
        stats_file = workdir / f"worker{number}-stats.json"
        if process.returncode != 0 or not stats_file.exists():
            log = (workdir / f"worker{number}.log").read_text(errors="replace")
            raise SystemExit(f"{run.name} worker {number} failed ({process.returncode}):\n{log[-3000:]}")
        stats = json.loads(stats_file.read_text())
        run.pages += int(stats.get("news/pages/article", 0))
        run.articles += int(stats.get("news/articles", 0))
        run.split.append(int(stats.get("news/articles", 0)))
        opened.append(dt.datetime.fromisoformat(stats["start_time"]).replace(tzinfo=dt.timezone.utc).timestamp())
    run.opened_to_last = last_wall - min(opened)
    run.problems = exactly_once(outputs, args.pages)
    if client is not None:
        client.close()
    return run


def exactly_once(outputs: list[Lines], count: int) -> list[str]:
    """What is wrong with the union of the outputs: articles missing, or written more than once."""
    expected = {article.title for article in bench_articles(count)}
    titles = Counter(json.loads(line)["title"] for lines in outputs if lines.path.exists()
                     for line in lines.path.read_bytes().splitlines())
    missing, doubled = expected - set(titles), [title for title, n in titles.items() if n > 1]
    return ([f"{len(missing)} article(s) missing"] if missing else []) + (
        [f"{len(doubled)} article(s) written more than once"] if doubled else [])


class NewsLike(Spider):
    """Stands for the news spider when requests are encoded (callbacks by name, as the frontier stores them)."""

    name = "news"

    def parse_page(self, response: Any, **kwargs: Any) -> None: ...

    def on_error(self, failure: Any) -> None: ...


def per_item(client: redis.Redis, count: int, fill: Any) -> float:
    """Bytes of ``used_memory`` per item that ``fill()`` adds (``count`` items)."""
    before = int(client.info("memory")["used_memory"])
    fill()
    return (int(client.info("memory")["used_memory"]) - before) / count


def memory_per_item(redis_url: str, base: str, count: int, records: list[dict[str, Any]]) -> dict[str, float]:
    """Bytes per pending request, per known URL and per kept article, through the project's classes."""
    from scrapy_redis.dupefilter import RFPDupeFilter

    from crawler.crawl.frontier.queue import LeasedQueue
    from crawler.crawl.redis_kept import RedisKeptArticles
    from crawler.crawl.state.redisconn import RedisConnection
    from crawler.items import Article

    client = redis.Redis.from_url(redis_url)
    spider = NewsLike()
    paths = (article_paths(max(count, 1)) * (count // max(1, len(records)) + 1))[:count]
    requests = [Request(
        f"{base}{path}?n={n}", callback=spider.parse_page, errback=spider.on_error, meta={"news_source": "bench"},
        cb_kwargs={"source": "bench", "via": "sitemap", "date": "2026-11-20T08:00:00+00:00"},
    ) for n, path in enumerate(paths)]
    queue = LeasedQueue(client, spider, "mem:frontier:run1")
    dupefilter = RFPDupeFilter(client, key="mem:frontier:run1:dupefilter")
    fields = {field.name for field in dataclasses.fields(Article)}
    articles = [Article(**{k: v for k, v in records[n % len(records)].items() if k in fields}) for n in range(count)]
    for n, article in enumerate(articles):  # distinct URLs and texts past the crawl's own records
        if n >= len(records):
            article.url = article.canonical_url = f"{article.url}?copy={n}"
            article.text += f" Copy {n}."
            article.content_hash = f"{n:064x}"
    kept = RedisKeptArticles(RedisConnection(redis_url, "mem"), "run1", 0.8, "worker1", "mem:crawl:workers")
    result = {
        "pending request (frontier)": per_item(client, count, lambda: [queue.push(r) for r in requests]),
        "known URL (duplicate filter)": per_item(client, count, lambda: [dupefilter.request_seen(r) for r in requests]),
        "kept article (run's kept index)": per_item(
            client, count, lambda: [kept.check_and_keep(a, claim=f"{n:012d}") for n, a in enumerate(articles)]),
    }
    client.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000, help="article pages on the site")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds each article page waits before its answer")
    parser.add_argument("--concurrency", type=int, default=32, help="concurrent requests per worker (and per domain)")
    parser.add_argument("--items", type=int, default=1000, help="items pushed for the memory measurement")
    parser.add_argument("--rounds", type=int, default=1, help="crawl the three configurations this many times")
    parser.add_argument("--keep", type=Path, help="keep the outputs, stats and logs in this directory")
    args = parser.parse_args(argv)
    if EXECUTABLE is None:
        raise SystemExit("redis-server is not installed (Debian: apt-get install redis-server)")
    cores = os.cpu_count() or 1
    print(f"cores: {cores}; load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{args.pages} article pages, delay {args.delay} s, {args.concurrency} concurrent requests per worker",
          flush=True)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="scale-out-bench-"))
    context = multiprocessing.get_context("spawn")
    ready = context.Queue()
    server = context.Process(target=serve, args=(args.pages, None, ready, args.delay), daemon=True)
    server.start()
    redis_server = RedisServer(workdir / "redis")
    try:
        base = ready.get(timeout=600)
        redis_server.start()
        runs = []
        for number in range(1, args.rounds + 1):
            for kind, workers, url in (("sqlite", 1, None), ("one", 1, redis_server.url), ("two", 2, redis_server.url)):
                run = Crawl(kind, workers, number)
                print(f"  round {number}/{args.rounds}: {LABELS[kind]}", flush=True)
                runs.append(crawl(run, base, workdir / run.name, args, url))
        print(f"  memory: pushing {args.items} requests, URLs and articles through the project's classes", flush=True)
        records = [json.loads(line) for line in (workdir / "sqlite1" / "worker1.jsonl").read_bytes().splitlines()]
        memory = memory_per_item(redis_server.url, base, args.items, records)
    finally:
        redis_server.kill()
        server.terminate()
        server.join()
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print_table(runs, memory, args)
    print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}; cores: {cores}")
    return 0


def print_table(runs: list[Crawl], memory: dict[str, float], args: argparse.Namespace) -> None:
    baselines = {run.round: run.rate for run in runs if run.kind == "sqlite"}
    print(f"\n{'crawl':<21} {'round':>5} {'articles':>8} {'wall s':>6} {'last s':>6} {'p/s':>6} {'vs SQLite':>9} "
          f"{'open s':>6} {'open p/s':>8} {'CPU ms/p':>8} {'main ms/p':>9} {'Redis ms/p':>10} {'cmds/p':>6} "
          f"{'Redis peak':>10} {'state/art':>9} {'load':>5}")
    for run in runs:
        redis_cells = (f"{run.redis_cpu * 1000 / run.pages:>10.2f} {run.redis_calls / run.pages:>6.1f} "
                       f"{run.peak_memory / 2**20:>6.1f} MiB {run.kept_memory / max(1, run.articles):>9,.0f}"
                       if run.kind != "sqlite" else f"{'-':>10} {'-':>6} {'-':>10} {'-':>9}")
        print(f"{LABELS[run.kind]:<21} {run.round:>5} {run.articles:>8} {run.wall:>6.1f} {run.to_last:>6.1f} "
              f"{run.rate:>6.1f} {run.rate / baselines[run.round]:>8.2f}x {run.opened_to_last:>6.1f} "
              f"{run.pages / run.opened_to_last:>8.1f} {run.cpu * 1000 / run.pages:>8.1f} "
              f"{run.main_cpu * 1000 / run.pages:>9.1f} {redis_cells} {run.load:>5.2f}")
    if args.rounds > 1:
        for kind, label in LABELS.items():
            rates = sorted(run.rate for run in runs if run.kind == kind)
            ratios = sorted(run.rate / baselines[run.round] for run in runs if run.kind == kind)
            print(f"{label:<21} {'median':>5} {'':>8} {'':>6} {'':>6} {statistics.median(rates):>6.1f} "
                  f"{statistics.median(ratios):>8.2f}x   (p/s {rates[0]:.1f} to {rates[-1]:.1f})")
    print("  wall: launch to the last process's exit; last: launch to the last article written (p/s: article "
          "pages over it; vs SQLite: against the SQLite crawl of the same round); open: the first spider's "
          "opening to the last article (no interpreter start-up); CPU ms/p: the crawl's processes, main ms/p: of "
          "which the Scrapy processes (not their extraction workers); Redis ms/p: redis-server's CPU, cmds/p: "
          "Redis commands per article page (inside Lua scripts too); Redis peak: the rise of used_memory during "
          "the run; state/art: bytes per article of the run's keys left in Redis (MEMORY USAGE); load: 1-minute "
          "load average at the end")
    one = [run for run in runs if run.kind == "one"][-1]
    print(f"  Redis commands per article page, 1 worker (round {one.round}): " + ", ".join(
        f"{name} {calls / one.pages:.1f}" for name, calls in one.commands.most_common(8)))
    for run in runs:
        for problem in run.problems:
            print(f"WARNING: {LABELS[run.kind]}, round {run.round}: {problem} over the outputs ({run.lines} lines)")
        if not run.problems:
            print(f"  {LABELS[run.kind]}, round {run.round}: every one of the {args.pages} articles exactly once "
                  f"over {run.workers} output{'s' if run.workers > 1 else ''} ({' + '.join(map(str, run.split))}); "
                  f"{run.pages} article pages fetched")
    print(f"\n{'Redis memory, through the project classes':<42} {'bytes each':>10} {'per 1,000':>10}")
    for what, each in memory.items():
        print(f"{what:<42} {each:>10,.0f} {each * 1000 / 1024:>7,.0f} KiB")

if __name__ == "__main__":
    sys.exit(main())
