"""A name signed under the article names its author when no byline does; a closing phrase, a button
in capitals or a byline already found leave the authors as they are."""
from __future__ import annotations

import pytest

from crawler.extraction import extract_article
from crawler.extraction.metadata.authors.fallbacks import closing_signature

_BODY = "".join(
    f"<p>Im {n}. Drittel traf Tampere im Powerplay, und München fand gegen die dichte Abwehr keinen Weg zum Tor.</p>"
    for n in range(1, 5)
)


def _authors(after_body: str, before_body: str = "") -> list[str]:
    page = (
        "<html><head><title>München verliert in Tampere</title></head><body><article>"
        f"<h1>München verliert in Tampere</h1>{before_body}{_BODY}{after_body}</article></body></html>"
    )
    return extract_article(page.encode("utf-8"), url="https://hockey.example/artikel/2022/02/01/tampere").authors


def test_a_signature_under_the_text_is_the_author() -> None:
    assert _authors("<p><b><i>Stefan Wassermann</i></b></p>") == ["Stefan Wassermann"]


def test_a_byline_comes_first() -> None:
    assert _authors("<p><b>Stefan Wassermann</b></p>", '<p class="byline">Von Anna Berg</p>') == ["Anna Berg"]


@pytest.mark.parametrize(
    "last_line",
    ["Guten Appetit!", "MEHR ERFAHREN", "Keep Talking Sports!", "Poetic. Justice.", "Tampere", "Ein Spiel für die Geschichte des Vereins"],
)
def test_no_name_no_signature(last_line: str) -> None:
    assert closing_signature(f"Der Text des Artikels.\n\n{last_line}") is None
