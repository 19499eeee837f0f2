"""Listing pages whose teasers are cards of another tag than <article> (``<li class="card">``, search
results in ``<div>``s): a list of headlines with excerpts is no article. A listicle's numbered items,
a site's menu set out as cards, a blog's front page of whole posts and an article with a box of
related cards below it stay articles."""
from __future__ import annotations

import pytest

from crawler import NotAnArticle, extract_article

URL = "https://harbour.example/local/"
BODY = ("The harbour board met on Monday night and agreed the plan for the new ferry terminal, after three "
        "years of consultation with residents, fishermen and the ferry companies that use the port. ")


def _card(tag: str, n: int, excerpt: str = "") -> str:
    text = excerpt or f"Excerpt {n}: the council said the work on the harbour wall would take about {n + 2} weeks."
    return (f"<{tag} class='card'><h3><a href='/news/story-{n}'>Headline number {n} about the harbour works</a></h3>"
            f"<p>{text}</p></{tag}>")


def _page(body: str, title: str = "Local news") -> str:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>"


@pytest.mark.parametrize("wrap, tag", [("ul", "li"), ("div", "div"), ("section", "div")])
def test_a_run_of_teaser_cards_is_a_listing(wrap, tag):
    cards = "".join(_card(tag, n) for n in range(10))
    with pytest.raises(NotAnArticle) as caught:
        extract_article(_page(f"<h1>Local news</h1><p>News from the coast.</p><{wrap} class='list'>{cards}</{wrap}>"), URL)
    assert caught.value.reason == "listing_page"


def test_a_few_related_cards_below_a_story_leave_it_an_article():
    cards = "".join(_card("li", n) for n in range(10))
    story = "".join(f"<p>{BODY}Part {n}.</p>" for n in range(8))
    record = extract_article(_page(f"<article><h1>Ferry plan agreed</h1>{story}</article><ul>{cards}</ul>",
                                   "Ferry plan agreed"), "https://harbour.example/2024/ferry")
    assert "Part 7." in record.text


def test_a_listicles_numbered_items_are_one_story():
    items = "".join(_card("div", n, excerpt=f"{BODY}Item {n}.").replace(">Headline", f">{n}. Headline")
                    for n in range(1, 11))
    record = extract_article(_page(f"<h1>Ten harbour walks</h1><div class='items'>{items}</div>", "Ten harbour walks"),
                             "https://harbour.example/2024/walks")
    assert "Item 10." in record.text


def test_a_menu_set_out_as_cards_makes_no_listing():
    menu = "".join(f"<li><h3><a href='/section-{n}'>Section {n}</a></h3><p>Everything about section {n} of "
                   f"the harbour and its services for residents.</p></li>" for n in range(10))
    story = "".join(f"<p>{BODY}Part {n}.</p>" for n in range(3))
    record = extract_article(_page(f"<div id='navPrimary'><ul>{menu}</ul></div><h1>Ferry plan agreed</h1>"
                                   f"<div>{story}</div>", "Ferry plan agreed"), "https://harbour.example/2024/ferry")
    assert "Part 2." in record.text


def test_a_blogs_front_page_of_whole_posts_reads_as_its_posts():
    posts = "".join(_card("div", n, excerpt=" ".join([BODY] * 5)) for n in range(10))
    record = extract_article(_page(f"<h1>Harbour blog</h1><div class='posts'>{posts}</div>", "Harbour blog"),
                             "https://harbour.example/")
    assert "ferry terminal" in record.text


def test_items_whose_headlines_link_to_other_sites_are_a_listicle():
    items = "".join(f"<div class='venue'><h3><a href='https://venue{n}.example.org/'>The Harbour Venue {n}</a></h3>"
                    f"<p>Excerpt {n}: a place by the water with music on Fridays and a terrace.</p></div>"
                    for n in range(10))
    record = extract_article(_page(f"<h1>Where to hear music</h1><div class='guide'>{items}</div>",
                                   "Where to hear music"), "https://harbour.example/2024/music")
    assert "Excerpt 9: a place by the water" in record.text


def test_posts_whose_headlines_link_to_the_page_itself_are_a_live_blog():
    url = "https://harbour.example/live/storm"
    posts = "".join(f"<div class='post'><h3><a href='/live/storm?post={n}#post-{n}'>Update {n} on the storm</a></h3>"
                    f"<p>Excerpt {n}: the wind reached force {n} on the harbour wall this morning.</p></div>"
                    for n in range(10))
    record = extract_article(_page(f"<h1>Storm live</h1><div class='posts'>{posts}</div>", "Storm live"), url)
    assert "Update 9 on the storm" in record.text


def test_a_ranking_with_its_numbers_in_badges_is_one_story():
    items = "".join(f"<div class='pick'><span class='rank'>{n}</span><h3><a href='/shop/boot-{n}'>Harbour boot "
                    f"{n}</a></h3><p>Excerpt {n}: a sturdy boot for the wet harbour steps.</p></div>" for n in range(1, 11))
    record = extract_article(_page(f"<h1>Ten best boots</h1><div class='picks'>{items}</div>", "Ten best boots"),
                             "https://harbour.example/2024/boots")
    assert "Excerpt 10: a sturdy boot" in record.text


def _related_card(n: int) -> str:
    return (f"<article class='related-card'><h3><a href='/news/story-{n}'>Headline number {n} about the harbour works</a>"
            f"</h3><p>Excerpt {n}: the council said the work on the harbour wall would take about {n + 2} weeks, "
            f"and the quay would stay open to traffic for most of that time.</p></article>")


def test_a_short_story_above_more_related_cards_than_its_paragraphs_is_an_article():
    """A brief of four paragraphs in the ``<article>`` its headline heads, with six related ``<article>``
    cards below it holding more text than it does: the story, not a listing."""
    story = "".join(f"<p>{BODY[:120 + 10 * n]} Part {n}.</p>" for n in range(4))
    cards = "".join(_related_card(n) for n in range(6))
    page = _page(f"<main><article class='story'><h1>Ferry plan agreed</h1>{story}</article>"
                 f"<section class='related'><h2>Related stories</h2>{cards}</section></main>", "Ferry plan agreed")
    record = extract_article(page, "https://harbour.example/2024/ferry")
    assert "Part 3." in record.text and "Excerpt 2" not in record.text


def test_a_listings_title_over_its_cards_in_one_article_leaves_it_a_listing():
    """The headline's ``<article>`` holds the cards: the page is the list, however long its intro."""
    intro = "".join(f"<p>{BODY}Intro {n}.</p>" for n in range(3))  # more than a body's paragraph text
    cards = "".join(_related_card(n) for n in range(10))
    page = _page(f"<article class='page'><h1>Harbour works</h1>{intro}<div class='cards'>{cards}</div></article>")
    with pytest.raises(NotAnArticle) as caught:
        extract_article(page, URL)
    assert caught.value.reason == "listing_page"
