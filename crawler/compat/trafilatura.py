"""trafilatura internals the extraction core relies on (contract: ``tests/test_compat.py``).

The core runs trafilatura's extraction cascade on a tree it has parsed and cleaned itself, instead of
``bare_extraction`` (which parses again, deep-copies the tree and serialises a text we do not use),
and reuses trafilatura's own HTML repairs in its parser. None of these names is public API, so each
lives here, pinned in ``pyproject.toml`` to the versions the contract tests cover.

Scrapy-free: the extraction core imports this module.
"""
from __future__ import annotations

from copy import copy

from lxml.html import HtmlElement
from trafilatura.core import trafilatura_sequence
from trafilatura.settings import Extractor
from trafilatura.utils import is_dubious_html as _is_dubious_html
from trafilatura.utils import repair_faulty_html as _repair_faulty_html

__all__ = [
    "ESCALATION_MAX_CHARS",
    "ESCALATION_PAGE_SHARE",
    "NO_ESCALATION_FOCUS",
    "extraction_options",
    "is_dubious_html",
    "repair_faulty_html",
    "run_cascade",
    "without_escalation",
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

    Relies on ``trafilatura.core.trafilatura_sequence(tree, options, url)`` returning
    ``(body, text, comments, comments_text)``, raising ``TypeError``/``ValueError`` when nothing is
    found, and on ``Extractor.min_output_size``: the two checks ``bare_extraction`` makes before it
    reports a text. The cascade prunes the tree it is given, with prunes every pass repeats, so a
    second pass may reuse the tree.
    """
    try:
        body, text, _comments, _comments_text = trafilatura_sequence(tree, options, url)
    except (TypeError, ValueError):  # what bare_extraction treats as "nothing extracted"
        return None, 0
    if len(text) < options.min_output_size:
        return None, 0
    return body, len(text)


def repair_faulty_html(htmlstring: str, beginning: str) -> str:
    """``trafilatura.utils.repair_faulty_html``: the page's start made palatable to libxml2 (a DOCTYPE
    libxml2 misreads, a self-closing ``<html/>``); ``beginning`` is the lower-cased first 50 characters.
    Its repairs only touch the first line and the first 4,096 characters."""
    return _repair_faulty_html(htmlstring, beginning)


def is_dubious_html(beginning: str) -> bool:
    """``trafilatura.utils.is_dubious_html``: no "html" in the lower-cased first 50 characters."""
    return _is_dubious_html(beginning)
