"""Near-duplicate texts: MinHash signatures of word shingles, and LSH bands to find candidates.

``signature(text)`` is a pure function (the extract workers compute it beside the article, off the
reactor thread); ``NearDuplicateIndex`` finds, among the texts added so far, one whose estimated
Jaccard similarity reaches a threshold, without comparing against every text.
"""
from __future__ import annotations

import re
import zlib
from array import array
from collections import defaultdict

SHINGLE_WORDS = 5
BANDS = 16
ROWS = 4
SIZE = BANDS * ROWS
"""Signature length: estimates of Jaccard similarity are within about +-0.05. With 16 bands of 4 rows a
pair at Jaccard 0.8 becomes a candidate with probability 0.9998, a pair at 0.3 with 0.12; candidates are
then checked on the whole signature."""
_MASK = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_BIN_SHIFT = 64 - 6  # the top 6 bits pick one of SIZE = 64 bins
_VALUE_MASK = (1 << _BIN_SHIFT) - 1
_EMPTY = 1 << 64
_WORD = re.compile(r"\w+")


def shingle_hashes(text: str) -> set[int]:
    """32-bit hashes of the text's word 5-shingles (case-folded)."""
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        return {zlib.crc32(" ".join(words).encode("utf-8"))}
    return {
        zlib.crc32(" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8"))
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def signature(text: str) -> array:
    """A MinHash signature by one-permutation hashing: each shingle hash is mixed once, its top bits
    choose one of ``SIZE`` bins and the bin keeps its smallest value; empty bins borrow the next
    filled bin's value (densification), so every position is comparable. One pass over the shingles.
    """
    bins = [_EMPTY] * SIZE
    for x in shingle_hashes(text):
        mixed = (x * _GOLDEN) & _MASK
        index, value = mixed >> _BIN_SHIFT, mixed & _VALUE_MASK
        if value < bins[index]:
            bins[index] = value
    filled = {i for i, v in enumerate(bins) if v != _EMPTY}
    for i in range(SIZE):
        if bins[i] == _EMPTY:
            step = next((k for k in range(1, SIZE) if (i + k) % SIZE in filled), 0)
            bins[i] = bins[(i + step) % SIZE] + step * _VALUE_MASK if step else 0
    return array("Q", bins)


def similarity(a: array, b: array) -> float:
    """Estimated Jaccard similarity: the share of equal signature positions."""
    return sum(1 for x, y in zip(a, b) if x == y) / len(a)


class NearDuplicateIndex:
    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.signatures: list[array] = []
        self.keys: list[str] = []
        self.bands: dict[int, list[int]] = defaultdict(list)

    @staticmethod
    def _band_keys(sig: array) -> list[int]:
        return [hash((band, *sig[band * ROWS : (band + 1) * ROWS])) for band in range(BANDS)]

    def find(self, sig: array) -> str | None:
        """The key of an added text at least ``threshold`` similar, else None."""
        candidates = {index for key in self._band_keys(sig) for index in self.bands.get(key, ())}
        for index in sorted(candidates):
            if similarity(sig, self.signatures[index]) >= self.threshold:
                return self.keys[index]
        return None

    def add(self, sig: array, key: str) -> None:
        self.signatures.append(sig)
        self.keys.append(key)
        for band_key in self._band_keys(sig):
            self.bands[band_key].append(len(self.signatures) - 1)
