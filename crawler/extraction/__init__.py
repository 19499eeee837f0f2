"""The extraction core: page bytes and a URL in, one clean ``Article`` out (or ``NotAnArticle``).

Scrapy-free (a test checks it in a fresh interpreter), so it runs the same in a crawl's worker
processes, in ``crawler fetch``, in the fixture tests and in the benchmarks. The page is parsed
once (``parsing``); that tree is read for metadata (``metadata/``), cleaned of page furniture
(``cleaning``, ``structure``), handed to trafilatura and filtered line by line (``textfilter``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crawler.extraction.errors import NotAnArticle

if TYPE_CHECKING:
    from crawler.extraction.extract import extract_article

__all__ = ["NotAnArticle", "extract_article"]


def __getattr__(name: str) -> Any:
    """``extract_article`` on first use: importing a light submodule (``decoding``, ``errors``) from the
    Scrapy process must not load trafilatura, which only the worker processes need."""
    if name != "extract_article":
        raise AttributeError(f"module 'crawler.extraction' has no attribute {name!r}")
    from crawler.extraction.extract import extract_article

    return extract_article
