"""Links to other stories set inside the article's text, found on the lxml tree before cleaning:
headlines in capitals between paragraphs, and the cards a name link opens on hover."""
from __future__ import annotations

import re

from lxml.etree import XPath
from lxml.html import HtmlElement

_CAPS_LINK_MIN_WORDS = 5
_CAPS_LINKS = XPath(
    "//a[@href][not(contains(., 'e'))][string-length(normalize-space()) >= 20]"
    "[translate(., 'abcdefghijklmnopqrstuvwxyz', '') = .]"
)
"""Candidates found in C: long enough and no ASCII lower-case letter (the check in Python is exact);
first without a lower-case "e", one search that turns away most links before they are measured."""
_CALL_TO_ACTION = re.compile(r"\W*(?:click|tap|see|view|watch|read|listen|download|get)\b", re.I)
_CAPS_LINK_BLOCKS = {"p", "div", "h2", "h3", "h4", "h5", "h6", "li"}


def _is_caps_story_link(link: HtmlElement) -> bool:
    """A link to another page whose text is a headline in capitals ("SENATOR ELIMINATED FROM 'THE SHOW'")."""
    href = link.get("href") or ""
    if not href or href.startswith("#"):
        return False
    text = link.text_content()
    if _CALL_TO_ACTION.match(text):  # "CLICK FOR FULL RESULTS": more of this story, not another one
        return False
    letters = [c for c in text if c.isalpha()]
    return len(text.split()) >= _CAPS_LINK_MIN_WORDS and len(letters) >= 20 and all(c.isupper() for c in letters)


def caps_story_links(tree: HtmlElement) -> list[HtmlElement]:
    """Blocks that hold nothing but an all-capitals link to another story: promotions set between the
    paragraphs of an article. (A subheading in capitals is no link, and a link inside a sentence has
    text around it.)"""
    found = []
    for link in _CAPS_LINKS(tree):
        if not _is_caps_story_link(link):
            continue
        block = link
        while block.tag not in _CAPS_LINK_BLOCKS:
            parent = block.getparent()
            if parent is None or parent.text_content().strip() != link.text_content().strip():
                break
            block = parent
        if block.tag in _CAPS_LINK_BLOCKS and block.text_content().strip() == link.text_content().strip():
            found.append(block)
    return found


_CARD_CANDIDATES = XPath("//p[.//img]//span[.//img][count(.//a[@href]) >= 2]")
"""(only paragraphs with a picture are searched for the card's ``<span>``)"""


def hover_cards(tree: HtmlElement) -> list[HtmlElement]:
    """Cards that a link inside a sentence opens on hover: the person's picture, the link again and
    headlines of other stories ("Alexandria Ocasio-Cortez" followed by her latest articles). The
    card repeats the address of the link it follows; the link stays in the sentence, the card goes."""
    found = []
    for card in _CARD_CANDIDATES(tree):
        previous = card.getprevious()
        if previous is None or previous.tag != "a" or not previous.get("href"):
            continue
        if any(link.get("href") == previous.get("href") for link in card.iter("a")):
            found.append(card)
    return found
