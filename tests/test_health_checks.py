"""The health checks as plain functions: this run's metrics against the median of the source's own
earlier runs, the baseline period, and the metrics computed from a run summary entry."""
from __future__ import annotations

from typing import Any

from scrapy.settings import BaseSettings

from crawler.crawl.health.actions import health_text
from crawler.crawl.health.checks import Sample, Thresholds, evaluate, status
from crawler.crawl.health.metrics import ArticleTally, source_metrics
from crawler.items import Article

LIMITS = Thresholds()


def run(**metrics: Any) -> dict[str, Any]:
    base = {
        "articles_seen": 10, "records": 10, "coverage_date_published": 0.95, "coverage_authors": 0.9,
        "coverage_title": 1.0, "word_count_median": 600.0, "short_text_share": 0.0, "error_share": 0.0,
        "refused_share": 0.0, "article_yield": 1.0, "pages_extracted": 10, "known_refetched": 0,
    }
    return {**base, **metrics}


def checks_of(metrics: dict[str, Any], history: list[dict[str, Any]], reason: str = "finished") -> dict[str, Any]:
    sample = Sample(metrics, history, reason)
    failed = evaluate(sample, LIMITS)
    return {"status": status(sample, failed, LIMITS), **{f.check: f for f in failed}}


def test_thresholds_default_to_the_project_settings() -> None:
    assert Thresholds.from_settings(BaseSettings()) == LIMITS
    custom = Thresholds.from_settings(BaseSettings({"NEWS_HEALTH_MAX_COVERAGE_DROP": "0.1"}))
    assert custom.max_coverage_drop == 0.1


def test_a_source_with_fewer_than_two_earlier_runs_is_a_baseline() -> None:
    broken = run(coverage_date_published=0.0, articles_seen=0)
    assert checks_of(broken, []) == {"status": "baseline"}
    assert checks_of(broken, [run()]) == {"status": "baseline"}
    assert checks_of(broken, [run(), run()])["status"] == "failing"


def test_run_level_checks_apply_from_the_first_run() -> None:
    found = checks_of(run(failed=True), [], reason="shutdown")
    assert found["status"] == "failing"
    assert found["finish_reason"].value == "shutdown" and found["finish_reason"].expected == "finished"
    assert found["source_failed"].value is True


def test_a_coverage_collapse_fails_with_its_numbers_and_a_small_dip_does_not() -> None:
    history = [run(), run(coverage_date_published=0.9), run()]
    found = checks_of(run(coverage_date_published=0.2), history)
    assert found["coverage_date_published"].as_dict() == {
        "check": "coverage_date_published", "value": 0.2, "expected": ">= 0.65 (median 0.95)",
    }
    assert checks_of(run(coverage_date_published=0.8), history) == {"status": "ok"}


def test_an_incremental_run_that_wrote_nothing_is_not_compared_on_its_records() -> None:
    history = [run(), run()]
    quiet = run(records=0, coverage_date_published=None, coverage_authors=None, coverage_title=None,
                word_count_median=None, short_text_share=None, pages_extracted=0, article_yield=None)
    assert checks_of(quiet, history) == {"status": "ok"}


def test_articles_that_stop_or_halve_fail() -> None:
    history = [run(), run(articles_seen=12), run(articles_seen=8)]
    assert checks_of(run(articles_seen=0), history)["articles_seen"].expected == ">= 5 (median 10)"
    assert "articles_seen" in checks_of(run(articles_seen=4), history)
    assert checks_of(run(articles_seen=6), history) == {"status": "ok"}


def test_text_length_collapse_and_error_jumps_fail() -> None:
    history = [run(), run()]
    assert "word_count_median" in checks_of(run(word_count_median=120.0), history)
    assert "short_text_share" in checks_of(run(short_text_share=0.6), history)
    jump = checks_of(run(error_share=0.5, refused_share=0.45), history)
    assert jump["error_share"].value == 0.5 and jump["refused_share"].expected == "<= 0.2 (median 0)"


def test_known_articles_behind_a_wall_fail_without_a_baseline_value() -> None:
    history = [run(), run()]
    walled = run(records=0, pages_extracted=0, known_refetched=6, known_lost=6, known_lost_share=1.0)
    assert checks_of(walled, history)["known_articles_lost"].value == 1.0
    assert "known_articles_lost" not in checks_of(run(known_refetched=6, known_lost_share=0.17), history)


def test_metrics_from_a_summary_entry_and_the_articles() -> None:
    tally = ArticleTally()
    tally.add(Article(url="u", title="T", text="word " * 300, word_count=300, date_published="2026-01-01"), 10_000, 0.01)
    tally.add(Article(url="v", title="T", text="short", word_count=1), 50_000, 0.01)
    entry = {
        "pages_fetched": 8, "not_modified": 2, "articles_emitted": {"new": 1, "updated": 0}, "unchanged": 1,
        "dropped": {"too_short": 1, "too_old": 3}, "duplicates": {}, "http_errors": {"403": 2},
        "failed_requests": {"http_403": 2, "robots_denied": 1, "DownloadTimeoutError": 1},
    }
    stats = {"news/source/s/boilerplate/lines": 40, "news/source/s/boilerplate/lines_removed": 4}
    metrics = source_metrics(entry, tally, stats, "s")
    assert metrics["articles_seen"] == 4  # new + unchanged + not modified
    assert metrics["requests"] == 13 and metrics["error_share"] == round(3 / 13, 4)
    assert metrics["refused_share"] == round(2 / 13, 4)
    assert metrics["article_yield"] == 0.6667  # too_old is the sources file's rule, not a lost article
    assert metrics["coverage_date_published"] == 0.5 and metrics["coverage_title"] == 1.0
    assert metrics["short_text_share"] == 0.5 and metrics["word_count_median"] == 150.5
    assert metrics["boilerplate_share"] == 0.1


def test_the_alert_text_names_each_failing_source_and_check() -> None:
    results = {
        "a": {"status": "ok", "failed": []},
        "b": {"status": "failing", "failed": [{"check": "error_share", "value": 0.5, "expected": "<= 0.2"}]},
    }
    assert health_text("r1", results) == "news crawl r1: health check failed\nb: error_share = 0.5 (expected <= 0.2)"


def test_report_command_needs_a_state_and_escapes_what_it_shows(tmp_path: Any, capsys: Any) -> None:
    from crawler.crawl.state import open_state
    from crawler.crawl.state.backend import SourceRun
    from crawler.tools.cli import main

    assert main(["report", "--state", str(tmp_path / "missing.sqlite3"), "-o", str(tmp_path / "r.html")]) == 1
    assert "no crawl state at" in capsys.readouterr().err
    store = open_state(tmp_path / "state.sqlite3")
    failed = {"status": "failing", "failed": [{"check": "coverage_title", "value": 0.1, "expected": ">= 0.7 (median 1)"}]}
    for number, health in enumerate(({"status": "baseline", "failed": []}, failed)):
        metrics = {"articles_written": 3 - number, "coverage_title": 1.0 - 0.9 * number}
        store.record_source_run(SourceRun(f"r{number}", "<b>x</b>", f"2026-01-0{number + 1}T00:00:00+00:00",
                                          "finished", metrics, health, {"outputs": ["out/r1.jsonl"]}))
    store.close()
    assert main(["report", "--state", str(tmp_path / "state.sqlite3"), "-o", str(tmp_path / "r.html")]) == 0
    html = (tmp_path / "r.html").read_text()
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert html.count('<svg class="chart"') == 2 and "FAILING" in html and "coverage_title" in html
    assert '<i class="run run-baseline"' in html and '<i class="run run-failing"' in html
