"""Case-blind regular expressions that answer yes or no several times faster on most text.

Python's ``re.IGNORECASE`` folds every character it compares, and it cannot skip ahead to the few
places where a pattern may start: a case-blind search over a line costs three to six times a
case-sensitive one. The line filters try a dozen such patterns on every line of every text. A
``CaseBlind`` pattern reads a line in lower case with the same pattern compiled case-sensitively,
which gives the same answer whenever lower-casing is what the case-blind match does character by
character (``_IRREGULAR``); other lines are read with the case-blind pattern itself.

Only for yes-or-no questions: a match on the lower-cased line would hold lower-cased text.
"""
from __future__ import annotations

import re

from crawler.compat.recase import extra_cases

_VARIANT_OF_ASCII = {"i", "s"}
"""ASCII letters that are another letter's case variant in ``re`` ("ı" matches "I", "ſ" matches "S")."""


def _irregular_characters() -> str | None:
    """The characters where lower-casing a text is not what a case-blind match does: those ``re``
    matches to letters of another lower case (its table of extra cases: "ı" and "i", "ſ" and "s",
    "ς" and "σ", Cyrillic and Greek variants), less "i" and "s" themselves, which are their own lower
    case; "İ", whose lower case is two characters; "Σ", which lower-cases to "ς" at the end of a word.
    None when this Python has no such table (``compat.recase``, from Python 3.11 on):
    then only ASCII text is lower-cased."""
    extra = extra_cases()
    if extra is None:
        return None
    chars = {chr(code) for key, values in extra.items() for code in (key, *values)}
    return "".join(sorted((chars - _VARIANT_OF_ASCII) | {"\u0130", "\u03a3"}))


IRREGULAR = _irregular_characters()
_IRREGULAR = re.compile(f"[{re.escape(IRREGULAR)}]") if IRREGULAR else None
_ESCAPE = re.compile(r"\\.", re.DOTALL)
_VERBOSE_COMMENT = re.compile(r"(?<!\\)#[^\n]*")
_NAMED_GROUP = re.compile(r"\(\?P(?:<\w+>|=\w+\))")


class CaseBlind:
    """A pattern compiled with ``re.IGNORECASE``, asked whether it matches (``searches``, ``matches``).

    Raises ``ValueError`` for a pattern a lower-cased text could answer differently: with an upper-case
    letter (``[A-Z]``, a case-sensitive group ``(?-i:...)``) or an inline flag."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        _check_lower_case(pattern, flags)
        self.pattern = re.compile(pattern, flags | re.IGNORECASE)
        self._lower = re.compile(pattern, flags & ~re.IGNORECASE)

    def searches(self, text: str) -> bool:
        """``bool(self.pattern.search(text))``."""
        if _folds(text):
            return self._lower.search(text.lower()) is not None
        return self.pattern.search(text) is not None

    def matches(self, text: str) -> bool:
        """``bool(self.pattern.match(text))``."""
        if _folds(text):
            return self._lower.match(text.lower()) is not None
        return self.pattern.match(text) is not None


def _folds(text: str) -> bool:
    """Whether the lower-cased text answers as the case-blind pattern does (``_IRREGULAR``)."""
    return text.isascii() or (_IRREGULAR is not None and _IRREGULAR.search(text) is None)


def _check_lower_case(pattern: str, flags: int) -> None:
    letters = _NAMED_GROUP.sub("(", _ESCAPE.sub("", pattern))
    if flags & re.VERBOSE:
        letters = _VERBOSE_COMMENT.sub("", letters)
    if "(?" in letters.replace("(?:", "").replace("(?=", "").replace("(?!", "").replace("(?<", ""):
        raise ValueError(f"a case-blind pattern with an inline flag: {pattern[:80]!r}")
    # "ı" and "ſ" match "i" and "s" case-blind: only beside them in a class ("[ıi]") do they match alike
    letters = letters.replace("[\u0131i]", "").replace("[i\u0131]", "")
    upper = [c for c in letters if c != c.lower() or c in "\u0131\u017f"]
    if upper:
        raise ValueError(f"a case-blind pattern with the letters {''.join(upper)!r}: {pattern[:80]!r}")
