"""Shared test helpers: the fixture corpus and a loopback HTTP server (port 0, never the internet)."""
from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES_DIR = REPO_ROOT / "fixtures"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    seen: list[tuple[str, str]]

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self.seen.append((self.path, self.headers.get("User-Agent", "")))
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture
def serve_dir() -> Iterator:
    """``serve_dir(path)`` serves a directory on 127.0.0.1 (port 0) and returns the base URL;
    ``serve_dir.seen`` lists the (path, User-Agent) of every GET request."""
    servers: list[http.server.ThreadingHTTPServer] = []
    seen: list[tuple[str, str]] = []
    handler_class = type("Handler", (_QuietHandler,), {"seen": seen})

    def start(directory: Path) -> str:
        handler = lambda *a, **kw: handler_class(*a, directory=str(directory), **kw)  # noqa: E731
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    start.seen = seen  # type: ignore[attr-defined]
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
