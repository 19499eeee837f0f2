"""The heading that opens a page's text, for pages that declare no title of their own: no og:title,
no JSON-LD headline, no <h1> but the logo. Small sites' CMSs set the story's headline in an <h2>, an
<h3> or a styled element ("<div class='headline'>", "<font class='headline'>") while the <title> repeats
the site's name or a section for every page ("Feuerwehr Oldenburg - Ausbildung", "ICON")."""
from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from lxml import etree
from lxml.html import HtmlElement

from crawler.extraction.metadata.elementtext import element_text
from crawler.extraction.metadata.zones import in_foreign_zone

_HEADING_TAGS = {"h2", "h3"}
_ANY_HEADING = {"h1", "h2", "h3", "h4"}
# a class or id that styles an element as the story's headline or title ("headline", "h-title",
# "page-title", "title-text"); not a site's or a widget's title
_TITLE_NAME = re.compile(r"(?<![a-z])(?:headline|title)(?![a-z])|(?<=[a-z])(?:title(?:-?text)?|heading)$", re.IGNORECASE)
_NOT_TITLE = re.compile(r"site|blog|logo|brand|widget|block|box|section|sidebar|footer|nav|menu|sub|teaser|button", re.IGNORECASE)
_MIN_WORDS = 2
_MAX_CHARS = 200
_MIN_PROSE = 80
"""Characters of a paragraph that reads as the text's first (a teaser line or a caption is shorter)."""
_LOOKAHEAD = 150
"""Elements after a heading searched for its first paragraph (a date line, a share bar, a picture)."""
_MAX_CANDIDATES = 12


def opening_headings(root: HtmlElement) -> Iterator[str]:
    """The texts of the h2/h3 or headline-styled elements that a paragraph of prose follows before
    any other heading, in the page's order: the headline over the story, not a sidebar's or a
    section's title (a banner with the site's name may come first: the caller passes over it)."""
    seen = 0
    for elem in root.iter(etree.Element):
        if not _is_candidate(elem):
            continue
        text = element_text(elem)
        if not text or len(text) > _MAX_CHARS or len(text.split()) < _MIN_WORDS or in_foreign_zone(elem):
            continue
        if _opens_prose(elem):
            yield text
        seen += 1
        if seen >= _MAX_CANDIDATES:
            break


def _is_candidate(elem: HtmlElement) -> bool:
    """An <h2>/<h3>, or a short element whose class or id styles it as a headline or title."""
    if elem.tag in _HEADING_TAGS:
        return True
    names = f"{elem.get('class', '')} {elem.get('id', '')}".strip()
    return bool(names) and elem.tag not in ("a", "body", "html", "title", "meta", "img", "input") \
        and bool(_TITLE_NAME.search(names)) and not _NOT_TITLE.search(names) and len(elem) <= 3


def _opens_prose(heading: HtmlElement) -> bool:
    """Whether a paragraph of prose (a <p>, or a cell's or a <font>'s own text) follows the heading
    before any other heading or candidate."""
    for elem in islice(_following(heading), _LOOKAHEAD):
        if elem.tag in _ANY_HEADING or _is_candidate(elem):
            return False
        if elem.tag == "p":
            if len(element_text(elem)) >= _MIN_PROSE and _link_share(elem) < 0.5:
                return True
        elif elem.tag in ("div", "td", "span", "font"):
            own = " ".join(" ".join(filter(None, [elem.text] + [c.tail for c in elem])).split())
            if len(own) >= _MIN_PROSE:
                return True
    return False


def _following(elem: HtmlElement) -> Iterator[HtmlElement]:
    """The elements after ``elem`` in document order (not its descendants)."""
    node = elem
    while node is not None:
        for sibling in node.itersiblings():
            if isinstance(sibling.tag, str):
                yield from sibling.iter(etree.Element)
        node = node.getparent()


def _link_share(elem: HtmlElement) -> float:
    total = len(element_text(elem)) or 1
    return sum(len(element_text(a)) for a in elem.iter("a")) / total
