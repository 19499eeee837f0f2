"""Site boilerplate learned from repetition (crawler.crawl.sitelines) and its pipeline."""
from __future__ import annotations

import pytest
from scrapy.utils.test import get_crawler

from crawler.crawl.knowledge import CrawlKnowledge
from crawler.crawl.pages import ExtractedPage, PageItem
from crawler.common.urls import site_of
from crawler.crawl.sitelines import MAX_LINE_CHARS, SiteBoilerplate, line_key
from crawler.crawl.state import open_state
from crawler.crawl.state.run import StateRun
from crawler.extraction.extract import content_hash, word_count
from crawler.items import Article
from pipelines.site_boilerplate import SiteBoilerplatePipeline

APP_PROMO = "For the latest stories download the Harbour Post app for iOS and Android."
BIO = "Mara Lind covers the port and city hall for the Harbour Post."


def _word(n: int) -> str:
    """A distinct made-up word per number: stories must differ in words (numbers are ignored)."""
    letters = "bcdfghklmnprstvz"
    word = ""
    while True:
        word += letters[n % 16] + "aeiou"[n % 5]
        n //= 16
        if not n:
            return word.capitalize()


def story(n: int, *extra: str) -> str:
    name = _word(n)
    body = [
        f"Story {name} opens with its own sentence about the pier of {name} and the council's vote on the ferry.",
        f"A second paragraph quotes {name}, a resident who has waited for years for the new timetable.",
        f"The third paragraph gives the budget the {name} committee set aside for repairs to the quay.",
        f"It ends with what happens next in {name}: a hearing at city hall next month.",
    ]
    return "\n\n".join([*body, *[line for line in extra if line]])


def test_site_of_ignores_www_and_case() -> None:
    assert site_of("https://WWW.Example.org/a/b") == "example.org"
    assert site_of("https://news.example.org/a") == "news.example.org"
    assert site_of("not a url") is None


def test_line_key_ignores_case_spacing_and_numbers_but_not_words() -> None:
    assert line_key("Updated 3 hours ago") == line_key("updated  12 hours ago")
    assert line_key("Updated 3 hours ago") != line_key("Updated 3 days ago")
    assert line_key("x" * (MAX_LINE_CHARS + 1)) is None


def test_line_keys_are_each_lines_line_key() -> None:
    """line_keys normalises the whole text at once and keeps lines without odd spacing as they are."""
    import random
    import sys

    from crawler.crawl.sitelines import line_keys

    alphabet = "aZ09 _\t\u00a0.,’é٣\u2028\u0130ß\u00adﬁ-"
    rng = random.Random(5)
    for _ in range(300):
        text = "\n".join("".join(rng.choice(alphabet) for _ in range(rng.randrange(12))) for _ in range(8))
        expected = {line: line_key(line) for line in text.split("\n") if line_key(line) is not None}
        assert line_keys(text) == expected, text
    # what the shortcuts rely on: " " is the only printable whitespace, and only "\n" folds to "\n"
    every = map(chr, range(sys.maxunicode + 1))
    assert [c for c in every if (c.isspace() and c.isprintable()) or ("\n" in c.casefold()) != (c == "\n")] == [" "]


def test_lines_repeated_across_a_sites_pages_are_stripped_article_lines_kept() -> None:
    model = SiteBoilerplate(min_pages=3, min_share=0.1)
    for n in range(3):
        model.observe("harbourpost.test", story(n, APP_PROMO, BIO))
    result = model.strip("harbourpost.test", story(9, APP_PROMO, BIO))
    assert result.removed == 2
    assert result.text == story(9)


def test_two_pages_are_not_enough_and_other_sites_learn_nothing() -> None:
    model = SiteBoilerplate(min_pages=3, min_share=0.1)
    for n in range(2):
        model.observe("harbourpost.test", story(n, APP_PROMO))
    assert model.strip("harbourpost.test", story(5, APP_PROMO)).removed == 0
    model.observe("harbourpost.test", story(2, APP_PROMO))
    assert model.strip("other.test", story(5, APP_PROMO)).removed == 0


def test_a_line_on_a_small_share_of_a_big_sites_pages_is_kept() -> None:
    model = SiteBoilerplate(min_pages=3, min_share=0.1)
    for n in range(100):
        model.observe("harbourpost.test", story(n, "Read our series on the harbour strike." if n < 5 else ""))
    assert model.strip("harbourpost.test", story(200, "Read our series on the harbour strike.")).removed == 0


def test_near_duplicate_versions_of_one_story_keep_their_text() -> None:
    model = SiteBoilerplate(min_pages=3, min_share=0.1, max_strip_share=0.4)
    version = story(1, "A third paragraph that every update of the story keeps.")
    for _ in range(4):
        model.observe("harbourpost.test", version)
    result = model.strip("harbourpost.test", version)
    assert result.guarded and result.removed == 0 and result.text == version


def test_counts_decay_so_memory_stays_bounded() -> None:
    model = SiteBoilerplate(window=50)
    for n in range(1000):
        model.observe("harbourpost.test", story(n, APP_PROMO))
    state = model.sites["harbourpost.test"]
    assert state.pages < 50
    assert len(state.lines) < 3 * 50  # unique lines of at most one window survive
    assert model.strip("harbourpost.test", story(2000, APP_PROMO)).removed == 1


def test_learned_lines_persist_and_strip_from_a_later_runs_first_page(tmp_path) -> None:
    path = tmp_path / "state.sqlite3"
    store = open_state(path)
    first = SiteBoilerplate()
    first.attach(store)
    for n in range(5):
        first.observe("harbourpost.test", story(n, APP_PROMO))
    first.save()
    store.close()
    store = open_state(path)
    second = SiteBoilerplate()
    second.attach(store)
    assert second.learned("harbourpost.test") == 1
    assert second.strip("harbourpost.test", story(7, APP_PROMO)).text == story(7)
    store.close()


def test_the_knowledge_saves_learned_lines_when_the_run_ends(tmp_path) -> None:
    path = tmp_path / "state.sqlite3"
    knowledge = CrawlKnowledge(state=StateRun.open(path, "run-1"))
    for n in range(5):
        knowledge.site_lines.observe("harbourpost.test", story(n, APP_PROMO))
    knowledge.spider_closed("finished")
    knowledge.close()
    later = CrawlKnowledge(state=StateRun.open(path, "run-2"))
    assert later.site_lines.learned("harbourpost.test") == 1
    later.close()


def _extracted(n: int, text: str) -> ExtractedPage:
    url = f"https://www.harbourpost.test/news/{n}"
    article = Article(url=url, canonical_url=url, text=text, word_count=0, content_hash=content_hash(text))
    return ExtractedPage(page=PageItem(url=url, body=b"", source="harbourpost"), article=article)


def test_pipeline_strips_and_updates_hash_word_count_and_stats() -> None:
    crawler = get_crawler(settings_dict={"NEWS_SITE_BOILERPLATE_MIN_PAGES": 2})
    crawler.stats.open_spider()
    pipeline = SiteBoilerplatePipeline(SiteBoilerplate(min_pages=2), crawler.stats)
    outputs = [pipeline.process_item(_extracted(n, story(n, APP_PROMO))) for n in range(3)]
    assert APP_PROMO in outputs[0].article.text  # the first page: nothing learned yet
    last = outputs[2].article
    assert last.text == story(2)
    assert last.content_hash == content_hash(story(2))
    assert last.word_count == word_count(story(2)) and last.word_count > 50
    assert crawler.stats.get_value("news/boilerplate/lines_removed") == 2
    assert crawler.stats.get_value("news/boilerplate/pages_cleaned") == 2


def test_pipeline_can_be_switched_off() -> None:
    from scrapy.exceptions import NotConfigured

    with pytest.raises(NotConfigured):
        SiteBoilerplatePipeline.from_crawler(get_crawler(settings_dict={"NEWS_SITE_BOILERPLATE": False}))
