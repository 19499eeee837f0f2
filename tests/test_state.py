"""The crawl state on its own: SQLite store, format checks, migrations, run lock, journal replay, naming."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler

from crawler.crawl.extensions.runsummary import drop_kind
from crawler.crawl.knowledge import CrawlKnowledge
from crawler.items import Article
from crawler.crawl.middlewares.conditional import ConditionalRequestMiddleware, NotModified
from crawler.crawl.pages import ExtractedPage, PageItem
from crawler.crawl.state import SCHEMA_VERSION, RunLock, StateError, StateLocked, open_state
from crawler.crawl.state.naming import safe_name, uri_params
from crawler.crawl.state.run import StateRun
from crawler.crawl.state.schema import APPLICATION_ID
from pipelines.changes import ChangesPipeline


def record(url: str, text_hash: str, version: int = 1, **extra: object) -> dict[str, object]:
    return {
        "url": url,
        "canonical_url": url,
        "content_hash": text_hash,
        "version": version,
        "first_seen": "2026-11-01T00:00:00+00:00",
        "last_seen": "2026-11-02T00:00:00+00:00",
        **extra,
    }


# --- store and file format ------------------------------------------------------------------------


def test_new_state_has_current_format(tmp_path: Path) -> None:
    store = open_state(tmp_path / "sub" / "state.sqlite3")
    store.close()
    db = sqlite3.connect(tmp_path / "sub" / "state.sqlite3")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_records_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    store = open_state(path)
    store.record_article(
        record("https://a.example/x", "ab" * 32),
        fetched_urls=["https://a.example/x?amp=1"],
        etag='"v1"',
        last_modified="Fri, 20 Nov 2026 08:00:00 GMT",
    )
    store.close()
    store = open_state(path)
    known = store.find_article("https://a.example/x/")  # trailing slash: same identity
    assert known is not None and known.version == 1 and known.content_hash == "ab" * 32
    assert store.find_article("https://a.example/x?amp=1") == known  # fetched URL maps to the article
    assert store.find_article("https://a.example/other") is None
    validators = store.page_validators("https://a.example/x")
    assert validators is not None and validators.etag == '"v1"'
    assert store.find_content("ab" * 32) == "https://a.example/x"
    store.close()


def test_validators_of_a_page_are_kept_when_a_fetch_gives_none(tmp_path: Path) -> None:
    store = open_state(tmp_path / "state.sqlite3")
    key = store.record_article(record("https://a.example/x", "cd" * 32), etag='"v1"')
    store.record_page("https://a.example/x", key, None, None)
    assert store.page_validators("https://a.example/x").etag == '"v1"'  # type: ignore[union-attr]
    store.record_page("https://a.example/x", key, '"v2"', None)
    assert store.page_validators("https://a.example/x").etag == '"v2"'  # type: ignore[union-attr]
    store.close()


@pytest.mark.parametrize(
    "content", [b"this is not a database at all" * 10, b"SQLite format 3\x00" + b"\xff" * 200]
)
def test_unreadable_file_is_an_error_and_left_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "state.sqlite3"
    path.write_bytes(content)
    with pytest.raises(StateError, match="left untouched"):
        open_state(path)
    assert path.read_bytes() == content


def test_newer_format_is_an_error_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    open_state(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(StateError, match="newer than this crawler"):
        open_state(path)
    assert path.read_bytes() == before


def test_database_of_another_application_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE customers (id INTEGER)")
    db.commit()
    db.close()
    with pytest.raises(StateError, match="another application"):
        open_state(path)
    assert sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall() == [("customers",)]


def test_older_format_is_migrated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from crawler.crawl.state import schema as schema_module

    path = tmp_path / "state.sqlite3"
    open_state(path).close()  # format 1
    migration = "ALTER TABLE articles ADD COLUMN language TEXT"
    monkeypatch.setattr(schema_module, "MIGRATIONS", (*schema_module.MIGRATIONS, migration))
    monkeypatch.setattr(schema_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    open_state(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert "language" in [row[1] for row in db.execute("PRAGMA table_info(articles)")]


# --- journal replay -----------------------------------------------------------------------------------


def test_reconcile_takes_in_lines_written_after_the_last_commit(tmp_path: Path) -> None:
    path, output = tmp_path / "state.sqlite3", tmp_path / "run1.jsonl"
    output.write_bytes(json.dumps(record("https://a.example/1", "11" * 32)).encode() + b"\n")
    store = open_state(path)
    store.register_output(output, "run1")  # committed offset: the first line
    store.commit()
    with output.open("ab") as handle:  # the run writes two more lines, and a torn one, then dies
        handle.write(json.dumps(record("https://a.example/2", "22" * 32)).encode() + b"\n")
        handle.write(json.dumps(record("https://a.example/1", "33" * 32, version=2)).encode() + b"\n")
        handle.write(b'{"url": "https://a.example/3", "cont')
    store.db.close()  # no commit: killed
    store = open_state(path)
    assert store.find_article("https://a.example/2") is None
    assert store.reconcile() == 2
    assert store.find_article("https://a.example/2") is not None
    assert store.find_article("https://a.example/1").version == 2  # type: ignore[union-attr]
    assert store.find_article("https://a.example/3") is None
    assert store.reconcile() == 0  # taken in once
    store.close()


# --- lock ----------------------------------------------------------------------------------------------


def test_second_lock_fails_at_once_and_names_the_holder(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    with RunLock(path):
        with pytest.raises(StateLocked, match="another crawl is running") as raised:
            RunLock(path).acquire()
        assert raised.value.holder.isdigit()
    RunLock(path).acquire().release()  # free again


def test_lock_of_a_killed_process_is_free(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    code = (
        "import sys, time; from crawler.crawl.state import RunLock; lock = RunLock(sys.argv[1]).acquire(); "
        "print('locked', flush=True); time.sleep(60)"
    )
    holder = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(StateLocked):
            RunLock(path).acquire()
    finally:
        holder.kill()
        holder.wait()
    RunLock(path).acquire().release()


# --- conditional requests -------------------------------------------------------------------------


@pytest.fixture
def knowledge_with_state(tmp_path: Path) -> Iterator[Callable[..., CrawlKnowledge]]:
    """Makes the crawl knowledge of a run on a state in ``tmp_path`` (closed, lock released, at the end)."""
    made: list[CrawlKnowledge] = []

    def make(full: bool = False) -> CrawlKnowledge:
        made.append(CrawlKnowledge(state=StateRun.open(tmp_path / "state.sqlite3", "test-run", full=full)))
        return made[-1]

    yield make
    for knowledge in made:
        knowledge.close()


def test_known_page_is_requested_conditionally_and_304_ends_it(knowledge_with_state: Callable[..., CrawlKnowledge]) -> None:
    knowledge = knowledge_with_state()
    state = knowledge.state
    assert state is not None
    state.store.record_article(
        record("https://a.example/x", "ab" * 32), etag='"v1"', last_modified="Fri, 20 Nov 2026 08:00:00 GMT"
    )
    stats = get_crawler().stats
    middleware = ConditionalRequestMiddleware(knowledge, stats)
    request = Request("https://a.example/x", meta={"news_source": "a"})
    middleware.process_request(request)
    assert request.headers[b"If-None-Match"] == b'"v1"'
    assert request.headers[b"If-Modified-Since"] == b"Fri, 20 Nov 2026 08:00:00 GMT"
    with pytest.raises(NotModified):
        middleware.process_response(request, Response(request.url, status=304, request=request))
    assert stats.get_value("news/source/a/not_modified") == 1 and stats.get_value("news/conditional") == 1
    unknown = Request("https://a.example/new", meta={"news_source": "a"})
    middleware.process_request(unknown)
    assert b"If-None-Match" not in unknown.headers
    robots = Request("https://a.example/robots.txt")
    middleware.process_request(robots)
    assert b"If-None-Match" not in robots.headers


def test_full_recrawl_sends_no_conditional_headers(knowledge_with_state: Callable[..., CrawlKnowledge]) -> None:
    knowledge = knowledge_with_state(full=True)
    assert knowledge.state is not None
    knowledge.state.store.record_article(record("https://a.example/x", "ab" * 32), etag='"v1"')
    middleware = ConditionalRequestMiddleware(knowledge, None)
    request = Request("https://a.example/x", meta={"news_source": "a"})
    middleware.process_request(request)
    assert b"If-None-Match" not in request.headers


def test_feed_validators_are_handed_to_the_state(knowledge_with_state: Callable[..., CrawlKnowledge]) -> None:
    knowledge = knowledge_with_state()
    middleware = ConditionalRequestMiddleware(knowledge, None)
    request = Request("https://a.example/rss.xml", meta={"news_source": "a", "news_kind": "feed"})
    response = Response(request.url, status=200, headers={"ETag": '"f1"'}, request=request)
    assert middleware.process_response(request, response) is response
    assert knowledge.state is not None
    assert knowledge.state.feed_validators == {"https://a.example/rss.xml": ("feed", '"f1"', None)}


# --- change detection ----------------------------------------------------------------------------


def extracted(url: str, content_hash: str, source: str = "a") -> ExtractedPage:
    article = Article(url=url, canonical_url=url, text="text " * 60, content_hash=content_hash)
    return ExtractedPage(page=PageItem(url=url, body=b"", source=source, etag='"e"'), article=article)


def test_changes_pipeline_new_unchanged_updated(knowledge_with_state: Callable[..., CrawlKnowledge]) -> None:
    knowledge = knowledge_with_state()
    state = knowledge.state
    assert state is not None
    pipeline = ChangesPipeline(knowledge, None)
    new = pipeline.process_item(extracted("https://a.example/1", "aa" * 32))
    assert new.article.version == 1 and new.article.first_seen == new.article.last_seen
    state.store.record_article(record("https://a.example/1", "aa" * 32, version=3))
    with pytest.raises(DropItem, match="^unchanged"):
        pipeline.process_item(extracted("https://a.example/1", "aa" * 32))
    changed = pipeline.process_item(extracted("https://a.example/1", "bb" * 32))
    assert changed.article.version == 4 and changed.article.first_seen == "2026-11-01T00:00:00+00:00"
    assert "https://a.example/1" in state.pending
    with pytest.raises(DropItem, match=r"^duplicate \(content\).*duplicate_of=https://a.example/1"):
        pipeline.process_item(extracted("https://a.example/copy", "aa" * 32))
    state.written_keys.add("a.example/1")  # written by this run: the deduplicate pipeline decides
    again = pipeline.process_item(extracted("https://a.example/1", "aa" * 32))
    assert again.article.version == 1


def test_changes_pipeline_compares_the_page_before_learned_lines(
    knowledge_with_state: Callable[..., CrawlKnowledge],
) -> None:
    """Site lines learned since an article was written change its stripped hash, not its page."""
    knowledge = knowledge_with_state()
    assert knowledge.state is not None
    store = knowledge.state.store
    store.record_article(record("https://a.example/1", "aa" * 32), page_hash="pp" * 32)
    pipeline = ChangesPipeline(knowledge, None)
    learned_more = extracted("https://a.example/1", "bb" * 32)  # more lines stripped, same page
    learned_more.page_hash = "pp" * 32
    with pytest.raises(DropItem, match="^unchanged"):
        pipeline.process_item(learned_more)
    furniture_changed = extracted("https://a.example/1", "aa" * 32)  # only stripped lines changed
    furniture_changed.page_hash = "qq" * 32
    with pytest.raises(DropItem, match="^unchanged"):
        pipeline.process_item(furniture_changed)
    changed = extracted("https://a.example/1", "cc" * 32)
    changed.page_hash = "rr" * 32
    assert pipeline.process_item(changed).article.version == 2
    assert knowledge.state.pending["https://a.example/1"][2] == "rr" * 32  # stored once written
    store.record_article(record("https://a.example/2", "dd" * 32))  # written by an older crawler: no page hash
    unstripped_then = extracted("https://a.example/2", "ee" * 32)
    unstripped_then.page_hash = "dd" * 32
    with pytest.raises(DropItem, match="^unchanged"):
        pipeline.process_item(unstripped_then)


def test_page_hash_is_forgotten_when_a_record_without_one_changes_the_text(tmp_path: Path) -> None:
    store = open_state(tmp_path / "state.sqlite3")
    store.record_article(record("https://a.example/1", "aa" * 32), page_hash="pp" * 32)
    store.record_article(record("https://a.example/1", "aa" * 32))  # same text (a replayed line): kept
    assert store.find_article("https://a.example/1").page_hash == "pp" * 32  # type: ignore[union-attr]
    store.record_article(record("https://a.example/1", "bb" * 32, version=2))  # new text, page unknown
    assert store.find_article("https://a.example/1").page_hash is None  # type: ignore[union-attr]
    store.close()


def test_a_state_of_format_2_opens_and_its_articles_have_no_page_hash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crawler.crawl.state import schema as schema_module

    path = tmp_path / "state.sqlite3"
    with monkeypatch.context() as patch:
        patch.setattr(schema_module, "MIGRATIONS", schema_module.MIGRATIONS[:2])
        patch.setattr(schema_module, "SCHEMA_VERSION", 2)
        old = open_state(path)
        old.db.execute("BEGIN")
        old.db.execute(
            "INSERT INTO articles VALUES ('a.example/1', 'https://a.example/1', ?, 1, 'x', 'y', NULL, NULL)",
            ("aa" * 32,),
        )
        old.close()
    store = open_state(path)
    known = store.find_article("https://a.example/1")
    assert known is not None and known.content_hash == "aa" * 32 and known.page_hash is None
    store.close()


# --- naming and summary helpers ---------------------------------------------------------------------


class FakeCrawler:
    settings: dict[str, str] = {}


def test_uri_params_name_each_run(tmp_path: Path) -> None:
    crawler = FakeCrawler()
    spider = types.SimpleNamespace(
        crawler=crawler, sources_file="/etc/news/daily.toml", sources={"gazette": 1}, name="news"
    )
    params = uri_params({"name": "news"}, spider)  # type: ignore[arg-type]
    assert params["sources"] == "daily" and params["source"] == "gazette" and params["name"] == "news"
    assert params["run_id"].startswith(params["date"].replace("-", ""))
    assert uri_params({}, spider)["run_id"] == params["run_id"]  # one id per run  # type: ignore[arg-type]
    other = types.SimpleNamespace(crawler=FakeCrawler(), sources_file="x.toml", sources={}, name="n")
    assert uri_params({}, other)["run_id"] != params["run_id"]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "name, expected", [("../../etc", "etc"), ("a/b c", "a-b-c"), ("..", "unnamed"), ("ok_1.x", "ok_1.x")]
)
def test_safe_name(name: str, expected: str) -> None:
    assert safe_name(name) == expected


@pytest.mark.parametrize(
    "message, expected",
    [
        ("duplicate (near): http://x duplicate_of=http://y", ("duplicates", "near")),
        ("unchanged: http://x version=1", ("unchanged", "unchanged")),
        ("too_short: http://x", ("dropped", "too_short")),
    ],
)
def test_drop_kind(message: str, expected: tuple[str, str]) -> None:
    assert drop_kind(message) == expected


def test_html_response_headers_roundtrip() -> None:
    response = HtmlResponse("https://a.example/", body=b"<html></html>", headers={"ETag": '"x"'})
    from crawler.crawl.headers import header_text

    assert header_text(response.headers, b"ETag") == '"x"'
    assert header_text(response.headers, b"Last-Modified") is None


# --- run summary ------------------------------------------------------------------------------------


def summary_of(stats: dict[str, object], responses: dict[int, int]) -> dict[str, object]:
    from scrapy.settings import Settings

    from crawler.crawl.extensions.runsummary import RunSummary

    crawler = FakeCrawler()
    crawler.settings = Settings({"NEWS_STATE_PATH": "state.sqlite3"})  # type: ignore[assignment]
    extension = RunSummary(crawler, None)  # type: ignore[arg-type]
    extension.sources["a"].responses.update(responses)
    return extension.build(stats, "finished")


def test_summary_counts_per_source() -> None:
    stats = {
        "news/source/a/not_modified": 4,
        "news/source/a/conditional": 5,
        "news/source/a/emitted/new": 2,
        "news/source/a/errors/http_404": 1,
        "news/source/a/errors/robots_denied": 2,
        "news/emitted/new": 2,
    }
    summary = summary_of(stats, {200: 7, 404: 1})
    source = summary["sources"]["a"]  # type: ignore[index]
    assert source["pages_fetched"] == 7 and source["not_modified"] == 4 and source["conditional_requests"] == 5
    assert source["http_errors"] == {"404": 1} and source["robots_denied"] == 2
    assert source["articles_emitted"] == {"new": 2, "updated": 0} and source["failed"] is False
    assert summary["failed_sources"] == [] and summary["articles_emitted"] == {"new": 2, "updated": 0}


@pytest.mark.parametrize(
    "stats, responses, failed",
    [
        ({"news/source/a/errors/robots_denied": 3}, {}, True),  # robots.txt forbids everything
        ({"news/source/a/errors/DownloadConnectionRefusedError": 4}, {}, True),  # every request failed
        ({"news/source/a/errors/http_500": 2}, {500: 2}, True),
        ({"news/source/a/not_modified": 1, "news/source/a/errors/http_404": 1}, {404: 1}, False),
        ({"news/source/a/skipped/unchanged": 3, "news/source/a/errors/http_404": 1}, {}, False),
        ({}, {}, False),  # nothing to do is not a failure
    ],
)
def test_a_source_fails_when_no_request_succeeded(
    stats: dict[str, int], responses: dict[int, int], failed: bool
) -> None:
    summary = summary_of(stats, responses)
    assert summary["sources"]["a"]["failed"] is failed  # type: ignore[index]
    assert summary["failed_sources"] == (["a"] if failed else [])
