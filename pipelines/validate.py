"""Validate pipeline: drop what is not a publishable article, with a named reason counted in stats.

Reasons: every ``NotAnArticle.reason`` (``empty``, ``binary``, ``no_text``, ...), ``extract_error``,
``too_short`` (text under ``NEWS_MIN_TEXT_CHARS``), ``no_title`` when ``NEWS_REQUIRE_TITLE`` is set, and
``too_old`` (published before the source's ``max_age_days``). Stats: ``news/dropped/<reason>`` and
``news/source/<source>/dropped``.

Needs: in ``ITEM_PIPELINES`` after extract (and site boilerplate: it judges the stripped text), before
changes and deduplicate (a dropped page never reaches the crawl state or the kept index).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem

from crawler.crawl.config import get_bool, get_int
from crawler.common.dates import parse_date
from crawler.crawl.pages import ExtractedPage
from pipelines.contract import check_pipelines

if TYPE_CHECKING:
    from typing_extensions import Self
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector


class ValidatePipeline:
    stage = "validate"
    needs = ("extract",)

    def __init__(self, stats: StatsCollector | None, min_text_chars: int = 200, require_title: bool = False) -> None:
        self.stats = stats
        self.min_text_chars = min_text_chars
        self.require_title = require_title

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        check_pipelines(crawler)
        return cls(
            crawler.stats,
            min_text_chars=get_int(crawler.settings, "NEWS_MIN_TEXT_CHARS"),
            require_title=get_bool(crawler.settings, "NEWS_REQUIRE_TITLE"),
        )

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ExtractedPage):
            return item
        reason = self.drop_reason(item)
        if reason is None:
            return item
        if self.stats is not None:
            self.stats.inc_value(f"news/dropped/{reason}")
            self.stats.inc_value(f"news/source/{item.page.source}/dropped")
        detail = f": {item.detail}" if item.detail else ""
        raise DropItem(f"{reason}: {item.page.url}{detail}", log_level="INFO")

    def drop_reason(self, item: ExtractedPage) -> str | None:
        article = item.article
        if article is None:
            return item.reason or "not_an_article"
        if len(article.text) < self.min_text_chars:
            return "too_short"
        if self.require_title and not article.title:
            return "no_title"
        if item.page.not_before and article.date_published:
            published = parse_date(article.date_published)
            cutoff = parse_date(item.page.not_before)
            if published is not None and cutoff is not None and published < cutoff:
                return "too_old"
        return None

