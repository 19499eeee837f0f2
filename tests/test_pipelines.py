"""Extract, validate and deduplicate pipelines (with the crawl knowledge), and the whole-line JSONL exporter,
without a crawl."""
from __future__ import annotations

import dataclasses
import io
import json
import random
from pathlib import Path
from typing import Any

import pytest
from scrapy.exceptions import DropItem
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from crawler.tools.demo.site import article_page, generated_text
from crawler.crawl.extensions.feedexport import LineFileFeedStorage, WholeLineJsonLinesExporter, repair_tail
from crawler.items import Article
from crawler.crawl.pages import ExtractedPage, PageItem
from crawler.crawl.articletask import extract_outcome
from crawler.crawl.keptindex import KeptIndex
from crawler.crawl.knowledge import CrawlKnowledge
from crawler.crawl.outputs import appended_outputs
from crawler.crawl.minhash import signature, similarity
from crawler.crawl.sitelines import line_keys
from pipelines.deduplicate import DeduplicatePipeline
from pipelines.validate import ValidatePipeline

URL = "https://news.example/world/rain.html"


def stats() -> MemoryStatsCollector:
    return MemoryStatsCollector(get_crawler())


def extracted(url: str = URL, text: str | None = None, **fields: Any) -> ExtractedPage:
    paragraphs = generated_text(random.Random(url))
    body = article_page("Rain returns", paragraphs)
    article, reason, detail, _, _ = extract_outcome(body, url, "text/html", 200)
    assert article is not None, (reason, detail)
    if text is not None:
        article = dataclasses.replace(article, text=text, content_hash=str(abs(hash(text))).rjust(64, "0"))
    article = dataclasses.replace(article, **fields)
    return ExtractedPage(page=PageItem(url=url, body=body, source="n"), article=article)


# --- extract -------------------------------------------------------------------------------------------


def test_extract_outcome_article_and_non_articles() -> None:
    article, reason, _, sig, keys = extract_outcome(article_page("T", generated_text(random.Random(3))), URL, None, 200)
    assert isinstance(article, Article) and reason is None and len(article.text) >= 200
    assert sig is not None and sig == signature(article.text)
    assert keys == line_keys(article.text)  # the site-boilerplate keys, also computed in the worker
    assert extract_outcome(b"%PDF-1.7 binary", URL, "application/pdf", 200)[:2] == (None, "binary")
    assert extract_outcome(b"", URL, None, 200)[:2] == (None, "empty")
    assert extract_outcome(b"<html><body><p>Short.</p></body></html>", URL, None, 200)[:2] == (None, "no_text")


# --- validate ------------------------------------------------------------------------------------------


def test_validate_drops_with_reasons() -> None:
    collector = stats()
    pipeline = ValidatePipeline(collector, min_text_chars=200)
    good = extracted()
    assert pipeline.process_item(good) is good
    not_article = ExtractedPage(page=PageItem(url=URL, body=b"", source="n"), reason="binary")
    with pytest.raises(DropItem, match="binary"):
        pipeline.process_item(not_article)
    with pytest.raises(DropItem, match="too_short"):
        pipeline.process_item(extracted(text="x" * 50))
    old = extracted(date_published="2020-01-01")
    old.page.not_before = "2025-01-01T00:00:00+00:00"
    with pytest.raises(DropItem, match="too_old"):
        pipeline.process_item(old)
    values = collector.get_stats()
    assert values["news/dropped/binary"] == 1 and values["news/dropped/too_short"] == 1
    assert values["news/dropped/too_old"] == 1 and values["news/source/n/dropped"] == 3


def test_validate_passes_other_items() -> None:
    assert ValidatePipeline(None).process_item({"a": 1}) == {"a": 1}


# --- deduplicate ---------------------------------------------------------------------------------------


def test_dedupe_by_canonical_url_content_and_near() -> None:
    collector = stats()
    pipeline = DeduplicatePipeline(CrawlKnowledge(), collector)
    first = extracted()
    assert pipeline.process_item(first) is first.article  # the bare Article goes to the feed
    amp = extracted("https://news.example/amp/world/rain.html", canonical_url=first.article.canonical_url)
    with pytest.raises(DropItem, match=f"duplicate \\(url\\).*duplicate_of={first.article.canonical_url}"):
        pipeline.process_item(amp)
    copy = dataclasses.replace(first.article, url="https://other.example/copy", canonical_url="https://other.example/copy")
    same_text = ExtractedPage(page=PageItem(url="https://other.example/copy", body=b"", source="n"), article=copy)
    with pytest.raises(DropItem, match="duplicate \\(content\\)"):
        pipeline.process_item(same_text)
    wire = first.article.text + "\n\nThis story was shared by our partner agency under licence."
    near = extracted("https://partner.example/wire", text=wire, canonical_url="https://partner.example/wire")
    with pytest.raises(DropItem, match="duplicate \\(near\\)"):
        pipeline.process_item(near)
    other = extracted("https://news.example/world/other.html")
    assert pipeline.process_item(other) is other.article
    values = collector.get_stats()
    assert values["news/articles"] == 2
    assert values["news/duplicates/url"] == values["news/duplicates/content"] == values["news/duplicates/near"] == 1


def test_dedupe_writes_unchecked_when_its_index_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """A full TMPDIR under the index's SQLite file must not lose articles: written, counted, warned."""
    import sqlite3

    collector = stats()
    knowledge = CrawlKnowledge()
    pipeline = DeduplicatePipeline(knowledge, collector)
    first = extracted()
    assert pipeline.process_item(first) is first.article
    kept = knowledge.kept.tables  # type: ignore[attr-defined]  # the DuplicateIndex's on-disk tables

    def full(*args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(kept, "keep", full)
    second = extracted("https://news.example/world/other.html")
    assert pipeline.process_item(second) is second.article  # the add failed
    monkeypatch.setattr(kept, "url_owner", full)
    third = extracted("https://news.example/world/third.html")
    assert pipeline.process_item(third) is third.article  # the lookup failed
    values = collector.get_stats()
    assert values["news/articles"] == 3 and values["news/duplicates/unchecked"] == 2
    monkeypatch.undo()
    real = kept.db

    class CommitFailsOnce:  # the disk fills up at the commit; then there is space again
        failed = False

        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

        def execute(self, sql: str, *args: Any) -> Any:
            if sql == "COMMIT" and not self.failed:
                self.failed = True
                raise sqlite3.OperationalError("database or disk is full")
            return real.execute(sql, *args)

    monkeypatch.setattr(kept, "db", CommitFailsOnce())
    fourth = extracted("https://news.example/world/fourth.html")
    assert pipeline.process_item(fourth) is fourth.article
    assert collector.get_value("news/duplicates/unchecked") == 3
    fifth = extracted("https://news.example/world/fifth.html")
    assert pipeline.process_item(fifth) is fifth.article and knowledge.knows_url(fifth.article.url)
    assert collector.get_value("news/duplicates/unchecked") == 3  # checked again: no transaction was left open


def test_similarity_estimates() -> None:
    rng = random.Random(5)
    a = " ".join(generated_text(rng, 6))
    b = " ".join(generated_text(rng, 6))
    assert similarity(signature(a), signature(a)) == 1.0
    assert similarity(signature(a), signature(a + " an extra closing sentence about the weather")) > 0.8
    assert similarity(signature(a), signature(b)) < 0.3
    index = KeptIndex()
    index.add_bands(signature(a), index.keep("a", signature(a)))
    assert index.near_owner(signature(a + " one more closing line"), 0.8) == "a"
    assert index.near_owner(signature(b), 0.8) is None


def test_kept_index_first_owner_stays_and_survives_many_rows() -> None:
    index = KeptIndex()
    rng = random.Random(9)
    texts = [" ".join(generated_text(rng, 3)) for _ in range(300)]
    with index.batch():
        for n, text in enumerate(texts):
            kept = index.keep(f"https://news.example/{n}", signature(text))
            index.add_url(f"news.example/{n}", kept)
            index.add_url("news.example/shared", kept)  # only the first keeps it
            index.add_hash(n * 0x9E3779B97F4A7C15, kept)  # keys over 2**63 too
            index.add_bands(signature(text), kept)
    assert len(index) == 300
    assert index.url_owner("news.example/shared") == "https://news.example/0"
    assert index.url_owner("news.example/299") == "https://news.example/299"
    assert index.url_owner("news.example/300") is None
    assert index.content_owner(7 * 0x9E3779B97F4A7C15) == "https://news.example/7"
    assert index.near_owner(signature(texts[150] + " plus a short closing remark"), 0.8) == "https://news.example/150"
    index.close()


def test_dedupe_seeds_from_appended_output(tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    first = extracted()
    output.write_text(json.dumps(dataclasses.asdict(first.article)) + "\n" + '{"url": "https://torn', encoding="utf-8")
    feeds = {str(output): {"format": "jsonl"}, str(tmp_path / "x-%(time)s.jsonl"): {"format": "jsonlines"}}
    assert appended_outputs(feeds) == [output]
    assert appended_outputs({str(output): {"format": "jsonl", "overwrite": True}}) == []
    collector = stats()
    knowledge = CrawlKnowledge(appended=appended_outputs(feeds), stats=collector)
    pipeline = DeduplicatePipeline(knowledge, collector)
    pipeline.open_spider()
    assert knowledge.knows_url(URL) and collector.get_value("news/resumed_records") == 1
    with pytest.raises(DropItem, match="duplicate"):
        pipeline.process_item(extracted())


# --- JSONL output -------------------------------------------------------------------------------------


def test_repair_tail_and_unbuffered_append(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_bytes(b'{"a": 1}\n{"b": 2}\n{"c": ')
    assert repair_tail(path) == len(b'{"c": ')
    assert path.read_bytes() == b'{"a": 1}\n{"b": 2}\n'
    path.write_bytes(b'{"no newline at all"')
    storage = LineFileFeedStorage(str(path))
    handle = storage.open(None)  # type: ignore[arg-type]
    assert path.read_bytes() == b""
    exporter = WholeLineJsonLinesExporter(handle, encoding="utf-8")
    exporter.export_item(Article(url=URL, title="Ünïcode"))
    assert path.read_bytes().endswith(b"\n")  # on disk at once: no buffer to lose
    assert json.loads(path.read_text(encoding="utf-8"))["title"] == "Ünïcode"
    storage.store(handle)


class FullDisk(io.BytesIO):
    """A file whose disk fills up: once ``full``, a write stores half the data, then fails."""

    full = False

    def write(self, data: Any) -> int:  # type: ignore[override]
        if not self.full:
            return super().write(data)
        super().write(bytes(data)[: len(data) // 2])
        raise OSError(28, "No space left on device")


def test_write_error_leaves_no_partial_line() -> None:
    sink = FullDisk()
    exporter = WholeLineJsonLinesExporter(sink, encoding="utf-8")
    exporter.export_item(Article(url=URL))
    kept = sink.getvalue()
    sink.full = True
    with pytest.raises(OSError):
        exporter.export_item(Article(url=URL, text="x" * 1000))
    assert sink.getvalue() == kept and kept.endswith(b"\n")
    sink.full = False
    exporter.export_item(Article(url=URL))  # after a failure nothing more is written
    assert sink.getvalue() == kept
