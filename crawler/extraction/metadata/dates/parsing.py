"""Dates as strings: a machine-written or reader-written date in, an ISO 8601 string (or None) out.

Machine forms (ISO 8601, RFC 5322), dates written for readers in the languages the crawler reads
("16. Oktober 2019", "Oct 16, 2019", "3 de mayo de 2022", "15 августа 2016"), the date in a URL's path.
Only dates from 1995 to two days ahead are taken."""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from crawler.common.dates import parse_email_date
from crawler.compat.htmldate import parse_readable_date

# "2019-10-16", "20191016", "2019-10-16T14:54:31+02:00" (groups: y m d H M S tz)
ISO_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})-?(?P<m>[01]\d)-?(?P<d>[0-3]\d)"
    r"(?:[T\s]+(?P<H>[0-2]\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d)(?:[.,]\d+)?)?\s*(?P<tz>Z|[+-][01]\d:?[0-5]\d)?)?"
)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/_-]?([01]\d)[/_-]?([0-3]\d)(?:[/_.-]|$)")


def _earliest_ok() -> datetime:
    return datetime(1995, 1, 1)


def _latest_ok() -> datetime:
    return datetime.now() + timedelta(days=2)


def normalise(value: str | None) -> str | None:
    """An ISO 8601 string (date, or date-time with offset when given), or None."""
    if not value:
        return None
    value = value.strip()
    match = ISO_DATE.search(value)
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
    return parse_text(value)


def parse_text(text: str) -> str | None:
    """Dates written for readers ("16. Oktober 2019", "Oct 16, 2019", "16.10.2019", "3 de mayo de
    2022", "15 августа 2016")."""
    text = " ".join(text[:120].split())[:80]  # "11. November&nbsp;2021": htmldate wants plain spaces
    text = _PIPED.sub(r"\1.\2.\3", text)  # "26 | 01 | 2022", "4.&thinsp;2.&thinsp;2022"
    text = _ABBREVIATED_MONTH.sub(lambda m: m.group(1)[:3], text)  # "Sept. 5, 2024" -> "Sep 5, 2024"
    if not 4 <= sum(ch.isdigit() for ch in text) <= 18:
        return None
    try:
        date = parse_readable_date(text, _earliest_ok(), _latest_ok())
    except (ValueError, OverflowError):
        date = None
    return date or _month_name_date(text) or _cjk_date(text)


# "2024年5月16日", "2024년 5월 16일": year, month and day each followed by its sign
_CJK_DATE = re.compile(r"((?:19|20)\d{2})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")


def _cjk_date(text: str) -> str | None:
    match = _CJK_DATE.search(text)
    if not match:
        return None
    try:
        day = datetime(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return day.strftime("%Y-%m-%d") if _earliest_ok() <= day <= _latest_ok() else None


# the news agencies' style of English months before a day ("Oct. 17", "Sept. 5"), which htmldate
# reads only without the period and with three letters
_ABBREVIATED_MONTH = re.compile(r"\b(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?(?=\s+\d)", re.IGNORECASE)
_PIPED = re.compile(r"\b(\d{1,2})(?: ?\| ?|\. )(\d{1,2})(?: ?\| ?|\. ?)((?:19|20)\d{2})\b")

# month names htmldate does not know (it reads English, German, French, Turkish, Indonesian):
# Spanish, Portuguese, Italian, Catalan, Dutch, Swedish, Danish/Norwegian, Romanian, Finnish, and
# the genitive forms of Russian, Ukrainian, Polish and Czech, with their usual abbreviations
_MONTH_NAMES = (
    "enero ene gener gen janeiro jan gennaio januari januar ianuarie tammikuuta tammikuu janvier janv "
    "января январь січня stycznia styczeń ledna leden",
    "febrero feb febrer fevereiro fev febbraio februari februar februarie helmikuuta helmikuu février fevrier févr "
    "февраля февраль лютого lutego luty února únor",
    "marzo mar març março maart mrt mars marts martie maaliskuuta maaliskuu märz maerz "
    "марта март березня marca marzec března březen",
    "abril abr aprile apr april aprilie avril avr huhtikuuta huhtikuu апреля апрель квітня kwietnia kwiecień dubna duben",
    "mayo may maig maio maggio mag mei maj mai toukokuuta toukokuu мая май травня maja maj května květen",
    "junio jun juny junho giugno giu juni juin iunie kesäkuuta kesäkuu июня июнь червня czerwca czerwiec "
    "června červen",
    "julio jul juliol julho luglio lug juli iulie juillet juil heinäkuuta heinäkuu июля июль липня lipca lipiec "
    "července červenec",
    "agosto ago agost augustus augusti august août aout elokuuta elokuu августа август серпня sierpnia sierpień "
    "srpna srpen",
    "septiembre setiembre sept sep setembre setembro set settembre september septembre septembrie syyskuuta syyskuu "
    "сентября сентябрь вересня września wrzesień září",
    "octubre oct outubro out ottobre ott oktober okt octobre octombrie lokakuuta lokakuu октября октябрь жовтня "
    "października październik října říjen",
    "noviembre nov novembre novembro november noiembrie marraskuuta marraskuu ноября ноябрь листопада "
    "listopada listopad listopadu",
    "diciembre dic desembre dezembro dez dicembre december dec desember decembrie décembre decembre déc dezember "
    "joulukuuta "
    "joulukuu декабря декабрь грудня grudnia grudzień prosince prosinec",
)
_MONTH_NUMBER = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names.split()}
_MONTH_NAME_DATE = re.compile(r"(?<!\d)(\d{1,2})(?:er|º|°)?\.?\s*(?:de\s+|del\s+|d['\u2019]\s*)?([^\W\d_]{3,12})\.?,?\s+"
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


def url_date(url: str | None) -> str | None:
    """The date in a URL's path ("/2019/10/16/", "/20191016-"), as an ISO date."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if match:
        return normalise("-".join(match.groups()))
    return None


def without_time(text: str) -> str:
    """Only the date part of "April 8, 2024 at 7:30 am" (readers' times carry no offset)."""
    return re.split(r"\s+(?:at|um|à|a las|alle|om)\s+|\s*,?\s+\d{1,2}:\d{2}", text, maxsplit=1)[0]


# a date written for readers somewhere in a text: "16.10.2019", "2019-10-16", "16. Oktober 2019",
# "3 de mayo de 2022", "Oct 16th, 2019", "16/10/2019", "26 | 01 | 2022"
TEXT_DATE = re.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d{2}\b|\b(?:19|20)\d{2}-[01]\d-[0-3]\d\b|"
    r"\b\d{1,2}\.?\s+(?:de\s+)?[^\W\d]{3,12}\.?,?\s+(?:de\s+)?(?:19|20)\d{2}\b|\b[^\W\d]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b|"
    r"\b\d{1,2}/\d{1,2}/(?:19|20)\d{2}\b|\b\d{1,2} ?\| ?\d{1,2} ?\| ?(?:19|20)\d{2}\b|"
    r"(?:19|20)\d{2}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일]")
# "11/01/2021": day and month may be either way round
SLASHED = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")
