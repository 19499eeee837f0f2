"""Product reviews and buying guides: the shop's boxes between the paragraphs (a price comparison, a
price history, retailers' offers, buy buttons, the affiliate's disclosure) are no text, while the
review's own words are; and a template that wraps every block of the story in a <div> of its own
keeps the short paragraphs that close the review."""
from __future__ import annotations

from crawler import extract_article

REVIEW = [
    "The Klarwerk R8 Pro is the first robot vacuum we have tested that empties, washes and dries itself without complaint.",
    "Its lidar map was ready after a single run through our test flat, and it never got stuck on the rug fringes.",
    "Suction is strong enough for the hall carpet, though the side brush still flings grit across the kitchen tiles.",
    "At this price the mopping station is the reason to buy it, and the app finally lets you name every room.",
]
SHOP_LINES = ["Preisvergleich: Klarwerk R8 Pro", "Alle 14 Angebote anzeigen", "Lowest price: $749 (Nov 29, 2024)",
              "Set a price alert", "Comparer les prix", "Voir toutes les offres"]


def _page(between: str) -> str:
    paragraphs = [f"<p>{sentence}</p>" for sentence in REVIEW]
    return (
        "<html><head><title>Klarwerk R8 Pro im Test</title></head><body><article><h1>Klarwerk R8 Pro im Test</h1>"
        "<div class='article__body'>" + paragraphs[0] + paragraphs[1] + between + paragraphs[2] + paragraphs[3]
        + "</div></article></body></html>"
    )


def test_a_price_comparison_a_price_history_and_offers_are_no_text() -> None:
    boxes = (
        "<div class='c-pricecompare'><p class='c-pricecompare__title'>Preisvergleich: Klarwerk R8 Pro</p>"
        "<table><tr><td>Elektrowelt</td><td>649,00 €</td></tr><tr><td>Haushaltsprofi</td><td>659,00 €</td></tr></table>"
        "<a class='c-pricecompare__more' href='/preise/r8'>Alle 14 Angebote anzeigen</a></div>"
        "<div class='hj-pricehistory'><ul class='hj-pricehistory__stats'><li>Lowest price: $749 (Nov 29, 2024)</li>"
        "<li>Average over the last ninety days of tracking: $812</li></ul><a href='/alert'>Set a price alert</a></div>"
        "<div class='ln-offers'><p class='ln-offers__title'>Comparer les prix</p><p>Boutique Audio 249 € — Son Direct 259 €"
        " — Maison du Casque 265 €</p><a href='/offres'>Voir toutes les offres</a></div>"
    )
    article = extract_article(_page(boxes), "https://pruefwerk.example/test/klarwerk-r8-pro")
    assert all(sentence in article.text for sentence in REVIEW)
    assert not any(line in article.text for line in SHOP_LINES)
    assert "Haushaltsprofi" not in article.text and "Son Direct" not in article.text


def test_buy_buttons_and_the_affiliates_notes_are_no_text_whatever_their_box_is_called() -> None:
    card = (
        "<div class='card'><p><b>Klarwerk R8 Pro</b></p><p>$649 $799 Save $150</p>"
        "<p><a href='https://shop.example/r8?tag=pw-20'>$649 at Amazon</a></p>"
        "<p><a href='https://store.example/r8'>Buy from $659 at Best Buy</a></p>"
        "<p>Price may vary. Deals are selected by our commerce team.</p>"
        "<p>As an Amazon Associate, Pruefwerk earns from qualifying purchases.</p>"
        "<p>In qualità di Affiliato Amazon, Pruefwerk riceve un guadagno dagli acquisti idonei.</p></div>"
    )
    article = extract_article(_page(card), "https://pruefwerk.example/test/klarwerk-r8-pro")
    assert all(sentence in article.text for sentence in REVIEW)
    for line in ("at Amazon", "at Best Buy", "Price may vary", "Amazon Associate", "Affiliato Amazon"):
        assert line not in article.text


def test_a_price_in_a_sentence_of_the_story_stays() -> None:
    sentences = ["The farmhouse on Mill Road sold for $429,000 at auction last week.",
                 "Amazon said it would hire 500 associates as an Amazon associate program grows in the county."]
    article = extract_article(_page("".join(f"<p>{s}</p>" for s in sentences)), "https://pruefwerk.example/news/mill-road")
    assert all(sentence in article.text for sentence in sentences)


def test_a_story_wrapped_block_by_block_keeps_its_short_closing_paragraphs() -> None:
    long_blocks = [
        "For most of the last decade, Kestrel has sold tablets the way airlines sell seats: a low price up front and "
        "a long list of extras that turn the cheap ticket into an expensive one before you board.",
        "The $449 Tab 11 is not a laptop replacement, and Kestrel has finally stopped pretending it is one. That "
        "honesty makes it the best tablet the company has made, and the easiest one to recommend to most people.",
        "The headline upgrade is the display. The Tab 11 uses an 11-inch panel with a 120Hz refresh rate and a peak "
        "brightness high enough to read on a sunny porch, which its predecessor never managed in our testing.",
        "Battery life is excellent. With the screen at about sixty percent brightness I consistently got two full "
        "days of reading, video in the evening, some email and a couple of calls before it asked for the charger.",
    ]
    closing = ["Kestrel says it is evaluating longer support windows.", "So, should you buy the Kestrel Tab 11?",
               "Just go in knowing what you are paying for."]

    def block(inner: str) -> str:
        return f"<div class='article-body-component'>{inner}</div>"

    body = "".join(block(f"<p>{text}</p>") for text in long_blocks[:2])
    body += "<div class='ad-slot'><div class='ad-label'>Advertisement</div></div>"
    body += "".join(block(f"<p>{text}</p>") for text in long_blocks[2:])
    body += block(f"<p>{closing[0]}</p>") + block(f"<h2>{closing[1]}</h2>") + block(f"<p>{closing[2]}</p>")
    html = ("<html><head><title>Kestrel Tab 11 review</title></head><body><main><article><h1>Kestrel Tab 11 review</h1>"
            "<div class='entry-body-container'>" + body + "</div></article></main>"
            "<footer><p>Signalstack is a publication of an invented media group. All rights reserved.</p></footer></body></html>")
    article = extract_article(html, "https://signalstack.example/reviews/kestrel-tab-11")
    assert all(text in article.text for text in long_blocks + closing)
