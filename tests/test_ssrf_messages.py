"""A request the network boundary refuses says how to allow it: in `crawler fetch` and in the crawl's log."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.settings import Settings

from crawler.crawl.ssrf import Policy, SSRFMiddleware
from crawler.tools.demo.server import Page, Site

from tests.crawlsite import ROOT, crawl_command, run_crawl, write_sources

HINTS = ("NEWS_ALLOW_PRIVATE_NETWORKS", "NEWS_SSRF_ALLOWLIST")


def _refusal(url: str) -> str:
    middleware = SSRFMiddleware(Policy.from_settings(Settings()))
    with pytest.raises(IgnoreRequest) as refused:
        middleware.process_request(Request(url))
    return str(refused.value)


def test_refusal_names_the_host_and_both_settings() -> None:
    message = _refusal("http://10.1.2.3/news/")
    assert "10.1.2.3" in message and "private" in message
    assert all(hint in message for hint in HINTS)
    assert "NEWS_SSRF_ALLOWLIST=10.1.2.3/32" in message


def test_metadata_refusal_does_not_offer_the_allowlist() -> None:
    message = _refusal("http://169.254.169.254/latest/meta-data/")
    assert "metadata" in message and "NEWS_ALLOW_PRIVATE_NETWORKS" in message
    assert "never" in message  # the allowlist never opens it


def test_fetch_of_loopback_says_how_to_allow_it() -> None:
    with Site({"/story.html": Page(b"<html><body><p>x</p></body></html>")}) as site:
        base = site.base
        result = subprocess.run(
            [sys.executable, "-m", "crawler", "fetch", f"{base}/story.html"],
            capture_output=True, text=True, cwd=ROOT, timeout=120,
        )
        assert site.requests == []
    assert result.returncode == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"{base}/story.html" in lines[0] and "loopback" in lines[0]
    assert all(hint in lines[0] for hint in HINTS)


def test_crawl_failure_line_says_how_to_allow_it(tmp_path: Path) -> None:
    with Site({"/": Page(b"<html><body>home</body></html>")}) as site:
        base = site.base
        sources = write_sources(tmp_path / "sources.toml", base)
        log = tmp_path / "crawl.log"
        command = crawl_command(sources, tmp_path / "out.jsonl", tmp_path / "stats.json",
                                settings={"NEWS_ALLOW_PRIVATE_NETWORKS": "False"})
        result = run_crawl(command, log)
        assert site.requests == []
    assert result.returncode == 0, log.read_text()[-3000:]
    failed = [line for line in log.read_text().splitlines() if f"Failed {base}/" in line]
    assert failed, log.read_text()[-3000:]
    assert all("(ssrf)" in line and all(hint in line for hint in HINTS) for line in failed)
    per_source = [line for line in log.read_text().splitlines() if "Source 'gazette':" in line]
    assert len(per_source) == 1 and "refused by the network boundary" in per_source[0], log.read_text()[-3000:]
    assert all(hint in per_source[0] for hint in HINTS) and f"{base}/" in per_source[0]


def test_name_resolving_to_loopback_names_the_address_to_allow() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "crawler", "fetch", "http://localhost:9/story.html"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert result.returncode == 3
    assert "localhost resolves to a loopback address" in result.stderr
    assert "NEWS_SSRF_ALLOWLIST=127.0.0.1/32" in result.stderr or "NEWS_SSRF_ALLOWLIST=::1/128" in result.stderr
