"""Furniture lines and widget titles beyond the western European languages: "read also" teasers in
Russian, Arabic, Turkish, Chinese, Japanese, Portuguese and Polish (after a full-width colon too), the
Chinese editor's sign-off, print/e-mail/comment/share controls and all-rights-reserved notices; a
related box titled "You may be interested in" or "Les plus lus" goes with its cards and excerpts."""
from __future__ import annotations

import pytest

from crawler import extract_article
from crawler.extraction.textfilter import is_boilerplate_line


@pytest.mark.parametrize("line", [
    "Читайте также: Власти города закрыли мост на ремонт",
    "اقرأ أيضا: الحكومة تعلن خطة جديدة للنقل",
    "İlginizi çekebilir: Belediye yeni parkı açtı",
    "相关阅读：长江大桥完成检修",
    "関連記事：台風が接近",
    "Veja também: Prefeitura anuncia obras no porto",
    "Zobacz także: Nowy most otwarty dla ruchu",
    "（责任编辑：李明）",
    "Envoyer à un ami",
    "Réagir à cet article",
    "Yorum yap",
    "Поделиться",
    "分享到：微信 微博",
    "© 2024 Wszelkie prawa zastrzeżone.",
    "Все права защищены",
    # a closed comment section's notice and its rules
    "Kommentare sind für diesen Artikel geschlossen.",
    "Comments are closed.",
    "Los comentarios están cerrados.",
    "Normas de participación: los comentarios ofensivos serán eliminados.",
])
def test_a_furniture_line_in_more_languages_goes(line):
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", [
    "Читайте также, что сказал мэр о мосте на прошлой неделе, когда его закрыли на ремонт.",
    "Imprimer le document joint permet de suivre la procédure pas à pas.",
    "The council said comments are closed until the next meeting in March, when residents can speak again.",
])
def test_a_sentence_that_starts_like_one_stays(line):
    assert not is_boilerplate_line(line)


PARAGRAPHS = [f"Paragraph {n} of the ferry story explains the harbour plan in plain words for the readers of the coast."
              for n in ("one", "two", "three", "four", "five", "six")]


@pytest.mark.parametrize("title", ["You may be interested in", "Les plus lus", "Похожие новости"])
def test_a_related_box_titled_in_more_ways_goes_with_its_cards(title):
    card = ("<div class='card'><a href='/2024/05/battery-ferries'>Battery ferries start on the northern route</a>"
            "<p>Researchers measured the emissions of the new boats over a whole winter season.</p></div>")
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3]) + f"<div class='box'><h4>{title}</h4>{card}</div>"
    body += "".join(f"<p>{p}</p>" for p in PARAGRAPHS[3:])
    html = f"<html><head><title>Ferry plan</title></head><body><article><h1>Ferry plan</h1>{body}</article></body></html>"
    text = extract_article(html, "https://harbour.example/2024/05/ferry-plan").text
    assert text.split("\n\n") == PARAGRAPHS


@pytest.mark.parametrize("line", [
    "مزید پڑھیں: اسموگ سے بچاؤ کے لیے گھر میں ایئر پیوریفائر کتنا مؤثر ہے؟",
    "இதையும் படிக்க: ரேஷன் கார்டு விண்ணப்பம் எப்படி?",
    "ഇതുകൂടി വായിക്കൂ: മത്തി ലഭ്യത കുറയുന്നു",
    "हेही वाचा: पुण्यात पाणीकपात",
])
def test_a_read_also_teaser_in_south_asian_languages_goes(line):
    assert is_boilerplate_line(line)
