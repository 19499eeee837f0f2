"""`crawler fixtures add|check|update` as a user runs them (issue 18, items 3, 4 and 5): names that
stay inside the fixtures folder, URL fetches through the crawl's Scrapy stack, and `--dir`."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from crawler.settings import USER_AGENT
from crawler.tools import fixtures as fx
from crawler.tools.cli import main as cli_main

from tests.conftest import REPO_ROOT
from tests.test_fixtures import PAGE

EXIT_USAGE = 2
EXIT_FETCH = 3
ALLOW_LOOPBACK = ["-s", "NEWS_ALLOW_PRIVATE_NETWORKS=True"]


def saved_page(tmp_path: Path) -> Path:
    page = tmp_path / "saved.html"
    page.write_bytes(PAGE)
    return page


def fixtures_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """A child process: each URL fetch starts (and stops) its own Twisted reactor."""
    return subprocess.run([sys.executable, "-m", "crawler", "fixtures", *args], capture_output=True, text=True,
                          cwd=REPO_ROOT, timeout=120, check=False)


# --- item 3: site and name are slugs, and the files stay inside the folder -------------------------


@pytest.mark.parametrize("site, name", [
    ("../../evil", "story"), ("site", "../pwn"), ("site", "2024/05/story"), ("/tmp/abs", "story"),
    ("site", ".."), ("site", ".hidden"), ("", "story"), ("site", "a\\b"),
])
def test_add_refuses_names_that_are_not_slugs(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              site: str, name: str) -> None:
    root = tmp_path / "deep" / "fixtures"
    args = ["fixtures", "--dir", str(root), "add", "--file", str(saved_page(tmp_path)),
            "--url", "https://a.example/x.html", "--site", site, "--name", name]
    assert cli_main(args) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "slug" in err and (repr(site) in err or repr(name) in err)
    written = [path for path in tmp_path.rglob("*") if path.is_file() and path.name != "saved.html"]
    assert written == []


def test_add_function_refuses_a_path_outside_the_root(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="slug"):
        fx.add(PAGE, "https://a.example/x.html", site="..", name="pwn", root=tmp_path / "fixtures")
    assert list(tmp_path.rglob("*")) == []


def test_names_from_the_url_are_slugs(tmp_path: Path) -> None:
    fixture = fx.add(PAGE, "https://www.a.example/..%2F../2024/05/story.html", root=tmp_path / "fixtures")
    assert fixture.page_path.resolve().is_relative_to((tmp_path / "fixtures").resolve())


# --- item 5: --dir ---------------------------------------------------------------------------------


def test_dir_points_every_action_at_another_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = tmp_path / "my-fixtures"
    args = ["fixtures", "--dir", str(mine), "add", "--file", str(saved_page(tmp_path)),
            "--url", "https://lantern.example.com/news/lantern-festival"]
    assert cli_main(args) == 0
    assert (mine / "lantern_example_com" / "lantern_festival.html.gz").is_file()
    assert cli_main(["fixtures", "--dir", str(mine), "check"]) == 0
    assert "1 of 1 fixtures match" in capsys.readouterr().out
    assert cli_main(["fixtures", "--dir", str(mine), "update"]) == 0


def test_dir_that_does_not_exist_is_a_usage_error_for_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["fixtures", "--dir", str(tmp_path / "nope"), "check"]) == EXIT_USAGE
    assert str(tmp_path / "nope") in capsys.readouterr().err


def test_without_a_checkout_the_folder_must_be_given(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(fx, "FIXTURES_DIR", tmp_path / "site-packages" / "fixtures")  # an installed package
    assert fx.default_dir() is None
    assert cli_main(["fixtures", "check"]) == EXIT_USAGE
    assert "--dir" in capsys.readouterr().err
    assert not (tmp_path / "site-packages").exists()


def test_the_checkout_corpus_is_the_default() -> None:
    assert fx.default_dir() == REPO_ROOT / "fixtures"


# --- item 4: URLs go through the crawl's Scrapy stack ---------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Path:
    www = tmp_path / "www"
    (www / "2024" / "05").mkdir(parents=True)
    (www / "2024" / "05" / "lanterns.html").write_bytes(PAGE)
    (www / "private").mkdir()
    (www / "private" / "draft.html").write_bytes(PAGE)
    (www / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    return www


def test_add_url_fetches_through_scrapy_with_robots_and_user_agent(tmp_path: Path, site: Path, serve_dir) -> None:
    base = serve_dir(site)
    root = tmp_path / "fixtures"
    result = fixtures_cli("--dir", str(root), "add", f"{base}/2024/05/lanterns.html", *ALLOW_LOOPBACK)
    assert result.returncode == 0, result.stderr
    (fixture,) = fx.iter_fixtures(root, "127_0_0_1/lanterns")
    assert fixture.html == PAGE and fixture.expected["url"] == f"{base}/2024/05/lanterns.html"
    assert ("/robots.txt", USER_AGENT) in serve_dir.seen and ("/2024/05/lanterns.html", USER_AGENT) in serve_dir.seen


def test_add_url_keeps_to_the_network_boundary(tmp_path: Path, site: Path, serve_dir) -> None:
    base = serve_dir(site)
    root = tmp_path / "fixtures"
    result = fixtures_cli("--dir", str(root), "add", f"{base}/2024/05/lanterns.html")  # no loopback opt-in
    assert result.returncode == EXIT_FETCH
    assert f"{base}/2024/05/lanterns.html" in result.stderr and "ssrf" in result.stderr.lower()
    assert serve_dir.seen == [] and not root.exists()


def test_add_url_obeys_robots_txt(tmp_path: Path, site: Path, serve_dir) -> None:
    base = serve_dir(site)
    result = fixtures_cli("--dir", str(tmp_path / "fixtures"), "add", f"{base}/private/draft.html", *ALLOW_LOOPBACK)
    assert result.returncode == EXIT_FETCH
    assert "robots.txt" in result.stderr.lower() and f"{base}/private/draft.html" in result.stderr
    assert "/private/draft.html" not in {path for path, _ in serve_dir.seen}


def test_add_url_reports_http_errors_like_fetch(tmp_path: Path, site: Path, serve_dir) -> None:
    base = serve_dir(site)
    result = fixtures_cli("--dir", str(tmp_path / "fixtures"), "add", f"{base}/missing.html", *ALLOW_LOOPBACK)
    assert result.returncode == EXIT_FETCH
    assert f"could not fetch {base}/missing.html: HTTP 404" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://[::1", "ftp://a.example/x"])
def test_add_url_refuses_what_fetch_refuses(tmp_path: Path, capsys: pytest.CaptureFixture[str], url: str) -> None:
    assert cli_main(["fixtures", "--dir", str(tmp_path / "f"), "add", url]) == EXIT_USAGE
    assert url in capsys.readouterr().err
    assert not (tmp_path / "f").exists()


def test_add_takes_setting_overrides(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["fixtures", "--dir", str(tmp_path / "f"), "add", "https://a.example/x.html", "-s", "DOWNLOAD_TIMEOUT=abc"]
    assert cli_main(args) == EXIT_USAGE
    assert "DOWNLOAD_TIMEOUT=abc" in capsys.readouterr().err
