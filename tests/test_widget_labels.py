"""Widget titles ("Follow us", "Subscribe to our newsletter", "Related posts") remove the widget they
title, but the same words inside a sentence are the sentence's."""
from __future__ import annotations

from crawler import extract_article
from crawler.extraction.cleaning import clean_boilerplate
from crawler.extraction.parsing import parse_html
from crawler.extraction.structure import paragraph_text_map

STORY = (
    "The county's library service reopened its three branches on Saturday after the renovation, "
    "with longer hours on weekdays and a new reading room for children."
)


def _cleaned_text(body: str) -> str:
    tree = parse_html(f"<html><body>{body}</body></html>")
    held, total = paragraph_text_map(tree)
    clean_boilerplate(tree, held, total)
    return " ".join(tree.text_content().split())


def test_a_linked_label_inside_a_sentence_stays() -> None:
    text = _cleaned_text(
        "<p><b>We cover the county's libraries every week. </b><a href='https://social.example/lib'><b>Follow us</b></a>"
        "<b> to stay up to date on the reopening.</b></p>"
        "<p>Readers can also <a href='/newsletter'><strong>subscribe to our newsletter</strong></a> for the weekly listings.</p>"
    )
    assert "Follow us to stay up to date on the reopening." in text
    assert "also subscribe to our newsletter for the weekly listings" in text


def test_a_label_that_stands_alone_still_removes_its_widget() -> None:
    text = _cleaned_text(
        "<p>Body text of the story that stays in place.</p>"
        "<div class='box'><span>Follow us</span><a href='https://a.example'>Facebook</a>"
        "<a href='https://b.example'>Instagram</a></div>"
        "<div class='bar'><a href='#c'><span>5</span><span>Comments</span></a>"
        "<a href='https://share.example'><span>Share</span></a></div>"
    )
    assert "Follow us" not in text and "Facebook" not in text
    assert "Comments" not in text


def test_a_story_keeps_its_sentence_with_a_follow_link() -> None:
    page = (
        "<html><head><title>Libraries reopen</title></head><body><article><h1>Libraries reopen</h1>"
        f"<p>We report on the county every week. <a href='https://social.example/county'><strong>Follow us</strong></a> to stay up to "
        f"date on the libraries.</p><p>{STORY}</p><p>{STORY}</p></article></body></html>"
    )
    assert "Follow us to stay up to date on the libraries." in extract_article(page).text


def test_a_most_read_box_named_for_its_section_goes_with_its_title() -> None:
    text = _cleaned_text(
        f"<article><p>{STORY}</p><div class='rail-box'><h3>MOST READ IN NEWS</h3><ol>"
        "<li><a href='/news/1'>Couple scoop jackpot after using same numbers for thirty years</a></li>"
        "<li><a href='/news/2'>Met Office issues yellow alert as winds batter the coast</a></li>"
        "<li><a href='/news/3'>Pier reopens after two years of repairs to its deck</a></li></ol></div>"
        f"<p>{STORY.replace('Saturday', 'Sunday')}</p></article>"
    )
    assert "Couple scoop jackpot" not in text and "MOST READ" not in text
    assert "reopened its three branches on Sunday" in text
