"""crawler/common: date parsing, the site of a URL, ancestor tests, label lists."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from lxml import html

from crawler.common.dates import as_utc, parse_date, parse_email_date
from crawler.common.labels import BY, PUBLISHED, any_of, starts, tokens
from crawler.common.tree import has_ancestor, is_inside
from crawler.common.urls import hostname, site_of

UTC = dt.timezone.utc


def test_parse_email_date_keeps_an_unknown_zone_naive() -> None:
    assert parse_email_date("Fri, 27 Nov 2026 12:00:30 GMT") == dt.datetime(2026, 11, 27, 12, 0, 30, tzinfo=UTC)
    assert parse_email_date("Fri, 27 Nov 2026 12:00:30 -0000").tzinfo is None
    assert parse_email_date("soon") is None and parse_email_date("") is None and parse_email_date(None) is None


def test_parse_date_is_timezone_aware() -> None:
    assert parse_date("2026-11-20") == dt.datetime(2026, 11, 20, tzinfo=UTC)
    assert parse_date("2026-11-20T10:00:00+02:00").utcoffset() == dt.timedelta(hours=2)
    assert parse_date(" Fri, 27 Nov 2026 12:00:30 -0000 ") == dt.datetime(2026, 11, 27, 12, 0, 30, tzinfo=UTC)
    assert parse_date("yesterday") is None and parse_date("  ") is None


def test_as_utc_leaves_a_zone_alone() -> None:
    cet = dt.timezone(dt.timedelta(hours=1))
    assert as_utc(dt.datetime(2026, 1, 1, tzinfo=cet)).tzinfo is cet
    assert as_utc(dt.datetime(2026, 1, 1)).tzinfo is UTC


@pytest.mark.parametrize(("url", "site"), [
    ("https://WWW.Example.org/a/b", "example.org"),
    ("https://news.example.org/a", "news.example.org"),
    ("http://www.example.co.uk:8080/x?y", "example.co.uk"),
    ("not a url", None),
    ("", None),
    (None, None),
    ("http://[x/", None),
])
def test_site_of(url: str | None, site: str | None) -> None:
    assert site_of(url) == site


def test_hostname_is_empty_for_no_host() -> None:
    assert hostname("https://WWW.Example.org/a") == "www.example.org"
    assert hostname("http://[x/") == "" and hostname(None) == "" and hostname("/relative") == ""


def test_ancestor_tests() -> None:
    tree = html.fromstring("<div><article><header><p><b>x</b></p></header></article><p>y</p></div>")
    bold, article = tree.find(".//b"), tree.find(".//article")
    assert is_inside(bold, article) and is_inside(article, article)
    assert not is_inside(tree.findall("p")[-1], article)
    assert has_ancestor(bold, "article") and has_ancestor(bold, ("main", "header"))
    assert not has_ancestor(article, "article") and not has_ancestor(tree, "div")


def test_any_of_prefers_the_longer_word_and_spans_white_space() -> None:
    pattern = re.compile(rf"^{any_of(['autor', 'autorin', 'mis à jour'])}", re.IGNORECASE)
    assert pattern.match("Autorin: X").group(0) == "Autorin"
    assert pattern.match("Mis  à\u00a0jour le 3 mai").group(0) == "Mis  à\u00a0jour"
    assert not pattern.match("Author")


def test_label_helpers() -> None:
    assert "by" in BY and "veröffentlicht" in PUBLISHED
    assert starts(["posted by", "von"]) == {"po", "vo"}
    assert tokens(["mis à jour", "Letzte Änderung"]) == {"mis", "à", "jour", "letzte", "änderung"}
