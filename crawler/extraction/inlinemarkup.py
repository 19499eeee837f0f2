"""Markup around a story's words that trafilatura removes together with the words.

trafilatura cleans ``<time>`` out of the tree whole (its ``MANUALLY_CLEANED``), so "The consultation
opens on <time>6 June</time> and runs for six weeks" would lose its date. A ``<time>`` that is part
of a sentence, a list item or a table cell gives its words to the text around it; one that stands
alone (a byline's or a teaser's date) is left to the metadata and to trafilatura.

trafilatura also discards every hidden element (``display: none``, ``aria-hidden``, a "hidden"
class), and with them the second half of a story that a "Read more" button folds away; every
``<button>``, and with it an accordion's question; every ``<noscript>``, and with it a lazily loaded
paragraph. A code block set beside its line numbers in a two-cell table would read as a table row.
All of these are found in one walk of the tree (``keep_story_markup``).
"""
from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.common.tree import is_social_embed
from crawler.extraction.structure import BLOCK_TAGS

_TEXT_PARENTS = {"p", "li", "td", "th", "dd", "blockquote", "em", "strong", "b", "i", "span", "a", "q", "cite"}
_MIN_SURROUNDING_CHARS = 15
"""A sentence around the date: more than a label such as "By Jane Doe, " or "Updated"."""


def keep_story_markup(tree: HtmlElement) -> tuple[int, int]:
    """Unwrap each ``<time>`` inside running text and each ``<button>`` that is a heading's text, and
    unhide folded paragraphs (``keep_inline_times``, ``keep_heading_buttons``, ``reveal_folded_text``),
    keep the story's quote blocks and tables set in a ``<figure>`` with their captions
    (``keep_quote_figures``, ``keep_table_figures``) and drop the
    line-number gutters of code blocks (``drop_line_number_gutters``), in one walk of the
    tree; returns how many times and folded boxes."""
    times: list[HtmlElement] = []
    buttons: list[HtmlElement] = []
    blocks: list[HtmlElement] = []
    fallbacks: list[HtmlElement] = []
    boxes: dict[HtmlElement, None] = {}  # the paragraphs' parents, once each, in order
    figures: list[HtmlElement] = []
    for elem in tree.iter("p", "time", "button", "pre", "noscript", "figure"):
        if elem.tag == "figure":
            figures.append(elem)
        elif elem.tag == "time":
            times.append(elem)
        elif elem.tag == "button":
            buttons.append(elem)
        elif elem.tag == "pre":
            blocks.append(elem)
        elif elem.tag == "noscript":
            fallbacks.append(elem)
        else:
            boxes[elem.getparent()] = None
    boxes.pop(None, None)
    keep_heading_buttons(buttons)
    drop_line_number_gutters(blocks)
    reveal_noscript_paragraphs(fallbacks, tree)
    keep_quote_figures(figures, tree)
    keep_table_figures(figures)
    return keep_inline_times(times), reveal_folded_text(list(boxes))


_FALLBACK_MAX_SHARE = 0.5
_MEDIA = ("img", "picture", "video", "audio", "iframe", "svg", "object", "embed")
_SHINGLE_WORDS = 4
_REPEATED_SHARE = 0.5
"""A quote whose four-word runs are at least this much in the page's paragraphs repeats the story: a
pull quote, which may drop or change a word or two of the sentence it lifts."""


def keep_quote_figures(figures: list[HtmlElement], tree: HtmlElement) -> int:
    """Make a ``<figure>`` that sets a quote and no picture a ``<div>`` (its caption, the speaker, a
    paragraph) when the quote's words are nowhere else in the page's paragraphs; returns how many. trafilatura drops figures whole, and with
    them a quote block of the story ("the conversations are the best part", with its speaker). A pull
    quote, which repeats a sentence of the story in large type, stays a figure and goes."""
    kept = 0
    for figure in figures:
        quote = next(figure.iter("blockquote"), None)
        if quote is None or is_social_embed(quote) or next(figure.iter(*_MEDIA), None) is not None:
            continue  # (an embedded post: ``structure.unwrap_social_embeds``)
        if _repeats_paragraphs(quote, figure, tree):
            continue
        _figure_as_block(figure)  # (its caption is the quote's speaker, not a picture's credit)
        kept += 1
    return kept


def keep_table_figures(figures: list[HtmlElement]) -> int:
    """Make a ``<figure>`` that sets a table and no picture a ``<div>``, and its caption (the table's
    title or its source: "Source: County Finance Office, figures per $1,000") a paragraph; returns
    how many. The table is the story's data; trafilatura drops captions, and the cleaning a
    picture's."""
    kept = 0
    for figure in figures:
        if figure.tag != "figure" or next(figure.iter(*_MEDIA), None) is not None \
                or all(next(table.iterancestors("figcaption"), None) is not None for table in figure.iter("table")):
            continue  # (a table inside the caption is the caption's)
        _figure_as_block(figure)  # (its caption is the table's title or source)
        kept += 1
    return kept


def _figure_as_block(figure: HtmlElement) -> None:
    """A ``<figure>`` made a ``<div>`` without its names ("post-body__pullquote" reads as a body
    container to trafilatura), its caption a paragraph (a ``<div>`` when it holds blocks) without
    the names that call it a picture's caption ("wp-element-caption", "table__caption")."""
    figure.tag = "div"
    for name in ("class", "id"):
        figure.attrib.pop(name, None)
    for caption in figure.iterchildren("figcaption"):
        caption.tag = "div" if any(child.tag in BLOCK_TAGS for child in caption) else "p"
        for name in ("class", "id"):
            caption.attrib.pop(name, None)


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[i:i + _SHINGLE_WORDS]) for i in range(max(len(words) - _SHINGLE_WORDS + 1, 1))}


def _repeats_paragraphs(quote: HtmlElement, figure: HtmlElement, tree: HtmlElement) -> bool:
    own = _shingles(" ".join(p.text_content() for p in quote.iter("p")) or quote.text_content())
    inside = set(figure.iter("p"))
    page = set().union(*(_shingles(p.text_content()) for p in tree.iter("p") if p not in inside))
    return len(own & page) >= _REPEATED_SHARE * len(own)


def reveal_noscript_paragraphs(fallbacks: list[HtmlElement], tree: HtmlElement) -> int:
    """Unwrap each ``<noscript>`` that holds paragraphs the page shows nowhere else: a lazily loaded
    part of the story, which a script would put where its placeholder is ("Loading the rest of this
    story..."). trafilatura drops ``<noscript>`` whole. A fallback that repeats text the page holds
    already (a copy for readers without scripts) stays out. Returns how many."""
    page = None
    revealed = 0
    for fallback in fallbacks:
        texts = [" ".join(p.text_content().split()) for p in fallback.iter("p")]
        texts = [text for text in texts if len(text) >= _MIN_PARAGRAPH_CHARS]
        if not texts or fallback.getparent() is None:
            continue
        page = page if page is not None else " ".join(tree.text_content().split())
        # (an unclosed <noscript> that swallowed the rest of the page is no fallback of a part)
        if len(fallback.text_content()) < len(page) * _FALLBACK_MAX_SHARE and all(page.count(text) == 1 for text in texts):
            fallback.drop_tag()
            revealed += 1
    return revealed


def drop_line_number_gutters(blocks: list[HtmlElement]) -> int:
    """Take code blocks out of the two-cell tables syntax highlighters set them in (Hugo's Chroma,
    Pygments' "linenos": a cell of line numbers beside a cell of code), which would read as a table
    row "1 2 3 | code"; the numbers go. Returns how many."""
    taken = 0
    for numbers in blocks:
        cell = numbers.getparent()
        if cell is None or cell.tag != "td" or not _LINE_NUMBERS.fullmatch(numbers.text_content()):
            continue
        code_cell = cell.getnext()
        table = next(cell.iterancestors("table"), None)
        code = None if code_cell is None else next(code_cell.iter("pre"), None)
        if code is None or table is None or table.getparent() is None:
            continue
        table.addprevious(code)  # (moved out with its tail; the table's own tail stays after it)
        code.tail = table.tail
        table.getparent().remove(table)
        taken += 1
    return taken


_LINE_NUMBERS = re.compile(r"\s*\d+(?:\s+\d+)+\s*")


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "dt", "summary"}


def keep_heading_buttons(buttons: list[HtmlElement]) -> int:
    """Unwrap each ``<button>`` that holds a heading's words: an accordion's question
    (``<h3><button aria-expanded="false">Who needs a permit?</button></h3>``, the WAI-ARIA pattern)
    would go with the button, which trafilatura and the cleaning drop as a control. Returns how many."""
    kept = 0
    for button in buttons:
        parent = button.getparent()
        if parent is not None and parent.tag in _HEADINGS and button.text_content().strip():
            button.drop_tag()
            kept += 1
    return kept


def keep_inline_times(times: list[HtmlElement]) -> int:
    """Unwrap each ``<time>`` that sits inside running text (the words just before and after it are
    more than a label); returns how many."""
    kept = 0
    for time in times:
        parent = time.getparent()
        if parent is None or parent.tag not in _TEXT_PARENTS or len(time):
            continue
        previous = time.getprevious()
        before = parent.text if previous is None else previous.tail
        if len((before or "").strip()) + len((time.tail or "").strip()) >= _MIN_SURROUNDING_CHARS:
            time.drop_tag()  # its text and tail join the parent's text
            kept += 1
    return kept + _keep_timeline_times([t for t in times if t.getparent() is not None and t.getparent().tag == "li"])


_TIMELINE_ITEMS = 3
"""A list with this many items or more that each start from a ``<time>`` is a timeline: the dates are its story."""


def _keep_timeline_times(item_times: list[HtmlElement]) -> int:
    """Unwrap the ``<time>`` labels of a timeline's items ("<li><time>17 June 2014</time><h3>...");
    returns how many. A list of two dates (a post's published and updated lines) is no timeline."""
    by_list: dict[HtmlElement, list[HtmlElement]] = {}
    for time in item_times:
        by_list.setdefault(time.getparent().getparent(), []).append(time)
    kept = 0
    for lst, labels in by_list.items():
        if lst is not None and len({t.getparent() for t in labels}) >= _TIMELINE_ITEMS:
            for time in labels:
                if not len(time):
                    time.drop_tag()
                    kept += 1
    return kept


_MIN_PARAGRAPH_CHARS = 80


def reveal_folded_text(boxes: list[HtmlElement]) -> int:
    """Unhide the paragraphs a "Read more" button folds away: a hidden box of paragraphs (``boxes``:
    the parents of the page's paragraphs) whose paragraphs continue visible ones beside it (a sibling
    paragraph of the story's body). A hidden box elsewhere (a mobile copy, a dialog, a menu) is left
    hidden. Returns how many were revealed."""
    revealed = 0
    for elem in boxes:
        if not _is_hidden(elem) or not _has_long_paragraph(elem) or not any(
                _has_long_paragraph(box, but=elem) for box in _boxes_around(elem)):
            continue
        for attr in ("style", "aria-hidden", "id"):
            elem.attrib.pop(attr, None)
        classes = [name for name in (elem.get("class") or "").split() if "hid" not in name]  # ("hidden", "hide")
        elem.set("class", " ".join(classes))
        revealed += 1
    return revealed


def _is_hidden(elem: HtmlElement) -> bool:
    """Hidden in one of the forms trafilatura discards: a style, ``aria-hidden``, a second class
    naming "hidden" or "hide", an id naming "hidden"."""
    style = elem.get("style")
    return bool((style and ("none" in style or "hidden" in style)) or elem.get("aria-hidden") == "true"
                or " hid" in (elem.get("class") or "") or "hidden" in (elem.get("id") or ""))


def _has_long_paragraph(elem: HtmlElement, but: HtmlElement | None = None) -> bool:
    return any(p is not but and len(p.text_content()) >= _MIN_PARAGRAPH_CHARS for p in elem.iterchildren("p"))


def _boxes_around(elem: HtmlElement) -> list[HtmlElement]:
    """The element's parent and grandparent (the button's wrapper sits between it and the body)."""
    parent = elem.getparent()
    return [] if parent is None else [parent] + ([parent.getparent()] if parent.getparent() is not None else [])
