"""A small threaded HTTP server on loopback that serves a dict of pages (the demo and the tests).

A ``Site`` maps a path (with query) to a ``Page`` (status, headers, body) or to a callable that
builds one per request (for 500-then-200, slow pages, redirect chains). Every request is recorded
in ``site.requests`` so tests can check what was, and was not, fetched, and in ``site.visits`` with
when its handling started and ended (the politeness tests measure concurrency and spacing with it).

Like a real web server it answers conditional requests: every 200 page has an ``ETag`` (a hash of
its body) and a request whose ``If-None-Match`` matches it, or whose ``If-Modified-Since`` is not
older than the page's ``Last-Modified`` header, gets ``304 Not Modified``. Paths of conditional
requests are recorded in ``site.conditional``, those answered 304 in ``site.not_modified``.
"""
from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Page:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering (a slow page)."""


@dataclass(frozen=True)
class Visit:
    path: str
    start: float
    """``time.monotonic()`` when the server began to handle the request (its headers were read)."""
    end: float
    """... and when the answer was written."""


def max_concurrency(visits: list[Visit]) -> int:
    """The most requests handled at once."""
    events = sorted([(visit.start, 1) for visit in visits] + [(visit.end, -1) for visit in visits])
    current = peak = 0
    for _, change in events:  # an end sorts before a start at the same instant
        current += change
        peak = max(peak, current)
    return peak


def min_spacing(visits: list[Visit], span: int = 1, skip: tuple[str, ...] = ()) -> float:
    """The shortest time from the start of one request to the start of the ``span``-th next one
    (requests of the paths in ``skip`` left out); infinite with ``span`` requests or fewer."""
    starts = sorted(visit.start for visit in visits if visit.path not in skip)
    return min((later - earlier for earlier, later in zip(starts, starts[span:])), default=float("inf"))


Route = Page | Callable[[int], Page]
"""A page, or a function of the request count for this path (1 for the first request) returning one."""


class Site:
    def __init__(self, routes: dict[str, Route] | None = None) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.requests: list[str] = []
        self.conditional: list[str] = []
        self.not_modified: list[str] = []
        self.visits: list[Visit] = []
        self.counts: dict[str, int] = {}
        self._lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None
        self.thread: threading.Thread | None = None

    @property
    def base(self) -> str:
        assert self.server is not None, "site not started"
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def page_for(self, path: str) -> Page:
        with self._lock:
            self.requests.append(path)
            self.counts[path] = self.counts.get(path, 0) + 1
            count = self.counts[path]
        route = self.routes.get(path)
        if route is None:
            return Page(b"<html><body><h1>Not found</h1></body></html>", status=404)
        return route(count) if callable(route) else route

    def conditional_answer(self, path: str, page: Page, headers: Any) -> Page:
        """The page with its ``ETag``, or a 304 when the request's validators match it."""
        if page.status != 200:
            return page
        etag = page.headers.get("ETag") or f'"{hashlib.sha1(page.body).hexdigest()[:16]}"'
        page = Page(page.body, page.status, page.content_type, {**page.headers, "ETag": etag}, page.delay)
        if_none_match, if_modified_since = headers.get("If-None-Match"), headers.get("If-Modified-Since")
        if not (if_none_match or if_modified_since):
            return page
        with self._lock:
            self.conditional.append(path)
        if if_none_match:
            unchanged = etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match.strip() == "*"
        else:
            unchanged = _not_newer(page.headers.get("Last-Modified"), if_modified_since)
        if not unchanged:
            return page
        with self._lock:
            self.not_modified.append(path)
        return Page(b"", 304, page.content_type, {"ETag": etag})

    def start(self, host: str = "127.0.0.1", port: int = 0) -> Site:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - http.server API
                started = time.monotonic()
                try:
                    self.answer()
                finally:
                    visit = Visit(self.path, started, time.monotonic())
                    with site._lock:
                        site.visits.append(visit)

            def answer(self) -> None:
                page = site.page_for(self.path)
                if page.delay:
                    time.sleep(page.delay)
                page = site.conditional_answer(self.path, page, self.headers)
                try:
                    self.send_response(page.status)
                    self.send_header("Content-Type", page.content_type)
                    self.send_header("Content-Length", str(len(page.body)))
                    for name, value in page.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(page.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
                pass

        class Server(ThreadingHTTPServer):
            request_queue_size = 256  # a crawl opens many connections at once; SYN retries would cost 1 s
            daemon_threads = True

        self.server = Server((host, port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def __enter__(self) -> Site:
        return self.start() if self.server is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _not_newer(last_modified: str | None, since: str) -> bool:
    """True when a page's ``Last-Modified`` is not later than ``If-Modified-Since``."""
    if not last_modified:
        return False
    try:
        return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
