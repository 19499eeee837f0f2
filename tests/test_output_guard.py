"""`-O FILE` with a crawl state: never replaces a file holding articles the state counts as written.

Each run over one state emits only what is new; an overwrite of the file the earlier runs wrote would
delete articles that no later run writes again. Both `crawler crawl` and `scrapy crawl news` refuse.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from crawler.tools.demo.server import Site
from crawler.tools.demo.site import BASE_DATE, NewsSite, SiteArticle, article_page, generated_articles, generated_text

from tests.crawlsite import crawl_command, read_jsonl, run_crawl, write_sources

pytestmark = pytest.mark.slow

EXIT_USAGE = 2
RULE = "-O never replaces a file holding articles the crawl state counts as written"


def overwrite_run(tmp: Path, sources: Path, output: Path, name: str, use_scrapy: bool,
                  settings: dict[str, str] | None = None) -> tuple[int, str]:
    command = crawl_command(sources, None, tmp / f"{name}-stats.json", settings, use_scrapy=use_scrapy)
    result = run_crawl(command + ["-O", str(output)], tmp / f"{name}.log")
    return result.returncode, (tmp / f"{name}.log").read_text()


def add_article(news: NewsSite, site: Site, title: str) -> None:
    news.articles.insert(0, SiteArticle(
        path=f"/world/{title.lower().replace(' ', '-')}.html",
        html=article_page(title, generated_text(random.Random(len(title))), published=BASE_DATE.replace(hour=21)),
        section="world", title=title, published=BASE_DATE.replace(hour=21),
    ))
    news.install(site)


@pytest.mark.parametrize("use_scrapy", [False, True], ids=["crawler-crawl", "scrapy-crawl"])
def test_overwrite_of_a_file_the_state_wrote_is_refused(tmp_path: Path, use_scrapy: bool) -> None:
    output = tmp_path / "articles.jsonl"
    with Site() as site:
        news = NewsSite(articles=generated_articles(3, seed=41), name="Guard Gazette")
        news.install(site)
        sources = write_sources(tmp_path / "guard.toml", site.base)
        status, log = overwrite_run(tmp_path, sources, output, "first", use_scrapy)
        assert status == 0, log[-3000:]
        first = output.read_bytes()
        assert len(read_jsonl(output)) == 3

        # Something new appears: a second -O run would truncate the file to this one article, and the
        # state would never emit the first three again.
        add_article(news, site, "Ferry strike ends after talks")
        status, log = overwrite_run(tmp_path, sources, output, "second", use_scrapy)
        assert status == (EXIT_USAGE if not use_scrapy else 1), log[-3000:]
        assert RULE in log and str(output) in log and "-o" in log
        assert output.read_bytes() == first  # untouched
        assert "Traceback" not in log

        # Appending is the way: the new article is added, the old ones stay.
        command = crawl_command(sources, output, tmp_path / "append-stats.json", use_scrapy=use_scrapy)
        result = run_crawl(command, tmp_path / "append.log")
        assert result.returncode == 0, (tmp_path / "append.log").read_text()[-3000:]
    titles = [record["title"] for record in read_jsonl(output)]
    assert len(titles) == 4 and "Ferry strike ends after talks" in titles


def test_overwrite_without_a_state_or_of_a_foreign_file_still_works(tmp_path: Path) -> None:
    output = tmp_path / "articles.jsonl"
    output.write_text('{"title": "not from this crawl", "content_hash": "0123"}\n', encoding="utf-8")
    with Site() as site:
        NewsSite(articles=generated_articles(2, seed=43), name="Plain Gazette").install(site)
        sources = write_sources(tmp_path / "plain.toml", site.base)
        status, log = overwrite_run(tmp_path, sources, output, "first", use_scrapy=False)
        assert status == 0, log[-3000:]
        assert len(read_jsonl(output)) == 2  # replaced: the old line was not the state's
        add_article_free = {"NEWS_STATE_PATH": ""}  # no state: every run writes everything again
        status, log = overwrite_run(tmp_path, sources, output, "nostate", use_scrapy=False,
                                    settings=add_article_free)
        assert status == 0, log[-3000:]
    assert len(read_jsonl(output)) == 2


def test_a_file_the_state_journals_counts_before_its_records_are_taken_in(tmp_path: Path) -> None:
    from scrapy.utils.test import get_crawler

    from crawler.crawl.outputs import content_hashes, overwritten_files
    from crawler.crawl.knowledge import CrawlKnowledge
    from crawler.crawl.state.store import open_state

    folder = tmp_path / "odd #?name"
    folder.mkdir()
    state = folder / "state.sqlite3"
    store = open_state(state)
    output = folder / "killed.jsonl"
    store.register_output(output, "run-1")
    store.commit()
    store.close()
    output.write_text('{"title": "written by a killed run", "content_hash": "abc"}\n', encoding="utf-8")
    other = folder / "other.jsonl"
    other.write_text('{"title": "elsewhere", "content_hash": "def"}\n', encoding="utf-8")
    knowledge = CrawlKnowledge.from_crawler(get_crawler(settings_dict={"NEWS_STATE_PATH": str(state)}))
    try:
        assert knowledge.holds_written_articles(output, content_hashes(output)) == 1
        assert knowledge.holds_written_articles(other, content_hashes(other)) == 0
    finally:
        knowledge.close()
    feeds = {str(output): {"overwrite": True}, "out/%(run_id)s.jsonl": {"overwrite": True},
             str(other): {"overwrite": False}, "s3://bucket/x.jsonl": {"overwrite": True}}
    assert overwritten_files(feeds) == [output]


def test_an_overwritten_foreign_file_is_journaled_from_its_start(tmp_path: Path) -> None:
    """-O over a file the state does not know (longer than what this run writes): the state takes in every
    record this run wrote, so the next run does not write them again."""
    output = tmp_path / "articles.jsonl"
    output.write_text("".join(f'{{"title": "old {n}", "text": "{"x" * 4000}"}}\n' for n in range(20)),
                      encoding="utf-8")
    with Site() as site:
        NewsSite(articles=generated_articles(3, seed=47), name="Journal Gazette").install(site)
        sources = write_sources(tmp_path / "journal.toml", site.base)
        status, log = overwrite_run(tmp_path, sources, output, "first", use_scrapy=False)
        assert status == 0, log[-3000:]
        assert len(read_jsonl(output)) == 3
        again = tmp_path / "again.jsonl"
        command = crawl_command(sources, again, tmp_path / "again-stats.json", use_scrapy=False)
        result = run_crawl(command, tmp_path / "again.log")
        assert result.returncode == 0, (tmp_path / "again.log").read_text()[-3000:]
    assert not again.exists() or read_jsonl(again) == []  # all three were recorded as written
