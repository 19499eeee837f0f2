"""Language as an ISO 639-1 code: <html lang>, Content-Language, og:locale, JSON-LD inLanguage."""
from __future__ import annotations

import re

from crawler.extraction.metadata.candidates import Candidates

_CODE = re.compile(r"^([a-z]{2})(?:[-_][a-z0-9]+)*$", re.IGNORECASE)


def code(value: str | None) -> str | None:
    match = _CODE.match((value or "").strip())
    return match.group(1).lower() if match else None


def choose_language(found: Candidates, ld_language: list[str]) -> str | None:
    values = [found.html_lang]
    values += found.meta.get("content-language", []) + found.meta.get("og:locale", [])
    values += found.meta.get("language", []) + found.meta.get("dc.language", []) + ld_language
    for value in values:
        for part in (value or "").split(","):
            lang = code(part)
            if lang:
                return lang
    return None
