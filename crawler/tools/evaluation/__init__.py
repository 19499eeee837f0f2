"""Extraction benchmark: our ``extract_article`` beside plain trafilatura, on the same pages, in one run.

One module per job:

* ``datasets``: read a dataset in place (ACE ``ground-truth.json`` + ``html/<id>.html.gz``, or
  trafilatura's ``evaldata.json`` + ``pages/<file>.gz``);
* ``metrics``: the ACE shingle metric, the snippet metric and metadata exact matches;
* ``runner``: run every system on every page (interleaved, timed per call);
* ``report``: the summary table and the worst pages.

``crawler bench DATASET_DIR`` (``crawler/tools/commands/bench.py``) ties them together.
"""
from crawler.tools.evaluation.datasets import Dataset, Page, load_dataset
from crawler.tools.evaluation.runner import SYSTEMS, run_pages

__all__ = ["SYSTEMS", "Dataset", "Page", "load_dataset", "run_pages"]
