"""A list of links the text announces ("Our picks:") and that leads to other sites is the article's
(the products or sources it names); a list of the site's own stories stays furniture, announced or not."""
from __future__ import annotations

from crawler import extract_article

PAGE_URL = "https://gadgets.example/deals/weekend-deals/"
STORY = (
    "<p>Several shops have cut their prices for the weekend, and we collected the offers that are worth "
    "a look for anyone who wants to start with virtual reality on a small budget this winter.</p>"
    "<p>The headset bundle with two games is the cheapest way in, and the shop also lowers the price of the "
    "camera it needs, so the whole set costs less than the headset alone did in the summer.</p>"
)


def _page(intro: str, links: list[tuple[str, str]], closing: str = "") -> str:
    items = "".join(f"<li><a href='{href}'>{label}</a></li>" for href, label in links)
    return (
        "<html><head><title>Weekend deals</title></head><body><article><h1>Weekend deals</h1>"
        f"{STORY}<p>{intro}</p><ul>{items}</ul>{closing}"
        "<p>Prices were checked on Saturday morning and may have changed since then; the shops decide "
        "how long each offer lasts and some of them sell out within hours.</p>"
        "</article></body></html>"
    )


PICKS = [
    ("https://shop-one.example/item/armada-novel", "A novel about a gamer who saves the earth"),
    ("https://shop-two.example/p/handheld-console", "A console for the sofa and for the train"),
    ("https://short.example/3xYz", "A small toy robot that learns its owner's face"),
]


def test_a_list_of_products_on_other_sites_that_the_text_announces_is_kept() -> None:
    text = extract_article(_page("The editors' own favourites:", PICKS), PAGE_URL).text
    for _href, label in PICKS:
        assert label in text


def test_the_same_list_unannounced_or_on_the_site_itself_stays_out() -> None:
    unannounced = extract_article(_page("Prices at a glance.", PICKS), PAGE_URL).text
    assert not any(label in unannounced for _href, label in PICKS)
    own_stories = [
        ("/reviews/headset-test/", "Our long test of the new headset"),
        ("https://gadgets.example/news/console-sales/", "Console sales rose again in the autumn"),
        ("/guides/first-steps/", "First steps in virtual reality for beginners"),
    ]
    related = extract_article(_page("Also interesting:", own_stories), PAGE_URL).text
    assert not any(label in related for _href, label in own_stories)


def test_a_widget_title_ending_in_a_colon_still_marks_a_widget() -> None:
    text = extract_article(_page("Read more:", PICKS), PAGE_URL).text
    assert not any(label in text for _href, label in PICKS)
