"""One pass over the intact tree: every element a metadata rule may look at, grouped by kind.

Nothing here decides anything; the field modules (title, authors, dates, urls, language) weigh
the candidates. The tree is only read, never modified.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

from crawler.common.labels import (
    AS_OF,
    AUTHOR_LABELS,
    BY,
    BY_PHRASES,
    DATE_PREPOSITIONS,
    MONTH,
    PUBLISHED,
    TEXT_LABELS,
    any_of,
    starts,
)
from crawler.extraction.metadata.elementtext import squash

_BYLINE_WORDS = re.compile(
    r"author|byline|by-line|autor|auteur|firma|verfasser|writer|journalist|reporter|posted-?by|article-?by|"
    r"(?<![a-z])by(?![a-z])|contributor|submitted|meta-?info|entry-?meta|post-?meta|article-?meta|credit",
    re.IGNORECASE,
)

# "vom" (German "by the") and "auteur" need no colon after them; the other author labels do
_BY_TEXT = re.compile(rf"^\s*(?:{any_of(BY + ('vom',) + BY_PHRASES)}|{any_of(AUTHOR_LABELS)}\s*[:\uff1a]|auteur)"
                      r"(?:\s*:)?(?:\s+|$|(?<=\uff1a))", re.IGNORECASE)
_BY_STARTS = starts(BY + ("vom",) + BY_PHRASES + AUTHOR_LABELS)

# cheap first test of class/id: any of the words the byline and date patterns start from
_INTERESTING = re.compile(r"a(?:ut)|by|writ|journ|report|c(?:ontrib|redit)|submit|m(?:eta|odif)|firma|verfass|"
                          r"dat|time|tijd|fecha|p(?:ubli|ost)|updat")
"""(the words of a first letter grouped: the search then tries one branch per letter)"""
_BY_WORD_ONLY = re.compile(rf"^\s*{any_of(BY + ('vom',) + BY_PHRASES + AUTHOR_LABELS)}\s*:?\s*$", re.IGNORECASE)

# (a bare "Datum:" does not make a date candidate: it also labels a photo's or an event's date)
_PUB_TEXT = re.compile(rf"^{any_of(PUBLISHED + AS_OF)}(?:\s+{any_of(DATE_PREPOSITIONS)})?\s*:?\s*(?:\d|{MONTH}\.?\s+\d)",
                       re.IGNORECASE)
_PUB_STARTS = starts(PUBLISHED + AS_OF)
_MAX_BYLINE_ROW = 160
"""A byline's row with the date after it ("By Name · Published ... · Updated ...") is at most this long."""
_ROW_SEPARATOR = re.compile(r"\s[\u00b7\u2022|]\s")
_DATE_THEN_NAME = re.compile(r"^\d{1,2}\.\s?\d{1,2}\.\s?\d{4}(?:\s*[|\u00b7-]\s*\d{1,2}[:.]\d{2}(?:\s*uhr)?)?\s*[|\u00b7-]\s*"
                             r"(?-i:[A-ZÄÖÜ][\w.'-]+(?:\s+[A-ZÄÖÜ][\w.'-]+){1,3})\s*$", re.IGNORECASE)
_DATE_THEN_BY = re.compile(r"^\d{1,2}[./]\s?\d{1,2}[./]\s?\d{2,4},?(?:\s+\d{1,2}[:.]\d{2}(?:\s*uhr)?)?\s*[|\u00b7-]?\s*"
                           rf"{any_of(BY)}\s+\S", re.IGNORECASE)

_MONTH_DATE_THEN_BY = re.compile(rf"^(?:{any_of(PUBLISHED)}\s+on\s+)?{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
                                 rf"\s*(?:[|\u00b7\u2022-]\s*)?{any_of(BY)}\s+\S", re.IGNORECASE)

# the article's own text container in common themes
_BODY_CLASS = re.compile(r"(?<![\w-])(?:entry-content|post-body|post-content|article-body|article__body|articlebody|"
                         r"story-body|article-content|single-content|td-post-content|blog-post-content)(?![\w-])",
                         re.IGNORECASE)
_DATE_WORDS = re.compile(r"date|datum|time|publish|updat|posted|modified|dateline|tijd|fecha", re.IGNORECASE)
_SOURCE_LINK_TEXT = re.compile(
    r"^\s*(source(\s+link)?|original(\s+article|\s+post|\s+story)?|quelle|originally\s+published\s+(at|on|by|in)"
    r"|read\s+the\s+original(\s+article)?|view\s+original|zum\s+original(artikel)?)\s*:?\s*$",
    re.IGNORECASE,
)
_SOURCE_LEAD_TEXT = re.compile(
    r"(originally\s+(published|appeared)\s+(at|on|in|by)|source\s*:|original\s+article\s*:|"
    r"this\s+(article|story|post)\s+(was\s+)?(first|originally)\s+(published|appeared)(\s+(at|on|in|by))?|"
    r"republished\s+(from|with\s+permission\s+(from|of)))\s*$",
    re.IGNORECASE,
)


@dataclass
class Candidates:
    """Everything the field rules read, collected in one walk of the tree."""

    meta: dict[str, list[str]] = field(default_factory=dict)  # lowercased name/property/itemprop -> contents
    links: dict[str, list[str]] = field(default_factory=dict)  # rel -> hrefs
    jsonld: list[str] = field(default_factory=list)  # raw JSON-LD script texts
    title: str = ""  # the <title> element
    base_href: str = ""  # the <base href> relative URLs are read against
    h1: list[HtmlElement] = field(default_factory=list)
    h2: list[HtmlElement] = field(default_factory=list)
    times: list[HtmlElement] = field(default_factory=list)  # <time> and itemprop date elements
    itemprops: dict[str, list[HtmlElement]] = field(default_factory=dict)  # non-meta itemprop elements
    bylines: list[HtmlElement] = field(default_factory=list)  # class/id/rel says author or byline
    labelled: set[HtmlElement] = field(default_factory=set)  # the value after an "Author" label (<dt>, <th>)
    tail_values: set[HtmlElement] = field(default_factory=set)  # labels whose value is their tail text
    source_links: list[HtmlElement] = field(default_factory=list)  # "Source link" style anchors
    dated: list[HtmlElement] = field(default_factory=list)  # class/id says date, time, published, updated
    html_lang: str = ""
    article: HtmlElement | None = None  # first <article> element
    keep: set[HtmlElement] = field(default_factory=set)  # the regions around the article (main_region)
    bodies: list[HtmlElement] = field(default_factory=list)  # class says article body ("entry-content")
    main_article: HtmlElement | None = None  # the <article> around the headline or body, if any
    post_author_comments: list[HtmlElement] = field(default_factory=list)  # WordPress "bypostauthor"
    item_metas: list[tuple[str, str, HtmlElement]] = field(default_factory=list)  # <meta itemprop>: key, value, element


def collect(tree: HtmlElement) -> Candidates:
    found = Candidates()
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    found.html_lang = root.get("lang") or root.get("xml:lang") or ""
    bylines, dated, itemprops = found.bylines, found.dated, found.itemprops
    kinds_of = _NAME_KINDS
    for elem in tree.iter(etree.Element):  # elements only, no comments or processing instructions
        tag = elem.tag
        if tag in _SPECIAL_TAGS:
            if tag in _HEAD_TAGS:
                _collect_head(found, elem, tag)
                continue
            if tag == "a":
                if _collect_link(found, elem):
                    continue
            elif tag == "h1":
                found.h1.append(elem)
            elif tag == "h2":
                if len(found.h2) < 5:
                    found.h2.append(elem)
            elif tag == "time":
                found.times.append(elem)
            elif tag == "article":
                if found.article is None:
                    found.article = elem
            elif tag == "br":
                tail = elem.tail
                # "Letzte Änderung: 31.10.2023<br>Erschienen am: 01.11.2023": a label after a line break
                if tail and tail.lstrip()[:2].lower() in _PUB_STARTS and _PUB_TEXT.match(tail.strip()):
                    dated.append(elem)
                continue
        prop = elem.get("itemprop")
        if prop:
            for key in prop.lower().split():
                itemprops.setdefault(key, []).append(elem)
        if tag in _NO_TEXT_TAGS:
            continue
        text = elem.text
        if text:
            own = text.strip().lstrip("|\u00b7\u2022 ")  # "Title | By Name": a separator first
            if own and (len(own) < 80 or (len(own) < _MAX_BYLINE_ROW and own[:2].lower() in _BY_STARTS)):
                _collect_text(found, elem, tag, own)
        cls = elem.get("class")
        ident = elem.get("id")
        if cls or ident:
            # by value, the class's and the id's apart: a template repeats its classes, an id is unique
            kinds = (kinds_of.get(cls) or _name_kinds(cls)) if cls else _NO_KINDS
            if ident:
                other = kinds_of.get(ident) or _name_kinds(ident)
                if other is not _NO_KINDS:
                    kinds = other if kinds is _NO_KINDS else (kinds[0] or other[0], kinds[1] or other[1],
                                                               kinds[2] or other[2])
            if kinds is _NO_KINDS:
                continue
            if cls and "bypostauthor" in cls and len(found.post_author_comments) < 3:
                found.post_author_comments.append(elem)
            body, byline, date = kinds
            if body and len(found.bodies) < 3:
                found.bodies.append(elem)
            if byline:
                bylines.append(elem)
            if date:
                dated.append(elem)
    if found.h1 and len(found.item_metas) > 1:
        _headline_item_first(found, found.h1[0])
    return found


def _collect_text(found: Candidates, elem: HtmlElement, tag: str, own: str) -> None:
    """From an element's own short text (stripped): a visible "By"/"Von" line (<p>By Jane Doe</p>,
    <span>By</span> <a>Jane Doe</a>), a "Published" label with its date, or a dateline run into a byline."""
    start = own[:2].lower()
    if start in _BY_STARTS and (len(own) < 60 or _ROW_SEPARATOR.search(own, 0, 60)) and (
        _BY_TEXT.match(own) or (tag in _LABEL_TAGS and _is_bare_author_label(elem, own))
    ):
        # (a longer line only when its byline ends early at a separator: "Par Claire Montagnon · Publié
        # le 14 février 2025 · Mis à jour le 16 février 2025", "Texto: Ana Ruiz · Fotos: Marc Vidal")
        _collect_by_label(found, elem, own)
    elif start in _PUB_STARTS and _PUB_TEXT.match(own):
        # "Veröffentlicht am 16.08.2019" in an element without a date class
        found.dated.append(elem)
    elif len(own) < 60 and (" BY " in own or " by " in own or " By " in own) and _MONTH_DATE_THEN_BY.match(own):
        # "SEPTEMBER 9, 2026 · BY NAME": a dateline in words, then the byline
        found.bylines.append(elem)
        found.labelled.add(elem)
    elif own[:1].isdigit() and len(own) < 60 and (_DATE_THEN_BY.match(own) or _DATE_THEN_NAME.match(own)):
        # "06.11.2023 13:30 von Olga", "04.02.2022 | 13:10 Uhr | Uta Muster": a dateline
        # followed by the byline
        found.bylines.append(elem)
        found.labelled.add(elem)


def _headline_item_first(found: Candidates, headline: HtmlElement) -> None:
    """Microdata of another item (a teaser carousel's ``<meta itemprop=datePublished>`` before the
    article) goes after the values of the item that holds the headline."""
    by_key: dict[str, list[tuple[str, HtmlElement]]] = {}
    for key, value, elem in found.item_metas:
        by_key.setdefault(key, []).append((value, elem))
    for key, entries in by_key.items():
        if len(entries) < 2:
            continue
        other = [value for value, elem in entries if not _same_item(elem, headline)]
        if other and len(other) < len(entries):
            values = found.meta[key]
            found.meta[key] = [v for v in values if v not in other] + other


def _same_item(elem: HtmlElement, headline: HtmlElement) -> bool:
    """Whether ``elem``'s nearest item (``itemscope``) holds the headline; True outside any item."""
    scope = next((a for a in elem.iterancestors() if a.get("itemscope") is not None), None)
    return scope is None or any(a is scope for a in headline.iterancestors())


_HEAD_TAGS = {"meta", "link", "script", "title", "base"}
_NO_TEXT_TAGS = {"html", "body", "head", "style"}
_SPECIAL_TAGS = _HEAD_TAGS | _NO_TEXT_TAGS | {"a", "h1", "h2", "time", "article", "br"}
"""The tags ``collect`` takes apart from the rest (one set test spares most elements six comparisons)."""


def _collect_head(found: Candidates, elem: HtmlElement, tag: str) -> None:
    """<meta> by name/property/itemprop, <link rel>, JSON-LD scripts, the <title>."""
    if tag == "meta":
        content = elem.get("content")
        if content is None:
            return
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = elem.get(attr)
            if key:
                found.meta.setdefault(key.strip().lower(), []).append(content.strip())
                if attr == "itemprop":
                    found.item_metas.append((key.strip().lower(), content.strip(), elem))
    elif tag == "link":
        href = elem.get("href")
        if not href:
            return
        for rel in (elem.get("rel") or "").lower().split():
            found.links.setdefault(rel, []).append(href.strip())
        if elem.get("itemprop"):
            found.meta.setdefault(elem.get("itemprop").lower(), []).append(href.strip())
    elif tag == "script":
        # the type first: reading a script's text copies it, and most scripts are long code
        if (elem.get("type") or "").strip().lower() == "application/ld+json" and elem.text:
            found.jsonld.append(elem.text)
    elif tag == "base":
        found.base_href = found.base_href or (elem.get("href") or "").strip()
    elif not found.title and elem.getparent() is not None and elem.getparent().tag != "svg":
        found.title = squash(elem.text_content())


def _collect_link(found: Candidates, elem: HtmlElement) -> bool:
    """rel=author links and "Source link"/"Originally published at" anchors; True if taken."""
    rel = elem.get("rel")
    if rel and "author" in rel.lower().split():
        found.bylines.append(elem)
        return True
    href = elem.get("href")
    if href and "/aut" in href and _AUTHOR_PAGE.search(href):
        found.bylines.append(elem)  # a link to the author's page: "/autor/ariel-melgar_7617"
        return True
    own = (elem.text or "").lstrip()
    # the link text can only be "Source link"/"Original article"/"Quelle"/"Read the original"/
    # "View original"/"Zum Original" if it starts with one of these letters
    if (own[:1].lower() in _SOURCE_INITIALS) if own else (0 < len(elem) < 3):
        text = (elem.text_content() if len(elem) < 3 else "") if len(elem) else own
        if len(text) < 60 and _SOURCE_LINK_TEXT.match(text):
            found.source_links.append(elem)
            return True
    lead = elem.getprevious()
    before = (lead.tail if lead is not None else elem.getparent().text)
    if before and not before.isspace():  # (most links: only the indentation before them)
        low = before[-80:].lower()
        if ("origin" in low or "source" in low or "first" in low or "republished" in low) \
                and _SOURCE_LEAD_TEXT.search(before[-80:]):
            found.source_links.append(elem)
    return False


_WRAPPER_DEPTH = 3
"""How many wrappers of a label alone ("<div class=field><p><strong>By</strong></p></div>") are
climbed to find the element of its value."""


def _labelled_value(label: HtmlElement, own: str) -> HtmlElement | None:
    """The element after a bare label, or after the wrappers that hold the label alone: a field
    layout puts label and value in two sibling wrappers (<div><p>By</p></div><div><p>Name</p></div>)."""
    node = label
    for _ in range(_WRAPPER_DEPTH + 1):
        after = node.getnext()
        if after is not None or (node.tail or "").strip():
            return after
        parent = node.getparent()
        if parent is None or squash(parent.text_content()) != squash(own):
            return None
        node = parent
    return None


_SOURCE_INITIALS = set("soqrvz")
_AUTHOR_PAGE = re.compile(r"/(?:author|autor|autore|auteur|autores)/[^/?#]+/?$")


# "Autor" without a colon, alone in a label of an info box: <h4>Autor</h4><p>Name</p>, <dt>Autor</dt><dd>
_BARE_AUTHOR_LABEL = re.compile(rf"^{any_of(a for a in AUTHOR_LABELS if a not in TEXT_LABELS)}$", re.IGNORECASE)
_LABEL_TAGS = {"dt", "th", "h3", "h4", "h5", "h6", "strong", "b", "span", "label", "div", "p"}


def _is_bare_author_label(elem: HtmlElement, own: str) -> bool:
    """A leaf whose whole text is an author label ("Autor", "Author"), followed by its value: an
    element of another kind (a header row of a table, "Autor | Titel", is no label and value)."""
    if len(elem) or not _BARE_AUTHOR_LABEL.match(own):
        return False
    after = elem.getnext()
    return after is not None and after.tag != elem.tag and not (elem.tail or "").strip()


def _collect_by_label(found: Candidates, elem: HtmlElement, own: str) -> None:
    """A "By"/"Von"/"Autor:" label: the byline is the element, its labelled value (the next
    element or the label's tail text) or, for a bare label, its parent."""
    leaf = len(elem) == 0
    label = leaf and _BY_WORD_ONLY.match(own)
    target = elem.getparent() if label and elem.getparent() is not None else elem
    value = squash(elem.tail) if label else ""
    after = _labelled_value(elem, own) if label and not value else None
    if value and len(value) < 80:
        # <h5>Autor:</h5>Peter Maahn: the value is the label's tail text
        found.tail_values.add(elem)
        found.labelled.add(elem)
        target = elem
    elif after is not None and not value and 0 < len(squash(after.text_content())) < 80:
        # <dt>Autor</dt><dd>Name</dd>, <span>By</span><a>Name</a>: the labelled value
        target = after
        found.labelled.add(target)
    if len(squash(target.text_content())) < 120:
        found.bylines.append(target)


_NAME_KINDS: dict[str, tuple[bool, bool, bool]] = {}
"""``_name_kinds``'s results by class/id value: templates repeat the same values (a dict read by the
walk itself costs less than a cached function's call)."""
_MAX_CACHED_NAMES = 16384
_NO_KINDS = (False, False, False)


def _name_kinds(names: str) -> tuple[bool, bool, bool]:
    """Whether a class or id value names an article body, a byline, a date (remembered in ``_NAME_KINDS``).

    Read on the whole value, not name by name: no pattern reads across the space between two names
    (none holds a space, and a space is no letter, digit or hyphen to the lookarounds); so a class's
    and an id's kinds are each one's, together.""" 
    if len(_NAME_KINDS) >= _MAX_CACHED_NAMES:
        _NAME_KINDS.clear()
    lowered = names.lower()
    body = ("cont" in lowered or "body" in lowered) and bool(_BODY_CLASS.search(names))
    if not _INTERESTING.search(lowered):
        kinds = (True, False, False) if body else _NO_KINDS
    elif names.isascii():  # lower-cased ASCII matches as the case-blind patterns do, several times faster
        kinds = body, bool(_BYLINE_WORDS_LOWER.search(lowered)), bool(_DATE_WORDS_LOWER.search(lowered))
    else:
        kinds = body, bool(_BYLINE_WORDS.search(names)), bool(_DATE_WORDS.search(names))
    if kinds is not _NO_KINDS and not any(kinds):
        kinds = _NO_KINDS
    _NAME_KINDS[names] = kinds
    return kinds


_BYLINE_WORDS_LOWER = re.compile(_BYLINE_WORDS.pattern)
_DATE_WORDS_LOWER = re.compile(_DATE_WORDS.pattern)
