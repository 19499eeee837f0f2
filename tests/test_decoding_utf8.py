"""Bytes that are valid multi-byte UTF-8 are read as UTF-8, whatever legacy charset the page or the
HTTP header declares; bytes that are not UTF-8 still follow the declaration."""
from __future__ import annotations

import pytest

from crawler import extract_article
from crawler.extraction.decoding import decode_html, decode_page
from crawler.extraction.extract import load_page

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


def test_a_stray_legacy_byte_does_not_hand_a_utf8_page_back_to_its_declaration() -> None:
    """One windows-1252 byte pasted into a UTF-8 page (a partner snippet) under an iso-8859-1 <meta>."""
    latin = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>"
        "<title>La fête des régates revient</title></head><body><p>"
        + "La mairie a annoncé que la fête aura lieu fin août, après deux années d'interruption. " * 5
        + "</p><p>Offre partenaire : l\x00abonnement</p></body></html>"
    ).encode("utf-8").replace(b"\x00", b"\x92")
    text = decode_html(latin)
    assert "La fête des régates revient" in text and "annoncé" in text and "Ã" not in text


@pytest.mark.parametrize(
    "codec, sample",
    [
        ("gb18030", "市气象台周三发布消息，今年入夏以来全市平均降雨量比常年同期偏多三成，防汛部门已经启动四级应急响应。"),
        ("big5", "市氣象臺週三發布消息，今年入夏以來全市平均降雨量比常年同期偏多三成，防汛部門已經啟動應急響應。"),
        ("euc-kr", "기상청은 수요일 올여름 평균 강수량이 평년보다 삼십 퍼센트 많았다고 발표했습니다."),
        ("shift_jis", "気象台は水曜日、今年の夏の平均降水量が平年より三割多かったと発表しました。"),
        ("cp1252", "Le stationnement sera interdit sur le quai Émile-Zola; « FRANÇAIS» et CAFÉ’S à l’été."),
    ],
)
def test_legacy_text_is_never_taken_for_utf8(codec: str, sample: str) -> None:
    """Legacy bytes hold some chance-valid UTF-8 sequences ("Ç»", "É’" in windows-1252; a tenth of GBK
    characters), but far more invalid ones: they follow their declaration."""
    page = f"<html><head><meta charset='{codec}'></head><body><p>{sample * 5}</p></body></html>".encode(codec)
    assert sample in decode_html(page)


def test_the_crawl_reads_links_in_the_encoding_the_extraction_uses() -> None:
    """A UTF-8 page under a gb2312 declaration (and a contradicting header): its class, links and
    article come from the same text, with or without the extraction at hand."""
    from crawler.crawl.articletask import extract_outcome
    from crawler.extraction.decoding import html_encoding
    from spiders.pagelinks import analyse_page

    page = _page("gb2312").replace("</article>", "</article><a href='/search?q=蛋白质'>蛋白质</a>").encode("utf-8")
    header = "text/html; charset=gb2312"
    assert html_encoding(page, header) == "utf-8"
    wanted = "https://news.example.cn/search?q=%E8%9B%8B%E7%99%BD%E8%B4%A8"  # the query in UTF-8
    for prefetch in (None, (extract_outcome, (None, 50))):
        analysis = analyse_page(page, "https://news.example.cn/2025/ai", "gb18030", prefetch=prefetch, content_type=header)
        assert wanted in analysis.links
        if prefetch is not None:
            assert analysis.extracted[0].title == TITLE



def test_a_page_the_crawl_extracts_is_decoded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Class, links and article of one page come from one decode of its bytes (a page's text is
    about 1% of its CPU in a crawl), and the encoding the crawl reads links in is still that text's."""
    from crawler.crawl.articletask import extract_outcome
    from crawler.extraction import decoding
    from spiders.pagelinks import analyse_page

    decodes: list[bytes] = []
    real_decode = decoding._decode

    def counted(body: bytes, content_type: str | None) -> tuple[str, str]:
        decodes.append(body)
        return real_decode(body, content_type)

    monkeypatch.setattr(decoding, "_decode", counted)
    page = _page("gb2312").replace("</article>", "</article><a href='/search?q=蛋白质'>蛋白质</a>").encode("utf-8")
    analysis = analyse_page(
        page, "https://news.example.cn/2025/ai", "gb18030", prefetch=(extract_outcome, (None, 50)),
        content_type="text/html; charset=gb2312",
    )
    assert decodes == [page]
    assert analysis.extracted[0].title == TITLE
    assert "https://news.example.cn/search?q=%E8%9B%8B%E7%99%BD%E8%B4%A8" in analysis.links

@pytest.mark.parametrize("header", ["text/html; charset=utf-8", "text/html;charset=UTF8", 'text/html; charset="utf-8"'])
def test_a_utf8_header_contradicted_by_legacy_bytes_loses_to_their_meta(header: str) -> None:
    """A server's default ``charset=utf-8`` over a page whose bytes are not UTF-8: its <meta> decides."""
    text = "防汛部门启动四级响应，沿江乡镇转移群众"
    page = f'<html><head><meta charset="gb2312"><title>{text}</title></head><body><p>{text}</p></body></html>'
    assert text in decode_html(page.encode("gb2312"), header)


@pytest.mark.parametrize("codec", ["utf-8", "utf-16", "cp1252"])
def test_nul_characters_never_cut_the_page(codec: str) -> None:
    # lxml stops at a NUL: whatever the bytes' encoding, the text after one is read
    page = (f'<html><head><meta charset="{codec}"></head><body><p>Erster Teil\x00 und der Rest des Satzes'
            " über München.</p></body></html>")
    text, _encoding = decode_page(page.encode(codec))
    assert "\x00" not in text
    assert "der Rest des Satzes über München" in load_page(page.encode(codec)).text_content()


@pytest.mark.parametrize(("words", "codec"), [
    ("Erster Teil\x00 und der Rest des Satzes über München, Köln und Düsseldorf für alle Bürger.", "cp1252"),
    ("Kommunen fordern\x00 mehr Geld für Brücken, Straßen und Schulgebäude in ländlichen Gemeinden.", "cp1252"),
])
def test_a_stray_nul_byte_does_not_stop_the_charset_guess(words: str, codec: str) -> None:
    # a short page in a legacy charset that declares none, with one zero byte (a broken CMS field): the
    # detector gave up on the page, which was read as UTF-8, every umlaut a replacement character
    text, _encoding = decode_page(f"<html><body><p>{words}</p></body></html>".encode(codec))
    assert words.replace("\x00", "") in text


def test_utf16_without_a_byte_order_mark_is_still_guessed() -> None:
    # (its zero bytes are half the page: no stray NUL to leave out)
    page = "<html><body><p>Ein Text über München, mit genug Worten für eine sichere Erkennung.</p></body></html>"
    text, _encoding = decode_page(page.encode("utf-16-le"))
    assert "über München" in text
