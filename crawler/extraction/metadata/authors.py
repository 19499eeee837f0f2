"""Authors: the byline a reader sees, as a list of people's names in byline order.

Sources: the visible byline (itemprop=author, rel=author, elements whose class/id says author or
byline, outside comments/sidebars/related boxes), JSON-LD ``author``, and ``<meta name=author>``
style tags. When the visible byline and JSON-LD disagree, the visible byline wins.
"""
from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.common.labels import (AS_OF, AUTHOR_LABELS, BY, BY_PHRASES, DATE_WORDS, PUBLISHED, UPDATED, WRITTEN,
                                   WRITTEN_BY_FR_ES, any_of)
from crawler.common.tree import has_ancestor, is_inside

from crawler.extraction.metadata.candidates import Candidates
from crawler.extraction.metadata.elementtext import class_id, element_text, squash
from crawler.extraction.metadata.zones import foreign_to_article, in_foreign_zone
from crawler.extraction.metadata.sitenames import SiteNames, key

_STRONG = re.compile(r"author|byline|by-line|autor|auteur|firma|verfasser|writer|journalist|reporter|posted-?by|"
                     r"article-?by|contributor", re.IGNORECASE)
# (Drupal's "field--label-hidden/above/inline" says how a field's label is shown, not that
# the element is a label)
_NOT_NAME_CLASS = re.compile(r"avatar|photo|image|img|bio|description|about|label(?!-(?:hidden|above|inline))|title|"
                             r"follow|social|share|more|other|count|icon|role|position|job", re.IGNORECASE)
_PREFIX = re.compile(
    r"^\s*(?:text\s*(?:&|\+|und|and)\s*(?:fotos?|photos?|bilder)|"  # "Text & Fotos: Name"
    r"(?:written|posted|published|reported|story|words|text|photos?|edited|created|article)\s+by|"
    r"(?:erstellt|geschrieben|verfasst|publiziert|eingestellt|gepostet|bearbeitet)\s+von|durch|"
    r"(?:zeige\s+)?alle\s+(?:beiträge|artikel)\s+von|(?:view\s+)?all\s+(?:posts|articles|stories)\s+by|"
    r"(?:mehr|more|articles|stories|posts)\s+(?:von|by|from)|"
    r"(?:zum\s+)?profil\s+von|rezept\s+von|recipe\s+by|(?:publié|écrit|rédigé)\s+par|(?:escrito|publicado)\s+por|(?:scritto|pubblicato)\s+da|"
    r"(?:ein\s+)?(?:beitrag|artikel|text|kommentar|gastbeitrag|analyse)\s+von|geschrieben\s+von|"
    rf"ver(?:ö|oe)ffentlicht\s+von|verfasst\s+von|autor(?:in)?(?:en)?|author(?:s)?|{any_of(BY)}|"
    r"di|da|de|van|vom|text|redakteur(?:in)?|reporter|verfasser(?:in)?|posted)\b\s*[:\-\u2013]?\s*",
    re.IGNORECASE,
)
_BY_INSIDE = re.compile(rf"(?:^|\s){any_of(BY)}\s*:?\s+(.+)$", re.IGNORECASE)
_OTHERS = re.compile(r"\s*(?:,|and|und|et|y|&)?\s*\d+\s+(?:others?|more|weitere|andere)\b.*$", re.IGNORECASE)
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
          r"july|august|september|october|november|december|januar|februar|märz|mai|juni|juli|oktober|"
          r"dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|"
          r"febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janeiro|"
          r"fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro)")
_WEEKDAY = (r"(?:mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
            r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so)")
# dates, times and their labels after a name; month and weekday names only next to digits
# or a comma, so "Jan Kupitz" and "April Ryan" stay names
_DATEISH = re.compile(
    r"\b\d{1,4}[./-]\d{1,2}(?:[./-]\d{1,4})?\b.*$|\b\d{1,2}:\d{2}\b.*$|"
    rf"\b(?:\d{{1,2}}\.?\s+)?{_MONTH}\.?\s+\d{{1,4}}\b.*$|\b\d{{1,2}}\.?\s+{_MONTH}\b.*$|"
    rf"\b{_WEEKDAY}\.?(?:,|\s+\d).*$|"
    rf"\b{any_of(UPDATED + PUBLISHED + AS_OF + DATE_WORDS + ('zuletzt', 'last', 'post date'))}\b.*$|"
    r"\b\d{1,2}\.\s*\d{1,2}\.(?:\s*\d{2,4})?.*$|"
    r"\b(?:vor\s+)?\d+\s+(?:hours?|minutes?|days?|stunden?|minuten?|tagen?)\b.*$|"
    r"\s[-\u2013\u2014|]\s.*$|\s(?:on|am|le|il|el|den)\s*$",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:;|,|\||\s(?:and|und|et|y|e|en|och|og|&)\s|\s&\s|\s\+\s)\s*", re.IGNORECASE)
_ROLE = re.compile(
    r"\b(?:staff|senior|chief|editor|editors|redakteur|redakteurin|redaktion|correspondent|reporter|"
    r"writer|contributor|columnist|photographer|journalist|korrespondent|korrespondentin|"
    r"autor|autorin|author|guest|freelance|managing|executive|news desk|desk)\b.*$",
    re.IGNORECASE,
)
_EMAIL_URL = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")
_NO_NAME = re.compile(r"^(?:by|von|par|door|and|und|admin|administrator|anonymous|unknown|the|a|an|of|"
                      r"others?|anderen|weitere|no\s+author|"
                      r"share|teilen|follow|folgen|mehr|more|email|e-mail|print|drucken|comments?|"
                      r"kommentare?|home|menu|search|suche|login|log in|sign in|subscribe|abonnieren|"
                      r"profile|profil|view all posts|all posts|posts|articles|artikel)$", re.IGNORECASE)


_LABEL = re.compile(r"^[\w\s\-]{1,30}?\s*[:\uff1a]\s*(?=\S)")
_TRAILING = re.compile(
    r"\s+(?:@\w+|\d+|\d+\s+min\.?\s+read.*|view|follow|folgen|mehr|more|profile?|kommentare|comments|"
    r"more\s+from.*|mehr\s+von.*|(?:in|at|um|à|en)(?:\s+\S+)?|"
    r"(?-i:[a-z0-9_.]{5,})|hosted\s+by.*|\w+\s*:.*|(?:chef|ressort|leiter|leiterin|redakteur|redakteurin|"
    r"chefredakteur|chefredakteurin|volontär|volontärin|praktikant|praktikantin|experte|expertin)\w*)$", re.IGNORECASE)


# a role written before the name: "FOCUS-Online-Experte Robin T.", "Gastautorin Eva Muster"
_ROLE_PREFIX = re.compile(r"^\S*(?:experte|expertin|redakteur|redakteurin|korrespondent|korrespondentin|autor|"
                          r"autorin|kolumnist|kolumnistin|reporterin)\s+(?=[A-ZÄÖÜ]\S*\s+[A-ZÄÖÜ])", re.IGNORECASE)


_REMARK = re.compile(r"\s*\([^()]*\)")


def clean_name(raw: str) -> str:
    name = squash(_REMARK.sub("", _EMAIL_URL.sub(" ", raw)))  # "Name (Sponsored Post)"
    name = _LABEL.sub("", name)
    for _ in range(3):
        name = _TRAILING.sub("", name).strip()
    name = _OTHERS.sub("", name)
    for _ in range(2):
        name = _PREFIX.sub("", name, count=1).strip()
    name = _DATEISH.sub("", name).strip()
    name = _ROLE_PREFIX.sub("", name)
    name = name.strip(" \t:;,|-\u2013\u2014()[]@/·•*~\"'\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a>\u2190\u2192\u00a9")
    name = name.lstrip(".")
    return squash(name)


_AFFILIATION = re.compile(
    r"\b(?:university|universität|université|universidad|college|institute|institut|program|programme|"
    r"project|foundation|stiftung|gmbh|inc|ltd|llc|e\.\s?v|department|marketing|google|"
    r"post|times|ledger|news|press|herald|journal|tribune|gazette|daily|chronicle|observer|magazine|"
    r"media|agency|agentur|zeitung|radio|network|digest|wire|bureau|staff|desk|redaktion|associated|"
    r"dpa|afp|ap|apa|reuters|kna|epd|sid|dapd|ddp|ots)\b|\s(?:bei|at|chez)\s", re.IGNORECASE)
_END_OF_NAMES = re.compile(r"\s[\u00b7\u2022|\u2014\u2013]\s|\s-\s")
_HAS_PREFIX = re.compile(rf"^\s*{any_of(BY)}\s*:?\s", re.IGNORECASE)


_MID_BY = re.compile(rf"^(?:\S+\s+){{1,3}}{any_of(w.capitalize() for w in BY)}\s+(?=[A-ZÄÖÜ])")


_TAXONOMY = re.compile(r"\s(?:kategorien?|categor(?:y|ies)|tags?|schlagw(?:ö|oe)rter|filed\s+under|posted\s+in|"
                       r"veröffentlicht\s+in|rubrik)\b\s*:?.*$", re.IGNORECASE)


def split_names(text: str) -> list[str]:
    text = _TAXONOMY.sub("", " " + squash(text)).strip()
    text = _END_OF_NAMES.split(text, maxsplit=1)[0]
    text = _MID_BY.sub("", text)
    text = _OTHERS.sub("", text)
    for _ in range(2):
        text = _PREFIX.sub("", text, count=1)
    text = _DATEISH.sub("", text)
    names, roles = [], []
    parts = [p for p in _SPLIT.split(text) if p.strip()]
    for part in parts:
        name = clean_name(part)
        if _ROLE.match(name) and (len(parts) > 1 or len(name.split()) > 1):  # "Staff Writer" beside a name
            if is_name(name):
                roles.append(name)
            continue
        if len(name.split()) > 2:
            # "Jane Doe Staff Writer": the role after a person's name goes ("HLNF Staff Report" stays)
            person = _ROLE.sub("", name).strip(" ,-\u2013|")
            name = person if len(person.split()) >= 2 else name
        before = name.split("/", 1)[0].strip()
        if before != name and looks_like_person(before):
            name = before  # "Peter Maahn/SP-X": the agency after a person's name ("det/dpa" stays)
        if is_name(name):
            names.append(name)
    people = [n for n in names if not _AFFILIATION.search(n)]
    # a byline that names only a desk or role ("By Staff Writer", "Redaktion X") is what it says
    return dedupe(people or names or roles)


_DEGREE = re.compile(r"^(?:ph\.?\s?d|m\.?d|dr|prof|mba|msc|m\.?sc|b\.?sc|ma|ba|rn|jr|sr|esq|dipl\.?[-\w]*)\.?$", re.IGNORECASE)


def is_name(name: str) -> bool:
    if not name or len(name) > 60 or _NO_NAME.match(name) or _DEGREE.match(name):
        return False
    words = name.split()
    if len(words) > 6 or any(w.isdigit() for w in words):  # "ca. 8 Min.", "Teil 2"
        return False
    if not any(ch.isalpha() for ch in name):
        return False
    return not name[0].isdigit()


_PARTICLES = {"von", "van", "de", "da", "der", "den", "del", "della", "di", "du", "la", "le", "zu", "ten", "ter",
              "dos", "das", "y", "bin", "al", "el"}


def looks_like_person(name: str) -> bool:
    """Two to five words, each capitalised (or a name particle or an initial), no digits."""
    words = name.split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() or ch in "@/$:" for ch in name):
        return False
    return all(w[0].isupper() or w.lower() in _PARTICLES for w in words) and not words[-1].lower() in _PARTICLES


def dedupe(names: list[str]) -> list[str]:
    seen, out = set(), []
    for name in names:
        k = key(name)
        if k and k not in seen:
            seen.add(k)
            out.append(name)
    return out


def _itemprop_names(elem: HtmlElement) -> list[str]:
    inner = [e for e in elem.iter() if "name" in (e.get("itemprop") or "").split()]
    if inner:
        values = [e.get("content") or element_text(e) for e in inner]
        names = [clean_name(v) for v in values if is_name(clean_name(v))]
        return dedupe([n for n in names if not _AFFILIATION.search(n)] or names)
    if elem.tag == "meta" or elem.tag == "link":
        return []
    return split_names(element_text(elem))


# secondary credits after the author: translators, editors, photographers
_SECONDARY = re.compile(r"(?<![&+])(?<!und)(?<!and)\s(?:übersetzt|übersetzung|translated|translation|edited|redigiert|bearbeitet|lektoriert|"
                        r"fotos?|photos?|illustrations?|illustriert|bilder|mitarbeit|additional\s+reporting|"
                        r"with\s+reporting|mit\s+material)\b\s*(?:von|by|:).*$", re.IGNORECASE)
# "Posted on May 3, 2020 by Jane Doe", "06.11.2023 13:30 von Olga": a date or label before "by"
_LEAD_BEFORE_BY = re.compile(rf"^{any_of(PUBLISHED + WRITTEN)}\b|\d", re.IGNORECASE)


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


def visible_byline(found: Candidates, site_name=None) -> list[str]:
    """Names from the first byline block outside comments, sidebars and related teasers. A block
    that names only the site (a logo with class "vcard author") does not end the search."""
    used: list[HtmlElement] = []
    explicit = None
    site_only: list[str] = []
    for prop in found.itemprops.get("author", []) + found.itemprops.get("creator", []):
        if prop.tag in ("meta", "link") or in_foreign_zone(prop, keep=found.keep) or _of_media(prop):
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
        cid = class_id(elem)
        strong = elem.tag == "a" and "author" in (elem.get("rel") or "") or _STRONG.search(cid) \
            or _header_credit(elem, cid)
        # a label element ("<span class=...Label>Autor:</span> Name") stands for the name after it
        if strong and _NOT_NAME_CLASS.search(_bem_parts(cid)) and elem not in found.tail_values \
                and not re.search(r"author-?name|byline", cid, re.IGNORECASE):
            continue
        text = squash(elem.tail) if elem in found.tail_values else element_text(elem)
        if not text or len(text) > 160:
            continue
        text = _LEADING_DATE.sub("", _SECONDARY.sub("", text))  # "04.02.2022 | 13:10 Uhr | Name"
        match = _BY_INSIDE.search(text)
        label = _BY_LABEL.match(text) if not match else None
        prefixed = bool(match or label) or elem in found.labelled
        if not strong and elem not in found.labelled:
            if not match and not label:
                continue
            # "Autor: Name (Sponsored Post), ...": the name after the label
            text = match.group(1) if match else text[label.end():]
        elif match and not _HAS_PREFIX.match(text) and _LEAD_BEFORE_BY.match(text):
            text = match.group(1)
        names = split_names(text)
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


_NOT_OWN_COLUMN = re.compile(r"comment|kommentar|reply|respond|related|recommend|popular|trending|most|"
                             r"meistgelesen|teaser|list|more|carousel|slider|widget", re.IGNORECASE)


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
_BY_LABEL = re.compile(rf"^\s*{any_of(AUTHOR_LABELS)}\s*:\s*(?=\S)", re.IGNORECASE)


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


_WRITTEN_BY_LABEL = re.compile(any_of(BY_PHRASES + WRITTEN_BY_FR_ES + AUTHOR_LABELS), re.IGNORECASE)


def meta_authors(found: Candidates) -> list[str]:
    # Yoast's Slack preview pair: twitter:label1 "Written by" / twitter:data1 "Jane Doe"
    for i in "12":
        labels = found.meta.get(f"twitter:label{i}", [])
        if labels and _WRITTEN_BY_LABEL.search(labels[0]):
            names = [n for v in found.meta.get(f"twitter:data{i}", []) for n in split_names(v)]
            if names:
                return dedupe(names)
    for name in ("author", "article:author", "article:author_name", "dc.creator", "dcterms.creator",
                 "citation_author", "parsely-author", "sailthru.author", "shareaholic:article_author_name",
                 "cxenseparse:author", "byl", "twitter:creator"):
        values = [v for v in found.meta.get(name, []) if v and not v.startswith(("http", "@", "/"))]
        names = [n for v in values for n in split_names(v)]
        if names:
            return dedupe(names)
    return []


def _is_site(name: str, sites: SiteNames) -> bool:
    k = key(name)
    return k in sites.keys or k in (sites.core, sites.host_key) or (len(name.split()) < 2 and sites.matches(name))


def _without_site(name: str, sites: SiteNames) -> str:
    """"Adam Aaronson PhillyVoice": the site's name after a person's name is an affiliation."""
    words = name.split()
    if len(words) >= 3 and key(words[-1]) and (key(words[-1]) in sites.keys or key(words[-1]) == sites.core):
        return " ".join(words[:-1])
    return name


def _people_first(names: list[str], both: set[str], sites: SiteNames) -> list[str]:
    """Names without the site's name when people are named too, else the names as they are."""
    people = [n for n in names if key(n) in both or not _is_site(n, sites)]
    return people or names


_LOWER_WORD = re.compile(r"(?-i:[a-z\u00df-\u00ff][a-z\u00df-\u00ff-]+)")


def _structured_names(value: str) -> list[str]:
    """Names from a JSON-LD author: a structured name carries no account handle after it, so a
    lower-case last word is a surname ("Mobasir hassan")."""
    names = split_names(value)
    whole = squash(value)
    if len(names) == 1 and whole.startswith(names[0] + " ") and _LOWER_WORD.fullmatch(whole[len(names[0]) + 1:]):
        return [whole]
    return names


def choose_authors(found: Candidates, ld_authors: list[str], sites: SiteNames) -> tuple[list[str], str]:
    ld = dedupe([n for a in ld_authors for n in _structured_names(a)])
    ld_keys = {key(n) for n in ld}
    visible = visible_byline(found, lambda n: key(n) not in ld_keys and _is_site(n, sites))
    # the site's name beside a person's is an affiliation ("Rob Picheta, CNN"); alone, it is the
    # byline a reader sees (a blog account, an organisation's press release), unless both
    # sources name it
    both = {key(n) for n in visible} & {key(n) for n in ld}
    visible = _people_first(visible, both, sites)
    visible = [_without_site(n, sites) for n in visible]
    ld = _people_first(ld, both, sites)
    if visible and ld:
        if {key(n) for n in visible} == {key(n) for n in ld}:
            return visible, "byline+json-ld"
        # JSON-LD lists only the first of the people the byline shows
        if {key(n) for n in ld} < {key(n) for n in visible} and all(looks_like_person(n) for n in visible):
            return visible, "byline"
        # the visible byline shows JSON-LD's people with extra words around them: JSON-LD's
        # forms are the clean ones
        shown = "".join(key(n) for n in visible)
        if all(key(n) in shown for n in ld):
            return ld, "json-ld+byline"
        # a clean byline naming other people wins (republished or re-attributed stories);
        # a byline that does not read as people's names does not
        if all(looks_like_person(n) for n in visible):
            return visible, "byline"
        return ld, "json-ld"
    if visible:
        return visible, "byline"
    if ld:
        return ld, "json-ld"
    names = meta_authors(found)
    if names:
        return names, "meta"
    names = post_author_reply(found)
    return (names, "post-author-comment") if names else ([], "")


_LOGIN_CLASS = re.compile(r"(?:^|\s)comment-author-([\w.-]+)")
_COMMENT_NAME_CLASS = re.compile(r"(?:^|\s)(?:fn|comment-author|comment_author|author|comment-author-name)(?:\s|$)")


def post_author_reply(found: Candidates) -> list[str]:
    """A page with no byline at all: WordPress marks the post author's own replies in the comment
    thread ("comment byuser comment-author-jane bypostauthor"); the name shown on that reply (or
    the login in its class) is the post's author."""
    for comment in found.post_author_comments:
        if "bypostauthor" not in (comment.get("class") or "").split():
            continue
        shown = [e for e in comment.iter() if e is not comment and isinstance(e.tag, str)
                 and _COMMENT_NAME_CLASS.search(e.get("class") or "")]
        # the vCard name ("fn") first: the author block may add "said, on August 3"
        shown.sort(key=lambda e: "fn" not in (e.get("class") or "").split())
        text = element_text(shown[0]) if shown else ""
        name = clean_name(text) if len(text) < 60 else ""
        if is_name(name):
            return [name]
        login = _LOGIN_CLASS.search(comment.get("class") or "")
        if login and is_name(login.group(1)):
            return [login.group(1)]
    return []
