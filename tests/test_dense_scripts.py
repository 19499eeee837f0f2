"""A short Chinese or Japanese article (three hundred characters say as much as a thousand Latin ones)
is no failed extraction: trafilatura's minimum is read with its characters weighted, so the record keeps
the story's paragraphs instead of the page's whole text run together, share bar and dateline with it."""
from __future__ import annotations

from crawler import extract_article

PARAGRAPHS = [
    "北陸地方の温泉街で、観光客の数がおよそ一年ぶりに震災前の水準まで回復したことが、地元観光協会のまとめで分かった。",
    "協会によると、二月の宿泊者数は前年同月比で約三割増えた。特に海外からの団体客が目立ち、台湾や香港からの予約が好調だという。",
    "老舗旅館を営む女性は「ようやく以前のにぎわいが戻ってきた。春の連休に向けて準備を進めたい」と笑顔を見せた。",
    "一方で、人手不足は依然として深刻で、協会は県と連携して若い従業員の確保に取り組む方針だ。",
]


def test_a_short_japanese_article_keeps_its_paragraphs_without_the_share_bar():
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = ("<html lang='ja'><head><meta charset='utf-8'><title>温泉街、観光客数が回復 | 日本海タイムズ</title></head>"
            "<body><ul class='gnav'><li><a href='/'>トップ</a></li><li><a href='/national'>社会</a></li></ul><article>"
            "<h1>温泉街、観光客数が回復</h1><p class='date'><time datetime='2024-03-12T14:35:00+09:00'>2024年3月12日 "
            f"14時35分</time></p><p class='writer'>（記者・佐藤健一）</p><div class='body'>{body}</div>"
            "<div class='share'>この記事をシェアする <a href='#'>X</a> <a href='#'>Facebook</a></div></article>"
            "<footer>Copyright (C) 日本海タイムズ All rights reserved.</footer></body></html>")
    text = extract_article(html.encode(), "https://news.example.jp/articles/2024/03/12/onsen").text
    assert text.split("\n\n") == PARAGRAPHS
