"""Scheduled runs over the crawl test site: only new or changed articles, conditional requests, summaries,
the run lock, a killed run followed by the next one, and the exit status of a source that fails.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from crawler.tools.demo.server import Page, Site
from crawler.tools.demo.site import (
    BASE_DATE,
    NewsSite,
    SiteArticle,
    article_page,
    generated_articles,
    generated_text,
)

from tests.crawlsite import (
    ROOT,
    build_crawl_site,
    crawl_command,
    read_jsonl,
    run_crawl,
    slow_news_site,
    write_sources,
)

pytestmark = pytest.mark.slow

EXIT_SOURCE_FAILED = 3
EXIT_LOCKED = 75


def template(directory: Path) -> str:
    """NEWS_DEFAULT_FEEDS for a run writing under ``directory`` (one new file per run)."""
    feeds = {
        f"{directory}/%(sources)s/%(date)s/%(run_id)s.jsonl": {"format": "jsonlines", "encoding": "utf8"}
    }
    return json.dumps(feeds)


def scheduled_run(
    tmp: Path,
    sources: Path,
    name: str,
    *extra: str,
    settings: dict[str, str] | None = None,
) -> tuple[subprocess.CompletedProcess[str], Path | None, dict[str, Any]]:
    """``crawler crawl SOURCES`` with the default output naming; returns (result, output, summary).

    ``output`` is the run's new JSONL file, None when it wrote none (nothing new); ``summary`` is read
    from ``NEWS_SUMMARY_FILE``, written by every run, and checked against the copy beside the output.
    """
    out = tmp / "out"
    before = set(out.rglob("*")) if out.exists() else set()
    summary_file = tmp / f"{name}-summary.json"
    command = crawl_command(
        sources,
        None,
        tmp / f"{name}-stats.json",
        {"NEWS_DEFAULT_FEEDS": template(out), "NEWS_SUMMARY_FILE": str(summary_file), **(settings or {})},
        use_scrapy=False,
    )
    result = run_crawl(command + list(extra), tmp / f"{name}.log")
    new = sorted(set(out.rglob("*")) - before) if out.exists() else []
    new_files = [path for path in new if path.is_file()]
    outputs = [path for path in new_files if path.suffix == ".jsonl"]
    assert len(outputs) <= 1, (new_files, (tmp / f"{name}.log").read_text()[-3000:])
    summary = json.loads(summary_file.read_text())
    if outputs:
        beside = outputs[0].with_name(outputs[0].name.replace(".jsonl", ".summary.json"))
        assert json.loads(beside.read_text()) == summary
    return result, (outputs[0] if outputs else None), summary


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("incremental")
    found: dict[str, Any] = {}
    with Site() as site:
        test_site = build_crawl_site(site)
        sources = write_sources(tmp / "daily.toml", site.base)
        found["first"] = scheduled_run(tmp, sources, "run1")
        mark = len(site.requests)
        found["second"] = scheduled_run(tmp, sources, "run2")
        found["second_conditional"] = list(site.conditional)
        found["second_not_modified"] = list(site.not_modified)
        found["second_requests"] = site.requests[mark:]
        mark_conditional = len(site.conditional)
        found["full"] = scheduled_run(tmp, sources, "run-full", "--full")
        found["full_conditional"] = site.conditional[mark_conditional:]

        # One article changes, one is added.
        news = test_site.news
        assert news is not None
        changed = news.articles[3]
        changed.html = changed.html.replace(
            b"<article><h1>",
            b"<article><p>Correction: an earlier version of "
            b"this report gave the wrong date for the council meeting.</p><h1>",
            1,
        )
        changed.html = changed.html.replace(b"<p>", b"<p>Updated: ", 2)
        added_title = "Night trains return to the coastal line after ten years"
        added = SiteArticle(
            path="/world/night-trains.html",
            html=article_page(
                added_title,
                generated_text(__import__("random").Random(5)),
                published=BASE_DATE.replace(hour=20),
            ),
            section="world",
            title=added_title,
            published=BASE_DATE.replace(hour=20),
        )
        news.articles.insert(0, added)
        news.install(site)
        found["third"] = scheduled_run(tmp, sources, "run3")
    found.update(site=test_site, changed=changed, added=added, tmp=tmp)
    return found


def test_first_run_emits_every_article_once_with_version_1(runs: dict[str, Any]) -> None:
    result, output, summary = runs["first"]
    assert result.returncode == 0
    records = read_jsonl(output)
    assert Counter(r["title"] for r in records) == Counter(runs["site"].expected_titles)
    assert {r["version"] for r in records} == {1}
    assert all(r["first_seen"] == r["last_seen"] for r in records)
    source = summary["sources"]["gazette"]
    assert source["articles_emitted"] == {"new": len(records), "updated": 0}
    assert summary["articles_emitted"] == {"new": len(records), "updated": 0}
    assert source["conditional_requests"] == 0 and source["not_modified"] == 0
    assert source["http_errors"] == {"404": 1}
    assert source["duplicates"] == {"near": 1, "url": 1}
    assert source["robots_denied"] == 1 and not source["failed"]
    assert summary["outputs"] == [str(output)] and output.parent.name == summary["started"][:10]
    assert output.parent.parent.name == "daily" and output.stem == summary["run_id"]


def test_second_run_over_the_unchanged_site_emits_nothing(runs: dict[str, Any]) -> None:
    result, output, summary = runs["second"]
    assert result.returncode == 0
    assert output is None and summary["outputs"] == []  # nothing new: no empty file, no summary beside one
    assert "Articles written: 0 (nothing new; no file written)" in (runs["tmp"] / "run2.log").read_text()
    assert not [path for path in (runs["tmp"] / "out").rglob("*") if path.is_file() and path.stat().st_size == 0]
    with sqlite3.connect(runs["tmp"] / "state.sqlite3") as db:  # the run is recorded in the state all the same
        (stored,) = db.execute("SELECT summary FROM runs WHERE run_id = ?", (summary["run_id"],)).fetchone()
    assert json.loads(stored)["articles_emitted"] == {"new": 0, "updated": 0}
    source = summary["sources"]["gazette"]
    assert summary["articles_emitted"] == {"new": 0, "updated": 0}
    assert source["not_modified"] >= 1 and source["conditional_requests"] >= source["not_modified"]
    assert source["skipped_unchanged"] == 0  # the feeds and sitemaps were not sent again: no entries to skip
    # The feeds and the sitemaps were asked conditionally and not sent again, like the known articles.
    conditional = set(runs["second_conditional"])
    assert {"/feeds/rss.xml", "/feeds/atom.xml", "/sitemaps/news.xml.gz"} <= conditional
    assert set(runs["second_not_modified"]) >= {"/feeds/rss.xml", "/feeds/atom.xml", "/sitemaps/news.xml.gz"}
    assert "/sitemap_index.xml" not in conditional  # an index is always read: its sitemaps may change alone
    article_paths = {a.path for a in runs["site"].news.articles if a is not runs["added"]}
    fetched_articles = [p for p in runs["second_requests"] if p in article_paths]
    assert (
        fetched_articles and set(fetched_articles) <= conditional
    )  # every known article asked conditionally


def test_full_recrawl_sends_no_conditional_requests_and_still_emits_nothing(runs: dict[str, Any]) -> None:
    result, output, summary = runs["full"]
    assert result.returncode == 0
    assert output is None and summary["outputs"] == []
    assert runs["full_conditional"] == []
    source = summary["sources"]["gazette"]
    assert summary["full_recrawl"] is True
    assert source["not_modified"] == 0 and source["skipped_unchanged"] == 0
    assert source["unchanged"] >= len(runs["site"].expected_titles) - 1  # fetched, extracted, same text


def test_third_run_emits_exactly_the_changed_and_the_added_article(runs: dict[str, Any]) -> None:
    result, output, summary = runs["third"]
    assert result.returncode == 0
    records = {r["title"]: r for r in read_jsonl(output)}
    assert set(records) == {runs["changed"].title, runs["added"].title}
    first = {r["title"]: r for r in read_jsonl(runs["first"][1])}
    updated = records[runs["changed"].title]
    assert updated["version"] == 2
    assert updated["first_seen"] == first[runs["changed"].title]["first_seen"]
    assert (
        updated["last_seen"] > updated["first_seen"]
        or updated["last_seen"] >= first[runs["changed"].title]["last_seen"]
    )
    assert "Correction" in updated["text"]
    assert records[runs["added"].title]["version"] == 1
    assert summary["articles_emitted"] == {"new": 1, "updated": 1}
    source = summary["sources"]["gazette"]
    # The changed feeds list known articles with dates older than their last fetch: not requested from there.
    assert source["skipped_unchanged"] >= len(runs["site"].expected_titles) - 3
    assert source["not_modified"] >= 1 and source["duplicates"] == {"near": 1}


# --- one run at a time ---------------------------------------------------------------------------


def slow_site(site: Site, count: int, delay: float) -> set[str]:
    return slow_news_site(site, generated_articles(count, seed=23), delay)


def wait_for(condition: Any, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if process.poll() is not None:
            pytest.fail(f"the first crawl ended too early (exit {process.returncode})")
        time.sleep(0.05)
    pytest.fail("timed out waiting for the first crawl")


def lines_in(directory: Path) -> int:
    return (
        sum(path.read_bytes().count(b"\n") for path in directory.rglob("*.jsonl"))
        if directory.exists()
        else 0
    )


def start_crawl(
    tmp: Path, sources: Path, name: str, settings: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    command = crawl_command(
        sources,
        None,
        tmp / f"{name}-stats.json",
        {"NEWS_DEFAULT_FEEDS": template(tmp / "out"), **(settings or {})},
        use_scrapy=False,
    )
    log = (tmp / f"{name}.log").open("w")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def test_a_second_run_exits_at_once_while_the_first_holds_the_lock(tmp_path: Path) -> None:
    with Site() as site:
        # pages slow enough that the first run outlasts the second's start-up on a loaded machine;
        # sped up once the second run is done
        titles = slow_site(site, 40, delay=0.8)
        sources = write_sources(tmp_path / "slow.toml", site.base)
        first = start_crawl(tmp_path, sources, "first", {"CONCURRENT_REQUESTS_PER_DOMAIN": "2"})
        try:
            wait_for(lambda: lines_in(tmp_path / "out") >= 1, first)
            command = crawl_command(
                sources, tmp_path / "second.jsonl", tmp_path / "second-stats.json", use_scrapy=False
            )
            started = time.monotonic()
            second = run_crawl(command, tmp_path / "second.log", timeout=60)
            took = time.monotonic() - started
            assert first.poll() is None, "the first run must still be running"
            for path, page in list(site.routes.items()):
                if page.delay:
                    site.routes[path] = dataclasses.replace(page, delay=0.0)
        finally:
            first.wait(timeout=120)
    log = (tmp_path / "second.log").read_text()
    assert second.returncode == EXIT_LOCKED, log[-2000:]
    assert "another crawl is running on the state" in log
    assert not (tmp_path / "second.jsonl").exists() and not (tmp_path / "second-stats.json").exists()
    assert took < 30  # it did not wait for the first run
    assert first.returncode == 0, (tmp_path / "first.log").read_text()[-3000:]
    records = [r for path in (tmp_path / "out").rglob("*.jsonl") for r in read_jsonl(path)]
    assert Counter(r["title"] for r in records) == Counter(titles)


# --- a killed run, then the next scheduled run ---------------------------------------------------


def test_sigkill_then_next_run_every_article_exactly_once(tmp_path: Path) -> None:
    check_killed_then_next_run(tmp_path)


def check_killed_then_next_run(tmp_path: Path, state_settings: dict[str, str] | None = None) -> str:
    """A scheduled run SIGKILLed mid-crawl, then the next: every article exactly once; the next run's log."""
    count = 30
    settings = {
        "CONCURRENT_REQUESTS_PER_DOMAIN": "2",
        "AUTOTHROTTLE_ENABLED": "False",
        "NEWS_STATE_COMMIT_ITEMS": "3",
        **(state_settings or {}),
    }
    with Site() as site:
        titles = slow_site(site, count, delay=0.15)
        sources = write_sources(tmp_path / "slow.toml", site.base)
        first = start_crawl(tmp_path, sources, "killed", settings)
        try:
            wait_for(lambda: lines_in(tmp_path / "out") >= 8, first)
        finally:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
        killed_output = next((tmp_path / "out").rglob("*.jsonl"))
        written_before = read_jsonl(killed_output)
        assert 8 <= len(written_before) < count
        assert not killed_output.with_name(killed_output.stem + ".summary.json").exists()  # it really died
        result, output, summary = scheduled_run(tmp_path, sources, "next", settings=settings)
    log = (tmp_path / "next.log").read_text()
    assert result.returncode == 0, log[-3000:]
    records = written_before + read_jsonl(output)
    counts = Counter(r["title"] for r in records)
    assert set(counts) == titles
    assert max(counts.values()) == 1, [t for t, c in counts.items() if c > 1]
    assert summary["articles_emitted"]["new"] == count - len(written_before)
    return log


# --- exit status -------------------------------------------------------------------------------


def test_a_source_that_fails_entirely_makes_the_run_fail(tmp_path: Path) -> None:
    with Site() as site:
        slow_site(site, 2, delay=0)
        good = site.base
    # The site is stopped: every request of the source fails (connection refused).
    sources = write_sources(tmp_path / "gone.toml", good)
    result, output, summary = scheduled_run(tmp_path, sources, "gone")
    log = (tmp_path / "gone.log").read_text()
    assert result.returncode == EXIT_SOURCE_FAILED, log[-2000:]
    assert summary["failed_sources"] == ["gazette"]
    assert summary["sources"]["gazette"]["failed"] is True
    assert "FAILED source gazette" in log
    assert output is None  # nothing written: no empty file
    # A failed run keeps its summary beside the output it would have written, for whoever monitors it.
    assert list((tmp_path / "out").rglob("*.summary.json"))


# --- a site without validators: a refetch is compared by what the page says ----------------------

BIO_LINE = "Mara Lind covers the port, the ferries and city hall for the Slow Gazette newsroom."


class NoValidatorsSite(Site):
    """A server that sends neither ``ETag`` nor ``Last-Modified`` (many real sites): every refetch is a 200."""

    def conditional_answer(self, path: str, page: Page, headers: Any) -> Page:
        return page


def test_unchanged_site_without_validators_is_not_re_emitted_after_its_boilerplate_was_learned(
    tmp_path: Path,
) -> None:
    """The first run writes its first pages before it has learned the line every page repeats; the
    second run strips that line from the start. The pages did not change: nothing is written again."""
    check_unchanged_site_without_validators(tmp_path)


def check_unchanged_site_without_validators(tmp_path: Path, settings: dict[str, str] | None = None) -> None:
    articles = generated_articles(12, seed=31, site_name="Slow Gazette")
    for article in articles:
        article.html = article.html.replace(b'<div class="tags">', f"<p>{BIO_LINE}</p>".encode() + b'<div class="tags">', 1)
    with NoValidatorsSite() as site:
        NewsSite(articles=articles, name="Slow Gazette").install(site)
        sources = write_sources(tmp_path / "plain.toml", site.base)
        first = scheduled_run(tmp_path, sources, "run1", settings=settings)
        second = scheduled_run(tmp_path, sources, "run2", settings=settings)
        assert site.conditional == []  # nothing to ask conditionally: the pages were fetched whole again
    written = read_jsonl(first[1])
    assert Counter(r["title"] for r in written) == Counter(a.title for a in articles)
    with_line = [r["title"] for r in written if BIO_LINE in r["text"]]
    assert 0 < len(with_line) < len(written)  # written before the line was learned, and after
    result, output, summary = second
    assert result.returncode == 0, (tmp_path / "run2.log").read_text()[-3000:]
    assert output is None  # nothing written again: no file
    assert summary["articles_emitted"] == {"new": 0, "updated": 0}
    assert summary["sources"]["gazette"]["unchanged"] >= len(articles)
