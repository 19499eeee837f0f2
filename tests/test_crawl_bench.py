"""The crawl benchmark runs end to end on a small generated site (a smoke test: its numbers are not checked)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "crawl_bench.py"


def test_crawl_bench_small_site(tmp_path: Path) -> None:
    command = [sys.executable, str(SCRIPT), "--pages", "40", "--sample", "10", "--keep", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    row = re.search(r"^\s+40\s+(\d+)\s", done.stdout, re.M)
    assert row is not None and int(row[1]) == 40, done.stdout  # every generated article written once
    assert "in a bare pool of" in done.stdout and "a bare Scrapy spider" in done.stdout
    assert len((tmp_path / "40" / "bare.jsonl").read_text().splitlines()) == 40  # the bare spider fetched every page
