"""htmldate's internals, each behind one named function (its public ``find_date`` is used directly).

What is relied on (checked by ``tests/test_compat_htmldate.py``; ``pyproject.toml`` pins htmldate to
the versions those tests cover):

- ``htmldate.extractors.custom_parse(string, outputformat, min_date, max_date)``: its parser of dates
  written for readers, without dateparser;
- ``htmldate.core.search_page(htmlstring, options)``: its regex search over the page source;
- ``htmldate.utils.Extractor``: the options object ``search_page`` reads (fields ``extensive``,
  ``max``, ``min``, ``original``, ``format``), with ``htmldate.validators.get_min_date`` /
  ``get_max_date`` for htmldate's own date bounds.

The imports sit inside the functions: importing htmldate is deferred until a date is first parsed.
"""
from __future__ import annotations

from datetime import datetime

ISO_DAY = "%Y-%m-%d"


def parse_readable_date(text: str, earliest: datetime, latest: datetime) -> str | None:
    """The date written in ``text`` for readers ("16. Oktober 2019", "Oct 16, 2019", "16.10.2019") as
    ``YYYY-MM-DD``, or None when there is none between ``earliest`` and ``latest``.

    May raise ``ValueError`` or ``OverflowError`` on odd input (as htmldate does)."""
    from htmldate.extractors import custom_parse

    return custom_parse(text, ISO_DAY, earliest, latest)


def search_page_source(html: str) -> str | None:
    """htmldate's regex search over a page's HTML source for its original (publication) date, as
    ``YYYY-MM-DD``, within htmldate's default bounds; None if it finds none. Fast: the search
    skips htmldate's dateparser step."""
    from htmldate.core import search_page
    from htmldate.utils import Extractor
    from htmldate.validators import get_max_date, get_min_date

    options = Extractor(extensive=False, max=get_max_date(None), min=get_min_date(None), original=True,
                        format=ISO_DAY)
    return search_page(html, options)
