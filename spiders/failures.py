"""What a failed request was and why it failed, for the news spider's errback: counted per source and
logged in one line naming the page where the request was found.

A failure is an *error* of its role: a feed, a sitemap, a robots.txt read for its sitemaps, a start
page, a page listed by a feed or sitemap, or a link found on a page (a dead link in an article is not
the news a dead feed is). A robots.txt Disallow or a network-boundary refusal is no error: the crawl
was told not to go there (counted apart, ``REFUSALS``).
"""
from __future__ import annotations

import logging
from typing import Any

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.crawl.ssrf import BlockedRequest

logger = logging.getLogger("spiders.news")

REFUSALS = {"robots_denied": "robots.txt denied", "ssrf": "network boundary refused"}
"""Failure kinds that are no error, with their name in the printed summary."""
LOUD_ROLES = frozenset({"feed", "sitemap", "robots_txt", "start_page"})
"""Roles whose failure is logged as a warning: the source loses a way in, not one page."""


def failure_kind(failure: Failure) -> str:
    """``http_404``, ``ssrf``, ``robots_denied``, ``ignored`` or the exception's class name."""
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if failure.check(BlockedRequest):
        return "ssrf"  # the message says how to allow the address
    if failure.check(IgnoreRequest):
        return "robots_denied" if "robots.txt" in str(failure.value) else "ignored"
    return type(failure.value).__name__


def request_role(request: Request) -> str:
    """``feed``, ``sitemap``, ``robots_txt``, ``start_page``, ``listed_page`` (from a feed or sitemap) or
    ``link``: read off the request's ``news_kind`` meta, its callback and its ``via``."""
    kind = request.meta.get("news_kind")
    if kind in ("feed", "sitemap"):
        return str(kind)
    if getattr(request.callback, "__name__", None) == "parse_robots":
        return "robots_txt"
    via = request.cb_kwargs.get("via")
    if via == "start":
        return "start_page"
    return "listed_page" if via in ("feed", "sitemap") else "link"


def found_on(request: Request) -> str | None:
    """The page, feed or sitemap the request's URL was found on (its ``Referer``), if known."""
    referer = request.headers.get(b"Referer")
    return referer.decode("latin-1") if referer else None


def record_failure(stats: Any, failure: Failure) -> str:
    """Count and log a failed request of a source; returns its kind.

    Stats: ``news/errors/<kind>`` and ``news/source/<source>/errors/<kind>`` for every failure (the run
    summary's ``failed_requests``); for an error (not a refusal) also ``news/source/<source>/errors`` and
    ``news/source/<source>/failed/<role>/<kind>`` (its ``errors``).
    """
    request = failure.request  # type: ignore[attr-defined]
    source = request.cb_kwargs.get("source", "?")
    kind, role = failure_kind(failure), request_role(request)
    stats.inc_value(f"news/errors/{kind}")
    stats.inc_value(f"news/source/{source}/errors/{kind}")
    if kind not in REFUSALS:
        stats.inc_value(f"news/source/{source}/errors")
        stats.inc_value(f"news/source/{source}/failed/{role}/{kind}")
    where = found_on(request)
    level = logging.WARNING if role in LOUD_ROLES and kind not in REFUSALS else logging.INFO
    name = role.replace("_txt", ".txt").replace("_", " ")
    logger.log(level, "Failed %s (%s), %s%s: %s", request.url, kind, name,
               f" found on {where}" if where else "", failure.getErrorMessage())
    return kind
