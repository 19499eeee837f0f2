"""Text about the page's own controls and furniture that trafilatura keeps as lines of the story: the
stand-in of an embed loaded on click (a consent gate), the instructions of a button, a bar of post
facts run into one line, a prompt to log in before commenting, a newsletter plug in German. Sentences
of a story that merely mention buttons, newsletters or comments stay."""
from __future__ import annotations

import pytest

from crawler import extract_article
from crawler.extraction.textfilter import is_boilerplate_line

PARAGRAPHS = [
    "The ferry between the two harbour towns will run every forty minutes from May, the operator said on Tuesday after the council approved a new landing stage.",
    "Commuters had asked for a later last crossing for years; the new timetable adds one at eleven at night on weekdays and keeps the Sunday service as it is.",
    "The operator expects the extra crossings to pay for themselves within two summers, helped by the cyclists who now take the coast path between the towns.",
]


@pytest.mark.parametrize("line", [
    "Klicken Sie auf den unteren Button, um den Inhalt von maps.example.net zu laden.",
    "Mit dem Laden des Videos akzeptieren Sie die Datenschutzerklärung von VideoHost.",
    "Click the button below to load the content from maps.example.net.",
    "By loading the video, you agree to VideoHost's privacy policy.",
    "Mit diesem Button kannst Du diese Folge zu deiner Merkliste hinzufügen. Dazu musst Du Dich einloggen:",
    "With this button you can add the episode to your playlist:",
    "View this post on Instagram",  # the link an embedded post shows until its script loads
    "Sieh dir diesen Beitrag auf Instagram an",
    "Voir cette publication sur Instagram",
    "Read more",  # a teaser card's link, alone on its line
    "Mehr lesen...",
    "weiterlesen →",
    "Seguir leyendo:",
    "Loading...",  # what a widget shows until its script fills it
])
def test_the_stand_in_of_an_embed_and_a_buttons_instructions_are_dropped(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", [
    "March 3, 2021 at 10:15 AM | categories: Ferries, Harbour | View Comments",
    "12.05.2021 · Kategorien: Verkehr · 3 Kommentare",
])
def test_a_bar_of_post_facts_is_dropped(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", [
    "Du musst eingeloggt sein um Kommentare zu schreiben! Oder noch gar nicht registriert?",
    "Sie müssen angemeldet sein, um einen Kommentar zu verfassen.",
    "You must be logged in to post a comment.",
])
def test_a_prompt_to_log_in_before_commenting_is_dropped(line: str) -> None:
    assert is_boilerplate_line(line)


def test_a_newsletter_plug_in_german_is_dropped() -> None:
    assert is_boilerplate_line("Sie möchten wöchentliche Neuerscheinungen? Schauen Sie mal in unseren Musiknewsletter!")
    assert is_boilerplate_line("Melden Sie sich für unseren kostenlosen Newsletter an.")


@pytest.mark.parametrize("line", [
    "Press the red button on the dashboard and the ferry's ramp comes down in about a minute, the skipper said.",
    "Wer den Knopf drückt, hält die Fähre an: Der Button am Steg wurde im Winter erneuert.",
    "The mayor | a former ferry captain | said the timetable was overdue.",
    "The council described the plan in its newsletter last spring, and few residents replied.",
    "Readers left more than two hundred comments under last week's story about the landing stage.",
    "View this post on Instagram and you will see the skipper's reply to the council, posted the same evening.",
    "Read more about the landing stage in the council's minutes, which are published on Fridays.",
    "Laden",  # German for a shop: a heading of a story about the high street
])
def test_sentences_about_buttons_newsletters_and_comments_stay(line: str) -> None:
    assert not is_boilerplate_line(line)


def test_an_article_loses_its_consent_stand_in_and_keeps_its_paragraphs() -> None:
    gate = ('<div class="consent-gate"><p>Klicken Sie auf den unteren Button, um den Inhalt von '
            'maps.example.net zu laden.</p><a class="button" href="#">Inhalt laden</a></div>')
    html = ("<html><head><title>Ferry timetable</title></head><body><article><h1>Ferry timetable</h1>"
            f"<p>{PARAGRAPHS[0]}</p>{gate}<p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p>"
            "<p>March 3, 2021 at 10:15 AM | categories: Ferries, Harbour | View Comments</p></article></body></html>")
    text = extract_article(html, url="https://harbour.example.org/ferry").text
    assert "Button" not in text and "categories" not in text
    assert all(paragraph in text for paragraph in PARAGRAPHS)
