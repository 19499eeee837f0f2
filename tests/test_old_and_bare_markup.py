"""Pages whose markup says little about where the article is: a page laid out with tables (the
masthead, a menu cell, the article's cell, a sidebar of ads and a poll, each box a table of its
own), and a page of bare ``<div>``s with generated class names and no ``<p>``, where trafilatura
falls back to the page's whole text run together."""
from __future__ import annotations

import lxml.html

from crawler import extract_article
from crawler.extraction.layouttables import is_layout_table, unwrap_layout_tables

SENTENCES = [
    "After nearly two years of fundraising and volunteer labor, the rebuilt barn at the fairgrounds opens on Saturday.",
    "The original barn, which dated to 1947, collapsed under heavy snow and left the young farmers without a show ring.",
    "Most of the cost was raised locally, with a pancake breakfast every month and a benefit auction in April.",
    "Local contractors donated roughly 2,600 hours of work, including the concrete floor and all of the wiring.",
    "A ribbon cutting is planned for Saturday morning, followed by a free barbecue lunch served by the school's club.",
]
SIDEBAR = ["Call 555-0100 to place your classified ad this week.", "Paint sale this weekend only at the hardware store!",
           "School board approves new bus route for Pine Hollow", "Township delays vote on gravel road paving"]


def _box(title: str, lines: list[str]) -> str:
    rows = "".join(f"<tr><td><font size='2'>{line}</font></td></tr>" for line in lines)
    return f"<table width='100%' border='1'><tr><td bgcolor='#003366'><b>{title}</b></td></tr>{rows}</table>"


def _table_page() -> str:
    article = "".join(f"<font face='Times New Roman' size='3'>{sentence}</font><br><br>" for sentence in SENTENCES)
    menu = "".join(f"<a href='/{name.lower()}.asp'>{name}</a><br>" for name in
                   ("Local News", "County News", "Sports", "Obituaries", "Church Notes", "Classifieds", "Weather"))
    return (
        "<html><head><title>Millbrook Valley Gazette - New barn ready for the fair</title></head><body>"
        "<table width='780' border='0'><tr><td colspan='2'><font size='1'>Saturday, August 20, 2005 | Serving Millbrook"
        " since 1911</font></td></tr><tr><td width='32%' valign='top'><table><tr><td>" + menu + "</td></tr></table>"
        + _box("CLASSIFIEDS", [SIDEBAR[0]]) + _box("ADVERTISEMENT", [f"<a href='http://hardware.example/'>{SIDEBAR[1]}</a>"])
        + "</td><td width='68%' valign='top'><font size='5'><b>New barn ready for the fair</b></font><br><br>"
        "<font size='2'>By <b>Harold J. Weems</b></font><br><br>" + article + "</td></tr><tr><td colspan='2'>"
        + _box("MORE LOCAL STORIES", [f"<a href='/story.asp?id={n}'>{line}</a>" for n, line in enumerate(SIDEBAR[2:])])
        + "<font size='1'>Copyright © 2005 Millbrook Valley Gazette. All rights reserved.</font></td></tr></table>"
        "</body></html>"
    )


def test_a_page_laid_out_with_tables_yields_its_articles_cell() -> None:
    article = extract_article(_table_page(), "http://www.millbrookgazette.example/story.asp?id=4471")
    assert all(sentence in article.text for sentence in SENTENCES)
    # the boxes around the article's cell: the ad, the list of more stories, the menu (kept as the
    # table's content before); a short article's neighbour line in the sidebar may still come along
    assert not any(line in article.text for line in SIDEBAR[1:])
    assert "Church Notes" not in article.text and "Serving Millbrook" not in article.text


def test_the_sites_name_before_the_headline_leaves_the_title_when_the_host_spells_it_without_a_word() -> None:
    article = extract_article(_table_page(), "http://www.millbrookgazette.example/story.asp?id=4471")
    assert article.title == "New barn ready for the fair"
    assert article.sitename == "Millbrook Valley Gazette"


def test_data_tables_stay_tables_and_layout_tables_are_told_apart() -> None:
    tree = lxml.html.document_fromstring(
        "<html><body><table id='results'><tr><th>Team</th><th>Points</th></tr><tr><td>Harbour</td><td>12</td></tr></table>"
        "<table id='frame' role='presentation'><tr><td><p>A story in a presentational table.</p></td></tr></table>"
        "<table id='page'><tr><td><table id='outer'><tr><td>Menu</td><td><table id='inner'><tr><td>Box</td></tr>"
        "</table></td></tr></table></td></tr></table>"
        "<table id='lone'><tr><td><table id='quote'><tr><td>A</td><td>1</td></tr></table></td></tr></table></body></html>")
    assert not is_layout_table(tree.get_element_by_id("results"))
    assert is_layout_table(tree.get_element_by_id("frame")) and is_layout_table(tree.get_element_by_id("outer"))
    assert not is_layout_table(tree.get_element_by_id("lone"))  # one cell around a table: a frame, no columns
    assert unwrap_layout_tables(tree) == 2
    assert tree.get_element_by_id("results").tag == "table" and tree.get_element_by_id("quote").tag == "table"
    assert tree.get_element_by_id("inner").tag == "div"  # a box drawn inside a layout is part of it
    assert tree.get_element_by_id("page").tag == "div"  # and the page's frame around it
    assert not tree.xpath("//*[@id='page']//td | //*[@id='frame']//tr")


DIV_PARAGRAPHS = [
    "The first battery-electric passenger ferry on the sound made its maiden public run on Tuesday, carrying 96 commuters.",
    "The vessel is being leased for a twelve-month trial before the company decides whether to replace its diesel boats.",
    "Operations director Callum Dreyfus said the ferry recharges for eight minutes at each terminal while passengers board.",
    "Wren carries up to 150 passengers and 20 bicycles but no cars, which stay on the older diesel ferry for now.",
    "Several regular passengers said the most noticeable difference was the quiet on the crossing in the morning.",
    "The company said it would publish monthly reliability figures during the trial, including cancelled sailings.",
    "A harbour councillor questioned whether the grid connection at the point could cope with peak summer demand.",
    "The ferry will run on weekdays only until the end of May, with weekend sailings added from June if all goes well.",
]


def test_an_article_of_bare_divs_is_taken_without_the_pages_menus_and_cards() -> None:
    menu = "".join(f"<div class='q1'><a href='/{w.lower()}'>{w}</a></div>" for w in
                   ("Home", "Local", "Harbour", "Business", "Sport", "Opinion", "Jobs", "Property", "Obituaries"))
    cards = "".join(f"<div class='k9'><div class='k9a'><a href='/news/{n}'>Harbour story number {n} of the week</a>"
                    f"</div><div class='k9b'>A short teaser.</div><div class='k9c'>{n} hours ago</div></div>" for n in range(8))
    body = "".join(f"<div class='x7f'>{text}</div>" for text in DIV_PARAGRAPHS)
    footer = "".join(f"<div class='z2'><a href='/{w}'>{w}</a></div>" for w in ("about", "contact", "advertise", "privacy"))
    html = (f"<html><head><title>Battery ferry makes first crossing</title></head><body><div class='a0'>{menu}</div>"
            f"<div class='b1'><div class='h3x'>Battery ferry makes first crossing</div><div class='c2'>{body}</div></div>"
            f"<div class='d4'>{cards}</div><div class='e5'>{footer}<div class='z3'>Coastline Daily is published by"
            " Saltmarsh Media Ltd., registered in England, with offices on the harbour front in Port Ellery.</div>"
            "</div></body></html>")
    text = extract_article(html, "https://coastline.example/harbour/battery-ferry").text
    assert all(paragraph in text for paragraph in DIV_PARAGRAPHS)
    assert "Harbour story number" not in text and "Obituaries" not in text and "published by" not in text
