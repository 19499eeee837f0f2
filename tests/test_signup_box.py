"""A sign-up or donation box inside the article's container, with no furniture name on its wrapper:
the heading and the line of pitch around a form that asks for an e-mail address go with the form,
and so does a page builder's promotion module ("et_pb_promo", "cta")."""
from __future__ import annotations

import pytest

from crawler import extract_article

PARAGRAPHS = [f"Paragraph {n} of the ferry story explains the harbour plan in plain words for the readers of the coast."
              for n in ("one", "two", "three", "four", "five", "six")]


def _text(box: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3]) + box + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[3:])
    html = (f"<html><head><title>Ferry plan</title></head><body><article><h1>Ferry plan</h1>"
            f"<div class='entry-content'>{body}</div></article></body></html>")
    return extract_article(html, "https://harbour.example/2024/05/ferry-plan").text


@pytest.mark.parametrize("box", [
    "<div class='wp-block-group has-background'><div class='wp-block-group__inner-container'><h3>Get our weekend "
    "picks</h3><p>Every Thursday we send a short list of the best things to do. No spam, ever.</p><form>"
    "<input type='email'><button>Subscribe</button></form></div></div>",
    "<div class='et_pb_module et_pb_promo'><h2>Support local journalism</h2><p>We are a nonprofit newsroom. Your "
    "gift keeps stories like this free.</p><a class='et_pb_button' href='/donate/'>Donate today</a></div>",
    "<section class='cta'><h3>Before you go</h3><p>Tell us what you think of the new ferry timetable.</p>"
    "<a href='/survey'>Take the survey</a></section>",
])
def test_the_box_goes_with_its_heading_and_pitch(box):
    assert _text(box).split("\n\n") == PARAGRAPHS


def test_a_search_form_does_not_take_its_surroundings():
    box = ("<div class='note'><p>The council publishes every decision on the harbour in its register.</p><form>"
           "<input type='search'><button>Search</button></form></div>")
    assert "publishes every decision" in _text(box)
