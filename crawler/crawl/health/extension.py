"""``SourceHealth``: the Scrapy extension that measures each source in a run and keeps its health.

Order at the end of a run (``EXTENSIONS``: this one, then Spidermon's, then the run summary):

1. ``spider_closed`` here: each source's metrics (``metrics.source_metrics``) and its recent runs from the
   crawl state (``CrawlKnowledge.source_history``);
2. Spidermon's ``spider_closed`` runs ``SPIDERMON_SPIDER_CLOSE_MONITORS``, among them
   ``crawler.crawl.health.monitors.SourceHealthSuite``: its monitors run the checks (``run_checks``), then
   its action ``StoreHealth`` calls ``finish``: the status of each source, one log line per failed check,
   the health kept in the state, and handed to the run summary (``RunSummary.health``);
3. the run summary is written with a ``health`` object in each source's entry.

``NEWS_HEALTH_EXIT_STATUS``: a failing source makes ``crawler crawl`` and ``scrapy crawl`` exit with
``EXIT_HEALTH_FAILED``.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.crawl.config import get_bool, get_float
from crawler.crawl.extensions.runsummary import RunSummary
from crawler.crawl.health.checks import GROUPS, Check, Failure, Sample, Thresholds, status
from crawler.crawl.frontier.summaries import merge_summaries, merge_values
from crawler.crawl.health.metrics import ArticleTally, from_parts, health_parts, source_metrics
from crawler.crawl.knowledge import CrawlKnowledge
from crawler.crawl.pages import PageItem

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from typing_extensions import Self

logger = logging.getLogger(__name__)

SUITE = "crawler.crawl.health.monitors.SourceHealthSuite"
EXIT_HEALTH_FAILED = 4
"""Exit status of ``crawler crawl`` / ``scrapy crawl`` when a source fails a check (with the setting on)."""


class SourceHealth:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.limits = Thresholds.from_settings(crawler.settings)
        self.short_ratio = get_float(crawler.settings, "NEWS_HEALTH_SHORT_TEXT_RATIO")
        self.exit_on_failure = get_bool(crawler.settings, "NEWS_HEALTH_EXIT_STATUS")
        self.tallies: dict[str, ArticleTally] = defaultdict(ArticleTally)
        self.samples: dict[str, Sample] = {}
        self.failed: dict[str, list[Failure]] = {}
        self.files: dict[str, Any] = {}
        self.reason = "finished"
        self.results: dict[str, dict[str, Any]] | None = None
        """Per source, ``{"status", "failed"}``: set by ``finish`` (None until the monitors ran)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not get_bool(crawler.settings, "NEWS_HEALTH"):
            raise NotConfigured("NEWS_HEALTH is off")
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    @property
    def failing(self) -> list[str]:
        return sorted(name for name, health in (self.results or {}).items() if health["status"] == "failing")

    @property
    def exit_failed(self) -> bool:
        """True when the process should exit with ``EXIT_HEALTH_FAILED``."""
        return self.exit_on_failure and bool(self.failing)

    def page_item(self, item: Any) -> int:
        """What the spider yielded for a page (``PageHealthMiddleware``): 1 for an article page, whose
        extracted article (if any) is measured, else 0."""
        if not isinstance(item, PageItem):
            return 0
        outcome = getattr(item, "outcome", None)
        if outcome and outcome[0] is not None:
            self.tallies[item.source].add(outcome[0], len(item.body), self.short_ratio)
        return 1

    def page_done(self, response: Response, article_pages: int) -> None:
        """A known article page asked for again (conditionally) came back in full: did it still give one?"""
        request = response.request
        meta = request.meta if request is not None else {}
        source = meta.get("news_source")
        known_page = meta.get("news_conditional") and not meta.get("news_kind")  # not a feed or sitemap
        if isinstance(source, str) and known_page and response.status == 200:
            tally = self.tallies[source]
            tally.known_refetched += 1
            tally.known_lost += 0 if article_pages else 1

    def spider_closed(self, reason: str) -> None:
        self.reason = reason
        stats = dict(self.crawler.stats.get_stats())
        summary = self.crawler.get_extension(RunSummary)
        built = summary.build(stats, reason) if summary is not None else None
        entries: dict[str, Any] = built["sources"] if built is not None else {}
        if summary is not None and built is not None:
            self.files = {  # the files of this run: outputs that got records, and where its summary goes
                "outputs": [str(path) for path in built["outputs"]],
                "summary_files": [str(path) for path in summary.paths(built)],
            }
        knowledge = self.crawler.get_extension(CrawlKnowledge)
        killed = int(stats.get("news/workers/killed", 0))
        tallies: dict[str, ArticleTally] = self.tallies
        if summary is not None and built is not None and knowledge is not None and knowledge.shared_run is not None:
            whole = self._whole_shared_run(summary, built, stats, killed, reason)
            if whole is None:  # not the last worker: the last one checks the whole run
                return
            entries, tallies, stats, killed, reason = whole
            self.reason = reason
        for name in sorted(set(entries) | set(tallies)):
            metrics = source_metrics(entries.get(name, {}), tallies[name], stats, name)
            history = knowledge.source_history(name, self.limits.history_runs) if knowledge is not None else []
            usable = [run.metrics for run in history if run.finish_reason == "finished"]
            self.samples[name] = Sample(metrics, usable, reason, killed)
            self.failed[name] = []
        if not self.suite_enabled():  # Spidermon off: the same checks, without its monitors and actions
            for group in GROUPS:
                self.run_checks(group)
            self.finish()

    def _whole_shared_run(
        self, summary: RunSummary, built: dict[str, Any], stats: dict[str, Any], killed: int, reason: str
    ) -> tuple[dict[str, Any], dict[str, ArticleTally], dict[str, Any], int, str] | None:
        """A worker of a run shared over Redis leaves it here with what it measured; the last worker gets
        the whole run's (source entries, tallies, boilerplate stats, killed workers, reason), the others None:
        a worker's part alone would look like a source that lost half its articles."""
        names = set(built.get("sources", {})) | set(self.tallies)
        parts = {name: health_parts(self.tallies[name], stats, name) for name in names}
        shared, everyone = summary.leave_shared_run({**built, "health_parts": parts, "workers_killed": killed}, reason)
        if not shared or everyone is None:
            return None
        merged = merge_summaries(next(iter(everyone.values())), everyone)
        merged_parts = merge_values([each.get("health_parts", {}) for each in everyone.values()]) or {}
        tallies: dict[str, ArticleTally] = defaultdict(ArticleTally)
        whole_stats = dict(stats)
        for name, source_parts in merged_parts.items():
            tallies[name], boilerplate = from_parts(source_parts, name)
            whole_stats.update(boilerplate)
        killed = sum(int(each.get("workers_killed", 0)) for each in everyone.values())
        self.files["outputs"] = [str(path) for path in merged.get("outputs", [])]  # every worker's
        return merged.get("sources", {}), tallies, whole_stats, killed, str(merged.get("finish_reason", reason))

    def suite_enabled(self) -> bool:
        settings = self.crawler.settings
        suites = settings.getlist("SPIDERMON_SPIDER_CLOSE_MONITORS")
        return settings.getbool("SPIDERMON_ENABLED") and SUITE in suites

    def run_checks(self, group: Check) -> list[tuple[str, Failure]]:
        """Run one group of checks on every source; the failures are kept for ``finish``."""
        found = []
        for name, sample in self.samples.items():
            for failure in group(sample, self.limits):
                self.failed[name].append(failure)
                found.append((name, failure))
        return found

    def finish(self) -> dict[str, dict[str, Any]]:
        """After the monitors: each source's health, logged, kept in the state and given to the summary."""
        knowledge = self.crawler.get_extension(CrawlKnowledge)
        self.results = {}
        for name, sample in self.samples.items():
            failed = self.failed[name]
            health = {"status": status(sample, failed, self.limits), "failed": [f.as_dict() for f in failed]}
            self.results[name] = health
            for failure in failed:
                logger.error(
                    "Health check failed: source %r %s = %s, expected %s",
                    name, failure.check, failure.value, failure.expected,
                )
            if knowledge is not None:
                knowledge.record_source_health(name, self.reason, dict(sample.metrics), health, self.files)
        summary = self.crawler.get_extension(RunSummary)
        if summary is not None:
            summary.health = self.results
        self.crawler.stats.set_value("news/health/failing_sources", len(self.failing))
        return self.results
