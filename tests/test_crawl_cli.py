"""`crawler crawl` and `crawler demo` from the command line."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.tools.demo import demo_site

from tests.crawlsite import ROOT, read_jsonl


def crawler_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "crawler", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, check=False)


def test_invalid_sources_file_stops_before_any_request(tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text('[[sources]]\nname = "s1"\nstart_urls = ["https://a.example/"]\nallow = ["("]\n')
    result = crawler_cli("crawl", str(sources), "-o", str(tmp_path / "out.jsonl"), cwd=tmp_path)
    assert result.returncode == 2
    assert "source 's1': key 'allow': bad regex" in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.slow
def test_demo_crawls_the_bundled_pages_offline(tmp_path: Path) -> None:
    output = tmp_path / "demo.jsonl"
    result = crawler_cli("demo", "-O", str(output), "-s", "NEWS_STATS_FILE=" + str(tmp_path / "stats.json"),
                         cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    records = read_jsonl(output)
    expected = len(demo_site().articles)
    assert len(records) == expected > 0
    assert f"Articles written: {expected} -> {output}" in result.stdout
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats["news/feeds/parsed"] == 2 and stats["news/sitemaps/urlset"] == 1
    assert "news/source/demo/errors" not in stats  # the saved pages' own relative links are not followed
    assert not any(key.startswith("news/dropped/") for key in stats)
    assert len({record["canonical_url"] for record in records}) == expected
    assert ROOT.joinpath("fixtures").is_dir()
