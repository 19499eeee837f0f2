"""Near-duplicate texts: MinHash signatures of word shingles, and LSH bands to find candidates.

``signature(text)`` is a pure function (the extract workers compute it beside the article, off the
reactor thread); ``crawler.crawl.keptindex.KeptIndex`` stores the signatures' LSH bands on disk and finds,
among the texts kept so far, one whose estimated Jaccard similarity reaches a threshold, without
comparing against every text.
"""
from __future__ import annotations

import hashlib
import re
import zlib
from array import array
from collections.abc import Iterable

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
_WORD = re.compile(r"[a-z\w]+")
r"""``\w+``: the same words (``[a-z]`` is part of ``\w``), found about 10% faster, as ASCII letters are
then matched by a range before the Unicode category is looked up."""
_BIN_BOUNDS = [(index + 1) << _BIN_SHIFT for index in range(SIZE)]
"""Above every mixed hash of each bin: the bins' starting minima."""


def _shingle_hashes(text: str) -> Iterable[int]:
    """``shingle_hashes`` as an iterator over the hashes (repeated shingles repeated)."""
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        return (zlib.crc32(" ".join(words).encode("utf-8")),)
    shingles = map(" ".join, zip(*(words[i:] for i in range(SHINGLE_WORDS))))
    return map(zlib.crc32, map(str.encode, shingles))


def shingle_hashes(text: str) -> set[int]:
    """32-bit hashes of the text's word 5-shingles (case-folded): CRC-32 of the five words joined by
    spaces. Built with ``zip`` and ``map`` over C functions: no Python bytecode per shingle."""
    return set(_shingle_hashes(text))


def signature(text: str) -> array:
    """A MinHash signature by one-permutation hashing: each shingle hash is mixed once, its top bits
    choose one of ``SIZE`` bins and the bin keeps its smallest value; empty bins borrow the next
    filled bin's value (densification), so every position is comparable. One pass over the shingles.

    The bins hold whole mixed hashes while the pass runs: within a bin the top bits are equal, so the
    smallest mixed hash has the smallest value, and a bin no hash reached still holds its bound.
    """
    bins = _BIN_BOUNDS[:]
    for x in _shingle_hashes(text):  # repeats do not change a minimum: no set needed
        mixed = x * _GOLDEN & _MASK
        index = mixed >> _BIN_SHIFT
        if mixed < bins[index]:  # noqa: PLR1730 - min() would cost a call per hash
            bins[index] = mixed
    bins = [mixed & _VALUE_MASK if mixed >> _BIN_SHIFT == i else _EMPTY for i, mixed in enumerate(bins)]
    if _EMPTY in bins:
        filled = {i for i, v in enumerate(bins) if v != _EMPTY}
        for i in range(SIZE):
            if bins[i] == _EMPTY:
                step = next((k for k in range(1, SIZE) if (i + k) % SIZE in filled), 0)
                bins[i] = bins[(i + step) % SIZE] + step * _VALUE_MASK if step else 0
    return array("Q", bins)


def similarity(a: array, b: array) -> float:
    """Estimated Jaccard similarity: the share of equal signature positions."""
    return sum(1 for x, y in zip(a, b) if x == y) / len(a)


class IntMultiMap:
    """Open-addressing multimap of 64-bit int keys to int values in two flat arrays: 12 bytes an entry
    (24 at the table's lowest load), no Python object per entry. A key may hold several values."""

    def __init__(self, size: int = 1024) -> None:
        self.keys = array("Q", bytes(8 * size))
        self.values = array("I", bytes(4 * size))
        self.mask = size - 1
        self.used = 0

    def __len__(self) -> int:
        return self.used

    @staticmethod
    def _key(key: int) -> int:
        return (key & _MASK) or 1  # 0 marks an empty slot

    def add(self, key: int, value: int) -> None:
        if (self.used + 1) * 2 > len(self.keys):
            self._grow()
        self._put(self._key(key), value)
        self.used += 1

    def _put(self, key: int, value: int) -> None:
        keys, mask = self.keys, self.mask
        slot = (key * _GOLDEN & _MASK) >> 20 & mask
        while keys[slot]:
            slot = (slot + 1) & mask
        keys[slot] = key
        self.values[slot] = value

    def get(self, key: int) -> list[int]:
        """Every value added under ``key`` (in no particular order)."""
        key = self._key(key)
        keys, mask = self.keys, self.mask
        slot = (key * _GOLDEN & _MASK) >> 20 & mask
        found = []
        while current := keys[slot]:
            if current == key:
                found.append(self.values[slot])
            slot = (slot + 1) & mask
        return found

    def __contains__(self, key: int) -> bool:
        return bool(self.get(key))

    def _grow(self) -> None:
        # Re-insert straight from the old arrays: a list of (key, value) pairs would briefly cost ~100
        # bytes an entry, several times the table itself, at the crawl's memory peak.
        old_keys, old_values = self.keys, self.values
        size = len(old_keys) * 2
        self.keys = array("Q", [0]) * size
        self.values = array("I", [0]) * size
        self.mask = size - 1
        for slot, key in enumerate(old_keys):
            if key:
                self._put(key, old_values[slot])


def hash64(text: str) -> int:
    """A stable 64-bit hash of a string (blake2b), for compact sets of URLs and keys."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


class HashSet:
    """A set of strings kept as their 64-bit hashes in an ``IntMultiMap`` (12-24 bytes a member, where a
    ``set`` of URLs takes 150-200). A false "member" needs a 64-bit collision: about one in 10^9 at 10^5
    members."""

    def __init__(self) -> None:
        self.map = IntMultiMap()

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and hash64(text) in self.map

    def add(self, text: str) -> None:
        key = hash64(text)
        if key not in self.map:
            self.map.add(key, 0)

    def __len__(self) -> int:
        return len(self.map)
