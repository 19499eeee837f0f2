"""Hostile pages found by a fuzzing round: each gets its article or a NotAnArticle, never another
exception, and the record holds no character a UTF-8 file or a reader cannot take."""
from __future__ import annotations

import json
import os

import pytest

from crawler import NotAnArticle, extract_article
from crawler.extraction.parsing import MAX_ATTRIBUTES, MAX_PAGE_CHARS
from crawler.tools.commands.fetch import read_page

SENTENCES = ("The city council approved the new budget on Tuesday after a debate that lasted into the night. "
             "The finance office will publish the full budget on its website before the end of the month. ")


def _page(head: str = "", title: str = "Council approves the budget", extra: str = "") -> str:
    return (f"<html><head>{head}<title>{title}</title></head><body><article><h1>Council approves the budget</h1>"
            f"<p>{SENTENCES}{extra}</p><p>{SENTENCES}</p></article></body></html>")


def _clean(value: str) -> bool:
    return value.encode("utf-8") is not None and not any(ch in value for ch in "\x00\x01\x07\x1b\u202e\ufffe\uffff")


@pytest.mark.parametrize("head, content_type", [
    ("<meta charset='hex'>", None),
    ("", "text/html; charset=rot13"),
    ("", "text/html; charset=base64"),
    ("<meta charset='utf-16'>", None),
])
def test_a_charset_of_no_text_encoding_or_a_utf16_lie_reads_the_page(head, content_type):
    record = extract_article(_page(head).encode("ascii"), "https://x.example/a", content_type=content_type)
    assert "approved the new budget" in record.text


def test_references_to_control_characters_do_not_empty_the_page():
    record = extract_article(_page(title="Council &#x1B;approves&#xFFFF;", extra="Sec&#x1;ond &#7;line."),
                             "https://x.example/a")
    assert "approved the new budget" in record.text and _clean(record.text) and _clean(record.title)


def test_control_characters_and_lone_surrogates_from_json_ld_leave_the_record():
    ld = json.dumps({"@type": "NewsArticle", "headline": "Bud\ud800get\u0000 vote\u0007",
                     "author": {"@type": "Person", "name": "Ann\u001b Lee"}})
    record = extract_article(_page(f"<script type='application/ld+json'>{ld}</script>", title="x"), "https://x.example/a")
    for value in [record.title, *record.authors, record.text]:
        assert _clean(value)


def test_control_and_override_characters_leave_the_records_urls():
    record = extract_article(_page("<link rel='canonical' href='https://x.example/a&#x1B;\u202e?p=1'>"),
                             "https://x.example/a\r\n")
    assert record.url == "https://x.example/a" and record.canonical_url == "https://x.example/a?p=1"


def test_a_tag_of_attributes_without_values_is_too_large():
    flood = " ".join(f"a{n}" for n in range(MAX_ATTRIBUTES * 20))
    with pytest.raises(NotAnArticle) as caught:
        extract_article(_page().replace("<article>", f"<article {flood}>"), "https://x.example/a")
    assert caught.value.reason == "too_large"


@pytest.mark.parametrize("offset", [0, 30_000, 32_760, 40_000, 98_300])
def test_a_flood_of_attributes_is_found_wherever_the_tag_starts(offset):
    """The search for long tags first looks for stretches without "<" or ">": a tag of 64 KiB is
    found at any offset, across the stretches' borders (the page before it made of short tags); the
    tag is just longer than the 64 KiB a tag must have to be read."""
    flood = " ".join(f"a{n}" for n in range(11_000))
    assert 65_536 < len(flood) < 66_000
    filler = "<p>Ferry</p>" * (offset // 12)
    with pytest.raises(NotAnArticle) as caught:
        extract_article(_page().replace("<article>", f"{filler}<article {flood}>"), "https://x.example/a")
    assert caught.value.reason == "too_large"


def test_a_title_of_thousands_of_segments_is_left_as_it_is():
    title = " | ".join(["Budget"] * 5000)
    record = extract_article(_page(title=title).replace("<h1>Council approves the budget</h1>", ""), "https://x.example/a")
    assert record.title.startswith("Budget | Budget")


def test_a_json_ld_script_of_megabytes_is_not_read():
    ld = json.dumps({"@type": "NewsArticle", "headline": "H" * 1_100_000, "author": {"@type": "Person", "name": "Ann Lee"}})
    record = extract_article(_page(f"<script type='application/ld+json'>{ld}</script>"), "https://x.example/a")
    assert record.authors == [] and record.title == "Council approves the budget"


def test_other_byte_types_are_read_as_bytes():
    html = _page().encode("utf-8")
    for body in (bytearray(html), memoryview(html)):
        assert "approved the new budget" in extract_article(body, "https://x.example/a", content_type=b"text/html").text


def test_a_saved_page_is_read_no_further_than_a_page_can_be(tmp_path):
    huge = tmp_path / "huge.html"
    with huge.open("wb") as file:
        file.truncate(MAX_PAGE_CHARS * 4 + 4096)  # sparse: no disk is written
    assert len(read_page(os.fspath(huge))) == MAX_PAGE_CHARS * 4 + 1
