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
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ACE = "ace"
SNIPPETS = "snippets"

META_FIELDS = ("title", "authors", "date", "language", "sitename")
"""Metadata fields scored when the gold has them (gold key ``author`` for ``authors``)."""
_GOLD_KEYS = {"authors": "author"}


ALL, TUNE, VALIDATION = "all", "tune", "validation"
SPLITS = (ALL, TUNE, VALIDATION)
"""Halves of a dataset by site: rules are tuned on ``tune`` and judged on ``validation`` (pages of
sites never looked at while tuning). The assignment is a fixed hash of the site, so a site's pages
are all on one side and the split never changes."""
_ARCHIVED = "web.archive.org"


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
    split: str = ALL


def site_of(page_id: str) -> str:
    """The site a page belongs to: its host without "www." (an archived page's original host;
    for ids that are not URLs, such as ``hard::name.html``, the id itself)."""
    if not page_id.startswith(("http://", "https://")):
        return page_id
    parts = urlsplit(page_id)
    host = (parts.hostname or page_id).lower()
    if host == _ARCHIVED:  # /web/<timestamp>/<original url>
        original = parts.path.split("/", 3)[-1]
        if "://" in original:
            return site_of(original if original.startswith("http") else "http://" + original.split("://", 1)[1])
    return host.removeprefix("www.")


def split_of(page_id: str) -> str:
    """``tune`` or ``validation``: the first byte of the site's sha256, even or odd."""
    return TUNE if hashlib.sha256(site_of(page_id).encode("utf-8")).digest()[0] % 2 == 0 else VALIDATION


def detect_format(directory: Path) -> str:
    if (directory / "ground-truth.json").is_file():
        return ACE
    if (directory / "evaldata.json").is_file():
        return SNIPPETS
    raise DatasetError(f"{directory}: neither ground-truth.json (ACE) nor evaldata.json (snippets) found")


def load_dataset(directory: str | Path, limit: int | None = None, split: str = ALL) -> Dataset:
    """Read the gold of a dataset directory; the pages' HTML is read lazily by ``Page.html()``.

    ``split``: ``all`` pages, or only those of the ``tune`` or ``validation`` half (``split_of``),
    taken before ``limit``."""
    if split not in SPLITS:
        raise DatasetError(f"unknown split {split!r}; known: {', '.join(SPLITS)}")
    directory = Path(directory)
    fmt = detect_format(directory)
    pages = _ace_pages(directory) if fmt == ACE else _snippet_pages(directory)
    if split != ALL:
        pages = [page for page in pages if split_of(page.url or page.id) == split]
    if limit is not None:
        pages = pages[:limit]
    return Dataset(name=directory.name, format=fmt, pages=pages, split=split)


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
