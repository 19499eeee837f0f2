"""Page regions whose names and dates belong to something other than the article: comment threads,
sidebars, related teasers, navigation, footers, the theme's top bar and the site's masthead; and the
article's own region (``main_region``) that none of them can be."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from lxml.html import HtmlElement

from crawler.common.tree import has_ancestor
from crawler.extraction.metadata.elementtext import class_id

if TYPE_CHECKING:
    from crawler.extraction.metadata.candidates import Candidates

# class/id words of page regions whose names and dates belong to something other than the
# article: comments, sidebars, related teasers, the theme's top bar, footers, navigation.
_FOREIGN_ZONE = re.compile(
    r"comment|kommentar|respond|reply|sidebar|widget|related|recommend|teaser|popular|trending|"
    r"(?<![a-z])nav(?![a-z])|navbar|navigation|menu|footer|top-?bar|header-top|td-header|breadcrumb|"
    r"social|newsletter|(?<![a-z])promo(?![a-rt-z])|more-?stories|read-?more|next-?post|prev-?post|post-?nav|"
    r"pagination|carousel|slider|archive|tagcloud|listing|disqus|most-?viewed|most-?read|meistgelesen|"
    r"instagram-media|twitter-tweet|tiktok-embed|fb-post|"
    r"(?<![a-z])wm-ipp",  # the toolbar a web archive shows over the pages it replays
    re.IGNORECASE,
)
_FOREIGN_TAGS = {"aside", "nav", "footer"}

# class tokens that describe the page layout or the post's taxonomy, not the region itself:
# WordPress post_class ("category-menu", "tag-comments"), "one-sidebar", "with-navigation"
_LAYOUT_TOKEN = re.compile(r"^(?:category|tag|post|format|status|type|with|has|no|one|two|three|layout|page|body|"
                           r"is|zen|node|section|single|template|panel|col)[-_]|"
                           r"sidebar-(?:first|second|left|right|on|off|l|r|active|enabled|disabled|layout)$|"
                           r"-parent$|^sticky|^layout[A-Z]",
                           re.IGNORECASE)

# the post's own footer, meta bar or side column ("post-footer", "entry-footer-meta", Blogger's
# "post-footer-line", "c--article-sidebar" with a namespace prefix): it holds the byline and date,
# unlike the site's footer and sidebar
_OWN_PART = re.compile(r"^(?:[a-z]{1,3}-{1,2})?(?:(?:post|entry|article|story|node|blog-?post|content)[-_]+footer"
                       r"|(?:post|entry|article|story)[-_]+sidebar)", re.IGNORECASE)

# an article's own <aside>/<footer> block that says it carries the byline or meta data
_META_BLOCK = re.compile(r"meta|byline|author|info", re.IGNORECASE)
_OWN_BAR = re.compile(r"top-?bar|header-top", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _zone_names(names: str) -> str:
    return " ".join(t for t in names.split() if not _LAYOUT_TOKEN.match(t) and not _OWN_PART.match(t))


@lru_cache(maxsize=4096)
def _foreign_zone(names: str) -> str | None:
    """The foreign-zone word in a class/id value, if any (cached: templates repeat their classes)."""
    zone = _FOREIGN_ZONE.search(_zone_names(names))
    return zone.group(0) if zone else None


def main_region(anchors: list[HtmlElement]) -> set[HtmlElement]:
    """The anchors (the headline, the article body) and every element around them. A region
    that contains the article is the page's content column, whatever its class says
    ("content-area sidebar", "right-sidebar row", "widget Blog"): it is no sidebar or footer."""
    keep: set[HtmlElement] = set()
    for anchor in anchors:
        node = anchor
        while node is not None and node not in keep:
            keep.add(node)
            node = node.getparent()
    return keep


def in_foreign_zone(elem: HtmlElement, stop: HtmlElement | None = None,
                    keep: set[HtmlElement] | None = None) -> bool:
    """True if the element sits in a comment thread, sidebar, related box, nav, footer or top bar.
    ``keep``: the regions around the article (``main_region``); a zone that contains the article
    is not foreign, and nothing above it is either."""
    node = elem
    while node is not None and node is not stop:
        if keep and node in keep:
            return False
        tag = node.tag if isinstance(node.tag, str) else ""
        # an <article>'s own footer holds its byline and date (Drupal's node__meta)
        if tag in _FOREIGN_TAGS and not (tag in ("footer", "aside") and has_ancestor(node, "article")
                                         and (tag == "footer" or _META_BLOCK.search(class_id(node)))):
            return True
        if tag in ("body", "html"):
            return False
        if tag != "a":
            zone = _foreign_zone(class_id(node))
            # an <article>'s own top bar or header row holds its byline
            if zone and not (_OWN_BAR.fullmatch(zone) and has_ancestor(node, "article")):
                return True
        node = node.getparent()
    return False


# the site's masthead drawn with <div>s ("masthead-header", "site-header", "page-header top"):
# its date is today's, not the article's
# and the strips above it ("top-strip", "utility-bar", "date-bar"; a "topline" is an article's own kicker)
_SITE_HEADER = re.compile(r"(?<![\w-])(?:masthead[\w-]*|(?:site|page|main|global|top)[-_]?header[\w-]*|header"
                          r"|top[-_]?strip[\w-]*|(?:utility|date)[-_]?bar[\w-]*)(?![\w-])", re.IGNORECASE)


def in_page_header(elem: HtmlElement, keep: set[HtmlElement] | None = None) -> bool:
    """True if the element sits in the site's <header> or masthead block (not an article's own
    header: one inside <article>/<main>, or one that holds the headline, see ``main_region``)."""
    node = elem.getparent()
    while node is not None:
        if keep and node in keep:
            return False
        if node.tag != "header" and (node.get("class") or node.get("id")) and _SITE_HEADER.search(class_id(node)):
            return True
        if node.tag == "header":
            if keep and node in keep:
                return False
            # an article header is inside <article> or a main content block
            return not has_ancestor(node, ("article", "main"))
        if node.tag in ("article", "main"):
            return False
        node = node.getparent()
    return False


_NOT_OWN = re.compile(r"comment|kommentar|reply|respond|related|recommend|popular|trending|most|meistgelesen|"
                      r"(?<![a-z])nav|menu|sidebar|widget|list|more|carousel|slider|top-?bar|header-top", re.IGNORECASE)
"""Zones never the article's own, even beside its container: a top bar outside the article holds the
theme's date of today, in the page's wrapper that also holds the article."""


def foreign_to_article(found: Candidates, elem: HtmlElement) -> bool:
    """A date or byline in a comment, sidebar, teaser or the theme's bars; but a meta, share or
    footer bar that sits right in the article's container (beside its headline or body: "c-teaser__meta",
    "socialshareBox", a "footer" inside the article block) is the article's own."""
    if not in_foreign_zone(elem, keep=found.keep):
        return False
    node = elem.getparent()
    for _ in range(3):
        if node is None or _NOT_OWN.search(class_id(node)) or node.tag in ("nav", "aside", "li"):
            return True
        if node.getparent() in found.keep and node.getparent().tag not in ("body", "html"):
            return False
        node = node.getparent()
    return True
