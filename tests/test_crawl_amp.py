"""An article and its AMP copy: the record is the canonical page, the AMP URL an alias of it.

The AMP page names the article with ``<link rel=canonical>``. Found first (here the only link to the
story is to its AMP copy), it must not become the record: the canonical page is fetched and written,
and the AMP URL is remembered, so a later run asks for both conditionally and gets 304s.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

from crawler.crawl.pages import PageItem
from crawler.tools.demo.server import Page, Site
from crawler.tools.demo.site import article_page, generated_text, listing_page

from spiders.copies import CanonicalCopies, canonical_elsewhere

from tests.crawlsite import crawl_command, read_jsonl, run_crawl

STORY = "/world/2026/harbour-ferry-returns.html"
AMP = "/amp" + STORY
OTHER = "/world/2026/council-approves-budget.html"


def _site(site: Site) -> None:
    rng = random.Random(3)
    text = generated_text(rng)
    routes = {
        "/": Page(listing_page("Amp Gazette", "Latest", [f'<li><a href="{AMP}">{AMP}</a></li>',
                                                          f'<li><a href="{OTHER}">{OTHER}</a></li>'])),
        STORY: Page(article_page("Harbour ferry returns after winter", text, canonical=site.base + STORY)),
        # The AMP copy: the same story, its own markup, the article named as canonical.
        AMP: Page(article_page("Harbour ferry returns after winter", text + ["Read the full story on our site."],
                               canonical=site.base + STORY)),
        OTHER: Page(article_page("Council approves the budget for next year", generated_text(rng))),
        "/robots.txt": Page(b"User-agent: *\nAllow: /\n", content_type="text/plain"),
    }
    site.routes.update(routes)


def _crawl(tmp_path: Path, base: str, run: int) -> tuple[list[dict], dict]:
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[sources]]\nname = "amp"\nstart_urls = ["{base}/"]\n')
    output, stats = tmp_path / f"out-{run}.jsonl", tmp_path / f"stats-{run}.json"
    command = crawl_command(sources, output, stats, state=tmp_path / "state.sqlite3")
    result = run_crawl(command, tmp_path / f"crawl-{run}.log")
    assert result.returncode == 0, (tmp_path / f"crawl-{run}.log").read_text()[-3000:]
    return (read_jsonl(output) if output.exists() else []), json.loads(stats.read_text())


def test_the_record_is_the_canonical_page_and_the_amp_url_an_alias(tmp_path: Path) -> None:
    with Site() as site:
        _site(site)
        records, stats = _crawl(tmp_path, site.base, 1)
        first_run = list(site.requests)
        story = [r for r in records if r["title"] == "Harbour ferry returns after winter"]
        assert len(story) == 1, records
        assert story[0]["url"] == site.base + STORY and story[0]["canonical_url"] == site.base + STORY
        assert not any(r["url"].endswith(AMP) for r in records)
        assert len(records) == 2
        assert first_run.count(STORY) == 1 and first_run.count(AMP) == 1
        assert stats.get("news/aliases") == 1

        # A later run: the AMP URL is known as the article's alias and asked for conditionally; the
        # article itself is not fetched in full again.
        site.not_modified.clear()
        records, stats = _crawl(tmp_path, site.base, 2)
        second_run = site.requests[len(first_run):]
        assert records == []
        asked = [p for p in second_run if p in (STORY, AMP)]
        assert asked, second_run
        assert all(second_run.count(p) == site.not_modified.count(p) for p in asked), (second_run, site.not_modified)


def test_the_copy_stands_when_its_canonical_page_cannot_be_fetched(tmp_path: Path) -> None:
    with Site() as site:
        _site(site)
        site.routes[STORY] = Page(b"<html><body>gone</body></html>", status=404)
        base = site.base
        records, stats = _crawl(tmp_path, base, 1)
    story = [r for r in records if r["title"] == "Harbour ferry returns after winter"]
    assert len(story) == 1 and story[0]["url"] == base + AMP  # nothing lost: the copy is the record
    assert stats["news/errors/http_404"] == 1 and "news/aliases" not in stats


def test_a_copy_found_while_its_article_is_in_flight_waits_for_it(tmp_path: Path) -> None:
    with Site() as site:
        _site(site)
        slow = site.routes[STORY]
        site.routes[STORY] = Page(slow.body, delay=0.6)  # still downloading when the AMP copy is handled
        site.routes["/"] = Page(listing_page("Amp Gazette", "Latest", [f'<li><a href="{STORY}">{STORY}</a></li>',
                                                                       f'<li><a href="{AMP}">{AMP}</a></li>']))
        base = site.base
        records, stats = _crawl(tmp_path, base, 1)
        requests = list(site.requests)
    story = [r for r in records if r["title"] == "Harbour ferry returns after winter"]
    assert len(story) == 1 and story[0]["url"] == base + STORY
    assert requests.count(STORY) == 1 and requests.count(AMP) == 1  # the article fetched once
    assert stats.get("news/aliases") == 1 and "news/duplicates/url" not in stats


def test_what_makes_a_page_a_copy() -> None:
    page = PageItem(url="https://n.example/amp/story.html", body=b"", source="s",
                    request_url="https://n.example/go/story")
    assert canonical_elsewhere("https://n.example/story.html", page) == "https://n.example/story.html"
    assert canonical_elsewhere("https://n.example/amp/story.html/", page) is None  # itself
    assert canonical_elsewhere("https://n.example/go/story", page) is None  # the URL that redirected to it
    assert canonical_elsewhere("https://n.example/", page) is None  # a home page named as every canonical
    assert canonical_elsewhere("https://n.example/tag/ferries/", page) is None
    assert canonical_elsewhere(None, page) is None and canonical_elsewhere("ftp://n.example/a/b/c", page) is None


def test_copies_are_released_when_their_page_is_settled() -> None:
    copies = CanonicalCopies()
    copy = PageItem(url="https://n.example/amp/story.html", body=b"", source="s")
    copies.wait_for("https://n.example/story.html", copy)
    assert len(copies) == 1 and not copies.settled("https://n.example/story.html")
    assert copies.settle(["https://n.example/other.html"]) == []
    assert copies.settle(["https://n.example/story.html/", None]) == [copy]  # the same page, spelled otherwise
    assert len(copies) == 0 and copies.settled("https://n.example/story.html")
