"""Small news sites built with page builders set a story in text modules between the builder's other
modules: an icon box with the newsroom's phone and address (Elementor's icon-box widget, Divi's
blurb), a testimonial. Those modules are no text; the text modules around them are."""
from __future__ import annotations

import pytest

from crawler import extract_article

STORY = [
    "The Millbrook food co-op will open its first grocery store on Main Street in April, after three years of fundraising.",
    "More than 1,400 households bought a member share, enough to cover the down payment on the former hardware store.",
    "The board hired a general manager from a co-op in Vermont, who starts next month and will hire about twenty staff.",
]
MODULE_LINES = ["Call the newsroom at (555) 014-2290, weekdays 9 to 5.", "Send letters to news@ledger.example",
                "The Ledger is the only paper that tells what happens in my town."]


def _text_module(sentence: str) -> str:
    return ("<div class='elementor-element elementor-widget elementor-widget-text-editor'><div class='elementor-widget-container'>"
            f"<p>{sentence}</p></div></div>")


ELEMENTOR_BOX = ("<div class='elementor-element elementor-widget elementor-widget-icon-box'><div class='elementor-widget-container'>"
                 "<div class='elementor-icon-box-wrapper'><div class='elementor-icon-box-content'><h3 class='elementor-icon-box-title'>"
                 "Have a tip?</h3><p class='elementor-icon-box-description'>" + MODULE_LINES[0] + "</p></div></div></div></div>"
                 "<div class='elementor-element elementor-widget elementor-widget-icon-box'><div class='elementor-widget-container'>"
                 "<div class='elementor-icon-box-wrapper'><p class='elementor-icon-box-description'>" + MODULE_LINES[1]
                 + "</p></div></div></div>")
DIVI_BLURB = ("<div class='et_pb_module et_pb_blurb et_pb_blurb_0'><div class='et_pb_blurb_content'><div class='et_pb_blurb_container'>"
              "<h4 class='et_pb_module_header'>Have a tip?</h4><div class='et_pb_blurb_description'><p>" + MODULE_LINES[0]
              + "</p><p>" + MODULE_LINES[1] + "</p></div></div></div></div>")
TESTIMONIAL = f"<div class='testimonial'><p class='testimonial__text'>“{MODULE_LINES[2]}”</p><p>Ruth, reader since 1998</p></div>"


@pytest.mark.parametrize("modules", [ELEMENTOR_BOX, DIVI_BLURB, TESTIMONIAL])
def test_a_builders_contact_box_or_testimonial_between_text_modules_is_no_text(modules):
    body = _text_module(STORY[0]) + _text_module(STORY[1]) + modules + _text_module(STORY[2])
    html = ("<html><head><title>Co-op grocery to open in April</title></head><body><div class='elementor elementor-218'>"
            "<h1 class='elementor-heading-title'>Co-op grocery to open in April</h1>" + body + "</div></body></html>")
    article = extract_article(html, "https://millbrookledger.example/2025/02/co-op-grocery/")
    assert all(sentence in article.text for sentence in STORY)
    assert not any(line in article.text for line in MODULE_LINES)
