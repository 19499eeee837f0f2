"""The benchmark: dataset loaders, metrics (against hand-computed values) and the command end to end."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from crawler.tools.evaluation import datasets
from crawler.tools.evaluation import report
from crawler.tools.evaluation import runner
from crawler.tools.evaluation.datasets import ACE, SNIPPETS, DatasetError, load_dataset
from crawler.tools.evaluation.metrics import (
    ace_summary,
    meta_matches,
    shingle_counts,
    snippet_counts,
    snippet_summary,
    unmatched_spans,
)
from crawler.tools.cli import main

ARTICLE = (
    "The harbour council voted on Tuesday to rebuild the old stone pier before the winter storms. "
    "Fishermen had asked for the repair for years, after two boats were damaged at their moorings. "
    "Work starts in October and should take four months, the council's engineer said after the vote."
)


def _page(body: str, extra: str = "") -> bytes:
    return (
        "<html><head><title>Pier to be rebuilt | Harbour Times</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Pier to be rebuilt</h1><p>{body}</p>{extra}</article>"
        "<footer>Copyright Harbour Times</footer></body></html>"
    ).encode()


def write_ace(directory: Path, pages: dict[str, tuple[str, bytes]]) -> Path:
    """An ACE-format dataset: ground-truth.json + html/<id>.html.gz; pages maps id -> (gold, html)."""
    (directory / "html").mkdir(parents=True)
    truth = {}
    for page_id, (gold, html) in pages.items():
        (directory / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html))
        truth[page_id] = {"articleBody": gold, "url": f"https://example.org/{page_id}"}
    (directory / "ground-truth.json").write_text(json.dumps(truth), "utf-8")
    return directory


def write_snippets(directory: Path, pages: dict[str, dict]) -> Path:
    """A trafilatura-eval-format dataset: evaldata.json + pages/<file>.gz; entries carry "html"."""
    (directory / "pages").mkdir(parents=True)
    evaldata = {}
    for url, entry in pages.items():
        entry = dict(entry)
        (directory / "pages" / f"{entry['file']}.gz").write_bytes(gzip.compress(entry.pop("html")))
        evaldata[url] = entry
    (directory / "evaldata.json").write_text(json.dumps(evaldata), "utf-8")
    return directory


# --- metrics ------------------------------------------------------------------------------------


def test_shingle_counts_by_hand():
    # gold shingles: (alpha beta gamma delta), (beta gamma delta epsilon); predicted swaps the last word
    counts = shingle_counts("alpha beta gamma delta epsilon", "Alpha, beta gamma delta zeta")
    assert (counts.tp, counts.fp, counts.fn) == (0, 2, 2)  # tokens are case-sensitive
    counts = shingle_counts("alpha beta gamma delta epsilon", "alpha beta gamma delta zeta")
    assert (counts.tp, counts.fp, counts.fn, counts.exact) == (1, 1, 1, False)
    assert counts.precision == counts.recall == 0.5
    assert counts.f1 == pytest.approx(0.5)


def test_short_texts_make_one_shingle_and_repeats_count_as_multiset():
    assert shingle_counts("two words", "two words").tp == 1
    assert shingle_counts("two words", "two words").exact
    assert (shingle_counts("two words", "").fn, shingle_counts("", "").tp) == (1, 0)
    # "a b c d a b c d": 5 shingles, (a b c d) twice; predicting it once matches one of the two
    repeated = shingle_counts("a b c d a b c d", "a b c d")
    assert (repeated.tp, repeated.fp, repeated.fn) == (1, 0, 4)


def test_ace_summary_leaves_empty_predictions_out_of_precision():
    pages = [
        shingle_counts("alpha beta gamma delta epsilon", "alpha beta gamma delta zeta"),  # P .5, R .5
        shingle_counts("one two three four five", ""),  # no precision, R 0
    ]
    assert pages[1].precision is None
    summary = ace_summary(pages)
    assert summary["precision"] == pytest.approx(0.5)
    assert summary["recall"] == pytest.approx(0.25)
    assert summary["f1"] == pytest.approx(2 * 0.5 * 0.25 / 0.75)
    assert summary["accuracy"] == 0


def test_unmatched_spans_are_the_longest_uncovered_runs_in_original_form():
    gold = "The pier will be rebuilt. Work starts in October and takes four months."
    predicted = "Home | News. The pier will be rebuilt. Subscribe to our newsletter, today!"
    assert unmatched_spans(gold, predicted) == ["Work starts in October and takes four months"]
    assert unmatched_spans(predicted, gold) == ["Subscribe to our newsletter, today", "Home | News"]
    assert unmatched_spans(gold, gold) == []
    assert unmatched_spans("", gold) == []


def test_snippet_counts_collapse_whitespace():
    counts = snippet_counts(
        ["First  sentence\nhere.", "Missing one."], ["Subscribe now", "Log in"], "First sentence here. Subscribe   now"
    )
    assert (counts.tp, counts.fp, counts.fn, counts.tn) == (1, 1, 1, 1)
    assert counts.missed == ("Missing one.",)
    assert counts.leaked == ("Subscribe now",)


def test_snippet_summary_sums_over_pages():
    pages = [snippet_counts(["a b", "c d"], ["x"], "a b c d x"), snippet_counts(["e"], ["y", "z"], "")]
    summary = snippet_summary(pages)
    assert (summary["tp"], summary["fp"], summary["fn"], summary["tn"]) == (2, 1, 1, 2)
    assert summary["precision"] == pytest.approx(2 / 3)
    assert summary["recall"] == pytest.approx(2 / 3)
    assert summary["f"] == pytest.approx(4 / 6)
    assert summary["accuracy"] == pytest.approx(4 / 6)


@pytest.mark.parametrize(
    ("field", "gold", "predicted", "expected"),
    [
        ("title", "Pier \u2013 rebuilt \u201csoon\u201d", 'Pier - rebuilt  "soon"', True),
        ("title", "Pier rebuilt", "Pier rebuilt | Harbour Times", False),
        ("authors", "Ann Lee; Bob Roe", ["bob roe", "Ann  Lee"], True),
        ("authors", "Ann Lee; Bob Roe", "Ann Lee", False),
        ("authors", "Ann Lee", "By Ann Lee", False),
        ("date", "2024-06-18", "2024-06-18T10:00:00+02:00", True),
        ("date", "2024-06-18", "2024-06-17", False),
        ("date", "2024-06-18", None, False),
        ("language", "de", "de-AT", True),
        ("language", "de", "en", False),
        ("sitename", "Harbour Times", "Harbour Times", True),
    ],
)
def test_meta_matches(field, gold, predicted, expected):
    assert meta_matches(field, gold, predicted) is expected


# --- loaders ------------------------------------------------------------------------------------


def test_load_ace_dataset(tmp_path):
    write_ace(tmp_path / "ace", {"b2": ("gold b", b"<p>b</p>"), "a1": ("gold a", b"<p>a</p>")})
    dataset = load_dataset(tmp_path / "ace")
    assert (dataset.name, dataset.format) == ("ace", ACE)
    assert [p.id for p in dataset.pages] == ["a1", "b2"]
    assert dataset.pages[0].body == "gold a"
    assert dataset.pages[0].url == "https://example.org/a1"
    assert dataset.pages[1].html() == b"<p>b</p>"
    assert [p.id for p in load_dataset(tmp_path / "ace", limit=1).pages] == ["a1"]


def test_load_snippet_dataset_with_metadata(tmp_path):
    write_snippets(
        tmp_path / "eval",
        {
            "https://example.org/x": {
                "file": "x.html", "html": b"<p>x</p>", "with": ["w"], "without": ["o"],
                "title": "T", "author": "Ann Lee", "date": "2024-01-02", "sitename": "",
            },
            "hard::y.html": {"file": "y.html", "html": b"<p>y</p>", "with": [], "without": []},
        },
    )  # fmt: skip
    dataset = load_dataset(tmp_path / "eval")
    assert dataset.format == SNIPPETS
    first, second = dataset.pages
    assert (first.id, first.url, first.with_snippets, first.without_snippets) == (
        "https://example.org/x", "https://example.org/x", ["w"], ["o"]
    )
    assert first.meta == {"title": "T", "authors": "Ann Lee", "date": "2024-01-02"}
    assert (second.id, second.url, second.meta) == ("hard::y.html", None, {})
    assert second.html() == b"<p>y</p>"


def test_unknown_directory_is_rejected(tmp_path, capsys):
    with pytest.raises(DatasetError):
        datasets.detect_format(tmp_path)
    assert main(["bench", str(tmp_path), "--no-progress"]) == 2
    assert "ground-truth.json" in capsys.readouterr().err


# --- the command, with stand-in systems (exact numbers) ----------------------------------------


def _fake_systems(texts: dict[str, dict[str, str]], ours_meta: dict[str, dict] | None = None):
    """Stand-ins for the three systems: system name -> url -> text."""

    def make(name):
        def extract(html, url):
            meta = (ours_meta or {}).get(url) if name == runner.OURS else None
            return texts[name].get(url, ""), meta

        return runner.System(name, f"fake {name}", extract)

    return tuple(make(name) for name in (runner.OURS, runner.TRAFILATURA, runner.TRAFILATURA_PRECISION))


@pytest.fixture
def fake_systems(monkeypatch):
    def install(texts, ours_meta=None, trafilatura_meta=None):
        systems = _fake_systems(texts, ours_meta)
        monkeypatch.setattr(runner, "SYSTEMS", systems)
        monkeypatch.setattr(report, "SYSTEMS", systems)
        monkeypatch.setattr(runner, "trafilatura_metadata", lambda html, url: (trafilatura_meta or {})[url])

    return install


def test_bench_ace_numbers(tmp_path, fake_systems, capsys):
    a, b = "https://example.org/a", "https://example.org/b"
    write_ace(
        tmp_path / "ace",
        {"a": ("alpha beta gamma delta epsilon", b"<p>a</p>"), "b": ("one two three four five six", b"<p>b</p>")},
    )
    fake_systems(
        {
            runner.OURS: {a: "alpha beta gamma delta epsilon", b: "one two three four five six extra words here"},
            runner.TRAFILATURA: {a: "alpha beta gamma delta zeta"},
            runner.TRAFILATURA_PRECISION: {},
        }
    )
    out = tmp_path / "out.json"
    assert main(["bench", str(tmp_path / "ace"), "--no-progress", "--json", str(out)]) == 0
    systems = json.loads(out.read_text("utf-8"))["summary"]["systems"]
    # ours: P (1 + 3/6) / 2, R 1;  trafilatura: P .5 (page b is empty), R (.5 + 0) / 2
    assert systems["ours"]["precision"] == pytest.approx(0.75)
    assert systems["ours"]["recall"] == pytest.approx(1.0)
    assert systems["ours"]["f1"] == pytest.approx(2 * 0.75 / 1.75)
    assert systems["trafilatura"]["f1"] == pytest.approx(1 / 3)
    assert systems["trafilatura_precision"]["recall"] == 0
    assert "median_ms" in systems["ours"] and "p95_ms" in systems["trafilatura"]
    printed = capsys.readouterr().out
    assert "fake ours" in printed and "median time, ours / trafilatura default" in printed
    assert "0.750     1.000     0.857" in printed
    # page b is our worst (F1 2*3/(6+3)): its leaked span is shown
    assert printed.index("https://example.org/b") < printed.index("https://example.org/a")
    assert "leaked: extra words here" in printed


def test_bench_snippet_and_metadata_numbers(tmp_path, fake_systems, capsys):
    one, two = "https://example.org/1", "https://example.org/2"
    write_snippets(
        tmp_path / "eval",
        {
            one: {
                "file": "one.html", "html": b"<p>1</p>",
                "with": ["First sentence here.", "Second one."], "without": ["Subscribe now"],
                "title": "Big \u2013 News", "author": "Ann Lee; Bob Roe", "date": "2024-06-18",
            },
            two: {"file": "two.html", "html": b"<p>2</p>", "with": ["Alpha."], "without": ["Menu", "Login"]},
        },
    )  # fmt: skip
    fake_systems(
        {
            runner.OURS: {one: "First sentence here.\n\nSecond one. Subscribe now", two: "nothing"},
            runner.TRAFILATURA: {one: "First sentence here.", two: "Alpha. Menu"},
            runner.TRAFILATURA_PRECISION: {},
        },
        ours_meta={one: {"title": "Big - News", "authors": ["bob roe", "Ann Lee"], "date": "2024-06-18T10:00"}},
        trafilatura_meta={one: {"title": "Big News | Site", "authors": "Ann Lee", "date": "2024-06-18"}},
    )
    out = tmp_path / "out.json"
    assert main(["bench", str(tmp_path / "eval"), "--no-progress", "--worst", "1", "--json", str(out)]) == 0
    result = json.loads(out.read_text("utf-8"))
    ours, traf = result["summary"]["systems"]["ours"], result["summary"]["systems"]["trafilatura"]
    assert (ours["tp"], ours["fp"], ours["fn"], ours["tn"]) == (2, 1, 1, 2)
    assert ours["f"] == pytest.approx(4 / 6)
    assert (traf["tp"], traf["fp"], traf["fn"], traf["tn"]) == (2, 1, 1, 2)
    rates = result["summary"]["metadata"]["rates"]
    assert {k: v["rate"] for k, v in rates["ours"].items()} == {"title": 1.0, "authors": 1.0, "date": 1.0}
    assert {k: v["rate"] for k, v in rates["trafilatura"].items()} == {"title": 0.0, "authors": 0.0, "date": 1.0}
    page = result["pages"][0]
    assert page["systems"]["ours"]["leaked"] == ["Subscribe now"]
    assert page["metadata"]["matches"]["trafilatura"]["title"] is False
    printed = capsys.readouterr().out
    assert "metadata exact match (1 pages with gold metadata)" in printed
    assert "1.000 (1/1)" in printed and "0.000 (0/1)" in printed
    assert "bare_extraction(with_metadata=True): median" in printed
    # both pages have one error; on a tie, missed text (page two) ranks first
    assert "missed: Alpha." in printed and "leaked: Subscribe now" not in printed


def test_bench_runs_only_the_systems_asked_for(tmp_path, fake_systems, capsys):
    write_ace(tmp_path / "ace", {"a": ("alpha beta gamma delta epsilon", b"<p>a</p>")})
    url = "https://example.org/a"
    fake_systems({runner.OURS: {url: "alpha beta gamma delta"}, runner.TRAFILATURA: {}, runner.TRAFILATURA_PRECISION: {}})
    out = tmp_path / "out.json"
    args = ["bench", str(tmp_path / "ace"), "--no-progress", "--systems", "ours", "--json", str(out)]
    assert main(args) == 0
    result = json.loads(out.read_text("utf-8"))
    assert list(result["summary"]["systems"]) == ["ours"]
    assert list(result["pages"][0]["systems"]) == ["ours"]
    assert result["summary"]["systems"]["ours"]["recall"] == pytest.approx(0.5)
    assert "median_ratio" not in result["summary"]
    printed = capsys.readouterr().out
    assert "fake trafilatura" not in printed and "(P 1.00 R 0.50)" in printed


def test_bench_without_trafilatura_metadata_still_scores_ours(tmp_path, fake_systems, capsys):
    url = "https://example.org/1"
    page = {"file": "one.html", "html": b"<p>1</p>", "with": ["x"], "without": [], "title": "Big News"}
    write_snippets(tmp_path / "eval", {url: page})
    fake_systems({runner.OURS: {url: "x"}, runner.TRAFILATURA: {}, runner.TRAFILATURA_PRECISION: {}},
                 ours_meta={url: {"title": "Big News"}})  # fmt: skip
    assert main(["bench", str(tmp_path / "eval"), "--no-progress", "--no-meta"]) == 0
    printed = capsys.readouterr().out
    assert "1.000 (1/1)" in printed
    assert "bare_extraction(with_metadata=True)" not in printed


@pytest.mark.parametrize("names", ["trafilatura", "ours,newspaper"])
def test_bench_rejects_bad_system_lists(tmp_path, names, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["bench", str(tmp_path), "--systems", names])
    assert exit_info.value.code == 2
    assert "--systems" in capsys.readouterr().err


# --- the real systems ---------------------------------------------------------------------------


def test_bench_runs_the_real_systems_in_one_and_in_two_processes(tmp_path, capsys):
    extra = "<div class='share'>Share on Facebook</div>"
    write_ace(tmp_path / "ace", {"p1": (ARTICLE, _page(ARTICLE, extra)), "p2": (ARTICLE, _page(ARTICLE))})
    single, parallel = tmp_path / "single.json", tmp_path / "parallel.json"
    assert main(["bench", str(tmp_path / "ace"), "--no-progress", "--json", str(single)]) == 0
    first = capsys.readouterr().out
    assert "ours (extract_article)" in first and "trafilatura favor_precision" in first
    assert main(["bench", str(tmp_path / "ace"), "--no-progress", "--jobs", "2", "--json", str(parallel)]) == 0
    second = capsys.readouterr().out
    assert "median ms" in first and "median ms" not in second
    one, two = (json.loads(path.read_text("utf-8")) for path in (single, parallel))
    for page_one, page_two in zip(one["pages"], two["pages"]):
        for name in ("ours", "trafilatura", "trafilatura_precision"):
            assert page_one["systems"][name]["text"] == page_two["systems"][name]["text"]
            assert page_one["systems"][name]["error"] is None
    assert "rebuild the old stone pier" in one["pages"][0]["systems"]["ours"]["text"]


# --- tuning and validation halves ---------------------------------------------------------------


def test_split_is_by_site_and_fixed():
    assert datasets.site_of("https://www.Example.org/a?b=1") == "example.org"
    assert datasets.site_of("https://web.archive.org/web/2019/https://www.news.example/x") == "news.example"
    assert datasets.site_of("hard::page.html") == "hard::page.html"
    # every page of a site is on the same side; the assignment is a fixed hash (sha256, first byte)
    assert datasets.split_of("https://example.org/a") == datasets.split_of("http://www.example.org/b/c")
    sides = {datasets.split_of(f"https://site{i}.example/") for i in range(20)}
    assert sides == {datasets.TUNE, datasets.VALIDATION}
    assert datasets.split_of("https://site0.example/") == datasets.split_of("https://site0.example/")


def test_bench_split_keeps_one_half_and_counts_pages_far_behind_trafilatura(tmp_path, fake_systems, capsys):
    urls = [f"https://site{i}.example/story" for i in range(8)]
    pages = {url: {"file": f"p{i}.html", "html": b"<p>x</p>", "with": ["Alpha beta."], "without": ["Menu"]}
             for i, url in enumerate(urls)}  # fmt: skip
    write_snippets(tmp_path / "eval", pages)
    # ours misses the snippet on every page; trafilatura finds it
    fake_systems({runner.OURS: {}, runner.TRAFILATURA: dict.fromkeys(urls, "Alpha beta."), runner.TRAFILATURA_PRECISION: {}})
    halves = {}
    for split in datasets.SPLITS:
        out = tmp_path / f"{split}.json"
        args = ["bench", str(tmp_path / "eval"), "--no-progress", "--no-meta", "--split", split, "--json", str(out)]
        assert main(args) == 0
        printed = capsys.readouterr().out
        assert f"[split: {split}]" in printed
        halves[split] = json.loads(out.read_text("utf-8"))
        summary = halves[split]["summary"]
        assert summary["behind_default"] == summary["pages"]
        assert f"below trafilatura default's: {summary['pages']}" in printed
        assert "pages where we lose most to trafilatura default" in printed
    ids = {split: {page["id"] for page in result["pages"]} for split, result in halves.items()}
    assert ids["tune"] | ids["validation"] == ids["all"] == set(urls)
    assert not ids["tune"] & ids["validation"]
    assert all(datasets.split_of(url) == "tune" for url in ids["tune"])
