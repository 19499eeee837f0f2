"""Contract of crawler/compat/htmldate.py: what this project relies on in htmldate's internals.

A failure here after an htmldate upgrade names the compat function to adapt; pyproject.toml pins
htmldate to the versions these tests pass on.
"""
from __future__ import annotations

import dataclasses
import inspect
from datetime import datetime

import htmldate
from htmldate.core import search_page
from htmldate.extractors import custom_parse
from htmldate.utils import Extractor
from htmldate.validators import get_max_date, get_min_date

from crawler.compat.htmldate import parse_readable_date, search_page_source

EARLIEST = datetime(1995, 1, 1)
LATEST = datetime(2030, 1, 1)


def _parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def test_custom_parse_signature() -> None:
    assert _parameters(custom_parse) == ["string", "outputformat", "min_date", "max_date"], (
        f"htmldate {htmldate.__version__} changed extractors.custom_parse: fix "
        "crawler.compat.htmldate.parse_readable_date")


def test_parse_readable_date_reads_dates_for_readers() -> None:
    fix = f"htmldate {htmldate.__version__}: fix crawler.compat.htmldate.parse_readable_date"
    assert parse_readable_date("16. Oktober 2019", EARLIEST, LATEST) == "2019-10-16", fix
    assert parse_readable_date("Oct 16, 2019", EARLIEST, LATEST) == "2019-10-16", fix
    assert parse_readable_date("16.10.2019", EARLIEST, LATEST) == "2019-10-16", fix


def test_parse_readable_date_keeps_to_the_bounds() -> None:
    fix = f"htmldate {htmldate.__version__}: fix crawler.compat.htmldate.parse_readable_date"
    assert parse_readable_date("16.10.1990", EARLIEST, LATEST) is None, fix
    assert parse_readable_date("no date here", EARLIEST, LATEST) is None, fix


def test_search_page_and_extractor_signatures() -> None:
    fix = f"htmldate {htmldate.__version__} changed %s: fix crawler.compat.htmldate.search_page_source"
    assert _parameters(search_page) == ["htmlstring", "options"], fix % "core.search_page"
    fields = [f.name for f in dataclasses.fields(Extractor)]
    assert fields == ["extensive", "max", "min", "original", "format"], fix % "utils.Extractor"
    assert _parameters(get_max_date) == ["max_date"], fix % "validators.get_max_date"
    assert _parameters(get_min_date) == ["min_date"], fix % "validators.get_min_date"
    assert isinstance(get_max_date(None), datetime) and isinstance(get_min_date(None), datetime), (
        fix % "validators.get_min_date/get_max_date")


def test_search_page_source_finds_a_date_in_the_source() -> None:
    fix = f"htmldate {htmldate.__version__}: fix crawler.compat.htmldate.search_page_source"
    page = ("<html><body><h1>Title</h1><p>Lorem ipsum.</p>"
            "<div>Some text: 2019-10-16, and more text</div></body></html>")
    assert search_page_source(page) == "2019-10-16", fix
    assert search_page_source("<html><body><p>No date at all.</p></body></html>") is None, fix
