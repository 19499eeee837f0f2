"""Meta refresh redirects, read from the start of the page only.

Scrapy's ``MetaRefreshMiddleware`` looks for ``<meta http-equiv="refresh">`` in the first 4,096
characters of ``response.text``, but ``response.text`` decodes (and keeps) the whole body first: on a
news page of 100-500 KB that is about half a millisecond per response on the reactor thread, and a
second copy of the page in memory while it waits for a worker. This subclass hands Scrapy's logic a
copy of the response cut to its first ``HEAD_BYTES`` (enough bytes for 4,096 characters in any
encoding), so the behaviour and settings (``METAREFRESH_*``) are Scrapy's. A head without the bytes
``refresh`` in any case (and without NUL bytes: UTF-16 spells it otherwise) cannot hold the tag and
is passed on without decoding at all: most pages.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.http import Response

HEAD_BYTES = 4 * 4096
"""Scrapy reads 4,096 characters; a character takes at most 4 bytes."""


class HeadMetaRefreshMiddleware(MetaRefreshMiddleware):
    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        if not isinstance(response, HtmlResponse):
            return super().process_response(request, response)
        start = response.body[:HEAD_BYTES]
        if b"\x00" not in start and b"refresh" not in start.lower():  # 10x faster than re.IGNORECASE
            return response  # no meta refresh in what Scrapy would read
        if len(response.body) <= HEAD_BYTES:
            return super().process_response(request, response)
        # a new response, not ``replace()``: that copies ``encoding``, which may decode the whole body
        head = HtmlResponse(response.url, status=response.status, headers=response.headers,
                            body=response.body[:HEAD_BYTES], request=response.request)
        result = super().process_response(request, head)
        return response if result is head else result
