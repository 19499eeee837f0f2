"""The closing of a press release, which is no part of its text: its end mark ("###", "-30-") and
what follows it, and, among its last blocks, the boilerplate about its issuer, its media contacts,
its legal statements, a contact box, or a last line that is only a press office's address and number."""
from __future__ import annotations

import re

# the issuer's boilerplate is titled by its name ("About Acme Corp", "Über die Acme GmbH", "À propos de
# Acme"), not by a story's section ("About the study")
_END_MARK = re.compile(r"^(?:#\s?#\s?#|-\s?30\s?-|-\s?(?:ends?|ende)\s?-)$", re.IGNORECASE)
_PRESS_CLOSING = re.compile(
    r"^(?:(?i:about|über|ueber|à\s+propos\s+(?:de|d')|over|acerca\s+de|sobre)\s+(?:(?i:the|die|der|das|den|la|le|el)\s+)?"
    r"[A-ZÄÖÜ0-9][^.!?]{1,60}(?:\s(?:Inc|Corp|Co|Ltd|S\.A|N\.V|B\.V|S\.p\.A)\.)?"  # (a company's legal form ends in a dot)
    r"|(?i:(?:media|press|investor)\s+(?:relations\s+)?(?:contacts?|enquiries|inquiries)|pressekontakt|medienkontakt"
    r"|kontakt\s+f[üu]r\s+medien|contact\s+presse|contacto\s+de\s+prensa"
    r"|(?:cautionary\s+(?:note|statement)\s+(?:regarding|on|about)\s+)?forward[-\s]looking\s+statements?"
    r"|safe\s+harbou?r\s+statement|zukunftsgerichtete\s+aussagen|d[ée]clarations\s+prospectives)\s*:?)$")
# a contact box's title ("Kontakt", "Contact", "Pressestelle"), closing a release when its block or the
# next one gives an address to write to or a number to call
_CONTACT_HEADING = re.compile(r"^(?i:contacts?|kontakt|contacto|contatti|contatto|contactpersoon|ansprechpartner(?:in)?"
                              r"|(?:f[üu]r\s+)?r[üu]ckfragen(?:\s+bitte)?(?:\s+an)?"
                              r"|pressestelle|press\s+office|persvoorlichting|gabinete\s+de\s+prensa|ufficio\s+stampa)\s*:?$")
_CONTACT_DETAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|\b(?i:tel(?:efon|éfono|éphone|efono)?|phone|fax)\b\.?\s*:?\s*\+?\d")
_CONTACT_LINE_MAX_WORDS = 30
_PRESS_TAIL_BLOCKS = 5


_PASSES = 3
"""A closing of several parts is cut part by part ("About Acme", "About Beta Corp" after it, then the
forward-looking statements): each cut brings the part before it into the last blocks."""


def cut_press_closing(blocks: list[str]) -> list[str]:
    """The text without a press release's closing (the module's kinds). The last blocks are counted
    back from the end mark when there is one: the issuer's boilerplate and the contacts come before it."""
    for _ in range(_PASSES):
        cut = _cut_once(blocks)
        if len(cut) == len(blocks):
            break
        blocks = cut
    return blocks


def _cut_once(blocks: list[str]) -> list[str]:
    start = max(len(blocks) // 2, 1)
    end = next((index for index in range(start, len(blocks)) if _END_MARK.match(_first_line(blocks[index]))),
               len(blocks))
    for index in range(max(start, end - _PRESS_TAIL_BLOCKS), end):
        first = _first_line(blocks[index])
        if _PRESS_CLOSING.match(first) or (
                _CONTACT_HEADING.match(first) and _CONTACT_DETAIL.search("\n".join(blocks[index:index + 2]))):
            return blocks[:index]
    if end == len(blocks) and len(blocks) > 1 and _is_contact_line(blocks[-1]):
        return blocks[:-1]
    return blocks[:end]


def _first_line(block: str) -> str:
    return block.split("\n", 1)[0].strip()


def _is_contact_line(block: str) -> bool:
    """A closing block of one short line with an e-mail address and a telephone number: a press
    office's address ("Gabinete de Prensa ... · prensa@... · Tel. 965 55 40 10"), no sentence."""
    return ("\n" not in block and len(block.split()) <= _CONTACT_LINE_MAX_WORDS and "@" in block
            and len(_CONTACT_DETAIL.findall(block)) >= 2 and not block.rstrip().endswith((".", "!", "?")))
