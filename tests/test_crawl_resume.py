"""A crawl killed with SIGKILL and restarted with the same JOBDIR: every article exactly once, every line whole."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

from crawler.tools.demo.server import Page, Site
from crawler.tools.demo.site import NewsSite, generated_articles

from tests.crawlsite import ROOT, crawl_command, read_jsonl, run_crawl, write_sources

pytestmark = pytest.mark.slow

ARTICLES = 40


def slow_site(site: Site) -> set[str]:
    articles = generated_articles(ARTICLES, seed=11)
    NewsSite(articles=articles, name="Slow Gazette").install(site)
    for article in articles:  # slow enough that the kill lands mid-crawl
        site.routes[article.path] = Page(article.html, delay=0.15)
    return {a.title for a in articles}


def wait_for_lines(path: Path, count: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= count:
            return
        if process.poll() is not None:
            pytest.fail(f"crawl ended before it was killed (exit {process.returncode})")
        time.sleep(0.05)
    pytest.fail("crawl wrote too few records before the timeout")


def test_sigkill_then_resume_with_jobdir(tmp_path: Path) -> None:
    output, jobdir = tmp_path / "articles.jsonl", tmp_path / "job"
    settings = {"CONCURRENT_REQUESTS_PER_DOMAIN": "2", "AUTOTHROTTLE_ENABLED": "False"}
    with Site() as site:
        titles = slow_site(site)
        sources = write_sources(tmp_path / "sources.toml", site.base)
        command = crawl_command(sources, output, tmp_path / "stats1.json", settings, use_scrapy=False, jobdir=jobdir)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        with (tmp_path / "run1.log").open("w") as log:
            first = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
            try:
                wait_for_lines(output, 5, first)
            finally:
                os.killpg(first.pid, signal.SIGKILL)  # the whole process group: crawler and its workers
                first.wait()
        written_before = read_jsonl(output)
        assert 5 <= len(written_before) < ARTICLES
        assert not (tmp_path / "stats1.json").exists()  # it really died: no clean shutdown

        command = crawl_command(sources, output, tmp_path / "stats2.json", settings, use_scrapy=False, jobdir=jobdir)
        result = run_crawl(command, tmp_path / "run2.log")
    log = (tmp_path / "run2.log").read_text()
    assert result.returncode == 0, log[-3000:]
    records = read_jsonl(output)  # every line parses, and the file ends with a newline
    counts = Counter(record["title"] for record in records)
    assert set(counts) == titles
    assert max(counts.values()) == 1, [t for t, c in counts.items() if c > 1]
    stats = json.loads((tmp_path / "stats2.json").read_text())
    assert stats["news/jobdir_recovered"] == 1
    assert stats["news/resumed_records"] == len(written_before)
    assert stats["news/articles"] == ARTICLES - len(written_before)
