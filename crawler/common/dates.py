"""Reading machine-written dates: RFC 5322 / HTTP dates ("Fri, 27 Nov 2026 12:00:30 GMT") and ISO 8601.

One reader for feeds, sitemaps, ``Retry-After`` headers and page metadata; callers decide what a
date without a zone means (``as_utc``), since page metadata keeps "no zone given" apart.
"""
from __future__ import annotations

import datetime as dt
import email.utils


def parse_email_date(text: str | None) -> dt.datetime | None:
    """An RFC 5322 / HTTP date as written: aware when it names a zone, naive for ``-0000`` (zone
    unknown); None if ``text`` is no such date."""
    if not text:
        return None
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def as_utc(when: dt.datetime) -> dt.datetime:
    """``when`` unchanged if it carries a zone, else taken as UTC."""
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.timezone.utc)


def parse_date(value: str | None) -> dt.datetime | None:
    """An ISO 8601 (Atom, Dublin Core, sitemaps) or RFC 822 (RSS) date, timezone-aware (no zone
    given: UTC); None if unreadable."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        parsed: dt.datetime | None = dt.datetime.fromisoformat(value)
    except ValueError:
        parsed = parse_email_date(value)
    return as_utc(parsed) if parsed is not None else None
