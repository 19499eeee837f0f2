"""Standard disclosures and disclaimers around a story are no text: affiliate disclosures in their
usual wordings, "not investment advice", delayed market data, "ersetzt keine ärztliche Beratung",
a science wire's editing note; a box of shop links titled "Best deals today" goes with its title."""
from __future__ import annotations

import pytest

from crawler import extract_article
from crawler.extraction.textfilter import is_boilerplate_line


@pytest.mark.parametrize("line", [
    "Vox Media may earn a commission when you buy something through our links.",
    "We may earn an affiliate commission when you buy through links on our site.",
    "Links mit * sind Affiliate-Links. Kaufst du darüber ein, erhalten wir eine kleine Provision.",
    "This article is not investment advice.",
    "This content does not constitute investment advice.",
    "Markets data delayed by at least 15 minutes.",
    "Dieser Artikel stellt keine Anlageberatung dar.",
    "Dieser Text ersetzt keine ärztliche Beratung.",
    "Note: Content may be edited for style and length.",
])
def test_a_disclosure_or_disclaimer_line_goes(line):
    assert is_boilerplate_line(line)


def test_a_sentence_about_advice_stays():
    assert not is_boilerplate_line("The minister said the figures are not investment advice for anyone and the bank agreed.")


def test_a_box_of_shop_links_goes_with_its_title():
    paragraphs = [f"Paragraph {n} of the review says what the harbour camera does well and what it does badly."
                  for n in ("one", "two", "three", "four")]
    shops = "".join(f"<li><a href='https://shop{n}.example/cam'>Shop {n}: $299</a></li>" for n in range(3))
    body = "".join(f"<p>{p}</p>" for p in paragraphs) + f"<h3>Best deals today</h3><ul>{shops}</ul>"
    html = f"<html><head><title>Camera review</title></head><body><article><h1>Camera review</h1>{body}</article></body></html>"
    assert extract_article(html, "https://reviews.example/2024/camera").text.split("\n\n") == paragraphs
