"""Score the runner's outputs, summarise them per system, and format the table and the worst pages."""
from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from typing import Any

from crawler.tools.evaluation.datasets import ACE, META_FIELDS, Dataset
from crawler.tools.evaluation.metrics import (
    ShingleCounts,
    SnippetCounts,
    ace_summary,
    meta_matches,
    shingle_counts,
    snippet_counts,
    snippet_summary,
    unmatched_spans,
)
from crawler.tools.evaluation.runner import OURS, SYSTEMS, TRAFILATURA, PageResult

META_SYSTEMS = {OURS: "ours (extract_article)", TRAFILATURA: "trafilatura bare_extraction"}
SPAN_CHARS = 120
BEHIND_MARGIN = 0.15
"""A page where our F is more than this below trafilatura default's counts as one we lose badly."""


@dataclass
class ScoredPage:
    result: PageResult
    ace: dict[str, ShingleCounts] = field(default_factory=dict)
    snippets: dict[str, SnippetCounts] = field(default_factory=dict)
    meta: dict[str, dict[str, bool]] = field(default_factory=dict)
    """system -> field -> exact match, for the fields the gold has."""

    def f(self, fmt: str, system: str) -> float | None:
        """One system's F on this page (ACE: shingle F1; snippets: the page's own snippet F)."""
        counts = (self.ace if fmt == ACE else self.snippets).get(system)
        return None if counts is None else counts.f1 if fmt == ACE else counts.f

    def behind(self, fmt: str) -> float:
        """How far our F is below trafilatura default's on this page (0 when not run or not behind)."""
        ours, theirs = self.f(fmt, OURS), self.f(fmt, TRAFILATURA)
        return max(0.0, theirs - ours) if ours is not None and theirs is not None else 0.0

    def badness(self, fmt: str) -> tuple[float, ...]:
        """Sort key: worst of our pages first."""
        if fmt == ACE:
            return (self.ace[OURS].f1,)
        counts = self.snippets[OURS]
        return (-counts.errors, -counts.fn)


def score(fmt: str, results: list[PageResult]) -> list[ScoredPage]:
    scored = []
    for result in results:
        page, page_score = result.page, ScoredPage(result)
        for name, output in result.outputs.items():
            if fmt == ACE:
                page_score.ace[name] = shingle_counts(page.body, output.text)
            else:
                page_score.snippets[name] = snippet_counts(page.with_snippets, page.without_snippets, output.text)
        if page.meta:
            predictions = {OURS: result.outputs[OURS].meta or {}, TRAFILATURA: result.trafilatura_meta}
            for name, predicted in predictions.items():
                if predicted is not None:
                    page_score.meta[name] = {
                        key: meta_matches(key, gold, predicted.get(key)) for key, gold in page.meta.items()
                    }
        scored.append(page_score)
    return scored


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else 0.0


def _timing(values: list[float]) -> dict[str, float]:
    return {"median_ms": statistics.median(values) if values else 0.0, "p95_ms": percentile(values, 0.95)}


def _systems_run(scored: list[ScoredPage]) -> list[str]:
    ran = scored[0].result.outputs if scored else {}
    return [system.name for system in SYSTEMS if system.name in ran]


def summarize(fmt: str, scored: list[ScoredPage], *, timing: bool) -> dict[str, Any]:
    systems: dict[str, dict[str, Any]] = {}
    for name in _systems_run(scored):
        outputs = [page.result.outputs[name] for page in scored]
        if fmt == ACE:
            row = ace_summary(page.ace[name] for page in scored)
        else:
            row = snippet_summary(page.snippets[name] for page in scored)
        row["errors"] = sum(1 for out in outputs if out.error and not out.error.startswith("not_an_article"))
        row["not_an_article"] = sum(1 for out in outputs if (out.error or "").startswith("not_an_article"))
        if timing:
            row.update(_timing([out.ms for out in outputs]))
        systems[name] = row
    summary: dict[str, Any] = {"format": fmt, "pages": len(scored), "timing": timing, "systems": systems}
    if TRAFILATURA in systems:
        summary["behind_default"] = sum(1 for page in scored if page.behind(fmt) > BEHIND_MARGIN)
    if timing and OURS in systems and systems.get(TRAFILATURA, {}).get("median_ms"):
        summary["median_ratio"] = systems[OURS]["median_ms"] / systems[TRAFILATURA]["median_ms"]
    summary["metadata"] = _meta_summary(scored, timing)
    return summary


def _meta_summary(scored: list[ScoredPage], timing: bool) -> dict[str, Any]:
    with_gold = [page for page in scored if page.result.page.meta]
    if not with_gold:
        return {}
    rates: dict[str, dict[str, dict[str, float]]] = {}
    for name in META_SYSTEMS:
        rates[name] = {}
        for key in META_FIELDS:
            matches = [page.meta[name][key] for page in with_gold if key in page.meta.get(name, {})]
            if matches:
                rates[name][key] = {"hits": sum(matches), "total": len(matches), "rate": sum(matches) / len(matches)}
    out: dict[str, Any] = {"pages": len(with_gold), "rates": rates}
    times = [page.result.trafilatura_meta_ms for page in with_gold]
    if timing and any(t is not None for t in times):
        out["trafilatura_timing"] = _timing([t for t in times if t is not None])
    return out


# --- text report --------------------------------------------------------------------------------


def _shorten(text: str, limit: int = SPAN_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _show(value: object, limit: int) -> str:
    if isinstance(value, (list, tuple)):
        value = "; ".join(map(str, value))
    return repr(_shorten(str(value), limit))


def format_summary(dataset: Dataset, summary: dict[str, Any]) -> str:
    fmt, timing = summary["format"], summary["timing"]
    metric = "ACE shingle" if fmt == ACE else "snippet"
    lines = [f"{dataset.name} [split: {dataset.split}]: {summary['pages']} pages ({metric} metric)"]
    quality = ("precision", "recall", "f1") if fmt == ACE else ("precision", "recall", "f")
    header = f"{'system':<30}" + "".join(f"{name:>10}" for name in quality)
    if fmt != ACE:
        header += f"{'TP/FP/FN/TN':>22}"
    if timing:
        header += f"{'median ms':>11}{'p95 ms':>9}"
    header += f"{'declined':>10}{'errors':>8}"
    lines += [header, "-" * len(header)]
    for system in SYSTEMS:
        if system.name not in summary["systems"]:
            continue
        row = summary["systems"][system.name]
        line = f"{system.label:<30}" + "".join(f"{row[name]:>10.3f}" for name in quality)
        if fmt != ACE:
            line += f"{row['tp']}/{row['fp']}/{row['fn']}/{row['tn']}".rjust(22)
        if timing:
            line += f"{row['median_ms']:>11.1f}{row['p95_ms']:>9.1f}"
        line += f"{row['not_an_article']:>10}{row['errors']:>8}"
        lines.append(line)
    if "median_ratio" in summary:
        lines.append(f"median time, ours / trafilatura default: {summary['median_ratio']:.2f}x")
    elif not timing:
        lines.append("timing: not reported (measured only in one process: --jobs 1)")
    if "behind_default" in summary:
        lines.append(
            f"pages where our F is more than {BEHIND_MARGIN} below trafilatura default's: {summary['behind_default']}"
        )
    lines += _format_meta(summary.get("metadata") or {})
    return "\n".join(lines)


def _format_meta(meta: dict[str, Any]) -> list[str]:
    if not meta:
        return []
    fields = [key for key in META_FIELDS if any(key in rates for rates in meta["rates"].values())]
    lines = ["", f"metadata exact match ({meta['pages']} pages with gold metadata)"]
    header = f"{'system':<30}" + "".join(f"{key:>18}" for key in fields)
    lines += [header, "-" * len(header)]
    for name, label in META_SYSTEMS.items():
        rates = meta["rates"].get(name, {})
        cells = []
        for key in fields:
            cell = rates.get(key)
            cells.append(f"{cell['rate']:.3f} ({cell['hits']}/{cell['total']})" if cell else "-")
        lines.append(f"{label:<30}" + "".join(f"{cell:>18}" for cell in cells))
    if "trafilatura_timing" in meta:
        t = meta["trafilatura_timing"]
        lines.append(
            f"trafilatura bare_extraction(with_metadata=True): median {t['median_ms']:.1f} ms, "
            f"p95 {t['p95_ms']:.1f} ms (timed apart; ours is inside its text timing)"
        )
    return lines


def format_worst(fmt: str, scored: list[ScoredPage], count: int) -> str:
    if count <= 0:
        return ""
    lines = [f"{count} worst pages (ours)"]
    for page in sorted(scored, key=lambda p: p.badness(fmt))[:count]:
        result, ours = page.result, page.result.outputs[OURS]
        where = result.page.url or result.page.id
        if fmt == ACE:
            c, t = page.ace[OURS], page.ace.get(TRAFILATURA)
            beside = f"; trafilatura {t.f1:.3f}" if t else ""
            lines.append(
                f"  F1 {c.f1:.3f} (P {c.precision or 0:.2f} R {c.recall or 0:.2f}{beside})"
                f"  {result.page.id[:12]}  {where}"
            )
            missed = unmatched_spans(result.page.body, ours.text)
            leaked = unmatched_spans(ours.text, result.page.body)
        else:
            s, u = page.snippets[OURS], page.snippets.get(TRAFILATURA)
            beside = f" (trafilatura fp {u.fp} fn {u.fn})" if u else ""
            lines.append(f"  fp {s.fp} fn {s.fn}{beside}  {where}")
            missed, leaked = list(s.missed[:3]), list(s.leaked[:3])
        if ours.error:
            lines.append(f"      error:  {ours.error}")
        lines += [f"      missed: {_shorten(span)}" for span in missed]
        lines += [f"      leaked: {_shorten(span)}" for span in leaked]
    return "\n".join(lines)


def format_behind(fmt: str, scored: list[ScoredPage], count: int) -> str:
    """The pages where we lose most to trafilatura default, by how far our F is below its."""
    behind = sorted((page for page in scored if page.behind(fmt) > 0), key=lambda p: -p.behind(fmt))
    if count <= 0 or not behind:
        return ""
    lines = [f"{min(count, len(behind))} pages where we lose most to trafilatura default"]
    for page in behind[:count]:
        result = page.result
        lines.append(
            f"  F {page.f(fmt, OURS):.3f} vs {page.f(fmt, TRAFILATURA):.3f}  {result.page.url or result.page.id}"
        )
    return "\n".join(lines)


def format_meta_misses(scored: list[ScoredPage], per_field: int) -> str:
    """Our metadata misses per field, those trafilatura got right first."""
    lines = []
    for key in META_FIELDS:
        misses = [p for p in scored if p.meta.get(OURS, {}).get(key) is False]
        if not misses or per_field <= 0:
            continue
        misses.sort(key=lambda p: not p.meta.get(TRAFILATURA, {}).get(key))
        behind = sum(1 for p in misses if p.meta.get(TRAFILATURA, {}).get(key))
        lines.append(f"metadata misses, {key}: {len(misses)} ({behind} where trafilatura is right); first {per_field}:")
        for page in misses[:per_field]:
            got = (page.result.outputs[OURS].meta or {}).get(key)
            traf = (page.result.trafilatura_meta or {}).get(key)
            lines.append(
                f"  want {_show(page.result.page.meta[key], 60)}  got {_show(got, 60)}"
                f"  (trafilatura {_show(traf, 40)})  {page.result.page.url or page.result.page.id}"
            )
    return "\n".join(lines)


# --- JSON ---------------------------------------------------------------------------------------


def to_json(dataset: Dataset, summary: dict[str, Any], scored: list[ScoredPage]) -> dict[str, Any]:
    """Everything per page, for analysis (texts, times, counts, spans, metadata)."""
    pages = []
    for page in scored:
        result = page.result
        systems = {}
        for name, out in result.outputs.items():
            entry: dict[str, Any] = {"text": out.text, "ms": out.ms, "error": out.error}
            if name in page.ace:
                c = page.ace[name]
                entry["ace"] = {"tp": c.tp, "fp": c.fp, "fn": c.fn, "f1": c.f1, "exact": c.exact}
                entry["missed"] = unmatched_spans(result.page.body, out.text, top=5)
                entry["leaked"] = unmatched_spans(out.text, result.page.body, top=5)
            if name in page.snippets:
                s = page.snippets[name]
                entry["snippets"] = {"tp": s.tp, "fp": s.fp, "fn": s.fn, "tn": s.tn}
                entry["missed"], entry["leaked"] = list(s.missed), list(s.leaked)
            systems[name] = entry
        meta = None
        if result.page.meta:
            meta = {
                "gold": result.page.meta,
                OURS: result.outputs[OURS].meta,
                TRAFILATURA: result.trafilatura_meta,
                "trafilatura_ms": result.trafilatura_meta_ms,
                "matches": page.meta,
            }
        pages.append({"id": result.page.id, "url": result.page.url, "systems": systems, "metadata": meta})
    return {"dataset": dataset.name, "format": dataset.format, "summary": summary, "pages": pages}
