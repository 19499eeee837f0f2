"""The headline: the visible <h1> (or h2) that agrees with og:title / JSON-LD / <title> once site
names are cut from either end; else the best meta title with the site name cut off."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from crawler.common.labels import CONTINUED_MARK
from crawler.common.urls import archived_original
from crawler.extraction.metadata.candidates import Candidates
from crawler.extraction.metadata.contentheading import opening_headings
from crawler.extraction.metadata.elementtext import element_text, squash
from crawler.extraction.metadata.sitenames import SiteNames, key
from crawler.extraction.metadata.zones import in_foreign_zone

# separators between a headline and a site name or section: "Headline | Site", "Site - Headline"
# Chinese and Japanese titles set the site name apart without spaces ("标题_新华网", "标题｜日报", "标题－网"),
# and a full-width bar separates wherever it stands
_SEPARATOR = re.compile(r"\s+[|\-\u2013\u2014\u00bb\u00ab\u203a\u2039\u00b7\u2022/:~]{1,2}\s+|"
                        r"\s*[|\u2022\uff5c]\s*|:\s+|"
                        r"(?<=[\u3000-\u9fff\uff01-\uff60])[_\-\uff0d\u2014](?=[\u3000-\u9fff\uff01-\uff60])")
# a publisher named at the end of a republished story's title ("Headline | CNN", "Headline - NEWS.NET"):
# an acronym or a domain name, after a pipe or a dash
_PUBLISHER_TAG = re.compile(r"^(?:[A-Z][A-Z0-9&]{1,5}|(?i:(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}))$")
# a Chinese site's name as its titles end ("标题-新华网", "标题_北京日报"): a few Han characters, then the
# word for a news site, paper or channel
_CJK_SITE = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:网|網|报|報|新闻|新聞|在线|在線|频道|頻道|电视台|電視台)$")
_TAG_SEPARATOR = re.compile(r"^\s*[|\u2013\u2014]\s*$|^\s+-\s+$")
_DATE_SEGMENT = re.compile(r"^\s*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\s*$")
# the classic WordPress theme's "Site » Blog Archive » Headline", a forum's "Board • View topic - Headline"
_ARCHIVE_LABEL = re.compile(r"^\s*(?:blog[\s-]*archiv(?:e|es)?|view\s+topic|thema\s+anzeigen|voir\s+le\s+sujet|ver\s+tema)\s*$",
                            re.IGNORECASE)
_FORMATTING = {"b", "i", "em", "strong", "a", "u", "small", "sup", "sub", "br", "abbr", "q", "mark"}
_HIDDEN = re.compile(r"hidden|sr-only|screen-?reader|visually-?hidden|offscreen|invisible|aural", re.IGNORECASE)
_LOGO = re.compile(r"logo|site-?title|site-?name|(?<![a-z])brand|blog-?title|blog-?name|masthead", re.IGNORECASE)
_KICKER = re.compile(r"kicker|dachzeile|topline|overline|roofline|eyebrow|supertitle|spitzmarke|"
                     r"headline-?intro|title-?prefix|rubric|flag|label", re.IGNORECASE)


_MAX_SEGMENTS = 12


def segments(title: str) -> list[str]:
    return [s.strip() for s in _SEPARATOR.split(title) if s and s.strip()]


def strip_site(title: str, sites: SiteNames) -> str:
    """Cut leading and trailing segments that name the site (" | Site", "Site - ", "» site.com")."""
    title = squash(title)
    if not title:
        return ""
    parts = _SEPARATOR.split(title)
    seps = _SEPARATOR.findall(title)
    if len(parts) == 1:
        return "" if sites.matches(title) and len(key(title)) < 30 and _only_site(title, sites) else title
    if len(parts) > _MAX_SEGMENTS:
        return title  # no headline and site name: a keyword list (the search below is quadratic in it)
    start, end = 0, len(parts)
    # "Headline | Site | Site's tagline": everything after the site name goes too
    for i in range(1, len(parts)):
        if sites.matches(parts[i]) and len(key(parts[i])) >= 3:
            end = i
            break
    # a site name with a separator of its own ("Headline - Salsa-Figuren - Rueda in Berlin")
    end = next((i for i in range(1, end - 1) if _only_site(_run(parts, seps, i, end), sites)), end)
    start = next((i for i in range(end - 1, 1, -1) if _only_site(_run(parts, seps, 0, i), sites)), start)
    while end - start > 1 and (sites.matches(parts[end - 1]) or _DATE_SEGMENT.match(parts[end - 1])
                               or _ARCHIVE_LABEL.match(parts[end - 1]) or _publisher_tag(parts, seps, start, end)
                               or _CJK_SITE.match(parts[end - 1].strip())):
        end -= 1
    while end - start > 1 and (_names_site_before(parts[start], seps[start], sites) or _DATE_SEGMENT.match(parts[start])
                               or _ARCHIVE_LABEL.match(parts[start])):
        start += 1
    if (start, end) == (0, len(parts)):
        return title
    return _run(parts, seps, start, end).strip()


def site_segment(title: str, sites: SiteNames) -> str | None:
    """The segment of a ``<title>`` that names the site, last or first ("Headline | Site Name",
    "Site Name » Headline"): the site's name as the page shows it, for pages that declare none.
    ``sites``: the page's own host only, so a republished story's "| CNN" names no aggregator."""
    parts = segments(squash(title))
    if len(parts) < 2:
        return None
    for part in (parts[-1], parts[0]):
        if len(key(part)) >= 3 and sites.matches(part):
            return part
    return parts[-1] if _CJK_SITE.match(parts[-1]) else None


def _run(parts: list[str], seps: list[str], start: int, end: int) -> str:
    """Segments ``start`` to ``end`` of a split title, with the separators between them."""
    text = parts[start]
    for i in range(start + 1, end):
        text += seps[i - 1] + parts[i]
    return text


def _publisher_tag(parts: list[str], seps: list[str], start: int, end: int) -> bool:
    """The last segment names another publisher (an acronym or a domain after a pipe or a dash), and
    what stays before it is a headline of four words or more."""
    if not _PUBLISHER_TAG.match(parts[end - 1].strip()) or not _TAG_SEPARATOR.match(seps[end - 2]):
        return False
    return sum(len(part.split()) for part in parts[start:end - 1]) >= 4


def _names_site_before(part: str, separator: str, sites: SiteNames) -> bool:
    """Whether a title's first segment names the site. Before a colon only as the site's very name:
    "Tidewater 3.0: parallel migrations" is a release of the product the site is named after."""
    if separator.strip() == ":":
        return _only_site(part, sites)
    return sites.matches(part)


def _only_site(text: str, sites: SiteNames) -> bool:
    k = key(text)
    return k in sites.keys or k == sites.core or k in sites.host_key


# decoration a theme puts before its headings ("[> Name", "» Name", ">> Name"): marks, then a space
_LEADING_MARKS = re.compile(r"^[\[<>\u00bb\u203a\u2192\u25b8\u25ba\u2022\u00b7|/\\*~+]+\s+")


def _heading_text(elem: HtmlElement) -> tuple[str, str]:
    """(full text, text without a kicker/overline child) of a heading, without leading marks."""
    full = _LEADING_MARKS.sub("", element_text(elem))
    kicker = [c for c in elem.iter() if c is not elem and _KICKER.search(f"{c.get('class', '')} {c.get('id', '')}")]
    line = _leading_line(elem) if not kicker else None
    if line is not None and len(element_text(line)) < len(full) / 2:
        kicker = [line]
    if not kicker:
        # <h1><span>Kicker</span><span>Headline</span></h1>: a shorter first part before the headline
        parts = [c for c in elem if isinstance(c.tag, str) and c.tag not in _FORMATTING and element_text(c)]
        if len(parts) >= 2 and not (elem.text or "").strip() and len(element_text(parts[0])) < len(full) / 2:
            kicker = parts[:1]
        else:
            return full, full
    rest = full
    for k in kicker:
        ktext = element_text(k)
        if ktext and rest.startswith(ktext) and len(ktext) < len(rest):
            rest = rest[len(ktext):].lstrip(" :-\u2013\u2014|")
    return full, rest.strip() or full


def _leading_line(elem: HtmlElement) -> HtmlElement | None:
    """The element that opens a heading on a line of its own, a <br> after it ("<small>Einheit der
    Woche</small><br>Headline"): a kicker."""
    node = elem
    while not (node.text or "").strip() and len(node):
        first = node[0]
        if not isinstance(first.tag, str) or first.tag == "br":
            return None
        after = first.getnext()
        if after is not None and after.tag == "br" and not (first.tail or "").strip() and element_text(first):
            return first
        node = first
    return None


def _agrees(text: str, others: list[str]) -> str | None:
    """The form of ``text`` confirmed by another source, if any: equal, or a segment of it."""
    k = key(text)
    if len(k) < 4:
        return None
    for other in others:
        ok = key(other)
        if ok == k:
            return text
        # a segment of a longer title; a short one is a section or site label ("News", "Blog")
        if k in ok and len(k) >= 0.25 * len(ok) and any(key(s) == k for s in _joins(other)):
            return text
    return None


# the theme marks the post's own headline: no logo, whatever its custom classes contain
_HEADLINE_MARK = re.compile(r"(?<![\w-])(?:entry|post|article|story|news)[-_]?(?:title|headline)(?![\w-])|"
                            r"(?<![\w-])headline(?![\w-])", re.IGNORECASE)


def _is_logo(elem: HtmlElement) -> bool:
    """A heading that is the site's logo or name: logo/brand classes, a link to the home page, or an
    image with a few words at most (a headline may carry a small picture, a flag or an icon)."""
    if _HEADLINE_MARK.search(f"{elem.get('class', '')} {elem.get('itemprop', '')}"):
        return False
    node = elem
    for _ in range(3):
        if node is None:
            break
        if _LOGO.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
        node = node.getparent()
    few_words = len(element_text(elem).split()) <= 3
    for link in elem.iter("a", "img"):
        if link.tag == "img":
            if few_words:
                return True
            continue
        href = archived_original((link.get("href") or "").strip())  # the home page as a web archive shows it
        if href in ("/", "./", "index.html", "index.php") or (
                href.startswith("http") and _path(href).strip("/") in ("", "index.html", "index.php")):
            return True
    return False


def _joins(title: str) -> list[str]:
    """Every contiguous run of segments of a title ("A - B - C" -> A, B, C, A - B, B - C...)."""
    parts = _SEPARATOR.split(title)
    seps = _SEPARATOR.findall(title)
    out = []
    for i in range(len(parts)):
        text = parts[i]
        out.append(text)
        for j in range(i + 1, len(parts)):
            text += seps[j - 1] + parts[j]
            out.append(text)
    return out


_WORD = re.compile(r"\w{3,}", re.UNICODE)
_ANY_WORD = re.compile(r"\w+", re.UNICODE)


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _closest_heading(headings: list[HtmlElement], others: list[str], sites: SiteNames) -> str | None:
    texts = [element_text(h) for h in headings]
    # two words at least ("Mandarinen-Schmand-Kuchen" is three): one is a section's name
    texts = [t for t in texts if len(_ANY_WORD.findall(t)) >= 2 and not _only_site(t, sites) and len(t) < 250]
    meta_words = [_words(o) for o in others if o]
    best, best_score = None, 0.0
    for text in texts:
        words = _words(text)
        if not words:
            continue
        score = max((len(words & m) / len(words | m) for m in meta_words if m), default=0.0)
        if score > best_score:
            best, best_score = text, score
    if best is not None and best_score >= 0.2:
        return best
    if len(texts) == 1 and len(headings) == 1:
        return texts[0]
    return None


# what a print view or a later page of a story adds to its headline: "Headline (continued)",
# "Headline » Print", "Headline - Page 2 of 3"
_VIEW_MARK = re.compile(
    rf"\s*(?:{CONTINUED_MARK}"
    r"|\s[-\u2013|\u00bb:]\s*(?:print(?:\s+(?:version|view))?|printer[- ]friendly(?:\s+version)?|druckversion"
    r"|version\s+imprimable|page\s+\d+(?:\s+of\s+\d+)?|seite\s+\d+(?:\s+von\s+\d+)?))\s*$",
    re.IGNORECASE,
)


def without_view_marks(title: str) -> str:
    """The headline without a print view's or a later page's mark ("(continued)", "» Print")."""
    return _VIEW_MARK.sub("", title) or title


def choose_title(found: Candidates, ld_headlines: list[str], sites: SiteNames,
                 root: HtmlElement | None = None) -> tuple[str | None, str]:
    """Return (title, source); ``root``: the page, searched for the heading over the text when the page
    declares no title but its <title>."""
    meta = found.meta
    metas = []
    for source, values in (
        ("og:title", meta.get("og:title")),
        ("json-ld", ld_headlines),
        ("twitter:title", meta.get("twitter:title")),
        ("itemprop:headline", meta.get("headline")),
        ("dc.title", meta.get("dc.title")),
    ):
        for value in values or []:
            if squash(value):
                metas.append((source, squash(value)))
    others = [v for _, v in metas] + ([found.title] if found.title else [])

    visible = [h for h in found.h1 if not _HIDDEN.search(f"{h.get('class', '')} {h.get('id', '')}")]
    logos = [h for h in visible if _is_logo(h)]
    headings = [h for h in visible if h not in logos]
    # a heading in a sidebar or footer is no headline, unless it shows the meta title (an
    # article column named "content-area" with id "sidebar")
    headings = [h for h in headings if not in_foreign_zone(h)
                or _agrees(element_text(h), [v for _, v in metas])] or headings
    # segments of the <title> around a heading that agrees with it name the site or section
    title = found.title
    extra = [element_text(h) for h in logos]
    sites = SiteNames(sites.names + [e for e in extra if e], sites.url)
    h2s = [h for h in found.h2 if not _is_logo(h)]
    # first a heading that agrees with og:title / JSON-LD, then one that agrees with <title>
    for pool in ([v for _, v in metas], others):
        for level, elems in (("h1", headings[:4]), ("h2", h2s)):
            for elem in elems:
                full, without_kicker = _heading_text(elem)
                if not full or _only_site(full, sites):
                    continue
                for text in dict.fromkeys((without_kicker, full, strip_site(full, sites))):
                    if not text:
                        continue
                    if _agrees(text, pool):
                        return strip_site(text, sites) or text, level
                    # "Kicker: Headline" in the heading, "Headline" alone in a meta title
                    for source, value in metas:
                        cleaned = strip_site(value, sites)
                        kc = key(cleaned)
                        if len(kc) >= 12 and key(text).endswith(kc) and kc != key(text):
                            return cleaned, source

    # no exact agreement: the visible heading readers see wins over a differently worded meta
    # title (SEO titles), if it shares words with it or is the page's only heading
    best = _closest_heading(headings[:4], [strip_site(v, sites) for v in others], sites)
    if best:
        return best, "h1"
    for source, value in metas:
        cleaned = strip_site(value, sites)
        if cleaned:
            return cleaned, source
    # no meta title: the one visible heading a reader sees, else the <title> without site names
    if len(headings) == 1:
        text = element_text(headings[0])
        if len(key(text)) >= 4 and not _only_site(text, sites):
            return text, "h1"
    if not headings and root is not None:
        for opening in opening_headings(root):
            if _only_site(opening, sites) or (title and _names_title_site(opening, title)):
                continue
            if title and _agrees(strip_site(title, sites), [opening]):
                break  # the <title> is the heading's headline
            # "Section : Headline" over the text, "Site - Headline - Section" in the <title>: the part both show
            shared = next((part for part in sorted(_joins(opening), key=len, reverse=True)
                           if _agrees(part, [title])), None) if title else None
            return shared or opening, "heading"
    if title:
        cleaned = strip_site(title, sites)
        if cleaned:
            return cleaned, "title"
    for elem in headings[:1]:
        text = element_text(elem)
        if text:
            return text, "h1"
    return (title or None), "title"


def _names_title_site(heading: str, title: str) -> bool:
    """A banner's text that is one segment of the <title> beside a longer one of four words or more
    ("Lowfield Island Online" in "Lowfield Island Online :: View topic - Ferry timetable cut ..."): the
    site's name, the longer segment the headline."""
    parts = segments(title)
    if not any(key(part) == key(heading) for part in parts):
        return False
    return any(len(part.split()) >= 4 and len(part) > len(heading) for part in parts if key(part) != key(heading))


def _path(url: str) -> str:
    try:
        return urlsplit(url).path
    except ValueError:  # a malformed link ("http://[x/") points nowhere
        return ""
