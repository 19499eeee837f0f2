"""trafilatura's passes as the core runs them: the cheap escalation check must not lose text."""
from __future__ import annotations

from crawler import extract_article
from crawler.extraction import extract as extraction

SENTENCE = "The harbour council met on Tuesday evening to debate the new ferry timetable for the winter season."


def _div_body_page() -> str:
    """A page whose body is lines in <div>s, not paragraphs: the fast pass finds only the standfirst."""
    lines = "".join(
        f"<div class='txt'>{SENTENCE} Line {i} adds detail about piers, tides and passengers.<br></div>"
        for i in range(30)
    )
    return f"""<html><head><title>Ferry timetable</title></head><body><div class="wrap">
<article><h1>Ferry timetable</h1><p>A short standfirst paragraph that the fast pass finds first and keeps.</p></article>
<section class="content">{lines}</section></div></body></html>"""


def test_short_result_on_a_text_heavy_page_gets_trafilaturas_recall_retry() -> None:
    text = extract_article(_div_body_page()).text
    assert "Line 0 adds detail" in text
    assert "Line 29 adds detail" in text


def test_escalation_check_is_cheap_and_right_about_both_cases() -> None:
    from crawler.extraction.parsing import parse_html

    tree = parse_html(_div_body_page())
    assert extraction._needs_escalation(tree, found=90)  # 90 characters of a ~5,000 character page
    assert not extraction._needs_escalation(tree, found=2500)  # half the page: trafilatura would not retry
    assert not extraction._needs_escalation(tree, found=0)  # nothing found: nothing to escalate
    assert not extraction._needs_escalation(tree, found=extraction.ESCALATION_MAX_CHARS)


def test_scripts_do_not_count_as_page_text() -> None:
    from crawler.extraction.parsing import parse_html

    script = "var x = 1;" * 2000
    page = f"<html><body><p>{SENTENCE}</p><script>{script}</script><style>{script}</style></body></html>"
    assert not extraction._needs_escalation(parse_html(page), found=len(SENTENCE))


def test_non_text_elements_go_but_json_ld_and_tail_text_stay() -> None:
    """Scripts, styles, inline SVG and the metadata's own elements (``<meta>``, ``<link>``, read before)."""
    from crawler.extraction.nontext import drop_non_text
    from crawler.extraction.parsing import parse_html

    tree = parse_html(
        "<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\"}</script>"
        "<style>p {color: red}</style><meta name='description' content='A page.'>"
        "<link rel='stylesheet' href='/s.css'></head><body><p>Before <svg><path d='M0 0'/></svg>after the icon."
        "<script>track()</script> Tail <meta itemprop='datePublished' content='2024-01-01'>stays.</p>"
        "<link itemprop='url' href='/a'></body></html>"
    )
    drop_non_text(tree)
    assert tree.xpath("count(//style|//svg|//script[not(@type)]|//meta|//link)") == 0
    assert tree.xpath("count(//script[@type='application/ld+json'])") == 1
    assert " ".join(tree.find(".//p").text_content().split()) == "Before after the icon. Tail stays."


def test_non_text_elements_go_after_the_end_of_the_page_too() -> None:
    """Markup after ``</html>`` makes libxml2 start a second top-level ``<html>``, which the parse joins
    to the page (``parsing.join_later_roots``): its scripts go too."""
    from crawler.extraction.nontext import drop_deep_json_ld, drop_non_text
    from crawler.extraction.parsing import parse_html

    deep = "[" * 200 + "]" * 200
    tree = parse_html(
        f"<html><body><p>{SENTENCE}</p></body></html><html><script>track()</script>"
        f"<style>p {{color: red}}</style><script type='application/ld+json'>{deep}</script></html>"
    )
    assert tree.xpath("count(//script|//style)") == 3 and len(list(tree.iter("script"))) == 2
    assert drop_deep_json_ld(tree) == 1
    drop_non_text(tree)
    assert tree.xpath("count(//script|//style)") == 0


def test_a_tree_parsed_by_load_page_gives_the_same_record() -> None:
    from crawler.extraction.extract import load_page

    page = _div_body_page().encode("utf-8")
    assert extract_article(page, "https://news.example/a", tree=load_page(page, "https://news.example/a")) == (
        extract_article(page, "https://news.example/a")
    )


WATER = (
    "The town's water board published its yearly report on Monday, and the figures surprised even "
    "the engineers who have run the treatment plant for the last two decades."
)


def _body_in_a_discarded_container() -> str:
    """A body whose container trafilatura's main pass discards (its class names a teaser): its fast
    pass recovers the loose paragraphs, without the headings and the numbered list between them."""

    def paragraphs(count: int, part: str) -> str:
        return "".join(f"<p>{WATER} Paragraph {part}{i} adds its own detail about pipes.</p>" for i in range(count))

    return f"""<html><head><title>Water report</title></head><body>
<div id="top"><a href="/">Home</a></div>
<div class="blog-teaser-text" id="article-main">
<h2>Water report shows falling use</h2>
{paragraphs(3, 'a')}
<p>The report answers two questions:</p>
<ol><li>How much water did each district use over the year?</li>
<li>Which pipes lost the most water before it reached a tap?</li></ol>
{paragraphs(3, 'b')}
<h3>What the engineers expect next</h3>
{paragraphs(4, 'c')}
<h3>Costs for households</h3>
{paragraphs(3, 'd')}
</div></body></html>"""


def test_headings_and_lists_the_fast_pass_skipped_between_paragraphs_are_recovered() -> None:
    text = extract_article(_body_in_a_discarded_container()).text
    assert "Which pipes lost the most water before it reached a tap?" in text
    assert "What the engineers expect next" in text
    assert "Costs for households" in text
    assert "Paragraph d2 adds" in text


def test_skipped_blocks_are_only_looked_for_in_a_result_without_headings_or_lists() -> None:
    from lxml.etree import fromstring

    from crawler.extraction.parsing import parse_html
    from crawler.extraction.structure import skipped_blocks

    main = parse_html(
        "<html><body><div><h3>A heading of the story</h3><p>Text.</p><ul><li>The first item of a list</li>"
        "<li>The second item of a list</li></ul></div></body></html>"
    ).find(".//div")
    loose = fromstring("<body><p>Text. The first item of a list</p></body>")
    assert skipped_blocks(main, loose) == ["A heading of the story", "The second item of a list"]
    structured = fromstring("<body><head>Another heading</head><p>Text.</p></body>")
    assert skipped_blocks(main, structured) == []
