"""A real ``redis-server`` for the tests: a free loopback port, its own directory, AOF on.

``RedisServer`` starts it (``start``), stops it cleanly (``stop``: SHUTDOWN writes the AOF) or kills it
(``kill``), and starts it again on the same port and directory (``start``): what a crash or a restart of
the Redis of a real crawl does. Tests that need it skip only when ``redis-server`` is not installed.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

EXECUTABLE = shutil.which("redis-server")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RedisServer:
    def __init__(self, directory: Path, *options: str) -> None:
        self.directory = directory
        self.options = options
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        assert EXECUTABLE is not None
        self.directory.mkdir(parents=True, exist_ok=True)
        command = [
            EXECUTABLE, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.directory),
            "--appendonly", "yes", "--save", "", "--daemonize", "no", "--logfile", str(self.directory / "redis.log"),
            *self.options,
        ]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited: {(self.directory / 'redis.log').read_text()[-2000:]}")
            if self.ping():
                return self
            time.sleep(0.05)
        raise RuntimeError("redis-server did not answer within 20 s")

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(64).startswith((b"+PONG", b"-NOAUTH"))  # up (a password is asked)
        except OSError:
            return False

    def stop(self) -> None:
        """A clean shutdown (SIGTERM: Redis flushes its AOF and exits)."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=30)
            self.process = None


def redis_server_or_skip(directory: Path, *options: str) -> RedisServer:
    if EXECUTABLE is None:
        pytest.skip("redis-server is not installed (Debian: apt-get install redis-server; .ci/run installs it)")
    return RedisServer(directory, *options).start()
