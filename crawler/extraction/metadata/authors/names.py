"""People's names from byline text: labels, dates, roles, handles and remarks cut away ("By Jane
Doe, Staff Writer | May 3, 2020" -> "Jane Doe"), several names split apart, and the tests whether a
string is a name or looks like a person's."""
from __future__ import annotations

import re

from crawler.common.labels import AS_OF, BY, DATE_WORDS, MONTH, PUBLISHED, UPDATED, any_of
from crawler.extraction.metadata.elementtext import squash
from crawler.extraction.metadata.sitenames import key

_PREFIX = re.compile(
    r"^\s*(?:text\s*(?:&|\+|und|and)\s*(?:fotos?|photos?|bilder)|"  # "Text & Fotos: Name"
    r"(?:written|posted|published|reported|reporting|hosted|story|words|text|photos?|edited|created|article|opinion|"
    r"analysis|commentary|review|column|interview|essay)\s+by|"
    r"(?:erstellt|geschrieben|verfasst|publiziert|eingestellt|gepostet|bearbeitet)\s+von|durch|"
    r"(?:zeige\s+)?alle\s+(?:beiträge|artikel)\s+von|(?:view\s+)?all\s+(?:posts|articles|stories)\s+by|"
    r"(?:mehr|more|articles|stories|posts)\s+(?:von|by|from)|"
    r"(?:zum\s+)?profil\s+von|rezept\s+von|recipe\s+by|(?:publié|écrit|rédigé)\s+par|(?:escrito|publicado)\s+por|(?:scritto|pubblicato)\s+da|"
    r"kirjoittanut|skrevet\s+a[fv]|penulis|kirjoittaja|forfatter|f[öo]rfattare|"
    r"(?:ein\s+)?(?:beitrag|artikel|text|kommentar|gastbeitrag|analyse)\s+von|geschrieben\s+von|"
    rf"ver(?:ö|oe)ffentlicht\s+von|verfasst\s+von|autor(?:in)?(?:en)?|author(?:s)?|{any_of(BY)}|from|"
    r"di|da|de|van|vom|text|redakteur(?:in)?|reporter|verfasser(?:in)?|posted)\b\s*[:\-\u2013]?\s*",
    re.IGNORECASE,
)
_OTHERS = re.compile(r"\s*(?:,|and|und|et|y|&)?\s*\d+\s+(?:others?|more|weitere|andere)\b.*$", re.IGNORECASE)
_WEEKDAY = (r"(?:mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
            r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so)")

# dates, times and their labels after a name; month and weekday names only next to digits
# or a comma, so "Jan Kupitz" and "April Ryan" stay names
_DATEISH = re.compile(
    r"\b\d{1,4}[./-]\d{1,2}(?:[./-]\d{1,4})?\b.*$|\b\d{1,2}:\d{2}\b.*$|"
    rf"\b(?:\d{{1,2}}\.?\s+)?{MONTH}\.?\s+\d{{1,4}}\b.*$|\b\d{{1,2}}\.?\s+{MONTH}\b.*$|"
    rf"\b{_WEEKDAY}\.?(?:,|\s+\d).*$|"
    rf"\b{any_of(UPDATED + PUBLISHED + AS_OF + DATE_WORDS + ('zuletzt', 'last', 'post date'))}\b.*$|"
    r"\b\d{1,2}\.\s*\d{1,2}\.(?:\s*\d{2,4})?.*$|"
    r"\b\d{1,2}\.?\s+[^\W\d_]{3,12}\.?,?\s+(?:19|20)\d{2}\b.*$|"  # a day, a month in any language, a year
    r"\b(?:data|fecha)\s*[:\uff1a]\s*\d.*$|"  # Polish, Portuguese, Italian, Spanish "Date: 28-04-2021"
    # "vor 3 Stunden", "hace 13 horas", "il y a 2 heures", "há 5 minutos", "3 ore fa"
    r"\b(?:(?:vor|hace|il\s+y\s+a|há|ha)\s+)?\d+\s+(?:hours?|minutes?|days?|stunden?|minuten?|tagen?|"
    r"horas?|minutos?|d[ií]as?|heures?|jours?|ore|minuti|giorni)\b.*$|"
    # the reading time a byline shows beside the names ("Tiempo de lectura: 8 minutos")
    r"\b(?:lesezeit|lesedauer|reading\s+time|read\s+time|tiempo\s+de\s+lectura|temps\s+de\s+lecture|"
    r"tempo\s+di\s+lettura)\b.*$|"
    r"\s[-\u2013\u2014|]\s.*$|\s(?:on|am|le|il|el|den)\s*$",
    re.IGNORECASE,
)
# (", and" first: the serial comma before the last name, "A, B, and C")
_SPLIT = re.compile(r"\s*(?:;|,\s*(?:and|und|et|y|e|en|och|og|&)\s|,|\||\s(?:and|und|et|y|e|en|och|og|&)\s|\s&\s|\s\+\s)\s*",
                    re.IGNORECASE)
_ROLE = re.compile(
    r"\b(?:staff|senior|chief|editor|editors|redakteur|redakteurin|redaktion|correspondent|reporter|"
    r"writer|contributor|columnist|photographer|journalist|korrespondent|korrespondentin|"
    r"autor|autorin|author|guest|freelance|managing|executive|news desk|desk|wire|wires)\b.*$",
    re.IGNORECASE,
)
# a job title that ends in its role word ("Education Correspondent", "Local Democracy Reporter"), also
# an institution's press staff's ("Communications Officer", "Pressesprecherin")
_ROLE_TITLE = re.compile(r"^(?:[\w&-]+\s+){0,3}(?:correspondent|reporter|editor|writer|columnist|photographer|"
                         r"journalist|contributor|producer|analyst|critic|redakteur|redakteurin|korrespondent|"
                         r"korrespondentin|officer|manager|director|spokesperson|spokesman|spokeswoman|coordinator|"
                         r"specialist|adviser|advisor|pressesprecher|pressesprecherin|sprecher|sprecherin|referent|"
                         r"referentin|woordvoerder|portavoce|portavoz)s?$", re.IGNORECASE)
_EMAIL_URL = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")
_NO_NAME = re.compile(r"^(?:by|von|par|door|and|und|on|am|le|il|el|den|wires?|admin|administrator|anonymous|unknown|the|a|an|of|"
                      r"others?|anderen|weitere|no\s+author|"
                      r"share|teilen|follow|folgen|mehr|more|email|e-mail|print|drucken|comments?|"
                      r"kommentare?|home|menu|search|suche|login|log in|sign in|subscribe|abonnieren|"
                      r"profile|profil|view all posts|all posts|posts|articles|artikel|"
                      # the kind of item, in a list's author slot: "Pressemitteilung", "Press release"
                      r"pressemitteilung|pressemeldung|medienmitteilung|press release|news release|"
                      r"communiqu[ée](?: de presse)?|comunicado(?: de prensa)?|comunicato stampa)$", re.IGNORECASE)
# quotation marks inside a "name": a quoted phrase of a sentence that says "von" or "by"
_QUOTED = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb]")
_LABEL = re.compile(r"^[\w\s\-]{1,30}?\s*[:\uff1a]\s*(?=\S)")
_TRAILING = re.compile(
    r"\s+(?:@\w+|\d+|\d+\s+min\.?\s+read.*|view|follow|folgen|mehr|more|profile?|kommentare|comments|"
    r"more\s+from.*|mehr\s+von.*|(?:in|at|um|à|en)(?:\s+\S+)?|"
    r"(?-i:[a-z0-9_.]{5,})|hosted\s+by.*|\w+\s*:.*|(?:chef|ressort|leiter|leiterin|redakteur|redakteurin|"
    r"chefredakteur|chefredakteurin|volontär|volontärin|praktikant|praktikantin|experte|expertin)\w*)$", re.IGNORECASE)

# a role written before the name: "FOCUS-Online-Experte Robin T.", "Gastautorin Eva Muster"
_ROLE_PREFIX = re.compile(r"^\S*(?:experte|expertin|redakteur|redakteurin|korrespondent|korrespondentin|autor|"
                          r"autorin|kolumnist|kolumnistin|reporterin)\s+(?=[A-ZÄÖÜ]\S*\s+[A-ZÄÖÜ])", re.IGNORECASE)
# a reporter's title before or after a Chinese, Japanese or Korean name: "記者・佐藤健一", "佐藤健一 記者", "김민수 기자"
_CJK_ROLE = re.compile(r"^(?:記者|记者|作者)[・·:：\s]*|[\s・·]*(?:記者|记者|선임기자|기자|특파원)$"
                       r"|\s*[／/]\s*\S{1,8}(?:報導|报道)$")  # "陳怡君／南投報導": where the report came from
_REMARK = re.compile(r"\s*\([^()]*\)")
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{4})\.$")
"""A full stop after a word of four letters or more ends a sentence; after an initial or an
abbreviation ("Jr.", Polish "red.") it is part of the name."""


def clean_name(raw: str) -> str:
    """One name without what surrounds it in a byline: e-mail and web addresses, remarks in
    parentheses, labels, handles, dates, roles and punctuation."""
    name = squash(_REMARK.sub("", _EMAIL_URL.sub(" ", raw)))  # "Name (Sponsored Post)"
    name = _LABEL.sub("", name)
    for _ in range(3):
        name = _TRAILING.sub("", name).strip()
    name = _OTHERS.sub("", name)
    for _ in range(2):
        name = _PREFIX.sub("", name, count=1).strip()
    name = _DATEISH.sub("", name).strip()
    name = _ROLE_PREFIX.sub("", name)
    name = _CJK_ROLE.sub("", name.strip("（）"))
    name = name.strip(" \t:;,|-\u2013\u2014()[]@/·•*~\"'\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a>\u2190\u2192\u00a9")
    name = _SENTENCE_END.sub("", name.lstrip("."))  # "Text: Anna Berg. Fotos: ..."
    return squash(name)


AFFILIATION = re.compile(
    r"\b(?:university|universität|université|universidad|college|institute|institut|program|programme|"
    r"project|foundation|stiftung|gmbh|inc|ltd|llc|e\.\s?v|department|marketing|google|"
    r"post|times|ledger|news|press|herald|journal|tribune|gazette|daily|chronicle|observer|magazine|"
    r"media|agency|agentur|zeitung|radio|network|digest|wire|bureau|staff|desk|redaktion|associated|"
    r"dpa|afp|ap|apa|reuters|kna|epd|sid|dapd|ddp|ots)\b|\s(?:bei|at|chez)\s", re.IGNORECASE)
_END_OF_NAMES = re.compile(r"\s[\u00b7\u2022|\u2014\u2013]\s|\s-\s")
_MID_BY = re.compile(rf"^(?:\S+\s+){{1,3}}{any_of(w.capitalize() for w in BY)}\s+(?=[A-ZÄÖÜ])")
_ACRONYM = re.compile(r"[A-Z]{3,5}")
# what follows a person's name in a byline and is no part of it: an agency after a slash ("Peter
# Maahn/SP-X"), the outlet a person wrote for ("Jane Doe for The Sunday Paper"), an agency's credit
# ("Mary Smith Associated Press")
_AFTER_PERSON = re.compile(r"\s*/.*$|\s+for\s+\S.*$|\s+(?:the\s+)?(?:associated\s+press|reuters|afp|ap|dpa|apa|efe|ansa"
                           r"|kyodo|xinhua|bloomberg|press\s+association|pa\s+media)$", re.IGNORECASE)
_TAXONOMY = re.compile(r"\s(?:kategorien?|categor(?:y|ies)|tags?|schlagw(?:ö|oe)rter|filed\s+under|posted\s+in|"
                       r"veröffentlicht\s+in|rubrik)\b\s*:?.*$"
                       # "by Jane Doe in Local News", "par X dans Feuille paroissiale": the post's section
                       # (an association's name goes on: "Historische Wehranlage in Horka e.V.")
                       # (nor is a quoted phrase cut: "Von „Sommerfrische im Hochgebirge“ zu reden" is a sentence)
                       r"|\s(?:in|dans|im|nel|nella)\s+(?-i:[A-ZÀ-ÝÄÖÜ])(?!.*\b(?:e\.\s?v|gmbh|inc|ltd|llc)\b)"
                       r"(?!.*[\"\u201c\u201d\u201e\u00ab\u00bb]).*$",
                       re.IGNORECASE)


_DESK = re.compile(r"(?:redaktion|redacci[óo]|redacci[óo]n|r[ée]daction|redazione|redactie|newsroom|staff|news\s+desk"
                   r"|pressestelle|press\s+office|service\s+de\s+presse|oficina\s+de\s+prensa|ufficio\s+stampa)",
                   re.IGNORECASE)
_SURNAME_FIRST = re.compile(r"((?-i:[A-ZÄÖÜÉ][a-zäöüßéèáíóúñç'-]+)),\s*((?-i:[A-ZÄÖÜÉ][a-zäöüßéèáíóúñç'-]+))")


_INSTITUTION = re.compile(
    r"(?:(?:bundes|landes|staats)?ministerium|senatsverwaltung|ministry|minist[èe]re|ministerio|ministero|ministerie"
    r"|department\s+(?:of|for)|office\s+of|bundesamt|landesamt|beh[öo]rde"
    # "Kellberg Institute for Polar and Marine Research", "Max-Planck-Institut für ...", "Centre for ..."
    r"|(?:[\w.'’-]+\s+){0,3}(?:institute|institut|university|universit[äé]t?|universidad|universit[àa]|college|academy"
    r"|akademie|foundation|stiftung|fondation|fundaci[óo]n|society|gesellschaft|association|council|agency|centre|center"
    r"|zentrum)\s+(?:for|of|für|de|du|des|di|del|per|voor)\b)", re.IGNORECASE)
"""A public body's or an institute's name, whose commas and "and" join the fields it is responsible
for, not people."""
_MAX_INSTITUTION_WORDS = 14


def split_names(text: str) -> list[str]:
    """The people a byline text names, in order ("By Jane Doe and John Roe, Staff Writers"): the
    names of an organisation or a role only when it names no person."""
    text = _TAXONOMY.sub("", " " + squash(text)).strip()
    first, *rest = _END_OF_NAMES.split(text, maxsplit=1)
    # "Redaktion · Jana Muster": the desk, then the person who wrote the piece
    text = rest[0] if rest and _DESK.fullmatch(first.strip()) else first
    text = _END_OF_NAMES.split(text, maxsplit=1)[0]
    text = _MID_BY.sub("", text)
    text = _OTHERS.sub("", text)
    for _ in range(2):
        text = _PREFIX.sub("", text, count=1)
    inverted = _SURNAME_FIRST.fullmatch(text.strip())
    if inverted:  # "Hoffmann, Clara": a catalogue's order of one name
        return [f"{inverted.group(2)} {inverted.group(1)}"]
    text = _DATEISH.sub("", _REMARK.sub("", text))  # (a remark's commas split no names: "Jean Doe (Lyon, correspondent)")
    if _INSTITUTION.match(text.strip()):
        # "Ministerium für Umwelt, Klima und Küstenschutz": a public body's name lists its remits
        institution = squash(text).strip(" ,;")
        return [institution] if len(institution.split()) <= _MAX_INSTITUTION_WORDS else []
    names, roles = [], []
    parts = [p for p in _SPLIT.split(text) if p.strip()]
    for part in parts:
        if names and _ROLE_TITLE.match(squash(part).strip(" .:;")):
            roles.append(squash(part))  # "Tom Roe, Harbor United reporter": the job, read before the
            continue  # trailing lower-case word would be cut as a handle
        name = clean_name(part)
        # "Staff Writer" beside a name; "Health Reporter" after one
        if (_ROLE.match(name) or (names and _ROLE_TITLE.match(name))) and (len(parts) > 1 or len(name.split()) > 1):
            if is_name(name):
                roles.append(name)
            continue
        if len(name.split()) > 2:
            # "Jane Doe Staff Writer": the role after a person's name goes ("HLNF Staff Report" stays)
            person = _ROLE.sub("", name).strip(" ,-\u2013|")
            name = person if len(person.split()) >= 2 else name
        before = _AFTER_PERSON.sub("", name, count=1).strip()
        if before != name and looks_like_person(before):
            name = before  # the agency or outlet after a person's name ("det/dpa" stays)
        if is_name(name):
            names.append(name)
    people = [n for n in names if not AFFILIATION.search(n)]
    if any(looks_like_person(n) for n in people):
        # "By Amara Okafor, Lagos": one word beside a person's full name is a dateline's place (or a
        # degree: "MS", "RD"); an acronym of three letters or more is a broadcaster's or an agency's credit;
        # words in lower case after it are the person's job ("Par Name, chargée de suivi-évaluation")
        people = [n for n in people if (len(n.split()) > 1 or _ACRONYM.fullmatch(n)) and not n[:1].islower()]
    # a byline that names only a desk or role ("By Staff Writer", "Redaktion X") is what it says
    return dedupe(people or names or roles)


_DEGREE = re.compile(r"^(?:ph\.?\s?d|m\.?d|dr|prof|mba|msc|m\.?sc|b\.?sc|ma|ba|rn|jr|sr|esq|dipl\.?[-\w]*)\.?$", re.IGNORECASE)


# words of a sentence, not of a name: an author box's bio ("Jane Doe is a reporter ...", "Ines worked at ...")
_PROSE_WORDS = frozenset("""is was are were has have had a an writes wrote covers covered worked works joined lives
    ist war hat schreibt arbeitet lebt est travaille es trabaja he she his her""".split())


def reads_as_prose(text: str) -> bool:
    """A sentence or more (an author box's bio), not a byline: eight words or more, a verb or an
    article among them."""
    words = text.split()
    return len(words) >= 8 and not _PROSE_WORDS.isdisjoint(words)


def is_name(name: str) -> bool:
    """True if a cleaned string can be a name (a person's or an organisation's): not a byline
    label, a button's text, a degree, a number or a piece of a sentence."""
    if not name or len(name) > 60 or _NO_NAME.match(name) or _DEGREE.match(name) or _QUOTED.search(name):
        return False
    words = name.split()
    if len(words) > 1 and not _PROSE_WORDS.isdisjoint(words):
        return False
    if len(words) > 6 or any(w.isdigit() for w in words):  # "ca. 8 Min.", "Teil 2"
        return False
    if not any(ch.isalpha() for ch in name) or sum(ch.isalnum() for ch in name) < 2:  # "-", "x", "J."
        return False
    return not name[0].isdigit()


_PARTICLES = {"von", "van", "de", "da", "der", "den", "del", "della", "di", "du", "la", "le", "zu", "ten", "ter",
              "dos", "das", "y", "bin", "al", "el"}


def names_desk(name: str) -> bool:
    """Whether a name is a newsroom's desk ("Redaktion", "Redacción Diario", "Staff")."""
    return bool(_DESK.search(name))


def looks_like_person(name: str) -> bool:
    """Two to five words, each capitalised (or a name particle or an initial), no digits."""
    words = name.split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() or ch in "@/$:" for ch in name):
        return False
    return all(w[0].isupper() or w.lower() in _PARTICLES for w in words) and not words[-1].lower() in _PARTICLES


def dedupe(names: list[str]) -> list[str]:
    """The names in order, each once (compared by ``sitenames.key``: case and punctuation ignored)."""
    seen, out = set(), []
    for name in names:
        k = key(name)
        if k and k not in seen:
            seen.add(k)
            out.append(name)
    return out
