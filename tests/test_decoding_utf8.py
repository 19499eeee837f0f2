"""Bytes that are valid multi-byte UTF-8 are read as UTF-8, whatever legacy charset the page or the
HTTP header declares; bytes that are not UTF-8 still follow the declaration."""
from __future__ import annotations

import pytest

from crawler import extract_article
from crawler.extraction.decoding import decode_html

TITLE = "深度学习模型破解蛋白质结构难题"
PARAGRAPH = (
    "研究团队周二表示，新的深度学习模型能够在几分钟内预测蛋白质的三维结构，准确度接近实验测定的水平。"
    "科学家认为，这项成果将大大加快新药研发和疾病机理研究的进度，相关论文已经发表在国际学术期刊上。"
)


def _page(meta_charset: str) -> str:
    return (
        f"<html><head><meta http-equiv='Content-Type' content='text/html; charset={meta_charset}'>"
        f"<title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
        f"<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></article></body></html>"
    )


@pytest.mark.parametrize("declared", ["gb2312", "gbk", "big5", "shift_jis", "iso-8859-1", "windows-1252"])
def test_utf8_bytes_under_a_legacy_meta_charset_are_read_as_utf8(declared: str) -> None:
    article = extract_article(_page(declared).encode("utf-8"), "https://news.example.cn/2025/ai")
    assert article.title == TITLE
    assert PARAGRAPH in article.text


@pytest.mark.parametrize("header", ["text/html; charset=gb2312", "text/html; charset=ISO-8859-1"])
def test_http_header_charset_contradicting_utf8_bytes_loses(header: str) -> None:
    article = extract_article(_page("utf-8").encode("utf-8"), "https://news.example.cn/2025/ai", content_type=header)
    assert article.title == TITLE and PARAGRAPH in article.text


def test_legacy_bytes_still_follow_their_declaration() -> None:
    page = _page("gb2312").encode("gb18030")
    assert TITLE in decode_html(page)
    latin = "<html><head><meta charset='windows-1252'></head><body><p>Caf\xe9 cr\xe8me, 5 \u20ac</p></body></html>"
    assert "Café crème, 5 €" in decode_html(latin.encode("windows-1252"))


def test_truncated_utf8_page_is_still_utf8() -> None:
    data = _page("gb2312").encode("utf-8")
    cut = data.rindex(PARAGRAPH.encode("utf-8")[-6:]) + 2  # inside a three-byte character
    assert TITLE in decode_html(data[:cut])
