"""Extract pipeline: ``PageItem`` -> ``ExtractedPage``, running ``crawler.extract_article`` in the worker pool.

The pool (``crawler.crawl.extensions.workers.WorkerPool``) has one process per core, so extraction never blocks
the Twisted reactor and a crawl uses every core. A page that is not an article is not an error here:
the result carries the reason, and the validate pipeline drops it. A page whose extraction runs past
``NEWS_EXTRACT_TIMEOUT`` gets the reason ``timeout`` (``news/dropped/timeout``).

In a crawl the spider asks for the extraction in the same worker task as the page's class and links
(``prefetch``; ``spiders.pagelinks.analyse_page``), so a page crosses to a worker once: it then yields a
``PrefetchedPage`` that carries the outcome, and this pipeline only unwraps it.
"""
from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from crawler import NotAnArticle, extract_article
from crawler.crawl.extensions.workers import TaskTimeout, WorkerCrashed, WorkerPool
from crawler.items import Article
from crawler.crawl.minhash import signature
from crawler.crawl.sitelines import line_keys
from crawler.crawl.pages import ExtractedPage, PageItem

if TYPE_CHECKING:
    from lxml.html import HtmlElement
    from scrapy.crawler import Crawler
    from typing_extensions import Self

Outcome = tuple[Article | None, str | None, str, array | None, dict[str, int] | None]


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
        article = extract_article(body, url, content_type=content_type, min_text_chars=min_text_chars, tree=tree)
    except NotAnArticle as exc:
        return None, exc.reason, exc.detail, None, None
    except Exception as exc:  # noqa: BLE001 - a bug on one page must not stop the crawl
        return None, "extract_error", f"{type(exc).__name__}: {exc}", None, None
    return article, None, "", signature(article.text), line_keys(article.text)


@dataclass
class PrefetchedPage(PageItem):
    """A page whose extraction already ran in a worker, in the same task as its links."""

    outcome: Outcome | None = field(default=None, repr=False)


class ExtractPipeline:
    def __init__(self, min_text_chars: int, crawler: Crawler | None = None) -> None:
        self.min_text_chars = min_text_chars
        self.crawler = crawler
        self.pool: WorkerPool | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(min_text_chars=crawler.settings.getint("NEWS_MIN_TEXT_CHARS", 200), crawler=crawler)

    def open_spider(self) -> None:
        if self.crawler is not None:
            self.pool = self.crawler.get_extension(WorkerPool)

    def prefetch(self, content_type: str | None) -> tuple[Callable[..., Outcome], tuple[Any, ...]]:
        """The extraction of a page with this content type, to run in the worker that reads its links."""
        return extract_outcome, (content_type, self.min_text_chars)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem):
            return item
        args = (item.body, item.url, item.content_type, self.min_text_chars)
        if isinstance(item, PrefetchedPage) and item.outcome is not None:
            outcome, item.outcome = item.outcome, None
        elif self.pool is None:
            outcome = extract_outcome(*args)
        else:
            try:
                outcome = await self.pool.run(extract_outcome, *args)
            except WorkerCrashed as exc:
                outcome = None, "worker_crashed", str(exc), None, None
            except TaskTimeout as exc:  # NEWS_EXTRACT_TIMEOUT: dropped by the validate pipeline as "timeout"
                outcome = None, "timeout", str(exc), None, None
        article, reason, detail, sig, keys = outcome
        return ExtractedPage(page=item, article=article, reason=reason, detail=detail, signature=sig, line_keys=keys)
