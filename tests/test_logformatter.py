"""The log formatter's per-page DEBUG lines: made only when LOG_LEVEL lets them through."""
from __future__ import annotations

import pytest
from scrapy import Request, Spider
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.crawl.extensions.logformatter import ItemNameLogFormatter


@pytest.mark.parametrize(("level", "lines"), [("DEBUG", True), (10, True), ("INFO", False), ("WARNING", False), (20, False)])
def test_page_lines_follow_log_level(level: object, lines: bool) -> None:
    formatter = ItemNameLogFormatter.from_crawler(get_crawler(settings_dict={"LOG_LEVEL": level}))
    response = HtmlResponse("https://n.example/a.html", body=b"<html></html>", request=Request("https://n.example/a.html"))
    spider = Spider("s")
    assert (formatter.crawled(response.request, response, spider) is not None) is lines
    assert (formatter.scraped({"url": response.url}, response, spider) is not None) is lines
