"""The body's own wrappers that trafilatura prunes for a word in their names. Its widest prune reads
words such as "-icon", "meta" or "slide" anywhere in a class ("RichText--iconLinks", a modifier for
links drawn with an icon): where the wrappers so named hold most of the body's paragraph text, the
names are the template's for its story, not a widget's, and they go."""
from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.common.tree import is_inside
from crawler.compat.xpathguards import pruned_for_names
from crawler.extraction.furniturenames import named_furniture

_TEXT_NAME = re.compile(r"text|body|content|paragraph|article|story|prose", re.IGNORECASE)
"""A class that names the element as the story's text ("RichText"), whatever word the prune read in it."""
BODY_SHARE = 0.5
"""The share of the body's paragraph text the pruned wrappers must hold together."""


def unname_body_wrappers(main: HtmlElement | None, held: dict[HtmlElement, int]) -> int:
    """Drop the class and id of the outermost elements inside ``main`` (the body container) that hold
    paragraph text (``held``) and that trafilatura prunes for their names, when together they hold
    ``BODY_SHARE`` of the body's paragraph text; returns how many elements lost their names."""
    if main is None or not held.get(main):
        return 0
    pruned: list[HtmlElement] = []
    for elem in main.iterdescendants():
        # (in document order, the descendants of the last outermost one come right after it)
        if held.get(elem) and not (pruned and is_inside(elem, pruned[-1])) and pruned_for_names(elem):
            if named_furniture(elem.get("class"), elem.get("id")) or not _TEXT_NAME.search(elem.get("class") or ""):
                return 0  # (a widget, a slider, a reviews section: the names say what it is, not text)
            pruned.append(elem)
    if sum(held[elem] for elem in pruned) < held[main] * BODY_SHARE:
        return 0
    for elem in pruned:
        for attribute in ("class", "id"):
            elem.attrib.pop(attribute, None)
    return len(pruned)
