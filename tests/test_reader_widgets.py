"""What a page shows around a story for its readers to click, which is no part of the story: a
reader poll, the short messages a script reveals ("Thanks for your feedback."), a teaser's
label before the linked headline of another story between the paragraphs ("Lees ook", "Lesen Sie
auch", "Read more" without a colon), a donation box whatever its class is called, an affiliate
disclosure in the reader's language, and a closing call to follow the site on Google News."""
from __future__ import annotations

import pytest

from crawler import extract_article
from crawler.extraction.classnames import names_word

PARAGRAPHS = [
    "The county's ferry between Oosterwijk and the island will run every forty minutes from May, the operator said on Tuesday after the council approved a new landing stage.",
    "Commuters had asked for a later last crossing for years; the new timetable adds one at eleven at night on weekdays and keeps the Sunday service as it is.",
    "The operator expects the extra crossings to pay for themselves within two summers, helped by the cyclists who now take the coast path between the towns.",
    "A second boat, bought from a lake operator in the north, is being refitted at the yard and should join the route before the summer holidays begin.",
]


def _page(between: str = "", after: str = "") -> bytes:
    body = "".join(f"<p>{text}</p>" + (between if index == 1 else "") for index, text in enumerate(PARAGRAPHS))
    return (
        "<html><head><title>Ferry to run every forty minutes</title></head><body>"
        '<header><nav><a href="/">Home</a> <a href="/region/">Region</a></nav></header>'
        f'<main><article><h1>Ferry to run every forty minutes</h1><div class="article-body">{body}</div>{after}'
        "</article></main></body></html>"
    ).encode("utf-8")


def _text(page: bytes) -> str:
    return extract_article(page, url="https://news.example/region/ferry-every-forty-minutes").text


POLL = """
<section class="block block-poll" id="block-poll-recent"><h2>Reader poll</h2><div class="poll">
  <h3 class="poll-question">Should the county buy a third boat for the island ferry route?</h3>
  <dl class="poll-results"><dt>Yes, the route needs it</dt><dd>58%</dd><dt>No, two boats are enough</dt><dd>42%</dd></dl>
  <div class="total">Total votes: 836</div></div></section>"""


def test_a_reader_poll_is_no_part_of_the_story() -> None:
    text = _text(_page(between=POLL))
    assert "Should the county buy a third boat" not in text and "two boats are enough" not in text
    assert PARAGRAPHS[-1] in text


@pytest.mark.parametrize("note", [
    '<p class="helpful__thanks" hidden>Thanks for your feedback.</p>',
    '<div class="copy-toast" hidden="hidden">Link copied to your clipboard</div>',
    '<span class="loader" hidden>Comments are loading...</span>',
])
def test_a_short_hidden_message_is_not_read(note: str) -> None:
    text = _text(_page(between=note))
    assert "feedback" not in text and "clipboard" not in text and "loading" not in text
    assert all(paragraph in text for paragraph in PARAGRAPHS)


def test_hidden_text_a_reader_can_find_or_open_stays() -> None:
    rest = ("The harbour master said the new landing stage would also take the larger boat in winter storms, when the old"
            " pier had to close for days at a time, and that the works would not interrupt the summer timetable. ") * 2
    found = '<p hidden="until-found">The works start in March and end before Easter, the council said.</p>'
    text = _text(_page(between=f'<div class="more" hidden><p>{rest.strip()}</p></div>{found}'))
    assert "the new landing stage would also take the larger boat" in text
    assert "The works start in March and end before Easter" in text


@pytest.mark.parametrize("teaser", [
    '<p class="readmore"><span class="readmore__label">Lees ook</span> <a href="/region/new-bridge-delayed-to-2028">Nieuwe brug pas in 2028 klaar</a></p>',
    '<p><strong>Lesen Sie auch</strong> <a href="/region/bruecke-verzoegert">Neue Brücke erst 2028 fertig</a></p>',
    '<p>Read more <a href="/region/bridge-delayed">New bridge to the island delayed until 2028</a></p>',
    '<div class="inline-teaser"><b>Leggi anche</b><a href="/regione/ponte-in-ritardo">Il nuovo ponte slitta al 2028</a></div>',
])
def test_a_labelled_link_to_another_story_between_paragraphs_goes(teaser: str) -> None:
    text = _text(_page(between=teaser))
    assert "2028" not in text
    assert all(paragraph in text for paragraph in PARAGRAPHS)


@pytest.mark.parametrize(("sentence", "kept"), [
    ('<p>Read more about the timetable in <a href="/region/ferry-timetable-2025">the operator\'s new summer schedule</a>.</p>',
     "the operator's new summer schedule"),
    ('<p>Read more <a href="/region/ferry">about the island ferry</a> in our archive of harbour stories.</p>',
     "in our archive of harbour stories"),
    ('<p>Lees ook <a href="/a">dit</a></p>', "Lees ook dit"),  # (a word, no headline)
])
def test_a_sentence_with_a_link_or_a_link_of_a_word_stays(sentence: str, kept: str) -> None:
    assert kept in _text(_page(between=sentence))


@pytest.mark.parametrize("box", [
    '<div class="fc-donate-inline"><p class="fc-donate-inline__text">The Island Courier is nonprofit and free to read.'
    ' Help keep it that way.</p><a class="fc-donate-inline__btn" href="/donate">Make a gift</a></div>',
    '<div class="encart-don"><h3>Soutenez le journal</h3><p>Avec 30 €, vous financez une semaine de reportages sur les'
    ' îles. Après déduction fiscale, votre don ne vous coûte que 10,20 €.</p></div>',
    '<aside class="spenden-box"><p>Unabhängiger Journalismus kostet Geld: Mit zehn Euro im Monat sichern Sie unsere'
    ' Berichte von den Inseln.</p></aside>',
])
def test_a_donation_box_is_furniture_whatever_its_class_is_called(box: str) -> None:
    text = _text(_page(between=box))
    assert "nonprofit" not in text and "Avec 30" not in text and "zehn Euro" not in text
    assert all(paragraph in text for paragraph in PARAGRAPHS)


def test_a_taxonomy_class_names_the_subject_not_a_donation_box() -> None:
    words = frozenset({"donate", "donation", "donations", "don"})
    assert names_word("fc-donate-inline", words) and names_word("encart-don", words)
    assert not names_word("post category-donations tag-donate", words)
    assert not names_word("donor-story london-desk", words)


@pytest.mark.parametrize("disclosure", [
    "Podemos recibir una comisión por las compras realizadas a través de los enlaces de este artículo.",
    "Nous pouvons percevoir une commission sur les achats effectués via les liens de cet article.",
    "Potremmo ricevere una commissione sugli acquisti fatti tramite i link di questo articolo.",
    "Wenn Sie über diese Links einkaufen, erhalten wir ggf. eine Provision.",
])
def test_an_affiliate_disclosure_is_furniture_in_the_readers_language(disclosure: str) -> None:
    text = _text(_page(between=f"<p><em>{disclosure}</em></p>"))
    assert disclosure not in text and all(paragraph in text for paragraph in PARAGRAPHS)


@pytest.mark.parametrize("call", [
    "Ikuti Warta Pulau di Google News untuk update berita terkini setiap hari.",
    "Follow The Island Courier on Google News for the latest stories.",
])
def test_a_closing_call_to_follow_the_site_on_google_news_goes(call: str) -> None:
    page = _page().replace(b"</div></article>", f"<p>{call}</p></div></article>".encode())  # the body's last line
    text = _text(page)
    assert "Google News" not in text and PARAGRAPHS[-1] in text


def test_a_closing_call_for_tips_goes_and_a_police_appeal_stays() -> None:
    tipline = ("<div class='tipline'><strong>Have information about the ferry?</strong> Send tips and photos to "
               "newsdesk@news.example or text 555-0188.</div>")
    appeal = "<p>Anyone with information about the damaged landing stage is asked to call the harbour police.</p>"
    page = _page().replace(b"</div></article>", f"{appeal}{tipline}</div></article>".encode())
    text = _text(page)
    assert "Send tips and photos" not in text and "Have information about the ferry?" not in text
    assert "Anyone with information about the damaged landing stage" in text


@pytest.mark.parametrize("title", ["Written by Tessa Barnes", "About the author"])
def test_the_authors_card_after_the_story_goes_with_its_bio(title: str) -> None:
    card = (f"<h2>{title}</h2><p>Ferry commuter, occasional data journalist and full-time island resident.</p>"
            "<p>Create a free account to keep reading stories like this.</p>")
    page = _page().replace(b"<h1>", b"<p class='byline'>By Tessa Barnes</p><h1>")
    page = page.replace(b"</div></article>", f"{card}</div></article>".encode())
    article = extract_article(page, url="https://news.example/region/ferry-every-forty-minutes")
    assert article.authors == ["Tessa Barnes"]
    assert title not in article.text and "occasional data journalist" not in article.text
    assert "Create a free account" not in article.text and PARAGRAPHS[-1] in article.text


def test_how_to_reach_the_author_after_the_story_goes() -> None:
    page = _page().replace(b"<h1>", b"<p class='byline'>By Tessa Barnes</p><h1>")
    page = page.replace(b"</div></article>", b"<p>Contact Tessa Barnes at tbarnes@news.example.</p></div></article>")
    text = extract_article(page, url="https://news.example/region/ferry-every-forty-minutes").text
    assert "tbarnes@news.example" not in text and PARAGRAPHS[-1] in text


@pytest.mark.parametrize("wall", [
    "<div class='inline-box'><h3>Registrati gratuitamente per continuare a leggere</h3><p>Hai già un account? "
    "<a href='/login'>Accedi</a></p></div>",
    "<div class='box'><p>Register for free to continue reading.</p><p>Already have an account? <a href='/login'>Sign in</a></p></div>",
    "<div class='regwall'><p>Create your account in less than a minute and read every story of the Courier.</p></div>",
])
def test_a_registration_wall_between_the_paragraphs_goes(wall: str) -> None:
    text = _text(_page(between=wall))
    assert "Registrati" not in text and "Already have an account" not in text and "Create your account" not in text
    assert all(paragraph in text for paragraph in PARAGRAPHS)


def test_an_app_promotion_between_the_paragraphs_goes() -> None:
    text = _text(_page(between="<div class='inline-box app-promo'>Follow the ferry's position live in our free app.</div>"))
    assert "in our free app" not in text and all(paragraph in text for paragraph in PARAGRAPHS)


@pytest.mark.parametrize("box", [
    "<div class='inline-promo'><p>Unlimited local news, puzzles and the digital print edition.</p>"
    "<a class='btn' href='/subscribe'>Subscribe for $1 a week</a></div>",
    # an appeal to the reader, in a box whose name says nothing ("sub" for subscription)
    "<div class='story-sub'><p><strong>Support local journalism.</strong> Unlimited local news from reporters who "
    "have covered every ferry board meeting since 1958. <a href='/subscribe'>Subscribe today</a>.</p></div>",
    "<div class='hinweis'><p>Unterstützen Sie unabhängigen Journalismus: Unlimited local news ab 1 Euro im Monat.</p></div>",
])
def test_a_subscription_promotion_goes(box: str) -> None:
    text = _text(_page(between=box))
    assert "Unlimited local news" not in text and "Subscribe for" not in text
    assert all(paragraph in text for paragraph in PARAGRAPHS)


def test_a_story_about_supporting_journalism_stays() -> None:
    line = "Residents were asked to support local journalism by the council, which buys notices in the weekly."
    text = _text(_page(between=f"<p>{line}</p>"))
    assert line in text


def test_an_e_paper_boxs_title_is_a_widgets() -> None:
    box = ("<div class='td_block_wrap'><h4 class='td-block-title'><span>Download e-paper</span></h4>"
           "<p>Read today's edition on any device.</p></div>")
    text = _text(_page(between=box))
    assert "Download e-paper" not in text and all(paragraph in text for paragraph in PARAGRAPHS)
