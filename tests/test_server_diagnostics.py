"""PHP's warnings, printed into the page by a failing plugin, are the server's error output: a
sidebar of them can be longer than a short post and must neither become the text nor join it."""
from __future__ import annotations

from crawler import extract_article
from crawler.extraction.diagnostics import drop_server_diagnostics
from crawler.extraction.extract import load_page
from crawler.extraction.textfilter import is_boilerplate_line

PAGE_URL = "https://family-notes.example/number-two/"
POST = (
    "It has been a while since Henry arrived, our first. A few days ago his little brother made it too, "
    "and the two of them met for the first time this morning."
)
WARNING = (
    "<br /><b>{level}</b>:  Use of undefined constant comments - assumed 'comments' (this will throw an Error "
    "in a future version of PHP) in <b>/srv/www/family-notes/wp-content/plugins/recent-comments/recent.php</b>"
    " on line <b>{line}</b><br />"
)


def _page() -> str:
    warnings = "".join(WARNING.format(level=level, line=900 + n) for n, level in enumerate(["Warning", "Notice"] * 3))
    return (
        "<html><head><title>Number two</title></head><body>"
        "<div id='header'><ul class='menu'><li><a href='/'>Home</a></li><li><a href='/imprint/'>Imprint</a></li></ul></div>"
        "<div id='content'><div class='post'><h2><a href='/number-two/'>Number two</a></h2>"
        f"<div class='postentry'><p>{POST}</p><p>Welcome, little one.</p></div></div></div>"
        f"<div id='sidebar'><ul><li><h2>Recent comments</h2><ul>{warnings}</ul></li></ul></div>"
        "</body></html>"
    )


def test_a_sidebar_of_php_warnings_is_not_the_article() -> None:
    text = extract_article(_page(), PAGE_URL).text
    assert POST in text
    assert "undefined constant" not in text
    assert "on line" not in text


def test_each_message_is_removed_whole_and_nothing_else() -> None:
    tree = load_page(_page(), PAGE_URL)
    assert drop_server_diagnostics(tree) == 6
    sidebar = " ".join(tree.get_element_by_id("sidebar").text_content().split())
    assert sidebar == "Recent comments"
    assert POST in tree.text_content()


def test_a_bold_warning_in_a_story_stays() -> None:
    story = "<p><b>Warning</b>: the bridge on line 4 of the tram network is closed until Friday.</p>"
    tree = load_page(f"<html><body>{story}</body></html>", PAGE_URL)
    assert drop_server_diagnostics(tree) == 0


def test_the_plain_text_form_is_a_boilerplate_line() -> None:
    assert is_boilerplate_line(
        "PHP Deprecated:  Function create_function() is deprecated in /var/www/html/wp-content/themes/news/"
        "functions.php on line 212"
    )
    assert not is_boilerplate_line("Warning: the council says the old bridge in the city centre is unsafe.")
