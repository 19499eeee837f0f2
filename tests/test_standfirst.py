"""The standfirst leads the text when the page shows its declared description and the body lacks it;
a one-sentence dek, a truncated description or one that only JSON-LD holds is not added."""
from __future__ import annotations

import pytest

from crawler import extract_article
from crawler.extraction.standfirst import missing_standfirst

LEAD = "Die Reederei ersetzt ihr ältestes Schiff früher als geplant. Ab April soll eine neue Fähre die Inseln anlaufen."
BODY = ["Das neue Schiff bietet Platz für 400 Fahrgäste und 60 Autos, etwa ein Drittel mehr als bisher."]
PAGE = f"Startseite Region Neue Fähre {LEAD} Von Jonas Feddersen {BODY[0]}"


def test_a_shown_two_sentence_description_missing_from_the_text_is_the_standfirst() -> None:
    assert missing_standfirst(LEAD, BODY, PAGE, []) == LEAD


def test_a_text_that_holds_it_already_gets_nothing() -> None:
    assert missing_standfirst(LEAD, [LEAD] + BODY, PAGE, []) is None


def test_a_one_sentence_dek_stays_metadata() -> None:
    dek = "The government has unveiled a plan to help the solar industry cut its costs by a third"
    assert missing_standfirst(dek, BODY, f"Headline {dek} {BODY[0]}", []) is None


def test_a_description_only_json_ld_holds_is_not_shown() -> None:
    json_ld = f'{{"@type": "NewsArticle", "description": "{LEAD}"}}'
    page = f"Startseite {json_ld} {BODY[0]}"
    assert missing_standfirst(LEAD, BODY, page, [json_ld]) is None


def test_a_truncated_description_is_not_added() -> None:
    cut = LEAD[:80] + "..."
    assert missing_standfirst(cut, BODY, f"{cut} {BODY[0]}", []) is None


_LEAD_TEXT = ("Das Hallenbad am Schillerpark wird ab dem 5. Mai umfassend saniert. Nach den Arbeiten soll es im "
              "Sommer 2026 wieder öffnen.")
_BODY_PARAGRAPHS = "".join(
    f"<p>Der Gemeinderat hat die Vergabe der Bauleistungen beschlossen, Abschnitt {n}, und die Kosten liegen bei "
    f"rund acht Millionen Euro, wie die Stadt am Dienstag mitteilte.</p>" for n in range(4))


def _page(article: str) -> str:
    return (f"<html><head><title>Sanierung des Hallenbads</title></head><body><nav><a href='/'>Start</a></nav>"
            f"<article>{article}</article><footer><p>Stadt Lindenfeld</p></footer></body></html>")


def _text(article: str) -> str:
    return extract_article(_page(article), "https://lindenfeld.example/presse/hallenbad").text


def test_a_teaser_classed_lead_inside_the_body_opens_the_text() -> None:
    """trafilatura drops paragraphs classed "teaser"; the first one under the headline is the story's lead."""
    text = _text(f"<h1>Sanierung des Hallenbads</h1><div class='pm-text'><p class='teaser'><strong>{_LEAD_TEXT}"
                 f"</strong></p>{_BODY_PARAGRAPHS}</div>")
    assert text.startswith(_LEAD_TEXT), text


def test_a_lead_beside_the_body_container_opens_the_text() -> None:
    text = _text(f"<h1>Sanierung des Hallenbads</h1><p class='article-lead'>{_LEAD_TEXT}</p>"
                 f"<figure><img src='/b.jpg'><figcaption>Das Bad im Winter.</figcaption></figure>"
                 f"<div class='article-body'>{_BODY_PARAGRAPHS}</div>")
    assert text.startswith(_LEAD_TEXT), text


@pytest.mark.parametrize("excerpt", [
    "<p class='teaser'>{}</p>",
    "<div class='teaser-text'><p>{}</p></div>",  # (a wrapper that names its paragraph)
])
def test_a_teaser_cards_excerpt_and_a_one_sentence_dek_are_not_leads(excerpt: str) -> None:
    teaser = excerpt.format("Das Freibad öffnet in diesem Jahr schon am 1. Mai. Die Preise bleiben gleich.")
    card = f"<div class='card'><h3><a href='/presse/freibad'>Freibad öffnet früher</a></h3>{teaser}</div>"
    dek = "<p class='summary'>Die Stadt saniert das Hallenbad am Schillerpark für acht Millionen Euro.</p>"
    text = _text(f"<h1>Sanierung des Hallenbads</h1>{card}{dek}<div class='article-body'>{_BODY_PARAGRAPHS}</div>")
    assert "Freibad öffnet in diesem Jahr" not in text and "für acht Millionen Euro." not in text, text
    assert "Abschnitt 3" in text


def test_a_lead_in_a_wrapper_named_as_the_teaser_opens_the_text() -> None:
    """A CMS's news extension sets the lead in a wrapper of its own (``<div class="teaser-text">``,
    the paragraph unnamed) between the dateline and the picture: its class names the paragraph."""
    text = _text(f"<h1>Sanierung des Hallenbads</h1><div class='footer'><p><time>12.03.2026</time> Pressemitteilung"
                 f"</p></div><div class='teaser-text' itemprop='description'><p>{_LEAD_TEXT}</p></div>"
                 f"<figure><img src='/b.jpg'><figcaption>Das Bad im Winter.</figcaption></figure>"
                 f"<div class='news-text-wrap'>{_BODY_PARAGRAPHS}</div>")
    assert text.startswith(_LEAD_TEXT), text
