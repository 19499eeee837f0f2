"""Stories told in formats the usual article rules misread: a slideshow whose captions are bare
blocks, a timeline whose items start from a date, a sentence set in a ``<div>`` between paragraphs,
a body in a container whose name trafilatura does not know; and the furniture such formats bring
(slide counters, engagement counters, a credit's label left without its name, closing prompts)."""
from __future__ import annotations

import pytest

from crawler import extract_article

URL = "https://harbour.example/2024/05/story"
PARAGRAPHS = [f"Paragraph {n} of the story explains the harbour plan in plain words for the readers of the coast."
              for n in ("one", "two", "three", "four", "five", "six", "seven", "eight")]
STORY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def _text(body: str, title: str = "Harbour plan") -> str:
    html = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    return extract_article(html, URL).text


CAPTIONS = [
    "Skerry Point lighthouse has stood on its basalt spur since 1859 and has been empty since 1987.",
    "A glazier is replacing all 96 panes of the lantern room by hand, each cut to the original template.",
    "The cast-iron staircase has 142 steps; volunteers spent June scraping off eleven layers of paint.",
]


def test_a_slideshows_bare_captions_are_its_story():
    slides = "".join(f"<li class='slide'><img src='/{n}.jpg' alt=''><div class='slide__counter'>{n} / 3</div>"
                     f"<div class='slide__caption'>{caption}</div></li>" for n, caption in enumerate(CAPTIONS, 1))
    text = _text("<div class='gallery-article'><h1>In pictures: the lighthouse</h1><div class='byline'>Photographs "
                 "and words by <a href='/profile/kit'>Kit Dunmore</a> · <span class='date'>3 October 2024</span>"
                 f"</div><ul class='slideshow'>{slides}</ul></div>", title="In pictures: the lighthouse")
    assert all(caption in text for caption in CAPTIONS)
    lines = text.splitlines()
    assert "1 / 3" not in lines and "·" not in lines and "Photographs and words by" not in lines


def test_a_photo_essays_figure_captions_are_its_story_whatever_the_slides_are_named():
    # trafilatura drops figures and any class holding "slide": the captions' text must survive both
    slides = "".join(
        f"<figure class='gallery-slide' id='slide-{n}'><div class='gallery-slide__media'><img src='/{n}.jpg' alt=''>"
        f"<button class='gallery-slide__expand' aria-label='View fullscreen'>+</button></div>"
        f"<figcaption class='gallery-slide__caption'><span class='gallery-slide__counter'>{n} of 3</span>"
        f"<p class='gallery-slide__text'>{caption}</p><span class='gallery-slide__credit'>Kit Dunmore for Harbour News"
        f"</span></figcaption></figure>" for n, caption in enumerate(CAPTIONS, 1))
    text = _text("<article class='gallery-essay'><h1>Photos: the lighthouse</h1><div class='gallery-essay__body'>"
                 "<p class='gallery-essay__intro'>On the spur at Skerry Point, volunteers are restoring a lighthouse "
                 f"nobody has lived in for decades.</p>{slides}</div></article>", title="Photos: the lighthouse")
    assert all(caption in text for caption in CAPTIONS)
    assert "2 of 3" not in text and "Kit Dunmore for Harbour News" not in text
    assert len(text.splitlines()) > len(CAPTIONS)  # blocks, not the page's text run into one line


def test_a_photo_caption_beside_the_story_is_still_furniture():
    caption = "The harbour master looks over the plans in his office on Tuesday morning, as the tide comes in."
    text = _text(f"<article><h1>Harbour plan</h1><div class='image-caption'>{caption}</div>{STORY}</article>")
    assert caption not in text and PARAGRAPHS[0] in text


@pytest.mark.parametrize("label", [
    "<time datetime='{iso}'>{date}</time>",
    "<span class='date'>{date}</span>",
])
def test_a_timelines_dates_stay(label):
    dates = [("2014-06-17", "17 June 2014"), ("2018-09", "September 2018"), ("2020-03", "March 2020")]
    items = "".join(f"<li>{label.format(iso=iso, date=date)}<h3>Step {n} of the tram</h3><p>{PARAGRAPHS[n]}</p></li>"
                    for n, (iso, date) in enumerate(dates))
    text = _text(f"<article><h1>Harbour plan</h1><p>{PARAGRAPHS[5]}</p><ol class='timeline'>{items}</ol>"
                 f"<p>{PARAGRAPHS[6]}</p></article>")
    assert all(date in text.splitlines() for _, date in dates)


def test_a_posts_date_said_twice_is_no_timeline():
    text = _text("<article><h1>Harbour plan</h1><div class='meta'>| 31. Dezember 2008<br>Dezember 2008</div>"
                 + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>")
    assert "Dezember 2008" not in text


def test_a_sentence_in_a_div_between_paragraphs_stays():
    tip = "Tip: households that already keep roosters have until May 1 to rehome them."
    text = _text(f"<article><h1>Harbour plan</h1>{STORY}<div class='tip'><strong>Tip:</strong> households that "
                 f"already keep roosters have until May 1 to rehome them.</div><p>{PARAGRAPHS[6]}</p></article>")
    assert tip in text


def test_a_widget_heading_in_a_div_is_no_sentence():
    heading = "Recommendations from the Harbour Gazette shop"
    text = _text(f"<article><h1>Harbour plan</h1>{STORY}<div class='box-title'>{heading}</div>"
                 f"<p>{PARAGRAPHS[6]}</p></article>")
    assert heading not in text


def test_headings_and_lists_of_a_body_in_an_unknown_container_stay():
    para = "Sentence {n} tells the reader something new about the company, its owners and its plans for the year."
    body = (f"<p>{para.format(n=1)}</p><p>{para.format(n=2)}</p><h3>Why the owners sold</h3><p>{para.format(n=3)}</p>"
            f"<p>{para.format(n=4)}</p><ul><li>First item about the deal</li><li>Second item about the deal</li></ul>"
            f"<h3>A growing model in the region</h3><p>{para.format(n=5)}</p><p>{para.format(n=6)}</p>")
    text = _text(f"<h1>Sale</h1><div class='printBody'>{body}</div>", title="Sale")
    for part in ("Why the owners sold", "First item about the deal", "A growing model in the region",
                 para.format(n=1), para.format(n=6)):
        assert part in text


@pytest.mark.parametrize("furniture", [
    "2.4K", "214 likes", "1.2K shares",
    "Spotted a mistake? Tell us at corrections@harbour.example.",
    "Want to use this article? Contact our syndication team.",
    "Subscribe now", "Cancel anytime. Terms apply.",
])
def test_counters_and_closing_prompts_are_furniture(furniture):
    text = _text(f"<article><h1>Harbour plan</h1>{STORY}<p>{furniture}</p><p>{PARAGRAPHS[0]} Again.</p></article>")
    assert furniture not in text


def test_an_emoticon_closing_a_post_stays():
    assert "=)" in _text(f"<article><h1>Harbour plan</h1>{STORY}<p>=)</p></article>").splitlines()


@pytest.mark.parametrize("label", ["FOR IMMEDIATE RELEASE", "Manufacturing", "Millbrook at 200"])
def test_a_label_above_the_headline_goes_with_it(label):
    text = _text(f"<article><p class='release-type'>{label}</p><h1>Harbour plan</h1>{STORY}</article>")
    assert label not in text and not text.startswith("Harbour plan")


def test_a_sentence_above_the_headline_stays():
    lead = "The harbour board met on Monday night to settle the plan at last, after years of waiting."
    assert lead in _text(f"<article><p>{lead}</p><h1>Harbour plan</h1>{STORY}</article>")


@pytest.mark.parametrize("furniture", [
    "Nov 3, 2026, 7:15am CST",
    "URL: https://www.harbour.example/2026/11/03/plan",
    "Thanks for reading Harbour Notes! Subscribe for free to receive new posts and support my work.",
])
def test_a_print_views_dateline_and_address_and_a_newsletters_closing_are_furniture(furniture):
    text = _text(f"<article><h1>Harbour plan</h1><p>{furniture}</p>{STORY}<p>{furniture}</p></article>")
    assert furniture not in text


def test_an_accordions_question_in_a_button_stays():
    faq = ("<h3><button aria-expanded='false' aria-controls='a1'>Who needs a permit for the harbour?</button></h3>"
           "<div id='a1'><p>Every boat owner who moors for more than three nights needs one from the harbour office.</p></div>")
    text = _text(f"<article><h1>Harbour plan</h1>{STORY}{faq}</article>")
    assert "Who needs a permit for the harbour?" in text


def test_a_component_librarys_donate_module_is_furniture():
    box = ("<div class='Enhancement'><div class='DonateModule'><p class='DonateModule-title'>Local journalism needs "
           "your support.</p><p>Harbour Radio is funded by listeners like you. <a href='/donate'>Make a gift today</a> "
           "and help keep stories like this free for everyone.</p></div></div>")
    text = _text(f"<article><h1>Harbour plan</h1><div class='RichTextArticleBody'>{STORY}{box}</div></article>")
    assert "Local journalism needs your support" not in text and "Make a gift today" not in text
    assert PARAGRAPHS[-1] in text


def test_a_code_blocks_line_number_gutter_goes():
    numbers = "".join(f"<span class='lnt'>{n}\n</span>" for n in (1, 2, 3))
    lines = "".join(f"<span class='line'><span class='cl'>{line}\n</span></span>" for line in
                    ("rtl_433 -f 868M -F json | \\", "  python3 log_reading.py --db readings.db", "# one row per reading"))
    code = (f"<div class='highlight'><div class='chroma'><table class='lntable'><tr><td class='lntd'><pre class='chroma'>"
            f"<code>{numbers}</code></pre></td><td class='lntd'><pre class='chroma'><code class='language-sh'>{lines}"
            "</code></pre></td></tr></table></div></div>")
    text = _text(f"<article><h1>Harbour plan</h1>{STORY}{code}<p>{PARAGRAPHS[0]} Again.</p></article>")
    assert "python3 log_reading.py --db readings.db" in text
    assert "1 2 3" not in text and "| rtl_433" not in text


def test_a_lazily_loaded_paragraph_in_noscript_stays_and_its_placeholder_goes():
    lazy = "Fish counts have risen steadily since, and brown trout numbers have roughly tripled in a decade."
    text = _text(f"<article><h1>Harbour plan</h1>{STORY}<div class='js-lazy'><p class='placeholder'>Loading the rest "
                 f"of this story…</p><noscript><p>{lazy}</p></noscript></div></article>")
    assert lazy in text and "Loading the rest" not in text


def test_a_noscript_copy_of_text_the_page_shows_stays_out():
    text = _text(f"<article><h1>Harbour plan</h1>{STORY}<noscript><p>{PARAGRAPHS[0]}</p></noscript></article>")
    assert text.count(PARAGRAPHS[0]) == 1


@pytest.mark.parametrize("teaser", [
    "Baca juga: Harga beras naik lagi di pasar induk", "BASAHIN: Presyo ng bigas, tumaas",
    "Xem thêm: Giá vàng hôm nay", "ये भी पढ़ें: दिल्ली में बारिश", "Читайте також: Ціни на хліб",
    "관련 기사", "‹저작권자 ⓒ 한빛일보, 무단 전재 및 재배포 금지›",
])
def test_read_also_teasers_and_copyright_lines_in_more_languages_are_furniture(teaser):
    text = _text(f"<article><h1>Harbour plan</h1>{STORY[:400]}<p>{teaser}</p>{STORY[400:]}</article>")
    assert teaser not in text


def test_more_than_a_sentence_starting_with_more_stays():
    line = "More than a hundred people came to the harbour meeting on Monday night."
    assert line in _text(f"<article><h1>Harbour plan</h1>{STORY}<p>{line}</p></article>")


@pytest.mark.parametrize("box", ["komentar", "kommentare", "reacties", "binh-luan", "yorumlar"])
def test_comment_sections_named_in_other_languages_are_furniture(box):
    comment = "Saya setuju sekali dengan rencana pelabuhan ini, semoga cepat selesai dan bermanfaat."
    text = _text(f"<article><h1>Harbour plan</h1>{STORY}<div class='{box}'><h3>Komentar</h3><p>{comment}</p>"
                 f"<p>{comment} Betul.</p></div></article>")
    assert comment not in text


@pytest.mark.parametrize("closing", [
    "Download the Harbour Daily app for the latest news on your phone.",
    "Join our WhatsApp channel for breaking news from the coast.",
    "Pin this for later!", "Was this page helpful?", "Heeft u gevonden wat u zocht?",
    "Have an opinion? Write a letter to the editor of the Harbour Gazette.",
    "Print this article | Email to a friend", "Drukuj | Wyślij znajomemu",  # a row of the page's controls
])
def test_app_calls_feedback_prompts_and_control_rows_closing_a_story_are_furniture(closing):
    assert closing not in _text(f"<article><h1>Harbour plan</h1>{STORY}<p>{closing}</p></article>")


def test_the_story_after_the_closing_html_tag_is_read():
    html = (f"<!DOCTYPE html><html><head><title>Tribune home</title></head><body><nav><a href='/'>Home</a></nav></body>"
            f"</html>\n<!DOCTYPE html><html><head><title>Harbour plan</title><meta name='author' content='Leah Fontaine'>"
            f"</head><body><article><h1>Harbour plan</h1>{STORY}</article></body></html>")
    record = extract_article(html, URL)
    assert PARAGRAPHS[-1] in record.text and record.authors == ["Leah Fontaine"]


def test_a_dateline_in_chinese_characters_leaves_the_text():
    text = _text(f"<article><h1>Harbour plan</h1><p>2024年5月16日 06時00分</p>{STORY}</article>")
    assert "2024年5月16日" not in text


def test_a_comment_section_titled_with_its_count_is_furniture():
    comment = "badegast62: Endlich eine vernünftige Lösung für unser Bad an der Küste!"
    text = _text(f"<article><h1>Harbour plan</h1>{STORY}<div class='feedback'><h3>Comments (2)</h3><p>{comment}</p>"
                 f"<p>W. Schäfer: Mal sehen, ob das Wasser im August wirklich klar bleibt.</p></div></article>")
    assert comment not in text


def test_inline_code_stays_in_its_sentence():
    text = _text(f"<article><h1>Harbour plan</h1>{STORY}<p>A missing composite index on "
                 f"<code>orders (account_id, created_at)</code>.</p></article>")
    assert "A missing composite index on orders (account_id, created_at)." in text


def test_a_bylines_label_left_above_the_headline_does_not_take_the_headline():
    text = _text(f"<article><p>Gespeichert von human am</p><h2>Make the harbour shine</h2>{STORY}</article>",
                 title="Make the harbour shine")
    assert "Make the harbour shine" in text


_PERSON_BOX = ("<aside class='infobox zur-person'><h3>Zur Person</h3>"
               "<p>Marlene Eschbach, 57, grew up on the coast and trained as a midwife at the university clinic.</p>"
               "<p>She returned to the harbour town in 2003 and worked at the maternity ward until it closed.</p>"
               "<p>By her own count she has helped at more than 2,400 births.</p></aside>")


def test_a_fact_box_in_the_flow_of_the_story_stays() -> None:
    text = _text(f"<article><h1>Harbour plan</h1><div class='body'>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS[:4])}{_PERSON_BOX}"
                 f"<h2>The ward that closed</h2>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS[4:])}</div></article>")
    assert "trained as a midwife at the university clinic" in text and "until it closed" in text
    assert PARAGRAPHS[0] in text and PARAGRAPHS[-1] in text


@pytest.mark.parametrize("box", [
    # links to other stories, a gallery with its pictures, a box that closes the body
    "<aside class='related-coverage'><h3>Related coverage</h3><p><a href='/a'>Harbour board approves the dredging "
    "contract for the outer channel</a></p><p><a href='/b'>Pilots ask for a second survey of the channel markers</a></p></aside>",
    "<aside class='gallery'><h3>The harbour in pictures</h3><p><img src='/1.jpg' alt=''>The outer mole at dawn, seen "
    "from the pilot station on the headland.</p><p><img src='/2.jpg' alt=''>Dredgers at work in the channel during "
    "the spring tides last year.</p></aside>",
])
def test_an_aside_of_links_or_pictures_in_the_story_is_still_furniture(box: str) -> None:
    text = _text(f"<article><h1>Harbour plan</h1><div class='body'>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS[:4])}{box}"
                 f"{''.join(f'<p>{p}</p>' for p in PARAGRAPHS[4:])}</div></article>")
    assert "dredging contract" not in text and "pilot station" not in text
    assert PARAGRAPHS[-1] in text


def _instagram_embed(caption: str) -> str:
    post = "https://www.instagram.com/p/C4qLm82Rvt1/"
    return (f"<blockquote class='instagram-media' data-instgrm-permalink='{post}'><div><a href='{post}'><div></div>"
            "<div>View this post on Instagram</div></a>"
            f"<p><a href='{post}'>{caption}</a></p>"
            f"<p><a href='{post}'>A post shared by Marisol Vantree (@marisolvantree)</a></p></div></blockquote>")


def test_an_embedded_posts_caption_is_quoted_and_its_frame_goes() -> None:
    # Instagram's fallback makes the caption a link to the post: it is the post's text, not a link
    caption = "He asked on the same beach where we first argued about lighthouse keepers. I said yes."
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3]) + _instagram_embed(caption) + \
        "".join(f"<p>{p}</p>" for p in PARAGRAPHS[3:])
    text = _text(f"<article><h1>Harbour plan</h1><div class='body'>{body}</div></article>")
    assert caption in text and PARAGRAPHS[-1] in text
    assert "View this post on Instagram" not in text and "A post shared by" not in text


_STORY_HALF, _STORY_REST = STORY[:STORY.index("<p>Paragraph four")], STORY[STORY.index("<p>Paragraph four"):]


@pytest.mark.parametrize("figure", [
    "<figure class='wp-block-pullquote'><blockquote><p>{}</p><cite>Ina Voss, net mender</cite></blockquote></figure>",
    # a classed quote that is no social network's embed, its speaker in the figure's caption
    "<figure class='post-body__pullquote'><blockquote class='pullquote'><p>{}</p></blockquote>"
    "<figcaption class='pullquote__cite'>Ina Voss, net mender</figcaption></figure>",
])
def test_a_quote_block_set_in_a_figure_stays_with_its_speaker(figure: str) -> None:
    quote = "Every net we mend is a net that is not rotting on the beach, and the talk is the best part."
    figure = figure.format(quote)
    text = _text(f"<article><h1>Harbour plan</h1>{_STORY_HALF}{figure}{_STORY_REST}</article>")
    assert quote in text and "Ina Voss, net mender" in text
    assert all(paragraph in text for paragraph in PARAGRAPHS)


def test_a_pull_quote_that_repeats_the_story_goes() -> None:
    # the pull quote lifts paragraph three, and changes a word of it
    lifted = PARAGRAPHS[2].replace("in plain words", "in simple words")
    figure = f"<figure class='pullquote'><blockquote><p>{lifted}</p></blockquote></figure>"
    text = _text(f"<article><h1>Harbour plan</h1>{_STORY_HALF}{figure}{_STORY_REST}</article>")
    assert lifted not in text and text.count(PARAGRAPHS[2]) == 1


def test_a_callout_cards_text_beside_its_emoji_stays() -> None:
    tip = "If you only take one thing from this plan: book the slipway a week before you need it."
    card = f"<div class='kg-card kg-callout-card'><div class='kg-callout-emoji'>💡</div><div class='kg-callout-text'>{tip}</div></div>"
    story = f"<p>{PARAGRAPHS[0]}</p><ul><li>{PARAGRAPHS[1]}</li><li>{PARAGRAPHS[2]}</li></ul>{card}<h2>The berths</h2>"
    text = _text(f"<article><h1>Harbour plan</h1>{story}{STORY}</article>")
    assert tip in text and "💡" not in text


def test_a_photos_caption_in_a_box_beside_it_is_no_paragraph() -> None:
    caption = "The new pontoon is bolted to the old quay wall, which divers inspected in March."
    box = f"<div class='photo'><a href='/photos/1'><img src='/1.jpg' alt=''></a><div class='photo-caption'>{caption}</div></div>"
    story = f"<p>{PARAGRAPHS[0]}</p><ul><li>{PARAGRAPHS[1]}</li><li>{PARAGRAPHS[2]}</li></ul>{box}<h2>The berths</h2>"
    text = _text(f"<article><h1>Harbour plan</h1>{story}{STORY}</article>")
    assert caption not in text


def _body(before: str = "", middle: str = "", after_heading: str = "") -> str:
    return (f"<article><h1>Harbour plan</h1><div class='body'>{before}{''.join(f'<p>{p}</p>' for p in PARAGRAPHS[:4])}"
            f"{middle}<h2>The new berths</h2>{after_heading}{''.join(f'<p>{p}</p>' for p in PARAGRAPHS[4:])}</div></article>")


def test_a_summary_box_that_opens_the_body_stays() -> None:
    box = ("<aside class='key-takeaways callout'><h2>Key takeaways</h2><ul>"
           "<li>The harbour will get twelve new berths for fishing boats by the spring of next year.</li>"
           "<li>Mooring fees stay as they are for boats registered in the town before January.</li>"
           "<li>The old fish market becomes a covered hall for the Saturday market and the lifeboat crew.</li></ul></aside>")
    text = _text(_body(before=box))
    assert "twelve new berths for fishing boats" in text and "Mooring fees stay as they are" in text
    assert all(paragraph in text for paragraph in PARAGRAPHS)


def test_a_box_of_labelled_facts_between_the_sections_stays_past_an_ad_slot() -> None:
    box = ("<aside class='place-info'><ul><li><strong>Address:</strong> Quay Street 7, Harbourtown</li>"
           "<li><strong>Opening hours:</strong> Wed to Mon 10am to 5.30pm, closed Tuesdays</li>"
           "<li><strong>Price:</strong> Adults 10 euros</li></ul></aside>")
    text = _text(_body(middle=box + "<div class='ad-slot'><span>Advertisement</span></div>"))
    assert "Quay Street 7, Harbourtown" in text and "closed Tuesdays" in text and "Advertisement" not in text


def test_a_warning_marked_as_an_alert_between_the_steps_stays() -> None:
    warning = "Warning: do not moor at the old quay while the divers are working under the pontoon."
    alert = f"<div class='callout callout-warning' role='alert'><p>{warning}</p></div>"
    text = _text(_body(middle=alert))
    assert warning in text


def test_a_sites_alert_banner_is_still_furniture() -> None:
    banner = "<div class='site-alert' role='alert'><span>Storm warning: ferry services are suspended today.</span></div>"
    text = _text(banner + _body())
    assert "Storm warning" not in text


def test_a_recipes_call_to_tag_the_site_goes() -> None:
    call = "Tried this recipe? Tag @harbourkitchen on Instagram so we can see it!"
    text = _text(_body(middle=f"<p>{call}</p>"))
    assert call not in text and all(paragraph in text for paragraph in PARAGRAPHS)


def test_an_affiliate_product_box_goes_and_an_affiliate_link_in_a_sentence_stays() -> None:
    box = ("<div class='affiliate-product'><div class='ap-name'><strong>Harbour tide clock</strong></div>"
           "<p class='ap-blurb'>Shows high and low water for any port on the coast.</p>"
           "<a class='btn-affiliate' rel='sponsored' href='/out/1'>Check price</a></div>")
    sentence = ("<p>Skippers can read the tides off a <a class='affiliate-link' href='/out/2'>brass tide clock</a> "
                "mounted beside the harbour master's door, which the council restored last year.</p>")
    text = _text(_body(middle=box + sentence))
    assert "Shows high and low water" not in text and "Check price" not in text
    assert "read the tides off a brass tide clock mounted beside" in text


def test_a_blogs_tagline_under_its_name_goes() -> None:
    header = ("<header><div class='widget Header'><div class='titlewrapper'><h1 class='title'><a href='/'>Tidewater "
              "Birding Notes</a></h1></div><div class='descriptionwrapper'><p class='description'><span>Field notes, "
              "counts and the occasional rant from the marshes of the lower Tidewater</span></p></div></div></header>")
    post = ("<div class='post hentry'><h3 class='post-title'>Harbour plan</h3><div class='post-body entry-content'>"
            "<div dir='ltr'>" + "<br><br>".join(PARAGRAPHS) + "</div></div></div>")
    text = _text(f"<div class='content'>{header}<div class='main'>{post}</div></div>")
    assert "occasional rant" not in text and all(paragraph in text for paragraph in PARAGRAPHS)


def test_another_storys_headline_set_as_a_paragraph_goes_and_a_linked_section_heading_stays() -> None:
    teaser = "<p><strong><a href='https://harbour.example/2024/04/parking-fees'>Harbour board approves new parking fees at the Dock Street lot</a></strong></p>"
    toc = "<ul class='toc'><li><a href='#berths'>What happens to the old berths next year</a></li></ul>"
    heading = "<h2 id='berths'>What happens to the old berths next year</h2>"
    story = "".join(f"<p>{p} {p}</p>" + (teaser if i == 1 else heading if i == 4 else "") for i, p in enumerate(PARAGRAPHS))
    text = _text(f"<article><h1>Harbour plan</h1>{toc}<div class='body'>{story}</div></article>")
    assert "approves new parking fees" not in text
    assert "What happens to the old berths next year" in text and all(paragraph in text for paragraph in PARAGRAPHS)
