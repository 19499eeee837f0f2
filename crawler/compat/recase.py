"""Python's ``re`` internals the core relies on, behind one named function.

``re._casefix._EXTRA_CASES`` (Python 3.11 on) maps a character to the characters of another lower
case that a case-blind match takes for it ("i" and "ı", "s" and "ſ", "σ" and "ς"): what
``crawler.common.caseblind`` must not read by lower-casing. ``tests/test_caseblind.py`` checks,
character by character, that lower-casing answers as the case-blind match everywhere else.
"""
from __future__ import annotations


def extra_cases() -> dict[int, tuple[int, ...]] | None:
    """``re``'s table of extra case equivalences (code point to code points), or None where this
    Python has none (3.10)."""
    try:
        from re._casefix import _EXTRA_CASES
    except ImportError:  # pragma: no cover - Python 3.10
        return None
    return _EXTRA_CASES
