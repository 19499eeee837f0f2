"""Page controls that stay hidden until a click and that extractors read as text: dialogs (a login box,
a network menu, a cookie settings panel), consent managers, the labels of a form's checkboxes and
cookie notices. None of them is the article; a story about cookies, a recipe's checklist of
ingredients and an article that a template tags "cookies" stay."""
from __future__ import annotations

import pytest
from lxml import html as lxml_html

from crawler import extract_article
from crawler.extraction.controls import drop_controls, names_control
from crawler.extraction.textfilter import is_boilerplate_line

PARAGRAPHS = [
    "The ferry between the two harbour towns will run every forty minutes from May, the operator said on Tuesday after the council approved a new landing stage.",
    "Commuters had asked for a later last crossing for years; the new timetable adds one at eleven at night on weekdays and keeps the Sunday service as it is.",
    "The operator expects the extra crossings to pay for themselves within two summers, helped by the cyclists who now take the coast path between the towns.",
    "A second boat, bought from a lake operator in the north, is being refitted at the yard and should join the route before the summer holidays begin.",
]

LOGIN_MODAL = """
<div class="modal fade" id="signin" tabindex="-1"><div class="modal-dialog"><div class="modal-box">
  <h4>Log in or create an account with the Harbour Post to keep reading without limits</h4>
  <p>Enter the e-mail address you registered with and the password you chose when you signed up for the service.</p>
  <p>Would you like to stay logged in on this device? A small file will be stored in your browser for that purpose.</p>
</div></div></div>"""
NETWORK_DIALOG = """
<dialog id="network"><p>The Harbour network consists of twelve local titles, including the Bay Courier and the Dune Gazette,
the largest group of coastal newspapers in the region.</p></dialog>"""
SHARE_WINDOW = """
<div class="mail-window" aria-modal="true"><p>Send this story to a friend by e-mail: enter their address and a short
personal note, and we will deliver a link to the article on your behalf.</p></div>"""
ALERT_DIALOG = """
<div class="system-message" role="alertdialog"><p>Your registration failed, sorry: please clear your browser's history and
follow the confirmation link in our e-mail once again.</p></div>"""
CONSENT_PANEL = """
<div class="sp-dsgvo-popup"><div class="sp-dsgvo-privacy-body">
  <p>Statistics (2 services): anonymous analysis to find errors and improve the website further over time.</p>
  <p>External media (4 services): videos, maps and posts of social networks embedded in the articles of this site.</p>
</div></div>"""
SIGNUP_FORM = (
    "<form action='/subscribe'><h3>Join the movement</h3>"
    + "".join(
        f"<div class='choice'><label><input type='checkbox' name='c{n}'> Receive the {topic} letter: our news on the"
        " campaign and calls to act, at most two or three e-mails a month, never shared with anyone else.</label></div>"
        for n, topic in enumerate(["national", "local", "events", "actions", "training", "press", "youth", "research",
                                   "international", "newsroom", "archive", "podcast"])
    )
    + "<p><input type='submit' value='Subscribe'></p></form>"
)


def _page(*extra: str) -> str:
    """The story in an old CMS layout (a table cell of lines), the controls after it: trafilatura's
    own pruning of panels applies to its main pass, not to the readability comparison that wins here."""
    story = "<br><br>".join(PARAGRAPHS)
    return (
        "<html><head><title>Ferry every forty minutes</title></head><body><h1>Ferry every forty minutes</h1>"
        f"<table><tr><td>{story}</td></tr></table>{''.join(extra)}</body></html>"
    )


@pytest.mark.parametrize("control, words", [
    (LOGIN_MODAL, "stay logged in"),
    (NETWORK_DIALOG, "Harbour network"),
    (SHARE_WINDOW, "Send this story"),
    (ALERT_DIALOG, "Your registration failed"),
    (CONSENT_PANEL, "External media"),
    (SIGNUP_FORM, "Receive the national letter"),
])
def test_a_control_of_the_page_is_not_the_article(control: str, words: str) -> None:
    article = extract_article(_page(control), "https://harbour.example/ferry")
    assert words not in article.text
    assert all(paragraph in article.text for paragraph in PARAGRAPHS)


def test_controls_go_from_the_page_as_served_too() -> None:
    """trafilatura's second opinion reads the page without our cleaning; its dialogs go all the same."""
    tree = lxml_html.fromstring(_page(LOGIN_MODAL, NETWORK_DIALOG, CONSENT_PANEL, SIGNUP_FORM))
    assert drop_controls(tree) == 3 + 12  # the modal, the dialog, the panel and each checkbox's label
    text = tree.text_content()
    assert "stay logged in" not in text and "Harbour network" not in text and "External media" not in text
    assert "Receive the" not in text and "Join the movement" in text


def test_an_article_inside_a_modal_class_is_kept() -> None:
    """Markup that wraps the story itself in a panel's class keeps it: it holds the page's text."""
    page = _page().replace("<article>", "<article class='modal-free modal'>")
    tree = lxml_html.fromstring(page)
    assert drop_controls(tree) == 0
    assert PARAGRAPHS[0] in extract_article(page, "https://harbour.example/ferry").text


def test_a_recipes_checklist_outside_a_form_is_kept() -> None:
    checklist = "".join(
        f"<li><label><input type='checkbox'> {item}</label></li>"
        for item in ("500 g of ferry-dock mussels, cleaned", "2 shallots, chopped fine", "a glass of dry white wine")
    )
    tree = lxml_html.fromstring(_page(f"<ul>{checklist}</ul>"))
    assert drop_controls(tree) == 0
    assert "2 shallots, chopped fine" in tree.text_content()


@pytest.mark.parametrize("names, control", [
    (("cookie-law-info-bar", None), True),
    (("alert warning dialogCookieWarning", None), True),
    ((None, "sp-dsgvo-privacy-content"), True),
    (("moove-gdpr-modal-content", None), True),
    (("modal fade", "login"), True),
    (("post type-post tag-cookies category-gdpr", "post-1234"), False),  # WordPress names a story's tags
    (("modal-open", None), False),  # the page's state while a dialog is open, set on <body>
    (("entry-content", None), False),
])
def test_names_of_panels_and_of_what_a_story_is_about(names: tuple[str | None, str | None], control: bool) -> None:
    assert names_control(*names) is control


@pytest.mark.parametrize("line", [
    "We use cookies to give you the best experience on our site. By continuing to browse you agree to their use.",
    "Our site uses cookies and other technologies so that we can remember you. Further use of this site will be considered consent.",
    "Wir verwenden Cookies, um unser Angebot zu verbessern. Durch die Nutzung unserer Website stimmen Sie dem zu. Mehr erfahren",
    "Auf unserer Website werden Cookies gemäß unserer Datenschutzerklärung verwendet.",
    "Nous utilisons des cookies pour vous garantir la meilleure expérience sur notre site. En savoir plus",
    "Utilizamos cookies propias y de terceros. Si continúa navegando, acepta su uso.",
])
def test_a_cookie_notice_is_dropped(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", [
    "The regulator said websites that use cookies must ask readers for their consent before any tracking starts.",
    "Google, as a third-party vendor, uses cookies to serve ads on this site.",
    "The bakery sold four thousand cookies at the harbour festival, twice as many as we had expected, the owner said.",
    "If you turn cookies off in your browser, some features of many sites will no longer work.",
])
def test_sentences_about_cookies_stay(line: str) -> None:
    assert not is_boilerplate_line(line)
