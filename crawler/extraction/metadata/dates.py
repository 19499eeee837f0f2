"""Publication and modification dates, in this order of trust: JSON-LD, ``article:published_time``
and its kin, microdata, a ``<time>`` in the article's byline, the URL path; htmldate's fast search
last. Dates in comment threads, sidebars, related teasers and the theme's header are never read.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from lxml import etree
from lxml.html import HtmlElement

from crawler.common.dates import parse_email_date
from crawler.common.labels import (AS_OF, DATE_PREPOSITIONS, DATE_WORDS, PUBLISHED, UPDATED, UPDATED_STEMS, WRITTEN,
                                   any_of)
from crawler.common.tree import is_inside
from crawler.compat.htmldate import parse_readable_date, search_page_source
from crawler.extraction.metadata.candidates import Candidates
from crawler.extraction.metadata.elementtext import class_id, element_text, squash
from crawler.extraction.metadata.zones import foreign_to_article, in_foreign_zone, in_page_header

_ISO = re.compile(
    r"(?P<y>(?:19|20)\d{2})-?(?P<m>[01]\d)-?(?P<d>[0-3]\d)"
    r"(?:[T\s]+(?P<H>[0-2]\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d)(?:[.,]\d+)?)?\s*(?P<tz>Z|[+-][01]\d:?[0-5]\d)?)?"
)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/_-]?([01]\d)[/_-]?([0-3]\d)(?:[/_.-]|$)")
_UPDATED = re.compile(any_of(UPDATED_STEMS), re.IGNORECASE)
_PUBLISHED_NAME = re.compile(r"publish|pubdate|posted|created|entry-date|post-date|article-date", re.IGNORECASE)
_LABEL_PUBLISHED = re.compile(rf"^\s*{any_of(PUBLISHED)}(?:\s+{any_of(DATE_PREPOSITIONS)})?\s*:?\s*", re.IGNORECASE)
_LABEL_UPDATED = re.compile(rf"^\s*{any_of(UPDATED)}(?:\s+{any_of(DATE_PREPOSITIONS)})?\s*:?\s*", re.IGNORECASE)

PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "published_time", "article.published", "article:published", "publishdate", "publish-date",
    "publish_date", "pubdate", "publication_date", "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date", "dcterms.date", "date",
    "citation_publication_date", "citation_date", "article_date_original", "originalpublicationdate",
    "cxenseparse:recs:publishtime", "og:pubdate", "date_published", "created",
)
MODIFIED_META = (
    "article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified",
    "modified_time", "article:modified", "last-modified", "dc.date.modified", "dcterms.modified",
    "lastmod", "updated_time",
)


def _earliest_ok() -> datetime:
    return datetime(1995, 1, 1)


def _latest_ok() -> datetime:
    return datetime.now() + timedelta(days=2)


def normalise(value: str | None) -> str | None:
    """An ISO 8601 string (date, or date-time with offset when given), or None."""
    if not value:
        return None
    value = value.strip()
    match = _ISO.search(value)
    if match:
        try:
            day = datetime(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            return None
        if not _earliest_ok() <= day <= _latest_ok():
            return None
        if match["H"] is None:
            return day.strftime("%Y-%m-%d")
        text = f"{day:%Y-%m-%d}T{match['H']}:{match['M']}:{match['S'] or '00'}"
        tz = match["tz"]
        if tz:
            tz = "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
            text += tz
        return text
    parsed = parse_email_date(value)
    if parsed is not None and _earliest_ok() <= parsed.replace(tzinfo=None) <= _latest_ok():
        return parsed.isoformat() if parsed.tzinfo else parsed.strftime("%Y-%m-%dT%H:%M:%S")
    return _parse_text(value)


def _parse_text(text: str) -> str | None:
    """Dates written for readers ("16. Oktober 2019", "Oct 16, 2019", "16.10.2019", "3 de mayo de
    2022", "15 августа 2016")."""
    text = " ".join(text[:120].split())[:80]  # "11. November&nbsp;2021": htmldate wants plain spaces
    text = _PIPED.sub(r"\1.\2.\3", text)  # "26 | 01 | 2022", "4.&thinsp;2.&thinsp;2022"
    if not 4 <= sum(ch.isdigit() for ch in text) <= 18:
        return None
    try:
        date = parse_readable_date(text, _earliest_ok(), _latest_ok())
    except (ValueError, OverflowError):
        date = None
    return date or _month_name_date(text)


_PIPED = re.compile(r"\b(\d{1,2})(?: ?\| ?|\. )(\d{1,2})(?: ?\| ?|\. ?)((?:19|20)\d{2})\b")


# month names htmldate does not know (it reads English, German, French, Turkish, Indonesian):
# Spanish, Portuguese, Italian, Catalan, Dutch, Swedish, Danish/Norwegian, Romanian, Finnish, and
# the genitive forms of Russian, Ukrainian, Polish and Czech, with their usual abbreviations
_MONTH_NAMES = (
    "enero ene gener gen janeiro jan gennaio januari januar ianuarie tammikuuta tammikuu "
    "января январь січня stycznia styczeń ledna leden",
    "febrero feb febrer fevereiro fev febbraio februari februar februarie helmikuuta helmikuu "
    "февраля февраль лютого lutego luty února únor",
    "marzo mar març março maart mrt mars marts martie maaliskuuta maaliskuu "
    "марта март березня marca marzec března březen",
    "abril abr aprile apr april aprilie huhtikuuta huhtikuu апреля апрель квітня kwietnia kwiecień dubna duben",
    "mayo may maig maio maggio mag mei maj mai toukokuuta toukokuu мая май травня maja maj května květen",
    "junio jun juny junho giugno giu juni juin iunie kesäkuuta kesäkuu июня июнь червня czerwca czerwiec "
    "června červen",
    "julio jul juliol julho luglio lug juli iulie heinäkuuta heinäkuu июля июль липня lipca lipiec "
    "července červenec",
    "agosto ago agost augustus augusti august elokuuta elokuu августа август серпня sierpnia sierpień "
    "srpna srpen",
    "septiembre setiembre sept sep setembre setembro set settembre september septembrie syyskuuta syyskuu "
    "сентября сентябрь вересня września wrzesień září",
    "octubre oct outubro out ottobre ott oktober okt octombrie lokakuuta lokakuu октября октябрь жовтня "
    "października październik října říjen",
    "noviembre nov novembre novembro november noiembrie marraskuuta marraskuu ноября ноябрь листопада "
    "listopada listopad listopadu",
    "diciembre dic desembre dezembro dez dicembre december dec desember december decembrie joulukuuta "
    "joulukuu декабря декабрь грудня grudnia grudzień prosince prosinec",
)
_MONTH_NUMBER = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names.split()}
_MONTH_NAME_DATE = re.compile(r"(?<!\d)(\d{1,2})\.?\s*(?:de\s+|del\s+|d['\u2019]\s*)?([^\W\d_]{3,12})\.?,?\s+"
                              r"(?:de\s+|del\s+)?((?:19|20)\d{2})(?!\d)", re.IGNORECASE)


def _month_name_date(text: str) -> str | None:
    """"3 de mayo de 2022", "14 Gennaio 2020", "15 августа 2016 г.", "5. huhtikuuta 2019"."""
    for match in _MONTH_NAME_DATE.finditer(text):
        month = _MONTH_NUMBER.get(match.group(2).lower())
        if month is None:
            continue
        try:
            day = datetime(int(match.group(3)), month, int(match.group(1)))
        except ValueError:
            return None
        return day.strftime("%Y-%m-%d") if _earliest_ok() <= day <= _latest_ok() else None
    return None


def _first(values, source: str) -> tuple[str | None, str]:
    for value in values or []:
        date = normalise(value)
        if date:
            return date, source
    return None, ""


def _meta(found: Candidates, names) -> tuple[str | None, str]:
    for name in names:
        date, source = _first(found.meta.get(name), f"meta:{name}")
        if date:
            return date, source
    return None, ""


def _elem_date(elem: HtmlElement) -> str | None:
    for attr in ("datetime", "content", "data-datetime", "data-date", "title"):
        date = normalise(elem.get(attr))
        if date:
            return date
    return normalise(element_text(elem))


def _is_updated(elem: HtmlElement) -> bool:
    names = class_id(elem)
    if _UPDATED.search(elem.get("itemprop") or ""):
        return True
    # hAtom themes mark the publication time "entry-date published updated"
    if _UPDATED.search(names) and not _PUBLISHED_NAME.search(names):
        return True
    prev = elem.getprevious()
    before = (prev.tail if prev is not None else (elem.getparent().text if elem.getparent() is not None else ""))
    text = f"{before or ''} {elem.text or ''}"
    return bool(_UPDATED.search(text[-60:]))


def _article_elements(found: Candidates, elems: list[HtmlElement]) -> list[HtmlElement]:
    return [e for e in elems if not foreign_to_article(found, e) and not in_page_header(e, found.keep)]


def _visible(found: Candidates, want_updated: bool) -> tuple[str | None, str]:
    props = found.itemprops.get("datemodified" if want_updated else "datepublished", [])
    for elem in _article_elements(found, [p for p in props if p.tag not in ("meta", "link")]):
        date = _elem_date(elem)
        if date:
            return date, "microdata"
    times = _article_elements(found, found.times)
    # the <article> that holds the headline or body, else the page's first <article>
    article = found.main_article if found.main_article is not None else found.article
    if article is not None:
        inside = [t for t in times if is_inside(t, article)]
        times = inside or times
    for elem in times:
        if _is_updated(elem) != want_updated:
            continue
        date = _elem_date(elem)
        if date:
            return date, "time"
    label = _LABEL_UPDATED if want_updated else _LABEL_PUBLISHED
    for elem in _article_elements(found, found.dated):
        text = squash(elem.tail) if elem.tag == "br" else element_text(elem)
        if len(text) > 80:
            text = squash(elem.text)  # "Veröffentlicht am 16.08.2019<br>Dauer: ..."
            if not text or len(text) > 80:
                continue
        match = label.match(text)
        if match:
            date = normalise(_with_time(text[match.end():]))
            if date:
                return date, "byline"
    return None, ""


def _with_time(text: str) -> str:
    """Only the date part of "April 8, 2024 at 7:30 am" (readers' times carry no offset)."""
    return re.split(r"\s+(?:at|um|à|a las|alle|om)\s+|\s*,?\s+\d{1,2}:\d{2}", text, maxsplit=1)[0]


def _near(elem: HtmlElement, keep: set[HtmlElement], levels: int = 4) -> bool:
    """True if the element shares a close container with the headline or the article body."""
    node = elem.getparent()
    for _ in range(levels):
        if node is None or node.tag in ("body", "html"):
            return False
        if node in keep:
            return True
        node = node.getparent()
    return False


def url_date(url: str | None) -> str | None:
    if not url:
        return None
    match = _URL_DATE.search(url)
    if match:
        return normalise("-".join(match.groups()))
    return None


def _htmldate(tree: HtmlElement, url: str | None) -> str | None:
    """htmldate's fast mode (its extensive search calls dateparser and costs seconds)."""
    from htmldate import find_date

    try:
        return find_date(tree, extensive_search=False, original_date=True, url=url or None)
    except Exception:  # noqa: BLE001 - htmldate fails on odd trees; a missing date is the fallback
        return None


def _page_patterns(tree: HtmlElement) -> str | None:
    """htmldate's regex search over the page source, without its dateparser step (which costs
    seconds): the last resort for the few pages with no other date."""
    try:
        return search_page_source(etree.tostring(tree, encoding="unicode", method="html"))
    except Exception:  # noqa: BLE001 - a missing date is the fallback
        return None


_COMMENT = re.compile(r"comment|kommentar|reply|respond", re.IGNORECASE)
_TEXT_DATE = re.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d{2}\b|\b(?:19|20)\d{2}-[01]\d-[0-3]\d\b|"
    r"\b\d{1,2}\.?\s+(?:de\s+)?[^\W\d]{3,12}\.?,?\s+(?:de\s+)?(?:19|20)\d{2}\b|\b[^\W\d]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b|"
    r"\b\d{1,2}/\d{1,2}/(?:19|20)\d{2}\b|\b\d{1,2} ?\| ?\d{1,2} ?\| ?(?:19|20)\d{2}\b")


def text_scan(found: Candidates, tree: HtmlElement) -> str | None:
    """The first date written near the headline (a dateline under the <h1>), else in the
    article's own text blocks (not in comments, sidebars, related teasers or the page header):
    the last resort for pages without date markup."""
    body = tree.find(".//body")
    root = found.article if found.article is not None else body
    if root is None:
        return None
    date = _under_headline(found, tree)
    if date:
        return date
    seen = 0
    for elem in root.iter():
        if not isinstance(elem.tag, str) or elem.tag in ("script", "style", "noscript"):
            continue
        date = _text_date(elem)
        if date is None:
            continue
        seen += 1
        if seen > 40:
            break
        if not in_foreign_zone(elem) and not in_page_header(elem, found.keep) and not _CLOCK.search(class_id(elem)):
            return date
    return None


_LEAD_END = re.compile(r"\s*(?:$|[-\u2013\u2014|\u00b7\u2022:,)]\s*)")


def _leading_date(found: Candidates) -> tuple[str | None, bool]:
    """A text line right after the headline that starts with a date: "29.11.2022 \u2013 Mehrfach
    hatte ...", "<div>17/02/2022</div>" under the kicker (not in a link, a list or a comment)."""
    # the heading that shows the title (an anchor of the article's region), not a logo <h1>
    headline = next((h for h in found.h1 + found.h2 if h in found.keep), None)
    if headline is None:
        # no headline among the <h1>/<h2>: the line after the visible byline ("<h5>Von Name</h5>
        # <p>(21. November 2022) Energieverbraucher ...")
        byline = next((b for b in found.bylines if b.tag not in ("meta", "link", "input")
                       and not foreign_to_article(found, b)), None)
        return _line_after(found, byline) if byline is not None else (None, False)
    date = _line_after(found, headline)
    if date[0]:
        return date
    # a top line just above the headline that holds only a date ("<div class=topline>
    # <span>06.12.2022</span></div><h1>")
    for elem in reversed(headline.xpath("preceding::*[position() <= 3]")):
        if elem.tag in ("a", "li") or _in_teaser(elem):
            continue
        text = squash(elem.text)
        match = _TEXT_DATE.fullmatch(text) if text[:1].isdigit() else None
        clock = any(_CLOCK.search(class_id(e)) for e in (elem, elem.getparent()) if e is not None)
        if match and not clock and not foreign_to_article(found, elem) and not in_page_header(elem, found.keep):
            return _parse_text(text), bool(_SLASHED.search(text))
    return None, False


def _line_after(found: Candidates, anchor: HtmlElement) -> tuple[str | None, bool]:
    """The first of the 30 elements after the anchor whose text starts with a date (also in
    parentheses: "(21. November 2022) Text ...")."""
    for elem in anchor.xpath("following::*[position() <= 30]"):
        stamp = elem.get("data-date")
        if stamp and not _in_teaser(elem) and not foreign_to_article(found, elem):
            # a date the theme shows from the attribute ("content: attr(data-date)")
            date = normalise(stamp)
            if date:
                return date, bool(_SLASHED.search(stamp))
        text = (elem.text or "").strip()
        if text[:1] == "(":
            text = text[1:]
        match = _TEXT_DATE.match(text) if text[:1].isdigit() else None
        if not match or not _LEAD_END.match(text, match.end()) or elem.tag == "a" or not _starts_line(elem):
            continue
        if _COMMENT.search(class_id(elem)) or _in_teaser(elem) or foreign_to_article(found, elem):
            return None, False
        return _parse_text(match.group(0)), bool(_SLASHED.search(match.group(0)))
    return _first_post_date(anchor)


_SHORT_DATE = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})(?![\d.])")


def _first_post_date(headline: HtmlElement) -> tuple[str | None, bool]:
    """A forum thread: the block right after the headline is the opening post, marked up like the
    replies below it ("MtnComment", "post"); its date ("28.09.19 12:44") is the thread's."""
    post = headline.getnext()
    while post is not None and not squash(post.text_content()):
        post = post.getnext()  # empty ad slots
    if post is None or not _COMMENT.search(class_id(post)) or len(element_text(post)) < 80:
        return None, False
    for elem in post.iter():
        if not isinstance(elem.tag, str) or elem.tag in ("a", "script", "style"):
            continue
        text = squash(elem.text)
        match = _TEXT_DATE.match(text) or _SHORT_DATE.match(text)
        if match:
            return _parse_text(match.group(0)), bool(_SLASHED.search(match.group(0)))
    return None, False


def _starts_line(elem: HtmlElement) -> bool:
    """A block element, or an inline one with no text before it in its parent."""
    if elem.tag not in _INLINE_TAGS:
        return True
    parent = elem.getparent()
    return parent is not None and elem.getprevious() is None and not (parent.text or "").strip()


_INLINE_TAGS = {"a", "span", "b", "strong", "i", "em", "small", "time", "abbr", "font", "u", "mark"}


def _under_headline(found: Candidates, tree: HtmlElement) -> str | None:
    """The first date written in the 30 elements after the visible headline (a dateline)."""
    body = tree.find(".//body")
    headline = next((h for h in found.h1 if not in_foreign_zone(h)), None)
    if headline is None or body is None:
        return None
    after = 0
    started = False
    for elem in body.iter():
        if elem is headline:
            started = True
            continue
        if not started or not isinstance(elem.tag, str) or elem.tag in ("script", "style", "noscript"):
            continue
        after += 1
        if after > 30:
            break
        date = _text_date(elem)
        if date and not _COMMENT.search(class_id(elem)):
            return date
    return None


def _text_date(elem: HtmlElement) -> str | None:
    for text in (elem.text, elem.tail):
        if text and len(text) <= 400:
            match = _TEXT_DATE.search(text)
            if match:
                date = _parse_text(match.group(0))
                if date:
                    return date
    return None


def _day(value: str) -> str:
    return value[:10]


def _local_day(value: str) -> str | None:
    """The calendar day readers saw for a UTC timestamp that was a local midnight east of UTC
    (a date-only field stored as 22:00/23:00 UTC): the next day."""
    match = _ISO.match(value)
    if not match or match["tz"] not in ("Z", "+00:00", "+0000") or match["H"] not in ("22", "23"):
        return None
    if (match["M"], match["S"] or "00") != ("00", "00"):
        return None
    day = datetime(int(match["y"]), int(match["m"]), int(match["d"])) + timedelta(days=1)
    return day.strftime("%Y-%m-%d")


def _is_utc_night(value: str) -> bool:
    match = _ISO.match(value)
    return bool(match and match["tz"] in ("Z", "+00:00", "+0000") and match["H"] is not None
                and (int(match["H"]) >= 20 or int(match["H"]) <= 6))


def _adjacent(a: str, b: str) -> bool:
    try:
        return abs((datetime.fromisoformat(a) - datetime.fromisoformat(b)).days) == 1
    except ValueError:
        return False


def choose_published(candidates: list[tuple[str, str]]) -> tuple[str | None, str]:
    """Pick the publication date from (source, ISO date) candidates in order of trust.

    The day most sources agree on wins (ties go to the most trusted source). A UTC timestamp near
    midnight is shown to readers in local time: when another source gives the neighbouring day,
    that day is the one readers saw; a UTC 22:00/23:00 with zero minutes is a local midnight.
    """
    if not candidates:
        return None, ""
    votes: dict[str, int] = {}
    for _, value in candidates:
        votes[_day(value)] = votes.get(_day(value), 0) + 1
    best = max(votes.values())
    source, value = next((s, v) for s, v in candidates if votes[_day(v)] == best)
    if _is_utc_night(value):
        for other_source, other in candidates:
            if not _is_utc_night(other) and _adjacent(_day(other), _day(value)):
                return other, other_source
        local = _local_day(value)
        if local:
            return local, source
    return value, source


_DATELINE_LABEL = re.compile(rf"^\s*(?:{any_of(PUBLISHED + WRITTEN + AS_OF + DATE_WORDS)}"
                             rf"(?:\s+{any_of(DATE_PREPOSITIONS)})?\s*:?\s*)?"
                             r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+|"
                             r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag),?\s+)?", re.IGNORECASE)


# the theme's clock: today's date, not the article's
_CLOCK = re.compile(r"current|today|heute|clock|uhrzeit|(?<![a-z])uhr(?![a-z])|zeit-?aktuell|"
                    # the theme's header date ("mh-header-date"), not an article header's
                    r"(?<![\w-])(?:(?!entry|article|post|story|content|single|news|item|teaser)[\w]+[-_])?"
                    r"header[-_]?date", re.IGNORECASE)
_CLOCK_TEXT = re.compile(r"^\s*(?:aktuelle\s+zeit|heute|today|it\s+is\s+currently|current\s+time)\b", re.IGNORECASE)


def _in_teaser(elem: HtmlElement) -> bool:
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


def _swapped(value: str) -> str | None:
    """The same date read the other way round (day and month both 12 or less: 01.11. / 11/01)."""
    match = _ISO.match(value)
    if not match or int(match["d"]) > 12 or match["d"] == match["m"]:
        return None
    return f"{match['y']}-{match['d']}-{match['m']}"


_SLASHED = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")


def _dateline(found: Candidates) -> tuple[str | None, bool]:
    """(date, whether it was written day/month-ambiguously as "11/01/2021")."""
    """A date printed for readers in the article's own date element ("27.01.2022",
    "Stand: 28.04.2020 18:00 Uhr", "Veröffentlicht am 16.08.2019"): class/id says date or time,
    outside comments, sidebars, teasers and the theme's header; never an "Updated" line."""
    for elem in found.dated:
        if elem.tag in ("meta", "link", "time") or len(elem) > 6:
            continue
        text = squash(elem.tail) if elem.tag == "br" else element_text(elem)
        if not 6 <= len(text) <= 120 or _LABEL_UPDATED.match(text) or _is_updated(elem) \
                or _CLOCK.search(class_id(elem)) or _CLOCK_TEXT.match(text):
            continue
        rest = text[_DATELINE_LABEL.match(text).end():]
        if not rest[:1].isdigit() and not rest[:1].isalpha():
            continue
        lead = _TEXT_DATE.match(rest)  # "05.02.2020 - Redaktion: ...": the leading date only
        if lead:
            rest = lead.group(0)
        elif len(text) > 60:
            continue
        if foreign_to_article(found, elem) or in_page_header(elem, found.keep) or _in_teaser(elem):
            continue
        date = _parse_text(_with_time(rest))
        if date:
            return date, bool(_SLASHED.search(rest))
    return None, False


def _byline_block_date(found: Candidates) -> tuple[str | None, bool]:
    """A date in the article's byline block, without a date class: "Par <span class=author>Name
    </span> | 30 septembre 2018", "von Name<br> am 20.09.2020", a date column beside the author's."""
    node = next((b for b in found.itemprops.get("author", []) + found.bylines
                 if b.tag not in ("meta", "link", "input") and not foreign_to_article(found, b)), None)
    if node is None or _in_card(node):
        return None, False
    for _ in range(3):
        if node is None or node.tag in ("body", "html"):
            break
        text = element_text(node)
        if len(text) > 160:
            break
        match = _TEXT_DATE.search(text)
        if match and not _UPDATED.search(text[max(0, match.start() - 30):match.start()]):
            date = _parse_text(match.group(0))
            if date:
                return date, bool(_SLASHED.search(match.group(0)))
        node = node.getparent()
    return None, False


def _in_card(elem: HtmlElement) -> bool:
    """In a list item or in a link that holds a headline: another story's teaser card (a link
    around an author's box alone is not)."""
    for node in elem.iterancestors():
        if node.tag == "li" or node.tag == "a" and len(element_text(node)) > 40:
            return True
        if node.tag in ("article", "main", "body"):
            return False
    return False


def choose_dates(found: Candidates, ld_published: list[str], ld_modified: list[str], tree: HtmlElement,
                 url: str | None) -> tuple[str | None, str | None, dict[str, str]]:
    sources: dict[str, str] = {}
    candidates: list[tuple[str, str]] = []
    for date, source in (_first(ld_published, "json-ld"), _meta(found, PUBLISHED_META)):
        if date:
            candidates.append((source, date))
    shown, shown_source = _visible(found, want_updated=False)
    if shown:
        candidates.append((shown_source, shown))
    date = url_date(url)
    if date:
        candidates.append(("url", date))
    # htmldate's heuristic search only when the markup gives no date or its sources disagree
    if not candidates or len({_day(v) for _, v in candidates}) > 1:
        date = _htmldate(tree, url)
        if date:
            candidates.append(("htmldate", date))
    ambiguous = False
    if not shown:
        (shown, ambiguous), shown_source = _dateline(found), "dateline"
        if not shown:
            shown, ambiguous = _leading_date(found)
        if not shown:
            (shown, ambiguous), shown_source = _byline_block_date(found), "byline"
        if shown:
            candidates.append((shown_source, shown))
    if not candidates:
        date = text_scan(found, tree)
        if date:
            candidates.append(("text", date))
    if not candidates:
        date = _page_patterns(tree)
        if date:
            candidates.append(("htmldate", date))
    published, source = choose_published(candidates)
    modified, msource = _first(ld_modified, "json-ld")
    if not modified:
        modified, msource = _meta(found, MODIFIED_META)
    if not modified:
        modified, msource = _visible(found, want_updated=True)
    if shown_source == "time" and shown and not any(
            element_text(t) and _day(_elem_date(t) or "") == _day(shown) and _near(t, found.keep)
            for t in _article_elements(found, found.times)):
        # a <time> without visible text is markup, not what a reader sees; one far from the
        # headline and body may belong to a feed or a teaser
        shown = None
    if shown and published and _day(shown) != _day(published) and shown_source in ("dateline", "byline", "time"):
        shown = _local_day(shown) or shown
        # the date a reader sees in the article's byline wins over disagreeing markup; a
        # machine-readable value of the same day keeps its time and offset
        other = _swapped(shown) if ambiguous else None
        same = [(s, v) for s, v in candidates if _day(v) in (_day(shown), other) and "T" in v]
        swapped = [(s, v) for s, v in candidates if _day(v) == other]
        source, published = same[0] if same else swapped[0] if swapped else (shown_source, shown)
    if published:
        sources["date_published"] = source
    if modified:
        sources["date_modified"] = msource
    return published, modified, sources
