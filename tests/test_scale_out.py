"""One crawl run on several worker processes over a real Redis (``NEWS_REDIS_URL``; docs/scale-out.md).

Each test starts real ``crawler crawl`` / ``scrapy crawl`` processes against the loopback test sites,
sharing one ``redis-server`` (AOF on): every article exactly once over the workers' outputs, whatever
happens to a worker or to Redis meanwhile.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from crawler.crawl.state.redisconn import RedisConnection
from crawler.crawl.state.redisstore import RedisStateStore
from crawler.tools.demo.server import Page, Site
from crawler.tools.demo.site import generated_articles
from tests.crawlsite import ROOT, build_crawl_site, crawl_command, read_jsonl, slow_news_site, write_sources
from tests.redisserver import RedisServer, redis_server_or_skip

pytestmark = pytest.mark.slow

SHARED = {  # workers of one run: quick to notice the end of the run
    "NEWS_REDIS_IDLE_SECONDS": "2",
    "NEWS_REDIS_RETRY_SECONDS": "60",
}


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = redis_server_or_skip(tmp_path / "redis")
    yield server
    server.kill()


class Worker:
    """One worker process: ``scrapy crawl news`` (as Scrapyd runs it) writing its own ``-o`` file."""

    def __init__(self, tmp: Path, sources: Path, name: str, settings: dict[str, str]) -> None:
        self.output = tmp / f"{name}.jsonl"
        self.stats = tmp / f"{name}-stats.json"
        self.summary = tmp / f"{name}-summary.json"
        self.log = tmp / f"{name}.log"
        self.command = crawl_command(
            sources, self.output, self.stats,
            {**SHARED, "NEWS_SUMMARY_FILE": str(self.summary), **settings}, state=tmp / f"{name}.sqlite3",
        )
        self.process: subprocess.Popen[bytes] | None = None
        self.logs: list[str] = []

    def start(self) -> Worker:
        if self.log.exists():
            self.logs.append(self.log.read_text())
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        with self.log.open("w") as handle:
            self.process = subprocess.Popen(
                self.command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
            )
        return self

    def kill(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def wait(self, timeout: float = 240) -> int:
        assert self.process is not None
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            pytest.fail(f"worker {self.output.stem} did not finish: {self.log.read_text()[-3000:]}")

    def records(self) -> list[dict[str, Any]]:
        return read_jsonl(self.output) if self.output.exists() else []

    def lines(self) -> int:
        return self.output.read_bytes().count(b"\n") if self.output.exists() else 0

    def stat(self, name: str) -> int:
        return int(json.loads(self.stats.read_text()).get(name, 0))

    def all_logs(self) -> str:
        return "\n".join([*self.logs, self.log.read_text()])


def workers(tmp: Path, sources: Path, count: int, settings: dict[str, str]) -> list[Worker]:
    return [Worker(tmp, sources, f"worker{number}", settings) for number in range(1, count + 1)]


def finish(group: list[Worker], timeout: float = 240) -> None:
    for worker in group:
        status = worker.wait(timeout)
        assert status == 0, worker.all_logs()[-4000:]


def every_record(group: list[Worker]) -> list[dict[str, Any]]:
    return [record for worker in group for record in worker.records()]


def assert_exactly_once(group: list[Worker], expected: set[str]) -> None:
    titles = Counter(record["title"] for record in every_record(group))
    assert set(titles) == expected, (set(titles) ^ expected, [w.all_logs()[-2000:] for w in group])
    assert max(titles.values()) == 1, [title for title, count in titles.items() if count > 1]


def run_summary(group: list[Worker]) -> dict[str, Any]:
    """The one summary of the whole run: written by the last worker to finish."""
    complete = [json.loads(w.summary.read_text()) for w in group if w.summary.exists()]
    complete = [summary for summary in complete if summary.get("run_complete")]
    assert len(complete) == 1, [w.summary for w in group]
    return complete[0]


def test_two_workers_crawl_the_test_site_together_every_article_exactly_once(
    tmp_path: Path, redis_server: RedisServer
) -> None:
    settings = {"NEWS_REDIS_URL": redis_server.url, "NEWS_REDIS_PREFIX": "two"}
    with Site() as site:
        test_site = build_crawl_site(site)
        slow_pages(site, 0.3)  # long enough that the second worker joins while there is work left
        sources = write_sources(tmp_path / "gazette.toml", site.base)
        group = workers(tmp_path, sources, 2, settings)
        for worker in group:
            worker.start()
        finish(group)
        never = [path for path in site.requests if path in test_site.never_fetch]
    assert_exactly_once(group, test_site.expected_titles)
    assert never == []
    summary = run_summary(group)
    parts = [json.loads(w.summary.read_text()) for w in group]
    assert sorted(summary["workers"]) == sorted(part["worker"] for part in parts)  # the last one's is merged
    emitted = sum(w.stat("news/emitted/new") for w in group)
    assert summary["articles_emitted"]["new"] == emitted == len(test_site.expected_titles)
    per_worker = [part["sources"]["gazette"]["pages_fetched"] for part in summary["workers"].values()]
    assert summary["sources"]["gazette"]["pages_fetched"] == sum(per_worker)
    assert all(part["run_id"] == summary["run_id"] for part in summary["workers"].values())
    assert all(w.stat("scheduler/dequeued/redis") > 0 for w in group), "both workers took requests"
    # the run's health is checked once, by the last worker, on the whole run (a worker's part would
    # look like a source that lost half its articles), and kept in the state with the whole run's numbers
    assert summary["sources"]["gazette"]["health"]["status"] == "baseline"  # the first run of the source
    assert all("health" not in part["sources"]["gazette"] for part in parts if not part.get("run_complete"))
    store = RedisStateStore(RedisConnection(redis_server.url, "two"))
    (recorded,) = store.source_runs("gazette", 5)
    store.close()
    assert recorded.run_id == summary["run_id"]
    assert recorded.metrics["articles_written"] == len(test_site.expected_titles)
    assert recorded.metrics["records"] >= len(test_site.expected_titles)  # every worker's articles measured
    leftovers = [key for key in redis_keys(redis_server, "two") if b":frontier:" in key or key.endswith(b"crawl:run")]
    assert leftovers == []  # the run ended: its frontier is gone, the next run starts a new one


def wait_until(condition: Any, group: list[Worker], what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        ended = [w.output.stem for w in group if w.process is not None and w.process.poll() is not None]
        if ended and len(ended) == len(group):
            pytest.fail(f"every worker ended before {what}")
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


def slow_pages(site: Site, delay: float) -> None:
    for path, route in site.routes.items():
        if isinstance(route, Page) and path.endswith(".html") and not route.delay:
            site.routes[path] = replace(route, delay=delay)


def redis_keys(server: RedisServer, prefix: str) -> list[bytes]:
    import redis

    client = redis.Redis.from_url(server.url)
    try:
        return sorted(client.scan_iter(f"{prefix}:*"))
    finally:
        client.close()


# Slowed pages, a few requests at a time per worker: the run lasts long enough to kill a worker or stop
# Redis in the middle of it.
SLOW = {"CONCURRENT_REQUESTS_PER_DOMAIN": "2", "AUTOTHROTTLE_ENABLED": "False", "NEWS_STATE_COMMIT_ITEMS": "3",
        "NEWS_REDIS_LEASE_SECONDS": "5"}


def start_slow_run(
    tmp: Path, site: Site, server: RedisServer, prefix: str, articles: int, count: int, delay: float
) -> tuple[set[str], list[Worker]]:
    """``count`` workers started on a slowed site of ``articles`` generated articles; (titles, workers)."""
    settings = {**SLOW, "NEWS_REDIS_URL": server.url, "NEWS_REDIS_PREFIX": prefix}
    titles = slow_news_site(site, generated_articles(articles, seed=articles, site_name="Slow Gazette"), delay)
    group = workers(tmp, write_sources(tmp / "slow.toml", site.base), count, settings)
    for worker in group:
        worker.start()
    return titles, group


def test_a_worker_killed_mid_crawl_and_started_again_every_article_exactly_once(
    tmp_path: Path, redis_server: RedisServer
) -> None:
    with Site() as site:
        titles, group = start_slow_run(tmp_path, site, redis_server, "killed", articles=200, count=3, delay=0.25)
        victim = group[1]
        wait_until(lambda: victim.lines() >= 10, group, "the second worker's tenth article")
        victim.kill()  # SIGKILL: requests it had popped are leased, records it wrote may be unconfirmed
        written_before = victim.lines()
        assert written_before < len(titles)
        victim.start()  # the same command line: the same output file
        finish(group)
    assert_exactly_once(group, titles)  # read_jsonl: every line of every output parses
    log = victim.all_logs()
    assert "Workers of this machine that are gone (killed)" in log
    summary = run_summary(group)  # the run's one summary, written by the last worker to leave
    assert summary["run_complete"] and len(summary["workers"]) >= 3


def test_redis_stopped_mid_crawl_and_started_again_the_workers_carry_on(
    tmp_path: Path, redis_server: RedisServer
) -> None:
    with Site() as site:
        titles, group = start_slow_run(tmp_path, site, redis_server, "outage", articles=80, count=2, delay=0.2)
        wait_until(lambda: sum(w.lines() for w in group) >= 10, group, "ten articles")
        redis_server.stop()  # a clean shutdown writes the AOF; the restart reads it back
        time.sleep(4)
        during = sum(w.lines() for w in group)
        redis_server.start()
        finish(group)
    assert during < len(titles)
    assert_exactly_once(group, titles)
    logs = "\n".join(w.all_logs() for w in group)
    assert "unreachable" in logs and "reachable again" in logs, logs[-3000:]  # waited, said so, carried on


def test_scheduled_runs_with_two_workers_write_only_what_changed(tmp_path: Path, redis_server: RedisServer) -> None:
    settings = {"NEWS_REDIS_URL": redis_server.url, "NEWS_REDIS_PREFIX": "daily"}
    articles = generated_articles(30, seed=47, site_name="Slow Gazette")
    with Site() as site:
        titles = slow_news_site(site, articles, delay=0.1)
        sources = write_sources(tmp_path / "daily.toml", site.base)
        runs = []
        for run in ("run1", "run2", "run3"):
            if run == "run3":  # one article changes between the second and the third run
                articles[4].html = articles[4].html.replace(b"<p>", b"<p>Correction: the vote was on Monday. ", 1)
                slow_news_site(site, articles, delay=0.1)
                site.conditional.clear()
            group = workers(tmp_path / run, sources, 2, settings)
            (tmp_path / run).mkdir()
            for worker in group:
                worker.start()
            finish(group)
            runs.append((group, list(site.conditional)))
    (first, _), (second, conditional), (third, _) = runs
    assert_exactly_once(first, titles)
    assert every_record(second) == [], "an unchanged site: nothing written again"
    assert len(conditional) >= len(titles) - 1  # pages asked with their validators (If-None-Match)
    assert run_summary(second)["articles_emitted"] == {"new": 0, "updated": 0}
    records = every_record(third)
    assert [(r["title"], r["version"]) for r in records] == [(articles[4].title, 2)]
