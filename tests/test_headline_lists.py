"""A page whose extracted text is mostly headlines linking to other pages of its own site is a listing
(a month's archive of plain links, a category page of headlines without excerpts, a video hub), even
when its headlines sit in no heading or card. A link blog (headlines leading to other sites), an article
with a table of contents or a list of related stories below it stays an article."""
from __future__ import annotations

import pytest

from crawler import NotAnArticle, extract_article
from crawler.extraction.listings import HEADLINE_LIST_MIN_LINES

SITE = "https://quayside-post.example"
HEADLINES = [
    "Council approves new flood barriers for the quay",
    "Ferry operator trims its winter timetable again",
    "Old rope works to become affordable homes",
    "Lifeboat crew rescues kayakers lost in sea fog",
    "Village schools warn of falling pupil numbers",
    "Bus route to the hospital returns next month",
    "Seal count on the sandbanks sets a new record",
    "Fishmongers object to charges at the quay car park",
    "Airport adds a summer route to Porto",
    "Theatre builders find Victorian stage machinery",
    "Water company fined over sewage spill on the beach",
    "Harbour master retires after thirty years",
]
STORY = ("The harbour board met on Monday night and agreed the plan for the new ferry terminal, after three "
         "years of consultation with residents, fishermen and the ferry companies that use the port. ")


def _page(title: str, body: str) -> str:
    nav = "".join(f"<a href='/{name.lower()}/'>{name}</a> " for name in ("News", "Sport", "Business", "Weather"))
    return (f"<html><head><title>{title} | Quayside Post</title></head><body><nav>{nav}</nav>"
            f"<main><h1>{title}</h1>{body}</main><footer><p>Quayside Post, 4 Dock Road.</p></footer></body></html>")


def _slug(headline: str) -> str:
    return headline.lower().replace(" ", "-")


def _archive(link_to: str = "", count: int = len(HEADLINES)) -> str:
    rows = "".join(f"<li>{12 - n} March 2024 <a href='{link_to}/2024/03/{_slug(h)}'>{h}</a></li>"
                   for n, h in enumerate(HEADLINES[:count]))
    return _page("Archive: March 2024", f"<p>Every story of the month, newest first.</p><ul class='archive'>{rows}</ul>")


@pytest.mark.parametrize("page", [
    _archive(),  # a date, then the headline: the archive of a month
    _page("Business", "".join(f"<div class='row'><a href='/business/{_slug(h)}'>{h}</a></div>" for h in HEADLINES)),
    _page("Video", "".join(f"<div class='clip'><a href='/video/{_slug(h)}'>{h}</a><span>{section}</span></div>"
                           for h, section in zip(HEADLINES, ["News", "Sport", "Culture"] * 4))),
], ids=["dated archive", "headlines only", "headlines with their sections"])
def test_a_text_of_the_sites_headlines_is_a_listing(page: str) -> None:
    with pytest.raises(NotAnArticle) as caught:
        extract_article(page, f"{SITE}/archive/")
    assert caught.value.reason == "listing_page"


def test_fewer_headlines_than_a_listing_shows_stay_a_text() -> None:
    record = extract_article(_archive(count=HEADLINE_LIST_MIN_LINES - 1), f"{SITE}/archive/")
    assert HEADLINES[0] in record.text


def test_a_link_blogs_headlines_lead_to_other_sites_so_it_is_an_article() -> None:
    record = extract_article(_archive(link_to="https://other-paper.example"), f"{SITE}/2024/03/links-of-the-month")
    assert all(h in record.text for h in HEADLINES)


def test_an_article_with_its_related_stories_below_stays_an_article() -> None:
    story = "".join(f"<p>{STORY}Part {n}.</p>" for n in range(6))
    related = "".join(f"<li><a href='/news/{_slug(h)}'>{h}</a></li>" for h in HEADLINES)
    record = extract_article(_page("Ferry terminal plan agreed", f"{story}<h2>More news</h2><ul>{related}</ul>"),
                             f"{SITE}/news/ferry-terminal-plan-agreed")
    assert "Part 5." in record.text


def test_a_table_of_contents_of_the_page_itself_is_part_of_the_article() -> None:
    contents = "".join(f"<li><a href='#part-{n}'>{h}</a></li>" for n, h in enumerate(HEADLINES))
    parts = "".join(f"<h2 id='part-{n}'>{h}</h2><p>{STORY}</p>" for n, h in enumerate(HEADLINES[:3]))
    record = extract_article(_page("The year on the quay", f"<ul class='toc'>{contents}</ul>{parts}"),
                             f"{SITE}/2024/the-year-on-the-quay")
    assert HEADLINES[2] in record.text
