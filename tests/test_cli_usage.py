"""Usage errors say what is wrong: bad `-s` values, unknown setting names, malformed URLs, and the
help and version texts (issue 18, items 6, 7 and 12)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.tools.cli import main
from crawler.tools.crawlrun import parse_overrides

from tests.conftest import FIXTURES_DIR, REPO_ROOT

SEED_PAGE = FIXTURES_DIR / "worldaffairsdigest" / "us_warns_north_korea_pay_a_price.html"
EXIT_USAGE = 2


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """A child process: a fetch that wrongly got past the checks starts a Twisted reactor there, not here."""
    result = subprocess.run(
        [sys.executable, "-m", "crawler", *args], capture_output=True, cwd=REPO_ROOT, timeout=120, input=stdin,
    )
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode(), result.stderr.decode())


# --- item 6: -s values ---------------------------------------------------------------------------


@pytest.mark.parametrize("setting, value", [
    ("NEWS_ALLOW_PRIVATE_NETWORKS", "yes"),
    ("DOWNLOAD_TIMEOUT", "abc"),
    ("NEWS_WORKERS", "abc"),
    ("NEWS_WORKERS", "2.5"),
    ("NEWS_NEAR_DUPLICATE_THRESHOLD", "high"),
    ("NEWS_DEFAULT_FEEDS", "{not json"),
])
def test_bad_setting_value_of_fetch_is_a_usage_error_naming_it(setting: str, value: str) -> None:
    result = run_cli("fetch", "http://127.0.0.1:9/story.html", "-s", f"{setting}={value}")
    assert result.returncode == EXIT_USAGE, result.stderr
    assert f"{setting}={value}" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr  # one line, no traceback


def test_bad_setting_value_of_crawl_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text('[[sources]]\nname = "s1"\nstart_urls = ["https://a.example/"]\n')
    result = run_cli("crawl", str(sources), "-s", "NEWS_WORKERS=abc", "-s", f"NEWS_STATE_PATH={tmp_path / 's'}")
    assert result.returncode == EXIT_USAGE, result.stderr[-2000:]
    assert "NEWS_WORKERS=abc" in result.stderr and "integer" in result.stderr
    assert "Traceback" not in result.stderr


def test_good_values_pass_and_keep_their_text() -> None:
    values = parse_overrides([
        "NEWS_ALLOW_PRIVATE_NETWORKS=True", "NEWS_ALLOW_PRIVATE_NETWORKS=0", "DOWNLOAD_TIMEOUT=2.5",
        "NEWS_WORKERS=4", "LOG_LEVEL=DEBUG", "NEWS_SSRF_ALLOWLIST=10.0.0.0/8,192.168.0.0/16",
        'NEWS_DEFAULT_FEEDS={"out/%(run_id)s.jsonl": {"format": "jsonlines"}}', "NEWS_STATE_PATH=",
        "SOME_USER_SETTING=anything",
    ])
    assert values["NEWS_ALLOW_PRIVATE_NETWORKS"] == "0" and values["DOWNLOAD_TIMEOUT"] == "2.5"
    assert values["NEWS_STATE_PATH"] == ""


def test_unknown_news_setting_gets_a_one_line_warning_with_the_closest_name() -> None:
    result = run_cli("fetch", "--file", str(SEED_PAGE), "-s", "NEWS_ALLOW_PRIVATE_NETWORK=True")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "NEWS_ALLOW_PRIVATE_NETWORK" in line]
    assert len(lines) == 1 and "unknown setting NEWS_ALLOW_PRIVATE_NETWORK" in lines[0]
    assert "did you mean NEWS_ALLOW_PRIVATE_NETWORKS?" in lines[0]


# --- item 7: URLs and files ----------------------------------------------------------------------


@pytest.mark.parametrize("url", ["http://[::1", "http://", "http://a.example:99999/x", "https:///path"])
def test_malformed_url_is_a_usage_error_naming_it(url: str) -> None:
    result = run_cli("fetch", url)
    assert result.returncode == EXIT_USAGE, result.stderr
    assert url in result.stderr and "no response" not in result.stderr


def test_url_of_fetch_file_is_checked_like_the_positional_url(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fetch", "--file", str(SEED_PAGE), "--url", "http://[::1"]) == EXIT_USAGE
    assert "http://[::1" in capsys.readouterr().err
    assert main(["fetch", "--file", str(SEED_PAGE), "--url", "not a url"]) == EXIT_USAGE


def test_file_dash_reads_standard_input() -> None:
    result = run_cli("fetch", "--file", "-", "--url", "https://aggregator.test/us-warns", stdin=SEED_PAGE.read_bytes())
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["url"] == "https://aggregator.test/us-warns" and "North Korea" in record["title"]


def test_no_article_message_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "empty.html"
    page.write_bytes(b"")
    assert main(["fetch", "--file", str(page)]) == 4
    assert str(page) in capsys.readouterr().err


# --- item 12: version and help -------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == "crawler 0.1.0"


def test_crawl_help_lists_its_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["crawl", "--help"])
    out = capsys.readouterr().out
    for code, meaning in (("0", "finished"), ("1", "failed"), ("2", "usage"), ("3", "source failed"),
                          ("75", "another run")):
        assert any(line.strip().startswith(code) and meaning in line for line in out.splitlines()), (code, out)


def test_fetch_help_describes_the_format_choices(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["fetch", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "json: the whole record" in out and "text: the title and the text" in out and "markdown:" in out


def scrapy_crawl(tmp_path: Path, *settings: str) -> subprocess.CompletedProcess[str]:
    sources = tmp_path / "sources.toml"
    sources.write_text('[[sources]]\nname = "s1"\nstart_urls = ["http://127.0.0.1:9/"]\n')
    options = [arg for setting in (f"NEWS_STATE_PATH={tmp_path / 'state'}", "NEWS_ALLOW_PRIVATE_NETWORKS=True",
                                   "RETRY_ENABLED=False", "NEWS_WORKERS=1", *settings) for arg in ("-s", setting)]
    return subprocess.run([sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sources={sources}",
                           "-o", str(tmp_path / "out.jsonl"), *options],
                          capture_output=True, text=True, cwd=REPO_ROOT, timeout=120, check=False)


def test_scrapy_crawl_refuses_a_bad_setting_value_in_one_line(tmp_path: Path) -> None:
    result = scrapy_crawl(tmp_path, "NEWS_MIN_TEXT_CHARS=many")
    assert result.returncode == 1
    assert "-s NEWS_MIN_TEXT_CHARS=many: NEWS_MIN_TEXT_CHARS takes an integer" in result.stderr
    assert "Traceback" not in result.stderr and "Spider opened" not in result.stderr


def test_unknown_news_setting_is_warned_about_once_by_crawl(tmp_path: Path) -> None:
    result = scrapy_crawl(tmp_path, "NEWS_REQUIRE_TITEL=True")
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [line for line in result.stderr.splitlines() if "NEWS_REQUIRE_TITEL" in line and "unknown" in line]
    assert len(lines) == 1 and "did you mean NEWS_REQUIRE_TITLE?" in lines[0]
    sources = tmp_path / "sources.toml"
    result = run_cli("crawl", str(sources), "-s", f"NEWS_STATE_PATH={tmp_path / 'state'}", "-s", "RETRY_ENABLED=False",
                     "-s", "NEWS_ALLOW_PRIVATE_NETWORKS=True", "-s", "NEWS_WORKERS=1", "-s", "NEWS_REQUIRE_TITEL=1")
    lines = [line for line in result.stderr.splitlines() if "NEWS_REQUIRE_TITEL" in line and "unknown" in line]
    assert len(lines) == 1, result.stderr[-2000:]
