"""A press release's closing is no text: its end mark ("###", "-30-") and all that follows, the
paragraph about its issuer ("About Acme Corp", "Über die Acme GmbH") and the press contact; a news
story's last section "About the study" stays."""
from __future__ import annotations

import pytest

from crawler import extract_article

PARAGRAPHS = [
    "Corvane Systems today opened its first battery recycling plant, which will recover lithium and cobalt.",
    "The plant employs 240 people and is expected to reach full capacity by the end of next year.",
    "The company said the plant would process batteries from cars, scooters and home storage systems.",
]


def _text(closing: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + closing
    html = f"<html><head><title>Plant opens</title></head><body><article><h1>Plant opens</h1>{body}</article></body></html>"
    return extract_article(html, "https://corvane.example/press/plant-opens").text


@pytest.mark.parametrize("closing", [
    "<p>###</p><p><strong>About Corvane Systems</strong></p><p>Corvane Systems is a global provider of energy "
    "storage technology with more than 9,000 employees in 14 countries.</p>",
    "<h3>Über die Corvane Systems GmbH</h3><p>Die Corvane Systems GmbH ist ein Hersteller von Speichertechnik mit "
    "Sitz in Stuttgart.</p><h3>Pressekontakt</h3><p>Julia Hammerschmidt<br>E-Mail: presse@corvane.example</p>",
    "<h3>Media contact</h3><p>Tom Okafor, Press Officer<br>Tel: +44 1632 960 412</p>",
    # the issuer's boilerplate and legal statements before the end mark, a legal form ending in a dot
    "<p><strong>About Corvane Systems, Inc.</strong><br>Founded in 1958, Corvane Systems, Inc. makes storage "
    "systems for homes and small firms.</p><p><strong>Forward-Looking Statements</strong><br>This release contains "
    "forward-looking statements that are subject to risks and uncertainties.</p><p>Media contact: "
    "press@corvane.example</p><p>###</p><p>SOURCE Corvane Systems, Inc.</p>",
    # a contact box under a bare title, with an address to write to or a number to call
    "<h3>Kontakt</h3><p>Pressestelle<br>Ministerium für Umwelt<br>Pressesprecherin: Dr. Silke Brandt<br>"
    "E-Mail: presse@umwelt.example</p>",
    # one closing line that is only the press office's address and number
    "<p>Gabinete de Prensa del Ayuntamiento · prensa@ayuntamiento.example · Tel. 965 55 40 10</p>",
    # a press portal's closing: the contact under "Rückfragen bitte an:", the portal's credit line
    "<p>Rückfragen bitte an:</p><p>Polizeipräsidium Nordpfalz<br>Pressestelle<br>E-Mail: pressestelle@pp.example</p>"
    "<p>Original-Content von: Polizeipräsidium Nordpfalz, übermittelt durch PresseNetz</p>",
])
def test_the_press_releases_closing_goes(closing):
    assert _text(closing).split("\n\n") == PARAGRAPHS


def test_a_storys_section_about_its_study_stays():
    closing = ("<h3>About the study</h3><p>The researchers took more than 600 sediment cores from eleven salt "
               "marshes over three years.</p>")
    assert "600 sediment cores" in _text(closing)


@pytest.mark.parametrize("closing", [
    "<p>The council's statement, sent from press@council.example with a number, Tel. 0431 555 2140, named no cost.</p>",
    "<h3>Contact</h3><p>The film, a story of first contact with a distant world, premieres in March.</p>",
])
def test_a_storys_own_closing_with_an_address_or_a_contact_title_stays(closing):
    text = _text(closing)
    assert "named no cost" in text or "premieres in March" in text


def test_the_kind_of_item_in_a_lists_author_slot_is_no_author():
    html = ("<html><head><title>Plant opens</title></head><body><article><h1>Plant opens</h1>"
            "<div class='news-list-item'><span class='news-list-author'>Pressemitteilung</span></div>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>")
    assert extract_article(html, "https://corvane.example/press/plant-opens").authors == []
