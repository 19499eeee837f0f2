"""Pages behind or beside a wall: the paragraphs a metered page serves are the text, the subscription's
offer box after them is not; a video player's regional block above a complete report is not text."""
from __future__ import annotations

from crawler import extract_article

STORY = [
    "The city council postponed a vote Tuesday on replacing the water main under Riverside Drive after the bids came in high.",
    "Public Works Director Alan Brisco told council members that the three sealed bids ranged from $11.8 million to $13.2 million.",
    "Council member Rosa Villanueva said residents of the eight-block stretch have lived through fourteen main breaks since 2019.",
]


def _page(box: str) -> str:
    paragraphs = "".join(f"<p>{sentence}</p>" for sentence in STORY)
    return ("<html><head><title>Council delays water main vote</title></head><body><article><h1>Council delays water"
            " main vote</h1><div class='asset-body' id='article-body'>" + paragraphs + box + "</div></article></body></html>")


def test_a_subscriptions_offer_after_the_served_paragraphs_is_no_text() -> None:
    offer = (
        "<div class='subscription-required' id='piano-inline-offer'><div class='tp-container-inner'>"
        "<p class='offer-price'>$1 for 6 months</p><ul class='offer-benefits'><li>Unlimited access to ledger.example and"
        " our app</li><li>The daily e-Edition, a digital replica of the printed paper</li></ul>"
        "<p class='print-link'>Print subscriber? <a href='/activate'>Activate your digital access</a></p></div></div>"
    )
    article = extract_article(_page(offer), "https://ledger.example/news/local/water-main-vote")
    assert all(sentence in article.text for sentence in STORY)
    for line in ("$1 for 6 months", "Unlimited access", "digital replica", "Activate your digital access"):
        assert line not in article.text


def test_the_offers_lines_are_no_text_in_a_box_of_any_name() -> None:
    offer = ("<div class='box'><p>$1 for 6 months</p><p>Unlimited access to ledger.example and our app</p>"
             "<p>Print subscriber? Activate your digital access</p></div>")
    article = extract_article(_page(offer), "https://ledger.example/news/local/water-main-vote")
    assert all(sentence in article.text for sentence in STORY)
    for line in ("$1 for 6 months", "Unlimited access", "Activate your digital access"):
        assert line not in article.text


def test_a_video_players_regional_block_is_no_text() -> None:
    player = (
        "<div class='video-player video-player--geoblocked'><p class='video-player__title'>Video: the council meeting"
        " in full, with the public comments</p><div class='video-player__geoblock'><p>Este contenido no está disponible"
        " en tu región</p><p>Por restricciones de derechos de transmisión, este video solo puede verse desde Argentina.</p>"
        "</div></div>"
    )
    html = _page("").replace("<div class='asset-body' id='article-body'>", "<div class='asset-body' id='article-body'>" + player)
    article = extract_article(html, "https://ledger.example/news/local/water-main-vote")
    assert all(sentence in article.text for sentence in STORY)
    assert "no está disponible" not in article.text and "restricciones" not in article.text
    assert "public comments" not in article.text
