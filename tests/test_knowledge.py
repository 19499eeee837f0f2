"""The crawl knowledge (crawler.crawl.knowledge) and the contracts of the pipelines that ask it."""
from __future__ import annotations

import ast
import inspect
import json
from pathlib import Path
from typing import Any

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.pipelines import ItemPipelineManager
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler import settings as project_settings
from crawler.crawl.keptindex import DuplicateIndex, KeptArticles
from crawler.crawl.knowledge import CrawlKnowledge, KnowledgeConfigError
from crawler.crawl.minhash import signature
from crawler.crawl.redis_kept import RedisKeptArticles
from crawler.crawl.sitelines import SiteLinesStore
from crawler.crawl.state import StateBackend, StateStore
from crawler.crawl.state.redisstore import RedisStateStore
from crawler.crawl.state.run import StateRun
from crawler.items import Article
from pipelines.changes import ChangesPipeline
from pipelines.contract import PipelineConfigError
from pipelines.deduplicate import DeduplicatePipeline
from pipelines.site_boilerplate import SiteBoilerplatePipeline

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = "crawler.crawl.knowledge.CrawlKnowledge"
FEED_EXPORTER = "scrapy.extensions.feedexport.FeedExporter"


def started(settings: dict[str, Any]) -> Any:
    """A crawler with its extensions built (``get_crawler`` builds them, as ``Crawler.crawl`` does before
    the pipelines)."""
    return get_crawler(settings_dict={
        "ITEM_PIPELINES": project_settings.ITEM_PIPELINES,
        "EXTENSIONS_BASE": {FEED_EXPORTER: 0},
        "EXTENSIONS": {KNOWLEDGE: 50},
        **settings,
    })


def pipelines(crawler: Any) -> list[Any]:
    return list(build_from_crawler(ItemPipelineManager, crawler).middlewares)


def test_project_pipelines_start_in_order(tmp_path: Path) -> None:
    crawler = started({"NEWS_STATE_PATH": str(tmp_path / "state.sqlite3")})
    knowledge = crawler.get_extension(CrawlKnowledge)
    try:
        names = [type(pipeline).__name__ for pipeline in pipelines(crawler)]
        assert names == [
            "ExtractPipeline", "SiteBoilerplatePipeline", "ValidatePipeline", "ChangesPipeline", "DeduplicatePipeline"
        ]
    finally:
        knowledge.close()


def test_without_a_state_the_changes_pipeline_is_disabled_not_broken() -> None:
    crawler = started({"NEWS_STATE_PATH": ""})
    assert "ChangesPipeline" not in [type(pipeline).__name__ for pipeline in pipelines(crawler)]
    with pytest.raises(NotConfigured, match="NEWS_STATE_PATH"):
        ChangesPipeline.from_crawler(crawler)


@pytest.mark.parametrize(
    "changed, message",
    [
        ({"pipelines.deduplicate.DeduplicatePipeline": 240}, r"DeduplicatePipeline \(240\) runs before .*Changes"),
        ({"pipelines.validate.ValidatePipeline": 50}, r"ValidatePipeline \(50\) runs before .*ExtractPipeline"),
        ({"pipelines.deduplicate.DeduplicatePipeline": None}, r"ExtractPipeline needs pipelines\.deduplicate\.Dedup"),
        ({"pipelines.extract.ExtractPipeline": None}, r"needs pipelines\.extract\.ExtractPipeline"),
    ],
)
def test_misordered_or_missing_pipelines_fail_at_start_naming_the_setting(
    changed: dict[str, int | None], message: str
) -> None:
    crawler = started({"NEWS_STATE_PATH": "", "ITEM_PIPELINES": {**project_settings.ITEM_PIPELINES, **changed}})
    with pytest.raises(PipelineConfigError, match=f"^ITEM_PIPELINES: .*{message}"):
        pipelines(crawler)


@pytest.mark.parametrize("pipeline", [ChangesPipeline, DeduplicatePipeline, SiteBoilerplatePipeline])
def test_pipelines_without_the_knowledge_fail_at_start_naming_the_setting(pipeline: Any) -> None:
    crawler = started({"NEWS_STATE_PATH": "", "EXTENSIONS": {KNOWLEDGE: None}})
    message = f"{pipeline.__name__} needs the crawl knowledge: enable {KNOWLEDGE} in EXTENSIONS"
    with pytest.raises(KnowledgeConfigError, match=message):
        pipeline.from_crawler(crawler)


def test_knowledge_before_the_feed_exporter_fails_at_start() -> None:
    with pytest.raises(KnowledgeConfigError, match=f"^EXTENSIONS: {KNOWLEDGE} must come after {FEED_EXPORTER}"):
        started({"NEWS_STATE_PATH": "", "EXTENSIONS": {KNOWLEDGE: -1}})


def test_knowledge_reads_its_settings() -> None:
    crawler = started({
        "NEWS_STATE_PATH": "", "NEWS_SITE_BOILERPLATE_MIN_PAGES": 7, "NEWS_NEAR_DUPLICATE_THRESHOLD": 0.9,
    })
    knowledge = CrawlKnowledge.required(crawler, "test")
    assert knowledge.site_lines.min_pages == 7
    assert knowledge.site_lines.min_share == project_settings.NEWS_SITE_BOILERPLATE_MIN_SHARE
    assert knowledge.kept.threshold == 0.9  # type: ignore[attr-defined]
    assert SiteBoilerplatePipeline.from_crawler(crawler).model is knowledge.site_lines


def test_without_a_state_every_article_is_unknown() -> None:
    knowledge = CrawlKnowledge()
    assert not knowledge.has_state and not knowledge.full_recrawl
    assert knowledge.known_article("https://a.example/1") is None
    assert knowledge.last_fetched("https://a.example/1") is None
    assert knowledge.validators("https://a.example/1") is None
    assert knowledge.earlier_copy("ab" * 32) is None and not knowledge.written_this_run("a.example/1")
    knowledge.expect("https://a.example/1", None, "a")  # nothing to remember it in: no error
    knowledge.remember_feed("https://a.example/rss", "feed", '"e"', None)
    with pytest.raises(NotConfigured):
        knowledge.require_state()
    knowledge.close()


def test_a_pending_record_is_stored_once_the_output_holds_it(tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    knowledge = CrawlKnowledge(state=StateRun.open(tmp_path / "state.sqlite3", "run-1"))
    state = knowledge.state
    assert state is not None
    state.journal([output])
    text = "A text long enough to have a signature of its own words. " * 5
    knowledge.expect("https://a.example/1", signature(text), "a")
    knowledge.expect("https://a.example/2", None, "a")
    assert not state.reached_output()  # nothing written yet
    record = {"url": "https://a.example/1", "canonical_url": "https://a.example/1", "content_hash": "ab" * 32,
              "version": 1, "first_seen": "2026-11-01T00:00:00+00:00", "last_seen": "2026-11-01T00:00:00+00:00"}
    output.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert state.reached_output()
    kind, source = state.record(record, fetched_urls=["https://a.example/1"], etag='"e1"', last_modified=None,
                                page_url="https://a.example/1", source=None)
    assert (kind, source) == ("new", "a")  # the source given with expect
    knowledge.item_dropped(Article(url="https://a.example/2"))
    assert state.pending == {}
    known = knowledge.known_article("https://a.example/1/")
    assert known is not None and knowledge.written_this_run(known.key)
    assert knowledge.validators("https://a.example/1").etag == '"e1"'  # type: ignore[union-attr]
    knowledge.close()
    later = CrawlKnowledge(state=StateRun.open(tmp_path / "state.sqlite3", "run-2"))
    assert not later.written_this_run(known.key)
    assert later.earlier_copy("ab" * 32) == "https://a.example/1"  # an earlier run's text
    later.load_earlier_runs()
    copy = Article(url="https://b.example/copy", canonical_url="https://b.example/copy", text=text)
    assert later.check_and_keep(copy) == ("near", "https://a.example/1")  # its signature was stored
    later.close()


@pytest.mark.parametrize(
    "interface, implementation",
    [
        (StateBackend, StateStore), (SiteLinesStore, StateStore), (KeptArticles, DuplicateIndex),
        (StateBackend, RedisStateStore), (SiteLinesStore, RedisStateStore), (KeptArticles, RedisKeptArticles),
    ],
)
def test_implementations_have_their_interfaces_methods(interface: Any, implementation: Any) -> None:
    """What another backend (a shared store for several crawl processes) has to provide."""
    for name, method in vars(interface).items():
        if callable(method) and not name.startswith("_"):
            expected = list(inspect.signature(method).parameters)
            assert list(inspect.signature(getattr(implementation, name)).parameters) == expected, name


def imported(folder: str) -> list[tuple[str, str]]:
    """``(file, top-level package)`` of every import in the Python files under ``folder``."""
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found += [(path.name, alias.name.split(".")[0]) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.append((path.name, node.module.split(".")[0]))
    return found


@pytest.mark.parametrize(
    "folder, forbidden",
    [("crawler/crawl", {"pipelines", "spiders"}), ("spiders", {"pipelines"}), ("pipelines", {"spiders"})],
)
def test_spiders_and_pipelines_ask_the_knowledge_not_each_other(folder: str, forbidden: set[str]) -> None:
    assert [(name, package) for name, package in imported(folder) if package in forbidden] == []
