"""The sources file is checked before any request: every problem names the source and the key."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from crawler.crawl.sources import ROBOTS, SourcesError, load_sources, parse_sources

GOOD = """
[[sources]]
name = "alpha"
start_urls = ["https://alpha.example/"]
feeds = ["https://alpha.example/rss.xml"]
sitemaps = ["robots", "https://alpha.example/sitemap.xml"]
allow = ['/\\d{4}/']
deny = ['/live/']
max_pages = 50
max_age_days = 2.5

[[sources]]
name = "beta"
feeds = ["https://feeds.beta.example/atom"]
allowed_domains = ["beta.example"]
"""


def test_good_file(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(GOOD)
    alpha, beta = load_sources(path)
    assert alpha.name == "alpha" and alpha.max_pages == 50 and alpha.max_age_days == 2.5
    assert alpha.sitemaps == (ROBOTS, "https://alpha.example/sitemap.xml")
    assert alpha.domains == ("alpha.example",)
    assert beta.domains == ("beta.example",)
    assert alpha.url_allowed("https://alpha.example/2024/story")
    assert not alpha.url_allowed("https://alpha.example/2024/live/blog")
    assert not alpha.url_allowed("https://alpha.example/about")
    assert beta.url_allowed("https://beta.example/anything")


def test_entry_urls_and_page_links_follow_the_same_allow_deny() -> None:
    """The spider's entry URLs (``Source``) and page links (``LinkRules``) decide alike."""
    from spiders.pagelinks import LinkRules  # noqa: PLC0415

    alpha, beta = parse_sources(tomllib.loads(GOOD))
    urls = ["https://alpha.example/2024/story", "https://alpha.example/2024/live/blog",
            "https://alpha.example/about", "https://alpha.example/live/"]
    for source, expected in ((alpha, [True, False, False, False]), (beta, [True] * 4)):
        assert [source.url_allowed(url) for url in urls] == expected
        assert [LinkRules.of(source).allowed(url) for url in urls] == expected


def source(**keys: object) -> dict[str, object]:
    return {"sources": [{"name": "s1", "start_urls": ["https://a.example/"], **keys}]}


@pytest.mark.parametrize(
    ("data", "fragments"),
    [
        (source(colour="red"), ["'s1'", "unknown key 'colour'"]),
        (source(allow=["(unclosed"]), ["'s1'", "'allow'", "bad regex"]),
        (source(deny=["[z-a]"]), ["'s1'", "'deny'", "bad regex"]),
        ({"sources": [{"start_urls": ["https://a.example/"]}]}, ["source #1", "'name'"]),
        ({"sources": [{"name": "", "start_urls": ["https://a.example/"]}]}, ["source #1", "'name'"]),
        (source(start_urls="https://a.example/"), ["'s1'", "'start_urls'", "list"]),
        (source(feeds=["ftp://a.example/feed"]), ["'s1'", "'feeds'", "http"]),
        (source(sitemaps=["sitemap.xml"]), ["'s1'", "'sitemaps'"]),
        (source(max_pages=0), ["'s1'", "'max_pages'", "positive"]),
        (source(max_pages=2.5), ["'s1'", "'max_pages'"]),
        (source(max_age_days=-1), ["'s1'", "'max_age_days'"]),
        (source(follow_links="no"), ["'s1'", "'follow_links'", "true or false"]),
        (source(follow_links=1), ["'s1'", "'follow_links'", "true or false"]),
        ({"sources": [{"name": "s1"}]}, ["'s1'", "at least one"]),
        ({"sources": [{"name": "s1", "sitemaps": ["robots"]}]}, ["'s1'", "'sitemaps'", "robots"]),
        ({"source": []}, ["unknown top-level key 'source'"]),
        ({}, ["no [[sources]]"]),
        ({"sources": [source()["sources"][0], source()["sources"][0]]}, ["'s1'", "duplicate"]),  # type: ignore[index]
    ],
    ids=[
        "unknown-key", "bad-allow-regex", "bad-deny-regex", "missing-name", "empty-name", "string-not-list",
        "not-http", "relative-sitemap", "zero-max-pages", "float-max-pages", "negative-age",
        "follow-links-string", "follow-links-int", "nothing-to-crawl",
        "robots-without-site", "misspelt-table", "empty-file", "duplicate-name",
    ],
)
def test_invalid(data: dict[str, object], fragments: list[str]) -> None:
    with pytest.raises(SourcesError) as error:
        parse_sources(data, origin="sources.toml")
    message = str(error.value)
    assert message.startswith("sources.toml")
    for fragment in fragments:
        assert fragment in message


def test_follow_links_default_depends_on_discovery() -> None:
    """On when the start pages are the only discovery; off when feeds or sitemaps are; explicit wins."""
    def follows(**keys: object) -> bool:
        return parse_sources({"sources": [{"name": "s1", **keys}]})[0].follow_links

    start, feed, sitemap = ["https://a.example/"], ["https://a.example/rss"], ["https://a.example/sitemap.xml"]
    assert follows(start_urls=start)
    assert not follows(feeds=feed)
    assert not follows(sitemaps=sitemap)
    assert not follows(start_urls=start, feeds=feed)
    assert follows(sitemaps=sitemap, follow_links=True)
    assert not follows(start_urls=start, follow_links=False)


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match="no such sources file"):
        load_sources(tmp_path / "missing.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[[sources]\nname = 1")
    with pytest.raises(SourcesError, match="not valid TOML"):
        load_sources(broken)
