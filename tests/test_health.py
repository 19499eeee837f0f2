"""Run health over scheduled runs of loopback sites (issue 16): a template that loses its dates and
bylines, a site that starts answering 403, one that puts every article behind a wall, and one that does
not change; the health objects of the run summary, the log, the exit status, the state, and the report
opened in headless Chromium.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from crawler.tools.demo.server import Page, Site
from crawler.tools.demo.site import NewsSite, generated_articles

from tests.alertreceivers import SmtpReceiver, WebhookReceiver
from tests.crawlsite import ROOT, crawl_command, read_jsonl, run_crawl

pytestmark = pytest.mark.slow

EXIT_HEALTH_FAILED = 4
ARTIFACTS = ROOT / "tests" / "artifacts"
WALL = (
    b'<!doctype html><html lang="en"><head><title>Subscribe | News</title></head><body>'
    b'<div class="paywall"><h1>Subscribe to continue reading</h1>'
    b"<p>This article is for subscribers only.</p><a href=\"/subscribe\">Subscribe</a></div></body></html>"
)
SOURCES = ("steady", "changing", "walled", "refusing")


def strip_template(html: bytes) -> bytes:
    """The article template after the redesign: no date markup, no byline."""
    html = re.sub(rb'<meta property="article:published_time"[^>]*>', b"", html)
    html = re.sub(rb"<time[^>]*>.*?</time>", b"", html)
    return re.sub(rb'<p class="byline">.*?</p>', b"", html)


def write_sources(path: Path, bases: dict[str, str]) -> Path:
    lines = []
    for name, base in bases.items():
        lines += [
            "[[sources]]",
            f'name = "{name}"',
            f'start_urls = ["{base}/"]',
            f'feeds = ["{base}/feeds/rss.xml", "{base}/feeds/atom.xml"]',
            'sitemaps = ["robots"]',
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def scheduled_run(tmp: Path, sources: Path, name: str, *, scrapy: bool = False,
                  settings: dict[str, str] | None = None) -> tuple[int, str, dict[str, Any]]:
    """One scheduled run (a new output file); returns (exit status, log, summary)."""
    summary_path = tmp / f"{name}.summary.json"
    feeds = {f"{tmp}/out/{name}.jsonl": {"format": "jsonlines", "encoding": "utf8"}}
    command = crawl_command(
        sources, None, tmp / f"{name}-stats.json",
        {"NEWS_DEFAULT_FEEDS": json.dumps(feeds), "NEWS_SUMMARY_FILE": str(summary_path),
         "NEWS_CRAWL_DELAY_ENABLED": "False", **(settings or {})},
        use_scrapy=scrapy,
    )
    result = run_crawl(command, tmp / f"{name}.log")
    log = (tmp / f"{name}.log").read_text()
    assert summary_path.exists(), log[-3000:]
    return result.returncode, log, json.loads(summary_path.read_text())


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("health")
    found: dict[str, Any] = {"tmp": tmp}
    sites = {name: Site() for name in SOURCES}
    receiver, mailbox = WebhookReceiver(), SmtpReceiver()
    alerts = {
        "NEWS_HEALTH_ACTIONS": "crawler.crawl.health.actions.PostWebhook,crawler.crawl.health.actions.SendHealthEmail",
        "NEWS_HEALTH_WEBHOOK_URL": receiver.url,
        "NEWS_HEALTH_EMAIL_TO": "news-team@example.org",
        "MAIL_HOST": "127.0.0.1",
        "MAIL_PORT": str(mailbox.port),
        "MAIL_FROM": "crawler@example.org",
    }
    try:
        news = {}
        for index, (name, site) in enumerate(sites.items()):
            site.start(host=f"127.0.0.{index + 1}")
            news[name] = NewsSite(articles=generated_articles(6, seed=index + 3), name=f"{name.title()} News")
            news[name].install(site)
        sources = write_sources(tmp / "health.toml", {name: site.base for name, site in sites.items()})
        found["run1"] = scheduled_run(tmp, sources, "run1", settings=alerts)
        found["run2"] = scheduled_run(tmp, sources, "run2", settings=alerts)
        found["alerts_before"] = list(receiver.bodies) + list(mailbox.messages)

        # Before the third run: a redesign drops dates and bylines (and two new articles come out in it),
        # one site puts every article behind a wall, another refuses every article.
        changing = news["changing"]
        changing.articles[:0] = generated_articles(8, seed=50, site_name="Changing News")[6:]
        for article in changing.articles:
            article.html = strip_template(article.html)
        changing.install(sites["changing"])
        for article in news["walled"].articles:
            sites["walled"].routes[article.path] = Page(WALL)
        for article in news["refusing"].articles:
            sites["refusing"].routes[article.path] = Page(b"<h1>Forbidden</h1>", status=403)
        found["run3"] = scheduled_run(tmp, sources, "run3", settings={"NEWS_HEALTH_EXIT_STATUS": "True", **alerts})
        found["alerts"], found["mails"] = list(receiver.bodies), list(mailbox.messages)
        found["run4"] = scheduled_run(tmp, sources, "run4", scrapy=True, settings={"NEWS_HEALTH_EXIT_STATUS": "True"})
    finally:
        for server in (receiver, mailbox):
            server.shutdown()
            server.server_close()
        for site in sites.values():
            site.stop()
    found["sources"] = sources
    return found


def health(summary: dict[str, Any], source: str) -> dict[str, Any]:
    return summary["sources"][source]["health"]


def failed_checks(summary: dict[str, Any], source: str) -> dict[str, dict[str, Any]]:
    return {failure["check"]: failure for failure in health(summary, source)["failed"]}


def test_first_two_runs_record_a_baseline(runs: dict[str, Any]) -> None:
    for run in ("run1", "run2"):
        code, log, summary = runs[run]
        assert code == 0, log[-3000:]
        for source in SOURCES:
            assert health(summary, source) == {"status": "baseline", "failed": []}
        assert summary["failing_sources"] == []
    first = runs["run1"][2]
    assert all(first["sources"][s]["articles_emitted"]["new"] == 6 for s in SOURCES)
    assert sum(runs["run2"][2]["articles_emitted"].values()) == 0  # nothing changed: nothing written


def test_template_change_fails_the_coverage_checks_with_their_numbers(runs: dict[str, Any]) -> None:
    code, log, summary = runs["run3"]
    assert health(summary, "changing")["status"] == "failing"
    failed = failed_checks(summary, "changing")
    assert failed["coverage_date_published"]["value"] == 0.0
    assert failed["coverage_authors"]["value"] == 0.0
    assert failed["coverage_date_published"]["expected"] == ">= 0.7 (median 1)"
    assert "coverage_title" not in failed
    assert "Health check failed: source 'changing' coverage_date_published = 0.0, expected >= 0.7" in log
    assert "Health check failed: source 'changing' coverage_authors = 0.0" in log
    assert code == EXIT_HEALTH_FAILED, log[-3000:]
    assert "[Spidermon] Field coverage/" in log and "FAILED (failures=" in log  # Spidermon ran the suite


def test_spidermon_actions_post_and_mail_the_failing_sources(runs: dict[str, Any]) -> None:
    assert runs["alerts_before"] == []  # no alert while every source is healthy (or a baseline)
    [alert] = runs["alerts"]
    assert alert["run_id"] == runs["run3"][2]["run_id"]
    assert alert["sources"]["changing"]["status"] == "failing"
    assert "changing: coverage_date_published = 0.0 (expected >= 0.7 (median 1))" in alert["text"]
    [mail] = runs["mails"]
    assert mail["To"] == "news-team@example.org" and mail["From"] == "crawler@example.org"
    assert mail["Subject"] == f"news crawl {alert['run_id']}: health check failed"
    assert re.search(r"\nrefusing: .*error_share = 0\.333", mail.get_payload(decode=True).decode())


def test_unchanged_source_stays_healthy_although_nothing_is_written(runs: dict[str, Any]) -> None:
    for run in ("run3", "run4"):
        summary = runs[run][2]
        assert summary["sources"]["steady"]["articles_emitted"] == {"new": 0, "updated": 0}
        assert health(summary, "steady") == {"status": "ok", "failed": []}
    assert "source 'steady'" not in runs["run3"][1]


def test_refused_and_walled_sources_fail_on_the_next_run_without_a_record(runs: dict[str, Any]) -> None:
    _, log, summary = runs["run3"]
    output = runs["tmp"] / "out" / "run3.jsonl"
    records = read_jsonl(output) if output.exists() else []
    assert {r["url"].split("/")[2] for r in records} <= {_host(runs, "changing")}  # only the new articles
    for source in ("walled", "refusing"):
        assert summary["sources"][source]["articles_emitted"] == {"new": 0, "updated": 0}
        assert health(summary, source)["status"] == "failing"
    assert failed_checks(summary, "walled")["known_articles_lost"]["value"] == 1.0
    refused = failed_checks(summary, "refusing")
    assert refused["refused_share"]["value"] >= 0.3 and refused["error_share"]["value"] >= 0.3
    assert refused["refused_share"]["expected"] == "<= 0.2 (median 0)"
    assert sorted(summary["failing_sources"]) == ["changing", "refusing", "walled"]


def test_scrapy_crawl_exits_non_zero_on_a_failed_check(runs: dict[str, Any]) -> None:
    code, log, summary = runs["run4"]
    # Still refused and walled; the redesigned pages answer 304 now: nothing new to measure there.
    assert summary["failing_sources"] == ["refusing", "walled"]
    assert code == EXIT_HEALTH_FAILED, log[-3000:]


def test_health_history_is_kept_in_the_state(runs: dict[str, Any]) -> None:
    from crawler.crawl.state import open_state

    store = open_state(runs["tmp"] / "state.sqlite3")
    try:
        assert store.health_sources() == sorted(SOURCES)
        history = store.source_runs("changing", 10)
        assert [run.health["status"] for run in history] == ["ok", "failing", "baseline", "baseline"]
        assert history[-1].metrics["coverage_date_published"] == 1.0
        assert history[0].files["summary_files"]
    finally:
        store.close()


def _host(runs: dict[str, Any], source: str) -> str:
    text = runs["sources"].read_text()
    return re.search(rf'name = "{source}"\nstart_urls = \["http://([^/]+)/', text).group(1)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOT_SIZE = (1200, 900)


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    """Headless Chromium with a new profile, nothing fetched but the page named in ``args``."""
    with tempfile.TemporaryDirectory() as profile:
        command = [
            CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={profile}", *args,
        ]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_report_opened_in_headless_chromium_shows_every_source(runs: dict[str, Any]) -> None:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed here (.ci/run installs the Debian package chromium)")
    from tests.pngimage import read_png

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report, shot = ARTIFACTS / "health-report.html", ARTIFACTS / "health-report.png"
    shot.unlink(missing_ok=True)
    made = subprocess.run(
        [sys.executable, "-m", "crawler", "report", "--state", str(runs["tmp"] / "state.sqlite3"), "-o", str(report)],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
    )
    assert made.returncode == 0, made.stderr
    assert "4 sources, 2 failing" in made.stdout
    html = report.read_text()
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")

    dom = chromium("--dump-dom", report.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    for source in SOURCES:  # a row and a chart per source, as Chromium parsed them
        assert re.search(rf'<tr class="\w+" data-source="{source}"><td class="name">{source}</td>', dom.stdout)
        assert len(re.findall(rf'<svg class="chart" data-source="{source}"', dom.stdout)) == 2
    for source in ("refusing", "walled"):
        row = re.search(rf'<tr class="failing" data-source="{source}">.*?</tr>', dom.stdout, re.S)
        assert row and "FAILING" in row.group(0) and "<ul class=\"failed\">" in row.group(0), source
    assert re.search(r'<tr class="ok" data-source="steady">.*?>OK<', dom.stdout, re.S)

    taken = chromium(f"--window-size={SHOT_SIZE[0]},{SHOT_SIZE[1]}", "--hide-scrollbars",
                     f"--screenshot={shot}", report.as_uri())
    assert taken.returncode == 0 and shot.is_file(), taken.stderr[-2000:]
    width, height, rows = read_png(shot)
    assert (width, height) == SHOT_SIZE
    size = len(rows[0]) // width
    pixels = {row[x : x + 3] for row in rows[::4] for x in range(0, len(row), size * 4)}
    assert len(pixels) > 20, "the screenshot is (nearly) blank"
    red = bytes((0xC6, 0x28, 0x28))  # the FAILING badge and the failing runs' bars
    assert any(red in (row[x : x + 3] for x in range(0, len(row), size)) for row in rows), "no failing marker drawn"
