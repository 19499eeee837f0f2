"""Dates that are not the article's: the theme's clock (today's date), another story's teaser or
card, a comment's."""
from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.extraction.metadata.elementtext import element_text

# class/id of a comment or a forum reply
COMMENT = re.compile(r"comment|kommentar|reply|respond", re.IGNORECASE)

# the theme's clock: today's date, not the article's
CLOCK = re.compile(r"current|today|heute|clock|uhrzeit|(?<![a-z])uhr(?![a-z])|zeit-?aktuell|du[-_]?jour|del[-_]?dia|"
                    r"tagesdatum|vandaag|(?<![a-z])(?:hoy|oggi|hoje|dnes|dzis)(?![a-z])|"
                    # the theme's header date ("mh-header-date"), not an article header's
                    r"(?<![\w-])(?:(?!entry|article|post|story|content|single|news|item|teaser)[\w]+[-_])?"
                    r"header[-_]?date", re.IGNORECASE)
# text of the theme's clock ("Aktuelle Zeit: ...", "Today is ...", Czech "Dnes je pátek 6. září 2024")
CLOCK_TEXT = re.compile(r"^\s*(?:aktuelle\s+zeit|heute|today|it\s+is\s+currently|current\s+time|dnes|dzi[śs](?:iaj)?"
                        r"|hoy|oggi|aujourd['’]hui|hoje|vandaag|idag|i\s+dag|сегодня|сьогодні|bugün|astăzi|azi|σήμερα)\b"
                        r"|^\s*(?:今日|今天|오늘)", re.IGNORECASE)


def in_teaser(elem: HtmlElement) -> bool:
    """A date inside a link, or in a list item that links to another story: a teaser's date."""
    node = elem
    for _ in range(5):
        node = node.getparent()
        if node is None:
            return False
        if node.tag == "a":
            return not (node.get("href") or "").startswith("#")  # an in-page link leads to no other story
        if node.tag == "li":
            return any(len(element_text(a)) > 20 for a in node.iter("a"))
    return False


def in_card(elem: HtmlElement) -> bool:
    """In a list item or in a link that holds a headline: another story's teaser card (a link
    around an author's box alone is not)."""
    for node in elem.iterancestors():
        if node.tag == "li" or node.tag == "a" and len(element_text(node)) > 40:
            return True
        if node.tag in ("article", "main", "body"):
            return False
    return False
