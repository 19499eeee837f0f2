"""The spider behind `crawler fetch URL`: one request through the crawl's stack, no link following."""
from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.crawl.headers import header_text
from crawler.crawl.ssrf import BlockedRequest


def describe_failure(failure: Failure) -> str:
    """A short cause for a failed request: the HTTP status, robots.txt, DNS, timeout or connection error."""
    error = failure.value
    if isinstance(error, HttpError):
        return f"HTTP {error.response.status}"
    if isinstance(error, BlockedRequest):
        return str(error)  # says how to allow the address
    name = type(error).__name__
    text = str(error).strip()
    return f"{name}: {text}" if text else name


class SinglePageSpider(scrapy.Spider):
    """Fetches ``url`` and stores the response (or the failure) in the ``result`` dict."""

    name = "single_page"

    def __init__(self, url: str, result: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.url = url
        self.result = result if result is not None else {}

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(self.url, callback=self.keep_page, errback=self.keep_failure, dont_filter=True)

    def keep_page(self, response: Response) -> None:
        self.result.update(
            url=response.url, body=response.body, content_type=header_text(response.headers, b"Content-Type")
        )

    def keep_failure(self, failure: Failure) -> None:
        self.result["error"] = describe_failure(failure)
