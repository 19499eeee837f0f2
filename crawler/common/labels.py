"""The words that label a date or a byline on news pages, in the languages the crawler reads: each
list once. Callers build their patterns from them with ``any_of`` (a regex alternation) or compare
words with ``tokens``; every list is lower case.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

PUBLISHED = ("published", "posted", "veröffentlicht", "erschienen", "publié", "publicado", "pubblicato",
             "gepubliceerd", "erstellt", "created")
"""Before a publication date: "Veröffentlicht am 16.08.2019", "Publié le 3 mai 2022"."""

UPDATED = ("updated", "last updated", "modified", "aktualisiert", "zuletzt aktualisiert", "geändert",
           "letzte änderung", "mis à jour", "actualizado", "aggiornato", "bijgewerkt")
"""Before a modification date: "Updated on May 3, 2022", "Zuletzt aktualisiert: 16.08.2019"."""

UPDATED_STEMS = ("updat", "aktualisier", "modif", "geändert", "changed", "revised", "mis à jour",
                 "actualiz")
"""Parts of words that mark a modification date in a class name, an itemprop or the text before a
date ("date-updated", "dateModified", "aktualisiert am")."""

AS_OF = ("stand",)
"""Before the date a text stands as of (German): "Stand: 28.04.2020 18:00 Uhr"."""

DATE_WORDS = ("datum", "date")
"""The word "date" as a label: an article's ("Datum: 16.08.2019"), but also a photo's or an event's."""

WRITTEN = ("written", "geschrieben")
"""Before the day an article was written: "Written on May 3, 2020"."""

DATE_PREPOSITIONS = ("on", "am", "le", "el", "il")
"""Between a date label and its date: "Published on", "Veröffentlicht am", "Publié le"."""

BY = ("by", "von", "par", "door", "por", "av", "af", "بقلم", "记者", "記者", "โดย")
"""Before the author's name: "By Jane Doe", "Von Max Muster", "Par Jean Dupont", "av Anna Berg",
"بقلم سارة محمود", "记者 张伟" (a reporter's title, written before the name), "โดย สมชาย ใจดี"."""

BY_PHRASES = ("posted by", "written by", "geschrieben von", "erstellt von", "verfasst von", "ein beitrag von",
              "text von", "autor des artikels", "autorin des artikels", "reporting by",
              "hosted by", "kirjoittanut", "skrevet af", "skrevet av")
"""Longer forms of "by" before the author's name (a wire story's sign-off: "Reporting by A and B; Editing by C");
Finnish "kirjoittanut", Danish and Norwegian "skrevet af/av" ("written by")."""

WRITTEN_BY_FR_ES = ("écrit par", "escrito por")
"""French and Spanish "written by". Read in Yoast's "Written by" preview label only: a visible byline
that starts with them is not recognised (recognising it would change which authors are found)."""

PLATFORM_CREDITS = ("powered by", "proudly powered by", "unterstützt von", "bereitgestellt von", "betrieben von",
                    "betrieben mit", "propulsé par", "fourni par", "con la tecnología de", "desarrollado por",
                    "theme by", "theme:", "theme von", "site by", "website by", "webdesign by", "webdesign von",
                    "blog at wordpress.com", "bloggen auf wordpress.com", "a wordpress.com website")
"""A site's credit to its software, host or designer ("Proudly powered by WordPress | Theme: Graphy
by Themegraphy", "Bereitgestellt von WordPress.com"): the "by" in them names no author."""

TEXT_LABELS = ("text", "texte", "texto", "testo", "words", "текст")
"""The labels that say "text" ("Text: Anna Berg", "Texte : Jean Dupont"): also a common word alone."""
TEXT_AND_PICTURES = tuple(f"{text} {conjunction} {pictures}" for text, conjunction, pictures in (
    ("text", "and", "photos"), ("text", "&", "photos"), ("words", "and", "pictures"), ("words", "and", "photos"),
    ("text", "und", "fotos"), ("text", "und", "bilder"), ("texte", "et", "photos"), ("texto", "y", "fotos"),
    ("texto", "e", "fotos"), ("testo", "e", "foto"), ("tekst", "i", "zdjęcia"), ("tekst", "en", "foto's")))
"""A credit for the text and the pictures together ("Texte et photos : Étienne Marchais")."""
AUTHOR_LABELS = ("autor", "autorin", "author", "auteur", "autore", "verfasser", "verfasserin", "автор",
                 "yazar", "haber", "作者", "记者", "記者", "penulis", "kirjoittaja", "forfatter", "författare"
                 ) + TEXT_LABELS + TEXT_AND_PICTURES
"""A byline's label before a colon (an ASCII or a full-width one): "Autor: Max Muster", "Text: Anna Berg",
"Автор: Ирина Ковалёва", "Words: Jane Doe", Turkish "Haber: Elif Korkmaz", "作者：陈思远", Indonesian
"Penulis: Rina Wulandari", Finnish "Kirjoittaja:", Danish/Norwegian "Forfatter:", Swedish "Författare:",
"Texte et photos :"."""

CONTINUED_MARK = (r"[(\[](?:continued|cont(?:'d|\.)|fortsetzung|suite|continuaci[óo]n|continua[çc][ãa]o)[)\]]")
"""A later page's mark after its headline: "(continued)", "(Fortsetzung)", "(suite)" (a pattern)."""


MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
          r"july|august|september|october|november|december|januar|februar|märz|mai|juni|juli|oktober|"
          r"dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|"
          r"febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janeiro|"
          r"fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro)")
"""Month names and their abbreviations in the languages bylines are read in (a pattern's group)."""


def any_of(words: Iterable[str]) -> str:
    """A regex group matching any of the words (spaces match any run of white space); of two words
    that start alike the longer is tried first, as a greedy pattern would."""
    ordered = sorted(dict.fromkeys(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


def starts(words: Iterable[str]) -> frozenset[str]:
    """The first two letters of each word: a cheap test before a pattern built from the words."""
    return frozenset(w[:2] for w in words)


_WORD = re.compile(r"\w+")


def tokens(words: Iterable[str]) -> frozenset[str]:
    """The single words in the labels ("mis à jour": "mis", "à", "jour"), case-folded."""
    return frozenset(t for w in words for t in _WORD.findall(w.casefold()))
