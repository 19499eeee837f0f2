"""The crawl benchmark runs end to end on a small generated site (a smoke test: its numbers are not checked)."""
from __future__ import annotations

import gzip
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
    assert "against the peer" in done.stdout  # --peer is on by default: trafilatura's CLI on the sitemap's URLs
    assert re.search(r"doing nothing with them: [\d.]+ pages/s, [\d.]+x the peer", done.stdout)  # the ceiling
    assert re.search(r"with every core busy at the crawl's CPU per page, .* [\d.]+x the peer", done.stdout)
    assert len((tmp_path / "40" / "urls.txt").read_text().split()) == 40
    assert len((tmp_path / "40" / "peer.jsonl").read_text().splitlines()) == 40  # the peer wrote every article


def test_peer_urls_come_from_the_sitemap_index_once_each() -> None:
    from benchmarks.peer import sitemap_urls

    base = "http://127.0.0.1:1"
    index = (f'<?xml version="1.0"?><sitemapindex><sitemap><loc>{base}/a.xml.gz</loc></sitemap>'
             f"<sitemap><loc> {base}/b.xml </loc></sitemap><sitemap><loc>{base}/a.xml.gz</loc></sitemap></sitemapindex>")
    urlset_a = f"<urlset><url><loc>{base}/x/1.html</loc></url><url><loc>{base}/x/2.html</loc></url></urlset>"
    urlset_b = f"<urlset><url><loc>{base}/x/2.html</loc></url>\n<url><loc>{base}/x/3.html</loc></url></urlset>"
    bodies = {f"{base}/sitemap_index.xml": index.encode(), f"{base}/a.xml.gz": gzip.compress(urlset_a.encode()),
              f"{base}/b.xml": urlset_b.encode()}
    fetched: list[str] = []

    def get(url: str) -> bytes:
        fetched.append(url)
        return bodies[url]

    urls = sitemap_urls(f"{base}/sitemap_index.xml", get)
    assert urls == [f"{base}/x/{n}.html" for n in (1, 2, 3)]  # in the sitemaps' order, each once
    assert fetched == [f"{base}/sitemap_index.xml", f"{base}/a.xml.gz", f"{base}/b.xml"]  # each sitemap once
