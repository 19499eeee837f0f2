"""Ruby annotations (furigana, pinyin) are reading aids, not words: neither the title nor the text has them."""
from __future__ import annotations

from crawler.extraction import extract_article
from crawler.extraction.extract import load_page

_BODY = "".join(
    f"<p><ruby>法律<rt>ほうりつ</rt></ruby>では{n}つ目の<ruby>決<rp>(</rp><rt>き</rt><rp>)</rp></ruby>まりを"
    "説明しました。子どもを守る仕事をする専門の職員を増やすことも決まりました。</p>"
    for n in range(1, 6)
)
_PAGE = (
    '<html lang="ja"><head><meta charset="utf-8"><title>やさしいニュース</title></head><body>'
    '<article><h1 class="article-title"><ruby>子<rt>こ</rt></ruby>どもへの<ruby>体罰<rt>たいばつ</rt></ruby>を'
    "<ruby>禁止<rt>きんし</rt></ruby>する<ruby>法律<rt>ほうりつ</rt></ruby>ができる</h1>"
    f"{_BODY}</article></body></html>"
)


def test_the_title_is_read_without_its_readings() -> None:
    article = extract_article(_PAGE.encode("utf-8"), url="https://news.example/easy/k1.html")
    assert article.title == "子どもへの体罰を禁止する法律ができる"


def test_the_text_has_no_readings_or_their_parentheses() -> None:
    article = extract_article(_PAGE.encode("utf-8"), url="https://news.example/easy/k1.html")
    assert "法律では1つ目の決まりを説明しました。" in article.text
    assert "ほうりつ" not in article.text and "(" not in article.text


def test_a_page_without_ruby_keeps_an_rt_lookalike_text() -> None:
    tree = load_page("<html><body><p>The <b>rt</b> of it: &lt;rt&gt; is a tag name.</p></body></html>")
    assert "<rt> is a tag name" in tree.text_content()


def test_upper_and_mixed_case_ruby_tags_are_dropped_too() -> None:
    # HTML tag names are case-blind: a page written in capitals has readings all the same
    tree = load_page("<HTML><BODY><P><RUBY>法律<Rt>ほうりつ</Rt><RP>(</RP></RUBY>では</P></BODY></HTML>")
    assert tree.text_content() == "法律では"
