#!/usr/bin/env python3
"""Metadata benchmark: our ``extract_metadata`` beside trafilatura's, on the same pages, same run.

    python benchmarks/meta_bench.py [--data ../shared/data/trafilatura-eval] [--misses 15]
                                    [--no-trafilatura] [--field title] [--dump PRED.json]
                                    [--split tune|validation]

Reads ``evaldata.json`` and ``pages/*.gz`` in place (never copies them). For every page with gold
metadata, it decodes and parses the page the way ``extract_article`` does, runs our
``extract_metadata`` on the tree, and (unless ``--no-trafilatura``) trafilatura 2.3's
``bare_extraction(html, url=url, with_metadata=True)`` on the same decoded text. Scoring uses
``../shared/tools/meta_eval.py`` (``field_matches``), so the numbers are the ones that script prints.
Prints exact-match rates for title, authors, date and sitename, median ms per page for parse+metadata
and for ``extract_metadata`` alone, and our worst misses per field (pages where trafilatura was right
first).

One of the scripts of ``benchmarks/`` (crawl speed, metadata, page classes; run by hand, not by the
CLI). The extraction quality evaluation on the datasets is ``crawler bench`` (``crawler/tools/evaluation/``).
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.extraction.decoding import decode_html
from crawler.extraction.errors import NotAnArticle
from crawler.extraction.metadata import extract_metadata
from crawler.extraction.parsing import parse_html
from crawler.tools.evaluation.datasets import ALL, SPLITS, split_of

FIELDS = ("title", "authors", "date", "sitename")
GOLD_KEY = {"authors": "author"}


def load_meta_eval(tools: Path):
    spec = importlib.util.spec_from_file_location("meta_eval", tools / "meta_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ours(text: str, url: str) -> tuple[dict, float, float]:
    """Our record, the parse+metadata time and the metadata step's time alone."""
    start = time.perf_counter()
    try:
        tree = parse_html(text, url)
    except NotAnArticle:
        return {}, 0.0, 0.0
    parsed = time.perf_counter()
    meta = extract_metadata(tree, url)
    end = time.perf_counter()
    elapsed, meta_elapsed = end - start, end - parsed
    return {
        "title": meta.title,
        "authors": meta.authors,
        "date": meta.date_published,
        "sitename": meta.sitename,
        "date_source": meta.date_source,
    }, elapsed, meta_elapsed


def theirs(text: str, url: str) -> tuple[dict, float]:
    from trafilatura.core import bare_extraction

    start = time.perf_counter()
    try:
        doc = bare_extraction(text, url=url, with_metadata=True)
    except Exception:  # noqa: BLE001 - a crash counts as no metadata
        doc = None
    elapsed = time.perf_counter() - start
    if doc is None:
        return {}, elapsed
    return {"title": doc.title, "authors": doc.author, "date": doc.date, "sitename": doc.sitename}, elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "trafilatura-eval")
    ap.add_argument("--tools", type=Path, default=ROOT.parent / "shared" / "tools")
    ap.add_argument("--misses", type=int, default=15, help="misses listed per field")
    ap.add_argument("--field", choices=FIELDS, action="append", help="list misses only for these fields")
    ap.add_argument("--no-trafilatura", action="store_true", help="skip trafilatura (faster iteration)")
    ap.add_argument("--dump", type=Path, help="write our predictions as a meta_eval.py --pred file")
    ap.add_argument("--split", choices=SPLITS, default=ALL,
                    help="only the pages of one half by site (as crawler bench --split)")
    args = ap.parse_args(argv)

    meta_eval = load_meta_eval(args.tools)
    evaldata = json.loads((args.data / "evaldata.json").read_text("utf8"))
    pages = [(url, item) for url, item in evaldata.items()
             if any(item.get(GOLD_KEY.get(f, f)) for f in FIELDS) and args.split in (ALL, split_of(url))]
    hits = {"ours": dict.fromkeys(FIELDS, 0), "trafilatura": dict.fromkeys(FIELDS, 0)}
    totals = dict.fromkeys(FIELDS, 0)
    misses: dict[str, list[str]] = {f: [] for f in FIELDS}
    timings = []
    meta_timings = []
    their_timings = []
    dump = {}
    for url, item in pages:
        raw = gzip.decompress((args.data / "pages" / (item["file"] + ".gz")).read_bytes())
        try:
            text = decode_html(raw, url=url)
        except NotAnArticle:
            text = ""
        pred, elapsed, meta_elapsed = ours(text, url) if text else ({}, 0.0, 0.0)
        timings.append(elapsed)
        meta_timings.append(meta_elapsed)
        dump[url] = {"title": pred.get("title"), "authors": pred.get("authors"),
                     "date_published": pred.get("date"), "sitename": pred.get("sitename")}
        other, their_time = ({}, 0.0) if args.no_trafilatura or not text else theirs(text, url)
        their_timings.append(their_time)
        for field in FIELDS:
            gold = item.get(GOLD_KEY.get(field, field))
            if not gold:
                continue
            totals[field] += 1
            ok = meta_eval.field_matches(field, gold, pred.get(field))
            hits["ours"][field] += ok
            their_ok = meta_eval.field_matches(field, gold, other.get(field))
            hits["trafilatura"][field] += their_ok
            if not ok:
                source = pred.get("date_source", {}).get("date_published", "") if field == "date" else ""
                line = (f"  {item['file'][:40]:<40} want {meta_eval.norm(gold)[:50]!r} "
                        f"got {meta_eval.norm(pred.get(field))[:50]!r} {source}")
                misses[field].append(("0" if their_ok else "1") + line)
    print(f"pages: {len(pages)}; our parse+metadata median {statistics.median(timings) * 1000:.2f} ms/page, "
          f"mean {statistics.mean(timings) * 1000:.2f} ms; extract_metadata alone median "
          f"{statistics.median(meta_timings) * 1000:.2f} ms, mean {statistics.mean(meta_timings) * 1000:.2f} ms")
    if not args.no_trafilatura:
        print(f"trafilatura bare_extraction(with_metadata=True) median "
              f"{statistics.median(their_timings) * 1000:.2f} ms/page, mean {statistics.mean(their_timings) * 1000:.2f} ms")
    print(f"{'field':<9} {'n':>4} {'ours':>7} {'trafilatura':>12}")
    for field in FIELDS:
        n = totals[field]
        theirs_rate = "-" if args.no_trafilatura else f"{hits['trafilatura'][field] / n:.3f}"
        print(f"{field:<9} {n:>4} {hits['ours'][field] / n:>7.3f} {theirs_rate:>12}")
    for field in args.field or FIELDS:
        print(f"\nmisses ({field}): {len(misses[field])}; first those trafilatura got right (marked *)")
        for line in sorted(misses[field])[: args.misses]:
            print(("*" if line[0] == "0" and not args.no_trafilatura else " ") + line[2:])
    if args.dump:
        args.dump.write_text(json.dumps(dump, ensure_ascii=False, indent=1), "utf8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
