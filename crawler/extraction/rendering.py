"""trafilatura's output tree to our plain-text layout.

Paragraphs, headings, quotes and tables are blocks separated by one blank line; the items of a
list are lines of one block.
"""
from __future__ import annotations

import re

from lxml.etree import _Element, iterwalk

from crawler.compat.trafilatura import BLOCK_EDGE

_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
# soft hyphens and zero-width spaces split words; a word joiner, direction marks and embedding
# controls are formatting no reader sees ("spokes\u2060woman"); zero-width (non-)joiners shape scripts, so stay
_INVISIBLE = re.compile("[\u00ad\u200b\ufeff\u2060\u200e\u200f\u202a-\u202e\u2066-\u2069]")


_EDGE_RUN = re.compile(f"[ \\t\\n]*{BLOCK_EDGE}[{BLOCK_EDGE} \\t\\n]*")
"""A marked block edge in a code block, with the spaces around it: one line break."""


_LINE_TAGS = frozenset({"p", "head", "quote", "code", "div", "item", "list", "table", "row", "lb"})
"""Tags of trafilatura's output that start a line of their own (``<li><h4>X</h4><p>Y``: "X", "Y")."""


def _inline_runs(elem: _Element) -> list[str | _Element]:
    """Text of an element, split where a nested list or table sits (rendered as blocks of their
    own): the text runs and those elements, in the page's order.

    Any block boundary inside it, at any depth, is a line break: words never run together across
    blocks. The walk is iterative, so nesting depth costs no recursion.
    """
    runs: list[str | _Element] = []
    parts: list[str] = [elem.text or ""]
    for child in elem:
        if child.tag in ("list", "table"):
            runs.extend((_lines_of("".join(parts)), child))
            parts = []
        elif next(child.iter(*_LINE_TAGS), None) is None or _inline_code(child):  # inline only: no walk
            parts.extend(child.itertext())
        else:
            walker = iterwalk(child, events=("start", "end"))
            for event, node in walker:
                if node.tag in _LINE_TAGS and not _inline_code(node):
                    parts.append("\n")
                if event == "start":
                    parts.append(node.text or "")
                elif node is not child:
                    parts.append(node.tail or "")
        parts.append(child.tail or "")
    runs.append(_lines_of("".join(parts)))
    return runs


def _inline_code(node: _Element) -> bool:
    """Code inside a sentence ("the index on <code>orders (account_id)</code>."): one line, no block.
    trafilatura writes inline code and code blocks both as ``<code>``; a block holds line breaks."""
    return node.tag == "code" and not len(node) and "\n" not in (node.text or "") and BLOCK_EDGE not in (node.text or "")


def _lines_of(text: str) -> str:
    """Text as lines: invisible characters dropped, spaces collapsed, a marked block edge a line break."""
    text = _INVISIBLE.sub("", text).replace(BLOCK_EDGE, "\n")
    lines = (_spaces_collapsed(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _spaces_collapsed(line: str) -> str:
    """The line with its runs of spaces and tabs (``_SPACES``) as one space, trimmed; most lines
    hold no run to collapse."""
    if "  " in line or any(space in line for space in _WIDE_SPACES):
        line = _SPACES.sub(" ", line)
    return line.strip()


_WIDE_SPACES = ("\t", "\u00a0", "\u2009", "\u202f")
"""The characters of ``_SPACES`` other than the space."""


def _inline_text(elem: _Element) -> str:
    """Text of an element without its nested lists and tables (the text either side of one is on a
    line of its own)."""
    return "\n".join(run for run in _inline_runs(elem) if isinstance(run, str) and run)


def _blocks(elem: _Element) -> list[str]:
    tag = elem.tag
    if tag == "list":
        items = []
        for item in elem.iterchildren("item"):
            text = _inline_text(item)
            if text:
                items.append(text)
            for nested in item.iterchildren("list"):
                items.extend(_blocks(nested))
        return ["\n".join(items)] if items else []
    if tag == "table":
        rows = []
        for row in elem.iter(*_ROW_TAGS):
            cells = [_inline_text(cell) for cell in row.iterchildren(*_CELL_TAGS)]
            cells = [c for c in cells if c]
            if cells:
                rows.append(" | ".join(cells))
        return ["\n".join(rows)] if rows else []
    if tag in ("quote", "div", "body") and any(child.tag in _BLOCK_TAGS for child in elem):
        blocks: list[str] = []
        if elem.text and elem.text.strip():
            blocks.append(_lines_of(elem.text))
        for child in elem:
            blocks.extend(_blocks(child))
            if child.tail and child.tail.strip():
                blocks.append(_lines_of(child.tail))
        return [block for block in blocks if block]
    if tag == "code":
        code = _EDGE_RUN.sub("\n", "".join(elem.itertext())).strip("\n")
        return [code] if code.strip() else []
    if tag == "graphic":
        return []
    blocks = []
    for run in _inline_runs(elem):  # lists and tables nested in a paragraph are blocks of their own
        if not isinstance(run, str):
            blocks.extend(_blocks(run))
        elif run:
            blocks.append(run)
    return blocks


_ROW_TAGS = ("row", "tr")
_CELL_TAGS = ("cell", "td", "th")
"""trafilatura converts a table's tags to ``row``/``cell`` in its own pass only: a table that comes
through its readability or jusText fallback keeps the page's ``tr``/``td``/``th``."""

_BLOCK_TAGS = {"p", "head", "list", "table", "quote", "code", "div"}


def render_text(body: _Element) -> list[str]:
    """The blocks of trafilatura's ``document.body``, in order; a block edge marked in the page
    (``BLOCK_EDGE``, where trafilatura may have unwrapped the block) is a line break."""
    return _blocks(body)
