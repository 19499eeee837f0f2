"""What the health checks measure of one source in one run: a flat dict of numbers kept in the state.

From the run summary's entry of the source (pages, articles, drops, duplicates, HTTP errors, robots
denials, blocked requests) and from the article pages of the run (``ArticleTally``, filled by
``crawler.crawl.health.pages``: every article extracted, whether written, found unchanged or duplicate,
so that a run whose texts did not change still measures the template; and known article pages that
no longer give an article): field coverage, word counts, texts short compared with their page, and the share of lines
removed as learned site boilerplate.
"""
from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

FIELDS = ("title", "date_published", "authors", "description", "image", "language")
"""Fields whose coverage is measured (share of articles where the field is not empty)."""
REFUSED_STATUSES = ("401", "403", "429", "451")
POLICY_DROPS = frozenset({"too_old"})
"""Drops by the sources file's own rules: not a sign that the page lost its article."""
NON_ERRORS = frozenset({"robots_denied", "ssrf"})
"""Requests never sent by our choice (counted apart: robots denials, blocked requests)."""


@dataclass
class ArticleTally:
    """The articles one source's pages gave in this run."""

    records: int = 0
    fields: Counter[str] = field(default_factory=Counter)
    words: list[int] = field(default_factory=list)
    short: int = 0
    known_refetched: int = 0
    """Known article pages asked for conditionally and answered in full."""
    known_lost: int = 0
    """Of those, pages that gave no article page (a wall, a redirect to the home page...)."""

    def add(self, article: Any, page_bytes: int, short_ratio: float) -> None:
        """``article``: an ``Article`` (or anything with its attributes); ``page_bytes``: its page's size."""
        self.records += 1
        for name in FIELDS:
            if getattr(article, name, None):
                self.fields[name] += 1
        words = int(getattr(article, "word_count", 0) or 0)
        self.words.append(words)
        text = getattr(article, "text", "") or ""
        if page_bytes and len(text) < short_ratio * page_bytes:
            self.short += 1


def _share(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None


def _p10(values: list[int]) -> float:
    ordered = sorted(values)
    return float(ordered[int(0.1 * (len(ordered) - 1))])


def source_metrics(
    entry: Mapping[str, Any], tally: ArticleTally, stats: Mapping[str, Any], name: str
) -> dict[str, Any]:
    """The metrics of source ``name``: ``entry`` is its run summary entry (empty without a summary)."""
    emitted = entry.get("articles_emitted") or {}
    new, updated = int(emitted.get("new", 0)), int(emitted.get("updated", 0))
    unchanged = int(entry.get("unchanged", 0))
    not_modified = int(entry.get("not_modified", 0))
    skipped = int(entry.get("skipped_unchanged", 0))
    dropped = dict(entry.get("dropped") or {})
    duplicates = dict(entry.get("duplicates") or {})
    http_errors = {str(k): int(v) for k, v in (entry.get("http_errors") or {}).items()}
    failed_requests = dict(entry.get("failed_requests") or {})
    fetched = int(entry.get("pages_fetched", 0))
    other_errors = sum(int(v) for k, v in failed_requests.items() if not k.startswith("http_") and k not in NON_ERRORS)
    errors = sum(http_errors.values()) + other_errors
    requests = fetched + not_modified + errors
    refused = sum(http_errors.get(status, 0) for status in REFUSED_STATUSES)
    gave_article = new + updated + unchanged + sum(duplicates.values())
    extracted = gave_article + sum(n for reason, n in dropped.items() if reason not in POLICY_DROPS)
    prefix = f"news/source/{name}/boilerplate/"
    lines = int(stats.get(prefix + "lines", 0))
    metrics: dict[str, Any] = {
        "pages_fetched": fetched,
        "articles_new": new,
        "articles_updated": updated,
        "articles_written": new + updated,
        "unchanged": unchanged,
        "not_modified": not_modified,
        "skipped_unchanged": skipped,
        "articles_seen": new + updated + unchanged + not_modified + skipped,
        "dropped": dropped,
        "duplicates": duplicates,
        "http_errors": http_errors,
        "robots_denied": int(entry.get("robots_denied", 0)),
        "ssrf_blocked": int(entry.get("ssrf_blocked", 0)),
        "failed": bool(entry.get("failed", False)),
        "requests": requests,
        "error_share": _share(errors, requests),
        "refused_share": _share(refused, requests),
        "pages_extracted": extracted,
        "article_yield": _share(gave_article, extracted),
        "known_refetched": tally.known_refetched,
        "known_lost": tally.known_lost,
        "known_lost_share": _share(tally.known_lost, tally.known_refetched),
        "records": tally.records,
        "word_count_median": float(statistics.median(tally.words)) if tally.words else None,
        "word_count_p10": _p10(tally.words) if tally.words else None,
        "short_text_share": _share(tally.short, tally.records),
        "boilerplate_share": _share(int(stats.get(prefix + "lines_removed", 0)), lines),
    }
    for name_ in FIELDS:
        metrics[f"coverage_{name_}"] = _share(tally.fields[name_], tally.records)
    return metrics


def health_parts(tally: ArticleTally, stats: Mapping[str, Any], name: str) -> dict[str, Any]:
    """What one worker of a shared run measured of source ``name``, in a form that sums over workers
    (``crawler.crawl.frontier.summaries.merge_values``): the last worker checks the whole run with it."""
    prefix = f"news/source/{name}/boilerplate/"
    return {
        "records": tally.records, "fields": dict(tally.fields), "short": tally.short,
        "words": dict(Counter(str(words) for words in tally.words)),
        "known_refetched": tally.known_refetched, "known_lost": tally.known_lost,
        "boilerplate_lines": int(stats.get(prefix + "lines", 0)),
        "boilerplate_removed": int(stats.get(prefix + "lines_removed", 0)),
    }


def from_parts(parts: Mapping[str, Any], name: str) -> tuple[ArticleTally, dict[str, int]]:
    """The tally and the boilerplate stats of source ``name`` from merged ``health_parts``."""
    words = [int(value) for value, count in (parts.get("words") or {}).items() for _ in range(int(count))]
    tally = ArticleTally(
        records=int(parts.get("records", 0)), fields=Counter(parts.get("fields") or {}), words=words,
        short=int(parts.get("short", 0)), known_refetched=int(parts.get("known_refetched", 0)),
        known_lost=int(parts.get("known_lost", 0)),
    )
    prefix = f"news/source/{name}/boilerplate/"
    stats = {prefix + "lines": int(parts.get("boilerplate_lines", 0)),
             prefix + "lines_removed": int(parts.get("boilerplate_removed", 0))}
    return tally, stats
