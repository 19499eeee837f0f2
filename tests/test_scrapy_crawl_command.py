"""``scrapy crawl news`` (the command Scrapyd runs) with bad input: one line naming the problem, no traceback."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.crawlsite import ROOT


def scrapy_crawl(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    return subprocess.run([sys.executable, "-m", "scrapy", "crawl", "news", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[[sources]]\nname = "s1"\nstart_urls = ["https://a.example/"]\nbogus = 1\n', "source 's1': unknown key 'bogus'"),
        ('[[sources]]\nname = "s1"\nstart_urls = ["https://a.example/"]\nallow = ["("]\n', "key 'allow': bad regex"),
    ],
)
def test_bad_sources_file_is_one_line_not_a_traceback(tmp_path: Path, content: str, message: str) -> None:
    sources = tmp_path / "bad.toml"
    sources.write_text(content)
    result = scrapy_crawl("-a", f"sources={sources}", "-o", str(tmp_path / "out.jsonl"), cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if message in line]
    assert len(lines) == 1 and str(sources) in lines[0], result.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_missing_sources_argument_and_missing_file(tmp_path: Path) -> None:
    result = scrapy_crawl(cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "-a sources=FILE" in result.stderr
    missing = tmp_path / "nope.toml"
    result = scrapy_crawl("-a", f"sources={missing}", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and str(missing) in result.stderr
