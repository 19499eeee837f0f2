"""The extraction core: page bytes and a URL in, one clean ``Article`` out (or ``NotAnArticle``).

Scrapy-free (a test checks it in a fresh interpreter), so it runs the same in a crawl's worker
processes, in ``crawler fetch``, in the fixture tests and in the benchmarks. The page is parsed
once (``parsing``); that tree is read for metadata (``metadata/``), cleaned of page furniture
(``cleaning``, ``structure``), handed to trafilatura and filtered line by line (``textfilter``).
"""
from crawler.extraction.errors import NotAnArticle
from crawler.extraction.extract import extract_article

__all__ = ["NotAnArticle", "extract_article"]
