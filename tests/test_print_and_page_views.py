"""A story seen through a print view or on a later page of a multi-page article, and the boxes of a
small site's sidebar: the view's own lines ("Article printed from...", "URLs in this post:",
"Continued from page 1", "(continued)" and "» Print" after the headline), the publisher's imprint,
a community calendar, a date above the headline beside the section's name."""
from __future__ import annotations

import pytest

from crawler import extract_article

PARAGRAPHS = [
    "Two village libraries will close on Saturdays from April under a savings plan approved by the county council on Tuesday night.",
    "The council said the change would save about forty thousand pounds a year, most of it in staff costs at the two smallest branches.",
    "Campaigners said Saturday was the only day many working parents could take their children, and promised to keep up their petition.",
    "The libraries will stay open on weekday evenings until seven, and the mobile library will add a stop at each village on Saturday mornings.",
]
URL = "https://www.ashcombeexaminer.example/2013/03/14/village-libraries/"


def _page(title: str, before: str = "", after: str = "", side: str = "", heading: str = "Two village libraries to close on Saturdays") -> bytes:
    body = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    return (f"<html><head><title>{title}</title></head><body><div id='page'><div id='main'>{before}<h1>{heading}</h1>"
            f"{body}{after}</div><div id='side'>{side}</div></div></body></html>").encode("utf-8")


def test_a_print_views_lines_and_the_publishers_imprint_go() -> None:
    after = ("<p class='printer-footer'>Article printed from The Ashcombe Examiner: <strong>https://www.ashcombeexaminer.example"
             "</strong></p><p class='printer-footer'>URL to article: <strong>https://www.ashcombeexaminer.example/2013/03/14/"
             "village-libraries/</strong></p><p class='urls'>URLs in this post:</p>"
             "<p>The Ashcombe Examiner is published by Vale Community Media Ltd, 4 Bridge Street, Ashcombe.</p>"
             "<p>Vale Community Media Ltd is registered in England and Wales No. 04817729.</p>")
    article = extract_article(_page("Two village libraries to close on Saturdays » Print", after=after), URL)
    assert article.title == "Two village libraries to close on Saturdays"
    for line in ("Article printed from", "URL to article", "URLs in this post", "is published by", "registered in England"):
        assert line not in article.text
    assert all(paragraph in article.text for paragraph in PARAGRAPHS)


def test_a_later_pages_marks_go() -> None:
    heading = "Two village libraries to close on Saturdays (continued)"
    before = "<p class='cont'><em>Continued from page 1</em></p>"
    after = "<p class='cont'><em>Continued on page 3: The campaign that saved the mobile library</em></p>"
    article = extract_article(_page(f"{heading} - Page 2 of 3", before=before, after=after, heading=heading), URL)
    assert article.title == "Two village libraries to close on Saturdays"
    assert "(continued)" not in article.text and "Continued from page" not in article.text
    assert "Continued on page 3" not in article.text and all(paragraph in article.text for paragraph in PARAGRAPHS)


@pytest.mark.parametrize("title", ["Community Calendar", "Upcoming events"])
def test_a_sidebars_calendar_goes(title: str) -> None:
    side = (f"<div class='sidebox'><h4>{title}</h4><table><tr><td class='cd'>Oct. 11</td><td>Harvest supper, First "
            "Congregational Church, 5:30 p.m.</td></tr><tr><td class='cd'>Oct. 13</td><td>Apple festival on the Green, "
            "10 a.m. to 4 p.m.</td></tr></table></div>")
    text = extract_article(_page("Two village libraries to close on Saturdays", after=side), URL).text
    assert "Apple festival" not in text and all(paragraph in text for paragraph in PARAGRAPHS)


def test_a_date_beside_the_sections_name_above_the_headline_is_the_articles() -> None:
    before = "<div class='news-single-rightbox'>12.05.2015 | Vereinsnachrichten</div>"
    side = "<ul><li><span class='news-list-date'>08.05.2015</span> <a href='/n/1126'>Sperrung der Ortsdurchfahrt wegen Kanalarbeiten ab 18. Mai</a></li></ul>"
    article = extract_article(_page("Two village libraries to close on Saturdays", before=before, side=side), URL)
    assert article.date_published.startswith("2015-05-12")
