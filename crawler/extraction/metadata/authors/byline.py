"""The byline a reader sees: itemprop=author, rel=author and the elements whose class/id says author
or byline (or that a "By"/"Von" label introduces), outside comments, sidebars and related teasers."""
from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree
from lxml.html import HtmlElement

from crawler.common.labels import (
    AUTHOR_LABELS,
    BY,
    MONTH,
    PLATFORM_CREDITS,
    PUBLISHED,
    TEXT_AND_PICTURES,
    WRITTEN,
    any_of,
)
from crawler.common.tree import has_ancestor, is_inside
from crawler.extraction.metadata.authors.names import (
    AFFILIATION,
    clean_name,
    dedupe,
    is_name,
    looks_like_person,
    reads_as_prose,
    split_names,
)
from crawler.extraction.metadata.candidates import Candidates
from crawler.extraction.metadata.elementtext import class_id, element_text, squash
from crawler.extraction.metadata.zones import foreign_to_article, in_foreign_zone

_STRONG = re.compile(r"author|byline|by-line|autor|auteur|firma|verfasser|writer|journalist|reporter|posted-?by|"
                     r"article-?by|contributor", re.IGNORECASE)

# (Drupal's "field--label-hidden/above/inline" says how a field's label is shown, not that
# the element is a label)
_NOT_NAME_CLASS = re.compile(r"avatar|photo|image|img|bio|description|about|label(?!-(?:hidden|above|inline))|title|"
                             r"follow|social|share|more|other|count|icon|role|position|job", re.IGNORECASE)
_BY_INSIDE = re.compile(rf"(?:^|\s){any_of(BY)}\s*:?\s+(.+)$", re.IGNORECASE)
_PLATFORM_CREDIT = re.compile(rf"(?:^|\s){any_of(PLATFORM_CREDITS)}(?:\s|$).*", re.IGNORECASE)
_HAS_PREFIX = re.compile(rf"^\s*{any_of(BY)}\s*:?\s", re.IGNORECASE)


_ORGANIZATION_TYPE = re.compile(r"organi[sz]ation|corporation", re.IGNORECASE)


def is_organization(prop: HtmlElement) -> bool:
    """An ``itemprop=author`` typed as an organisation (schema.org's Organization and its kinds):
    a desk or the publisher, which a page naming a person elsewhere does not mean as its author."""
    return bool(_ORGANIZATION_TYPE.search(prop.get("itemtype") or ""))


def organization_authors(found: Candidates) -> list[str]:
    """Names of the organisations declared as author in microdata (``is_organization``)."""
    names = [n for prop in found.itemprops.get("author", []) if is_organization(prop)
             and not in_foreign_zone(prop, keep=found.keep) for n in _itemprop_names(prop)]
    return dedupe(names)


def _itemprop_names(elem: HtmlElement) -> list[str]:
    inner = [e for e in elem.iter() if "name" in (e.get("itemprop") or "").split()]
    if inner:
        values = [e.get("content") or element_text(e) for e in inner]
        names = [clean_name(v) for v in values if is_name(clean_name(v))]
        return dedupe([n for n in names if not AFFILIATION.search(n)] or names)
    if elem.tag == "meta" or elem.tag == "link":
        return []
    return split_names(element_text(elem))


# secondary credits after the author: translators, editors, photographers
_SECONDARY = re.compile(r"(?<![&+])(?<!und)(?<!and)\s(?:übersetzt|übersetzung|translated|translation|edited|redigiert|bearbeitet|lektoriert|"
                        r"fotos?|photos?|illustrations?|illustriert|bilder|mitarbeit|additional\s+reporting|editing|"
                        r"with\s+reporting|mit\s+material)\b\s*(?:von|by|:).*$", re.IGNORECASE)

# "Posted on May 3, 2020 by Jane Doe", "06.11.2023 13:30 von Olga", "SEPTEMBER 9, 2026 · BY NAME": a date
# or label before "by"
_LEAD_BEFORE_BY = re.compile(rf"^{any_of(PUBLISHED + WRITTEN)}\b|\d|^{MONTH}\.?\s+\d", re.IGNORECASE)
_MEDIA_TYPE = re.compile(r"imageobject|photograph|videoobject|mediaobject|audioobject", re.IGNORECASE)
_MEDIA_CLASS = re.compile(r"image|img|photo|foto|picture|caption|figure|copyright|credit|source|quelle", re.IGNORECASE)


def _of_media(prop: HtmlElement) -> bool:
    """An itemprop=author that belongs to an image or video (its photographer), not the article."""
    if _MEDIA_CLASS.search(class_id(prop)):
        return True
    node = prop.getparent()
    while node is not None:
        if node.tag == "figure":
            return True
        if node.get("itemscope") is not None:
            return bool(_MEDIA_TYPE.search(node.get("itemtype") or ""))
        node = node.getparent()
    return False


_PHOTO_CREDIT = re.compile(r"(?:bild|fotos?|photos?|image|picture)\s*(?::|©|\(c\))", re.IGNORECASE)
"""A picture's credit in a box marked as a byline ("Bild © hr", "Foto: Name"). (A bare "© Name" can
be the author's own portrait in the author's box.)"""


def visible_byline(found: Candidates, site_name: Callable[[str], bool] | None = None) -> list[str]:
    """Names from the first byline block outside comments, sidebars and related teasers. A block
    that names only the site (a logo with class "vcard author") does not end the search."""
    used: list[HtmlElement] = []
    explicit = None
    site_only: list[str] = []
    for prop in found.itemprops.get("author", []) + found.itemprops.get("creator", []):
        if prop.tag in ("meta", "link") or in_foreign_zone(prop, keep=found.keep) or _of_media(prop):
            continue
        if is_organization(prop):  # the publisher's desk as author: the last resort (``organization_authors``)
            continue
        names = _itemprop_names(prop)
        if names and site_name is not None and all(site_name(n) for n in names):
            # the theme's author markup names the site account: a person's byline may follow
            site_only = site_only or names
            break
        if names:
            # siblings with the same itemprop (multi-author bylines)
            more = [n for p in found.itemprops.get("author", []) if p is not prop
                    and p.getparent() is prop.getparent() and not in_foreign_zone(p, keep=found.keep)
                    for n in _itemprop_names(p)]
            return dedupe(names + more)
    for elem in found.bylines:
        if any(is_inside(elem, u) for u in used):
            continue
        if elem.tag in ("meta", "link", "img", "time") or (foreign_to_article(found, elem)
                                                            and not _in_own_column(found, elem)):
            continue
        if next(elem.iterancestors("figcaption"), None) is not None:
            continue  # a photo's credit ("<span class='firma-foto'>GETTY IMAGES</span>" in its caption)
        cid = class_id(elem)
        strong = elem.tag == "a" and "author" in (elem.get("rel") or "") or _STRONG.search(cid) \
            or _header_credit(elem, cid)
        # a label element ("<span class=...Label>Autor:</span> Name") stands for the name after it
        if strong and _NOT_NAME_CLASS.search(_bem_parts(cid)) and elem not in found.tail_values \
                and not re.search(r"author-?name|byline", cid, re.IGNORECASE):
            continue
        if elem not in found.tail_values and _holds_name_part(found, elem):
            continue  # an author card: its element named for the name says it, not the card's bio
        if elem in found.tail_values:
            text = squash(elem.tail)
        else:
            text = _text_by_lines(elem) or _without_asides(elem, element_text(elem))
        if not text or len(text) > 160 or _PHOTO_CREDIT.match(text):
            continue
        text = _PLATFORM_CREDIT.sub("", text, count=1)  # the site's credits to its software, to the end
        text = _TEXT_AND_PICTURES.sub("text", text, count=1)  # "Texte et photos : Name": the text's credit
        text = _LEADING_DATE.sub("", _SECONDARY.sub("", text))  # "04.02.2022 | 13:10 Uhr | Name"
        match = _BY_INSIDE.search(text)
        label = _BY_LABEL.match(text) if not match else None
        prefixed = bool(match or label) or elem in found.labelled
        if not strong and elem not in found.labelled:
            if not match and not label:
                continue
            if match and not _HAS_PREFIX.match(text) and reads_as_prose(text):
                continue  # "by" inside a sentence of credits: "Our theme music is by Quiet Harbour."
            # "Autor: Name (Sponsored Post), ...": the name after the label
            text = match.group(1) if match else text[label.end():]
        elif match and not _HAS_PREFIX.match(text) and _LEAD_BEFORE_BY.match(text):
            text = match.group(1)
        names = split_names(text)
        if reads_as_prose(text) and not all(looks_like_person(n) for n in names):
            continue  # an author box's bio ("Ines Alvarez covers transport. ... Ines worked at ...")
        if names and site_name is not None and all(site_name(n) for n in names):
            site_only = site_only or names
            continue
        if names:
            # a bare CMS account link (no "By") may stand for a republished story's own byline
            if not prefixed and explicit is None and (_is_account_link(elem)
                                                      or not all(looks_like_person(n) for n in names)):
                explicit = _explicit_byline(found, elem)
                if explicit:
                    return explicit
            used.append(elem)
            # "By <a>A</a>, <a>B</a>": other rel=author/author links beside this one
            for other in found.bylines:
                if other is not elem and other.getparent() is elem.getparent() and other.tag == elem.tag \
                        and class_id(other) == cid and not any(is_inside(other, u) for u in used) \
                        and not element_text(other).endswith(":"):  # the next label ("Quelle:")
                    names += split_names(element_text(other))
            return dedupe(names)
    return site_only


# parts of a byline that say something else about the person: a job title; the place and time, after
# which no name follows ("<span class=author-title>Health Reporter</span>", "<span class=lugar-fecha>")
_ROLE_CLASS = re.compile(r"(?<![a-z])(?:role|job|position|designation|title)(?![a-z])", re.IGNORECASE)
_WHEN_WHERE_CLASS = re.compile(r"(?<![a-z])(?:lugar|location|place|dateline|date|fecha|datum|time)(?![a-z])",
                               re.IGNORECASE)
_NAME_CLASS = re.compile(r"name", re.IGNORECASE)


_NAME_PART = re.compile(r"(?<![a-z])name(?![a-z])", re.IGNORECASE)


def _holds_name_part(found: Candidates, elem: HtmlElement) -> bool:
    """Whether a byline block holds another candidate, one the search takes, whose class names the
    name ("author-card__name") beside other text (a role, a bio): that candidate is the name."""
    if len(elem) == 0 or _NAME_PART.search(_bem_parts(class_id(elem))):
        return False
    return any(other is not elem and _NAME_PART.search(_bem_parts(class_id(other))) and is_inside(other, elem)
               and not (foreign_to_article(found, other) and not _in_own_column(found, other))
               for other in found.bylines)


def _without_asides(elem: HtmlElement, text: str) -> str:
    """A byline's text without its parts whose class names a job title, and ended where a part
    whose class names a place or a time starts, when the rest still names someone (a name alone in
    an "author-title" element stays)."""
    rest = text
    for part in elem.iterdescendants():
        cid = class_id(part)
        if not cid or _NAME_CLASS.search(cid):
            continue
        role = _ROLE_CLASS.search(cid)
        if role or _WHEN_WHERE_CLASS.search(cid):
            aside = element_text(part)
            if aside and aside != rest and aside in rest:
                rest = rest.replace(aside, " " if role else " | ", 1)
    rest = squash(rest)
    return rest if rest != text and split_names(rest) else text


_NOT_OWN_COLUMN = re.compile(r"comment|kommentar|reply|respond|related|recommend|popular|trending|most|"
                             r"meistgelesen|teaser|list|more|carousel|slider|widget", re.IGNORECASE)


def _text_by_lines(elem: HtmlElement) -> str:
    """A byline set in lines (``<br>``): its first line, then each later line that names people
    first, joined as a list ("Name, Role<br>& Other Name, Role"); a dateline's place on the next line
    ("Kakuma /Kenia") or a role is no name to glue to the last one. "" when there is one line, or
    when the first names nobody (a "By" label alone on its line)."""
    if elem.find(".//br") is None:
        return ""
    lines, parts = [], []
    for event, node in etree.iterwalk(elem, events=("start", "end")):
        if event == "start":
            if node.tag == "br":
                lines.append(squash("".join(parts)))
                parts = []
            elif node.tag not in ("script", "style") and isinstance(node.tag, str):
                parts.append(node.text or "")
        elif node is not elem:
            parts.append(node.tail or "")
    lines = [line for line in lines + [squash("".join(parts))] if line]
    if len(lines) < 2 or not split_names(lines[0]):
        return ""
    more = [_JOINER.sub("", line) for line in lines[1:]]
    return "; ".join(lines[:1] + [line for line in more if (names := split_names(line)) and looks_like_person(names[0])])


_JOINER = re.compile(r"^(?:&|\+|and|und|et|y)\s+", re.IGNORECASE)


def _in_own_column(found: Candidates, elem: HtmlElement) -> bool:
    """A "By Name" line in a side column inside the article's own <article> element (a sidebar
    holding the post's byline), not in a list, comment, teaser or link to another page there."""
    article = found.main_article
    if article is None or not _HAS_PREFIX.match(element_text(elem)):
        return False
    node = elem
    while node is not None and node is not article:
        if node.tag in ("li", "nav", "footer", "a") or _NOT_OWN_COLUMN.search(class_id(node)):
            return False
        node = node.getparent()
    return node is article


def _header_credit(elem: HtmlElement, cid: str) -> bool:
    """A "credit" line in an <article>'s own <header> (a wire service: "JIJI"), not an image's."""
    if "credit" not in cid.lower().split():
        return False
    parent = elem.getparent()
    return parent is not None and parent.tag == "header" and has_ancestor(parent, "article") \
        and not any(e.tag in ("figure", "img", "picture") for e in parent)


def _bem_parts(names: str) -> str:
    """Class names without their BEM block ("ng-sharekit__contributors--author": the
    contributor part of a share kit is no share button); an image's block stays
    ("article-img__author" is its photographer)."""
    return " ".join(t.split("__", 1)[1] if "__" in t and not _MEDIA_CLASS.search(t.split("__", 1)[0]) else t
                    for t in names.split())


_LEADING_DATE = re.compile(r"^\d{1,2}\.\s?\d{1,2}\.\s?\d{4}(?:\s*[|\u00b7-]\s*\d{1,2}[:.]\d{2}(?:\s*uhr)?)?"
                           r"\s*[|\u00b7-]\s*(?=[A-ZÄÖÜ])", re.IGNORECASE)
_BY_LABEL = re.compile(rf"^\s*{any_of(AUTHOR_LABELS)}\s*[:\uff1a]\s*(?=\S)", re.IGNORECASE)
_TEXT_AND_PICTURES = re.compile(rf"^\s*{any_of(TEXT_AND_PICTURES)}(?=\s*[:\uff1a])", re.IGNORECASE)
"""A label that credits the text and the pictures to one person: its pictures' part would read as a
photo credit, which ``_SECONDARY`` takes away with the name after it; it reads as "text" instead."""


def _is_account_link(elem: HtmlElement) -> bool:
    links = [elem] if elem.tag == "a" else list(elem.iter("a"))
    return len(links) == 1 and element_text(links[0]) == element_text(elem)


def _explicit_byline(found: Candidates, account: HtmlElement) -> list[str]:
    """A later "By Name" line in the article (a republished story's own byline) beats a bare
    author-account link of the CMS."""
    for elem in found.bylines:
        if elem is account or is_inside(elem, account) or in_foreign_zone(elem, keep=found.keep):
            continue
        text = element_text(elem)
        if len(text) <= 120 and _HAS_PREFIX.match(text):
            names = split_names(text)
            if names:
                return names
    return []
