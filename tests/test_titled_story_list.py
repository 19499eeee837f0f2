"""A widget title over a list of other stories ("More Great Example Stories", each headline partly
linked) goes with its list; a list under another heading, or with an item that links nowhere, stays."""
from __future__ import annotations

from crawler.extraction import extract_article

_BODY = "".join(
    f"<p>Data centres used about {n} percent more power this year, the operators reported, as training "
    "runs for large language models grew longer and the cooling of the halls took more energy.</p>"
    for n in range(2, 9)
)
_ITEMS = [
    ("A chef", "goes to Washington"),
    ("What a city can teach tech about", "cultivating talent"),
    ("The display of the future", "might be in your contact lens"),
    ("Here is what the world", "will look like in 2030"),
    ("The phone call", "from hell"),
]


def _list(items: list[tuple[str, str]], linked: bool = True) -> str:
    rows = []
    for i, (lead, linked_text) in enumerate(items):
        tail = f'<a href="/story/more-{i}">{linked_text}</a>' if linked or i else linked_text
        rows.append(f"<li>{lead} {tail}</li>")
    return f"<ul>{''.join(rows)}</ul>"


def _text(after_body: str) -> str:
    page = (
        "<html><head><title>AI and the planet</title></head><body><article><h1>AI and the planet</h1>"
        f'<div class="article-body">{_BODY}<hr/>{after_body}</div></article></body></html>'
    )
    return extract_article(page.encode("utf-8"), url="https://magazine.example/story/ai-planet/").text


def test_a_more_stories_title_takes_its_list_along() -> None:
    text = _text('<div role="heading" aria-level="3" class="heading-h3">More Great Example Stories</div>' + _list(_ITEMS))
    assert "Data centres used about 8 percent" in text
    assert "goes to Washington" not in text and "from hell" not in text


def test_a_list_under_another_heading_stays() -> None:
    text = _text('<div role="heading" aria-level="3">Sources and further reading</div>' + _list(_ITEMS))
    assert "The phone call from hell" in text


def test_a_titled_list_with_an_item_linking_nowhere_stays() -> None:
    text = _text('<div role="heading" aria-level="3">More Great Example Stories</div>' + _list(_ITEMS, linked=False))
    assert "The phone call from hell" in text
