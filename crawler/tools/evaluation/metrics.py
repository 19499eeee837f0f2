"""The benchmark's metrics, as the shared evaluation tools define them (re-implemented here).

* ACE (article-extraction benchmark): texts become ``\\w+`` tokens, tokens become a multiset of
  4-token shingles (1-3 tokens make one short shingle). Per page: tp = shared shingles, fp = extra
  predicted ones, fn = missed ones. Precision is the mean of per-page precisions over pages whose
  prediction has shingles (an empty prediction only costs recall), recall the mean over pages whose
  gold has shingles, F1 the harmonic mean of the two means.
* Snippets (trafilatura's evaluation set): after collapsing whitespace, a "with" snippet found in the
  text is a true positive (missing: false negative), a "without" snippet found is a false positive
  (absent: true negative). Counts are summed over all pages.
* Metadata: exact match after Unicode NFC, ASCII folding of typographic dashes, quotes and
  ellipses, and whitespace collapsing; authors match as case-insensitive sets of names; dates on
  their ``YYYY-MM-DD`` part; languages on their primary subtag.
"""
from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+")


# --- ACE shingle metric -------------------------------------------------------------------------


@dataclass(frozen=True)
class ShingleCounts:
    tp: int
    fp: int
    fn: int
    exact: bool

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float:
        """Per-page F1 (2tp / (2tp + fp + fn)), used to rank the worst pages."""
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else 1.0


def _token_matches(text: str | None) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text or ""))


def _shingles(tokens: Sequence[str]) -> list[tuple[str, ...]]:
    if not tokens:
        return []
    if len(tokens) < SHINGLE_SIZE:
        return [tuple(tokens)]
    return [tuple(tokens[i : i + SHINGLE_SIZE]) for i in range(len(tokens) - SHINGLE_SIZE + 1)]


def shingle_counts(gold: str | None, predicted: str | None) -> ShingleCounts:
    gold_tokens = [m.group() for m in _token_matches(gold)]
    pred_tokens = [m.group() for m in _token_matches(predicted)]
    gold_set, pred_set = Counter(_shingles(gold_tokens)), Counter(_shingles(pred_tokens))
    tp = sum((gold_set & pred_set).values())
    return ShingleCounts(
        tp=tp,
        fp=sum(pred_set.values()) - tp,
        fn=sum(gold_set.values()) - tp,
        exact=gold_tokens == pred_tokens,
    )


def ace_summary(pages: Iterable[ShingleCounts]) -> dict[str, float]:
    """precision, recall, f1 and accuracy over pages, as the ACE benchmark averages them."""
    pages = list(pages)
    precisions = [p.precision for p in pages if p.precision is not None]
    recalls = [p.recall for p in pages if p.recall is not None]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = statistics.fmean(p.exact for p in pages) if pages else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "accuracy": accuracy}


def unmatched_spans(text: str | None, other: str | None, top: int = 3) -> list[str]:
    """The longest runs of ``text`` not covered by shingles it shares with ``other``.

    With ``text`` = gold and ``other`` = prediction these are the missed spans; the other way round,
    the leaked ones.
    """
    if not text:
        return []
    matches = _token_matches(text)
    tokens = [m.group() for m in matches]
    available = Counter(_shingles([m.group() for m in _token_matches(other)]))
    covered = [False] * len(tokens)
    width = min(SHINGLE_SIZE, len(tokens))
    for start, shingle in enumerate(_shingles(tokens)):
        if available[shingle] > 0:
            available[shingle] -= 1
            covered[start : start + width] = [True] * width
    runs: list[tuple[int, int]] = []
    start = None
    for index, is_covered in enumerate([*covered, True]):
        if not is_covered and start is None:
            start = index
        elif is_covered and start is not None:
            runs.append((start, index))
            start = None
    runs.sort(key=lambda run: (run[0] - run[1], run[0]))
    return [text[matches[a].start() : matches[b - 1].end()] for a, b in runs[:top]]


# --- snippet metric -----------------------------------------------------------------------------


def _collapse(text: str | None) -> str:
    return " ".join((text or "").split())


@dataclass(frozen=True)
class SnippetCounts:
    tp: int
    fp: int
    fn: int
    tn: int
    missed: tuple[str, ...] = ()
    """"with" snippets absent from the text."""
    leaked: tuple[str, ...] = ()
    """"without" snippets found in the text."""

    @property
    def errors(self) -> int:
        return self.fp + self.fn

    @property
    def f(self) -> float:
        """This page's own F-score (1.0 for a page with no snippet to find or leak)."""
        if not self.tp + self.fp + self.fn:
            return 1.0
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)


def snippet_counts(with_snippets: Sequence[str], without_snippets: Sequence[str], text: str | None) -> SnippetCounts:
    haystack = _collapse(text)
    missed = tuple(s for s in with_snippets if _collapse(s) not in haystack)
    leaked = tuple(s for s in without_snippets if _collapse(s) in haystack)
    return SnippetCounts(
        tp=len(with_snippets) - len(missed),
        fp=len(leaked),
        fn=len(missed),
        tn=len(without_snippets) - len(leaked),
        missed=missed,
        leaked=leaked,
    )


def snippet_summary(pages: Iterable[SnippetCounts]) -> dict[str, float]:
    """precision, recall, f and accuracy over the snippet counts summed over all pages."""
    tp = fp = fn = tn = 0
    for page in pages:
        tp, fp, fn, tn = tp + page.tp, fp + page.fp, fn + page.fn, tn + page.tn
    total = tp + fp + fn + tn
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "f": 2 * tp / (2 * tp + fp + fn) if tp else 0.0,
        "accuracy": (tp + tn) / total if total else 0.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
    }


# --- metadata exact match -----------------------------------------------------------------------

_ASCII_FOLD = str.maketrans(
    {
        "\u2013": "-", "\u2014": "-", "\u2212": "-",
        "\u2018": "'", "\u2019": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
        "\u00a0": " ", "\u2026": "...",
    }
)  # fmt: skip
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def normalise_value(value: object) -> str:
    text = unicodedata.normalize("NFC", str(value or "")).translate(_ASCII_FOLD)
    return _collapse(text)


def _name_set(value: str | Sequence[str] | None) -> set[str]:
    names = value.split(";") if isinstance(value, str) else (value or [])
    return {normalise_value(name).lower() for name in names} - {""}


def meta_matches(field: str, gold: object, predicted: object) -> bool:
    """Whether ``predicted`` is an exact match of the non-empty ``gold`` value of ``field``."""
    if field == "authors":
        return _name_set(gold) == _name_set(predicted)  # type: ignore[arg-type]
    if field == "date":
        day = _ISO_DAY.search(str(predicted or ""))
        return day is not None and day.group() == str(gold)[:10]
    if field == "language":
        def primary(value: object) -> str:
            return re.split(r"[-_]", normalise_value(value).lower())[0]

        return primary(gold) == primary(predicted) != ""
    return normalise_value(gold) == normalise_value(predicted)
