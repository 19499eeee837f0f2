"""What `crawler crawl` tells its user: the printed summary agrees with the summary JSON, errors are
broken down by what failed (a feed is not a link found in an article; a robots.txt denial or a network
boundary refusal is no error), a failed link names the page it was found on, and the run summary says
where the crawl state really is (without a Redis password).
"""
from __future__ import annotations

import json
import random
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from crawler.tools.demo.server import Page, Site
from crawler.tools.demo.site import article_page, generated_text

from tests.crawlsite import build_crawl_site, crawl_command, run_crawl, write_sources
from tests.redisserver import redis_server_or_skip

pytestmark = pytest.mark.slow


def cli_run(tmp: Path, sources: Path, name: str, settings: dict[str, str] | None = None,
            *extra: str) -> tuple[subprocess.CompletedProcess[str], str, dict[str, Any]]:
    """``crawler crawl SOURCES -o out.jsonl`` on the state in ``tmp``; returns (result, log, summary)."""
    summary_file = tmp / f"{name}-summary.json"
    command = crawl_command(sources, tmp / "out.jsonl", tmp / f"{name}-stats.json",
                            {"NEWS_SUMMARY_FILE": str(summary_file), **(settings or {})}, use_scrapy=False)
    log = tmp / f"{name}.log"
    result = run_crawl(command + list(extra), log)
    return result, log.read_text(), json.loads(summary_file.read_text())


def printed_counts(log: str, source: str) -> dict[str, int]:
    """``{"pages fetched": 30, "not modified": 0, ...}`` of the summary's line of ``source``."""
    line = next(line for line in log.splitlines() if line.startswith(f"  {source}: "))
    return {name: int(number) for number, name in re.findall(r"(\d+) ([a-z][a-z ]*[a-z])", line.split(": ", 1)[1])}


def printed_breakdown(log: str, label: str) -> dict[str, int]:
    """``{"link http_404": 1, ...}`` of the summary's ``  <label>: a 1, b 2`` line (empty when absent)."""
    lines = [line for line in log.splitlines() if line.startswith(f"  {label}: ")]
    if not lines:
        return {}
    pairs = lines[0].split(": ", 1)[1].split(", ")
    return {pair.rpartition(" ")[0]: int(pair.rpartition(" ")[2]) for pair in pairs}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("messages")
    with Site() as site:
        base = site.base
        build_crawl_site(site)
        sources = write_sources(tmp / "daily.toml", base)
        first = cli_run(tmp, sources, "run1")
        second = cli_run(tmp, sources, "run2")
    return {"base": base, "first": first, "second": second}


@pytest.mark.parametrize("run", ["first", "second"])
def test_printed_summary_agrees_with_the_summary_json(two_runs: dict[str, Any], run: str) -> None:
    result, log, summary = two_runs[run]
    assert result.returncode == 0, log[-3000:]
    source = summary["sources"]["gazette"]
    printed = printed_counts(log, "gazette")
    assert printed["pages fetched"] == source["pages_fetched"] > 0
    assert printed["not modified"] == source["not_modified"]
    assert printed["unchanged"] == source["unchanged"]
    assert printed["skipped unchanged"] == source["skipped_unchanged"]
    assert printed["errors"] == sum(n for kinds in source["errors"].values() for n in kinds.values())
    emitted = source["articles_emitted"]
    assert printed["new"] == emitted["new"] and printed["updated"] == emitted["updated"]
    if run == "second":
        assert source["not_modified"] > 0  # the conditional requests of a second run are counted alike


def test_errors_are_broken_down_by_what_failed(two_runs: dict[str, Any]) -> None:
    result, log, summary = two_runs["first"]
    source = summary["sources"]["gazette"]
    # A 404 and a timeout on links of the home page; robots.txt's Disallow is no error.
    assert source["errors"] == {"link": {"DownloadTimeoutError": 1, "http_404": 1}}
    assert source["robots_denied"] == 1 and source["ssrf_blocked"] == 0
    assert printed_breakdown(log, "errors") == {"link DownloadTimeoutError": 1, "link http_404": 1}
    assert printed_breakdown(log, "not errors") == {"robots.txt denied": 1}
    assert printed_counts(log, "gazette")["errors"] == 2


def test_a_failed_feed_is_an_error_of_its_own_kind(tmp_path: Path) -> None:
    story = article_page("Harbour cranes return after a long repair", generated_text(random.Random(3)))
    with Site({"/": Page(b'<html><body><a href="/news/story.html">story</a></body></html>'),
               "/news/story.html": Page(story)}) as site:
        sources = tmp_path / "sources.toml"
        sources.write_text(f'[[sources]]\nname = "one"\nstart_urls = ["{site.base}/"]\n'
                           f'feeds = ["{site.base}/feeds/gone.xml"]\n', encoding="utf-8")
        base = site.base
        result, log, summary = cli_run(tmp_path, sources, "run")
    assert result.returncode == 0, log[-3000:]
    assert summary["sources"]["one"]["errors"] == {"feed": {"http_404": 1}}
    assert printed_breakdown(log, "errors") == {"feed http_404": 1}
    failed = [line for line in log.splitlines() if f"Failed {base}/feeds/gone.xml (http_404), feed:" in line]
    assert len(failed) == 1 and "WARNING" in failed[0], log[-3000:]


def test_failed_link_log_line_names_the_page_it_was_found_on(two_runs: dict[str, Any]) -> None:
    base = two_runs["base"]
    _, log, _ = two_runs["first"]
    failed = [line for line in log.splitlines() if f"Failed {base}/world/missing-story.html" in line]
    assert len(failed) == 1, log[-3000:]
    assert f"(http_404), link found on {base}/:" in failed[0] and "INFO" in failed[0]


def test_summary_names_the_redis_state_without_its_password(tmp_path: Path) -> None:
    server = redis_server_or_skip(tmp_path / "redis", "--requirepass", "the-password")
    try:
        story = article_page("Night ferry returns to the island", generated_text(random.Random(4)))
        with Site({"/": Page(b'<html><body><a href="/news/story.html">story</a></body></html>'),
                   "/news/story.html": Page(story)}) as site:
            sources = tmp_path / "sources.toml"
            sources.write_text(f'[[sources]]\nname = "one"\nstart_urls = ["{site.base}/"]\n', encoding="utf-8")
            url = f"redis://:the-password@127.0.0.1:{server.port}/0"
            result, log, summary = cli_run(
                tmp_path, sources, "run", {"NEWS_REDIS_URL": url, "NEWS_REDIS_PREFIX": "located"}
            )
    finally:
        server.stop()
    assert result.returncode == 0, log[-3000:]
    assert summary["state"] == f"redis://127.0.0.1:{server.port}/0 prefix=located"
    assert "the-password" not in json.dumps(summary) and "the-password" not in log
    assert not (tmp_path / "state.sqlite3").exists()


def test_summary_names_the_sqlite_state_it_used(two_runs: dict[str, Any]) -> None:
    _, _, summary = two_runs["first"]
    assert summary["state"].endswith("state.sqlite3") and Path(summary["state"]).exists()



def quiet_command(sources: Path, tmp: Path, name: str, *extra: str) -> list[str]:
    """``crawler crawl`` with the test settings but no ``LOG_LEVEL``: the command's own default."""
    command = crawl_command(sources, tmp / f"{name}.jsonl", tmp / f"{name}-stats.json",
                            {"NEWS_PROGRESS_INTERVAL": "0.5"}, use_scrapy=False)
    at = command.index("LOG_LEVEL=INFO")
    return command[: at - 1] + command[at + 1 :] + list(extra)


@pytest.fixture(scope="module")
def logs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The output of ``crawler crawl`` by default, with ``-L INFO`` and with ``-s LOG_LEVEL=INFO``."""
    tmp = tmp_path_factory.mktemp("logging")
    found = {}
    with Site() as site:
        build_crawl_site(site)
        sources = write_sources(tmp / "daily.toml", site.base)
        for name, extra in (("default", ()), ("L", ("-L", "INFO")), ("s", ("-s", "LOG_LEVEL=INFO"))):
            result = run_crawl(quiet_command(sources, tmp, name, *extra, "-s", f"NEWS_STATE_PATH={tmp}/{name}.db"),
                               tmp / f"{name}.log")
            found[name] = (tmp / f"{name}.log").read_text() + f"\nexit status {result.returncode}\n"
    return found


def test_crawl_logs_progress_and_summary_by_default(logs: dict[str, str]) -> None:
    assert logs["default"].endswith("exit status 0\n"), logs["default"][-3000:]
    log = logs["default"].splitlines()
    assert any(line.startswith("Articles written: 12 -> ") for line in log)
    assert any("Progress gazette: " in line for line in log), logs["default"]
    logged = [line for line in log if line[:2] == "20" and "Progress gazette: " not in line]
    assert len(logged) < 10, logged
    # What is left is what the user must know: here, that the network boundary is off.
    assert all("WARNING" in line or "ERROR" in line for line in logged), logged
    assert [line for line in logged if "SSRFMiddleware" not in line] == [], logged
    assert not any("PrefetchedPage <" in line or line.startswith("{") for line in log)


@pytest.mark.parametrize("name", ["L", "s"])
def test_crawl_logs_scrapy_info_when_asked(logs: dict[str, str], name: str) -> None:
    log = logs[name]
    assert log.endswith("exit status 0\n"), log[-3000:]
    assert "[scrapy.core.engine] INFO: Spider opened" in log
    assert "Progress gazette: " in log and "Articles written: 12 -> " in log


@pytest.mark.parametrize("name", ["default", "L"])
def test_expected_drops_are_info_on_one_line(logs: dict[str, str], name: str) -> None:
    assert logs[name].endswith("exit status 0\n"), logs[name][-3000:]
    log = logs[name].splitlines()
    drops = [line for line in log if "Dropped: " in line]
    assert not any("WARNING" in line for line in drops), drops
    if name == "L":
        assert any("INFO: Dropped: duplicate (url): " in line for line in drops), drops
    assert not any(line.startswith("PrefetchedPage <") or line.startswith("PageItem <") for line in log)
