"""An info box labels the author without a colon: "Autor" in a heading, a <dt> or a <th>, the name
in the element after it. A table's header row and the ambiguous "Text" are no such label."""
from __future__ import annotations

import pytest

from crawler.extraction import extract_article

_BODY = "<p>" + "Die Familie erzählt von vierzig Tagen in Quarantäne in einer kleinen Wohnung am Stadtrand. " * 8 + "</p>"


def _page(box: str) -> bytes:
    return (
        "<html><head><title>Vierzig Tage in Quarantäne</title></head><body><main><article>"
        f"<h1>Vierzig Tage in Quarantäne</h1>{box}{_BODY}</article></main></body></html>"
    ).encode("utf-8")


@pytest.mark.parametrize(
    "box",
    [
        '<div class="meta"><h4 class="meta-title">Autor</h4><p class="meta-text"><a href="/profil/nikola-hu">'
        'Nikola Hubert</a><b class="separator">, </b></p><h4 class="meta-title">Datum</h4><p>12.02.2021</p></div>',
        "<dl><dt>Autorin</dt><dd>Nikola Hubert</dd><dt>Datum</dt><dd>12.02.2021</dd></dl>",
        "<table><tr><th>Author</th><td>Nikola Hubert</td></tr><tr><th>Date</th><td>12.02.2021</td></tr></table>",
    ],
)
def test_a_bare_author_label_names_the_author_after_it(box: str) -> None:
    article = extract_article(_page(box), url="https://stiftung.example/news/id/1/quarantaene")
    assert article.authors == ["Nikola Hubert"]


@pytest.mark.parametrize(
    "box",
    [
        "<table><tr><th>Autor</th><th>Titel</th></tr><tr><td>Max Frisch</td><td>Homo faber</td></tr></table>",
        '<div class="credits"><span>Text</span><span>Nikola Hubert</span></div>',
    ],
)
def test_a_header_row_or_a_text_label_names_no_author(box: str) -> None:
    article = extract_article(_page(box), url="https://stiftung.example/news/id/1/quarantaene")
    assert article.authors == []
