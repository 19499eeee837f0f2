"""Site boilerplate learned from repetition: lines that recur on many pages of one site.

Generic rules miss a site's own furniture when its markup looks like text: "Download our app for
iOS and Android", an author's bio line, a membership pitch, a press office's standard paragraph.
Such a line recurs on a large share of the site's pages; an article sentence does not. The crawl
counts, per site (host name without ``www.``), on how many pages each text line occurs, and strips
a line once it occurs on at least ``min_pages`` pages and ``min_share`` of the pages seen. Counts
decay (halve every ``window`` pages), so memory stays bounded and a redesigned site is relearned.

Two guards keep articles whole: near-duplicate versions of one story (an update at a new URL)
share most lines, so a page whose known-boilerplate lines would be more than ``max_strip_share`` of
its text keeps them all; and lines longer than ``MAX_LINE_CHARS`` (article paragraphs) are never
counted. The counts persist in the crawl state (``SiteLinesStore``, implemented by the state's
``StateBackend``), so scheduled runs strip consistently from their first page.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

MAX_LINE_CHARS = 400
"""Longer lines are article paragraphs, not furniture: never counted, never stripped."""
MIN_LINE_CHARS = 2

_DIGITS = re.compile(r"\d+")


def line_key(line: str) -> int | None:
    """A signed 64-bit key for a text line (case, spacing and numbers ignored), None if not countable."""
    return _key(_DIGITS.sub("0", line).casefold())


def _key(folded: str) -> int | None:
    """``line_key`` of a line whose numbers are already ``0`` and whose case is folded."""
    # " ".join(split()) changes nothing on a line without leading, trailing or double spaces and without
    # other whitespace (every whitespace character but " " is unprintable): most lines, kept whole
    if not (folded.isprintable() and "  " not in folded and folded[:1] != " " and folded[-1:] != " "):
        folded = " ".join(folded.split())
    if not MIN_LINE_CHARS <= len(folded) <= MAX_LINE_CHARS:
        return None
    return int.from_bytes(hashlib.blake2b(folded.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def line_keys(text: str) -> dict[str, int]:
    """The key of each countable line of ``text`` (its ``"\\n"``-separated lines): computed once per page,
    in the extract worker, and used both to count the page's lines and to strip them.

    Numbers and case are normalised over the whole text at once: no number spans a line break, and case
    folding maps ``"\\n"`` to itself and nothing else to it, so its lines are the lines' own."""
    folded = _DIGITS.sub("0", text).casefold().split("\n")
    keys = {}
    for line, normal in dict(zip(text.split("\n"), folded, strict=True)).items():  # each line once
        key = _key(normal)
        if key is not None:
            keys[line] = key
    return keys


@dataclass
class SiteLines:
    """What one site's pages have shown: how many pages, and on how many of them each line occurred."""

    pages: float = 0.0
    lines: dict[int, float] = field(default_factory=dict)
    dirty: bool = False
    loaded_pages: float = 0.0
    loaded_lines: dict[int, float] = field(default_factory=dict)
    """What the store held when this process loaded the site (or last saved it): saves add the difference."""
    scale: float = 1.0
    """The decay applied since then (each halving halves it)."""

    def learned_since_loaded(self) -> tuple[float, float, dict[int, float]]:
        """``(scale, pages, {line: pages})`` this process added to what it loaded (its decay included)."""
        lines = {key: count - self.loaded_lines.get(key, 0.0) * self.scale for key, count in self.lines.items()}
        for key, count in self.loaded_lines.items():
            if key not in self.lines:  # decayed away here
                lines[key] = -count * self.scale
        return self.scale, self.pages - self.loaded_pages * self.scale, {k: v for k, v in lines.items() if v}

    def mark_saved(self) -> None:
        self.loaded_pages, self.loaded_lines, self.scale, self.dirty = self.pages, dict(self.lines), 1.0, False


class SiteLinesStore(Protocol):
    """Where learned lines persist between runs (the crawl state)."""

    def load_site_lines(self, site: str) -> tuple[float, dict[int, float]] | None:
        """``(pages seen, {line key: pages it was on})`` learned for ``site``, or None."""

    def add_site_lines(self, sites: Iterable[tuple[str, float, float, Mapping[int, float]]]) -> None:
        """Add ``(site, scale, pages, {line: pages})`` learned since loading: stored counts times ``scale``
        plus these, so several processes learning one site at once all count."""


@dataclass
class StripResult:
    text: str
    removed: int
    """Lines removed (0 when nothing was known, or when the guard kept the page whole)."""
    guarded: bool = False
    """True when known lines were most of the page (a near-duplicate version) and were kept."""


class SiteBoilerplate:
    """Per-site line counts, learned as pages pass and optionally persisted in a ``SiteLinesStore``."""

    def __init__(
        self,
        min_pages: int = 3,
        min_share: float = 0.1,
        max_strip_share: float = 0.4,
        window: int = 400,
    ) -> None:
        self.min_pages = min_pages
        self.min_share = min_share
        self.max_strip_share = max_strip_share
        self.window = window
        self.store: SiteLinesStore | None = None
        self.sites: dict[str, SiteLines] = {}

    def attach(self, store: SiteLinesStore) -> None:
        """Load sites from, and save them to, this store."""
        self.store = store

    def _site(self, site: str) -> SiteLines:
        known = self.sites.get(site)
        if known is None:
            known = self.sites[site] = self._load(site)
        return known

    def _load(self, site: str) -> SiteLines:
        known = self.store.load_site_lines(site) if self.store is not None else None
        if known is None:
            return SiteLines()
        pages, lines = known
        return SiteLines(pages=pages, lines=lines, loaded_pages=pages, loaded_lines=dict(lines))

    def observe(self, site: str, text: str, keys: dict[str, int] | None = None) -> None:
        """Count the lines of one page of ``site`` (each line once per page); ``keys``: ``line_keys(text)``."""
        state = self._site(site)
        lines = state.lines
        for key in set((keys if keys is not None else line_keys(text)).values()):
            lines[key] = lines.get(key, 0.0) + 1.0
        state.pages += 1.0
        state.dirty = True
        if state.pages >= self.window:
            self._decay(state)

    @staticmethod
    def _decay(state: SiteLines) -> None:
        # halve everything; lines seen on a single page of the window disappear
        state.pages /= 2
        state.lines = {key: count / 2 for key, count in state.lines.items() if count >= 2}
        state.scale /= 2

    def is_boilerplate(self, state: SiteLines, key: int | None) -> bool:
        if key is None:
            return False
        count = state.lines.get(key, 0.0)
        return count >= self.min_pages and count >= self.min_share * state.pages

    def strip(self, site: str, text: str, keys: dict[str, int] | None = None) -> StripResult:
        """``text`` without the lines learned as ``site``'s boilerplate (blocks left empty go too);
        ``keys``: ``line_keys(text)``."""
        state = self._site(site)
        if not state.lines:
            return StripResult(text, 0)
        if keys is None:
            keys = line_keys(text)
        removed = 0
        removed_chars = 0
        blocks = []
        for block in text.split("\n\n"):
            kept = []
            for line in block.split("\n"):
                if self.is_boilerplate(state, keys.get(line)):
                    removed += 1
                    removed_chars += len(line)
                else:
                    kept.append(line)
            if kept:
                blocks.append("\n".join(kept))
        if not removed:
            return StripResult(text, 0)
        if removed_chars > self.max_strip_share * len(text):
            return StripResult(text, 0, guarded=True)
        return StripResult("\n\n".join(blocks), removed)

    def save(self) -> None:
        """Add what the changed sites learned to the store (it drops lines seen on fewer than 2 pages)."""
        if self.store is None:
            return
        changed = {site: state for site, state in self.sites.items() if state.dirty}
        self.store.add_site_lines((site, *state.learned_since_loaded()) for site, state in changed.items())
        for state in changed.values():
            state.mark_saved()

    def learned(self, site: str) -> int:
        """How many lines of ``site`` are boilerplate now."""
        state = self._site(site)
        return sum(1 for key in state.lines if self.is_boilerplate(state, key))

