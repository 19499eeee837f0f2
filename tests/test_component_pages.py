"""Pages rendered by React-style front ends and live blogs: the component's own name in a generated
class says what a box is ("Headline__Kicker-sc-1u8bd7x-1", "NewsletterSignup_root__Vc3Kd"); a
membership prompt after the story is no text; a live blog's posts, each an <article> whose headline
links to its permalink, are one story, not a list of teasers."""
from __future__ import annotations

import json

import pytest

from crawler import extract_article
from crawler.extraction.classnames import names_any

SENTENCES = [f"Sentence {n} of the story tells readers what the council decided about the harbour and why it matters."
             for n in ("one", "two", "three", "four", "five", "six")]


@pytest.mark.parametrize("class_value, named", [
    ("Headline__Kicker-sc-1u8bd7x-1", True),
    ("NewsletterSignup_root__Vc3Kd", True),
    ("RelatedStories-sc-abc12-0", True),
    ("ArticleBody_root__L1x0z", False),
    ("ArticleBody__Body-sc-17b8gyp-0 hFpLkN", False),
])
def test_a_components_generated_class_names_the_component(class_value, named):
    assert names_any(class_value, None, frozenset({"kicker", "newsletter-signup", "related-stories"})) is named


def test_kicker_newsletter_box_and_membership_prompt_of_a_component_page_go():
    body = "".join(f"<p>{s}</p>" for s in SENTENCES[:3])
    body += ("<div class='NewsletterSignup_root__Vc3Kd'><h3>Get the morning harbour briefing</h3>"
             "<p>The biggest stories of the coast, explained, every weekday.</p><button>Sign up</button></div>")
    body += "".join(f"<p>{s}</p>" for s in SENTENCES[3:])
    html = ("<html><head><title>Harbour plan</title></head><body><article>"
            "<div class='Headline__Kicker-sc-1u8bd7x-1'>Coastal towns</div><h1>Harbour plan approved</h1>"
            f"<div class='ArticleBody__Body-sc-17b8gyp-0'>{body}</div>"
            "<div class='Paywall__Container-sc-5xk1a2-0 hFpLkN'><h3>Continue reading your article with a Harbour "
            "Times membership</h3><p>Get unlimited digital access for $1 a week for your first year.</p>"
            "<a href='/subscribe'>Subscribe now</a></div></article></body></html>")
    text = extract_article(html, "https://harbour.example/2024/plan").text
    assert all(s in text for s in SENTENCES)
    for furniture in ("Coastal towns", "morning harbour briefing", "Continue reading", "unlimited digital access"):
        assert furniture not in text


def test_a_live_blogs_permalinked_posts_are_its_text_not_a_listing():
    ld = json.dumps({"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": "Storm live",
                     "datePublished": "2024-05-14T05:00:00Z"})
    posts = "".join(
        f"<article class='live-post'><h2><a href='https://news.example/live/storm/p{n}'>Update {n}: the storm moves "
        f"north</a></h2><p>{SENTENCES[n]}</p><p>Post {n} adds that the coastal road stays closed because of "
        "fallen trees and flooding.</p></article>" for n in range(4))
    html = (f"<html><head><title>Storm live</title><script type='application/ld+json'>{ld}</script></head><body>"
            f"<main><h1>Storm live</h1><div class='live-posts'>{posts}</div></main></body></html>")
    text = extract_article(html, "https://news.example/live/storm").text
    assert all(SENTENCES[n] in text for n in range(4))
