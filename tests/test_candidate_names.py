"""The class and id names the metadata walk reads as an article body, a byline or a date: a value's
kinds are its names' kinds, whatever else the value holds (the walk remembers them name by name)."""
from __future__ import annotations

import pytest

from crawler.extraction.extract import load_page
from crawler.extraction.metadata.candidates import _name_kinds, collect


@pytest.mark.parametrize(
    ("names", "kinds"),
    [
        ("entry-content", (True, False, False)),
        ("post-4711 entry-content", (True, False, False)),
        ("entry-meta", (False, True, False)),
        ("byline", (False, True, False)),
        ("nearby", (False, False, False)),  # "by" inside a word is no byline
        ("by", (False, True, False)),
        ("posted-on published-date", (False, False, True)),
        ("entry-content entry-meta post-date", (True, True, True)),
        ("AuthorName", (False, True, False)),
        ("  ", (False, False, False)),
    ],
)
def test_kinds_of_a_class_value(names: str, kinds: tuple[bool, bool, bool]) -> None:
    assert _name_kinds(names) == kinds
    assert _name_kinds(names) == kinds  # remembered: the same answer again


def test_a_value_is_read_as_the_union_of_its_names() -> None:
    single = [_name_kinds(name) for name in ("article-body", "byline", "timestamp", "row")]
    combined = _name_kinds("row article-body   byline\ttimestamp")
    assert combined == tuple(any(kinds[i] for kinds in single) for i in range(3)) == (True, True, True)


def test_the_walk_finds_a_byline_and_a_date_by_class_in_any_position() -> None:
    tree = load_page(
        '<html><body><article><div class="col entry-content">' + "Text. " * 30 + "</div>"
        '<span class="meta byline">Ann Lee</span><span id="x1" class="stamp date">2024-05-01</span>'
        "</article></body></html>"
    )
    found = collect(tree)
    assert [elem.text for elem in found.bylines] == ["Ann Lee"]
    assert [elem.text for elem in found.dated] == ["2024-05-01"]
    assert [elem.get("class") for elem in found.bodies] == ["col entry-content"]
