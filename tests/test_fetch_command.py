"""`crawler fetch`: saved pages offline, and pages served on loopback through the Scrapy stack."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from crawler.tools.cli import main
from crawler.tools.commands.fetch import EXIT_FETCH_FAILED, EXIT_NO_ARTICLE, EXIT_USAGE

from tests.conftest import FIXTURES_DIR, REPO_ROOT

SEED_PAGE = FIXTURES_DIR / "worldaffairsdigest" / "us_warns_north_korea_pay_a_price.html"
LISTING_PAGE = FIXTURES_DIR / "metroledger" / "transit_section_page_2.html"
ALLOW_LOOPBACK = ["-s", "NEWS_ALLOW_PRIVATE_NETWORKS=True"]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process: each URL fetch starts (and stops) its own Twisted reactor."""
    return subprocess.run(
        [sys.executable, "-m", "crawler", "fetch", *args],
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=120,
    )


def test_file_prints_the_record_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fetch", "--file", str(SEED_PAGE), "--url", "https://aggregator.test/us-warns"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["url"] == "https://aggregator.test/us-warns"
    assert record["title"] == "US warns North Korea would ‘pay a price’ for any arms deal with Russia"
    assert "Please enter your comment!" not in record["text"]
    assert record["original_url"].startswith("https://www.cnn.com/")


@pytest.mark.parametrize("fmt, first_line", [("text", "US warns North Korea"), ("markdown", "# US warns North Korea")])
def test_text_and_markdown_formats(capsys: pytest.CaptureFixture[str], fmt: str, first_line: str) -> None:
    assert main(["fetch", "--file", str(SEED_PAGE), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert out.startswith(first_line)
    assert "Sullivan did not elaborate on the potential repercussions" in out


def test_listing_page_exits_no_article(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fetch", "--file", str(LISTING_PAGE)]) == EXIT_NO_ARTICLE
    assert "listing_page" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["fetch"], ["fetch", "http://a.test/", "--file", "x.html"], ["fetch", "ftp://a.test/x"]])
def test_bad_usage(argv: list[str]) -> None:
    assert main(argv) == EXIT_USAGE


def test_missing_file_is_bad_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fetch", "--file", str(tmp_path / "nope.html")]) == EXIT_USAGE
    assert "nope.html" in capsys.readouterr().err


def test_url_is_fetched_through_scrapy_with_the_project_user_agent(serve_dir) -> None:
    base = serve_dir(FIXTURES_DIR)
    result = run_cli(f"{base}/dailymeridian/central_bank_holds_rates.html", *ALLOW_LOOPBACK)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["title"] == "Central bank holds rates steady but signals cuts later this year"
    user_agents = {agent for path, agent in serve_dir.seen}
    assert any(agent.startswith("news-crawler/") for agent in user_agents)
    assert "/robots.txt" in {path for path, _ in serve_dir.seen}  # robots.txt is obeyed, as in a crawl


def test_http_error_exits_fetch_failed_naming_url_and_status(serve_dir) -> None:
    base = serve_dir(FIXTURES_DIR)
    result = run_cli(f"{base}/no-such-page.html", *ALLOW_LOOPBACK)
    assert result.returncode == EXIT_FETCH_FAILED
    assert f"{base}/no-such-page.html" in result.stderr and "HTTP 404" in result.stderr


def test_refused_connection_exits_fetch_failed() -> None:
    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = run_cli(f"http://127.0.0.1:{port}/article.html", *ALLOW_LOOPBACK, "-s", "RETRY_ENABLED=False")
    assert result.returncode == EXIT_FETCH_FAILED
    assert "refused" in result.stderr.lower()


def test_loopback_is_refused_by_default(serve_dir) -> None:
    base = serve_dir(FIXTURES_DIR)
    result = run_cli(f"{base}/dailymeridian/central_bank_holds_rates.html")
    assert result.returncode == EXIT_FETCH_FAILED
    assert "ssrf" in result.stderr and serve_dir.seen == []  # nothing reached the server, not even robots.txt


# --- failing fast and saying why (issue 18, item 13) --------------------------------------------


def test_refused_connection_is_not_retried_for_a_single_fetch() -> None:
    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    result = run_cli(f"http://127.0.0.1:{port}/article.html", *ALLOW_LOOPBACK)  # the project's retry settings
    took = time.monotonic() - started
    assert result.returncode == EXIT_FETCH_FAILED
    assert "refused" in result.stderr.lower() and f"127.0.0.1:{port}/article.html" in result.stderr
    assert took < 8, took  # robots.txt and the page, each retried 3 times with backoff, took about 18 s


@pytest.fixture
def hanging_server():
    """A server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


def test_slow_fetch_says_what_it_is_waiting_for(hanging_server: str) -> None:
    # Each attempt times out before the notice is due: the wait counts across retries of one URL.
    result = run_cli(f"{hanging_server}/story.html", *ALLOW_LOOPBACK, "-s", "DOWNLOAD_TIMEOUT=1.5", "-s", "RETRY_TIMES=2",
                     "-s", "NEWS_RETRY_BACKOFF_BASE=0.5")
    assert result.returncode == EXIT_FETCH_FAILED
    notices = [line for line in result.stderr.splitlines() if "waiting for" in line]
    assert len(notices) == 2, result.stderr  # once per URL
    assert notices[0].startswith(f"crawler fetch: waiting for robots.txt, {hanging_server}/robots.txt (")
    assert notices[1].startswith(f"crawler fetch: waiting for the page, {hanging_server}/story.html (")
    assert all(" of 2;" in line and "DOWNLOAD_TIMEOUT is 1.5 s" in line for line in notices), notices
