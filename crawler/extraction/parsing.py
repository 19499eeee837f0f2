"""One parse per page: decoded text to an lxml tree that every later step shares."""
from __future__ import annotations

import re

from lxml.etree import ElementDefaultClassLookup, LxmlError, SubElement, XPath
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction, HTMLParser, fromstring

from crawler.compat.trafilatura import is_dubious_html, repair_faulty_html
from crawler.extraction.errors import NotAnArticle

MAX_PAGE_CHARS = 16 * 1024 * 1024
"""Pages longer than this are refused before parsing (the crawl's DOWNLOAD_MAXSIZE stops them earlier)."""
MAX_ELEMENTS = 50_000
"""Trees with more elements are refused: no news page needs them, and extraction is superlinear in them."""
MAX_ATTRIBUTES = 2_000
"""A start tag with more attributes than this makes parsing quadratic (long values, such as data
URIs or JSON props, are harmless: only tags of 64 KiB or more are counted)."""

_LONG_TAG = re.compile(r"<[A-Za-z][^<>]{65536}")
_RUBY_TEXT = re.compile("<rt", re.IGNORECASE)
"""(one case-blind search: two substring tests cost twice as much on a page of wide characters)"""
_COUNT_ELEMENTS = XPath("count(//*)")
_ELEMENTS_PER_TAG = 3
_IMPLIED_ELEMENTS = 10
"""Elements libxml2 can build per "<" of the source at most, and beside them: one per start tag, a
``<p>`` it implies for a run of text between two tags, a holder ``join_later_roots`` adds; the
``<html>``, ``<head>`` and ``<body>`` it implies. Pages whose "<" stay well under ``MAX_ELEMENTS`` are
not counted (one byte search instead of a walk of the tree)."""


def _html_parser() -> HTMLParser:
    """trafilatura's parser settings, with a C-level element class lookup.

    lxml.html's default lookup is a Python method called for every element proxy, and every step
    (metadata, cleaning, trafilatura) walks the tree: the plain HtmlElement class for all elements
    cuts a quarter of the extraction time. Form-element subclasses (InputElement...) are not needed.
    """
    parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(
        ElementDefaultClassLookup(
            element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
        )
    )
    return parser


_PARSER = _html_parser()


_CONTROL_BYTES = bytes(c for c in range(32) if c not in (9, 10, 13))
_NONCHARACTERS = ("\ufffe".encode("utf-8", "surrogatepass"), "\uffff".encode("utf-8", "surrogatepass"))
_REPAIR_SPAN = 4096
"""trafilatura's repairs (a DOCTYPE libxml2 misreads, a self-closing <html/>) only touch the page's start."""


def _has_noncharacters(text: str) -> bool:
    return "\ufffe" in text or "\uffff" in text


def _load_html(text: str) -> tuple[HtmlElement | None, bytes]:
    """trafilatura's ``load_html`` for decoded text, with our parser and cheaper steps; the tree and
    the bytes it was parsed from.

    The page goes to libxml2 as UTF-8 bytes (faster than text, and never refused for an encoding
    declaration); control characters lxml rejects, and references to them, are deleted from the
    bytes, much faster than a regular expression over the text (their ASCII is the same bytes in UTF-8).
    """
    beginning = text[:50].lower()
    start = text[:_REPAIR_SPAN]
    head = repair_faulty_html(start, beginning)
    page = text if head == start else head + text[_REPAIR_SPAN:]
    data = page.encode("utf-8", "surrogatepass")
    if b"&#" in data:  # references to the characters lxml refuses would empty the page's text
        data = _CONTROL_REFERENCE.sub(b"", data)
    data = data.translate(None, _CONTROL_BYTES)
    if _has_noncharacters(text):  # a test on the text is free when it holds only Latin-1
        for nonchar in _NONCHARACTERS:
            if nonchar in data:
                data = data.replace(nonchar, b"")
    tree = fromstring(data, parser=_PARSER)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None, data  # no html tag or doctype and a single block: not an HTML page
    return tree, data


def _has_too_many_attributes(text: str) -> bool:
    """Whether a start tag has more than ``MAX_ATTRIBUTES`` attributes (with values or without:
    ``<div a0 a1 ...>``), or a class or id of one name longer than a tag may be: both make parsing
    and every walk that reads names slow. Only tags of 64 KiB or more are read."""
    if not _may_hold_long_tag(text):
        return False
    for match in _LONG_TAG.finditer(text):
        end = text.find(">", match.start())
        tag = text[match.start():end if end > 0 else len(text)]
        if tag.count("=") > MAX_ATTRIBUTES or _HUGE_NAME.search(tag):
            return True
        if len(_QUOTED_VALUE.sub("", tag).split()) > MAX_ATTRIBUTES:
            return True
    return False


_HALF_LONG_TAG = 32_768


def _may_hold_long_tag(text: str) -> bool:
    """Whether some stretch of ``_HALF_LONG_TAG`` characters, aligned to a multiple of it, holds no
    "<" or ">": a tag of 64 KiB covers at least one whole such stretch, so a page without one has
    no long tag. Two C searches per stretch, where the search for long tags reads every tag (a
    third of a millisecond on a typical page)."""
    for start in range(0, len(text) - _HALF_LONG_TAG + 1, _HALF_LONG_TAG):
        end = start + _HALF_LONG_TAG
        if text.find("<", start, end) < 0 and text.find(">", start, end) < 0:
            return True
    return False


_HUGE_NAME = re.compile(r"\s(?:class|id)\s*=\s*[\"']?[^\s\"'>]{65536}", re.IGNORECASE)
_QUOTED_VALUE = re.compile(r"\"[^\"]*\"|'[^']*'")
# character references to what XML refuses (C0 controls but tab, line feed and carriage return;
# U+FFFE and U+FFFF): libxml2 would decode them into text that lxml then refuses to copy
_CONTROL_REFERENCE = re.compile(rb"&#(?:[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|[fF]{3}[eEfF])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|6553[45]));")


def parse_html(text: str, url: str | None = None) -> HtmlElement:
    """Parse the page once; raise NotAnArticle when it is not HTML at all or too large to handle."""
    if len(text) > MAX_PAGE_CHARS:
        raise NotAnArticle("too_large", url, f"{len(text)} characters (limit {MAX_PAGE_CHARS})")
    if _has_too_many_attributes(text):
        raise NotAnArticle("too_large", url, f"a start tag with more than {MAX_ATTRIBUTES} attributes")
    try:
        tree, data = _load_html(text)
    except (ValueError, TypeError, LxmlError) as exc:  # lxml refuses some inputs outright
        raise NotAnArticle("not_html", url, str(exc)) from exc
    if tree is None or not isinstance(tree, HtmlElement):
        raise NotAnArticle("not_html", url)
    if tree.getnext() is not None:
        join_later_roots(tree)
    elements = int(_COUNT_ELEMENTS(tree)) if _ELEMENTS_PER_TAG * data.count(b"<") + _IMPLIED_ELEMENTS > MAX_ELEMENTS else 0
    if elements > MAX_ELEMENTS:
        raise NotAnArticle("too_large", url, f"{elements} elements (limit {MAX_ELEMENTS})")
    if _RUBY_TEXT.search(text):
        drop_ruby_annotations(tree)
    return tree


def join_later_roots(tree: HtmlElement) -> int:
    """Move what follows ``</html>`` into the page: libxml2 makes it a second ``<html>`` beside the
    first (a template emitted twice, an article printed after the closing tag), which every walk of
    the tree misses; browsers show it in the body. A later ``<head>``'s elements join the head.
    Returns how many roots were joined."""
    body = tree.find("body")
    if body is None:
        body = SubElement(tree, "body")
    head = tree.find("head")
    joined = 0
    for root in [node for node in tree.itersiblings() if node.tag == "html"]:
        for part in list(root):
            if part.tag == "head" and head is not None:
                head.extend(list(part))
            elif part.tag == "body":
                if part.text and part.text.strip():
                    holder = SubElement(body, "p")
                    holder.text = part.text
                body.extend(list(part))
            elif part.tag != "head":
                body.append(part)
        joined += 1
    return joined


def drop_ruby_annotations(tree: HtmlElement) -> None:
    """Remove ruby annotations: ``<rt>`` holds a reading aid printed above the words (Japanese
    furigana, Chinese pinyin), ``<rp>`` the parentheses around it for browsers without ruby. Neither
    is a word of the text; read with them, a headline repeats itself in another script ("子こども").
    trafilatura drops them from the body; the title and the other metadata are read from this tree."""
    for elem in list(tree.iter("rt", "rp")):
        elem.drop_tree()  # keeps the tail: the base text that follows


MAX_LIST_DEPTH = 12
"""Lists nested deeper than this are flattened (their inner levels become plain blocks): extractors
walk nested lists recursively, once per level, and page-controlled depth must not exhaust the stack.
trafilatura reads a ``<dl>`` as a list (``<dt>``/``<dd>`` as items): it counts as one."""
_LISTS = ("ul", "ol", "dl")
_ITEMS = ("li", "dt", "dd")


def flatten_deep_lists(tree: HtmlElement) -> int:
    """Turn the levels of a list nested deeper than ``MAX_LIST_DEPTH`` into plain blocks; returns how many."""
    flattened = 0
    for lst in list(tree.iter(*_LISTS)):
        if sum(1 for _ in lst.iterancestors(*_LISTS)) >= MAX_LIST_DEPTH:
            for item in lst.iterchildren(*_ITEMS):
                item.tag = "div"
            lst.tag = "div"
            flattened += 1
    return flattened
