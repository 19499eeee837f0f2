"""Page controls that are never the article: dialogs, consent panels and the option labels of forms.

A dialog (a login box, a "share by e-mail" window, a cookie settings panel) is in the page from the
start, hidden until a click opens it; browsers never show it as part of the story, but an extractor
reads its text like any other. The markup says what these are: the ``<dialog>`` element, ARIA's
``aria-modal``, the ``modal`` class of the common CSS frameworks, a consent manager's class names, and
the ``<label>`` of a checkbox or radio button inside a form ("I agree to receive offers...",
"Keep me logged in"). ``cleaning`` removes them with the rest of the furniture. A cookie notice that
is no element of its own is a line of the text: ``is_cookie_notice``.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from itertools import islice

from lxml.etree import iterwalk
from lxml.html import HtmlElement

CONTROL_TAGS = {"dialog"}
CONTROL_ROLES = {"dialog", "alertdialog"}

_CONSENT_NAME = re.compile(r"cookie|consent|gdpr|dsgvo")
"""Part of a class or id name of a cookie banner or consent manager ("cookie-law-info-bar",
"dialogCookieWarning", "moove-gdpr-modal", "sp-dsgvo-popup")."""
_TAXONOMY_PREFIXES = ("tag-", "category-", "cat-", "topic-", "post-")
"""WordPress marks an article's wrapper with its tags and categories ("tag-cookies", "category-dsgvo"):
names of what the story is about, not of a consent panel."""
_CONTROL_WORDS = ("modal", "cookie", "consent", "gdpr", "dsgvo")
_CHOICE_INPUTS = {"checkbox", "radio"}
PAGE_SHARE = 0.5
"""A control holding more than this share of the page's text stays: markup that puts the article
inside a panel's class must not lose it. (The text, not the paragraph text that protects the rest of
the furniture: a dialog's few paragraphs can be all the paragraph text of a page whose story is set
in line breaks.)"""


def is_control(elem: HtmlElement, class_value: str | None, id_value: str | None, role: str | None) -> bool:
    """Whether ``elem`` (with its ``class``, ``id`` and ``role`` values, which the walks read once for
    all their tests) is a dialog, a consent panel, the label of a form's checkbox or radio button, or a
    short message the page keeps ``hidden`` (``is_hidden_note``)."""
    tag = elem.tag
    if tag in CONTROL_TAGS or elem.get("aria-modal") == "true":
        return True
    hidden = elem.get("hidden")
    if hidden is not None and is_hidden_note(elem, hidden):
        return True
    if role is not None and role.lower() in CONTROL_ROLES:
        return True
    if tag == "label":
        return _is_choice_label(elem)
    return (class_value is not None and _names_control(class_value)) or (
        id_value is not None and _names_control(id_value))


HIDDEN_NOTE_MAX_CHARS = 300
"""A ``hidden`` element (HTML's attribute: not rendered until a script shows it) with at most this
much text is a message of the page's interface: "Thanks for your feedback.", "Link copied",
"Comments are loading...". A longer one may be the story's own rest behind a "Read more" button, and
``hidden="until-found"`` is text a reader finds by searching: both stay."""


def is_hidden_note(elem: HtmlElement, hidden: str) -> bool:
    """Whether an element with the ``hidden`` attribute (of value ``hidden``) is an interface message
    (``HIDDEN_NOTE_MAX_CHARS``)."""
    return hidden.strip().lower() != "until-found" and len(elem.text_content()) <= HIDDEN_NOTE_MAX_CHARS


def names_control(class_value: str | None, id_value: str | None) -> bool:
    """Whether a class/id pair names a dialog ("modal") or a consent panel."""
    joined = f"{class_value or ''} {id_value or ''}".lower()
    if not any(word in joined for word in _CONTROL_WORDS):  # most names: one look, no split, no regex
        return False
    names = joined.split()
    if "modal" in names:
        return True
    return any(_CONSENT_NAME.search(name) and not name.startswith(_TAXONOMY_PREFIXES) for name in names)


@lru_cache(maxsize=16384)
def _names_control(value: str) -> bool:
    """``names_control`` of one class or id value, cached by value: a template repeats its class values
    while ids are unique, so a pair seldom repeats but a value does (no name spans the space)."""
    return names_control(value, None)


def _is_choice_label(label: HtmlElement) -> bool:
    """The label of a checkbox or radio button (holding it, or right after it) inside a form: a
    consent, a newsletter's options, "stay logged in". (A recipe's checklist of ingredients is no form.)"""
    if next(label.iterancestors("form"), None) is None:
        return False
    return any(
        control is not None and control.tag == "input" and (control.get("type") or "").lower() in _CHOICE_INPUTS
        for control in (next(label.iter("input"), None), label.getprevious())
    )


def text_length(page: HtmlElement) -> Callable[[], int]:
    """The length of the page's text, measured on the first call only (most pages hold no control)."""
    return cache(lambda: len(page.text_content()))


def holds_page(elem: HtmlElement, page_length: Callable[[], int]) -> bool:
    """Whether the element holds more than ``PAGE_SHARE`` of the page's text (``text_length``)."""
    return len(elem.text_content()) > page_length() * PAGE_SHARE


def drop_controls(tree: HtmlElement) -> int:
    """Remove the page's controls (``is_control``) in place, save one holding most of its text;
    returns how many. For trafilatura's view of the page as served, which ``cleaning`` does not
    touch: a dialog is no more its article than ours."""
    doomed = []
    page_length = text_length(tree)
    walk = iterwalk(tree, events=("start",))
    for _event, elem in walk:
        tag = elem.tag
        if isinstance(tag, str) and tag not in ("html", "body") and is_control(
                elem, elem.get("class"), elem.get("id"), elem.get("role")):
            if not holds_page(elem, page_length):
                doomed.append(elem)
                walk.skip_subtree()
    for elem in doomed:
        elem.drop_tree()
    return len(doomed)


# A cookie notice: the site saying it uses cookies ("We use cookies", "Diese Website nutzt Cookies", "Nous
# utilisons des cookies") and asking for the reader's consent or naming its settings. Both parts are
# needed: a privacy policy or a story about cookies says the first without the second.
_COOKIE_USER = re.compile(
    r"""\b(?:we|our\s+(?:web)?site|this\s+(?:web)?site|wir|unsere?[mr]?\s+(?:web)?(?:seite|site|website|angebot)
      |diese\s+(?:web)?(?:seite|site|website)|nous|notre\s+site|ce\s+site|usamos|utilizamos|este\s+sitio|nuestro\s+sitio
      |utilizziamo|usiamo|questo\s+sito|korzystamy|u[żz]ywamy|ta\s+strona|este\s+site)\b""",
    re.X | re.I,
)
_COOKIE_CONSENT = re.compile(
    r"""\b(?:agree|consent|accept|continu|further\s+use|by\s+using|settings|preferences|learn\s+more|privacy
      |einverstanden|zustimm|stimm(?:en|st|t)\s+(?:sie|du)\b|akzeptier|einwillig|einstellung|datenschutz|nutzung|mehr\s+erfahren
      |accept|consentement|param[eè]tr|en\s+savoir\s+plus|confidentialit|acept|consentimiento|configura|privacidad
      |acconsent|zgod|prywatno|ustawie)""",
    re.X | re.I,
)
_MAX_COOKIE_NOTICE_WORDS = 80


def is_cookie_notice(line: str) -> bool:
    """Whether a line of text is a cookie notice (``textfilter`` drops it)."""
    return (
        "cookie" in line.lower()
        and len(line.split()) <= _MAX_COOKIE_NOTICE_WORDS
        and bool(_COOKIE_USER.search(line))
        and bool(_COOKIE_CONSENT.search(line))
    )


_BOX_LEVELS = 3
_BOX_MAX_CHARS = 300


def signup_box(form: HtmlElement, protected: set[HtmlElement]) -> HtmlElement:
    """The box a sign-up form stands in: a heading and a line of pitch around a form that asks for
    an e-mail address ("Get our weekend picks ... No spam, ever."), up to three levels of wrappers
    that hold little text beside the form; the form itself otherwise."""
    if form.find(".//input[@type='email']") is None:
        return form
    own = len(form.text_content())
    box = form
    for node in islice(form.iterancestors(), _BOX_LEVELS):
        if node in protected or node.tag in ("body", "main", "article") or \
                len(node.text_content()) - own > _BOX_MAX_CHARS:
            break
        box = node
    return box
