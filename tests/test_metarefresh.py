"""The meta refresh middleware reads only the start of a page, with Scrapy's own logic."""
from __future__ import annotations

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.crawl.middlewares.metarefresh import HEAD_BYTES, HeadMetaRefreshMiddleware

URL = "https://news.example/world/rain.html"
FILLER = b"<p>" + "Räin fell on the city all day, the forecast says more of it. ".encode() * 600 + b"</p>"


def middleware() -> HeadMetaRefreshMiddleware:
    return HeadMetaRefreshMiddleware.from_crawler(get_crawler())


def page(head: bytes, body: bytes = FILLER) -> HtmlResponse:
    html = b"<html><head><meta charset='utf-8'>" + head + b"</head><body>" + body + b"</body></html>"
    return HtmlResponse(URL, body=html, request=Request(URL))


def test_large_page_with_meta_refresh_is_redirected() -> None:
    response = page(b'<meta http-equiv="refresh" content="0; url=/world/rain-moved.html">')
    assert len(response.body) > HEAD_BYTES
    result = middleware().process_response(response.request, response)
    assert isinstance(result, Request) and result.url == "https://news.example/world/rain-moved.html"


def test_large_page_without_refresh_passes_unchanged() -> None:
    response = page(b"<title>Rain</title>")
    assert middleware().process_response(response.request, response) is response


def test_refresh_past_the_head_window_is_ignored_like_scrapy() -> None:
    # Scrapy reads 4,096 characters; a tag after them is not a redirect in either version.
    response = page(b"<title>Rain</title>", FILLER + b'<meta http-equiv="refresh" content="0; url=/elsewhere">')
    assert middleware().process_response(response.request, response) is response


def test_small_page_uses_scrapy_path() -> None:
    response = page(b'<meta http-equiv="refresh" content="0; url=/moved">', b"<p>short</p>")
    result = middleware().process_response(response.request, response)
    assert isinstance(result, Request) and result.url == "https://news.example/moved"


def test_prefilter_keeps_every_spelling_scrapy_reads() -> None:
    """Upper case, single quotes, no quotes, UTF-16: the byte check must not hide a redirect."""
    for tag in (b"<META HTTP-EQUIV=REFRESH CONTENT='0;URL=/moved'>", b"<meta http-equiv='Refresh' content='3; url=/moved'>"):
        response = page(tag)
        result = middleware().process_response(response.request, response)
        assert isinstance(result, Request) and result.url == "https://news.example/moved", tag
    html = '<html><head><meta http-equiv="refresh" content="0; url=/moved"></head><body>x</body></html>'
    response = HtmlResponse(URL, body=html.encode("utf-16"), request=Request(URL),
                            headers={"Content-Type": "text/html; charset=utf-16"})
    result = middleware().process_response(response.request, response)
    assert isinstance(result, Request) and result.url == "https://news.example/moved"
