"""The run summary: one JSON file per run, beside its output (``<output stem>.summary.json``), and at
``NEWS_SUMMARY_FILE`` when set. Machine-readable, for schedulers and monitoring:

    {"run_id": ..., "finish_reason": "finished", "elapsed_seconds": 12.3, "outputs": [...],
     "articles_emitted": {"new": 2, "updated": 1}, "failed_sources": [],
     "sources": {"gazette": {"pages_fetched": 14, "not_modified": 12, "conditional_requests": 13,
                             "skipped_unchanged": 20, "followed_links": 9,
                             "articles_emitted": {"new": 2, "updated": 1},
                             "unchanged": 3, "dropped": {"too_short": 1}, "duplicates": {"near": 1},
                             "http_errors": {"404": 1}, "failed_requests": {"http_404": 1, "robots_denied": 1},
                             "errors": {"link": {"http_404": 1}}, "robots_denied": 1, "ssrf_blocked": 0,
                             "elapsed_seconds": 11.9, "failed": false}}}

``pages_fetched`` counts every successful (2xx) response of the source: pages, feeds, sitemaps and
robots.txt. ``unchanged``: pages refetched whose text had not changed (not written again);
``not_modified``: pages, feeds and sitemaps the server answered 304 to; ``skipped_unchanged``: known
pages not requested at all (their feed or sitemap date is not later than their last fetch).
``followed_links``: requests of links found on pages (the source's ``follow_links``, docs/crawl.md).
``errors`` breaks the failed requests down by what failed (``feed``, ``sitemap``, ``robots_txt``,
``start_page``, ``listed_page``: found in a feed or sitemap, ``link``: found on a page) and why
(``http_404``, ``DownloadTimeoutError``...); a robots.txt Disallow (``robots_denied``) and a refusal of
the network boundary (``ssrf_blocked``) are no errors (``failed_requests`` has every kind). ``state`` is
where the crawl state is: the SQLite file, or the Redis URL (without credentials) and key prefix.

``outputs`` lists the files this run wrote records to: a run with nothing new writes no output file
(``FEED_STORE_EMPTY`` is False) and no summary beside one, unless it failed (a source failed entirely,
or it did not finish), when the summary goes where its output would have been. The summary is always
stored with the run in the crawl state (table ``runs``) and at ``NEWS_SUMMARY_FILE``.

A source has ``failed`` when none of its requests succeeded (no page fetched, none not-modified, none
skipped as unchanged) while at least one failed: every request errored, or robots.txt forbade them all.
``crawler crawl`` exits non-zero then. Each source's ``health`` and the list ``failing_sources`` come from
``crawler.crawl.health`` (docs/monitoring.md).

Counts come from the ``news/source/<name>/...`` stats of the spider, the pipelines, the conditional
middleware and the state, plus three signals: ``response_received`` (final responses by status),
``item_dropped`` (reasons, from the ``DropItem`` message ``"<reason>: ..."``) and the spider's errors.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals

from crawler.common.urls import without_credentials
from crawler.crawl.config import default, get_bool
from crawler.crawl.frontier.summaries import merge_summaries
from crawler.crawl.knowledge import CrawlKnowledge
from crawler.crawl.state.naming import feed_outputs, run_start

if TYPE_CHECKING:
    from typing_extensions import Self
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)


def drop_kind(message: str) -> tuple[str, str]:
    """``("duplicates"|"unchanged"|"dropped", reason)`` from a ``DropItem`` message."""
    head = message.split(":", 1)[0].strip()
    if head.startswith("duplicate (") and head.endswith(")"):
        return "duplicates", head[len("duplicate (") : -1]
    if head == "unchanged":
        return "unchanged", head
    return "dropped", head or "unknown"


def written_outputs(crawler: Crawler) -> list[Path]:
    """The local feed files this run wrote at least one record to."""
    from scrapy.extensions.feedexport import FeedExporter  # noqa: PLC0415

    exporter = crawler.get_extension(FeedExporter) if crawler.settings.getdict("FEEDS") else None
    return [
        Path(slot.storage.path)
        for slot in getattr(exporter, "slots", ())
        if slot.itemcount and getattr(slot.storage, "path", None)
    ]


def state_location(settings: Any) -> str | None:
    """Where the crawl state is: ``NEWS_STATE_PATH``, or with ``NEWS_REDIS_URL`` that URL without its
    credentials and the key prefix; None without a state."""
    path = settings.get("NEWS_STATE_PATH")
    redis_url = settings.get("NEWS_REDIS_URL", default("NEWS_REDIS_URL"))
    if not path or not redis_url:
        return path or None
    prefix = settings.get("NEWS_REDIS_PREFIX", default("NEWS_REDIS_PREFIX"))
    return f"{without_credentials(str(redis_url))} prefix={prefix}"


class SourceCounts:
    def __init__(self) -> None:
        self.responses: Counter[int] = Counter()
        self.dropped: Counter[str] = Counter()
        self.duplicates: Counter[str] = Counter()
        self.unchanged = 0
        self.last_activity: float | None = None


class RunSummary:
    def __init__(self, crawler: Crawler, extra_path: Path | None) -> None:
        self.crawler = crawler
        self.extra_path = extra_path
        self.sources: dict[str, SourceCounts] = defaultdict(SourceCounts)
        self.started = time.monotonic()
        self.outputs: list[Path] = []
        """The run's local feed outputs (whether or not a record reached them)."""
        self.summary: dict[str, Any] | None = None
        self.health: dict[str, dict[str, Any]] = {}
        """Per-source ``health`` objects, set by ``crawler.crawl.health`` before ``spider_closed``."""
        self._left: tuple[bool, dict[str, dict[str, Any]] | None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        path = crawler.settings.get("NEWS_SUMMARY_FILE")
        extension = cls(crawler, Path(path) if path else None)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.response_received, signal=signals.response_received)
        crawler.signals.connect(extension.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        self.outputs = [path for path, _ in feed_outputs(self.crawler)]
        for name in getattr(self.crawler.spider, "sources", None) or ():
            self.sources[name]  # noqa: B018 - every source appears in the summary, even one with no request

    def response_received(self, response: Response, request: Request) -> None:
        source = request.meta.get("news_source")
        if source is not None:
            counts = self.sources[source]
            counts.responses[response.status] += 1
            counts.last_activity = time.monotonic()

    def item_dropped(self, item: Any, exception: BaseException) -> None:
        """``item`` is what the spider yielded (a ``PageItem``), whichever pipeline dropped it."""
        source = getattr(item, "source", None)
        if not isinstance(source, str):
            return
        kind, reason = drop_kind(str(exception))
        counts = self.sources[source]
        if kind == "duplicates":
            counts.duplicates[reason] += 1
        elif kind == "unchanged":
            counts.unchanged += 1
        else:
            counts.dropped[reason] += 1

    def build(self, stats: dict[str, Any], reason: str) -> dict[str, Any]:
        now = time.monotonic()
        run_id, started = run_start(self.crawler)
        sources = {
            name: self._source(name, counts, stats, now) for name, counts in sorted(self.sources.items())
        }
        for name, health in self.health.items():
            if name in sources:
                sources[name]["health"] = health
        return {
            "failing_sources": sorted(n for n, h in self.health.items() if h["status"] == "failing"),
            "run_id": run_id,
            "started": started.isoformat(),
            "finish_reason": reason,
            "elapsed_seconds": round(now - self.started, 3),
            "outputs": [str(path) for path in written_outputs(self.crawler)],
            "state": state_location(self.crawler.settings),
            "full_recrawl": get_bool(self.crawler.settings, "NEWS_FULL_RECRAWL"),
            "articles_emitted": {
                "new": int(stats.get("news/emitted/new", 0)),
                "updated": int(stats.get("news/emitted/updated", 0)),
            },
            "failed_sources": [name for name, source in sources.items() if source["failed"]],
            "sources": sources,
        }

    def _source(self, name: str, counts: SourceCounts, stats: dict[str, Any], now: float) -> dict[str, Any]:
        prefix = f"news/source/{name}/"

        def stat(key: str) -> int:
            return int(stats.get(prefix + key, 0))

        failed_requests = {
            key[len(prefix + "errors/") :]: int(value)
            for key, value in stats.items()
            if key.startswith(prefix + "errors/")
        }
        errors: dict[str, dict[str, int]] = defaultdict(dict)
        for key, value in stats.items():
            if key.startswith(prefix + "failed/"):
                role, _, kind = key[len(prefix + "failed/") :].partition("/")
                errors[role][kind] = int(value)
        fetched = sum(n for status, n in counts.responses.items() if 200 <= status < 300)
        succeeded = fetched + stat("not_modified") + stat("skipped/unchanged")
        end = counts.last_activity if counts.last_activity is not None else now
        return {
            "pages_fetched": fetched,
            "not_modified": stat("not_modified"),
            "conditional_requests": stat("conditional"),
            "skipped_unchanged": stat("skipped/unchanged"),
            "followed_links": stat("followed_links"),
            "articles_emitted": {"new": stat("emitted/new"), "updated": stat("emitted/updated")},
            "unchanged": counts.unchanged,
            "dropped": dict(sorted(counts.dropped.items())),
            "duplicates": dict(sorted(counts.duplicates.items())),
            "http_errors": {str(s): n for s, n in sorted(counts.responses.items()) if s >= 400},
            "failed_requests": dict(sorted(failed_requests.items())),
            "errors": {role: dict(sorted(kinds.items())) for role, kinds in sorted(errors.items())},
            "robots_denied": failed_requests.get("robots_denied", 0),
            "ssrf_blocked": failed_requests.get("ssrf", 0),
            "elapsed_seconds": round(end - self.started, 3),
            "failed": succeeded == 0 and sum(failed_requests.values()) > 0,
        }

    def paths(self, summary: dict[str, Any]) -> list[Path]:
        """Beside the first output written; beside the planned one if the run failed and wrote none."""
        outputs = [Path(path) for path in summary["outputs"]]
        if not outputs and (summary["failed_sources"] or summary["finish_reason"] != "finished"):
            outputs = self.outputs
        paths = [path.with_name(path.name.rsplit(".", 1)[0] + ".summary.json") for path in outputs[:1]]
        if self.extra_path is not None:
            paths.append(self.extra_path)
        return paths

    def leave_shared_run(self, summary: dict[str, Any], reason: str) -> tuple[bool, dict[str, dict[str, Any]] | None]:
        """Leave the run shared over Redis with this worker's ``summary``, once (the run health leaves
        first, with what it measured): (whether the run is shared, every worker's summary when this
        worker was the last of the run, else None)."""
        if self._left is None:
            knowledge = self.crawler.get_extension(CrawlKnowledge)
            if knowledge is None or knowledge.shared_run is None:
                self._left = (False, None)
            else:
                part = {**summary, "worker": knowledge.shared_run.worker, "run_complete": False}
                self._left = (True, knowledge.conclude_shared_run(part, reason))
        return self._left

    def spider_closed(self, reason: str) -> None:
        self.summary = self.build(dict(self.crawler.stats.get_stats()), reason)
        paths = self.paths(self.summary)
        self.summary["summary_files"] = [str(path) for path in paths]
        knowledge = self.crawler.get_extension(CrawlKnowledge)
        shared, everyone = self.leave_shared_run(self.summary, reason)
        if shared:
            self.summary["worker"] = knowledge.shared_run.worker  # type: ignore[union-attr]
            self.summary["run_complete"] = False  # this worker's part; the last worker writes the run's
            if everyone is not None:
                self.summary = merge_summaries(self.summary, everyone)
        if knowledge is not None and self.summary.get("run_complete", True):
            # its spider_closed (connected first) has finished the run: add the summary
            knowledge.store_summary(self.summary["run_id"], reason, self.summary)
        text = json.dumps(self.summary, indent=1, sort_keys=True)
        for path in paths:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                partial = path.with_name(path.name + ".partial")
                partial.write_text(text + "\n", encoding="utf-8")
                os.replace(partial, path)  # whole or absent, never half written
            except OSError as exc:
                logger.error("Cannot write the run summary %s: %s", path, exc)
        for name in self.summary["failed_sources"]:
            logger.error("Source %r failed entirely: no request succeeded", name)
