"""The one extraction function: page bytes (or text) and URL in, an Article record out."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from copy import deepcopy
from dataclasses import fields
from typing import TYPE_CHECKING
from urllib.parse import urldefrag, urljoin

from lxml.etree import XPath
from lxml.html import HtmlElement

from crawler.compat.trafilatura import (
    ESCALATION_MAX_CHARS,
    ESCALATION_PAGE_SHARE,
    extraction_options,
    run_cascade,
    without_escalation,
)
from crawler.extraction.candidates import (
    drop_closing_link_lists,
    drop_labelled_teasers,
    drop_linked_headlines,
    is_link_block,
    link_set,
    prefer_sentences,
    second_opinion_wins,
)
from crawler.extraction.cleaning import clean_boilerplate
from crawler.extraction.closingcalls import drop_closing_calls
from crawler.extraction.controls import drop_controls
from crawler.extraction.decoding import decode_page
from crawler.extraction.diagnostics import drop_server_diagnostics
from crawler.extraction.errors import NotAnArticle
from crawler.extraction.flatresults import PARAGRAPH_MIN_CHARS, is_flat, is_structured
from crawler.extraction.inlinemarkup import keep_story_markup
from crawler.extraction.layouttables import unwrap_layout_tables
from crawler.extraction.linebreaks import paragraphs_from_breaks
from crawler.extraction.listings import is_headline_list, is_listing_page
from crawler.extraction.metadata import PageMetadata, extract_metadata
from crawler.extraction.metadata.authors.fallbacks import closing_signature
from crawler.extraction.nontext import drop_deep_json_ld, drop_non_text
from crawler.extraction.parsing import flatten_deep_lists, parse_html
from crawler.extraction.rendering import render_text
from crawler.extraction.standfirst import lead_paragraph, missing_opening
from crawler.extraction.bodynames import unname_body_wrappers
from crawler.extraction.structure import (
    collapsed,
    drop_inset_teasers,
    join_howto_steps,
    main_container,
    merge_split_body,
    missing_texts,
    paragraph_text_map,
    separate_nested_blocks,
    skipped_blocks,
    unmark_article_boxes,
    unwrap_social_embeds,
)
from crawler.extraction.pressclosing import cut_press_closing
from crawler.extraction.textdivs import divs_as_paragraphs
from crawler.extraction.textfilter import filter_blocks
from crawler.items import Article

if TYPE_CHECKING:
    from trafilatura.settings import Extractor

MIN_TEXT_CHARS = 50
"""Texts shorter than this are no article at all (empty shells, error pages); the crawl's validate
step applies its own, stricter minimum (setting NEWS_MIN_TEXT_CHARS)."""

_WORD = re.compile(r"\w+")
_METADATA_FIELDS = tuple(f.name for f in fields(Article) if f.name in {m.name for m in fields(PageMetadata)})
"""Record fields filled from the page's metadata (title, authors, dates, URLs, ...)."""


def normalise_text(text: str) -> str:
    """The form hashed for ``content_hash``: case-folded, whitespace collapsed."""
    return " ".join(text.casefold().split())


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def content_hash(text: str) -> str:
    """sha256 (hex) of the normalised text: equal for texts that differ only in case and spacing."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


FALLBACK_COVERAGE = 0.5
"""When trafilatura's fast pass returns less than this share of the page's paragraph text, the full
pass (with its readability/jusText comparison) runs too and the longer result is kept."""


_EXTRACTORS = {fast: extraction_options(fast=fast) for fast in (True, False)}
"""trafilatura's options, built once (reading its config costs as much as a small page's cleaning)."""
_FAST_WITHOUT_ESCALATION = without_escalation(_EXTRACTORS[True])
"""The fast pass without trafilatura's recall escalation (and its whole-page html2txt measure, which
most short articles would pay for): `_needs_escalation` decides, far more cheaply, when a short
result deserves more; then the full pass runs, escalation included."""
_SCRIPT_TEXT = XPath("//script/text()|//style/text()|//noscript/text()|//template/text()", smart_strings=False)
_BLOCK_SPACING = 1.1
"""html2txt also spaces out blocks that touch ("a</p><p>b"): our page measure is raised by this much."""


def _needs_escalation(tree: HtmlElement, found: int) -> bool:
    """Whether trafilatura's recall retry may apply: a short result that is a small share of the page
    text, measured as trafilatura's html2txt would, from above, so no page it would retry is missed."""
    if not 0 < found < ESCALATION_MAX_CHARS:
        return False
    text, scripts = tree.text_content(), _SCRIPT_TEXT(tree)
    if found >= ESCALATION_PAGE_SHARE * _BLOCK_SPACING * (len(text) - sum(map(len, scripts))):
        return False  # even with every space counted: the usual case, decided in well under a millisecond
    page = len(" ".join(text.split())) - sum(len(" ".join(script.split())) for script in scripts)
    return found < ESCALATION_PAGE_SHARE * _BLOCK_SPACING * page


def _cascade(tree: HtmlElement, options: Extractor, url: str | None) -> tuple[HtmlElement | None, int]:
    """trafilatura's cascade on a tree whose block edges are marked first (it unwraps some blocks and
    would run their words together); marked only now, so that the page's link texts, read before,
    stay as the page shows them."""
    separate_nested_blocks(tree)
    return run_cascade(tree, options, url)


def _trafilatura_body(
    tree: HtmlElement,
    page_text: int,
    reload: Callable[[], HtmlElement],
    url: str | None,
    total: int,
    main: HtmlElement | None = None,
) -> tuple[HtmlElement | None, HtmlElement | None]:
    """trafilatura's result on the cleaned tree, and a second candidate or None.

    The fast pass first. When it found a short text (trafilatura's own bound for a retry) and the
    page holds far more text outside links (``page_text``), trafilatura's full pass on the page as parsed (``reload``) is the second candidate;
    otherwise the full pass (readability and jusText comparison, recall retry) runs on the cleaned
    tree only when the fast one found little of the paragraph text (under ``FALLBACK_COVERAGE``, or
    a short share of a text-heavy page: ``_needs_escalation``), and the longer result is kept; or
    when the fast one kept loose paragraphs of the body (``main``, the container of most paragraph
    text) without the headings and lists between them (``skipped_blocks``): then the full result is
    kept when it has those blocks and is not much shorter.
    """
    body, found = _cascade(tree, _FAST_WITHOUT_ESCALATION, url)
    if found < ESCALATION_MAX_CHARS and page_text >= SECOND_OPINION_SHARE * max(found, 1):
        return body, _cascade(reload(), _EXTRACTORS[False], url)[0]
    flat = is_flat(body, found)
    if found < total * FALLBACK_COVERAGE or _needs_escalation(tree, found) or flat:
        full_body, full_found = run_cascade(tree, _EXTRACTORS[False], url)  # its edges are marked already
        if full_found > found or (flat and is_structured(full_body, full_found, body, found)):
            body = full_body
    elif main is not None and body is not None:
        skipped = skipped_blocks(main, body)
        if len(skipped) >= SKIPPED_MIN_BLOCKS:
            full_body, full_found = run_cascade(tree, _EXTRACTORS[False], url)
            if _recovers(full_body, full_found, found, skipped):
                body = full_body
            elif main.tag not in ("article", "body", "html") and next(tree.iter("article"), None) is None:
                # trafilatura knows no name of the body's container ("printBody", a bare <div>) and
                # recovered loose paragraphs only: the container as an <article> is one it knows
                main.tag = "article"
                marked_body, marked_found = run_cascade(tree, _FAST_WITHOUT_ESCALATION, url)
                paragraphs = [collapsed(" ".join(block.itertext())) for block in body]
                if _recovers(marked_body, marked_found, found, skipped) and not missing_texts(
                        [p for p in paragraphs if len(p) >= PARAGRAPH_MIN_CHARS], marked_body):
                    body = marked_body  # (and it kept every paragraph the first result had)
    return body, None


def _recovers(body: HtmlElement | None, found: int, first_found: int, skipped: list[str]) -> bool:
    """Whether a second result holds the blocks the first one skipped and is not much shorter."""
    if body is None or found < SKIPPED_MIN_LENGTH * first_found:
        return False
    return sum(map(len, missing_texts(skipped, body))) <= (1 - SKIPPED_RECOVERY) * sum(map(len, skipped))


SKIPPED_MIN_BLOCKS = 2
"""The fast result lacks at least this many of the body's headings and list items: it may be
trafilatura's recovery of loose paragraphs (its main pass found no body container, or discarded it
by its class), which keeps no heading or list; its full pass may find the whole body."""
SKIPPED_RECOVERY = 0.9
"""The full result wins when it holds this share of the skipped blocks' text..."""
SKIPPED_MIN_LENGTH = 0.7
"""... and is at least this share of the fast result's length."""
SECOND_OPINION_SHARE = 5.0
"""When the page's text outside links is this many times what the fast pass found, the article may
have been missed: trafilatura's full pass on the page as served gives a second candidate."""
_LINK_TEXT = XPath("//a//text()", smart_strings=False)
_PAGE_TEXT = XPath("normalize-space(/*)", smart_strings=False)
_JSON_TEXT = XPath("//script/text()", smart_strings=False)
"""The scripts left after ``drop_non_text``: JSON-LD, text that no reader sees."""


def _text_outside_links(page: HtmlElement) -> tuple[int, list[str], str]:
    """Characters of the page's text outside links (whitespace collapsed): what a reader could read;
    the text pieces of its links; and the page's text, whitespace collapsed."""
    links, text = _LINK_TEXT(page), _PAGE_TEXT(page)
    return len(text) - sum(map(len, links)), links, text


def _outward_link_texts(page: HtmlElement, url: str | None, wanted: set[str]) -> set[str]:
    """Those of the ``wanted`` texts that are the text of a link to another page (whitespace
    collapsed): not of a link to the page's own anchors ("#section", or its own address with one).
    Read on the cleaned tree: a story's links are still there, a table of contents may not be."""
    here = urldefrag(url or "").url
    found = set()
    for link in page.iter("a"):
        text = " ".join(link.text_content().split())
        if text in wanted and urldefrag(urljoin(here, (link.get("href") or "").strip())).url != here:
            found.add(text)
    return found


def _blocks_of(body: HtmlElement | None, title: str | None, authors: Sequence[str]) -> list[str]:
    return filter_blocks(render_text(body), title=title, authors=authors) if body is not None else []


def extract_text(
    tree: HtmlElement,
    url: str | None = None,
    title: str | None = None,
    authors: Sequence[str] = (),
    reload: Callable[[], HtmlElement] | None = None,
    description: str | None = None,
) -> str:
    """The article text of a parsed page; the tree is cleaned in place.

    ``reload``: parses the page again, as ``tree`` was before this call (for a second candidate on
    the few pages that need one); without it, the tree is copied before cleaning.
    ``description``: the page's declared description; when the page shows it above a text that
    lacks it, it is the story's standfirst and leads the text.

    Raises NotAnArticle("listing_page") for section, tag and archive pages.
    """
    drop_non_text(tree)
    drop_server_diagnostics(tree)
    unwrap_layout_tables(tree)
    keep_story_markup(tree)
    held, total = paragraph_text_map(tree)
    if paragraphs_from_breaks(tree, total):
        held, total = paragraph_text_map(tree)
    if is_listing_page(held, total, tree, url):
        raise NotAnArticle("listing_page", url, "the main text is a list of headlines with excerpts")
    # trafilatura's own view of the page (our cleaning and its fast pass both prune the tree): a second
    # candidate, extracted only when the first one looks short against the page.
    page_text, link_texts, page_string = _text_outside_links(tree)
    json_texts = _JSON_TEXT(tree)  # read before cleaning: trafilatura's passes drop the scripts
    lead = lead_paragraph(tree)
    if reload is None:
        untouched = deepcopy(tree)
        reload = lambda: untouched  # noqa: E731
    unwrap_social_embeds(tree)
    clean_boilerplate(tree, held, total, url)
    main = main_container(held, total)
    merge_split_body(held, main)
    unmark_article_boxes(main, held)
    unname_body_wrappers(main, held)
    drop_inset_teasers(main, held)
    join_howto_steps(tree)
    divs_as_paragraphs(main)
    body, second = _trafilatura_body(tree, page_text, reload, url, total, main)
    blocks = _blocks_of(body, title, authors)
    links = link_set(link_texts)
    if second is not None:
        other_blocks = _blocks_of(second, title, authors)
        if second_opinion_wins(blocks, other_blocks, links):
            blocks = other_blocks
    # a menu, a table or the page's link lists taken for the article: the first candidate made of
    # sentences wins: the text without its blocks of labels, trafilatura's full pass on the page
    first = blocks
    blocks = prefer_sentences(first, links, (
        lambda: filter_blocks([b for b in first if not is_link_block(b, links)], title=title, authors=authors),
        lambda: _blocks_of(_cascade(reload(), _EXTRACTORS[False], url)[0], title, authors),
    ))
    blocks = drop_closing_calls(drop_closing_link_lists(blocks, links), authors)  # what the lists had hidden
    blocks = drop_linked_headlines(drop_labelled_teasers(blocks, links), links,
                                   lambda wanted: _outward_link_texts(tree, url, wanted))
    # a press release's closing again: the widgets after it, gone now, had hidden it from the filter
    blocks = cut_press_closing(blocks)
    if is_headline_list(blocks, links, reload, url):
        raise NotAnArticle("listing_page", url, "the text is a list of the site's headlines")
    opening = missing_opening(description, lead, blocks, page_string, json_texts)
    if opening:
        blocks = filter_blocks(opening, title=title, authors=authors) + blocks
    return "\n\n".join(blocks)


def _text_language(declared: str | None, body: str) -> str | None:
    from crawler.extraction.textlanguage import article_language  # its model loads at import (0.7 s)

    return article_language(declared, body)


def _make_safe(tree: HtmlElement) -> HtmlElement:
    """Page-controlled nesting must not exhaust the stack of any parser or walker."""
    drop_deep_json_ld(tree)
    flatten_deep_lists(tree)
    return tree


def _nfc(value: object) -> object:
    """Texts in Unicode's canonical composed form (NFC), as trafilatura writes them: the same words
    are then the same code points whichever form the page used (Bengali, Devanagari, decomposed
    accents), for search, deduplication and comparison; without control characters and lone
    surrogates (from JSON-LD's escapes or the caller), which no reader sees and no UTF-8 file holds."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", _UNPRINTABLE.sub("", value) if not value.isprintable() else value)
    if isinstance(value, list):
        return [_nfc(item) for item in value]
    return value


# (and the bidirectional embedding, override and isolate controls: a "\u202e" title reads backwards)
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_URL_SPACE = re.compile(r"[\t\n\r]")


def _clean_url(url: str | None) -> str | None:
    """A URL without the characters no address holds (control characters, line breaks)."""
    return _URL_SPACE.sub("", _nfc(url)) if url else url


def load_page(html: bytes | str, url: str | None = None, content_type: str | None = None) -> HtmlElement:
    """The page decoded and parsed as ``extract_article`` does (raises ``NotAnArticle`` like it)."""
    return read_page(html, url, content_type)[0]


def read_page(
    html: bytes | str, url: str | None = None, content_type: str | None = None
) -> tuple[HtmlElement, str | None]:
    """``load_page``'s tree and the encoding its bytes were read in (None for text), decoded once."""
    text, encoding = decode_page(html, content_type=content_type, url=url)
    return parse_html(text, url), encoding


def extract_article(
    html: bytes | str,
    url: str | None = None,
    *,
    content_type: str | None = None,
    min_text_chars: int = MIN_TEXT_CHARS,
    tree: HtmlElement | None = None,
) -> Article:
    """Extract the article of one page.

    ``html`` is the page as bytes (decoded by BOM, then as UTF-8 when the bytes are UTF-8 with
    multi-byte characters, else by the charset of ``content_type``, then ``<meta charset>``, then by
    content: ``decoding``) or as text. The page is parsed once; metadata is read
    from the intact tree, then boilerplate is removed and trafilatura extracts the body.

    Raises ``NotAnArticle`` (with a ``reason``) for empty, binary or non-HTML input and for pages
    whose article text is shorter than ``min_text_chars`` (index pages, stubs).

    ``tree``: the page already parsed by ``load_page(html, url, content_type)`` (a crawl reads its links
    from it first); it is cleaned in place.
    """
    if isinstance(html, (bytearray, memoryview)):
        html = bytes(html)
    if isinstance(content_type, bytes):  # a raw header value
        content_type = content_type.decode("latin-1")
    if isinstance(url, bytes):
        url = url.decode("utf-8", "replace")
    if tree is None:
        tree = load_page(html, url, content_type)
    _make_safe(tree)
    meta = extract_metadata(tree, url)

    def reload() -> HtmlElement:
        page = _make_safe(load_page(html, url, content_type))
        drop_non_text(page)
        drop_controls(page)
        return page

    body = extract_text(
        tree, url=url, title=meta.title, authors=meta.authors or (), reload=reload, description=meta.description
    )
    body = _nfc(body)
    if len(body) < min_text_chars:
        raise NotAnArticle("no_text", url, f"{len(body)} characters of article text")
    record = {name: _nfc(getattr(meta, name)) for name in _METADATA_FIELDS}
    record["canonical_url"] = _clean_url(meta.canonical_url or url)
    record["original_url"] = _clean_url(record["original_url"])
    record["language"] = _text_language(record["language"], body)
    signed = None if record["authors"] else closing_signature(body)  # no byline: a name signed under the text
    if signed:
        record["authors"] = [signed]
    return Article(
        url=_clean_url(url), text=body, word_count=word_count(body), content_hash=content_hash(body), **record
    )
