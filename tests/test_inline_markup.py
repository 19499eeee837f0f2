"""Markup inside running text that trafilatura removes with the words it wraps, and marks no reader
sees: a <time> in a sentence or a list item gives its words to the text; a post embedded in a
<figure> stays a quote; screen-reader labels ("opens in new window") and invisible formatting
characters (word joiner, direction marks) are no words."""
from __future__ import annotations

from crawler import extract_article

OPENING = ("The harbour board met on Tuesday evening to discuss the future of the old pilot station, which has been "
           "closed to the public since the storm damage of last winter.")
CLOSING = ("A final decision is expected at the next meeting of the board, which is scheduled for the middle of July, "
           "after a public consultation closes.")


def _text(middle: str) -> str:
    html = ("<html><head><title>Pilot station</title></head><body><main><article><h1>Pilot station</h1>"
            f"<div class='article-body'><p>{OPENING}</p>{middle}<p>{CLOSING}</p></div></article></main></body></html>")
    return extract_article(html, "https://harbour.example/2024/05/pilot-station").text


def test_a_date_in_a_sentence_keeps_its_words():
    text = _text("<p>The consultation opens on <time datetime='2024-06-06'>6 June</time> and runs for six weeks, the "
                 "board said.</p>")
    assert "The consultation opens on 6 June and runs for six weeks, the board said." in text


def test_a_timelines_dates_stay():
    items = [("2 February", "Survey of the roof completed."), ("15 March", "Grant application submitted.")]
    text = _text("<ul>" + "".join(f"<li><time>{d}</time> — {e}</li>" for d, e in items) + "</ul>")
    assert all(f"{d} — {e}" in text for d, e in items)


def test_a_post_embedded_in_a_figure_is_quoted():
    post = "The pilot station roof is finally getting fixed. Good news for the whole harbour."
    text = _text(f"<figure class='wp-block-embed is-provider-twitter'><div class='wp-block-embed__wrapper'>"
                 f"<blockquote class='twitter-tweet'><p lang='en'>{post}</p>&mdash; Harbour Trust (@HarbourTrust) "
                 "<a href='https://twitter.com/x/status/1'>May 14, 2024</a></blockquote></div></figure>")
    assert post in text


def test_screen_reader_labels_and_invisible_marks_are_no_words():
    text = _text("<p>The plans are on the <a href='https://trust.example/'>trust website<span class='visuallyhidden'> "
                 "(opens in new window)</span></a> and the <a href='https://council.example/'>council portal<span "
                 "class='govuk-visually-hidden'> - external link</span></a>, a spokes\u2060woman said \u200eon Monday.</p>")
    assert "The plans are on the trust website and the council portal, a spokeswoman said on Monday." in text


def test_the_paragraphs_a_read_more_button_folds_away_are_text():
    folded = ("Investigators have not ruled out arson; a section of the perimeter fencing had been cut, the fire "
              "officer said on Tuesday.")
    text = _text(f"<div class='read-more-wrapper'><button aria-expanded='false' aria-controls='rest'>Read more</button>"
                 f"<div id='rest' class='story-rest collapsed' aria-hidden='true' style='display:none'><p>{folded}</p>"
                 "</div></div>")
    assert folded in text


def test_a_hidden_box_away_from_the_story_stays_hidden():
    hidden = ("This paragraph belongs to a hidden mobile menu panel and repeats nothing the reader of the story "
              "would want to keep.")
    html = ("<html><head><title>Pilot station</title></head><body><div class='menu-panel' style='display:none'>"
            f"<p>{hidden}</p></div><main><article><h1>Pilot station</h1><div class='article-body'><p>{OPENING}</p>"
            f"<p>{CLOSING}</p></div></article></main></body></html>")
    assert hidden not in extract_article(html, "https://harbour.example/2024/05/pilot-station").text
