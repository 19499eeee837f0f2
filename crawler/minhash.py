"""Near-duplicate texts: MinHash signatures of word shingles, and LSH bands to find candidates.

``signature(text)`` is a pure function (the extract workers compute it beside the article, off the
reactor thread); ``NearDuplicateIndex`` finds, among the texts added so far, one whose estimated
Jaccard similarity reaches a threshold, without comparing against every text.
"""
from __future__ import annotations

import random
import re
import zlib
from array import array
from collections import defaultdict

SHINGLE_WORDS = 5
BANDS = 8
ROWS = 4
SIZE = BANDS * ROWS
"""Hash functions per signature. With 8 bands of 4 rows a pair at Jaccard 0.8 becomes a candidate with
probability 0.985, a pair at 0.3 with 0.06; candidates are then checked on the whole signature."""
_PRIME = (1 << 61) - 1
_rng = random.Random(20261127)
_PERMUTATIONS = tuple((_rng.randrange(1, _PRIME), _rng.randrange(_PRIME)) for _ in range(SIZE))
_WORD = re.compile(r"\w+")


def shingle_hashes(text: str) -> set[int]:
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        return {zlib.crc32(" ".join(words).encode("utf-8"))}
    return {
        zlib.crc32(" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8"))
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def signature(text: str) -> array:
    """The MinHash signature of a text (``SIZE`` unsigned 64-bit values)."""
    hashes = shingle_hashes(text)
    return array("Q", (min((a * x + b) % _PRIME for x in hashes) for a, b in _PERMUTATIONS))


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
