"""How the crawl classifies benchmark pages, which are all articles: how many it would emit, and why not the rest.

    python benchmarks/classify_bench.py ../shared/data/trafilatura-eval
    python benchmarks/classify_bench.py ../shared/data/ace-dev --story-urls

Each page goes through ``spiders.pagelinks.analyse_page`` with the extract pipeline's extraction, as in
a crawl's worker. Every page of these datasets is an article, so each page not emitted is a lost
article: the table counts them by the step that decided (``classify`` on the URL or the markup, or
the extraction of a page ``classify`` was unsure of). ``--story-urls`` serves each page at a plain
article URL (``/news/story-N.html``) instead of its own, to look at the markup alone.

One of the scripts of ``benchmarks/`` (crawl speed, metadata, page classes; run by hand, not by the
CLI). The extraction quality evaluation on the datasets is ``crawler bench`` (``crawler/tools/evaluation/``).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.tools.evaluation.datasets import load_dataset  # noqa: E402
from parsel import Selector  # noqa: E402
from crawler.crawl.articletask import extract_outcome  # noqa: E402
from spiders.classify import classify, listing_url  # noqa: E402
from spiders.pagelinks import analyse_page  # noqa: E402


def outcome_of(html: bytes, url: str) -> str:
    """One row of the table for a page."""
    analysis = analyse_page(html, url, None, prefetch=(extract_outcome, (None, 200)))
    if analysis.kind == "article":
        article, reason = analysis.extracted[0], analysis.extracted[1]
        return "emitted" if article is not None else f"dropped by the pipelines ({reason})"
    if listing_url(url):
        return "listing: its URL"
    first = classify(url, Selector(body=html, type="html"))
    return "listing: its markup" if first == "listing" else "listing: the extraction"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", type=Path, help="a benchmark directory (ACE or trafilatura-eval format)")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--story-urls", action="store_true", help="serve each page at a plain article URL")
    args = parser.parse_args(argv)
    dataset = load_dataset(args.dataset, limit=args.limit)
    counts: Counter[str] = Counter()
    for index, page in enumerate(dataset.pages, 1):
        url = f"https://news.example/news/story-{index}.html" if args.story_urls or not page.url else page.url
        counts[outcome_of(page.html(), url)] += 1
        if index % 100 == 0:
            print(f"\r{index}/{len(dataset.pages)} pages", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    print(f"{dataset.name}: {len(dataset.pages)} article pages")
    for row, count in counts.most_common():
        print(f"  {row:45s} {count:5d}  {count / len(dataset.pages):6.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
