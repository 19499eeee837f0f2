"""Listing pages (section fronts, tag, author, archive and search pages): lists of teasers, not an article.

A teaser is a headline linking to another page, often with an excerpt: an ``<article>`` element, or
one of a run of sibling cards alike in tag and class (``<li class="card">``, ``<div class="result">``).
The rule reads the paragraph-text map (``structure.paragraph_text_map``).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from statistics import median
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml.etree import XPath
from lxml.html import HtmlElement

from crawler.common.tree import is_inside
from crawler.common.urls import site_of
from crawler.extraction.candidates import MAX_LINK_TEXT_CHARS

_MIN_TEASERS = 4
_MIN_BODY_CHARS = 500
_LISTED_SHARE = 0.5
_DOMINANT_SHARE = 0.35
"""A listing shows at least this many teasers, none holding this share of the paragraph text."""
_MIN_CARDS = 8
"""Cards that are no ``<article>``: a run of at least this many alike siblings (a page's "more stories"
box holds a few; a section front, an author's page or a page of search results holds many)."""
_EXCERPT_MAX_CHARS = 600
"""A card's paragraph text is an excerpt: a typical card of a listing holds no more than this."""
_CARD_LEVELS = 4
"""How many levels above a headline its card may be (the heading, its link box, the card, a wrapper)."""
_BODY_TEASERS = 4
"""An article's body outside the teasers holds at least this many typical teasers' text."""
# (a headline linking to a place on its own page, "#post-12", heads a post, not another page's teaser)
HEADLINE_LINKS = XPath(
    ".//*[self::h2 or self::h3 or self::h4]//a[@href][not(starts-with(@href, '#'))]"
    " | .//a[@href][not(starts-with(@href, '#'))][.//*[self::h2 or self::h3 or self::h4]]"
)
_CHROME = re.compile(r"(?<![a-z])(?:nav|menu|header|footer|sidebar)", re.IGNORECASE)
_NUMBERED = re.compile(r"^(\d{1,3})(?!\d)")
# a live blog declares itself: its posts, each an <article> whose headline links to its permalink, are
# one story's updates, not teasers of other stories
_LIVE_BLOG = XPath("//script[@type='application/ld+json'][contains(., 'LiveBlogPosting')]"
                   " | //*[@itemtype][contains(@itemtype, 'LiveBlogPosting')]")


def is_listing_page(held: dict[HtmlElement, int], total: int, tree: HtmlElement, url: str | None = None) -> bool:
    """Whether the page is a list of teasers (section, tag, author, archive pages), not an article.

    In a listing, most paragraph text sits in several teasers, each with a headline linking to its
    own page, and no teaser holds a dominant share; an article page has one dominant body, and its
    related-story teasers hold little text.
    """
    teasers = _teasers(tree, url)
    if not teasers or _LIVE_BLOG(tree):
        return False
    if teasers[0].tag != "article" and not _is_card_listing(teasers, held, total):
        return False
    if _headline_story(tree, teasers, held):
        return False
    if total >= _MIN_BODY_CHARS:
        sizes = [held.get(elem, 0) for elem in teasers]
        if sum(sizes) < total * _LISTED_SHARE or max(sizes) >= total * _DOMINANT_SHARE:
            return False
        # Many teasers around one long body outside them is an article with a big "more stories" area:
        # a body several times as long as a typical teaser (the median: one long teaser sets no scale).
        return _longest_text_outside(teasers, held) < max(median(sizes) * _BODY_TEASERS, _MIN_BODY_CHARS * 2)
    # Hardly any paragraph text: excerpts in other elements (Ghost cards), measured as all their text.
    sizes = [len(elem.text_content()) for elem in teasers]
    page = len(tree.text_content())
    return sum(sizes) >= page * _LISTED_SHARE and max(sizes) < sum(sizes) * _DOMINANT_SHARE


def _headline_story(tree: HtmlElement, teasers: list[HtmlElement], held: dict[HtmlElement, int]) -> bool:
    """Whether a page headline (``<h1>``) heads an ``<article>`` that holds a body's paragraph text and
    none of the teasers: a short story, and the cards around it are its related stories. A listing's
    title heads the list, or an intro in a section of its own."""
    for headline in tree.iter("h1"):
        story = next(headline.iterancestors("article"), None)
        if story is not None and held.get(story, 0) >= _MIN_BODY_CHARS \
                and not any(is_inside(teaser, story) for teaser in teasers):
            return True
    return False


def _teasers(tree: HtmlElement, url: str | None) -> list[HtmlElement]:
    """The page's ``<article>`` teasers (innermost, with a headline link to another page of the
    site), else its cards (``_cards``); [] when there are too few of either."""
    elsewhere = _LinkTest(url)
    articles = [
        elem for elem in tree.iter("article")
        if next(elem.iterdescendants("article"), None) is None
        and any(elsewhere(link.get("href")) for link in HEADLINE_LINKS(elem))
    ]
    if len(articles) >= _MIN_TEASERS:
        return articles
    headlines = [heading for heading in tree.iter("h2", "h3", "h4")
                 if any((href := link.get("href")) is not None and not href.startswith("#") for link in heading.iter("a"))]
    if len(headlines) < _MIN_CARDS:  # (most articles: no run of cards to look for)
        return []
    cards = _cards(headlines, elsewhere)
    return cards if len(cards) >= _MIN_CARDS else []


class _LinkTest:
    """``_elsewhere_on_site`` for one page, each address tested once (cards repeat their links), the
    page's own address split once."""

    def __init__(self, url: str | None) -> None:
        self.url = url
        self.seen: dict[str | None, bool] = {}
        try:
            self.page = urlsplit(url) if url is not None else None
        except ValueError:
            self.page = None  # (no link is then taken for one to the site: as each test found before)
        self.site = site_of(url) if self.page is not None else None

    def __call__(self, href: str | None) -> bool:
        known = self.seen.get(href)
        if known is None:
            known = self.seen[href] = self._elsewhere_on_site(href)
        return known

    def _elsewhere_on_site(self, href: str | None) -> bool:
        """Whether a headline links to another page of the page's own site: a teaser's link. A link to
        the page itself (a live blog's "?post=12#post-12", a contents list's "#part-2") heads a part
        of it; a link to another site (a shop, a venue) heads an item of a listicle."""
        if not href:
            return False
        if self.url is None:
            return not href.startswith("#")
        page = self.page
        if page is None:
            return False
        try:
            target = urlsplit(urljoin(self.url, href))
        except ValueError:
            return False
        if target.path.rstrip("/") == page.path.rstrip("/") and target.netloc == page.netloc:
            return False
        return site_of(urlunsplit(target)) == self.site or not target.netloc


def _is_card_listing(cards: list[HtmlElement], held: dict[HtmlElement, int], total: int) -> bool:
    """What cards must show besides ``is_listing_page``'s shares to make a listing: they are no
    menu (the site's navigation sets its sections out as cards too), no numbered list (a listicle's
    items each head a part of one story), excerpts rather than whole posts, and the page holds
    little paragraph text outside them (an article with many "more stories" cards below it holds
    its body outside them)."""
    if any(_CHROME.search(f"{a.get('class') or ''} {a.get('id') or ''}") or a.tag in ("nav", "header", "footer")
           for a in cards[0].iterancestors()):
        return False
    ranks = [int(match.group(1)) for card in cards if (match := _NUMBERED.match(" ".join(card.text_content().split())))]
    if len(ranks) * 2 >= len(cards) and max(ranks) - min(ranks) + 1 == len(set(ranks)):
        return False  # 1, 2, 3...: a ranking (a date's day would repeat or skip)
    sizes = [held.get(card, 0) for card in cards]
    if median(sizes) > _EXCERPT_MAX_CHARS:
        return False  # whole posts one after another (a blog's front page) are read as its first post
    return total - sum(sizes) < max(median(sizes) * _BODY_TEASERS, _MIN_BODY_CHARS * 2)


def _cards(headlines: list[HtmlElement], elsewhere: _LinkTest) -> list[HtmlElement]:
    """The cards of the page's runs of siblings alike in tag and class that each hold a linked
    headline (at least ``_MIN_TEASERS`` alike): for each headline, the lowest such run around it (the
    cards themselves, not their wrappers)."""
    groups: dict[tuple[HtmlElement, str, str], dict[HtmlElement, None]] = {}
    chains = []
    for headline in headlines:
        if not any(elsewhere(link.get("href")) for link in headline.iter("a")):
            continue
        node, chain = headline, []
        for _ in range(_CARD_LEVELS):
            parent = node.getparent()
            if parent is None:
                break
            key = (parent, node.tag, node.get("class") or "")
            groups.setdefault(key, {})[node] = None
            chain.append(key)
            node = parent
        chains.append(chain)
    cards: dict[HtmlElement, None] = {}
    for chain in chains:
        key = next((key for key in chain if len(groups[key]) >= _MIN_TEASERS), None)
        if key is not None:
            cards.update(groups[key])
    return list(cards)


def _longest_text_outside(teasers: list[HtmlElement], held: dict[HtmlElement, int]) -> int:
    """The most paragraph text held by an element that neither is in a teaser nor contains one."""
    excluded: set[HtmlElement] = set()
    for teaser in teasers:
        excluded.update(teaser.iter())
        excluded.update(teaser.iterancestors())
    return max((size for elem, size in held.items() if elem not in excluded), default=0)


HEADLINE_LIST_MIN_LINES = 8
HEADLINE_LIST_SHARE = 0.6
"""A text of at least this many headline lines, holding this share of its characters, is a list of
the site's stories (an archive of plain links, a category page of headlines, a video hub), not an
article. On the benchmark pages no article's text comes near (the most: 28%, of seven lines)."""
_HEADLINE_MIN_CHARS = 15
"""A shorter link label is a menu entry or a section's name, not a headline."""
_LINE_LABEL_WORDS = 4
"""Words a listing puts beside a headline on its line: a date ("12 March 2024"), a section ("Sport")."""


def is_headline_list(blocks: list[str], link_texts: set[str], page: Callable[[], HtmlElement], url: str | None) -> bool:
    """Whether an extracted text is mostly headlines that link to other pages of the site: the teasers
    of a listing whose headlines sit in no heading or card that ``is_listing_page`` would know.

    ``link_texts``: the page's link texts, a cheap first test; ``page``: the page as parsed, whose
    links are read only when that test passes. A link blog's headlines lead to other sites: an article."""
    lines = [line for block in blocks for line in block.split("\n")]
    total = sum(map(len, lines))
    short = [line for line in lines if _HEADLINE_MIN_CHARS <= len(line) <= MAX_LINK_TEXT_CHARS]
    if len(short) < HEADLINE_LIST_MIN_LINES or sum(map(len, short)) < HEADLINE_LIST_SHARE * total:
        return False  # (an article: most of its text is in lines longer than any headline)
    if not _is_headline_text(short, total, link_texts):
        return False
    elsewhere = _LinkTest(url)
    headlines = {" ".join(link.text_content().split()) for link in page().iter("a") if elsewhere(link.get("href"))}
    return _is_headline_text(short, total, headlines)


def _is_headline_text(lines: list[str], total: int, headlines: set[str]) -> bool:
    needed = HEADLINE_LIST_SHARE * total
    unread = sum(map(len, lines))
    held = held_chars = 0
    for line in lines:
        unread -= len(line)
        if _holds_headline(" ".join(line.split()), headlines):
            held += 1
            held_chars += len(line)
        elif held_chars + unread < needed:
            return False  # (the lines left could not make the share)
    return held >= HEADLINE_LIST_MIN_LINES and held_chars >= needed


def _holds_headline(line: str, headlines: set[str]) -> bool:
    """A headline alone, or with a few words before or after it."""
    if line in headlines:
        return True
    words = line.split(" ")
    for cut in range(1, min(_LINE_LABEL_WORDS, len(words) - 1) + 1):
        for part in (" ".join(words[cut:]), " ".join(words[:-cut])):
            if len(part) >= _HEADLINE_MIN_CHARS and part in headlines:
                return True
    return False
