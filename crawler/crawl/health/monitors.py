"""The Spidermon monitor suite of the run health: ``SPIDERMON_SPIDER_CLOSE_MONITORS`` names
``SourceHealthSuite``, run by Spidermon's extension when the spider closes.

Each monitor runs one group of checks (``crawler.crawl.health.checks``) over every source the run
measured (``SourceHealth``) and fails, naming the sources and numbers, when one of them fails. Once the
monitors ran, the suite hands the outcome back (``SourceHealth.finish``: statuses, log lines, the crawl
state, the run summary); then Spidermon runs the actions of ``NEWS_HEALTH_ACTIONS`` if a monitor failed
(e-mail, Slack, ``crawler.crawl.health.actions.PostWebhook``...: any ``spidermon.core.actions.Action``).
"""
from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

from scrapy.utils.misc import load_object
from spidermon import Monitor, MonitorSuite, monitors

from crawler.crawl.health import checks
from crawler.crawl.health.extension import SourceHealth

# Spidermon's runner logs through ``Spider.log``, deprecated since Scrapy 2.13: a warning on every run that
# is Spidermon's to fix, not the operator's to read.
warnings.filterwarnings("ignore", message=r"Spider\.log\(\) is deprecated", module="spidermon")

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


def health_of(crawler: Crawler) -> SourceHealth:
    health = crawler.get_extension(SourceHealth)
    if health is None:
        raise RuntimeError(
            "SourceHealthSuite needs crawler.crawl.health.extension.SourceHealth in EXTENSIONS (and NEWS_HEALTH on)"
        )
    return health


class SourceChecksMonitor(Monitor):
    """Runs a group of health checks on every source of the run."""

    def assert_checks(self, group: checks.Check) -> None:
        found = health_of(self.data.crawler).run_checks(group)
        message = "; ".join(f"{name}: {f.check} = {f.value}, expected {f.expected}" for name, f in found)
        self.assertFalse(found, message)


@monitors.name("Run")
class RunMonitor(SourceChecksMonitor):
    @monitors.name("The run finished, its workers finished, no source failed entirely")
    def test_run(self) -> None:
        self.assert_checks(checks.run_checks)


@monitors.name("Articles")
class ArticlesMonitor(SourceChecksMonitor):
    @monitors.name("Articles seen and article yield against the source's recent runs")
    def test_articles(self) -> None:
        self.assert_checks(checks.article_checks)


@monitors.name("Field coverage")
class CoverageMonitor(SourceChecksMonitor):
    @monitors.name("Share of articles with a title, date, authors, description, image, language")
    def test_coverage(self) -> None:
        self.assert_checks(checks.coverage_checks)


@monitors.name("Text")
class TextMonitor(SourceChecksMonitor):
    @monitors.name("Median word count and short texts against the source's recent runs")
    def test_text(self) -> None:
        self.assert_checks(checks.text_checks)


@monitors.name("Errors")
class ErrorsMonitor(SourceChecksMonitor):
    @monitors.name("Share of failed and refused (401/403/429/451) requests")
    def test_errors(self) -> None:
        self.assert_checks(checks.error_checks)


class SourceHealthSuite(MonitorSuite):
    """Per-source health of a news crawl, each source against its own recent runs."""

    monitors = [RunMonitor, ArticlesMonitor, CoverageMonitor, TextMonitor, ErrorsMonitor]

    def __init__(self, *args: Any, crawler: Crawler | None = None, **kwargs: Any) -> None:
        actions = list(kwargs.pop("monitors_failed_actions", None) or [])
        if crawler is not None:
            actions += [load_object(path) for path in crawler.settings.getlist("NEWS_HEALTH_ACTIONS")]
        super().__init__(*args, monitors_failed_actions=actions, crawler=crawler, **kwargs)

    def on_monitors_finished(self, result: Any) -> None:
        if self._crawler is not None:
            health_of(self._crawler).finish()
