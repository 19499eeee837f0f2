"""The decision: which of the dates found is the publication date, which the modification date.

Candidates in order of trust: JSON-LD, ``article:published_time`` and its kin, microdata, a
``<time>`` in the article's byline, the URL path; htmldate's fast search when they disagree; a date
printed for readers (dateline, leading line, byline block); the text scan and htmldate's page
search last."""
from __future__ import annotations

from datetime import datetime, timedelta

from lxml.html import HtmlElement

from crawler.extraction.metadata.candidates import Candidates
from crawler.extraction.metadata.dates.datelines import byline_block_date, dateline_date
from crawler.extraction.metadata.dates.htmldate_search import copyright_guess, htmldate_fast, page_source_date
from crawler.extraction.metadata.dates.leadingdate import leading_date
from crawler.extraction.metadata.dates.markup import (
    MODIFIED_META,
    PUBLISHED_META,
    article_elements,
    element_date,
    first_date,
    meta_date,
    near_article,
    visible_date,
)
from crawler.extraction.metadata.dates.parsing import ISO_DATE, url_date
from crawler.extraction.metadata.dates.textscan import text_scan
from crawler.extraction.metadata.elementtext import element_text


def _day(value: str) -> str:
    return value[:10]


_UTC_ZONES = ("Z", "+00:00", "+0000")


def _local_day(value: str) -> str | None:
    """The calendar day readers saw for a UTC timestamp that was a local midnight east of UTC
    (a date-only field stored as 22:00/23:00 UTC): the next day."""
    match = ISO_DATE.match(value)
    if not match or match["tz"] not in _UTC_ZONES or match["H"] not in ("22", "23"):
        return None
    if (match["M"], match["S"] or "00") != ("00", "00"):
        return None
    day = datetime(int(match["y"]), int(match["m"]), int(match["d"])) + timedelta(days=1)
    return day.strftime("%Y-%m-%d")


def _same_instant(a: str, b: str) -> bool:
    """Whether two timestamps with offsets name one instant (a <time> in UTC, the JSON-LD's value in
    the newsroom's time zone, a day apart on the calendar): they agree, and the local one's day is the
    day readers saw."""
    try:
        first, second = datetime.fromisoformat(a), datetime.fromisoformat(b)
    except ValueError:
        return False
    return first.tzinfo is not None and second.tzinfo is not None and first == second


def _is_utc(value: str) -> bool:
    match = ISO_DATE.match(value)
    return bool(match and match["tz"] in _UTC_ZONES)


def _is_utc_night(value: str) -> bool:
    match = ISO_DATE.match(value)
    return bool(match and match["tz"] in _UTC_ZONES and match["H"] is not None
                and (int(match["H"]) >= 20 or int(match["H"]) <= 6))


def _adjacent(a: str, b: str) -> bool:
    try:
        return abs((datetime.fromisoformat(a) - datetime.fromisoformat(b)).days) == 1
    except ValueError:
        return False


def _swapped(value: str) -> str | None:
    """The same date read the other way round (day and month both 12 or less: 01.11. / 11/01)."""
    match = ISO_DATE.match(value)
    if not match or int(match["d"]) > 12 or match["d"] == match["m"]:
        return None
    return f"{match['y']}-{match['d']}-{match['m']}"


def choose_published(candidates: list[tuple[str, str]]) -> tuple[str | None, str]:
    """Pick the publication date from (source, ISO date) candidates in order of trust.

    The day most sources agree on wins (ties go to the most trusted source). A UTC timestamp near
    midnight is shown to readers in local time: when another source gives the neighbouring day,
    that day is the one readers saw; a UTC 22:00/23:00 with zero minutes is a local midnight.
    """
    if not candidates:
        return None, ""
    votes: dict[str, int] = {}
    for _, value in candidates:
        votes[_day(value)] = votes.get(_day(value), 0) + 1
    best = max(votes.values())
    source, value = next((s, v) for s, v in candidates if votes[_day(v)] == best)
    if _is_utc_night(value):
        for other_source, other in candidates:
            if not _is_utc_night(other) and _adjacent(_day(other), _day(value)):
                return other, other_source
        local = _local_day(value)
        if local:
            return local, source
    return value, source


def choose_dates(found: Candidates, ld_published: list[str], ld_modified: list[str], tree: HtmlElement,
                 url: str | None) -> tuple[str | None, str | None, dict[str, str]]:
    """(date_published, date_modified, the source of each) for a page, from the JSON-LD values and
    the collected candidates; a date a reader sees in the article's byline wins over disagreeing
    markup."""
    sources: dict[str, str] = {}
    candidates: list[tuple[str, str]] = []
    for date, source in (first_date(ld_published, "json-ld"), meta_date(found, PUBLISHED_META)):
        if date:
            candidates.append((source, date))
    shown, shown_source = visible_date(found, want_updated=False)
    if shown:
        candidates.append((shown_source, shown))
    date = url_date(url)
    if date:
        candidates.append(("url", date))
    # htmldate's heuristic search only when the markup gives no date or its sources disagree
    if not candidates or len({_day(v) for _, v in candidates}) > 1:
        date = htmldate_fast(tree, url)
        if date and (candidates or not copyright_guess(tree, date)):
            candidates.append(("htmldate", date))
    ambiguous = False
    if not shown:
        (shown, ambiguous), shown_source = dateline_date(found), "dateline"
        if not shown:
            shown, ambiguous = leading_date(found)
        if not shown:
            (shown, ambiguous), shown_source = byline_block_date(found), "byline"
        if shown:
            candidates.append((shown_source, shown))
    if not candidates:
        date = text_scan(found, tree)
        if date:
            candidates.append(("text", date))
    if not candidates:
        date = page_source_date(tree)
        if date and not copyright_guess(tree, date):
            candidates.append(("htmldate", date))
    published, source = choose_published(candidates)
    modified, msource = first_date(ld_modified, "json-ld")
    if not modified:
        modified, msource = meta_date(found, MODIFIED_META)
    if not modified:
        modified, msource = visible_date(found, want_updated=True)
    if shown_source == "time" and shown and not any(
            element_text(t) and _day(element_date(t) or "") == _day(shown) and near_article(t, found.keep)
            for t in article_elements(found, found.times)):
        # a <time> without visible text is markup, not what a reader sees; one far from the
        # headline and body may belong to a feed or a teaser
        shown = None
    declared_modified = modified if msource == "json-ld" or msource.startswith("meta") else None
    if (shown and published and declared_modified and _day(shown) == _day(declared_modified)
            and _day(published) < _day(shown)):
        # the byline shows the page's declared modified date (themes that print "updated" dates in the
        # byline): it is the modified date, not a publication date that the markup got wrong
        shown = None
    if shown and published and _day(shown) != _day(published) and _same_instant(shown, published):
        # one instant, two calendar days: the day in the newsroom's zone is the one readers saw
        if _is_utc(published) and not _is_utc(shown):
            source, published = shown_source, shown
    elif shown and published and _day(shown) != _day(published) and shown_source in ("dateline", "byline", "time"):
        shown = _local_day(shown) or shown
        # the date a reader sees in the article's byline wins over disagreeing markup; a
        # machine-readable value of the same day keeps its time and offset
        other = _swapped(shown) if ambiguous else None
        same = [(s, v) for s, v in candidates if _day(v) in (_day(shown), other) and "T" in v]
        swapped = [(s, v) for s, v in candidates if _day(v) == other]
        source, published = same[0] if same else swapped[0] if swapped else (shown_source, shown)
    if published:
        sources["date_published"] = source
    if modified:
        sources["date_modified"] = msource
    return published, modified, sources
