"""Contract tests of the trafilatura, Scrapy and standard library internals in ``crawler/compat``.

Each test checks, on real objects, that a borrowed internal still exists with the signature and the
behaviour the compat function relies on; its message names the function to fix. They pin what
``pyproject.toml``'s version ranges claim: run them before widening a range.
"""
from __future__ import annotations

import asyncio
import time
import gzip
import inspect
import io
import os
import re
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from copy import copy
from pathlib import Path
from types import SimpleNamespace

import pytest
import scrapy
import trafilatura
from lxml import etree
from lxml import html as lxml_html
from parsel import Selector
from scrapy import Request, Spider
from scrapy.core.downloader import Downloader, Slot
from scrapy.core.scheduler import Scheduler
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exporters import JsonLinesItemExporter
from scrapy.extensions.feedexport import FileFeedStorage
from scrapy.http import HtmlResponse
from scrapy.squeues import PickleLifoDiskQueue
from scrapy.statscollectors import MemoryStatsCollector, StatsCollector
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap
from scrapy.utils.test import get_crawler
from trafilatura.core import trafilatura_sequence
from trafilatura.settings import Extractor
from trafilatura.utils import is_dubious_html, repair_faulty_html
from twisted.internet.defer import Deferred

from crawler.compat import scrapy as scrapy_compat
from crawler.compat import trafilatura as trafilatura_compat
from crawler.compat.concurrent import pool_processes
from crawler.crawl.middlewares.metarefresh import HEAD_BYTES
from crawler.extraction import extract as extraction
from crawler.extraction.parsing import parse_html
from crawler.tools import fixtures as fx

TRAFILATURA = f"trafilatura {trafilatura.__version__}"
SCRAPY = f"Scrapy {scrapy.__version__}"

SENTENCE = "The harbour council met on Tuesday evening to debate the new ferry timetable for the winter season. "
TEASER = "<p>The letters on the back of the old ferry have always promised a fast crossing. The company was at first ...</p>"


def _parameters(function: object) -> list[str]:
    return list(inspect.signature(function).parameters)  # type: ignore[arg-type]


def _buried_text_page() -> str:
    """A page whose text sits in bare <div>s next to a teaser <p>: trafilatura's balanced pass keeps the
    teaser alone, and only its recall escalation finds the text."""
    nest = "<div>" * 6
    return (
        f"<html><body>{nest}<div><div><div>\n{SENTENCE * 8}\n</div></div></div>"
        f"<div><div><div><div>{TEASER}</div></div></div></div>{nest.replace('<', '</')}</body></html>"
    )


def _article_page() -> str:
    paragraphs = "".join(f"<p>{SENTENCE}Paragraph {i} is about the piers and the tides.</p>" for i in range(8))
    return (
        "<!DOCTYPE html><html><head><title>Ferry timetable</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Ferry timetable</h1>{paragraphs}</article><footer>Contact us</footer></body></html>"
    )


# --- trafilatura ---------------------------------------------------------------------------------


def test_trafilatura_sequence_signature_and_result() -> None:
    fix = f"{TRAFILATURA}: fix crawler.compat.trafilatura.run_cascade"
    assert _parameters(trafilatura_sequence) == ["tree", "options", "url"], fix
    result = trafilatura_sequence(parse_html(_article_page()), trafilatura_compat.extraction_options(fast=True), None)
    assert isinstance(result, tuple) and len(result) == 4, fix
    body, text, comments, comments_text = result
    assert isinstance(body, etree._Element) and isinstance(comments, etree._Element), fix
    assert isinstance(text, str) and isinstance(comments_text, str), fix
    assert "Paragraph 7 is about the piers" in text and "Contact us" not in text, fix
    assert " ".join(body.itertext()).count("Paragraph") == 8, fix


def test_run_cascade_reports_nothing_as_none() -> None:
    fix = f"{TRAFILATURA}: fix crawler.compat.trafilatura.run_cascade"
    options = trafilatura_compat.extraction_options(fast=True)
    assert isinstance(options.min_output_size, int) and options.min_output_size >= 1, fix
    assert trafilatura_compat.run_cascade(parse_html("<html><body></body></html>"), options, None) == (None, 0), fix
    body, found = trafilatura_compat.run_cascade(parse_html(_article_page()), options, "https://news.example/a")
    assert body is not None and found > 8 * len(SENTENCE), fix


def test_extractor_options_we_build() -> None:
    fix = f"{TRAFILATURA}: fix crawler.compat.trafilatura.extraction_options"
    keywords = inspect.signature(Extractor).parameters
    for name in ("fast", "comments", "tables", "output_format"):
        assert name in keywords and keywords[name].kind is inspect.Parameter.KEYWORD_ONLY, (name, fix)
    for fast in (True, False):
        options = trafilatura_compat.extraction_options(fast=fast)
        assert (options.fast, options.comments, options.tables) == (fast, False, True), fix
        assert options.format == "python" and options.focus == "balanced", fix


def test_focus_sentinel_means_balanced_without_escalation() -> None:
    fix = f"{TRAFILATURA}: fix crawler.compat.trafilatura.NO_ESCALATION_FOCUS / without_escalation"
    fast = trafilatura_compat.extraction_options(fast=True)
    quiet = trafilatura_compat.without_escalation(fast)
    assert quiet.focus == trafilatura_compat.NO_ESCALATION_FOCUS and fast.focus == "balanced", fix
    assert quiet is not fast and (quiet.fast, quiet.comments, quiet.tables) == (True, False, True), fix
    # balanced: the short teaser result is escalated to recall mode, which finds the buried text
    escalated, _ = trafilatura_sequence(parse_html(_buried_text_page()), copy(fast), None)[:2]
    assert "Tuesday evening" in " ".join(escalated.itertext()), f"{fix} (balanced no longer escalates this page)"
    # the sentinel: no escalation, the teaser alone
    plain = trafilatura_sequence(parse_html(_buried_text_page()), quiet, None)[1]
    assert "Tuesday evening" not in plain and "fast crossing" in plain, f"{fix} (the sentinel escalates)"
    # and everywhere else it reads as "balanced"
    for page in (_article_page(), _buried_text_page().replace(SENTENCE * 8, SENTENCE)):
        balanced_text = trafilatura_sequence(parse_html(page), copy(fast), None)[1]
        assert trafilatura_sequence(parse_html(page), quiet, None)[1] == balanced_text, fix


def test_escalation_thresholds_match_trafilaturas() -> None:
    from trafilatura import core

    fix = f"{TRAFILATURA}: fix crawler.compat.trafilatura.ESCALATION_MAX_CHARS / ESCALATION_PAGE_SHARE"
    assert getattr(core, "ESCALATION_MAX_LENGTH", None) == trafilatura_compat.ESCALATION_MAX_CHARS, fix
    assert getattr(core, "ESCALATION_PAGE_SHARE", None) == trafilatura_compat.ESCALATION_PAGE_SHARE, fix


@pytest.mark.parametrize("fixture", list(fx.iter_fixtures()), ids=lambda f: f.id)
def test_escalation_check_bounds_html2txt_from_above(fixture: fx.Fixture) -> None:
    """Every result trafilatura would escalate (under its thresholds of ``html2txt``'s page text), the
    core's cheaper check escalates too, before and after the cascade pruned the tree."""
    fix = f"{TRAFILATURA}: fix crawler.extraction.extract._needs_escalation (_BLOCK_SPACING, _SCRIPT_TEXT)"
    tree = extraction.load_page(fixture.html, fixture.url)
    for _ in range(2):
        page = len(trafilatura.html2txt(tree))
        found = min(trafilatura_compat.ESCALATION_MAX_CHARS, int(trafilatura_compat.ESCALATION_PAGE_SHARE * page)) - 1
        if found > 0:
            assert extraction._needs_escalation(tree, found), (fixture.id, page, found, fix)
        trafilatura_compat.run_cascade(tree, trafilatura_compat.extraction_options(fast=True), fixture.url)


def _pruned_pages() -> list[str]:
    """Pages with the names trafilatura's raw-tree and comment prunes look for, and near misses."""
    article = _article_page()
    blocks = [
        "<div id='comments'><p>Great story, thanks.</p></div>",
        "<section class='Comment-area'><p>First!</p></section>",
        "<div class='post-comments'><p>Me too.</p></div>",
        "<ul id='comment-list'><li>A reader wrote this.</li></ul>",
        "<ol class='commentary'><li>Not a comment list.</li></ol>",
        "<div id='commentary'><p>An analysis column.</p></div>",
        "<div id='disqus_thread'></div><div id='dsq-comments'><p>Loaded later.</p></div>",
        "<div id='comol'><p>Comments on line.</p></div>",
        "<div class='infinite-scroll'><article><p>Next story in the feed.</p></article></div>",
        "<section id='infinitescroll'><h1>Another</h1><p>Appended.</p></section>",
        "<div class='mvp-post-add-box'><h1>Appended story</h1><p>Follow-up text.</p></div>",
        "<aside id='mvp-post-add-wrap'><p>More.</p></aside>",
        "<div class='elementor-share-buttons'><a href='/s'>Share</a></div>",
        "<div class='INFINITE-SCROLL COMMENTS'><p>Upper case is not what the regexes read.</p></div>",
    ]
    pages = [article.replace("</article>", f"</article>{block}") for block in blocks]
    pages.append(article.replace("</article>", "".join(blocks) + "</article>"))
    forum = '<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>'
    pages.append(article.replace("</head>", f"{forum}</head>").replace("</article>", f"</article>{blocks[0]}"))
    return pages


def test_prune_guards_name_what_the_xpaths_need() -> None:
    """Each raw-tree prune ``fast_sequence`` may skip has an entry in ``NEEDED_NAMES`` for its exact
    text, and every element it matches (on the fixtures and pages made to match) has a class or id
    holding one of the entry's names."""
    from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

    fix = f"{TRAFILATURA}: check crawler.compat.trafilatura.NEEDED_NAMES against the XPath's new text"
    guarded = [*RAW_TREE_PRUNE_XPATH, *REMOVE_COMMENTS_AND_LISTS_XPATH]
    for expression in guarded:
        assert trafilatura_compat.xpath_key(expression) in trafilatura_compat.NEEDED_NAMES, (expression.path, fix)
    trees = [parse_html(page) for page in _pruned_pages()]
    trees += [extraction.load_page(fixture.html, fixture.url) for fixture in fx.iter_fixtures()]
    matched = set()
    for expression in guarded:
        needed = trafilatura_compat.NEEDED_NAMES[trafilatura_compat.xpath_key(expression)]
        for tree in trees:
            for element in expression(tree):
                names = f"{element.get('class', '')} {element.get('id', '')}"
                assert any(name in names for name in needed), (expression.path, names, fix)
                matched.add(expression.path)
    assert matched == {expression.path for expression in guarded}, "a guard the test pages do not exercise"


_GUARD_TAGS = ("div", "item", "list", "p", "section", "span", "article", "main", "aside", "details", "ol", "ul", "header")
_GUARD_ATTRIBUTES = ("class", "id", "style", "role", "aria-hidden", "itemprop", "data-component", "data-lp-replacement-content")


def _guard_probe_page(expression: etree.XPath) -> str:
    """Elements of every tag the XPaths select, each with one attribute whose value is one of the
    XPath's own literals (as they are, lower-cased, and inside other words), and the same values in
    attributes no test reads: the elements that match and the near misses."""
    literals = {literal for literal in re.findall(r"'([^']*)'", expression.path) if literal}
    runs = [re.findall(r"[\w-]{2,}", literal) for literal in literals]  # a regex's words, and each two in a row
    words = {word for run in runs for word in run} | {a + b for run in runs for a, b in zip(run, run[1:])}
    values = sorted({form for word in literals | words for form in (word, word.lower(), f"x-{word}", f"{word} y")})
    blocks = []
    for tag in _GUARD_TAGS:
        blocks.append(f"<{tag}><span>plain</span></{tag}>")
        for value in values:
            quoted = value.replace('"', "&quot;")
            for attribute in (*_GUARD_ATTRIBUTES, "title", "data-note"):
                blocks.append(f'<{tag} {attribute}="{quoted}"><b>text</b></{tag}>')
    return f"<html><body><div>{''.join(blocks)}</div></body></html>"


def test_guarded_xpaths_are_trafilaturas_and_select_the_same() -> None:
    """Each entry of ``xpathguards.GUARDED`` names an XPath of trafilatura by its exact text; its guarded
    form selects exactly what the original selects, on made elements (matches and near misses of
    every literal it tests), on the fixtures and on the pruned pages; no pattern it tests matches
    the empty string (which would hold on elements without the attribute)."""
    from trafilatura import xpaths

    from crawler.compat import xpathguards

    fix = f"{TRAFILATURA}: review crawler.compat.xpathguards.GUARDED against the XPath's new text"
    trees = [parse_html(page) for page in _pruned_pages()]
    trees += [extraction.load_page(fixture.html, fixture.url) for fixture in fx.iter_fixtures()]
    for key, name in xpathguards.GUARDED.items():
        list_name, index = name.rstrip("]").split("[")
        expression = getattr(xpaths, list_name)[int(index)]
        assert xpathguards.xpath_key(expression) == key, (name, fix)
        fast = xpathguards.guarded(expression)
        assert fast is not expression and fast.path != expression.path, name
        assert fast.path.count("re:test(") == fast.path.count(" and re:test("), (name, "a regex test without its guard")
        for pattern in re.findall(r"re:test\([^,]+,\s*'([^']*)'", expression.path):
            assert re.search(pattern, "") is None, (name, pattern, fix)
        probe = lxml_html.fromstring(_guard_probe_page(expression))
        selected = expression(probe)
        assert selected and fast(probe) == selected, (name, fix)
        assert all(any(element.get(a) is not None for a in _GUARD_ATTRIBUTES) for element in selected), name
        for tree in trees:
            assert fast(tree) == expression(tree), (name, fix)


def _attribute_pairs_page(expression: etree.XPath) -> str:
    """Blocks with two of the attributes the XPath reads, in both orders, each value one of its
    literals or a near miss: what ``@id|@class`` reads is the attribute written first."""
    literals = sorted({literal for literal in re.findall(r"'([^']*)'", expression.path) if literal})
    values = [*literals, *(f"x-{literal}" for literal in literals), "plain"]
    blocks = []
    for first, second in (("id", "class"), ("class", "id"), ("id", "style"), ("style", "id")):
        for one in values:
            for other in ("plain", values[len(blocks) % len(values)]):
                for tag in ("div", "span", "li"):
                    blocks.append(f'<{tag} {first}="{one}" {second}="{other}"><b>text</b></{tag}>')
                    blocks.append(f'<{tag} {first}="{other}" {second}="{one}"><b>text</b></{tag}>')
    return f"<html><body><div>{''.join(blocks)}</div></body></html>"


def test_python_selectors_select_what_trafilaturas_xpaths_select() -> None:
    """``compat.xpathselectors``: each selector serves the XPath text it was written for, and selects what
    that XPath selects (the same elements, in the same order) on made elements (every literal and
    its near misses, single and in pairs of attributes in either order), the fixtures and the
    pruned pages; none of the regexes it reads out of the XPath matches the empty string."""
    from trafilatura import xpaths

    from crawler.compat import xpathguards, xpathselectors

    fix = f"{TRAFILATURA}: review crawler.compat.xpathselectors against the XPath's new text"
    trees = [parse_html(page) for page in _pruned_pages()]
    trees += [extraction.load_page(fixture.html, fixture.url) for fixture in fx.iter_fixtures()]
    def selector(expression: etree.XPath) -> xpathselectors.Selector | None:
        return xpathselectors.selector(expression, xpathguards.xpath_key(expression))

    written = [expression for expression in xpaths.OVERALL_DISCARD_XPATH + xpaths.BODY_XPATH if selector(expression)]
    assert len(written) == 5, fix
    assert selector(xpaths.BODY_XPATH[4]) is None and selector(xpaths.TEASER_DISCARD_XPATH[0]) is None
    for expression in written:
        select = selector(expression)
        assert all(pattern.search("") is None for _, pattern in xpathselectors.regex_tests(expression.path))
        probes = [lxml_html.fromstring(_guard_probe_page(expression)), lxml_html.fromstring(_attribute_pairs_page(expression))]
        for probe in probes:
            selected = expression(probe)
            assert selected and select(probe) == selected, fix
        for tree in trees:
            assert select(tree) == expression(tree), fix
    with xpathguards.guarded_xpaths():
        from trafilatura import main_extractor

        assert all(isinstance(entry, xpathselectors.Selector) for entry in main_extractor.OVERALL_DISCARD_XPATH)
        assert [isinstance(entry, xpathselectors.Selector) for entry in main_extractor.BODY_XPATH] == [
            True, False, True, True, False]


def test_guarded_xpaths_serve_the_core_only() -> None:
    """trafilatura's main extractor reads its own XPaths again after the core's cascade, also when
    the cascade fails; ``trafilatura.extract`` (the benchmarks' baseline) is never given the guarded ones."""
    from trafilatura import main_extractor, xpaths

    from crawler.compat import xpathguards

    def originals() -> bool:
        return main_extractor.OVERALL_DISCARD_XPATH is xpaths.OVERALL_DISCARD_XPATH and main_extractor.BODY_XPATH is xpaths.BODY_XPATH

    assert originals()
    with xpathguards.guarded_xpaths():
        assert main_extractor.OVERALL_DISCARD_XPATH is not xpaths.OVERALL_DISCARD_XPATH
        assert not any(a is b for a, b in zip(main_extractor.OVERALL_DISCARD_XPATH, xpaths.OVERALL_DISCARD_XPATH))
    assert originals()
    with pytest.raises(RuntimeError), xpathguards.guarded_xpaths():
        raise RuntimeError("a cascade that fails")
    assert originals()
    extraction.extract_article(_article_page(), "https://news.example/a")
    assert originals()


def test_sequence_is_trafilatura_sequence() -> None:
    """``sequence`` gives trafilatura_sequence's body and text, and leaves the tree as it does, on the
    fixtures and made pages (one escalated to recall mode), for the core's options and the other focuses."""
    fix = f"{TRAFILATURA}: fix crawler.compat.trafilatura.sequence (follow trafilatura_sequence)"
    option_sets = []
    for fast in (True, False):
        for focus in ("balanced", trafilatura_compat.NO_ESCALATION_FOCUS, "precision", "recall"):
            options = trafilatura_compat.extraction_options(fast=fast)
            options.focus = focus
            option_sets.append(options)
    made = [*_pruned_pages(), _buried_text_page(), "<html><body></body></html>"]
    pages = [(page, None) for page in made] + [(fixture.html, fixture.url) for fixture in fx.iter_fixtures()]
    for options in option_sets:
        assert trafilatura_compat._sequence_applies(options), fix
        for html, url in pages:
            results = []
            for run in (trafilatura_compat.sequence, trafilatura_sequence):
                tree = extraction.load_page(html, url)
                try:
                    body, text, comments, comments_text = run(tree, copy(options), url)
                except (TypeError, ValueError) as error:
                    results.append(type(error))
                    continue
                results.append((etree.tostring(body), text, len(comments), comments_text, etree.tostring(tree)))
            assert results[0] == results[1], (url, options.fast, options.focus, fix)
    with_comments = trafilatura_compat.extraction_options(fast=True)
    with_comments.comments = True
    assert not trafilatura_compat._sequence_applies(with_comments), fix


def test_escalation_measure_is_html2txts() -> None:
    """``_short_of_page`` answers as trafilatura's test on html2txt, on either side of its bound."""
    fix = f"{TRAFILATURA}: fix crawler.compat.trafilatura._short_of_page (its bound of html2txt's length)"
    pages = [_article_page(), _buried_text_page(), "<html><body><p>a</p><p>b</p><div>c<br>d</div></body></html>"]
    trees = [parse_html(page) for page in pages]
    trees += [extraction.load_page(fixture.html, fixture.url) for fixture in fx.iter_fixtures()]
    for tree in trees:
        page = len(trafilatura.html2txt(tree))
        for found in {1, page // 10, page // 5 - 1, page // 5, page // 5 + 1, page // 4, page}:
            expected = found < trafilatura_compat.ESCALATION_PAGE_SHARE * page
            assert trafilatura_compat._short_of_page(found, tree) == expected, (page, found, fix)


def test_html_repairs() -> None:
    fix = f"{TRAFILATURA}: fix crawler.compat.trafilatura.repair_faulty_html / is_dubious_html"
    assert _parameters(repair_faulty_html) == ["htmlstring", "beginning"], fix
    assert _parameters(is_dubious_html) == ["beginning"], fix
    closed = '<html lang="en"/>\n<head><title>x</title></head><body><p>Text</p></body></html>'
    repaired = trafilatura_compat.repair_faulty_html(closed, closed[:50].lower())
    assert repaired.startswith('<html lang="en">\n'), fix
    # an XHTML DOCTYPE (a "/" in it) on the first line, which libxml2 misreads, goes
    doctype = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN">\n<html><body><p>Text</p></body></html>'
    assert trafilatura_compat.repair_faulty_html(doctype, doctype[:50].lower()) == doctype.partition(">")[2], fix
    # the parser hands over only the page's start (``_REPAIR_SPAN``): the repairs must not reach further
    tail = "<p>" + "Plain text, nothing to repair. " * 400 + "</p></body></html>"
    for page in (closed.replace("</body></html>", "") + tail, doctype.replace("</body></html>", "") + tail):
        beginning = page[:50].lower()
        whole = trafilatura_compat.repair_faulty_html(page, beginning)
        start = trafilatura_compat.repair_faulty_html(page[:4096], beginning)
        assert whole == start + page[4096:], f"{fix} and crawler.extraction.parsing._REPAIR_SPAN"
    assert trafilatura_compat.is_dubious_html("<p>no tag</p>") is True, fix
    assert trafilatura_compat.is_dubious_html("<!doctype html><p>x</p>") is False, fix


# --- Scrapy ------------------------------------------------------------------------------------


class _CompatSpider(Spider):
    name = "compat"

    def parse_page(self, response: object) -> None:
        pass


def _crawler(**settings: object) -> scrapy.crawler.Crawler:
    crawler = get_crawler(_CompatSpider, settings_dict=settings)
    crawler.spider = _CompatSpider.from_crawler(crawler)
    return crawler


NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://news.example/a.html</loc><lastmod>2026-11-27</lastmod>
    <news:news><news:publication_date>2026-11-27T08:00:00Z</news:publication_date></news:news></url>
  <!-- a comment -->
  <url><lastmod>2026-11-26</lastmod></url>
  <url><loc>https://news.example/b.html</loc></url>
</urlset>"""


class _ChildTagsSitemap(scrapy_compat.ExtraFieldsSitemap):
    def extra_fields(self, elem: etree._Element) -> dict[str, object]:
        return {"children": [scrapy_compat.sitemap_tag_name(child) for child in elem]}


def test_sitemap_element_hook() -> None:
    fix = f"{SCRAPY}: fix crawler.compat.scrapy.ExtraFieldsSitemap / sitemap_tag_name"
    assert _parameters(Sitemap._process_sitemap_element) == ["self", "elem"], fix
    assert isinstance(inspect.getattr_static(Sitemap, "_get_tag_name"), staticmethod), fix
    sitemap = _ChildTagsSitemap(NEWS_SITEMAP)
    assert sitemap.type == "urlset", fix
    records = list(sitemap)
    assert [record["loc"] for record in records] == ["https://news.example/a.html", "https://news.example/b.html"], fix
    assert records[0]["children"] == ["loc", "lastmod", "news"] and records[0]["lastmod"] == "2026-11-27", fix
    assert records[1]["children"] == ["loc"], fix
    assert scrapy_compat.sitemap_tag_name(etree.Comment("x")) == "", fix
    assert scrapy_compat.sitemap_tag_name(etree.Element("{http://www.google.com/schemas/sitemap-news/0.9}news")) == "news"


def test_retry_request() -> None:
    fix = f"{SCRAPY}: fix crawler.compat.scrapy.retry_request"
    assert _parameters(RetryMiddleware._retry) == ["self", "request", "reason"], fix
    crawler = _crawler(RETRY_TIMES=2, RETRY_PRIORITY_ADJUST=-3)
    middleware = RetryMiddleware.from_crawler(crawler)
    retry = scrapy_compat.retry_request(middleware, Request("https://news.example/a"), "503 Service Unavailable")
    assert isinstance(retry, Request) and retry.meta["retry_times"] == 1, fix
    assert retry.dont_filter and retry.priority == -3, fix
    assert scrapy_compat.retry_request(middleware, retry, ConnectionRefusedError()).meta["retry_times"] == 2, fix
    spent = Request("https://news.example/b", meta={"max_retry_times": 0})
    assert scrapy_compat.retry_request(middleware, spent, "503 Service Unavailable") is None, fix
    stats = crawler.stats.get_stats()
    assert stats["retry/count"] == 2 and stats["retry/max_reached"] == 1, fix


def test_disk_queue_dir(tmp_path: Path) -> None:
    fix = f"{SCRAPY}: fix crawler.compat.scrapy.disk_queue_dir"
    assert _parameters(Scheduler._dqdir) == ["self", "jobdir"], fix
    scheduler = Scheduler.from_crawler(_crawler())
    assert scheduler.dqdir is None, fix  # without JOBDIR: memory only, which the crawl's scheduler changes
    directory = scrapy_compat.disk_queue_dir(scheduler, str(tmp_path))
    assert directory == str(tmp_path / "requests.queue") and Path(directory).is_dir(), fix


def test_wake_engine() -> None:
    fix = f"{SCRAPY}: fix crawler.compat.scrapy.wake_engine (crawler.crawl.scheduler holds waiting requests)"
    from scrapy.core.engine import ExecutionEngine, _Slot  # noqa: PLC0415 - private, as the function relies on

    assert "nextcall" in _parameters(_Slot.__init__), fix
    assert "CallLaterOnce(self._start_scheduled_requests)" in inspect.getsource(ExecutionEngine), fix
    crawler = _crawler()
    scrapy_compat.wake_engine(crawler)  # no engine yet: nothing to do
    crawler.engine = ExecutionEngine(crawler, lambda _: None)
    assert getattr(crawler.engine, "_slot", "missing") is None, fix  # not open: nothing to do
    scrapy_compat.wake_engine(crawler)
    woken = []
    crawler.engine._slot = SimpleNamespace(nextcall=SimpleNamespace(schedule=lambda: woken.append(1)))
    scrapy_compat.wake_engine(crawler)
    assert woken == [1], fix


def test_on_scrape_finished_runs_after_the_scraper_slot_finished_a_response() -> None:
    fix = f"{SCRAPY}: fix crawler.compat.scrapy.on_scrape_finished (the Redis frontier acks leases with it)"
    from scrapy.core.scraper import Scraper, Slot as ScraperSlot  # noqa: PLC0415 - private, as the function relies on

    assert "self.slot.finish_response(result, request)" in inspect.getsource(Scraper.enqueue_scrape), fix
    assert list(_parameters(ScraperSlot.finish_response))[1:] == ["result", "request"], fix
    crawler = _crawler()
    slot = ScraperSlot()
    crawler.engine = SimpleNamespace(scraper=SimpleNamespace(slot=slot))
    finished: list[Request] = []
    scrapy_compat.on_scrape_finished(crawler, finished.append)
    request = Request("http://127.0.0.1/a")
    response = HtmlResponse(request.url, body=b"<html></html>", request=request)
    slot.add_response_request(response, request)
    slot.next_response_request_deferred()
    assert finished == [], fix
    slot.finish_response(response, request)
    assert finished == [request] and not slot.active, fix


def test_push_request_dict_skips_only_to_dict(tmp_path: Path) -> None:
    fix = f"{SCRAPY}: fix crawler.compat.scrapy.push_request_dict (and crawler.crawl.scheduler.MethodNameLifoDiskQueue)"
    crawler = _crawler()
    queue = PickleLifoDiskQueue.from_crawler(crawler, str(tmp_path / "queue"))
    request = Request("https://news.example/a", callback=crawler.spider.parse_page, meta={"k": 1}, priority=3)
    try:
        scrapy_compat.push_request_dict(queue, request.to_dict(spider=crawler.spider))
        queue.push(Request("https://news.example/b", callback=crawler.spider.parse_page))
        assert len(queue) == 2, fix
        assert queue.pop().url == "https://news.example/b", fix  # LIFO, the way Scrapy pushed it
        back = queue.pop()
    finally:
        queue.close()
    assert isinstance(back, Request) and back.url == request.url, fix
    assert back.callback == crawler.spider.parse_page and back.meta == {"k": 1} and back.priority == 3, fix


def test_reuse_selector() -> None:
    fix = f"{SCRAPY}: fix crawler.compat.scrapy.reuse_selector"
    response = HtmlResponse("https://news.example/a", body=b"<html><body><p>From the body</p></body></html>")
    selector = Selector(root=parse_html("<html><body><p>From the tree</p></body></html>"), type="html")
    scrapy_compat.reuse_selector(response, selector)
    assert response.selector is selector, fix
    assert response.xpath("//p/text()").get() == "From the tree", fix


def test_enforce_slot_delay() -> None:
    fix = f"{SCRAPY}: fix crawler.compat.scrapy.enforce_slot_delay"
    assert "jitter" in inspect.signature(Slot).parameters and Slot(1, 0.0, 0.5).jitter == 0.5, fix
    downloader = Downloader(_crawler(DOWNLOAD_HANDLERS={"http": None, "https": None}, DOWNLOAD_DELAY=0.25))
    request = Request("https://news.example/a")
    scrapy_compat.enforce_slot_delay(downloader, request, 2.5)
    assert downloader.per_slot_settings["news.example"] == {"delay": 2.5, "jitter": 0.0}, fix

    async def new_slot() -> tuple[float, float, float]:
        # Scrapy creates the slot on the first download; its slot collector needs a running loop
        try:
            key, slot = downloader._get_slot(request)
            assert key == downloader.get_slot_key(request) == "news.example", fix
            return slot.delay, slot.jitter, slot.download_delay()
        finally:
            downloader.close()

    assert asyncio.run(new_slot()) == (2.5, 0.0, 2.5), fix
    # a slot that exists already, whose delay AutoThrottle lowered
    slot = downloader.slots["news.example"]
    slot.delay, slot.jitter = 0.1, 0.5
    scrapy_compat.enforce_slot_delay(downloader, request, 2.5)
    assert (slot.delay, slot.jitter, slot.download_delay()) == (2.5, 0.0, 2.5), fix


def test_slot_timing() -> None:
    fix = f"{SCRAPY}: fix crawler.compat.scrapy.slot_timing"
    downloader = Downloader(_crawler(DOWNLOAD_HANDLERS={"http": None, "https": None}, DOWNLOAD_DELAY=0.2))
    request = Request("https://news.example/a")
    assert scrapy_compat.slot_timing(downloader, request) == (0.0, 0.0), fix  # no slot yet: sends at once

    async def new_slot() -> tuple[float, float]:
        try:
            _, slot = downloader._get_slot(request)
            slot.lastseen = time.monotonic()  # what Downloader._process_queue stamps at a download start
            return scrapy_compat.slot_timing(downloader, request)
        finally:
            downloader.close()

    delay, wait = asyncio.run(new_slot())
    assert delay == 0.2 and 0.25 < wait <= 0.3, fix  # at most 0.2 s + Scrapy's default jitter of 50%
    slot = downloader.slots["news.example"]
    slot.delay, slot.jitter, slot.lastseen = 1.0, 0.0, time.monotonic() - 2
    assert scrapy_compat.slot_timing(downloader, request) == (1.0, 0.0), fix


def test_feed_files(tmp_path: Path) -> None:
    fix = f"{SCRAPY}: fix crawler.compat.scrapy.feed_files"
    crawler = _crawler(FEEDS={str(tmp_path / "%(name)s.jsonl"): {"format": "jsonlines"}, "stdout:": {"format": "csv"}})
    assert scrapy_compat.feed_files(crawler) == [], fix  # before spider_opened
    from scrapy.extensions.feedexport import FeedExporter

    crawler.get_extension(FeedExporter).open_spider(crawler.spider)
    assert scrapy_compat.feed_files(crawler) == [(str(tmp_path / "compat.jsonl"), "jsonlines")], fix
    assert scrapy_compat.feed_files(_crawler()) == [], fix  # no FEEDS


def test_plain_stats_collector_behaves_as_scrapys() -> None:
    fix = f"{SCRAPY}: fix crawler.compat.scrapy.PlainStatsCollector"
    # the shim it skips is still there (else the override is no longer needed: re-measure and drop it)
    assert StatsCollector.__getattribute__ is not object.__getattribute__, fix
    results = []
    for collector in (MemoryStatsCollector, scrapy_compat.PlainStatsCollector):
        crawler = _crawler(STATS_DUMP=False)
        stats = collector(crawler)
        stats.open_spider()
        stats.inc_value("news/pages")
        stats.inc_value("news/pages", 2)
        stats.inc_value("news/start", start=10)
        stats.max_value("news/max", 5)
        stats.max_value("news/max", 3)
        stats.min_value("news/min", 5)
        stats.min_value("news/min", 3)
        stats.set_value("news/x", "y")
        snapshot = dict(stats.get_stats())
        value = stats.get_value("news/pages"), stats.get_value("news/missing", 7)
        stats.close_spider(reason="finished")
        results.append((snapshot, value, stats.spider_stats))
        stats.clear_stats()
        assert stats.get_stats() == {}, fix
    assert results[0] == results[1], fix


def test_gunzip_size_limit_is_a_value_error() -> None:
    fix = f"{SCRAPY}: fix crawler.crawl.safexml.bounded_gunzip and crawler.crawl.sitemaps.sitemap_body"
    bomb = gzip.compress(b"<urlset>" + b" " * 200_000 + b"</urlset>")
    with pytest.raises(ValueError):
        gunzip(bomb, max_size=10_000)
    assert len(gunzip(bomb, max_size=0)) == 200_017, fix
    assert gunzip(bomb[:-20]).startswith(b"<urlset>"), fix  # truncated: what could be read
    with pytest.raises((OSError, EOFError)):
        gunzip(b"\x1f\x8b\x08" + b"not gzip at all")


def test_meta_refresh_reads_only_the_first_4096_characters() -> None:
    """``HeadMetaRefreshMiddleware`` hands Scrapy's middleware the first ``HEAD_BYTES`` of a page."""
    fix = f"{SCRAPY}: fix crawler.crawl.middlewares.metarefresh.HEAD_BYTES"
    middleware = MetaRefreshMiddleware.from_crawler(get_crawler())
    url = "https://news.example/a.html"
    tag = '<meta http-equiv="refresh" content="0; url=/moved.html">'
    start = "<html><head>"
    for padding, redirected in ((4096 - len(start) - len(tag), True), (4096 - len(start), False)):
        body = (start + " " * padding + tag + "</head><body>" + "x" * 5000 + "</body></html>").encode()
        response = HtmlResponse(url, body=body, request=Request(url))
        result = middleware.process_response(response.request, response)
        # the tag ends at character 4,096: a redirect; it starts there: none
        assert (result.url if isinstance(result, Request) else None) == (
            "https://news.example/moved.html" if redirected else None
        ), fix
    assert HEAD_BYTES >= 4 * 4096, fix


def test_feed_exporter_attributes_our_subclasses_use(tmp_path: Path) -> None:
    """``WholeLineJsonLinesExporter`` and ``LineFileFeedStorage`` (crawler/crawl/extensions/feedexport.py)
    read attributes Scrapy's classes set but do not document."""
    fix = f"{SCRAPY}: fix crawler.crawl.extensions.feedexport"
    exporter = JsonLinesItemExporter(io.BytesIO())
    assert exporter.encoder.encode({"a": 1}) == '{"a": 1}' and exporter.encoding is None, fix
    assert dict(exporter.get_serialized_fields({"a": 1})) == {"a": 1}, fix
    uri = (tmp_path / "out.jsonl").as_uri()
    appending = FileFeedStorage(uri, feed_options={"overwrite": False})
    assert (appending.path, appending.write_mode) == (str(tmp_path / "out.jsonl"), "ab"), fix
    assert FileFeedStorage(uri, feed_options={"overwrite": True}).write_mode == "wb", fix


# --- standard library ----------------------------------------------------------------------------


def test_pool_processes_can_be_killed() -> None:
    fix = "fix crawler.compat.concurrent.pool_processes (ProcessPoolExecutor._processes)"
    executor = ProcessPoolExecutor(max_workers=1)
    try:
        worker = executor.submit(os.getpid).result(timeout=60)
        processes = pool_processes(executor)
        assert [process.pid for process in processes] == [worker], fix
        stuck = executor.submit(__import__("time").sleep, 60)
        for process in processes:
            process.kill()
        with pytest.raises(BrokenProcessPool):
            stuck.result(timeout=60)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    assert pool_processes(executor) == [], fix


def test_shared_robots_txt_middleware_answers_every_request_waiting_on_robots_txt() -> None:
    fix = f"{SCRAPY}: fix crawler.compat.scrapy.SharedRobotsTxtMiddleware (robots.txt must hold for every request)"
    from scrapy.robotstxt import ProtegoRobotParser  # noqa: PLC0415

    crawler = _crawler(ROBOTSTXT_OBEY=True)
    middleware = scrapy_compat.SharedRobotsTxtMiddleware.from_crawler(crawler)
    parser = ProtegoRobotParser.from_crawler(crawler, b"User-agent: *\nDisallow: /private/\n")
    requests = [Request(f"http://127.0.0.1/{path}") for path in ("a.html", "private/b.html", "private/c.html")]

    async def three_requests_while_robots_txt_downloads() -> list[object]:
        pending: Deferred[object] = Deferred()
        assert isinstance(middleware._parsers, dict), fix
        middleware._parsers["127.0.0.1"] = pending  # what robot_parser leaves while robots.txt downloads
        waiting = [asyncio.ensure_future(middleware.robot_parser(request)) for request in requests]
        await asyncio.sleep(0)
        pending.callback(parser)
        return await asyncio.gather(*waiting)

    assert asyncio.run(three_requests_while_robots_txt_downloads()) == [parser] * 3, fix
    assert [parser.allowed(request.url, "news") for request in requests] == [True, False, False]


def test_extensions_base_is_scrapys_without_remote_control() -> None:
    from scrapy.settings import default_settings

    from crawler import settings

    fix = "update EXTENSIONS_BASE in crawler/settings.py to Scrapy's (without RemoteControl)"
    scrapys = dict(default_settings.EXTENSIONS_BASE)
    assert scrapys.pop("scrapy.extensions.remote_control.RemoteControl", None) is not None, fix
    assert settings.EXTENSIONS_BASE == scrapys, fix


def test_download_handlers_import_from_a_shallow_stack() -> None:
    from scrapy.settings import default_settings

    from crawler.compat.scrapy import HANDLER_MODULES

    fix = "update crawler.compat.scrapy.HANDLER_MODULES: Scrapy's HTTP handler moved"
    assert {"scrapy.core.downloader.handlers.http11"} <= set(HANDLER_MODULES), fix
    assert default_settings.DOWNLOAD_HANDLERS_BASE["http"].startswith(HANDLER_MODULES[0]), fix
