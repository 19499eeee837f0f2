"""Tables that lay out a page, not data: the 1990s and 2000s way of drawing columns (a masthead row,
a menu cell, an article cell, a sidebar cell of ads and polls). trafilatura keeps a table whole, as
content, so the page's every cell would be the article; as plain blocks, the article's cell is one
container among others, and the cascade finds it as it finds a ``<div>``."""
from __future__ import annotations

from lxml.html import HtmlElement

_TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption")
_PRESENTATION_ROLES = {"presentation", "none"}


def is_layout_table(table: HtmlElement) -> bool:
    """A table that declares itself presentational (``role="presentation"``, ``role="none"``), or
    draws columns (a row of two cells or more) and holds another table (the boxes in its columns;
    data tables do not nest, and a lone cell around a table is a frame, not a layout)."""
    if (table.get("role") or "").strip().lower() in _PRESENTATION_ROLES:
        return True
    return next(table.iterdescendants("table"), None) is not None and any(
        sum(1 for cell in row if cell.tag in ("td", "th")) >= 2 for row in _rows(table))


def _rows(table: HtmlElement) -> list[HtmlElement]:
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(row for row in child if row.tag == "tr")
    return rows


def unwrap_layout_tables(tree: HtmlElement) -> int:
    """Turn each layout table, every table inside it (the boxes a layout draws in its cells: a poll,
    an ad, a list of more stories) and every table around it (the page's frame) into ``<div>``s.
    Returns how many layout tables were found."""
    layouts = [table for table in tree.iter("table") if is_layout_table(table)]
    for table in layouts:  # (in document order: an outer layout unwraps the ones inside it)
        if table.tag != "table":
            continue
        for frame in list(table.iterancestors("table")):
            _unwrap_parts(frame)
        for part in list(table.iter(*_TABLE_PARTS)):
            part.tag = "div"
    return len(layouts)


def _unwrap_parts(table: HtmlElement) -> None:
    """A table's own rows and cells (not those of the tables in its cells) as ``<div>``s."""
    for row in _rows(table):
        for cell in row:
            if cell.tag in ("td", "th"):
                cell.tag = "div"
        row.tag = "div"
    for child in table:
        if child.tag in ("thead", "tbody", "tfoot", "caption"):
            child.tag = "div"
    table.tag = "div"
