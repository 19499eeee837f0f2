"""Benchmark datasets, read in place in either of the two supported formats.

``ace``: ``ground-truth.json`` maps id -> ``{"articleBody": text, "url": url}``; pages are
``html/<id>.html.gz``.

``snippets``: ``evaldata.json`` maps url -> ``{"file": name, "with": [...], "without": [...], ...}``
with optional gold metadata (``title``, ``author``, ``date``, ``sitename``, ``language``); pages are
``pages/<file>.gz``. A page's id is its evaldata key (usually its URL; a few keys such as
``hard::name.html`` are not URLs, and those pages are extracted without a URL).
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path

ACE = "ace"
SNIPPETS = "snippets"

META_FIELDS = ("title", "authors", "date", "language", "sitename")
"""Metadata fields scored when the gold has them (gold key ``author`` for ``authors``)."""
_GOLD_KEYS = {"authors": "author"}


class DatasetError(ValueError):
    """The directory is not a dataset in a known format."""


@dataclass
class Page:
    """One page of a dataset: where its HTML is and what the gold says about it."""

    id: str
    url: str | None
    path: Path
    body: str | None = None
    """ACE: the gold article text."""
    with_snippets: list[str] = field(default_factory=list)
    """Snippet set: fragments that must appear in the text."""
    without_snippets: list[str] = field(default_factory=list)
    """Snippet set: boilerplate fragments that must not appear in the text."""
    meta: dict[str, str] = field(default_factory=dict)
    """Gold metadata, keyed by ``META_FIELDS`` names, only non-empty values."""

    def html(self) -> bytes:
        """The page's bytes, as served (gunzipped)."""
        return gzip.decompress(self.path.read_bytes())


@dataclass
class Dataset:
    name: str
    format: str
    pages: list[Page]


def detect_format(directory: Path) -> str:
    if (directory / "ground-truth.json").is_file():
        return ACE
    if (directory / "evaldata.json").is_file():
        return SNIPPETS
    raise DatasetError(f"{directory}: neither ground-truth.json (ACE) nor evaldata.json (snippets) found")


def load_dataset(directory: str | Path, limit: int | None = None) -> Dataset:
    """Read the gold of a dataset directory; the pages' HTML is read lazily by ``Page.html()``."""
    directory = Path(directory)
    fmt = detect_format(directory)
    pages = _ace_pages(directory) if fmt == ACE else _snippet_pages(directory)
    if limit is not None:
        pages = pages[:limit]
    return Dataset(name=directory.name, format=fmt, pages=pages)


def _ace_pages(directory: Path) -> list[Page]:
    truth = json.loads((directory / "ground-truth.json").read_text("utf-8"))
    return [
        Page(
            id=page_id,
            url=entry.get("url"),
            path=directory / "html" / f"{page_id}.html.gz",
            body=entry.get("articleBody") or "",
        )
        for page_id, entry in sorted(truth.items())
    ]


def _snippet_pages(directory: Path) -> list[Page]:
    evaldata = json.loads((directory / "evaldata.json").read_text("utf-8"))
    pages = []
    for key, entry in evaldata.items():
        meta = {}
        for name in META_FIELDS:
            value = entry.get(_GOLD_KEYS.get(name, name))
            if value:
                meta[name] = value
        pages.append(
            Page(
                id=key,
                url=key if key.startswith(("http://", "https://")) else None,
                path=directory / "pages" / f"{entry['file']}.gz",
                with_snippets=list(entry.get("with") or []),
                without_snippets=list(entry.get("without") or []),
                meta=meta,
            )
        )
    return pages
