"""A body that its template cuts into sibling chunks (each paragraph block in its own ``<section>``,
the subheadings and ad slots in sections of their own between them) is joined with what stands
between its chunks, in the page's order: the subheadings stay where the reader sees them."""
from __future__ import annotations

from crawler import extract_article
from crawler.extraction.extract import load_page
from crawler.extraction.structure import main_container, merge_split_body, paragraph_text_map

PAGE_URL = "https://tv-news.example/politics/lockdown-may-be-extended-4711/"
PARTS = (
    ("text", ("<p>The federal government and the regions are meeting on Monday to decide how the coming "
              "weeks will look, and a report published this morning says the lockdown will go on for a month.</p>")),
    ("ad", "<div class='adslot' id='mobile_2'></div>"),
    ("header", "<div class='element-headline'><h2>Restaurants and theatres stay closed</h2></div>"),
    ("text", ("<p>According to the report, the next step of reopening is suspended nationwide, so restaurant "
              "terraces, theatres, concert halls and cinemas remain closed through April at the least.</p>")),
    ("ad", "<div class='adslot' id='teaser_13'></div>"),
    ("header", "<div class='element-headline'><h2>The opposition calls it a grave mistake</h2></div>"),
    ("text", ("<p>The opposition called the delay a grave mistake and asked for the summit to take place at "
              "once, since the uncertain situation needs more coordination between the regions, not less.</p>")),
)


def _page() -> str:
    sections = "".join(f"<section class='content' data-type='{kind}'>{html}</section>" for kind, html in PARTS)
    return (
        "<html><head><title>Lockdown may be extended by four weeks</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/politics/'>Politics</a></nav>"
        f"<article class='article'><h1>Lockdown may be extended by four weeks</h1><div class='body'>{sections}</div></article>"
        "<footer><p>Copyright TV News Example, all rights reserved.</p></footer>"
        "</body></html>"
    )


def test_subheadings_between_the_chunks_keep_their_places() -> None:
    text = extract_article(_page(), PAGE_URL).text
    order = [
        "a report published this morning",
        "Restaurants and theatres stay closed",
        "the next step of reopening is suspended",
        "The opposition calls it a grave mistake",
        "asked for the summit to take place",
    ]
    positions = [text.find(piece) for piece in order]
    assert -1 not in positions, text
    assert positions == sorted(positions), text


def test_the_chunks_and_what_stands_between_them_are_joined_in_order() -> None:
    tree = load_page(_page(), PAGE_URL)
    held, total = paragraph_text_map(tree)
    assert merge_split_body(held, main_container(held, total))
    body = tree.xpath("//div[@class='body']")[0]
    assert len(body) == 1  # one chunk left: every part is in it
    joined = body[0]
    kinds = [child.get("data-type", child.tag) for child in joined]
    assert kinds == ["p", "ad", "header", "p", "ad", "header", "p"]


def _chunked_page(chunks: list[str]) -> str:
    sections = "".join(f"<div class='story-part'>{chunk}</div>" for chunk in chunks)
    return (
        "<html><head><title>Dredging starts in the inner harbour</title></head><body>"
        f"<article><h1>Dredging starts in the inner harbour</h1><div class='parts'>{sections}</div></article>"
        "</body></html>"
    )


CHUNKS = [
    ("<p>The dredger arrived on the morning tide and will work in the inner harbour for six weeks, "
     "clearing the silt that has built up against the quay since the last campaign in 2019.</p>"
     "<span>Pilots say the berths</span>"),
    ("<a href='/notices/dredging'>Notice to mariners</a> applies from Monday."
     "<p>Boats moored at the east pontoon will move to visitor berths while the dredger works along "
     "the wall, and the harbour master will post a plan of the berths on the office door.</p>"),
    ("Moorings fees are waived for the period."
     "<p>About forty thousand tonnes of silt will be carried out to the licensed disposal site beyond "
     "the bar, where the dredger can empty its hopper at any state of the tide.</p>"),
]


def test_a_chunk_that_opens_with_inline_text_keeps_it_and_its_edge() -> None:
    """Joined chunks keep their own leading text (it was lost with the chunk's tag), and a chunk
    that opens with a link or words does not run into the words that close the chunk before it."""
    page = _chunked_page([chunk for chunk in CHUNKS])
    tree = load_page(page, PAGE_URL)
    held, total = paragraph_text_map(tree)
    assert merge_split_body(held, main_container(held, total))
    text = extract_article(page, PAGE_URL).text
    assert "Moorings fees are waived for the period." in text, text
    assert "berthsNotice" not in text and "Pilots say the berths" in text, text
    assert "Notice to mariners applies from Monday." in text, text
    assert "period.About" not in text, text
