"""Fixture regression suite: every saved page in fixtures/ against its expected record.

Per article fixture: the exact text, the must_contain / must_not_contain fragments, and the
metadata fields exactly. Then tests of ``crawler.tools.fixtures`` itself (check, update, add) on a
temporary copy of the corpus.
"""
from __future__ import annotations

import gzip
import shutil
import json
from functools import lru_cache
from pathlib import Path

import pytest

from crawler import NotAnArticle
from crawler.tools import fixtures as fx
from crawler.tools.cli import main as cli_main
from crawler.extraction.extract import content_hash

ALL = list(fx.iter_fixtures())
ARTICLES = [f for f in ALL if f.expected_record is not None]
NON_ARTICLES = [f for f in ALL if f.expected_record is None]
METADATA_FIELDS = [k for k in fx.RECORD_FIELDS if k not in ("text", "word_count", "content_hash")]


def _params(items):
    return [pytest.param(f, id=f.id) for f in items]


@lru_cache(maxsize=None)
def _actual(fixture_id: str):
    (fixture,) = [f for f in ALL if f.id == fixture_id]
    return fixture.extract()


def _record(fixture) -> dict:
    actual = _actual(fixture.id)
    if isinstance(actual, NotAnArticle):
        pytest.fail(f"{fixture.id}: expected an article, got {actual}")
    return actual


# --- the corpus is well-formed -------------------------------------------------------------------


def test_corpus_size_and_unique_ids():
    assert len(ARTICLES) >= 15 and NON_ARTICLES
    assert len({f.id for f in ALL}) == len(ALL)


@pytest.mark.parametrize("fixture", _params(ALL))
def test_expected_json_is_well_formed(fixture):
    raw = fixture.expected_path.read_text(encoding="utf-8")
    data = json.loads(raw)
    assert raw == fx.dump_json(data), "expected JSON must be written with sorted keys (fx.dump_json)"
    assert fixture.url.startswith(("http://", "https://")) and fixture.crawl_date
    checks = fixture.checks
    if fixture.expected_record is None:
        assert set(data) == {fx.NOT_AN_ARTICLE, fx.CHECKS}
        assert data[fx.NOT_AN_ARTICLE] in NotAnArticle.REASONS
        assert checks["must_not_contain"]
        return
    assert set(data) == {*fx.RECORD_FIELDS, fx.CHECKS}
    text = data["text"]
    assert checks["must_contain"] and checks["must_not_contain"]
    assert [c for c in checks["must_contain"] if c not in text] == []
    assert [c for c in checks["must_not_contain"] if c in text] == []
    assert data["content_hash"] == content_hash(text)
    for key in ("title", "url", "canonical_url", "language", "sitename", "date_published"):
        assert data[key], f"{key} must not be empty in an expected record"


# --- per fixture: the extractor against the expected record ----------------------------------


@pytest.mark.parametrize("fixture", _params(ARTICLES))
def test_text_exact(fixture):
    assert _record(fixture)["text"] == fixture.expected_record["text"]


@pytest.mark.parametrize("fixture", _params(ARTICLES))
def test_text_fragments(fixture):
    text = _record(fixture)["text"]
    missing = [c for c in fixture.checks["must_contain"] if c not in text]
    leaked = [c for c in fixture.checks["must_not_contain"] if c in text]
    assert (missing, leaked) == ([], [])


@pytest.mark.parametrize("fixture", _params(ARTICLES))
def test_metadata(fixture):
    actual = _record(fixture)
    expected = fixture.expected_record
    assert {k: actual[k] for k in METADATA_FIELDS} == {k: expected[k] for k in METADATA_FIELDS}


@pytest.mark.parametrize("fixture", _params(NON_ARTICLES))
def test_not_an_article(fixture):
    actual = _actual(fixture.id)
    assert isinstance(actual, NotAnArticle), f"got a record titled {actual.get('title')!r}"
    assert actual.reason == fixture.expected[fx.NOT_AN_ARTICLE]


# --- crawler.tools.fixtures itself, on a temporary corpus ----------------------------------------------

PAGE = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Lantern festival returns to the old harbour</title></head><body><article><h1>Lantern festival returns</h1>
""" + b"".join(
    b"<p>Paragraph %d: volunteers hung paper lanterns along the quay, and the council said the "
    b"festival would run for three evenings with music, food stalls and a boat parade.</p>" % i
    for i in range(6)
) + b"</article></body></html>"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "fixtures"
    fx.add(PAGE, "https://lantern.example.com/news/lantern-festival", root=root, crawl_date="2024-05-01")
    return root


def test_add_file_writes_gzip_meta_and_record(corpus: Path):
    site_dir = corpus / "lantern_example_com"
    meta = json.loads((site_dir / "meta.info").read_text())
    assert meta == {
        "lantern_festival.html.gz": {"crawl_date": "2024-05-01", "url": "https://lantern.example.com/news/lantern-festival"}
    }
    assert gzip.decompress((site_dir / "lantern_festival.html.gz").read_bytes()) == PAGE
    (fixture,) = fx.iter_fixtures(corpus)
    assert fixture.id == "lantern_example_com/lantern_festival" and fixture.html == PAGE
    assert fixture.expected["url"] == "https://lantern.example.com/news/lantern-festival"
    assert "Paragraph 5: volunteers" in fixture.expected["text"]
    assert fixture.checks == {"must_contain": [], "must_not_contain": []}
    assert fx.check(corpus) == {fixture.id: ""}


def test_add_refuses_an_existing_name(corpus: Path):
    with pytest.raises(FileExistsError):
        fx.add(PAGE, "https://lantern.example.com/news/lantern-festival", root=corpus)


def test_check_reports_a_readable_diff_and_update_reblesses_keeping_checks(corpus: Path, capsys):
    (fixture,) = fx.iter_fixtures(corpus)
    data = fixture.expected
    data["title"] = "A wrong title"
    data["text"] = data["text"].replace("Paragraph 3", "Paragraf 3")
    data["checks"] = {"must_contain": ["Paragraph 0"], "must_not_contain": ["boat parade"]}
    fixture.expected_path.write_text(fx.dump_json(data), encoding="utf-8")

    assert cli_main(["fixtures", "--root", str(corpus), "check"]) == 1
    out = capsys.readouterr().out
    assert "FAIL lantern_example_com/lantern_festival" in out
    assert '-"A wrong title"' in out and "+Paragraph 3:" in out and "-Paragraf 3:" in out
    assert "must_not_contain fragment: 'boat parade'" in out

    assert cli_main(["fixtures", "--root", str(corpus), "update", "lantern_festival"]) == 0
    (fixture,) = fx.iter_fixtures(corpus)
    assert fixture.expected["title"] != "A wrong title"
    assert fixture.checks == {"must_contain": ["Paragraph 0"], "must_not_contain": ["boat parade"]}
    fixture.expected_path.write_text(
        fx.dump_json({**fixture.expected, "checks": {"must_contain": ["Paragraph 0"], "must_not_contain": []}})
    )
    assert cli_main(["fixtures", "--root", str(corpus), "check"]) == 0


def test_not_an_article_fixture_roundtrip(corpus: Path):
    fixture = fx.add(b"<html><body><p>Too short.</p></body></html>", "https://x.example.com/a", root=corpus)
    assert fixture.expected == {"checks": {"must_contain": [], "must_not_contain": []}, "not_an_article": "no_text"}
    assert fx.diff_fixture(fixture) == ""
    fixture.expected_path.write_text(fx.dump_json({"not_an_article": "listing_page", "checks": {}}))
    (fixture,) = fx.iter_fixtures(corpus, "x_example_com/a")
    assert "expected 'listing_page', got 'no_text'" in fx.diff_fixture(fixture)


def test_cli_add_file_and_unknown_name(corpus: Path, tmp_path: Path, capsys):
    page = tmp_path / "saved.html"
    page.write_bytes(PAGE)
    args = ["fixtures", "--root", str(corpus), "add", "--file", str(page), "--url", "https://b.example.org/x/y.html"]
    assert cli_main(args + ["--site", "bsite", "--name", "Y"]) == 0
    assert [f.id for f in fx.iter_fixtures(corpus, "bsite")] == ["bsite/Y"]
    assert cli_main(["fixtures", "--root", str(corpus), "add", "--file", str(page)]) == 2
    assert cli_main(["fixtures", "--root", str(corpus), "check", "no-such-fixture"]) == 2
    assert cli_main(["fixtures"]) == 2
    assert cli_main(["fixtures", "--root", str(corpus), "update", "no-such-fixture"]) == 2


def test_iter_fixtures_finds_the_repository_corpus_from_any_cwd(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert [f.id for f in fx.iter_fixtures()] == [f.id for f in ALL]
    assert fx.FIXTURES_DIR == Path(__file__).resolve().parent.parent / "fixtures"


def test_update_on_a_temp_copy_reblesses_fields_and_keeps_checks(tmp_path: Path):
    site = ARTICLES[0].site
    root = tmp_path / "fixtures"
    shutil.copytree(fx.FIXTURES_DIR / site, root / site)
    (fixture,) = list(fx.iter_fixtures(root, ARTICLES[0].id))
    repo_expected = ARTICLES[0].expected_path.read_bytes()
    checks = fixture.checks
    fixture.expected_path.write_text(fx.dump_json({**fixture.expected, "title": "stale", "word_count": -1}))
    assert "-\"stale\"" in fx.diff_fixture(fixture)
    assert fx.update(root) == [fixture.id]
    assert fx.update(root) == []  # idempotent
    (fixture,) = list(fx.iter_fixtures(root, ARTICLES[0].id))
    assert fixture.checks == checks and fixture.expected["word_count"] > 0
    remaining = [line for line in fx.diff_fixture(fixture).splitlines() if line]
    assert all(line.startswith(("text lacks", "text holds")) for line in remaining)
    assert ARTICLES[0].expected_path.read_bytes() == repo_expected  # the repository's corpus is untouched


@pytest.mark.parametrize("fixture", _params([f for f in ALL if b"charset=windows-1252" in f.html]))
def test_windows_1252_pages_are_stored_as_raw_bytes(fixture):
    with pytest.raises(UnicodeDecodeError):
        fixture.html.decode("utf-8")
    assert b"\x80" in fixture.html  # the euro sign in windows-1252


def test_docs_list_every_fixture():
    """docs/fixtures.md has a row for each fixture (what it exercises), so the corpus stays readable."""
    docs = (Path(__file__).resolve().parents[1] / "docs" / "fixtures.md").read_text("utf-8")
    missing = [f.id for f in ALL if f"`{f.site}/{f.name}`" not in docs]
    assert missing == []
