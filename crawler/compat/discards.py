"""trafilatura's two widest prunes, ``OVERALL_DISCARD_XPATH``, selected in Python with their verdicts
remembered by attribute value.

trafilatura prunes every block of the body it found whose class, id, role or style names furniture
(sharing, navigation, a sidebar, a hidden block). Its XPaths test regexes with EXSLT's ``re:test``,
which lxml answers by calling back into Python, up to six times for each element that has a class or
an id: the largest share of trafilatura's fast pass. Here one XPath without tests (the elements
that have any of the attributes read: ``xpathguards``' first guard) finds the candidates in C, and
each test is asked in Python, by value: a template repeats its class values, so most answers are
looked up. The regexes are read out of trafilatura's own XPath texts; each selector serves only the
XPath text it was written for (``_WRITTEN_FOR``, keyed by ``xpathguards.xpath_key``), and ``tests/test_compat.py``
checks it selects what the XPath selects.

EXSLT's ``re:test`` and XPath's ``starts-with`` read a node-set as its first node in document order:
of ``@id|@class``, the attribute written first in the tag (``_first_of``).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from lxml.etree import XPath
from lxml.html import HtmlElement


_REGEX_TEST = re.compile(r"re:test\((@[\w-]+(?:\|@[\w-]+)*),\s*'([^']*)'\)")
_MAX_REMEMBERED = 16384

Test = Callable[[HtmlElement], bool]


def _regex_tests(path: str) -> dict[str, re.Pattern[str]]:
    """The XPath's ``re:test`` patterns by the attributes they read ("@id|@class" -> pattern)."""
    return {attributes: re.compile(pattern) for attributes, pattern in _REGEX_TEST.findall(path)}


class _Remembered:
    """``bool(pattern.search(value))``, remembered by value."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self._search = pattern.search
        self._answers: dict[str, bool] = {}

    def __call__(self, value: str | None) -> bool:
        if not value:
            return False  # (no pattern read here matches the empty string: the tests check it)
        answer = self._answers.get(value)
        if answer is None:
            if len(self._answers) >= _MAX_REMEMBERED:
                self._answers.clear()
            answer = self._answers[value] = self._search(value) is not None
        return answer


def _first_of(elem: HtmlElement, first: str, second: str) -> str | None:
    """The value of whichever of two attributes the tag writes first (XPath's ``@a|@b`` as a string)."""
    for name in elem.keys():
        if name == first or name == second:
            return elem.get(name)
    return None


class Selector:
    """A callable selecting, in document order, what the XPath it stands for selects."""

    def __init__(self, expression: XPath, candidates: str, test: Test) -> None:
        self.path = expression.path
        self._candidates = XPath(candidates)
        self._test = test

    def __call__(self, tree: HtmlElement) -> list[HtmlElement]:
        test = self._test
        return [elem for elem in self._candidates(tree) if test(elem)]


def _sections_test(path: str) -> Test:
    """``OVERALL_DISCARD_XPATH[0]``: a block (its candidates are div, item, list, p, section and span)
    named as navigation, sharing, a sidebar, a footer, an ad, a byline..."""
    tests = _regex_tests(path)
    cookie, named_id, named_class = (_Remembered(tests[key]) for key in ("@id|@class", "@id", "@class"))

    def test(elem: HtmlElement) -> bool:
        ident, cls, role = elem.get("id"), elem.get("class"), elem.get("role")
        return (
            named_class(cls)
            or named_id(ident)
            or (role is not None and "nav" in role.replace("N", "n"))
            or elem.get("data-lp-replacement-content") is not None
            or "MostPopularStories" in (elem.get("data-component") or "")
            or (("cookie" in (ident or "") or "cookie" in (cls or "")) and cookie(_first_of(elem, "id", "class")))
        )

    return test


def _hidden_test(path: str) -> Test:
    """``OVERALL_DISCARD_XPATH[1]``: a comments title, a reply, a hidden or unprinted element."""
    tests = _regex_tests(path)
    hidden, comments_id, named_class = (_Remembered(tests[key]) for key in ("@id|@style", "@id", "@class"))

    def test(elem: HtmlElement) -> bool:
        ident, cls, style = elem.get("id") or "", elem.get("class"), elem.get("style") or ""
        return (
            named_class(cls)
            or comments_id(ident)
            or cls == "comments-title"
            or elem.get("aria-hidden") == "true"
            or "display:none" in style
            or "display: none" in style
            or ((ident.startswith("reply-") or (cls or "").startswith("reply-"))
                and (_first_of(elem, "id", "class") or "").startswith("reply-"))
            or (("hidden" in ident or "hidden" in style) and hidden(_first_of(elem, "id", "style")))
        )

    return test


_WRITTEN_FOR: dict[str, tuple[str, Callable[[str], Test]]] = {
    "a837e58a1b1ea116": (
        ".//*[self::div or self::item or self::list or self::p or self::section or self::span]"
        "[@data-lp-replacement-content or @role or @data-component or @id or @class]", _sections_test),
    "c1d5b70b8cd03783": (".//*[@class or @id or @style or @aria-hidden]", _hidden_test),
}
"""The XPath texts (``xpathguards.xpath_key``) a selector was written for: the candidates (every element that has
an attribute one of its tests reads) and the tests."""


def selector(expression: XPath, key: str) -> Selector | None:
    """The Python selector for ``expression`` (whose text has the ``xpathguards.xpath_key`` ``key``), or
    None when none was written for its text."""
    written = _WRITTEN_FOR.get(key)
    if written is None:
        return None
    candidates, make_test = written
    return Selector(expression, candidates, make_test(expression.path))
