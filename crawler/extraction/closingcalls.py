"""The blocks that gather after a story's last paragraph: calls to action (follow, subscribe,
donate, send us tips), copyright lines, the author's note or card. Read from the end inwards, among
the text's last blocks only, where a sentence of the story would not be."""
from __future__ import annotations

import re
from collections.abc import Sequence

# Calls to action that close an article: follow, subscribe, donate, contact, copyright.
_CALL_TO_ACTION = re.compile(
    r"""\b(?:follow\s+(?:us|[\w@.]+(?:\s+[\w@.]+){0,6})\s+on\s+(?:twitter|facebook|instagram|x|linkedin|tiktok|youtube|
      telegram|whatsapp|threads|bluesky|mastodon|social|google\s+news)|sign\s+up|subscribe|create\s+a\s+(?:free\s+)?account|download\s+(?:our|the)\s+(?:[\w'’-]+\s+){0,3}app
      |join\s+(?:our|the|us\s+on)\s+(?:[\w'’-]+\s+){0,3}(?:whatsapp|telegram|signal)\b|डाउनलोड\s+करें|support\s+(?:us|our)
      |donate|become\s+a\s+(?:member|subscriber)|if\s+you\s+enjoyed|we(?:'|’)?d\s+like\s+to\s+hear|write\s+to\s+\w+|may\s+be\s+reached\s+at
      |all\s+rights\s+reserved|
      folgen\s+sie|abonnieren|jetzt\s+anmelden|unterst[üu]tzen\s+sie|alle\s+rechte\s+vorbehalten|gef[äa]llt\s+(?:dir|ihnen)
      |s[íi]guenos|suscr[íi]bete|[úu]nete|descarga\s+(?:la|nuestra)|todos\s+los\s+derechos\s+reservados
      |suivez-nous|abonnez-vous|tous\s+droits\s+r[ée]serv[ée]s|inscrivez-vous
      |(?:have|got)\s+(?:a\s+)?(?:news\s+)?(?:tips?|information|a\s+story)\b[^?]{0,60}\?\s*(?:send|e-?mail|contact|call|text|tell|share)
      |(?:have|got|do\s+you\s+have)\s+a\s+question\b[^?]{0,60}\?\s*(?:write|e-?mail|send|contact|ask)|haben\s+sie\s+(?:eine\s+)?frage\b[^?]{0,60}\?\s*(?:schreiben|mailen|senden)|schreiben\s+sie\s+uns
      |[ée]crivez-nous|la\s+r[ée]daction\s+se\s+r[ée]serve\s+le\s+droit
      |seguici\s+su|siga-nos|volg\s+ons|obserwuj\s+nas|takip\s+edin
      |ikuti\s+(?:kami|[\w@.]+(?:\s+[\w@.]+){0,4})\s+di\s+(?:google\s+news|instagram|twitter|facebook|tiktok|youtube|whatsapp|telegram))\b""",
    re.X | re.I,
)
TAIL_BLOCKS = 3
_MAX_CTA_WORDS = 70


# A call to follow the site on a news aggregator or a messenger channel, in the languages news is
# published in: a verb of following or joining, then the app ("Sigue a X en Google News", "Rejoignez la
# chaîne WhatsApp", "Obserwuj X w Wiadomościach Google", "Gabung ke channel Telegram X"), or the app
# first ("X bei Google News folgen").
_NEWS_APP = (r"(?:google\s+(?:news|nieuws|noticias|not[íi]cias|actualit[ée]s|notizie|haberler)|wiadomo[śs]ci(?:ach)?\s+google"
             r"|whats\s?app\w{0,3}|telegram\w{0,3})")
_FOLLOW_CALL = re.compile(
    r"\b(?:follow|join|sigue|s[íi]guenos|[úu]nete|siga|sigam|entre\s+no|segui|seguici|iscriviti|suivez|rejoignez|abonnez"
    r"|folgen|folge|abonniere|volg|obserwuj|do[łl][ąa]cz|sledujte|p[řr]idejte\s+se|ikuti|gabung|bergabung|takip)\b"
    rf".{{0,80}}\b{_NEWS_APP}|\b{_NEWS_APP}\s+(?:\w+\s+)?folgen\b",
    re.IGNORECASE,
)
_MAX_FOLLOW_WORDS = 30


def _is_closing_call_to_action(block: str) -> bool:
    words = len(block.split())
    if words > _MAX_CTA_WORDS:
        return False
    return bool(_CALL_TO_ACTION.search(block) or (_MENTIONED.search(block) and _ADDRESSED.search(block))
                or (words <= _MAX_FOLLOW_WORDS and _FOLLOW_CALL.search(block)))


# words that a story's last paragraph or footnote may also mention ("the newsletter archive of 1950",
# "the copyright page"): a call or a credit only beside a reader addressed, the sign, or a year or
# a name after "Copyright" ("Copyright 2024 Harbour TV", "Copyright: Jane Doe")
_MENTIONED = re.compile(r"\b(?:newsletters?|copyright|reprints?)\b|©", re.IGNORECASE)
_ADDRESSED = re.compile(r"\b(?:you|your|ihr|ihnen|dir|dich|vous|votre|usted|abonnieren|anmelden|permission)\b|©"
                        r"|copyright\s*:|copyright\b.{0,40}\b(?:19|20)\d{2}\b",
                        re.IGNORECASE)


_MAX_BIO_WORDS = 80


def _is_author_note(block: str, authors: Sequence[str]) -> bool:
    """A closing block that starts with an author's full name: a bio ("Ann Lee is a reporter..."), the
    byline repeated ("Ann Lee | Science desk"), a disclosure about the author's reporting, or how to
    reach the author ("Contact Ann Lee at ann@...", "Reach Ann Lee at...")."""
    if len(block.split()) > _MAX_BIO_WORDS or _CONTRIBUTED.search(block):
        return False  # ("Associated Press writer Jo Roe contributed to this report.": the story's own credit)
    unaddressed = _CONTACT_LEAD.sub("", block, count=1)
    return any(len(name.split()) >= 2 and (block.startswith(name) or unaddressed.startswith(name)) for name in authors)


_CONTRIBUTED = re.compile(r"\bcontributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article)\.?$", re.IGNORECASE)
_CONTACT_LEAD = re.compile(r"^(?:contact|reach|e-?mail|write\s+to|follow|kontakt(?:ieren\s+sie)?:?|schreiben\s+sie)\s+",
                           re.IGNORECASE)


_AUTHOR_CARD_TITLE = re.compile(
    r"^(?:about\s+the\s+authors?|[üu]ber\s+(?:den\s+autor|die\s+autorin)|sobre\s+(?:el|la)\s+autora?"
    r"|[àa]\s+propos\s+de\s+l['’]auteure?|(?:written\s+by|about)\s+(?P<name>.{3,60}?))\s*:?$",
    re.IGNORECASE,
)


def _is_author_card_title(block: str, authors: Sequence[str]) -> bool:
    """The title of an author's card after the story: "Written by Ann Lee" or "About Ann Lee" (one of
    the page's authors), "About the author", or the full name of one of the page's authors alone."""
    title = block.strip()
    if any(len(author.split()) >= 2 and title.casefold() == author.casefold() for author in authors):
        return True
    match = _AUTHOR_CARD_TITLE.match(title)
    if not match:
        return False
    name = match["name"]
    return name is None or any(name.casefold() == author.casefold() for author in authors)


_PASSES = 2
"""Closing blocks are read twice: what the first pass removes (an author's card, a call) may uncover
another (a second author's card, the calls above a card)."""


def drop_closing_calls(kept: list[str], authors: Sequence[str] = ()) -> list[str]:
    """The text without the calls to action and author notes among its last blocks (the
    promotional blocks that gather after the last paragraph), dropped from the end inwards."""
    kept = list(kept)
    for _ in range(_PASSES):
        before = len(kept)
        tail_start = max(len(kept) - TAIL_BLOCKS, 1)
        card = next((i for i in range(tail_start, len(kept)) if _is_author_card_title(kept[i], authors)), None)
        if card is not None:  # the author's card: its title, the bio under it and what follows the card
            del kept[card:]
        dropped = False
        while len(kept) > tail_start:
            if _is_closing_call_to_action(kept[-1]) or _is_author_note(kept[-1], authors):
                dropped = True
            elif not (_is_label(kept[-1]) and (dropped or _is_closing_call_to_action(kept[-2]))):
                break  # a label goes only with the call it titles ("Something to consider") or signs off ("Thank you")
            kept.pop()
        if len(kept) == before:
            break
    return kept


_MAX_LABEL_WORDS = 4


def _is_label(block: str) -> bool:
    """A few words that are no sentence: a box's title, a sign-off."""
    return len(block.split()) <= _MAX_LABEL_WORDS and not block.rstrip().endswith((".", "!", "?", ":"))
