"""One run summary for a run shared by many workers: each worker's summary, merged by the last to leave.

Counts are summed (per source too), durations take the longest, a flag holds when it holds on every
worker (a source ``failed`` only if it failed everywhere), lists are joined; names and ids come from
the concluding worker's own summary. ``workers`` keeps each worker's summary as it wrote it.
"""
from __future__ import annotations

from typing import Any


def merge_summaries(own: dict[str, Any], summaries: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The run's summary from every worker's (``own``: the concluding worker's, which comes first;
    its copy in ``summaries``, under its ``worker`` name, is not counted twice)."""
    ordered = [own, *(summary for name, summary in summaries.items() if name != own.get("worker"))]
    merged = _merge(ordered)
    merged["failed_sources"] = sorted(name for name, source in merged.get("sources", {}).items() if source.get("failed"))
    merged["failing_sources"] = sorted({name for summary in ordered for name in summary.get("failing_sources", [])})
    reasons = [summary.get("finish_reason") for summary in ordered]
    merged["finish_reason"] = next((reason for reason in reasons if reason != "finished"), "finished")
    merged["workers"] = {name: _public(summary) for name, summary in sorted(summaries.items())}
    merged["run_complete"] = True
    return _public(merged)


def merge_values(values: list[Any]) -> Any:
    """Values of several workers merged as their summaries are: counts summed, dicts key by key."""
    return _merge(values)


PRIVATE = ("health_parts", "workers_killed")
"""What a worker hands the last one besides its summary (crawler.crawl.health): not written."""


def _public(summary: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in summary.items() if key not in PRIVATE}


def _merge(values: list[Any]) -> Any:
    present = [value for value in values if value is not None]
    first = present[0] if present else None
    if isinstance(first, bool):
        return all(bool(value) for value in present)
    if isinstance(first, int) and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return sum(present)
    if isinstance(first, (int, float)) and all(isinstance(v, (int, float)) for v in present):
        return max(present)
    if isinstance(first, dict):
        keys = list(dict.fromkeys(key for value in present if isinstance(value, dict) for key in value))
        return {key: _merge([value.get(key) for value in present if isinstance(value, dict)]) for key in keys}
    if isinstance(first, list):
        return list(dict.fromkeys(item for value in present if isinstance(value, list) for item in value if _hashable(item)))
    return first


def _hashable(item: Any) -> bool:
    try:
        hash(item)
    except TypeError:
        return False
    return True
