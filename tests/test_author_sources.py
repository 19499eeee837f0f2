"""Where a byline's name is, when the markup puts it out of the usual places: a "By" label and its
name in two sibling field wrappers of the article's own side column; a JSON-LD author that gives only
the first name of the person the byline names in full; an organisation declared as author in
microdata beside a person named by the page's meta tags; a byline whose author card opens on click."""
from __future__ import annotations

import json

from crawler.extraction import extract_article

_BODY = "<p>" + "The university's new robot found a vein on the first try in nine of ten volunteers. " * 8 + "</p>"
_URL = "https://news.example.edu/robot-draws-blood"


def _page(head: str = "", byline: str = "") -> bytes:
    return (
        f"<html><head><title>Robot draws blood</title>{head}</head><body><main><article>"
        f"<h1>Robot draws blood</h1>{byline}{_BODY}</article></main></body></html>"
    ).encode("utf-8")


_FIELDS = ('<div class="c--article-sidebar"><div class="name-wrapper">'
           '<div class="f--field"><p class="label"><strong>By</strong></p></div>'
           '<div class="f--field"><p class="full-name">Tessa Barnes</p></div></div></div>')


def _json_ld(author: dict) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Robot draws blood", "author": author}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_a_by_label_and_its_name_in_two_field_wrappers_of_the_articles_side_column() -> None:
    assert extract_article(_page(byline=_FIELDS), url=_URL).authors == ["Tessa Barnes"]


def test_the_byline_gives_the_full_name_of_json_lds_first_name() -> None:
    head = _json_ld({"@type": "Person", "name": "Tessa"})
    assert extract_article(_page(head, _FIELDS), url=_URL).authors == ["Tessa Barnes"]


def test_json_ld_keeps_its_clean_form_of_a_byline_with_extra_words() -> None:
    head = _json_ld({"@type": "Person", "name": "Tessa Barnes"})
    byline = '<p class="byline">By Tessa Barnes, Science Desk</p>'
    assert extract_article(_page(head, byline), url=_URL).authors == ["Tessa Barnes"]


_ORGANIZATION = ('<div itemprop="author" itemscope itemtype="https://schema.org/Organization">'
                 '<meta itemprop="name" content="University News Desk"></div>')


def test_an_organisation_declared_as_author_gives_way_to_a_person_of_the_meta_tags() -> None:
    head = '<meta name="dc.creator" content="Tessa Barnes">'
    assert extract_article(_page(head, _ORGANIZATION), url=_URL).authors == ["Tessa Barnes"]


def test_an_organisation_declared_as_author_is_the_author_when_no_person_is_named() -> None:
    assert extract_article(_page(byline=_ORGANIZATION), url=_URL).authors == ["University News Desk"]


def test_an_author_card_that_opens_on_click_is_no_part_of_the_name() -> None:
    byline = ('<div class="author-affiliations"><h3 role="tab">Tessa Barnes</h3>'
              '<div class="tab-content" role="tabpanel"><h4>Search for this author in:</h4>'
              '<ul><li><a href="/search?q=tessa">Library catalogue</a></li></ul></div></div>')
    assert extract_article(_page(byline=byline), url=_URL).authors == ["Tessa Barnes"]


def test_a_byline_in_the_genitive_gives_way_to_json_lds_nominative() -> None:
    # Greek bylines read "Του" (by) and the name in the genitive; the markup cites the nominative
    head = _json_ld({"@type": "Person", "name": "Γιώργος Παπαδόπουλος"})
    byline = ('<span class="story__author" itemprop="author" itemscope itemtype="https://schema.org/Person">Του '
              '<a href="/author/g-papadopoulos/"><span itemprop="name">Γιώργου Παπαδόπουλου</span></a></span>')
    assert extract_article(_page(head, byline), url=_URL).authors == ["Γιώργος Παπαδόπουλος"]


def test_a_byline_in_the_genitive_gives_way_to_the_meta_tags_nominative() -> None:
    head = '<meta name="author" content="Μαρία Νικολάου">'
    byline = '<p>Της <a rel="author" href="/author/m-nikolaou/">Μαρίας Νικολάου</a></p>'
    assert extract_article(_page(head, byline), url=_URL).authors == ["Μαρία Νικολάου"]


def test_a_byline_naming_another_person_than_json_ld_still_wins() -> None:
    head = _json_ld({"@type": "Person", "name": "Jonas Lindqvist"})
    byline = '<p class="byline">By Tessa Barnes</p>'
    assert extract_article(_page(head, byline), url=_URL).authors == ["Tessa Barnes"]


def test_a_credit_for_the_text_and_the_pictures_names_the_author() -> None:
    for label in ("Texte et photos :", "Text und Fotos:", "Words and pictures:"):
        byline = f'<div class="byline"><span class="authors">{label} <a href="/auteurs/em">Étienne Marchais</a></span></div>'
        assert extract_article(_page(byline=byline), url=_URL).authors == ["Étienne Marchais"], label
