"""Line-level filter after trafilatura: boilerplate lines that survive any tree cleaning.

Each pattern is one kind of furniture text (ad labels, comment prompts, widget titles, "read also"
teasers, share and follow prompts, credit and copyright lines), in the languages news is commonly
published in. A line is dropped only when the whole line is such text and the line is short.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from crawler.common.caseblind import CaseBlind
from crawler.common.labels import (
    AS_OF,
    AUTHOR_LABELS,
    BY,
    BY_PHRASES,
    CONTINUED_MARK,
    DATE_PREPOSITIONS,
    PUBLISHED,
    UPDATED,
    tokens,
)
from crawler.extraction.controls import is_cookie_notice
from crawler.extraction.diagnostics import PHP_MESSAGE_LINE
from crawler.extraction.furniturelines import is_furniture_line, is_paywall_prompt
from crawler.extraction.closingcalls import TAIL_BLOCKS, drop_closing_calls
from crawler.extraction.pressclosing import cut_press_closing

# "AFP / MARCO BERTORELLO": an agency and a photographer's name in capitals.
_AGENCY_CREDIT = re.compile(r"^[A-Z]{2,}(?:\s*/\s*[A-Z][A-Z .'-]+)+$")
# A caption that ends in its picture's credit ("Marco Odermatt, ski star. © AFP / MARCO B.", "Logo of
# the award | © Springer"): the credit after the sign is a name or two, not a sentence.
_CREDITED_CAPTION = re.compile(r"^.{0,200}©\s*[^.!?©]{1,60}$")

# A related-story link: a headline followed by a bracketed label in capitals ("... [VIDEO]").
_LABELLED_TEASER = re.compile(r"^.{10,200}\[(?:VIDEO|PICTURES|PHOTOS|INSIGHT|REACTION|ANALYSIS|LATEST|LIVE|POLL|REVEALED)\]\W*$")

# Lines that only state when the article was published or updated ("Updated at 1:23 p.m.",
# "segunda-feira, 22 de janeiro de 2018 às 0:13").
_CALENDAR_WORDS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    januar februar märz mai juni juli oktober dezember
    janvier février fevrier mars avril juin juillet août aout septembre octobre novembre décembre
    enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
    janeiro fevereiro março maio junho julho setembro outubro novembro dezembro
    gennaio febbraio aprile maggio giugno luglio settembre ottobre
    monday tuesday wednesday thursday friday saturday sunday
    montag dienstag mittwoch donnerstag freitag samstag sonntag
    lundi mardi mercredi jeudi vendredi samedi dimanche
    lunes martes miércoles miercoles jueves viernes sábado sabado domingo
    segunda terça terca quarta quinta sexta feira
    """.split()
)
# (a line "Erstellt am: 01.11.2023" is still kept: dropping it too would change texts extracted so far)
_LABEL_WORDS = tokens(PUBLISHED + UPDATED + AS_OF + DATE_PREPOSITIONS) - {"erstellt"}
_DATE_WORDS = _CALENDAR_WORDS | _LABEL_WORDS | frozenset(
    """
    at pm release date data datum fecha news a m p h uhr um às as à de del do da der den the
    et est edt cet cest gmt utc bst pst pdt ist ct cst cdt mt mst mdt pt akst akdt hst aest aedt wib
    """.split()
)
_CJK_DATE_TOKEN = re.compile(r"(?:\d+[年月日時分秒년월일시분초])+")  # "2024年5月16日", "06時00分"
_CLOCK_TOKEN = re.compile(r"\d{1,2}(?:am|pm)")  # "7:15am": the minutes and the half of the day in one token
_DATE_TOKEN = re.compile(r"\w+")
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|uhr|h)?\b")


def _is_dateline(line: str) -> bool:
    folded = line.casefold()
    tokens = _DATE_TOKEN.findall(folded)
    if not tokens or len(tokens) > 14 or not any(token.isdigit() or _CJK_DATE_TOKEN.fullmatch(token) for token in tokens):
        return False
    if not all(token.isdigit() or token in _DATE_WORDS or _CLOCK_TOKEN.fullmatch(token) or _CJK_DATE_TOKEN.fullmatch(token)
               for token in tokens):
        return False
    # Digits alone may be a phone number: a month or weekday name, or a date or time form, is needed.
    return any(token in _CALENDAR_WORDS or _CJK_DATE_TOKEN.fullmatch(token) for token in tokens) \
        or bool(_NUMERIC_DATE.search(folded))


# Promotions addressed to the reader, anywhere in the text: app downloads, newsletter sign-ups,
# affiliate and advertiser disclosures, appeals for support. Each form names the reader or the
# publication ("our", "we", "us"), which a sentence of the story itself does not.
_PROMOTION = CaseBlind(
    r"""\b(?:download|get|install)\s+our\s+(?:free\s+)?(?:\w+\s+)?apps?\b
      |\b(?:for\s+the\s+latest|stay\s+(?:up\s+to\s+date|informed)|never\s+miss)\b.{0,80}\bdownload\b.{0,60}\bapps?\b
      |\bsign(?:ing)?\s+up\s+(?:to|for)\s+our\b.{0,40}\b(?:newsletters?|emails?)\b|\bedition\s+by\s+e-?mail\b
      |\bnever\s+miss\s+our\s+(?:top\s+|latest\s+)?(?:stories|news|articles)\b
      |\b(?:in|with|from)\s+our\s+(?:free\s+)?(?:\w+\s+)?newsletters?\b
      |\b(?:unse(?:ren|rem|rer|r|n)|notre|nos|nuestros?|nuestras?)\s+(?:\w+\s+)?\w*newslett?ers?\b
      |\bfrom\s+one\s+or\s+more\s+of\s+our\s+advertisers\b|\bmay\s+(?:receive|earn)\s+(?:a\s+|an\s+)?(?:small\s+)?(?:affiliate\s+)?(?:compensation|commission|share\s+of\s+(?:the\s+)?sales)\b
      |\blinks\s+mit\s+\*\s+sind\s+affiliate-?links\b|\berhalten\s+wir\s+(?:ggf\.\s+|gegebenenfalls\s+|m[öo]glicherweise\s+)?(?:eine\s+)?(?:kleine\s+)?provision\b
      |\bpodemos\s+(?:recibir|ganar|obtener|percibir|receber|ganhar)\s+(?:una|uma)\s+(?:peque[ñn]a\s+)?comis(?:i[óo]n|s[ãa]o)\b
      |\bnous\s+(?:pouvons|pourrions)\s+(?:percevoir|toucher|recevoir)\s+une\s+(?:petite\s+)?commission\b
      |\bpotremmo\s+(?:ricevere|guadagnare)\s+una\s+(?:piccola\s+)?commissione\b
      |\bontvangen\s+(?:wij|we)\s+(?:mogelijk\s+|soms\s+)?een\s+(?:kleine\s+)?(?:commissie|vergoeding)\b
      |\bprices?\s+(?:are|were|was|is)\s+(?:accurate|correct|current)\s+(?:at|as\s+of)\s+(?:the\s+)?time\s+of\s+(?:publishing|publication|writing)\b
      |\bas\s+an\s+amazon\s+associate,?\s+(?:\S+\s+){1,3}earns?\b|\bin\s+qualit[àa]\s+di\s+affiliat[oa]\s+amazon\b|\bals\s+amazon-partner\b
      |\ben\s+tant\s+que\s+partenaire\s+amazon\b|\bcomo\s+(?:afiliad[oa]|associad[oa])\s+(?:de\s+|da\s+)?amazon\b
      |\bcompensated\s+for\s+purchases\s+made\s+through\b|\bhazte\s+(?:socio|socia|miembro|suscriptor)\s+de\b
      |\bwhen\s+you\s+buy\b.{0,60}\b(?:we|us)\s+(?:may\s+)?(?:receive|earn|get)\s+(?:a\s+|an\s+)?(?:small\s+)?(?:affiliate\s+)?commission\b
      |\badvertisers\s+do\s+not\s+influence\b|\b(?:contains|enth[äa]lt|handelt\s+es\s+sich\s+um)\s+(?:sogenannte\s+)?affiliate[- ]?links\b
      |\b\d+\s+issues\s+for\s+[£$€]|\bdelivered\s+(?:through\s+your\s+letterbox|to\s+your\s+door)\b
      |\btag\s+(?:us\s+)?@[\w.]+\s+on\s+(?:instagram|twitter|x|tiktok|facebook|threads)\b
      |\b(?:tried|made)\s+this\s+recipe\?
      |\bsend\s+us\s+your\s+(?:\w+\s+)?(?:photos|pictures|videos|news\s+tips)\b|\bshare\s+your\s+(?:photos|pictures|videos?)\b.{0,80}\b(?:with\s+us|newsroom)\b
      |\b(?:would\s+you\s+)?consider\s+supporting\s+(?:our\s+work|us)\b|\bwesprzyj\s+nas\b|\bzapraszamy\b.{0,40}\bsubskrypcj
""",
    re.X,
)
_MAX_PROMOTION_WORDS = 60


# A subscription's offer: a period for a price ("4 Wochen für 0,99 €", "3 months for $1") or a price a
# period ("from £1 a week", "für 9,99 € im Monat"); tried only on lines that name a price.
_PERIOD = r"(?:weeks?|months?|years?|wochen?|monate?|monat|jahr|semaines?|mois|an|semanas?|meses|mes|año|settimane|mesi|mese)"
_PRICE = r"(?:[£$€]\s?\d+(?:[.,]\d{2})?|\d+(?:[.,]\d{2})?\s?(?:€|eur\b|euro))"
_TRIAL_OFFER = re.compile(
    rf"\b(?:\d+|one|ein(?:en)?|un)\s+{_PERIOD}\s+(?:lang\s+)?(?:for|für|pour|por|per)\s+"
    rf"(?:only\s+|just\s+|nur\s+|seulement\s+|solo\s+)?{_PRICE}"
    rf"|\b(?:from|for|für|ab|pour|d[èe]s|por|desde|per|da)\s+(?:only\s+|just\s+|nur\s+|seulement\s+)?{_PRICE}\s+"
    rf"(?:a|an|per|pro|im|par|al|por|a\s+la|al)\s+{_PERIOD}\b",
    re.IGNORECASE,
)
_PRICE_SIGNS = ("€", "$", "£", "eur")


# An appeal to support the publication, opening a line: "Support local journalism."
_APPEAL = CaseBlind(r"\W*(?:support|unterst[üu]tzen\s+sie|soutenez|apoya|apoie|sostieni)\s+(?:\w+\s+){0,2}"
                    r"(?:journalism|journalismus|journalisme|periodismo|jornalismo|giornalismo)\b")


def _is_promotion(line: str) -> bool:
    if len(line.split()) > _MAX_PROMOTION_WORDS:
        return False
    return _PROMOTION.searches(line) or _APPEAL.matches(line) or (
        any(sign in line for sign in _PRICE_SIGNS) and bool(_TRIAL_OFFER.search(line)))


# What stands in for an embed the page loads only on the reader's click (a map, a video, a podcast
# button behind a consent gate) and the instructions for a button of the page: text about the
# page's own controls, which the extraction keeps while the control itself is gone.
_CONTROL_TEXT = re.compile(
    r"""\b(?:klicken|tippen)\s+sie\s+auf\s+(?:den|diesen)\s+(?:\w+\s+)?button\b.{0,40}\b(?:laden|anzeigen|abspielen)\b
      |\bum\s+(?:den|die|das)\s+(?:inhalt|inhalte|video|karte)\s+(?:von\s+\S+\s+)?(?:zu\s+laden|anzuzeigen)\b
      |\bmit\s+dem\s+laden\s+(?:des|der)\s+(?:\w+\s+)?(?:videos?|inhalts?|karte|beitrags|tweets?)\s+akzeptieren\s+sie\b
      |\bclick\s+(?:on\s+)?the\s+(?:\w+\s+)?button\b.{0,40}\bto\s+(?:load|show|display|view)\s+(?:the\s+)?(?:content|video|map)\b
      |\bby\s+loading\s+the\s+(?:video|content|map)\b.{0,40}\byou\s+(?:agree|accept)\b
      |\bmit\s+diesem\s+button\s+(?:kannst\s+du|k[öo]nnen\s+sie)\b|\bwith\s+this\s+button,?\s+you\s+can\b""",
    re.X | re.I,
)
_MAX_CONTROL_WORDS = 40


_CONTROL_HINTS = ("button", "lade", "load", "anzuzeigen")
"""Every form of ``_CONTROL_TEXT`` names a button or loading: a cheap first test."""


def _is_control_text(line: str) -> bool:
    folded = line.lower()
    return (
        any(hint in folded for hint in _CONTROL_HINTS)
        and len(line.split()) <= _MAX_CONTROL_WORDS
        and bool(_CONTROL_TEXT.search(line))
    )


# A bar of post facts run into one line ("January 13, 2020 | categories: Python | View Comments"):
# every part is itself furniture (a date, a label with its values, a comment link).
_BAR_SEPARATOR = re.compile(r"\s+[|\u00b7\u2022]\s+")


def _is_post_facts_bar(line: str) -> bool:
    if "|" not in line and "\u00b7" not in line and "\u2022" not in line:
        return False
    parts = _BAR_SEPARATOR.split(line)
    return len(parts) >= 2 and all(_is_single_boilerplate(part) for part in parts)


# A table of market quotes (Ticker | Security | Last | Change): a price widget, never the story.
_QUOTE_TABLE_HEADER = re.compile(r"^(?:ticker|symbol)\s*\|.*\b(?:last|price)\b.*\|.*\bchange\b", re.I)


def _normalise(line: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", line).split()).casefold()


def is_boilerplate_line(line: str) -> bool:
    line = line.strip()
    if PHP_MESSAGE_LINE.match(line) or is_cookie_notice(line):
        return True
    if len(line) >= 260:
        return False
    return _is_single_boilerplate(line) or _is_control_text(line) or _is_post_facts_bar(line)


def _is_single_boilerplate(line: str) -> bool:
    return bool(
        is_furniture_line(line) or _AGENCY_CREDIT.match(line) or _LABELLED_TEASER.match(line)
        or ("©" in line and _CREDITED_CAPTION.match(line))
        or _is_dateline(line) or is_paywall_prompt(line) or _is_promotion(line)
    )


# The title of a box of other stories ("Top stories", "Most popular", "Auch auf <site>"): near the end
# of the text, it and everything after it are the box, not the story. (A bare "Related" or
# "Recommended" also labels a box inside the story, which the story continues after.)
_WIDGET_TITLE = CaseBlind(
    r"""^\W*(?:most\s+(?:popular|read|viewed|shared|commented)|top\s+stories|more\s+(?:stories|news|articles)
      |trending\s+(?:now|stories)|related\s+(?:posts|articles|stories|content|coverage|news|links)
      |you\s+(?:may|might)\s+also\s+(?:like|enjoy)|recommended\s+for\s+you|partner\s+(?:news|content)
      |from\s+our\s+partners|recent\s+(?:posts|comments|articles)|editor'?s\s+picks?|latest\s+(?:news|stories|posts)
      |popular\s+(?:posts|stories|articles)|also\s+on\s+\S+|more\s+from\s+\S+(?:\s+\S+)?|auch\s+auf\s+\S+
      |meistgelesen(?:e\s+artikel)?|weitere\s+artikel
      |(?:das|diese[rs]?(?:\s+(?:artikel|beitr[äa]ge?|themen))?)\s+k[öo]nnten?\s+(?:sie|dich|euch)\s+(?:auch|ebenfalls)\s+interessieren
      |lue\s+(?:my[öo]s|aiheesta\s+lis[äa][äa])|l[äa]s\s+ocks[åa]
      |noticias\s+relacionadas|lo\s+m[áa]s\s+le[íi]do|les\s+plus\s+lus|[àa]\s+lire\s+aussi
      |najcz[ęe][śs]ciej\s+czytane|zobacz\s+(?:r[óo]wnie[żz]|te[żz]|tak[żz]e)|i\s+pi[uù]\s+letti|mais\s+lidas
      |meest\s+gelezen|mest\s+l[äa]sta)\W*$""",
    re.X,
)


def _cut_closing_widget(blocks: list[str]) -> list[str]:
    """The text up to the title of a box of other stories in its last blocks (never its first line)."""
    for index in range(max(len(blocks) - TAIL_BLOCKS, 0), len(blocks)):
        lines = blocks[index].split("\n")
        for position, line in enumerate(lines):
            if (index or position) and _WIDGET_TITLE.matches(line.strip()):
                head = "\n".join(lines[:position])
                return blocks[:index] + ([head] if head else [])
    return blocks


# what may follow the headline on its own line once the title lost it: " | Site", " - CNN", a later
# page's " (continued)"
_TITLE_SUFFIX = re.compile(rf"\s*[|\u2013\u2014-]\s*\S.{{0,40}}|\s*{CONTINUED_MARK}", re.IGNORECASE)


def _is_headline(line: str, title: str) -> bool:
    """The page's headline line: the title, or the title with the site or publisher suffix it was cut of."""
    return line == title or (line.startswith(title) and bool(_TITLE_SUFFIX.fullmatch(line[len(title):])))


# A byline at the top of the text ("By Jane Doe, August 14, 2020 2:30 pm", "21. Jan 2022 // Max Muster",
# "Autor: Die Redaktion"): the record's authors, with nothing else than byline labels, joining words,
# a date and separators. A line that says more ("Jane Doe: Where did you enter the EU?") is text.
_BYLINE_WORDS = tokens(BY + BY_PHRASES + AUTHOR_LABELS) | frozenset("and und y e durch".split())
"""(with ``_DATE_WORDS``, which has the date labels, "am"/"pm", "uhr" and "et")"""
_LEAD_LINES = 3
_MAX_BYLINE_WORDS = 14


def _is_leading_byline(line: str, authors: Sequence[str]) -> bool:
    if len(line.split()) > _MAX_BYLINE_WORDS:
        return False
    named = [name for name in authors if name and name in line]
    if not named:
        return False
    rest = line
    for name in named:
        rest = rest.replace(name, " ")
    return all(
        word.isdigit() or word in _BYLINE_WORDS or word in _DATE_WORDS for word in _DATE_TOKEN.findall(rest.casefold())
    )


def filter_blocks(blocks: list[str], title: str | None = None, authors: Sequence[str] = ()) -> list[str]:
    """Drop boilerplate lines, the headline repeated as the first block, a byline among the first
    lines, a closing box of other stories, and closing calls to action and author notes."""
    kept: list[str] = []
    title_key = _normalise(title) if title else None
    lead = _LEAD_LINES if authors else 0  # lines still to check for a byline
    for block in _cut_above_headline(cut_press_closing(_cut_closing_widget(blocks)), title_key):
        if _QUOTE_TABLE_HEADER.match(block):
            continue
        lines = _without_boilerplate(block.split("\n"))
        if lead > 0:
            checked, lead = lines[:lead], lead - len(lines[:lead])
            lines = [line for line in checked if not _is_leading_byline(line, authors)] + lines[len(checked):]
        if not lines:
            continue
        if not kept and title_key and _is_headline(_normalise(lines[0]), title_key):
            lines = lines[1:]
            if not lines:
                continue
        kept.append("\n".join(lines))
    return drop_closing_calls(kept, authors)


_ABOVE_HEADLINE_LINES = 3
_LABEL_MAX_CHARS = 60
# a byline's or a date's label whose value the cleaning took ("Posted on", "Gespeichert von human am"):
# what the page shows above its headline there is no kicker, and the text stays as it is
_DANGLING = re.compile(r"(?:\b(?:on|am|by|von|at|le|par|de|el|il|um|from|in|posted|published)|:)\s*$", re.IGNORECASE)


def _cut_above_headline(blocks: list[str], title_key: str | None) -> list[str]:
    """The text without the labels above its headline and the headline: a kicker, a section's name,
    a press release's "FOR IMMEDIATE RELEASE" (short lines that are no sentence, at most
    ``_ABOVE_HEADLINE_LINES``); unchanged when no headline follows them."""
    if not title_key:
        return blocks
    above = 0
    for number, block in enumerate(blocks[:_ABOVE_HEADLINE_LINES]):
        lines = block.split("\n")
        for index, line in enumerate(lines):
            if _is_headline(_normalise(line), title_key):
                if not above:
                    return blocks  # the headline first: the filter's own rule takes it
                rest = "\n".join(lines[index + 1:])
                return ([rest] if rest else []) + blocks[number + 1:]
            if above >= _ABOVE_HEADLINE_LINES or len(line) > _LABEL_MAX_CHARS or line.rstrip().endswith((".", "!", "?")) \
                    or _DANGLING.search(line):
                return blocks
            above += 1
    return blocks


def _without_boilerplate(lines: list[str]) -> list[str]:
    """The lines that are no boilerplate; dates stay when a block lists several different days or
    months without a time (a list or a table of dates is a schedule or a timeline); a dateline
    is one date alone, and the same date or dates with times again and again are posts' or comments'."""
    dropped = [is_boilerplate_line(line) for line in lines]
    if sum(dropped) < 2:  # (the usual block: no schedule to look for)
        return [line for line, drop in zip(lines, dropped) if not drop]
    dated = [drop and (_is_dateline(line) or _is_post_facts_bar(line)) for line, drop in zip(lines, dropped)]
    days = [line for line, date in zip(lines, dated) if date]
    schedule = len(set(days)) == len(days) and not any(_CLOCK.search(line) for line in days) and (
        (len(days) >= 2 and all(_DAY.search(line) for line in days))
        or (len(days) >= _TIMELINE_DATES and all(_DAY.search(line) or _YEAR.search(line) for line in days)))
    return [line for line, drop, date in zip(lines, dropped, dated) if not drop or (schedule and date)]


_DAY = re.compile(r"\b\d{1,2}\b")
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d{2}\b")
_TIMELINE_DATES = 3
"""A timeline's dates may name a month or a year only ("September 2018"): three or more of them."""
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b(?![.]\d)")
