"""A story typed as one run of text with blank lines (``<br><br>``) between its paragraphs, on a page
without any ``<p>``: its runs are its paragraphs, and the menus, calendars and classifieds of the
table cells around it stay out."""
from __future__ import annotations

from lxml.html import fromstring

from crawler import extract_article
from crawler.extraction.linebreaks import paragraphs_from_breaks

STORY = [
    "MILLBROOK -- The township board voted 4-1 on Monday to repair the Hollins Creek covered bridge rather than replace it with a concrete span.",
    "The vote came after two hours of public comment in the packed basement of the township hall, where residents lined the back wall.",
    "Supervisor Ellen Vosburgh said the board had received three estimates for the work and chose the lowest bid from a timber restoration firm.",
    "Work is expected to begin in late June and take about ten weeks, with traffic detoured over Route 9 while the crew is on the bridge.",
]
SIDE = ["Senior citizens potluck, Firemen's Hall, noon", "Fish fry, St. Bridget's parish center, 4-7 p.m.",
        "FOR SALE: 1998 pickup, 4x4, runs good, call evenings", "Village board meeting, 7 p.m."]


def _page() -> str:
    story = "<br><br>\n".join(STORY)
    side = "<br>".join(f"<font size=1>{line}</font>" for line in SIDE)
    return (
        "<html><head><title>Township votes to fix covered bridge</title></head><body>"
        "<table width=780><tr><td colspan=3><font size=5>Millbrook Valley Courier</font></td></tr><tr>"
        f"<td width=150><table><tr><td><a href='/'>Home</a></td></tr><tr><td><a href='/news'>Local News</a></td></tr>"
        f"</table>{side}</td>"
        "<td width=470><font size=4><b>Township votes to fix covered bridge</b></font><br>"
        f"<font size=2 class=byline>By Dale Ferris</font><br><br><font size=2>{story}</font></td>"
        f"<td width=160><font class=adlabel>ADVERTISEMENT</font><br>{side[0:60]}</td></tr></table></body></html>"
    )


def test_a_story_set_with_line_breaks_is_read_without_the_cells_around_it() -> None:
    text = extract_article(_page(), "https://millbrookcourier.example/news/bridge.html").text
    assert all(paragraph in text for paragraph in STORY)
    assert not any(line in text for line in SIDE)


def test_each_run_between_blank_lines_becomes_a_paragraph() -> None:
    tree = fromstring(f"<div><font>{'<br><br>'.join(STORY)}<br>a last line</font></div>")
    assert paragraphs_from_breaks(tree, 0) == len(STORY)
    paragraphs = [" ".join(p.text_content().split()) for p in tree.iter("p")]
    assert paragraphs[:-1] == STORY[:-1] and paragraphs[-1].startswith(STORY[-1]) and "a last line" in paragraphs[-1]


def test_a_page_with_paragraphs_and_a_list_of_lines_is_left_alone() -> None:
    tree = fromstring(f"<div><font>{'<br><br>'.join(STORY)}</font></div>")
    assert paragraphs_from_breaks(tree, 2000) == 0  # the page has paragraphs of its own
    menu = fromstring(f"<div><font>{'<br><br>'.join(SIDE)}</font></div>")
    assert paragraphs_from_breaks(menu, 0) == 0  # lines, not prose


def test_a_fact_box_table_inside_the_storys_run_stays_a_block_between_its_paragraphs() -> None:
    facts = "<table align=right><tr><td><b>FACT FILE</b></td></tr><tr><td>Built in 1871<br>Carries Hollins Road</td></tr></table>"
    story = "<br><br>\n".join(STORY[:2]) + "<br><br>\n" + facts + "\n".join(f"{p}<br><br>" for p in STORY[2:])
    page = _page().replace("<br><br>\n".join(STORY), story)
    text = extract_article(page, "https://millbrookcourier.example/news/bridge.html").text
    assert all(paragraph in text for paragraph in STORY)
    assert not any(line in text for line in SIDE)
    tree = fromstring(f"<div><font>{story}</font></div>")
    assert paragraphs_from_breaks(tree, 0) == len(STORY)
    assert next(tree.iter("table"), None) is not None and next(tree.iter("table")).getparent().tag == "font"


def test_an_embed_beside_the_runs_leaves_the_element_as_it_is() -> None:
    tree = fromstring(f"<div><span>{'<br><br>'.join(STORY)}<iframe src='https://video.example/e/1'></iframe></span></div>")
    assert paragraphs_from_breaks(tree, 0) == 0
