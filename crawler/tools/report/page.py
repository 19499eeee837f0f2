"""The health report: one self-contained HTML page (inline CSS and SVG, no script, nothing fetched).

One row per source: its status in the latest run, articles written per run (bars, red where the run
failed a check), field coverage over the runs (lines), the failed checks of the latest run with their
values and bounds, and links to the latest run's output and summary files.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from html import escape
from pathlib import Path
from urllib.parse import quote

from crawler.crawl.state.backend import SourceRun
from crawler.tools.report.charts import bars, lines

COVERAGE = {"date_published": "#2e7d32", "authors": "#ef6c00", "title": "#6a1b9a"}
STYLE = """
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:22px;margin:0 0 4px} p.meta{color:#555;margin:0 0 16px}
table{border-collapse:collapse;width:100%} th,td{border-bottom:1px solid #ddd;padding:8px;vertical-align:top;text-align:left}
th{background:#f5f5f5;font-weight:600} td.name{font-weight:600;font-size:15px}
.status{display:inline-block;padding:2px 8px;border-radius:10px;font-weight:700;font-size:12px;letter-spacing:.5px}
.status-ok{background:#e8f5e9;color:#1b5e20} .status-baseline{background:#e3f2fd;color:#0d47a1}
.status-failing{background:#c62828;color:#fff} tr.failing{background:#fff5f5}
ul.failed{margin:0;padding-left:18px;color:#b71c1c} ul.failed li{margin:2px 0}
.legend span{display:inline-block;margin-right:8px;font-size:12px} .legend i{display:inline-block;width:10px;height:3px;margin-right:3px;vertical-align:middle}
.small{color:#555;font-size:12px} a{color:#1565c0}
.strip{margin:4px 0} i.run{display:inline-block;width:9px;height:9px;margin-right:2px;border-radius:2px}
i.run-ok{background:#66bb6a} i.run-baseline{background:#90caf9} i.run-failing{background:#c62828}
"""


def _link(path: str, base: Path) -> str:
    """A link to ``path`` relative to the report's folder (moving both together keeps it working)."""
    try:
        target = os.path.relpath(path, base)
    except ValueError:  # another drive
        target = Path(path).resolve().as_uri()
    return f'<a href="{escape(quote(target))}">{escape(Path(path).name)}</a>'


def _when(stamp: str) -> str:
    try:
        return dt.datetime.fromisoformat(stamp).astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return stamp


def _metric(runs: Sequence[SourceRun], key: str) -> list[float | None]:
    return [run.metrics.get(key) for run in runs]


def source_row(name: str, runs: Sequence[SourceRun], base: Path) -> str:
    """``runs``: the source's recorded runs, oldest first (at least one)."""
    latest = runs[-1]
    status = latest.health.get("status", "baseline")
    failing = [run.health.get("status") == "failing" for run in runs]
    articles = bars(
        _metric(runs, "articles_written"),
        label=f"{name}: articles written (bars) and seen (line) per run",
        source=name,
        marks=failing,
        overlay=_metric(runs, "articles_seen"),
    )
    strip = "".join(
        f'<i class="run run-{escape(run.health.get("status", "baseline"))}" title="{escape(run.run_id)}"></i>'
        for run in runs
    )
    coverage = lines(
        {field: _metric(runs, f"coverage_{field}") for field in COVERAGE},
        COVERAGE,
        label=f"{name}: field coverage per run",
        source=name,
    )
    legend = "".join(f'<span><i style="background:{c}"></i>{escape(f)}</span>' for f, c in COVERAGE.items())
    failed = "".join(
        f"<li><b>{escape(str(f['check']))}</b> = {escape(str(f['value']))}, expected {escape(str(f['expected']))}</li>"
        for f in latest.health.get("failed", [])
    )
    files = [*latest.files.get("outputs", []), *latest.files.get("summary_files", [])[:1]]
    links = "<br>".join(_link(path, base) for path in files) or '<span class="small">none</span>'
    return (
        f'<tr class="{escape(status)}" data-source="{escape(name)}">'
        f'<td class="name">{escape(name)}</td>'
        f'<td><span class="status status-{escape(status)}">{escape(status.upper())}</span>'
        f'<div class="strip">{strip}</div>'
        f'<div class="small">{len(runs)} runs, last {escape(_when(latest.finished))}<br>{escape(latest.run_id)}</div></td>'
        f"<td>{articles}<div class=\"small\">bars written, line seen; last run: "
        f"{latest.metrics.get('articles_written', 0)} written, {latest.metrics.get('articles_seen', 0)} seen</div></td>"
        f'<td>{coverage}<div class="legend">{legend}</div></td>'
        f'<td>{f"<ul class=failed>{failed}</ul>" if failed else "<span class=small>none</span>"}</td>'
        f"<td>{links}</td></tr>"
    )


def render(history: Mapping[str, Sequence[SourceRun]], state: str, report_path: Path) -> str:
    """The report of ``history`` (per source, its runs oldest first), to be written at ``report_path``."""
    base = report_path.resolve().parent
    rows = "".join(source_row(name, runs, base) for name, runs in sorted(history.items()) if runs)
    failing = sorted(n for n, runs in history.items() if runs and runs[-1].health.get("status") == "failing")
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    summary = f"{len(history)} sources, {len(failing)} failing" + (f": {', '.join(failing)}" if failing else "")
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>News crawl health</title><style>{STYLE}</style></head><body>"
        f"<h1>News crawl health</h1><p class=\"meta\">{escape(summary)} &middot; state {escape(state)} "
        f"&middot; generated {escape(now)}</p>"
        "<table><thead><tr><th>source</th><th>status (runs, oldest first)</th><th>articles per run</th>"
        "<th>field coverage per run</th><th>failed checks (latest run)</th><th>latest files</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></body></html>\n"
    )
