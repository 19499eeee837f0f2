"""The fixture corpus: saved news pages with their expected article records.

Layout (Fundus style)::

    fixtures/<site>/<Name>.html[.gz]   the page as served (raw bytes, any charset)
    fixtures/<site>/<Name>.json        the expected record (sorted keys) plus a "checks" object
    fixtures/<site>/meta.info          JSON: {"<Name>.html[.gz]": {"crawl_date": ..., "url": ...}}

An expected JSON holds every field of ``crawler.Article`` and ``"checks": {"must_contain": [...],
"must_not_contain": [...]}``, text fragments that the extracted text must (not) contain. A page
that is not an article has ``{"not_an_article": "<reason>", "checks": {...}}`` instead of the
record fields.

The corpus is found through ``Path(__file__)`` (``crawler/tools/`` -> repository root ``fixtures/``),
never through the current directory; ``default_dir()`` is that folder when it belongs to a checkout
(``crawler fixtures --dir DIR`` works on any other). Site and fixture names are slugs, so the files of
a fixture always stay inside its folder.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.common.urls import site_of
from crawler.extraction.errors import NotAnArticle
from crawler.extraction.extract import extract_article
from crawler.items import Article

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures"
META_FILE = "meta.info"
RECORD_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Article))
NOT_AN_ARTICLE = "not_an_article"
CHECKS = "checks"
_PAGE_SUFFIXES = (".html.gz", ".html")
SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
"""A site folder or fixture name: one path component, never ``.``/``..``/hidden, at most 100 characters."""


def default_dir() -> Path | None:
    """The repository's ``fixtures/`` when this code runs from a checkout (beside ``pyproject.toml``), else None:
    an installed package has no corpus of its own to write into."""
    return FIXTURES_DIR if (FIXTURES_DIR.parent / "pyproject.toml").is_file() else None


def check_slug(kind: str, value: str) -> str:
    """``value`` if it is a slug; ValueError naming it otherwise."""
    if not SLUG.fullmatch(value):
        raise ValueError(
            f"{kind} {value!r} is not a slug (letters, digits, '.', '_' and '-', starting with a letter or "
            "digit, at most 100 characters)"
        )
    return value


@dataclass
class Fixture:
    """One saved page: where it came from, its bytes and its expected record."""

    site: str
    name: str
    page_path: Path
    url: str
    crawl_date: str

    @property
    def id(self) -> str:
        return f"{self.site}/{self.name}"

    @property
    def expected_path(self) -> Path:
        return self.page_path.parent / f"{self.name}.json"

    @cached_property
    def html(self) -> bytes:
        data = self.page_path.read_bytes()
        return gzip.decompress(data) if self.page_path.name.endswith(".gz") else data

    @property
    def expected(self) -> dict[str, Any]:
        """The expected JSON, read afresh on each access (``update`` rewrites it)."""
        return json.loads(self.expected_path.read_text(encoding="utf-8"))

    @property
    def checks(self) -> dict[str, list[str]]:
        checks = self.expected.get(CHECKS) or {}
        return {
            "must_contain": list(checks.get("must_contain", [])),
            "must_not_contain": list(checks.get("must_not_contain", [])),
        }

    @property
    def expected_record(self) -> dict[str, Any] | None:
        """The expected record fields, or None when the page is expected not to be an article."""
        expected = self.expected
        if NOT_AN_ARTICLE in expected:
            return None
        return {key: expected.get(key) for key in RECORD_FIELDS}

    def extract(self) -> dict[str, Any] | NotAnArticle:
        """The current output for this page: a record dict, or the NotAnArticle raised."""
        try:
            article = extract_article(self.html, self.url)
        except NotAnArticle as exc:
            return exc
        return dataclasses.asdict(article)


def _split_page_name(filename: str) -> str | None:
    for suffix in _PAGE_SUFFIXES:
        if filename.endswith(suffix):
            return filename[: -len(suffix)]
    return None


def read_meta(site_dir: Path) -> dict[str, dict[str, str]]:
    path = site_dir / META_FILE
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def write_meta(site_dir: Path, meta: dict[str, dict[str, str]]) -> None:
    (site_dir / META_FILE).write_text(dump_json(meta), encoding="utf-8")


def dump_json(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def iter_fixtures(root: Path | None = None, select: str | None = None) -> Iterator[Fixture]:
    """Every fixture under ``root`` (default: the repository's ``fixtures/``), sorted by id.

    ``select`` keeps the fixtures whose id (``site/name``), site or name equals it.
    """
    root = FIXTURES_DIR if root is None else Path(root)
    for site_dir in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        meta = read_meta(site_dir)
        for filename in sorted(meta):
            name = _split_page_name(filename)
            if name is None:
                raise ValueError(f"{site_dir / META_FILE}: {filename!r} is not an .html or .html.gz page")
            fixture = Fixture(
                site=site_dir.name,
                name=name,
                page_path=site_dir / filename,
                url=meta[filename]["url"],
                crawl_date=meta[filename]["crawl_date"],
            )
            if select is None or select in (fixture.id, fixture.site, fixture.name):
                yield fixture


# --- comparing ---------------------------------------------------------------------------------


def _field_lines(key: str, value: Any) -> list[str]:
    if key == "text" and isinstance(value, str):
        return value.split("\n")
    return [json.dumps(value, ensure_ascii=False, sort_keys=True)]


def diff_fixture(fixture: Fixture) -> str:
    """A readable unified diff (expected -> actual) of everything that differs; "" when equal."""
    actual = fixture.extract()
    expected_record = fixture.expected_record
    parts: list[str] = []
    if isinstance(actual, NotAnArticle):
        if expected_record is None:
            if actual.reason != fixture.expected[NOT_AN_ARTICLE]:
                parts.append(f"not_an_article: expected {fixture.expected[NOT_AN_ARTICLE]!r}, got {actual.reason!r}")
        else:
            parts.append(f"expected an article, got NotAnArticle({actual.reason!r}): {actual.detail}")
        return "\n".join(parts)
    if expected_record is None:
        return (
            f"expected NotAnArticle({fixture.expected[NOT_AN_ARTICLE]!r}), got an article: "
            f"title={actual.get('title')!r}, {actual.get('word_count')} words"
        )
    for key in RECORD_FIELDS:
        if expected_record[key] == actual[key]:
            continue
        diff = difflib.unified_diff(
            _field_lines(key, expected_record[key]),
            _field_lines(key, actual[key]),
            fromfile=f"expected {key}",
            tofile=f"actual {key}",
            lineterm="",
            n=1,
        )
        parts.append("\n".join(diff))
    text = actual.get("text") or ""
    for fragment in fixture.checks["must_contain"]:
        if fragment not in text:
            parts.append(f"text lacks must_contain fragment: {fragment!r}")
    for fragment in fixture.checks["must_not_contain"]:
        if fragment in text:
            parts.append(f"text holds must_not_contain fragment: {fragment!r}")
    return "\n".join(parts)


def check(root: Path | None = None, select: str | None = None) -> dict[str, str]:
    """Diff of every selected fixture, by id (empty string: the fixture passes)."""
    return {fixture.id: diff_fixture(fixture) for fixture in iter_fixtures(root, select)}


# --- re-blessing and adding --------------------------------------------------------------------


def current_expected(fixture: Fixture) -> dict[str, Any]:
    """The expected JSON as the current extractor would write it, keeping the checks lists."""
    actual = fixture.extract()
    checks = fixture.checks if fixture.expected_path.exists() else {"must_contain": [], "must_not_contain": []}
    if isinstance(actual, NotAnArticle):
        return {NOT_AN_ARTICLE: actual.reason, CHECKS: checks}
    return {**actual, CHECKS: checks}


def update(root: Path | None = None, select: str | None = None) -> list[str]:
    """Rewrite the expected JSON of the selected fixtures from current output; returns changed ids."""
    changed = []
    for fixture in iter_fixtures(root, select):
        new = dump_json(current_expected(fixture))
        path = fixture.expected_path
        if not path.exists() or path.read_text(encoding="utf-8") != new:
            path.write_text(new, encoding="utf-8")
            changed.append(fixture.id)
    return changed


def site_from_url(url: str) -> str:
    host = site_of(url) or "site"
    return re.sub(r"[^a-z0-9]+", "_", host).strip("_") or "site"


def name_from_url(url: str) -> str:
    segments = [s for s in urlsplit(url).path.split("/") if s and s not in ("index.html", "index.htm")]
    slug = segments[-1] if segments else "index"
    slug = re.sub(r"\.html?$", "", slug)
    return re.sub(r"[^A-Za-z0-9]+", "_", slug).strip("_")[:80] or "index"


def add(
    html: bytes,
    url: str,
    site: str | None = None,
    name: str | None = None,
    root: Path | None = None,
    crawl_date: str | None = None,
) -> Fixture:
    """Save a page as a new fixture (gzipped), with its meta.info entry and current record for review.

    ValueError when ``site`` or ``name`` is not a slug (nothing is written); FileExistsError when the
    fixture exists.
    """
    root = FIXTURES_DIR if root is None else Path(root)
    site = check_slug("site", site if site is not None else site_from_url(url))
    name = check_slug("name", name if name is not None else name_from_url(url))
    site_dir = root / site
    if not site_dir.resolve().is_relative_to(root.resolve()):  # a symlinked site folder pointing elsewhere
        raise ValueError(f"site folder {site_dir} resolves outside {root}")
    site_dir.mkdir(parents=True, exist_ok=True)
    filename = f"{name}.html.gz"
    meta = read_meta(site_dir)
    if filename in meta or any(_split_page_name(f) == name for f in meta):
        raise FileExistsError(f"fixture {site}/{name} exists already")
    page_path = site_dir / filename
    page_path.write_bytes(gzip.compress(html, mtime=0))
    meta[filename] = {"crawl_date": crawl_date or dt.date.today().isoformat(), "url": url}
    write_meta(site_dir, meta)
    fixture = Fixture(site=site, name=name, page_path=page_path, url=url, crawl_date=meta[filename]["crawl_date"])
    fixture.expected_path.write_text(dump_json(current_expected(fixture)), encoding="utf-8")
    return fixture
