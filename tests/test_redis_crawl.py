"""Scheduled runs of the crawl test site with the crawl state in Redis (``NEWS_REDIS_URL``): the same
behaviour as with the SQLite state, and nothing of it on disk."""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from crawler.crawl.keptindex import DuplicateIndex
from crawler.crawl.knowledge import CrawlKnowledge
from crawler.crawl.redis_kept import RedisKeptArticles
from crawler.crawl.state import StateStore
from crawler.crawl.state.redisconn import RedisConnection
from crawler.crawl.state.redisstore import RedisStateStore
from crawler.tools.demo.server import Site
from tests.crawlsite import build_crawl_site, read_jsonl, write_sources
from tests.redisserver import RedisServer, redis_server_or_skip
from tests.test_incremental import (
    check_killed_then_next_run,
    check_unchanged_site_without_validators,
    scheduled_run,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    server = redis_server_or_skip(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()


def test_second_scheduled_run_on_a_redis_state_writes_nothing_and_asks_conditionally(
    tmp_path: Path, redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    prefix = "scheduled"
    with Site() as site:
        test_site = build_crawl_site(site)
        sources = write_sources(tmp_path / "daily.toml", site.base)
        first = scheduled_run(
            tmp_path, sources, "run1", settings={"NEWS_REDIS_URL": redis_server.url, "NEWS_REDIS_PREFIX": prefix}
        )
        mark = len(site.conditional)
        monkeypatch.setenv("NEWS_REDIS_URL", redis_server.url)  # the second run reads it from the environment
        second = scheduled_run(tmp_path, sources, "run2", settings={"NEWS_REDIS_PREFIX": prefix})
        conditional = site.conditional[mark:]
    result, output, summary = first
    assert result.returncode == 0, (tmp_path / "run1.log").read_text()[-3000:]
    records = read_jsonl(output)
    assert Counter(r["title"] for r in records) == Counter(test_site.expected_titles)
    assert {r["version"] for r in records} == {1}
    result, output, summary = second
    assert result.returncode == 0, (tmp_path / "run2.log").read_text()[-3000:]
    assert output is None  # nothing new: no file written
    assert summary["articles_emitted"] == {"new": 0, "updated": 0}
    assert {"/feeds/rss.xml", "/feeds/atom.xml"} <= set(conditional)
    article_paths = {a.path for a in test_site.news.articles}  # type: ignore[union-attr]
    assert set(conditional) & article_paths  # known articles asked conditionally
    assert summary["sources"]["gazette"]["not_modified"] >= 1
    assert not (tmp_path / "state.sqlite3").exists()  # the state is in Redis, not in NEWS_STATE_PATH
    store = RedisStateStore(RedisConnection(redis_server.url, prefix))
    try:
        assert all(store.find_article(r["canonical_url"]) is not None for r in records)
        runs = store.runs()
        assert sorted(run["finish_reason"] for run in runs.values()) == ["finished", "finished"]
        client = store.connection.client
        assert client.get(f"{prefix}:lock") is None  # the run lock was released
        assert list(client.scan_iter(f"{prefix}:run:*")) == []  # each run's kept index was dropped
        assert json.loads(json.dumps(runs))  # plain JSON
    finally:
        store.close()


def knowledge_of(settings: dict[str, object]) -> CrawlKnowledge:
    crawler = get_crawler(settings_dict={
        "EXTENSIONS_BASE": {"scrapy.extensions.feedexport.FeedExporter": 0},
        "EXTENSIONS": {"crawler.crawl.knowledge.CrawlKnowledge": 50},
        **settings,
    })
    return CrawlKnowledge.required(crawler, "test")


def test_redis_url_puts_state_run_and_kept_index_in_redis_and_sqlite_stays_the_default(
    tmp_path: Path, redis_server: RedisServer
) -> None:
    state_path = str(tmp_path / "state.sqlite3")
    local = knowledge_of({"NEWS_STATE_PATH": state_path, "NEWS_REDIS_URL": ""})
    assert isinstance(local.kept, DuplicateIndex) and local.state is not None
    assert isinstance(local.state.store, StateStore)
    local.close()
    settings = {"NEWS_STATE_PATH": state_path, "NEWS_REDIS_URL": redis_server.url, "NEWS_REDIS_PREFIX": "wiring"}
    shared = knowledge_of(settings)
    try:
        assert isinstance(shared.kept, RedisKeptArticles) and shared.state is not None
        assert isinstance(shared.state.store, RedisStateStore)
        assert shared.shared_run is not None
        second = knowledge_of(settings)  # a second worker joins the same run instead of being locked out
        assert second.shared_run is not None and second.shared_run.run_id == shared.shared_run.run_id
        assert second.shared_run.how == "joined"
        second.close()
    finally:
        shared.close()
    # NEWS_STATE_PATH names the SQLite file only: a shared run keeps its state in Redis regardless
    without_path = knowledge_of({**settings, "NEWS_STATE_PATH": ""})
    assert without_path.state is not None and isinstance(without_path.state.store, RedisStateStore)
    assert isinstance(without_path.kept, RedisKeptArticles)
    without_path.close()


def test_a_run_killed_mid_crawl_then_the_next_run_on_a_redis_state_every_article_exactly_once(
    tmp_path: Path, redis_server: RedisServer
) -> None:
    """The next run resumes the killed run at once (its worker was a process of this machine that is
    gone), puts the requests it had leased back in the frontier and reconciles its output."""
    log = check_killed_then_next_run(tmp_path, {"NEWS_REDIS_URL": redis_server.url, "NEWS_REDIS_PREFIX": "killed"})
    assert "Workers of this machine that are gone (killed)" in log
    assert re.search(r"Put \d+ requests leased by killed workers of this machine back in the frontier", log)


def test_an_unchanged_site_without_validators_is_not_re_emitted_with_a_redis_state(
    tmp_path: Path, redis_server: RedisServer
) -> None:
    """The page hash (the text before learned site lines were stripped) is stored in Redis too."""
    check_unchanged_site_without_validators(
        tmp_path, {"NEWS_REDIS_URL": redis_server.url, "NEWS_REDIS_PREFIX": "no-validators"}
    )


def test_report_reads_the_health_history_of_a_redis_state(tmp_path: Path, redis_server: RedisServer,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from crawler.crawl.state.backend import SourceRun
    from crawler.tools.cli import main

    store = RedisStateStore(RedisConnection(redis_server.url, "report"))
    for number, status in ((1, "baseline"), (2, "ok"), (3, "failing")):
        store.record_source_run(SourceRun(
            f"run{number}", "harbour-gazette", f"2026-11-0{number}T06:00:00+00:00", "finished",
            {"articles": 4 - number}, {"status": status, "failed": []}, {"outputs": []},
        ))
    store.close()
    output = tmp_path / "report.html"
    status = main(["report", "-o", str(output), "-s", f"NEWS_REDIS_URL={redis_server.url}",
                   "-s", "NEWS_REDIS_PREFIX=report"])
    assert status == 0, capsys.readouterr().err
    page = output.read_text("utf-8")
    assert '<tr class="failing" data-source="harbour-gazette">' in page
    assert "1 sources, 1 failing" in capsys.readouterr().out
