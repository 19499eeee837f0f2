"""News crawler: clean article records from news pages.

Public API: ``extract_article(html, url=None)`` returns an ``Article`` or raises ``NotAnArticle``.

The packages inside, one job each:

- ``crawler.extraction``: the extraction core (bytes + URL -> ``Article``), Scrapy-free;
- ``crawler.crawl``: the crawl machinery (scheduler, middlewares, extensions, crawl state);
- ``crawler.tools``: the ``crawler`` command and its tools (demo, fixtures, benchmarks, schema);
- ``crawler.compat``: every use of another project's internals, one module per project.

``import crawler`` stays cheap (``crawler.settings`` is imported by every Scrapy process): the core,
which loads trafilatura, is imported on first use of one of its names.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crawler.extraction import NotAnArticle, extract_article
    from crawler.items import Article

__all__ = ["Article", "NotAnArticle", "extract_article"]

_LAZY = {
    "Article": "crawler.items",
    "NotAnArticle": "crawler.extraction.errors",
    "extract_article": "crawler.extraction.extract",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'crawler' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
