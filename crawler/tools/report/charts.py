"""Small inline SVG charts for the health report: no script, no font, no network.

Values are per run, oldest first; ``None`` (not measured in that run) leaves a gap.
"""
from __future__ import annotations

from collections.abc import Sequence
from html import escape

WIDTH, HEIGHT, PAD = 220, 48, 4


def _x(index: int, count: int) -> float:
    step = (WIDTH - 2 * PAD) / max(1, count - 1)
    return PAD + index * step if count > 1 else WIDTH / 2


def _y(value: float, top: float) -> float:
    return HEIGHT - PAD - (HEIGHT - 2 * PAD) * (value / top if top else 0)


def bars(
    values: Sequence[float | None],
    *,
    label: str,
    source: str,
    marks: Sequence[bool] = (),
    overlay: Sequence[float | None] = (),
) -> str:
    """A bar per run (articles written), a grey line of ``overlay`` (articles seen) on the same scale; a
    run in ``marks`` (failing) is drawn red, with a red tick on the axis when its bar is empty."""
    count = len(values)
    top = max([v for v in [*values, *overlay] if v is not None] + [1])
    slot = (WIDTH - 2 * PAD) / max(1, count)
    width = max(2.0, slot - 2)
    parts = []
    for index, value in enumerate(values):
        x = PAD + index * slot
        red = index < len(marks) and marks[index]
        if red:
            parts.append(f'<rect x="{x:.1f}" y="{HEIGHT - PAD:.1f}" width="{width:.1f}" height="3" fill="#c62828"/>')
        if not value:
            continue
        y = _y(value, top)
        colour = "#c62828" if red else "#1565c0"
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{HEIGHT - PAD - y:.1f}" fill="{colour}">'
            f"<title>run {index + 1}: {value:g}</title></rect>"
        )
    points = [(PAD + i * slot + width / 2, _y(v, top)) for i, v in enumerate(overlay) if v is not None]
    if points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#757575" stroke-width="1.5" stroke-dasharray="3 2"/>')
    return _svg(label, source, "".join(parts), f"max {top:g}")


def lines(series: dict[str, Sequence[float | None]], colours: dict[str, str], *, label: str, source: str) -> str:
    """One line per series on a 0-1 scale (field coverage), with points where a run measured it."""
    parts = []
    for order, (name, values) in enumerate(series.items()):
        colour, stroke = colours[name], max(1.5, 5 - 1.75 * order)  # later lines thinner: overlaps stay visible
        points = [(i, v) for i, v in enumerate(values) if v is not None]
        path = " ".join(f"{_x(i, len(values)):.1f},{_y(v, 1.0):.1f}" for i, v in points)
        if len(points) > 1:
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="{stroke}"/>')
        for i, v in points:
            parts.append(
                f'<circle cx="{_x(i, len(values)):.1f}" cy="{_y(v, 1.0):.1f}" r="2.5" fill="{colour}">'
                f"<title>{escape(name)} run {i + 1}: {v:.0%}</title></circle>"
            )
    return _svg(label, source, "".join(parts), "0-100%")


def _svg(label: str, source: str, body: str, scale: str) -> str:
    grid = f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" stroke="#bbb"/>'
    return (
        f'<svg class="chart" data-source="{escape(source)}" role="img" aria-label="{escape(label)}" '
        f'width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(label)} ({escape(scale)})</title>{grid}{body}</svg>"
    )
