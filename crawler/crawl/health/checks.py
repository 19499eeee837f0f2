"""The health checks: one source's metrics in this run against the median of its own recent runs.

Pure functions of plain dicts (the metrics of ``crawler.crawl.health.metrics``), so that they are tested
without a crawl; the Spidermon monitors (``crawler.crawl.health.monitors``) run them by group. A check
whose metric is undefined in this run (no request, too few articles) or in every earlier run is skipped:
an incremental run that fetched nothing new is not measured against runs that did.
"""
from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from crawler.crawl.config import get_float, get_int
from crawler.crawl.health.metrics import FIELDS

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

Metrics = Mapping[str, Any]


@dataclass(frozen=True)
class Thresholds:
    """The ``NEWS_HEALTH_*`` settings (defaults in ``crawler/settings.py``)."""

    history_runs: int = 5
    min_runs: int = 2
    min_articles: int = 3
    max_article_drop: float = 0.5
    max_yield_drop: float = 0.3
    max_coverage_drop: float = 0.3
    max_words_drop: float = 0.5
    max_error_rise: float = 0.2
    max_short_text_rise: float = 0.3
    max_lost_share: float = 0.5

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> Thresholds:
        return cls(
            history_runs=get_int(settings, "NEWS_HEALTH_HISTORY_RUNS"),
            min_runs=get_int(settings, "NEWS_HEALTH_MIN_RUNS"),
            min_articles=get_int(settings, "NEWS_HEALTH_MIN_ARTICLES"),
            max_article_drop=get_float(settings, "NEWS_HEALTH_MAX_ARTICLE_DROP"),
            max_yield_drop=get_float(settings, "NEWS_HEALTH_MAX_YIELD_DROP"),
            max_coverage_drop=get_float(settings, "NEWS_HEALTH_MAX_COVERAGE_DROP"),
            max_words_drop=get_float(settings, "NEWS_HEALTH_MAX_WORDS_DROP"),
            max_error_rise=get_float(settings, "NEWS_HEALTH_MAX_ERROR_RISE"),
            max_short_text_rise=get_float(settings, "NEWS_HEALTH_MAX_SHORT_TEXT_RISE"),
            max_lost_share=get_float(settings, "NEWS_HEALTH_MAX_LOST_SHARE"),
        )


@dataclass(frozen=True)
class Failure:
    check: str
    value: Any
    expected: str

    def as_dict(self) -> dict[str, Any]:
        return {"check": self.check, "value": self.value, "expected": self.expected}


@dataclass(frozen=True)
class Sample:
    """A source in this run: its metrics, its earlier runs' metrics (newest first) and the run's end."""

    metrics: Metrics
    history: Sequence[Metrics]
    finish_reason: str
    workers_killed: int = 0

    def compared(self, limits: Thresholds) -> bool:
        """From its third run on (``NEWS_HEALTH_MIN_RUNS`` earlier runs) a source is compared."""
        return len(self.history) >= limits.min_runs

    def baseline(self, key: str, min_records: int = 0) -> float | None:
        """Median of ``key`` over the earlier runs that measured it (and wrote at least ``min_records``)."""
        values = [
            run[key]
            for run in self.history
            if run.get(key) is not None and (run.get("records") or 0) >= min_records
        ]
        return statistics.median(values) if values else None


def _num(value: float) -> float:
    return round(float(value), 3)


def _bound(sign: str, bound: float, usual: float | None = None) -> str:
    """``">= 0.65 (median 0.95)"``: what the value should have been, and the median it comes from."""
    text = f"{sign} {_num(bound):g}"
    return text if usual is None else f"{text} (median {_num(usual):g})"


def run_checks(sample: Sample, limits: Thresholds) -> list[Failure]:
    """The run itself: it finished, no worker had to be killed, and the source did not fail entirely."""
    failed = []
    if sample.finish_reason != "finished":
        failed.append(Failure("finish_reason", sample.finish_reason, "finished"))
    if sample.workers_killed:
        failed.append(Failure("workers_killed", sample.workers_killed, "0"))
    if sample.metrics.get("failed"):
        failed.append(Failure("source_failed", True, "some request succeeds"))
    return failed


def article_checks(sample: Sample, limits: Thresholds) -> list[Failure]:
    """Articles seen (written, found unchanged, not modified or skipped as known), the share of
    extracted article pages that gave an article, and known article pages that no longer give one."""
    if not sample.compared(limits):
        return []
    failed = []
    seen, usual = sample.metrics.get("articles_seen"), sample.baseline("articles_seen")
    if seen is not None and usual is not None and usual >= 1:
        floor = usual * (1 - limits.max_article_drop)
        if seen == 0 or seen < floor:
            failed.append(Failure("articles_seen", seen, _bound(">=", floor, usual)))
    if (sample.metrics.get("pages_extracted") or 0) >= limits.min_articles:
        value, usual = sample.metrics.get("article_yield"), sample.baseline("article_yield")
        if value is not None and usual is not None and value < usual - limits.max_yield_drop:
            floor = usual - limits.max_yield_drop
            failed.append(Failure("article_yield", _num(value), _bound(">=", floor, usual)))
    if (sample.metrics.get("known_refetched") or 0) >= limits.min_articles:
        value = sample.metrics.get("known_lost_share")
        if value is not None and value > limits.max_lost_share:
            failed.append(Failure("known_articles_lost", _num(value), _bound("<=", limits.max_lost_share)))
    return failed


def coverage_checks(sample: Sample, limits: Thresholds) -> list[Failure]:
    """Share of articles with each field, once this run extracted ``NEWS_HEALTH_MIN_ARTICLES`` articles."""
    if not sample.compared(limits) or (sample.metrics.get("records") or 0) < limits.min_articles:
        return []
    failed = []
    for field in FIELDS:
        key = f"coverage_{field}"
        value, usual = sample.metrics.get(key), sample.baseline(key, limits.min_articles)
        if value is not None and usual is not None and value < usual - limits.max_coverage_drop:
            floor = usual - limits.max_coverage_drop
            failed.append(Failure(key, _num(value), _bound(">=", floor, usual)))
    return failed


def text_checks(sample: Sample, limits: Thresholds) -> list[Failure]:
    """The median text length, and the share of texts short compared with their page."""
    if not sample.compared(limits) or (sample.metrics.get("records") or 0) < limits.min_articles:
        return []
    failed = []
    value, usual = sample.metrics.get("word_count_median"), sample.baseline("word_count_median", limits.min_articles)
    if value is not None and usual is not None and value < usual * (1 - limits.max_words_drop):
        floor = usual * (1 - limits.max_words_drop)
        failed.append(Failure("word_count_median", value, _bound(">=", floor, usual)))
    value, usual = sample.metrics.get("short_text_share"), sample.baseline("short_text_share", limits.min_articles)
    if value is not None and usual is not None and value > usual + limits.max_short_text_rise:
        ceiling = usual + limits.max_short_text_rise
        failed.append(Failure("short_text_share", _num(value), _bound("<=", ceiling, usual)))
    return failed


def error_checks(sample: Sample, limits: Thresholds) -> list[Failure]:
    """Share of requests that ended in an error, and of those refused (401, 403, 429, 451)."""
    if not sample.compared(limits):
        return []
    failed = []
    for key in ("error_share", "refused_share"):
        value, usual = sample.metrics.get(key), sample.baseline(key)
        if value is not None and usual is not None and value > usual + limits.max_error_rise:
            ceiling = usual + limits.max_error_rise
            failed.append(Failure(key, _num(value), _bound("<=", ceiling, usual)))
    return failed


Check = Callable[[Sample, Thresholds], list[Failure]]
GROUPS: tuple[Check, ...] = (run_checks, article_checks, coverage_checks, text_checks, error_checks)


def evaluate(sample: Sample, limits: Thresholds) -> list[Failure]:
    """Every check of every group (what the Spidermon suite runs, group by group)."""
    return [failure for group in GROUPS for failure in group(sample, limits)]


def status(sample: Sample, failed: Sequence[Failure], limits: Thresholds) -> str:
    """``failing`` with a failed check, else ``baseline`` before the source is compared, else ``ok``."""
    if failed:
        return "failing"
    return "ok" if sample.compared(limits) else "baseline"
