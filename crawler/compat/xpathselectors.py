"""trafilatura's XPaths that test regexes on class and id names, selected in Python with each regex's
verdict remembered by attribute value: its two widest prunes (``OVERALL_DISCARD_XPATH``) and the
searches for the article's container (``BODY_XPATH``).

These XPaths test regexes with EXSLT's ``re:test``, which lxml answers by calling back into Python,
up to six times for each element that has a class or an id: the largest share of trafilatura's fast
pass. Here one XPath without tests (the elements of the tags selected that have any of the
attributes read: ``xpathguards``' first guard) finds the candidates in C, and each test is asked in
Python, by value: a template repeats its class values, so most answers are looked up. The regexes
are read out of trafilatura's own XPath texts; each selector serves only the XPath text it was
written for (``_WRITTEN_FOR``, keyed by ``xpathguards.xpath_key``), and ``tests/test_compat.py``
checks it selects what the XPath selects.

EXSLT's ``re:test`` and XPath's ``starts-with`` read a node-set as its first node in document order:
of ``@id|@class``, the attribute written first in the tag (``_first_of``).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from lxml.etree import XPath
from lxml.html import HtmlElement


_REGEX_TEST = re.compile(r"re:test\((@[\w-]+(?:\|@[\w-]+)*),\s*'([^']*)'(?:,\s*'([^']*)')?\)")
_MAX_REMEMBERED = 16384

Test = Callable[[HtmlElement], bool]


def regex_tests(path: str) -> list[tuple[str, re.Pattern[str]]]:
    """The XPath's ``re:test`` patterns in order, each with the attributes it reads ("@id|@class");
    EXSLT's flag "i" makes one case-blind."""
    return [(attributes, re.compile(pattern, re.IGNORECASE if "i" in flags else 0))
            for attributes, pattern, flags in _REGEX_TEST.findall(path)]


def _remembered_tests(path: str, *attributes: str) -> list[Callable[[str | None], bool]]:
    """The XPath's regex tests, remembered by value, checked to read ``attributes`` in this order."""
    tests = regex_tests(path)
    if [reads for reads, _ in tests] != list(attributes):
        raise ValueError(f"the XPath's regex tests read {[reads for reads, _ in tests]}, not {list(attributes)}")
    return [_remembered(pattern) for _, pattern in tests]


def _remembered(pattern: re.Pattern[str]) -> Callable[[str | None], bool]:
    """``bool(pattern.search(value))``, remembered by value (a closure: cheaper to call than an object)."""
    search = pattern.search
    answers: dict[str, bool] = {}

    def answer(value: str | None) -> bool:
        if not value:
            return False  # (no pattern read here matches the empty string: the tests check it)
        known = answers.get(value)
        if known is None:
            if len(answers) >= _MAX_REMEMBERED:
                answers.clear()
            known = answers[value] = search(value) is not None
        return known

    return answer


def _first_of(elem: HtmlElement, first: str, second: str) -> str | None:
    """The value of whichever of two attributes the tag writes first (XPath's ``@a|@b`` as a string)."""
    for name in elem.keys():
        if name == first or name == second:
            return elem.get(name)
    return None


ALL, FIRST_PER_PARENT, FIRST = "all", "first per parent", "first"
"""What an XPath keeps of the elements that pass its tests: all (``.//*[...]``), each parent's first
child (``.//*[...][1]``), the first in document order (``(.//*[...])[1]``)."""


class Selector:
    """A callable selecting, in document order, what the XPath it stands for selects."""

    def __init__(self, candidates: str, test: Test, keeps: str = ALL) -> None:
        self._candidates = XPath(candidates)
        self._test = test
        self._keeps = keeps

    def tests_pass(self, elem: HtmlElement) -> bool:
        """Whether ``elem`` passes the XPath's tests of its attributes (its tag aside)."""
        return self._test(elem)

    def __call__(self, tree: HtmlElement) -> list[HtmlElement]:
        test, keeps = self._test, self._keeps
        if keeps == FIRST:
            return next(([elem] for elem in self._candidates(tree) if test(elem)), [])
        selected = [elem for elem in self._candidates(tree) if test(elem)]
        if keeps == FIRST_PER_PARENT:
            parents: set[HtmlElement] = set()
            selected = [elem for elem in selected if _first_time(parents, elem.getparent())]
        return selected


def _first_time(seen: set[HtmlElement], parent: HtmlElement) -> bool:
    if parent in seen:
        return False
    seen.add(parent)
    return True


def _sections_test(path: str) -> Test:
    """``OVERALL_DISCARD_XPATH[0]``: a block (its candidates are div, item, list, p, section and span)
    named as navigation, sharing, a sidebar, a footer, an ad, a byline..."""
    cookie, named_id, named_class = _remembered_tests(path, "@id|@class", "@id", "@class")

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
    hidden, comments_id, named_class = _remembered_tests(path, "@id|@style", "@id", "@class")

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


def _body_test(path: str) -> Test:
    """``BODY_XPATH[0]``: the article's body by a name ("post", "entry-content", "article-body"...)."""
    named_id, named_class = _remembered_tests(path, "@id", "@class")

    def test(elem: HtmlElement) -> bool:
        ident, cls = elem.get("id"), elem.get("class")
        return (cls == "post" or cls == "entry" or elem.get("itemprop") == "articleBody" or ident == "articleContent"
                or named_id(ident) or named_class(cls))

    return test


def _story_test(path: str) -> Test:
    """``BODY_XPATH[2]``: the story by a name ("story-content", "single-post", "fulltext"...)."""
    named_id, fulltext, named_class = _remembered_tests(path, "@id", "@class", "@class")

    def test(elem: HtmlElement) -> bool:
        ident, cls = elem.get("id"), elem.get("class")
        return (elem.get("role") == "article" or ident == "article" or ident == "story"
                or cls in ("postarea", "art-postcontent", "text", "cell", "story")
                or named_id(ident) or fulltext(cls) or named_class(cls))

    return test


def _content_test(path: str) -> Test:
    """``BODY_XPATH[3]``: the page's content column ("content", "content-main", "main-content"...)."""
    named_id, named_class = _remembered_tests(path, "@id", "@class")

    def test(elem: HtmlElement) -> bool:
        ident, cls = elem.get("id") or "", elem.get("class") or ""
        return (ident == "content" or cls == "content" or named_id(ident) or named_class(cls)
                or "main-content" in ident.replace("C", "c").replace("M", "m")
                or "main-content" in cls.replace("C", "c").replace("M", "m")
                or "page-content" in cls.replace("C", "c").replace("P", "p"))

    return test


_BLOCKS = "self::article or self::div or self::main or self::section"


_WRITTEN_FOR: dict[str, tuple[str, Callable[[str], Test], str]] = {
    "a837e58a1b1ea116": (
        ".//*[self::div or self::item or self::list or self::p or self::section or self::span]"
        "[@data-lp-replacement-content or @role or @data-component or @id or @class]", _sections_test, ALL),
    "c1d5b70b8cd03783": (".//*[@class or @id or @style or @aria-hidden]", _hidden_test, ALL),
    "caaa561ceca17064": (f".//*[{_BLOCKS}][@class or @id or @itemprop]", _body_test, FIRST_PER_PARENT),
    "6c9b5e1fdc092943": (f".//*[{_BLOCKS}][@role or @id or @class]", _story_test, FIRST),
    "10a7ceacc0ff8cdf": (f".//*[{_BLOCKS}][@id or @class]", _content_test, FIRST),
}
"""The XPath texts (``xpathguards.xpath_key``) a selector was written for: the candidates (every element
of the tags selected that has an attribute one of its tests reads), the tests, what is kept."""


def selector(expression: XPath, key: str) -> Selector | None:
    """The Python selector for ``expression`` (whose text has the ``xpathguards.xpath_key`` ``key``), or
    None when none was written for its text."""
    written = _WRITTEN_FOR.get(key)
    if written is None:
        return None
    candidates, make_test, keeps = written
    return Selector(candidates, make_test(expression.path), keeps)
