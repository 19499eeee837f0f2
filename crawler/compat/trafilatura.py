"""trafilatura internals the extraction core relies on (contract: ``tests/test_compat.py``).

The core runs trafilatura's extraction cascade on a tree it has parsed and cleaned itself, instead of
``bare_extraction`` (which parses again, deep-copies the tree and serialises a text we do not use),
and reuses trafilatura's own HTML repairs in its parser. None of these names is public API, so each
lives here, pinned in ``pyproject.toml`` to the versions the contract tests cover.

Scrapy-free: the extraction core imports this module.
"""
from __future__ import annotations

import logging
import re
from copy import copy

from lxml.etree import Element, XPath, _Element
from lxml.html import HtmlElement
from trafilatura.baseline import _BLOCK_ELEMS, baseline, html2txt
from trafilatura.core import (
    ESCALATION_ACCEPT_RATIO,
    ESCALATION_JUSTEXT_RATIO,
    _forum_thread_page,
    _prepare_tree,
    trafilatura_sequence,
)
from trafilatura.external import compare_extraction, justext_rescue
from trafilatura.htmlprocessing import convert_tags, prune_unwanted_nodes, tree_cleaning
from trafilatura.main_extractor import extract_content
from trafilatura.settings import Extractor
from trafilatura.utils import is_dubious_html as _is_dubious_html
from trafilatura.utils import repair_faulty_html as _repair_faulty_html
from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH, REMOVE_COMMENTS_XPATH

from crawler.compat.xpathguards import guarded, guarded_list, guarded_xpaths, xpath_key

__all__ = [
    "BLOCK_EDGE",
    "ESCALATION_MAX_CHARS",
    "ESCALATION_PAGE_SHARE",
    "NO_ESCALATION_FOCUS",
    "extraction_options",
    "is_dubious_html",
    "reading_length",
    "repair_faulty_html",
    "run_cascade",
    "sequence",
    "without_escalation",
    "xpath_key",
]

NO_ESCALATION_FOCUS = "balanced-without-escalation"
"""A ``focus`` trafilatura does not know. trafilatura 2.3 retries a short result in recall mode only
under focus "balanced", and first measures the whole page with html2txt (a copy and cleaning of the
tree) whenever the result is under 3,000 characters: most short articles pay for it. Any other label
reads as "balanced" everywhere else (the code tests for "precision" and "recall"), so this one is the
balanced extraction without that escalation."""

ESCALATION_MAX_CHARS = 3000
ESCALATION_PAGE_SHARE = 0.2
"""trafilatura's escalation thresholds (``trafilatura.core.ESCALATION_MAX_LENGTH`` and
``ESCALATION_PAGE_SHARE``): results under this many characters and this share of the page."""


BLOCK_EDGE = "\ufdd0"
"""The core's mark of a block edge (``crawler.extraction.structure.separate_nested_blocks``): a
noncharacter, reserved by Unicode for a program's internal use, so never in a page, put at the start
of a block's first text and of the text after it. trafilatura keeps it (it is no whitespace, so its
trimming leaves it) wherever it keeps the text, even where it unwraps the block and the text on
either side would run together; the rendering makes it a line break. Readability, trafilatura's
second opinion, reads it as the space it stands for (``_extract_and_compare``)."""

_LOGGER = logging.getLogger("trafilatura.core")
"""``sequence`` logs its failures where ``trafilatura_sequence`` does."""


def extraction_options(*, fast: bool) -> Extractor:
    """trafilatura's options for the core's passes: body only (no comments), tables kept.

    ``trafilatura.settings.Extractor`` is the options object ``bare_extraction`` builds from its keyword
    arguments; ``output_format="python"`` is the one that does no serialisation. Reading trafilatura's
    config costs as much as cleaning a small page, so callers build these once.
    """
    return Extractor(fast=fast, comments=False, tables=True, output_format="python")


def without_escalation(options: Extractor) -> Extractor:
    """A copy of ``options`` whose ``focus`` (``Extractor.focus``) is ``NO_ESCALATION_FOCUS``."""
    quiet = copy(options)
    quiet.focus = NO_ESCALATION_FOCUS
    return quiet


def run_cascade(tree: HtmlElement, options: Extractor, url: str | None) -> tuple[HtmlElement | None, int]:
    """``(body, length of its text)`` from trafilatura's extraction cascade, ``(None, 0)`` for nothing.

    Relies on ``trafilatura.core.trafilatura_sequence(tree, options, url)`` (or, without comments,
    ``sequence``: its steps without work that changes nothing) returning
    ``(body, text, comments, comments_text)``, raising ``TypeError``/``ValueError`` when nothing is
    found, and on ``Extractor.min_output_size``: the two checks ``bare_extraction`` makes before it
    reports a text. The cascade prunes the tree it is given, with prunes every pass repeats, so a
    second pass may reuse the tree.
    """
    run = sequence if _sequence_applies(options) else trafilatura_sequence
    try:
        with guarded_xpaths():  # (the same selections, cheaper: ``xpathguards``)
            body, text, _comments, _comments_text = run(tree, options, url)
    except (TypeError, ValueError):  # what bare_extraction treats as "nothing extracted"
        return None, 0
    if len(text) < options.min_output_size:
        return None, 0
    return body, len(text)


NEEDED_NAMES: dict[str, tuple[str, ...]] = {
    # RAW_TREE_PRUNE_XPATH[0]: re:test(@id|@class, 'mvp-post-add-(?:box|wrap)|infinite-?scroll')
    "01e7c660fd6406f2": ("mvp-post-add-", "infinite"),
    # RAW_TREE_PRUNE_XPATH[1]: contains(@class, 'elementor-share-buttons')
    "3c7afe92279543d5": ("elementor-share-buttons",),
    # REMOVE_COMMENTS_AND_LISTS_XPATH[0]: re:test(@id, '^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)')
    # or re:test(@class, '^[Cc]omment(?!ary)|(?:article|post)-comments')
    "9cc18d34e6e2d258": ("omment", "comol", "disqus_thread", "dsq-comments"),
}
"""For trafilatura's raw-tree prunes (keyed by ``xpath_key``): substrings one of which an ``@class`` or
``@id`` value must contain for the XPath to match anything (its regexes are case-sensitive). These
XPaths test a regex on every element, a large share of the fast pass; most pages hold none of the
names, and one look at the page's class and id values skips them. An XPath whose text changed has no
entry and always runs (``tests/test_compat.py`` then asks for the entry to be checked)."""
_CLASS_AND_ID = XPath("//@class|//@id", smart_strings=False)
_RAW_PRUNES = [(guarded(expression), NEEDED_NAMES.get(xpath_key(expression))) for expression in RAW_TREE_PRUNE_XPATH]
_COMMENT_PRUNES = [
    (guarded(expression), NEEDED_NAMES.get(xpath_key(expression))) for expression in REMOVE_COMMENTS_AND_LISTS_XPATH
]
_REMOVE_COMMENTS = guarded_list(REMOVE_COMMENTS_XPATH)


def _prune(tree: HtmlElement, prunes: list[tuple[XPath, tuple[str, ...] | None]], names: str) -> None:
    """``prune_unwanted_nodes(tree, expressions)``, skipping each XPath none of whose names occur."""
    for expression, needed in prunes:
        if needed is None or any(name in names for name in needed):
            prune_unwanted_nodes(tree, [expression])


_DENSE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
DENSE_WEIGHT = 3
"""A Chinese, Japanese or Korean character says about as much as a word of a Latin-script language
and its space: three characters."""


def reading_length(text: str) -> int:
    """``len(text)``, with each Chinese, Japanese or Korean character counted as ``DENSE_WEIGHT``: the
    length trafilatura's minimum is read against here (a short Chinese or Japanese article of 300
    characters is no failed extraction to replace by the page's whole text, its baseline), and the
    core's thresholds written for Latin text."""
    if text.isascii():
        return len(text)
    return len(text) + (DENSE_WEIGHT - 1) * len(_DENSE_SCRIPT.findall(text))


def _sequence_applies(options: Extractor) -> bool:
    """``sequence`` covers trafilatura's cascade without comments (the core never extracts them)."""
    return not options.comments


def sequence(tree: HtmlElement, options: Extractor, url: str | None) -> tuple[_Element, str, _Element, str]:
    """``trafilatura_sequence(tree, options, url)`` for options where ``_sequence_applies``: the same
    steps (its prunes, cleaning, tag conversion, main extractor, comparison, baseline rescue and recall
    escalation), without four costs that change nothing: the regex tests of elements that lack the
    attributes they read (``xpathguards``), the raw-tree prunes that cannot match
    (``NEEDED_NAMES``), the copy of the cleaned tree in the fast pass (only the full pass's comparison
    reads it) and, for most short results, html2txt's measure of the page (``_short_of_page``).

    One difference, on marked trees only: readability reads ``BLOCK_EDGE`` as a space
    (``_extract_and_compare``)."""
    is_forum = _forum_thread_page(tree)
    names = "\n".join(_CLASS_AND_ID(tree))
    _prune(tree, _RAW_PRUNES, names)
    if options.focus == "precision" or not is_forum:
        _prune(tree, _COMMENT_PRUNES, names)
    if options.fast:
        cleaned_tree, cleaned_tree_backup = convert_tags(tree_cleaning(copy(tree), options), options, url), None
    else:
        cleaned_tree, cleaned_tree_backup = _prepare_tree(tree, options, url)
    if options.focus == "precision" and not is_forum:
        cleaned_tree = prune_unwanted_nodes(cleaned_tree, _REMOVE_COMMENTS)
    postbody, temp_text = _extract_and_compare(cleaned_tree, cleaned_tree_backup, tree, options)
    if reading_length(temp_text) < options.min_extracted_size and options.focus != "precision":
        b_body, b_text, b_len = baseline(tree)
        if b_len > len(temp_text):
            postbody, temp_text = b_body, b_text
    if options.focus == "balanced" and 0 < len(temp_text) < ESCALATION_MAX_CHARS and _short_of_page(len(temp_text), tree):
        r_options = copy(options)
        r_options.focus = "recall"
        r_text = j_text = ""
        try:  # the tree is the escalation input: comments off, it is pruned already
            r_body, r_text = _recall_retry(tree, r_options, url)
        except Exception as err:  # noqa: BLE001 - as trafilatura_sequence does
            _LOGGER.warning("recall retry failed: %s %s", err, url)
        if not options.fast:
            try:
                j_body, j_text = justext_rescue(copy(tree), options)
            except Exception as err:  # noqa: BLE001 - as trafilatura_sequence does
                _LOGGER.warning("justext candidate failed: %s %s", err, url)
        len_text, r_len, j_len = len(temp_text), len(r_text), len(j_text)
        if j_len > r_len and j_len > ESCALATION_JUSTEXT_RATIO * len_text:
            postbody, temp_text = j_body, j_text
        elif r_len >= options.min_extracted_size and r_len > ESCALATION_ACCEPT_RATIO * len_text:
            postbody, temp_text = r_body, r_text
    return postbody, temp_text, Element("body"), ""


def _extract_and_compare(
    cleaned_tree: HtmlElement, cleaned_tree_backup: HtmlElement | None, tree: HtmlElement, options: Extractor
) -> tuple[_Element, str]:
    """``trafilatura.core._extract_and_compare``: the main extractor, then, in the full pass, the
    comparison with readability, given its copy of the page with each ``BLOCK_EDGE`` read as a space.
    Readability scores paragraphs by their length (none under 25 characters) and would count each
    mark as a character: a 24-character line of a sidebar poem would become a candidate and tip its
    choice. As a space, trimmed at a text's ends, the mark counts as the page as served does, and
    the words at a block edge of readability's result still stay apart."""
    postbody, temp_text = extract_content(cleaned_tree, options)
    if not options.fast:
        postbody, temp_text = compare_extraction(
            cleaned_tree_backup, _edges_as_spaces(copy(tree)), postbody, temp_text, options
        )
    return postbody, temp_text


def _edges_as_spaces(tree: HtmlElement) -> HtmlElement:
    for node in tree.iter():
        if node.text and BLOCK_EDGE in node.text:
            node.text = node.text.replace(BLOCK_EDGE, " ")
        if node.tail and BLOCK_EDGE in node.tail:
            node.tail = node.tail.replace(BLOCK_EDGE, " ")
    return tree


def _recall_retry(esc_tree: HtmlElement, r_options: Extractor, url: str | None) -> tuple[_Element, str]:
    """``trafilatura.core._recall_retry``: stages 1-2 again in recall mode (``_extract_and_compare``)."""
    return _extract_and_compare(*_prepare_tree(esc_tree, r_options, url), esc_tree, r_options)


def _short_of_page(found: int, tree: HtmlElement) -> bool:
    """trafilatura's escalation test ``found < ESCALATION_PAGE_SHARE * len(html2txt(tree))``, first
    against a bound of that length from above: html2txt (a copy, cleaned, each block's text and tail
    spaced out, whitespace collapsed) keeps at most the tree's non-blank characters and splits its
    words at most twice per block element."""
    words = tree.text_content().split()
    blocks = sum(1 for _ in tree.iter(*_BLOCK_ELEMS))
    if found >= ESCALATION_PAGE_SHARE * (sum(map(len, words)) + len(words) + 2 * blocks):
        return False
    return found < ESCALATION_PAGE_SHARE * len(html2txt(tree))


def repair_faulty_html(htmlstring: str, beginning: str) -> str:
    """``trafilatura.utils.repair_faulty_html``: the page's start made palatable to libxml2 (a DOCTYPE
    libxml2 misreads, a self-closing ``<html/>``); ``beginning`` is the lower-cased first 50 characters.
    Its repairs only touch the first line and the first 4,096 characters."""
    return _repair_faulty_html(htmlstring, beginning)


def is_dubious_html(beginning: str) -> bool:
    """``trafilatura.utils.is_dubious_html``: no "html" in the lower-cased first 50 characters."""
    return _is_dubious_html(beginning)
