"""``CaseBlind``: a case-blind pattern that reads lower-cased text case-sensitively gives the answers
``re.IGNORECASE`` gives, on every text, and refuses patterns where it could not."""
from __future__ import annotations

import re
import sys

import pytest

from crawler.common import caseblind
from crawler.common.caseblind import CaseBlind
from crawler.extraction import cleaning, furniturelines, textfilter

_PATTERNS = [
    value for module in (cleaning, furniturelines, textfilter) for value in vars(module).values() if isinstance(value, CaseBlind)
]

_LINES = [
    "Sign up for our free newsletter", "SIGN UP FOR OUR FREE NEWSLETTER", "Sıgn up for our newsletter",
    "SİGN UP FOR OUR NEWSLETTER", "ſign up for our newsletter", "Abonnez-vous à notre newsletter",
    "Already a subscriber? Log in", "ALREADY A SUBSCRIBER? LOG İN", "Advertisement", "ADVERTİSEMENT",
    "Tüm hakları saklıdır", "TÜM HAKLARI SAKLIDIR", "TÜM HAKLARİ SAKLİDİR", "Διαβάστε επίσης: Η ΑΠΟΦΑΣΗ",
    "ΔΙΑΒΆΣΤΕ ΕΠΊΣΗΣ", "Читайте также: новости", "ЧИТАЙТЕ ТАКЖЕ", "Weiterlesen mit Straße", "WEITERLESEN",
    "Read more", "READ MORE ON CNN POLITICS", "Support local journalism.", "SUPPORT LOCAL JOURNALISM",
    "This does not constitute investment advice.", "THIS DOES NOT CONSTITUTE INVESTMENT ADVICE",
    "Il vous reste 60 % de cet article à lire", "IL VOUS RESTE 60 % DE CET ARTICLE À LIRE",
    "The council met on Tuesday to discuss the harbour.", "µ-law and μ-law", "KELVIN Kelvin",
    "Most popular", "MOST POPULAR İN NEWS", "Похожие новости", "ПОХОЖИЕ НОВОСТИ", "Çok okunanlar", "ÇOK OKUNANLAR",
    "Das könnte Sie auch interessieren", "DAS KÖNNTE SIE AUCH INTERESSIEREN", "Lo más leído", "LO MÁS LEÍDO",
]


def test_the_line_filters_patterns_are_case_blind_ones() -> None:
    assert len(_PATTERNS) >= 10


@pytest.mark.parametrize("line", _LINES)
def test_a_case_blind_pattern_answers_as_ignorecase(line: str) -> None:
    for variant in (line, line.upper(), line.lower(), line.title(), line.swapcase()):
        for pattern in _PATTERNS:
            assert pattern.searches(variant) == bool(pattern.pattern.search(variant)), (pattern.pattern.pattern[:60], variant)
            assert pattern.matches(variant) == bool(pattern.pattern.match(variant)), (pattern.pattern.pattern[:60], variant)


def test_lower_casing_is_what_a_case_blind_match_does_outside_the_irregular_characters() -> None:
    """For every letter the patterns hold and every character a case-blind match could take for it:
    outside ``IRREGULAR``, lower-casing the character gives that letter exactly when the match does."""
    if caseblind.IRREGULAR is None:  # (Python 3.10: no table of extra cases) only ASCII text is lower-cased
        assert not caseblind._folds("é") and caseblind._folds("e")
        return
    # ("[ıi]" classes aside: "ı" and "i" match alike there, and a text holding "ı" or "İ" is read case-blind)
    sources = [caseblind._VERBOSE_COMMENT.sub("", caseblind._ESCAPE.sub("", p.pattern.pattern)).replace("[\u0131i]", "")
               for p in _PATTERNS]
    letters = {c for source in sources for c in source if c.isalpha()} | set("abcdefghijklmnopqrstuvwxyz")
    by_lower: dict[str, list[str]] = {}
    by_upper: dict[str, list[str]] = {}
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        by_lower.setdefault(char.lower(), []).append(char)
        by_upper.setdefault(char.upper(), []).append(char)
        if char not in caseblind.IRREGULAR:
            assert len(char.lower()) == 1, char
    for letter in letters:
        assert letter == letter.lower() or letter in caseblind.IRREGULAR
        candidates = set(by_lower.get(letter, [])) | set(by_upper.get(letter.upper(), [])) | set(letter.upper())
        for char in candidates - set(caseblind.IRREGULAR):
            ignorecase = re.fullmatch(re.escape(letter), char, re.IGNORECASE) is not None
            assert ignorecase == (char.lower() == letter), (letter, char)


@pytest.mark.parametrize("pattern", [r"[A-Z]+", r"(?-i:READ) more", r"(?i)abc", r"straße|STRASSE", r"ſ"])
def test_a_pattern_lower_casing_could_answer_differently_is_refused(pattern: str) -> None:
    with pytest.raises(ValueError, match="case-blind pattern"):
        CaseBlind(pattern)


def test_escapes_named_groups_and_comments_are_no_upper_case_letters() -> None:
    pattern = CaseBlind(r"\bmehr\s+(?P<what>\w+)\W*  # Mehr Themen", re.VERBOSE)
    assert pattern.searches("MEHR THEMEN") and pattern.matches("Mehr Themen") and not pattern.searches("more")
