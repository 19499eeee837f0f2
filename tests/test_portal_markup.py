"""Markup of news portals and CMSs that names its boxes in its own ways: a comment section called
"talkbacks" or wrapped in a "-box"; Drupal's field classes ("field--name-field-caption"); a Drupal
slideshow whose slide wrappers trafilatura prunes by name; an app promotion set as one link of
several spans between paragraphs of Chinese text (whose paragraphs are short in characters); a
shop box's price disclaimer; a Chinese government CMS's ``<meta name="SiteName">``; a table set in a
``<figure>`` with its caption (the table's source)."""
from __future__ import annotations

import lxml.html
import pytest

from crawler import extract_article
from crawler.extraction.classnames import names_any
from crawler.extraction.furniturenames import FURNITURE_TOKENS
from crawler.extraction.galleries import CAPTION_TOKENS
from crawler.extraction.textdivs import divs_as_paragraphs

URL = "https://harbour.example/2026/11/story"
PARAGRAPHS = [f"Paragraph {n} of the story explains the harbour plan in plain words for the readers of the coast."
              for n in ("one", "two", "three", "four", "five", "six")]
STORY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def _article(body: str, head: str = "<title>Harbour plan</title>", url: str = URL):
    return extract_article(f"<html><head>{head}</head><body>{body}</body></html>", url)


@pytest.mark.parametrize("class_value, tokens, named", [
    ("fb-comments-box boxTitle", FURNITURE_TOKENS, True),  # a wrapper's last word after the name
    ("comments-section", FURNITURE_TOKENS, True),
    ("related-posts-wrap", FURNITURE_TOKENS, True),
    ("talkbacks", FURNITURE_TOKENS, True),
    ("field field--name-field-caption field--type-text-long", CAPTION_TOKENS, True),  # Drupal 8+
    ("field field-name-field-caption", CAPTION_TOKENS, True),  # Drupal 7
    ("field field--name-body field--type-text-with-summary", FURNITURE_TOKENS, False),
    ("entry-content-wrap", FURNITURE_TOKENS, False),
    ("content-box", FURNITURE_TOKENS, False),
])
def test_a_wrappers_and_a_drupal_fields_name_say_what_they_hold(class_value, tokens, named):
    assert names_any(class_value, None, tokens) is named


@pytest.mark.parametrize("box", [
    "<section id='talkbacks' class='talkbacks'><h3>Talkbacks (12)</h3>{comments}</section>",
    "<div class='fb-comments-box'><p class='title'>Readers respond</p>{comments}</div>",
])
def test_comment_sections_by_a_portals_names_are_furniture(box):
    comments = ("<p>Finally, after ten years of waiting, the harbour gets the plan it deserves.</p>"
                "<p>Please observe the rules of etiquette: comments are published after moderation.</p>")
    text = _article(f"<article><h1>Harbour plan</h1>{STORY}{box.format(comments=comments)}</article>").text
    assert PARAGRAPHS[-1] in text
    assert "ten years of waiting" not in text and "rules of etiquette" not in text


SLIDES = [
    "Judges inspect the ewes in the sheep lines shortly after eight, before the gates open to visitors.",
    "A ten-year-old leads her heifer into the young handlers' ring, where the pair finished second.",
    "The grand parade of cattle makes its way around the main ring at midday, led by the champion.",
    "Volunteers serve tea from the club's marquee; the club raised more than six thousand pounds.",
]


def test_a_drupal_slideshows_captions_are_its_story():
    # Drupal's paragraphs: the slide wrapper ("paragraph--type--gallery-slide") and the caption's
    # wrapper ("gallery-slide__meta") hold names trafilatura prunes ("slide", "meta")
    slides = "".join(
        f"<div class='field__item'><div class='paragraph paragraph--type--gallery-slide' id='slide-{n}'>"
        f"<div class='gallery-slide__counter'>{n} of {len(SLIDES)}</div><img src='/{n}.jpg' alt=''>"
        f"<div class='gallery-slide__meta'><div class='field field--name-field-caption field__item'><p>{caption}</p>"
        f"</div><div class='field field--name-field-credit field__item'>Picture: Kit Dunmore</div></div></div></div>"
        for n, caption in enumerate(SLIDES, 1))
    text = _article("<article class='node node--type-gallery'><h1>In pictures: the show</h1><div class='node__content'>"
                    "<div class='field field--name-body'><p>Tens of thousands of visitors packed the showground on "
                    "Saturday.</p></div><div class='field field--name-field-gallery-slides field__items'>"
                    f"{slides}</div></div></article>", head="<title>In pictures: the show</title>").text
    assert all(caption in text for caption in SLIDES)
    assert "1 of 4" not in text and "Picture: Kit Dunmore" not in text


def test_an_embedded_gallerys_captions_stay_out_of_a_story_told_in_divs():
    story = "".join(f"<div class='zn-body__paragraph'>{p}</div>" for p in PARAGRAPHS)
    captions = [f"<div class='el__embedded'><div class='media__caption'>{slide}</div></div>" for slide in SLIDES[:2]]
    text = _article(f"<article><h1>Harbour plan</h1>{captions[0]}{story}{captions[1]}</article>").text
    assert PARAGRAPHS[0] in text and SLIDES[0] not in text and SLIDES[1] not in text


def test_an_app_promotion_linked_between_paragraphs_of_chinese_text_goes():
    # each paragraph is under 150 characters, as Chinese prose is: long enough to be prose
    paragraphs = ["在名間鄉種茶超過三十年的茶農陳國雄說，往年十月底就能開採冬茶，今年一直拖到十一月中旬，自家茶園目前只採了去年同期的六成左右。",
                  "鹿谷鄉產銷班班長林志明指出，冬茶講究冷與乾，日夜溫差大，茶葉才會香氣足，今年十一月白天氣溫仍常飆到攝氏三十度。",
                  "產量減少，價格卻未必跟著上漲。竹山鎮一家茶行負責人表示，目前冬茶批發價與去年大致持平，每斤約一千二百元至一千八百元，消費者買氣普通。"]
    promo = ("<p class='appE1121'><a href='https://event.harbour.example/app/'><span>不用抽 不用搶 現在用APP看新聞 "
             "保證天天中獎</span><span class='btn'>點我下載APP</span><span class='btn'>按我看活動辦法</span></a></p>")
    body = f"<p>{paragraphs[0]}</p><p>{paragraphs[1]}</p>{promo}<p>{paragraphs[2]}</p>"
    text = _article(f"<article><h1>冬茶減產三成</h1><div class='text' itemprop='articleBody'>{body}</div></article>",
                    head="<title>冬茶減產三成</title>").text
    assert all(p in text for p in paragraphs)
    assert "APP" not in text


def _story_around(box: str) -> str:
    """The text of a story whose paragraphs stand before and after ``box``."""
    half = len(PARAGRAPHS) // 2
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:half]) + box + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[half:])
    return _article(f"<article><h1>Harbour plan</h1>{body}</article>").text


def test_a_shop_boxs_price_disclaimer_goes():
    box = ("<div class='Enhancement'><div class='Enhancement-item'><ps-product-module class='ProductModule'>"
           "<div class='ProductModule-title'>Where to buy</div><ul class='ProductModule-retailers'><li><a class="
           "'ProductModule-button' href='https://shop.example/a'>$349 at Voltmart</a></li></ul><p class="
           "'ProductModule-disclaimer'>Prices are accurate at the time of publishing.</p></ps-product-module></div></div>")
    text = _story_around(box)
    assert PARAGRAPHS[-1] in text and "Prices are accurate" not in text


def test_a_chinese_cms_site_name_meta_names_the_site():
    head = ("<title>临澜今年已为老旧小区加装电梯287台_民生_临澜新闻网</title>"
            "<meta name='SiteName' content='临澜新闻网'><meta name='ColumnName' content='民生'>")
    article = _article(f"<div class='article'><h1>临澜今年已为老旧小区加装电梯287台</h1>{STORY}</div>", head=head,
                       url="http://www.linlannews.example/msxw/202612/t20261203_4418265.html")
    assert article.sitename == "临澜新闻网"


def test_a_tables_figure_caption_stays_after_the_table():
    table = ("<figure class='wp-block-table'><table><thead><tr><th>Town</th><th>2025</th><th>2026</th></tr></thead>"
             "<tbody><tr><td>Brookfield</td><td>$14.20</td><td>$14.85</td></tr><tr><td>Millbrook</td><td>$13.60</td>"
             "<td>$14.10</td></tr></tbody></table><figcaption class='wp-element-caption'>Source: County Finance Office, "
             "figures per $1,000 of assessed value.</figcaption></figure>")
    photo = ("<figure class='wp-block-image'><img src='/harbour.jpg' alt=''><figcaption class='wp-element-caption'>"
             "The harbour master looks over the plans in his office on Tuesday.</figcaption></figure>")
    text = _article(f"<article><h1>Harbour plan</h1>{STORY}{table}{photo}{STORY}</article>").text
    assert "Millbrook | $13.60 | $14.10\n\nSource: County Finance Office, figures per $1,000 of assessed value." in text
    assert "harbour master" not in text  # a picture's caption is still furniture


def _divs_made_paragraphs(body: str) -> list[str]:
    """The texts of the divs ``divs_as_paragraphs`` makes paragraphs in a body container."""
    main = lxml.html.fromstring(f"<div class='body'>{body}</div>")
    divs = list(main.iter("div"))[1:]
    divs_as_paragraphs(main)
    return [" ".join(div.text_content().split()) for div in divs if div.tag == "p"]


def test_a_site_builders_lines_set_apart_by_breaks_are_a_paragraph_wherever_they_sit():
    # trafilatura may keep the lines after the breaks and drop the first (a Squarespace code block
    # above a block of bare divs); the block's wrappers hide any paragraph beside it
    lines = ["Her last day will be a regular one, she says, and the window opens at half past eight.",
             "The Postal Service has not named her replacement, a spokesperson for the district said."]
    block = (f"<div class='sqs-block code-block'><div class='sqs-block-content'>\n<div class='ledger-text'>"
             f"{'<br><br>'.join(lines)}</div>\n</div></div>")
    address = "<div class='sqs-block'><div class='sqs-block-content'><div>Millbrook Ledger<br>12 Mill Road</div></div></div>"
    made = _divs_made_paragraphs(f"<p>{PARAGRAPHS[0]}</p><div class='row'><div class='col'>{block}</div></div>{address}")
    assert made == ["".join(lines)]  # (an address's short lines stay as they are)


def test_a_sentence_after_a_spacer_div_beside_a_paragraph_is_a_paragraph():
    note = "Editor's note: An open house for the harbour plan will be held Saturday from 2 to 4 p.m. at the hall."
    quote = "“I'm still going to come in for my mail,” she said at the end of the day."
    made = _divs_made_paragraphs(f"<p>{PARAGRAPHS[0]}</p><div>{quote}</div><div><br></div><div><em>{note}</em></div>"
                                 f"<hr><div>Sent from the newsdesk of the Millbrook Ledger, every Thursday.</div>")
    assert made == [quote, note]  # (a rule, <hr>, is a break between parts: no spacer)


def test_a_release_title_before_a_colon_keeps_the_products_name():
    head = ("<title>Tidewater 3.0: parallel migrations and a new lock protocol | Tidewater</title>"
            "<meta property='og:title' content='Tidewater 3.0: parallel migrations and a new lock protocol | Tidewater'>")
    article = _article(f"<article><h1>Tidewater 3.0: parallel migrations and a new lock protocol</h1>{STORY}</article>",
                       head=head, url="https://tidewater.dev/blog/tidewater-3-0")
    assert article.title == "Tidewater 3.0: parallel migrations and a new lock protocol"


def test_a_series_box_listing_the_other_parts_is_furniture():
    series = ("<div class='series-box rounded-lg border'><p class='text-sm'>Series</p><h3><a href='/series/harbour'>"
              "Rebuilding the harbour, step by step</a></h3><p class='text-sm'>Part 3 of 5 · Follow along as the town "
              "rebuilds its harbour wall, one season at a time.</p><ol><li><a href='/one'>Why the wall failed</a></li>"
              "<li><a href='/two'>Choosing the stone</a></li></ol></div>")
    text = _article(f"<article><h1>Harbour plan</h1>{series}{STORY}</article>").text
    assert PARAGRAPHS[0] in text and "Part 3 of 5" not in text and "Follow along" not in text


def test_a_tables_caption_stays_whatever_its_class():
    table = ("<div class='content-table'><table class='content-table__table'><caption class='content-table__caption'>"
             "Results of the harbour regatta: the first three boats home</caption><tr><th>Pos.</th><th>Boat</th></tr>"
             "<tr><td>1</td><td>Skerry Lass</td></tr><tr><td>2</td><td>Morning Tide</td></tr></table></div>")
    text = _article(f"<article><h1>Harbour plan</h1>{STORY}{table}{STORY}</article>").text
    assert "Results of the harbour regatta: the first three boats home" in text


def test_a_fact_box_the_cms_names_an_embed_stays_between_the_paragraphs():
    box = ("<div class='ue-c-article__embedded ue-c-article__embedded--ficha'><h3 class='ue-c-article__embedded-title'>"
           "Profile of the harbour master</h3><dl><dt>Full name</dt><dd>Javier Ordoñez Prieto, born in Oviedo on 3 May "
           "1978.</dd><dt>Career</dt><dd>Pilot at Avilés, then deputy harbour master at Gijón before coming here.</dd>"
           "<dt>Record</dt><dd>Sixty-one dredging seasons overseen, not one of them late.</dd></dl></div>")
    text = _story_around(box)
    assert "Pilot at Avilés, then deputy harbour master at Gijón" in text and PARAGRAPHS[-1] in text


def test_a_wire_storys_contributor_line_stays_when_the_agency_is_the_declared_author():
    head = ("<title>Streetcar line to reopen</title><meta name='author' content='Associated Press'>"
            "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": \"Streetcar line to reopen\","
            " \"author\": {\"@type\": \"Person\", \"name\": \"Associated Press\"}}</script>")
    credit = "Associated Press writer Kevin McGrath in Baton Rouge contributed to this report."
    article = _article(f"<article><h1>Streetcar line to reopen</h1><div class='author'>By Associated Press</div>{STORY}"
                       f"<p><em>{credit}</em></p></article>", head=head)
    assert article.text.endswith(credit)
