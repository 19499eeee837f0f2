"""The evaluation behind `crawler bench`: our ``extract_article`` beside plain trafilatura, same pages.

One module per job:

* ``datasets``: read a dataset in place (ACE ``ground-truth.json`` + ``html/<id>.html.gz``, or
  trafilatura's ``evaldata.json`` + ``pages/<file>.gz``);
* ``metrics``: the ACE shingle metric, the snippet metric and metadata exact matches;
* ``runner``: run every system on every page (interleaved, timed per call);
* ``report``: the summary table and the worst pages.

``crawler bench DATASET_DIR`` (``crawler/tools/commands/bench.py``) ties them together.

Not to be confused with the top-level ``benchmarks/`` scripts, run by hand: ``crawl_bench.py`` (crawl
speed and memory on a generated site), ``meta_bench.py`` (metadata beside trafilatura's) and
``classify_bench.py`` (how the crawl classifies the dataset pages).
"""
from crawler.tools.evaluation.datasets import Dataset, Page, load_dataset
from crawler.tools.evaluation.runner import SYSTEMS, run_pages

__all__ = ["SYSTEMS", "Dataset", "Page", "load_dataset", "run_pages"]
