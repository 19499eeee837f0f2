"""Run every system on every page, in one run, and time each call.

Fair timing: each system gets the same input (the page's bytes, as served) and the same URL; the
systems are interleaved page by page (their order rotating from page to page), in one process, each
call timed with ``time.perf_counter``, after one untimed warm-up call per system. With ``jobs > 1``
pages run in a process pool: the texts are the same, the times are not comparable (cores are shared),
so the report leaves timing out in that mode.

trafilatura's own metadata (``bare_extraction(..., with_metadata=True)``) is run and timed separately,
after the text systems, only on pages with gold metadata. Ours comes from the same ``extract_article``
call as our text: metadata is part of our timed call.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import trafilatura
from tqdm import tqdm

from crawler.extraction.errors import NotAnArticle
from crawler.extraction.extract import extract_article
from crawler.tools.evaluation.datasets import Page

OURS = "ours"
TRAFILATURA = "trafilatura"
TRAFILATURA_PRECISION = "trafilatura_precision"

Meta = dict[str, Any]


def _ours(html: bytes, url: str | None) -> tuple[str, Meta]:
    article = extract_article(html, url)
    meta = {
        "title": article.title,
        "authors": list(article.authors),
        "date": article.date_published,
        "language": article.language,
        "sitename": article.sitename,
    }
    return article.text, meta


def _trafilatura(html: bytes, url: str | None) -> tuple[str, None]:
    return trafilatura.extract(html, url=url, include_comments=False) or "", None


def _trafilatura_precision(html: bytes, url: str | None) -> tuple[str, None]:
    return trafilatura.extract(html, url=url, include_comments=False, favor_precision=True) or "", None


def trafilatura_metadata(html: bytes, url: str | None) -> Meta:
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if document is None:
        return {}
    return {
        "title": document.title,
        "authors": document.author,
        "date": document.date,
        "language": getattr(document, "language", None),
        "sitename": document.sitename,
    }


@dataclass(frozen=True)
class System:
    name: str
    label: str
    extract: Callable[[bytes, str | None], tuple[str, Meta | None]]


SYSTEMS: tuple[System, ...] = (
    System(OURS, "ours (extract_article)", _ours),
    System(TRAFILATURA, "trafilatura default", _trafilatura),
    System(TRAFILATURA_PRECISION, "trafilatura favor_precision", _trafilatura_precision),
)


@dataclass
class Output:
    """One system's result on one page."""

    text: str = ""
    ms: float = 0.0
    error: str | None = None
    """``not_an_article:<reason>`` when we declined the page, else the exception of a crash."""
    meta: Meta | None = None


@dataclass
class PageResult:
    page: Page
    outputs: dict[str, Output] = field(default_factory=dict)
    trafilatura_meta: Meta | None = None
    trafilatura_meta_ms: float | None = None


def _timed(system: System, html: bytes, url: str | None) -> Output:
    start = time.perf_counter()
    try:
        text, meta = system.extract(html, url)
        error = None
    except NotAnArticle as exc:
        text, meta, error = "", None, f"not_an_article:{exc.reason}"
    except Exception as exc:  # a crash on one page must not end the benchmark; it is reported
        text, meta, error = "", None, f"{type(exc).__name__}: {exc}"
    elapsed = (time.perf_counter() - start) * 1000
    return Output(text=text, ms=elapsed, error=error, meta=meta)


def select_systems(names: Sequence[str] | None = None) -> tuple[System, ...]:
    """The systems named (all when ``names`` is None), in table order; unknown names are an error."""
    if names is None:
        return SYSTEMS
    unknown = set(names) - {system.name for system in SYSTEMS}
    if unknown:
        raise ValueError(f"unknown systems {sorted(unknown)}; known: {[s.name for s in SYSTEMS]}")
    return tuple(system for system in SYSTEMS if system.name in names)


def run_page(page: Page, rotation: int = 0, names: Sequence[str] | None = None) -> PageResult:
    """The text systems (all, or those named) on one page, in an order rotated by ``rotation``."""
    html = page.html()
    systems = select_systems(names)
    shift = rotation % len(systems)
    result = PageResult(page=page)
    for system in systems[shift:] + systems[:shift]:
        result.outputs[system.name] = _timed(system, html, page.url)
    return result


def _add_trafilatura_meta(result: PageResult) -> None:
    html = result.page.html()
    start = time.perf_counter()
    try:
        result.trafilatura_meta = trafilatura_metadata(html, result.page.url)
    except Exception as exc:  # reported as an empty prediction, like a crash of a text system
        result.trafilatura_meta = {"error": f"{type(exc).__name__}: {exc}"}
    result.trafilatura_meta_ms = (time.perf_counter() - start) * 1000


def _run_page_with_meta(args: tuple[Page, int, bool, Sequence[str] | None]) -> PageResult:
    page, rotation, with_meta, names = args
    result = run_page(page, rotation, names)
    if with_meta and page.meta:
        _add_trafilatura_meta(result)
    return result


def warm_up(page: Page, names: Sequence[str] | None = None, with_meta: bool = True) -> None:
    """One untimed call of every system, so that lazy imports and caches do not land in page 1's time."""
    html = page.html()
    for system in select_systems(names):
        _timed(system, html, page.url)
    if with_meta and page.meta:
        trafilatura_metadata(html, page.url)


def run_pages(
    pages: Sequence[Page],
    *,
    jobs: int = 1,
    with_meta: bool = True,
    progress: bool = True,
    systems: Sequence[str] | None = None,
) -> list[PageResult]:
    """Run the benchmark on ``pages``; results come back in page order.

    The progress bar (stderr) counts calls: one per page for the text systems, plus one per page
    with gold metadata for trafilatura's metadata run.
    """
    steps = len(pages) + (sum(1 for page in pages if page.meta) if with_meta else 0)
    with tqdm(total=steps, desc="bench", unit="call", disable=not progress) as bar:
        if jobs > 1:
            return _run_parallel(pages, jobs, with_meta, systems, bar)
        return _run_serial(pages, with_meta, systems, bar)


def _run_serial(
    pages: Sequence[Page], with_meta: bool, names: Sequence[str] | None, bar: tqdm
) -> list[PageResult]:
    if pages:
        warm_up(pages[0], names, with_meta)
    results = []
    for index, page in enumerate(pages):
        results.append(run_page(page, index, names))
        bar.update(1)
    # trafilatura's metadata run comes after all text runs, so its timing stays separate.
    for result in results:
        if with_meta and result.page.meta:
            _add_trafilatura_meta(result)
            bar.update(1)
    return results


def _run_parallel(
    pages: Sequence[Page], jobs: int, with_meta: bool, names: Sequence[str] | None, bar: tqdm
) -> list[PageResult]:
    tasks = [(page, index, with_meta, names) for index, page in enumerate(pages)]
    results = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for result in pool.map(_run_page_with_meta, tasks, chunksize=4):
            results.append(result)
            bar.update(1 + (result.trafilatura_meta is not None))
    return results
