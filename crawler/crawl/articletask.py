"""The extraction of an article page as one worker task: ``extract_outcome`` and its ``Outcome``.

The spider runs it in the same worker task as the page's class and links (``spiders.pagelinks.analyse_page``,
``prefetch``) and yields a ``PrefetchedPage`` carrying the outcome; the extract pipeline runs it for a page
that arrives without one. Both read ``NEWS_MIN_TEXT_CHARS`` for ``min_text_chars``.
"""
from __future__ import annotations

from array import array
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from crawler.crawl.minhash import signature
from crawler.crawl.sitelines import line_keys
from crawler.extraction.errors import NotAnArticle
from crawler.items import Article

if TYPE_CHECKING:
    from lxml.html import HtmlElement

Outcome = tuple[Article | None, str | None, str, array | None, dict[str, int] | None]
"""``(article, None, "", signature, line keys)`` or ``(None, reason, detail, None, None)``."""


def extract_outcome(
    body: bytes, url: str, content_type: str | None, min_text_chars: int, tree: HtmlElement | None = None
) -> Outcome:
    """Runs in a worker process: ``(article, None, "", signature, line keys)`` or ``(None, reason, detail,
    None, None)``.

    Never raises. The MinHash signature of the text and the keys of its lines (site boilerplate) are
    computed here too, off the reactor thread.
    ``tree``: the page as ``crawler.extraction.extract.load_page`` parsed it, when the caller already did.
    """
    try:
        article = _extract_article()(body, url, content_type=content_type, min_text_chars=min_text_chars, tree=tree)
    except NotAnArticle as exc:
        return None, exc.reason, exc.detail, None, None
    except Exception as exc:  # noqa: BLE001 - a bug on one page must not stop the crawl
        return None, "extract_error", f"{type(exc).__name__}: {exc}", None, None
    return article, None, "", signature(article.text), line_keys(article.text)


def _extract_article() -> Callable[..., Article]:
    """``extract_article``, imported on first use: the Scrapy process names ``extract_outcome`` in its
    tasks but never runs it, and the extraction core (trafilatura) cost it 0.2 s of start-up (the workers
    preload it). Looked up in this module's globals, so a test hook can replace it there."""
    function = globals().get("extract_article")
    if function is None:
        function = __getattr__("extract_article")
    return function


def __getattr__(name: str) -> Any:
    if name != "extract_article":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from crawler.extraction.extract import extract_article

    globals()[name] = extract_article
    return extract_article


def prefetch(content_type: str | None, min_text_chars: int) -> tuple[Callable[..., Outcome], tuple[Any, ...]]:
    """The extraction of a page with this content type, for ``analyse_page`` to run in the worker that reads
    its links: ``(function, arguments after body and url)``."""
    return extract_outcome, (content_type, min_text_chars)
