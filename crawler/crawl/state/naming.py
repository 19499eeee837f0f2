"""Output names for scheduled runs: every run writes a new file, named from Scrapy feed URI parameters.

``FEED_URI_PARAMS = "crawler.crawl.state.naming.uri_params"`` adds to Scrapy's own (``%(name)s``, ``%(time)s``):

* ``%(run_id)s``: this run's id, ``20261127T221500Z-3f9a`` (UTC start time + random suffix), also in the
  run summary and the state's ``runs`` table;
* ``%(date)s``: the UTC date the run started, ``2026-11-27``;
* ``%(sources)s``: the sources file's name without extension (``news`` for ``news.toml``);
* ``%(source)s``: the name of the only source of the sources file, else the same as ``%(sources)s``;
* ``%(worker)s``: with ``NEWS_REDIS_URL``, this worker's name in the shared run (``host-pid-xxxx``);
  else ``local``. Workers of one run share its ``run_id``.

Values are reduced to ``[A-Za-z0-9._-]`` so a source name cannot move the output out of its directory.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

DEFAULT_TEMPLATE = "out/%(sources)s/%(date)s/%(run_id)s.jsonl"
_run_ids: WeakKeyDictionary[Any, tuple[str, dt.datetime]] = WeakKeyDictionary()
_workers: WeakKeyDictionary[Any, str] = WeakKeyDictionary()
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(value: str) -> str:
    """A file name component: unsafe characters become ``-``, and never ``.``/``..``/empty."""
    cleaned = _UNSAFE.sub("-", value).strip("-.")
    return cleaned or "unnamed"


def run_start(crawler: Crawler) -> tuple[str, dt.datetime]:
    """``(run_id, started)`` of a crawler's run, made on first use."""
    if crawler not in _run_ids:
        started = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        _run_ids[crawler] = (f"{started:%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}", started)
    return _run_ids[crawler]


def adopt_run(crawler: Crawler, identifier: str, worker: str) -> None:
    """This crawler works on the shared run ``identifier`` (started by another worker) as ``worker``."""
    try:
        started = dt.datetime.strptime(identifier.split("-", 1)[0], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        started = run_start(crawler)[1]
    _run_ids[crawler] = (identifier, started)
    _workers[crawler] = worker


def worker_of(crawler: Crawler) -> str:
    """This crawler's worker name in a shared run (``local`` when it runs alone)."""
    return _workers.get(crawler, "local")


def run_id(crawler: Crawler) -> str:
    return run_start(crawler)[0]


def feed_outputs(crawler: Crawler) -> list[tuple[Path, str]]:
    """``(path, format)`` of this run's local feed output files (after ``spider_opened``)."""
    from crawler.compat.scrapy import feed_files  # noqa: PLC0415

    return [(Path(path), feed_format) for path, feed_format in feed_files(crawler)]


def uri_params(params: dict[str, Any], spider: Spider) -> dict[str, Any]:
    identifier, started = run_start(spider.crawler)
    sources_file = (
        getattr(spider, "sources_file", None) or spider.crawler.settings.get("NEWS_SOURCES") or spider.name
    )
    sources = safe_name(Path(str(sources_file)).stem)
    names = list(getattr(spider, "sources", None) or ())
    return {
        **params,
        "run_id": identifier,
        "date": f"{started:%Y-%m-%d}",
        "sources": sources,
        "source": safe_name(names[0]) if len(names) == 1 else sources,
        "worker": safe_name(worker_of(spider.crawler)),
    }
