"""Cheaper equivalents of trafilatura's class-and-id XPaths, for the core's own cascade.

trafilatura selects the blocks it prunes, and the body container it looks for, with XPaths that test
regexes (EXSLT ``re:test``) and translated substrings on the ``class``, ``id`` and ``style`` of every
element a step visits. lxml answers each ``re:test`` by calling back into Python, also when the
element lacks the attribute tested, where the test is false. Each XPath here is trafilatura's own
with two guards, both decided in C: a first predicate, ``[@class or @id ...]`` (the attributes its
tests read), and each ``re:test(@id, ...)`` asked only of elements that have the attribute
(``(@id and re:test(@id, ...))``). It selects exactly the same elements, at about half the cost
(trafilatura's prunes are about a tenth of a page's extraction).

Only XPaths reviewed for this get a guard (``GUARDED``, keyed by a hash of their text): each has one
``.//*`` step whose predicates include one that is a disjunction of attribute tests, each false
without its attribute (no pattern that matches the empty string, no ``not()``); the first guard is
then implied by the predicates and changes no position (``[1]``), and the second holds for any
``re:test`` whose pattern does not match the empty string. An XPath whose text changes in a new
trafilatura has another key and runs as it is. ``tests/test_compat.py`` checks the table against
trafilatura's XPaths and every guarded one against its original.

The guarded XPaths serve only the core's cascade (``guarded_xpaths``): ``trafilatura.extract``,
which the benchmarks time beside the core, keeps its own.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager

from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura import main_extractor
from trafilatura.xpaths import REGEXP_NS

from crawler.compat.xpathselectors import Selector, selector

__all__ = ["GUARDED", "guarded", "guarded_list", "guarded_xpaths", "pruned_for_names", "xpath_key"]


def xpath_key(expression: XPath) -> str:
    """A short hash of an XPath's source text: what ``GUARDED`` and ``trafilatura.NEEDED_NAMES`` are keyed by."""
    return hashlib.sha256(expression.path.encode("utf-8")).hexdigest()[:16]


GUARDED: dict[str, str] = {
    "a837e58a1b1ea116": "OVERALL_DISCARD_XPATH[0]",
    "c1d5b70b8cd03783": "OVERALL_DISCARD_XPATH[1]",
    "caaa561ceca17064": "BODY_XPATH[0]",
    "6c9b5e1fdc092943": "BODY_XPATH[2]",
    "10a7ceacc0ff8cdf": "BODY_XPATH[3]",
    "ebb02f066626551d": "TEASER_DISCARD_XPATH[0]",
    "cb1ab981e44913f7": "DISCARD_IMAGE_ELEMENTS[0]",
    "9cc18d34e6e2d258": "REMOVE_COMMENTS_AND_LISTS_XPATH[0]",
    "53d31ea1df47920a": "PRECISION_DISCARD_XPATH[1]",
    "5d97216ca15d0558": "REMOVE_COMMENTS_XPATH[0]",
    "01e7c660fd6406f2": "RAW_TREE_PRUNE_XPATH[0]",
    "3c7afe92279543d5": "RAW_TREE_PRUNE_XPATH[1]",
}
"""The reviewed XPaths (``xpath_key``) and where trafilatura 2.3 keeps them. (``BODY_XPATH[4]`` is
left: its ``starts-with`` tests cost less than a guard.)"""

_STEP = ".//*"
_ATTRIBUTE = re.compile(r"@([\w-]+)")


def guarded(expression: XPath) -> XPath:
    """``expression`` with the guards (the attributes its tests read, first; each regex test only
    where its attribute is), when it is reviewed (``GUARDED``); else ``expression`` itself."""
    path = expression.path
    if xpath_key(expression) not in GUARDED or path.count(_STEP) != 1:
        return expression
    names = sorted(set(_ATTRIBUTE.findall(path)))
    guard = "[" + " or ".join(f"@{name}" for name in names) + "]"
    path = _REGEX_TEST.sub(lambda test: f"({test.group(1)} and {test.group(0)})", path)
    return XPath(path.replace(_STEP, _STEP + guard), namespaces={"re": REGEXP_NS})


_REGEX_TEST = re.compile(r"re:test\((@[\w-]+(?:\|@[\w-]+)*),\s*'[^']*'(?:,\s*'[^']*')?\)")


def guarded_list(expressions: list[XPath]) -> list[XPath]:
    """``guarded`` of each XPath of one of trafilatura's lists, in its order."""
    return [guarded(expression) for expression in expressions]


_SWAPPED_NAMES = ("OVERALL_DISCARD_XPATH", "BODY_XPATH", "TEASER_DISCARD_XPATH", "DISCARD_IMAGE_ELEMENTS",
                  "PRECISION_DISCARD_XPATH")
"""The lists ``trafilatura.main_extractor`` reads by name on each call (its pruning and body search)."""
_ORIGINALS = {name: getattr(main_extractor, name) for name in _SWAPPED_NAMES}
_GUARDED_LISTS = {name: [selector(e, xpath_key(e)) or guarded(e) for e in value] for name, value in _ORIGINALS.items()}
"""The lists the cascade runs with: each XPath guarded, or selected in Python where a selector was
written for its text (``xpathselectors``)."""


@contextmanager
def guarded_xpaths() -> Iterator[None]:
    """trafilatura's main extractor with the guarded XPaths and selectors, for the duration of one cascade.

    The originals are put back from the import-time copies, not from what was set on entry, so that
    overlapping uses (threads) can never leave the guarded ones in place for ``trafilatura.extract``;
    a cascade that overlaps another's exit may run with the originals, which select the same."""
    for name, value in _GUARDED_LISTS.items():
        setattr(main_extractor, name, value)
    try:
        yield
    finally:
        for name, value in _ORIGINALS.items():
            setattr(main_extractor, name, value)


_WIDEST_PRUNE = _GUARDED_LISTS["OVERALL_DISCARD_XPATH"][0]
"""The cascade's own selector for it: its verdicts by name are remembered once for both uses."""


def pruned_for_names(elem: HtmlElement) -> bool:
    """Whether trafilatura's widest prune (``OVERALL_DISCARD_XPATH[0]``) would take a block for its
    names ("slide", "meta", "share-", "widget", a navigation role...), whatever its text."""
    if not isinstance(_WIDEST_PRUNE, Selector):  # a trafilatura whose XPath text no selector was written for
        return False
    return _WIDEST_PRUNE.tests_pass(elem)
