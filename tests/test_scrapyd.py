"""Deployment: a real Scrapyd on loopback, the project deployed with scrapyd-deploy (scrapyd-client), the
news spider scheduled with a sources file through Scrapyd's HTTP API, and the JSONL it wrote checked.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawler.tools.demo.server import Site
from crawler.tools.demo.site import NewsSite, generated_articles

from tests.crawlsite import ROOT, TEST_SETTINGS, read_jsonl, write_sources

pytestmark = pytest.mark.slow

PROJECT = "news_crawler"
PACKAGES = ("crawler", "spiders", "pipelines")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def api(base: str, endpoint: str, data: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"{base}/{endpoint}", data=body, timeout=10) as response:  # noqa: S310 - loopback
        return json.loads(response.read())


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[str]:
    """A Scrapyd on 127.0.0.1 (free port) with its own config and directories; yields its base URL."""
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = free_port()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        "bind_address = 127.0.0.1\n"
        f"http_port = {port}\n"
        f"eggs_dir = {home / 'eggs'}\n"
        f"logs_dir = {home / 'logs'}\n"
        f"dbs_dir = {home / 'dbs'}\n"
        "items_dir =\n"
        "max_proc = 1\n"
        "poll_interval = 0.2\n",
        encoding="utf-8",
    )
    log = (home / "scrapyd.log").open("w")
    process = subprocess.Popen(
        [shutil.which("scrapyd") or "scrapyd"],
        cwd=home,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if api(base, "daemonstatus.json").get("status") == "ok":
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"scrapyd did not start: {(home / 'scrapyd.log').read_text()[-2000:]}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def deploy(base: str, tmp: Path) -> None:
    """scrapyd-deploy from a copy of the project whose scrapy.cfg points at this Scrapyd."""
    project = tmp / "project"
    for package in PACKAGES:
        shutil.copytree(ROOT / package, project / package, ignore=shutil.ignore_patterns("__pycache__"))
    config = (ROOT / "scrapy.cfg").read_text(encoding="utf-8")
    assert "[deploy]" in config and f"project = {PROJECT}" in config
    (project / "scrapy.cfg").write_text(
        config.replace("http://127.0.0.1:6800/", f"{base}/"), encoding="utf-8"
    )
    result = subprocess.run(
        [shutil.which("scrapyd-deploy") or "scrapyd-deploy"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0 and '"status": "ok"' in result.stdout, result.stdout + result.stderr


def wait_finished(base: str, job: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        jobs = api(base, f"listjobs.json?project={PROJECT}")
        if any(entry["id"] == job for entry in jobs.get("finished", [])):
            return
        time.sleep(0.3)
    pytest.fail(f"job {job} did not finish within {timeout} s")


def test_scrapyd_runs_the_news_spider_with_a_sources_file(scrapyd: str, tmp_path: Path) -> None:
    deploy(scrapyd, tmp_path)
    assert "news" in api(scrapyd, f"listspiders.json?project={PROJECT}")["spiders"]
    out = tmp_path / "out"
    with Site() as site:
        articles = generated_articles(6, seed=31)
        NewsSite(articles=articles, name="Scheduled Gazette").install(site)
        sources = write_sources(tmp_path / "scheduled.toml", site.base)
        settings = {
            **TEST_SETTINGS,
            "NEWS_WORKERS": "1",
            "NEWS_STATE_PATH": str(tmp_path / "state.sqlite3"),
            "NEWS_DEFAULT_FEEDS": json.dumps(
                {f"{out}/%(sources)s/%(date)s/%(run_id)s.jsonl": {"format": "jsonlines"}}
            ),
        }
        data = [("project", PROJECT), ("spider", "news"), ("sources", str(sources))]
        data += [("setting", f"{name}={value}") for name, value in settings.items()]
        scheduled = api(scrapyd, "schedule.json", data)
        assert scheduled["status"] == "ok", scheduled
        wait_finished(scrapyd, scheduled["jobid"])
    outputs = list(out.rglob("*.jsonl"))
    logs = "\n".join(path.read_text()[-3000:] for path in (tmp_path / "scrapyd" / "logs").rglob("*.log"))
    assert len(outputs) == 1, logs
    records = read_jsonl(outputs[0])
    assert Counter(record["title"] for record in records) == Counter(a.title for a in articles), logs
    assert outputs[0].parent.parent.name == "scheduled"
    summary = json.loads(outputs[0].with_name(outputs[0].stem + ".summary.json").read_text())
    assert summary["articles_emitted"] == {"new": len(articles), "updated": 0}
    assert summary["finish_reason"] == "finished" and summary["failed_sources"] == []
