"""The record's text is in Unicode NFC whatever form the page used, and tables survive every
trafilatura path, in the page's order."""
from __future__ import annotations

import unicodedata

from lxml import etree

from crawler import extract_article
from crawler.extraction.rendering import render_text

# Bengali YA + NUKTA (decomposed) and its precomposed form U+09DF, which NFC decomposes again
# (a composition exclusion); a Latin word with a combining accent, which NFC composes.
DECOMPOSED = "কুষ্টিয\u09bcা ক\u09bcাল Cafe\u0301"
PRECOMPOSED = "কুষ্টি\u09dfা ক\u09bcাল Caf\u00e9"
FILLER = (
    "The council approved the new ferry timetable after a long debate about the winter service, and the "
    "operators promised to publish the changes at every pier before the first of the month."
)


def _page(word: str) -> str:
    return (
        f"<html><head><title>Ferry timetable {word}</title></head><body><article><h1>Ferry timetable {word}</h1>"
        f"<p>{FILLER} {word}.</p><p>{FILLER}</p><p>{FILLER}</p></article></body></html>"
    )


def test_text_and_title_are_nfc_whichever_form_the_page_used() -> None:
    records = [extract_article(_page(word), "https://ferry.example/timetable") for word in (DECOMPOSED, PRECOMPOSED)]
    for record in records:
        assert unicodedata.is_normalized("NFC", record.text)
        assert unicodedata.is_normalized("NFC", record.title or "")
    assert records[0].text == records[1].text  # the same words are the same code points
    assert unicodedata.normalize("NFC", DECOMPOSED) in records[0].text


def test_a_table_with_html_row_tags_is_rendered_in_place() -> None:
    # trafilatura's readability/jusText fallback hands back tables as the page had them (tr/td/th)
    body = etree.fromstring(
        "<body><div>Catalogue of plates<table><tr><th>No</th><th>Motif</th></tr>"
        "<tr><td>1</td><td>A rider with a banner</td></tr></table>Notes on the sizes</div></body>"
    )
    assert render_text(body) == ["Catalogue of plates", "No | Motif\n1 | A rider with a banner", "Notes on the sizes"]
