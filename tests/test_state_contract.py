"""The contract of the crawl's stores, passed by both implementations: the crawl state (``StateBackend``:
SQLite ``StateStore`` and ``RedisStateStore``) and the kept-article index (``KeptArticles``:
``DuplicateIndex`` and ``RedisKeptArticles``). The Redis ones run against a real ``redis-server`` (AOF on)
started on a free loopback port; they also show what only a shared store must do: one check-and-keep
winner among processes, and carrying on over an outage of Redis without losing what it acknowledged.
"""
from __future__ import annotations

import json
import logging
import multiprocessing
import threading
import time
import uuid
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from crawler.common.urls import without_credentials
from crawler.crawl.keptindex import DuplicateIndex, KeptArticles, KeptIndexError
from crawler.crawl.minhash import signature
from crawler.crawl.redis_kept import RedisKeptArticles
from crawler.crawl.state import StateBackend, open_state
from crawler.crawl.state.backend import SourceRun
from crawler.crawl.state.redisconn import RedisConnection
from crawler.crawl.state.redisstore import RedisStateStore
from crawler.items import Article
from tests.redisserver import RedisServer, free_port, redis_server_or_skip

STORES = ["sqlite", "redis"]
TEXT = " ".join(f"Harbour council member {n} voted on the ferry timetable for the quay in week {n}." for n in range(40))


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    server = redis_server_or_skip(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()


def record(url: str, text_hash: str, version: int = 1, **extra: object) -> dict[str, object]:
    return {
        "url": url, "canonical_url": url, "content_hash": text_hash, "version": version,
        "first_seen": "2026-11-01T00:00:00+00:00", "last_seen": "2026-11-02T00:00:00+00:00", **extra,
    }


@pytest.fixture(params=STORES)
def opener(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], StateBackend]]:
    """Opens the same state (again) of one kind; everything opened is closed at the end (tests commit)."""
    opened: list[Any] = []
    if request.param == "sqlite":
        def make() -> StateBackend:
            opened.append(open_state(tmp_path / "state.sqlite3"))
            return opened[-1]
    else:
        server = request.getfixturevalue("redis_server")
        prefix = f"test-{uuid.uuid4().hex[:8]}"

        def make() -> StateBackend:
            opened.append(RedisStateStore(RedisConnection(server.url, prefix)))
            return opened[-1]
    yield make
    for store in opened:
        store.close()


# --- the crawl state ------------------------------------------------------------------------------------


def test_records_survive_reopening(opener: Callable[[], StateBackend]) -> None:
    store = opener()
    store.record_article(
        record("https://a.example/x", "ab" * 32), fetched_urls=["https://a.example/x?amp=1"], etag='"v1"',
        last_modified="Fri, 20 Nov 2026 08:00:00 GMT", page_hash="cd" * 32,
    )
    store.commit()  # the fixture closes every store it opened
    store = opener()
    known = store.find_article("https://a.example/x/")  # trailing slash: same identity
    assert known is not None and known.version == 1 and known.content_hash == "ab" * 32
    assert known.page_hash == "cd" * 32 and known.first_seen == "2026-11-01T00:00:00+00:00"
    assert store.find_article("https://a.example/x?amp=1") == known  # a fetched URL maps to its article
    assert store.find_article("https://a.example/other", None) is None
    validators = store.page_validators("https://a.example/x")
    assert validators is not None and validators.etag == '"v1"'
    assert validators.last_modified == "Fri, 20 Nov 2026 08:00:00 GMT"
    assert store.page_validators("https://a.example/x?amp=1").etag is None  # type: ignore[union-attr]
    assert store.find_content("ab" * 32) == "https://a.example/x" and store.find_content("ef" * 32) is None


def test_writing_a_record_again_keeps_its_history(opener: Callable[[], StateBackend]) -> None:
    store = opener()
    sig = signature(TEXT)
    store.record_article(record("https://a.example/1", "aa" * 32, version=3), source="gazette", signature=sig)
    again = record("https://a.example/1", "bb" * 32, version=2, first_seen="2026-11-05T00:00:00+00:00",
                   last_seen="2026-11-06T00:00:00+00:00")
    store.record_article(again)  # an older version replayed, no source, no signature
    store.record_article(again)  # idempotent
    known = store.find_article("https://a.example/1")
    assert known is not None and known.version == 3 and known.first_seen == "2026-11-01T00:00:00+00:00"
    assert known.last_seen == "2026-11-06T00:00:00+00:00" and known.content_hash == "bb" * 32
    assert store.find_content("aa" * 32) is None and store.find_content("bb" * 32) == "https://a.example/1"
    assert list(store.iter_signatures()) == [("https://a.example/1", "bb" * 32, sig)]  # signature kept


def test_page_hash_is_forgotten_when_a_record_without_one_changes_the_text(opener: Callable[[], StateBackend]) -> None:
    store = opener()
    store.record_article(record("https://a.example/1", "aa" * 32), page_hash="pp" * 32)
    store.record_article(record("https://a.example/1", "aa" * 32))
    assert store.find_article("https://a.example/1").page_hash == "pp" * 32  # type: ignore[union-attr]
    store.record_article(record("https://a.example/1", "bb" * 32, version=2))
    assert store.find_article("https://a.example/1").page_hash is None  # type: ignore[union-attr]


def test_page_validators_are_kept_when_a_fetch_gives_none(opener: Callable[[], StateBackend]) -> None:
    store = opener()
    key = store.record_article(record("https://a.example/x", "cd" * 32), etag='"v1"')
    store.record_page("https://a.example/x", key, None, None, "2026-11-03T00:00:00+00:00")
    assert store.page_validators("https://a.example/x").etag == '"v1"'  # type: ignore[union-attr]
    store.record_page("https://a.example/x", None, None, "Fri, 20 Nov 2026 08:00:00 GMT")
    validators = store.page_validators("https://a.example/x")
    assert validators is not None and validators.etag is None
    assert validators.last_modified == "Fri, 20 Nov 2026 08:00:00 GMT"
    assert store.find_article("https://a.example/x") is not None  # the page still belongs to its article


def test_touch_moves_last_fetched_and_last_seen(opener: Callable[[], StateBackend]) -> None:
    store = opener()
    store.record_article(record("https://a.example/x", "cd" * 32))
    store.touch("https://a.example/x", "2026-11-09T10:00:00+00:00")
    assert store.last_fetched("https://a.example/x").isoformat() == "2026-11-09T10:00:00+00:00"  # type: ignore[union-attr]
    assert store.find_article("https://a.example/x").last_seen == "2026-11-09T10:00:00+00:00"  # type: ignore[union-attr]
    store.touch("https://a.example/unknown", "2026-11-09T10:00:00+00:00")
    assert store.page_validators("https://a.example/unknown") is None  # touching creates nothing
    store.record_page("https://a.example/listing", None, '"l"', None)
    assert store.last_fetched("https://a.example/listing") is None  # not an article page


def test_feed_validators_are_set_replaced_and_forgotten(opener: Callable[[], StateBackend]) -> None:
    store = opener()
    store.set_validators("https://a.example/rss", "feed", '"f1"', "Fri, 20 Nov 2026 08:00:00 GMT")
    store.set_validators("https://a.example/rss", "feed", '"f2"', None)
    validators = store.page_validators("https://a.example/rss")
    assert validators is not None and (validators.etag, validators.last_modified) == ('"f2"', None)
    store.forget_validators("https://a.example/rss")
    assert store.page_validators("https://a.example/rss") is None


def test_site_lines_learned_by_several_processes_add_up(opener: Callable[[], StateBackend]) -> None:
    store = opener()
    assert store.load_site_lines("a.example") is None
    store.add_site_lines([("a.example", 1.0, 12.0, {-5: 4.0, 2**62: 7.5}), ("b.example", 1.0, 1.0, {})])
    store.add_site_lines([("a.example", 1.0, 3.0, {-5: 1.0, 7: 1.0})])  # another process, at the same time
    store.commit()  # the fixture closes every store it opened
    store = opener()
    assert store.load_site_lines("a.example") == (15.0, {-5: 5.0, 2**62: 7.5})  # 7: on one page only, dropped
    assert store.load_site_lines("b.example") == (1.0, {})
    store.add_site_lines([("a.example", 0.5, 1.0, {-5: 1.0})])  # a process that halved its counts (decay)
    assert store.load_site_lines("a.example") == (8.5, {-5: 3.5, 2**62: 3.75})


def test_site_boilerplate_of_two_processes_learning_one_site_adds_up(opener: Callable[[], StateBackend]) -> None:
    from crawler.crawl.sitelines import SiteBoilerplate  # noqa: PLC0415

    workers = []
    for _ in range(2):
        model = SiteBoilerplate(min_pages=3, min_share=0.1)
        model.attach(opener())
        workers.append(model)
    stories = iter(["Harbour walls", "Bridge vote", "School meals", "Ferry times", "Park lights", "Bus lanes",
                    "River fish", "Town hall"])
    for _ in range(4):  # each sees 4 pages with the same footer line: 8 pages in all
        for model in workers:
            model.observe("a.example", f"{next(stories)} were discussed at length.\nSubscribe to our newsletter today")
    for model in workers:
        model.save()
    later = SiteBoilerplate(min_pages=3, min_share=0.1)
    later.attach(opener())
    pages, lines = later._site("a.example").pages, later._site("a.example").lines
    assert pages == 8.0 and max(lines.values()) == 8.0  # both processes' pages counted, not the last one's
    assert later.learned("a.example") == 1


def test_reconcile_takes_in_lines_written_after_the_last_commit_once(
    opener: Callable[[], StateBackend], tmp_path: Path
) -> None:
    output = tmp_path / "run1.jsonl"
    output.write_bytes(json.dumps(record("https://a.example/1", "11" * 32)).encode() + b"\n")
    store = opener()
    store.start_run("run1")
    store.register_output(output, "run1")  # committed: the first line
    store.commit()
    with output.open("ab") as handle:  # the run writes two more lines and a torn one, then dies
        handle.write(json.dumps(record("https://a.example/2", "22" * 32)).encode() + b"\n")
        handle.write(json.dumps(record("https://a.example/1", "33" * 32, version=2)).encode() + b"\n")
        handle.write(b'{"url": "https://a.example/3", "cont')
    store = opener()
    assert store.find_article("https://a.example/1") is None  # never taken in: it was committed as written
    assert store.reconcile() == 2
    assert store.find_article("https://a.example/1").version == 2  # type: ignore[union-attr]
    assert store.find_article("https://a.example/2") is not None and store.find_article("https://a.example/3") is None
    assert store.reconcile() == 0
    store.output_committed(output, output.stat().st_size)
    store.finish_run("run1", "finished", {"articles": 2})


def test_source_runs_are_kept_newest_first_and_replaced_by_run(opener: Callable[[], StateBackend]) -> None:
    store = opener()
    for number, status in ((1, "baseline"), (2, "ok"), (3, "failing")):
        store.record_source_run(SourceRun(
            f"run{number}", "gazette", f"2026-11-0{number}T00:00:00+00:00", "finished",
            {"articles": number}, {"status": status, "failed": []}, {"outputs": [f"out{number}.jsonl"]},
        ))
    store.record_source_run(SourceRun("run1", "wire", "2026-11-01T00:00:00+00:00", "finished", {}, {}, {}))
    store.record_source_run(SourceRun(  # run 3 recorded again: replaced, not doubled
        "run3", "gazette", "2026-11-03T00:00:00+00:00", "finished", {"articles": 30},
        {"status": "failing", "failed": [{"check": "articles", "value": 0, "expected": ">= 1"}]}, {},
    ))
    store.commit()
    store = opener()
    runs = store.source_runs("gazette", 2)
    assert [(run.run_id, run.metrics["articles"]) for run in runs] == [("run3", 30), ("run2", 2)]
    assert runs[0].health["failed"][0]["check"] == "articles"
    assert len(store.source_runs("gazette", 10)) == 3 and store.source_runs("gazette", 0) == []
    assert store.health_sources() == ["gazette", "wire"]


def test_an_output_is_known_once_registered(opener: Callable[[], StateBackend], tmp_path: Path) -> None:
    output, other = tmp_path / "journal.jsonl", tmp_path / "other.jsonl"
    store = opener()
    assert not store.has_output(output)
    store.register_output(output, "run1")
    store.commit()
    store = opener()
    assert store.has_output(output) and not store.has_output(other)


# --- the kept-article index -----------------------------------------------------------------------------


@pytest.fixture(params=STORES)
def kept(request: pytest.FixtureRequest) -> Iterator[KeptArticles]:
    if request.param == "sqlite":
        index: Any = DuplicateIndex(0.8)
    else:
        server = request.getfixturevalue("redis_server")
        index = RedisKeptArticles(RedisConnection(server.url, f"test-{uuid.uuid4().hex[:8]}"), "run-1", 0.8)
    yield index
    index.close()


def article(url: str, text: str = TEXT, content_hash: str = "aa" * 32, canonical: str | None = None) -> Article:
    return Article(url=url, canonical_url=canonical or url, text=text, content_hash=content_hash)


def test_kept_index_tells_url_content_and_near_duplicates(kept: KeptArticles) -> None:
    assert kept.check_and_keep(article("https://a.example/1")) is None
    assert kept.knows_url("https://a.example/1/") and not kept.knows_url("https://a.example/2")
    assert kept.check_and_keep(article("https://a.example/amp/1", content_hash="bb" * 32, canonical="https://a.example/1")) == (
        "url", "https://a.example/1")
    assert kept.check_and_keep(article("https://b.example/copy")) == ("content", "https://a.example/1")
    near = article("https://c.example/rewrite", TEXT + " One more sentence at the end.", "cc" * 32)
    assert kept.find(near) == ("near", "https://a.example/1")
    assert kept.check_and_keep(near) == ("near", "https://a.example/1")
    other = article("https://d.example/other", "A different story about the weather in the hills. " * 20, "dd" * 32)
    assert kept.find(other) is None and not kept.knows_url("https://d.example/other")  # find keeps nothing
    assert kept.check_and_keep(other) is None and kept.knows_url("https://d.example/other")


def test_earlier_runs_texts_are_duplicates_under_other_urls_only(kept: KeptArticles) -> None:
    with kept.batch():
        kept.add_previous("https://a.example/1", "aa" * 32, signature(TEXT))
        kept.add(article("https://e.example/appended", "Appended record text about the harbour. " * 20, "ee" * 32))
    assert kept.knows_url("https://e.example/appended") and not kept.knows_url("https://a.example/1")
    assert kept.check_and_keep(article("https://a.example/1")) is None  # its own earlier version
    assert kept.check_and_keep(article("https://b.example/copy", content_hash="ab" * 32)) == (
        "near", "https://a.example/1")


# --- only a shared store: several processes, and an outage ------------------------------------------------


def _keep_in_process(url: str, prefix: str, number: int, barrier: Any, results: Any) -> None:
    index = RedisKeptArticles(RedisConnection(url, prefix), "run-1", 0.8)
    copy = article(f"https://site{number}.example/wire-story")  # the same wire story on another site
    barrier.wait()
    results.put((number, index.check_and_keep(copy)))
    index.connection.close()


def test_processes_keeping_the_same_article_at_once_keep_it_exactly_once(redis_server: RedisServer) -> None:
    prefix, workers = f"test-{uuid.uuid4().hex[:8]}", 6
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(workers), context.Queue()
    processes = [
        context.Process(target=_keep_in_process, args=(redis_server.url, prefix, n, barrier, results))
        for n in range(workers)
    ]
    for process in processes:
        process.start()
    found = dict(results.get(timeout=60) for _ in processes)
    for process in processes:
        process.join(timeout=30)
    kept_by = [n for n, result in found.items() if result is None]
    assert len(kept_by) == 1, found
    winner = f"https://site{kept_by[0]}.example/wire-story"
    assert all(result == ("content", winner) for n, result in found.items() if n != kept_by[0])


def test_a_check_and_keep_sent_twice_keeps_once_and_is_not_its_own_duplicate(redis_server: RedisServer) -> None:
    index = RedisKeptArticles(RedisConnection(redis_server.url, f"test-{uuid.uuid4().hex[:8]}"), "run-1", 0.8)
    args = index._args("check", "https://a.example/1", "aa" * 32, signature(TEXT), ["https://a.example/1"])
    assert index._run("check", args) is None
    assert index._run("check", args) is None  # the reply of the first was lost: the retry finds its own token
    assert len(index) == 1  # type: ignore[arg-type]
    index.close()


def test_redis_store_waits_out_an_outage_and_loses_nothing_acknowledged(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    store = RedisStateStore(RedisConnection(redis_server.url, prefix, retry_seconds=60))
    kept = RedisKeptArticles(RedisConnection(redis_server.url, prefix, retry_seconds=60), "run-1", 0.8)
    for n in range(50):
        store.record_article(record(f"https://a.example/{n}", f"{n:064x}"))
    assert kept.check_and_keep(article("https://a.example/0")) is None
    redis_server.kill()  # SIGKILL: only what Redis wrote to its AOF survives
    restart = threading.Timer(3.0, redis_server.start)
    restart.start()
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="crawler.crawl.state.redisconn"):
        store.record_article(record("https://a.example/during", "ff" * 32))  # waits for Redis
        assert kept.check_and_keep(article("https://b.example/copy")) == ("content", "https://a.example/0")
    waited = time.monotonic() - started
    restart.join()
    assert waited >= 2.5
    for n in range(50):
        assert store.find_article(f"https://a.example/{n}") is not None, n
    assert store.find_article("https://a.example/during") is not None
    messages = [r.getMessage() for r in caplog.records]
    assert sum("unreachable" in m for m in messages) == 1, messages  # logged once, not once per retry
    assert sum("reachable again" in m for m in messages) == 1, messages
    kept.close()
    store.close()


def test_signature_round_trip_keeps_every_bit(opener: Callable[[], StateBackend]) -> None:
    store = opener()
    sig = array("Q", [2**64 - 1, 0, 2**63, *range(61)])
    store.record_article(record("https://a.example/1", "aa" * 32), signature=sig)
    assert [s for _, _, s in store.iter_signatures()] == [sig]


def test_every_signature_is_read_back_however_many_articles(opener: Callable[[], StateBackend]) -> None:
    store = opener()
    for n in range(1234):  # more than one SSCAN step
        store.record_article(record(f"https://a.example/{n}", f"{n:064x}"))
    store.commit()
    assert sorted(url for url, _, _ in store.iter_signatures()) == sorted(f"https://a.example/{n}" for n in range(1234))


def test_a_wrong_password_fails_at_once(tmp_path: Path) -> None:
    server = redis_server_or_skip(tmp_path / "redis", "--requirepass", "the-password")
    try:
        wrong = server.url.replace("redis://", "redis://:not-the-password@")
        started = time.monotonic()
        with pytest.raises(redis.AuthenticationError):
            RedisStateStore(RedisConnection(wrong, "test-auth")).find_article("https://a.example/1")
        assert time.monotonic() - started < 5  # not waited out as an outage
        assert without_credentials(wrong) == f"redis://127.0.0.1:{server.port}/0"  # what logs and errors show
        right = RedisStateStore(RedisConnection(server.url.replace("redis://", "redis://:the-password@"), "t"))
        assert right.find_article("https://a.example/1") is None
        right.close()
    finally:
        server.stop()


def test_an_index_that_cannot_answer_is_a_kept_index_error(redis_server: RedisServer) -> None:
    gone = RedisConnection(f"redis://127.0.0.1:{free_port()}/0", "test-gone", retry_seconds=0.5)
    index = RedisKeptArticles(gone, "run-1", 0.8)
    with pytest.raises(KeptIndexError, match="RedisUnavailable: Redis at redis://127.0.0.1:.* unreachable"):
        index.check_and_keep(article("https://a.example/1"))
