"""A card that a name link opens on hover (picture, the name again, other stories' headlines) is no
part of the sentence; the name stays."""
from __future__ import annotations

from crawler.extraction import extract_article

_FILLER = "".join(
    f"<p>The court heard on day {n} that the caller had phoned the congresswoman's office twice in March "
    "and that the police had traced both calls to his home.</p>"
    for n in range(1, 7)
)


def _card(person: str, slug: str) -> str:
    return (
        f'<span class="people-block" id="people-{slug}"><span class="block"><span>'
        f'<img src="/img/{slug}.jpg" width="100" height="100" alt="">'
        f'<a class="name" href="/people/{slug}">{person}</a>'
        f'<a class="people-articles" href="/policy/471180-{slug}-budget">{person} doubles down on budget vote</a> '
        f'<a class="people-articles" href="/policy/471175-{slug}-hearing">Progressives oppose funding bill</a>'
        "</span></span></span>"
    )


def _page(sentence: str) -> bytes:
    return (
        "<html><head><title>Man pleads guilty to threatening congresswoman</title></head><body><article>"
        f"<h1>Man pleads guilty to threatening congresswoman</h1>{_FILLER}<p>{sentence}</p></article></body></html>"
    ).encode("utf-8")


def test_a_hover_card_after_a_name_link_is_dropped_and_the_name_stays() -> None:
    sentence = (
        'Rep. <span class="people"><a class="people-link" href="/people/ada-ocampo">Ada Ocampo</a>'
        f'{_card("Ada Ocampo", "ada-ocampo")}</span> (D-N.Y.) called the plea a relief.'
    )
    text = extract_article(_page(sentence), url="https://hill.example/news/471031-plea").text
    assert "Rep. Ada Ocampo (D-N.Y.) called the plea a relief." in text
    assert "doubles down on budget vote" not in text and "Progressives oppose" not in text


def test_links_with_a_picture_that_repeat_no_link_stay() -> None:
    sentence = (
        'Read the <a href="/docs/plea.pdf">plea agreement</a><span> <img src="/img/pdf.png" alt=""> '
        '<a href="/docs/indictment.pdf">indictment</a> and <a href="/docs/docket.pdf">docket</a></span> online.'
    )
    text = extract_article(_page(sentence), url="https://hill.example/news/471031-plea").text
    assert "indictment and docket" in text
