"""Bylines whose shape, not their words, says where the names end: a line break before a dateline's
place or a second author's line, an outlet a person writes "for", a relative time or a reading time
written in the reader's language after the last name."""
from __future__ import annotations

import lxml.html
import pytest

from crawler.extraction.metadata import extract_metadata

STORY = "<h1>Harbour ferry fares rise in spring</h1><p>The ferry company said on Monday that fares rise.</p>"


def _authors(byline: str) -> list[str]:
    html = f"<html><head></head><body><article>{STORY}{byline}<p>More of the story.</p></article></body></html>"
    return extract_metadata(lxml.html.document_fromstring(html), "https://paper.example/2024/ferry").authors


def test_a_place_on_the_line_after_the_names_is_no_part_of_the_last_name():
    byline = ("<p>Von <strong><a href='/a/ina'>Ina Beispiel</a></strong> und <strong><a href='/a/max'>Max "
              "Muster</a></strong><br><span id='more-12'></span><br> Lagos /Nigeria</p>")
    assert _authors(byline) == ["Ina Beispiel", "Max Muster"]


def test_a_second_author_on_the_next_line_is_kept():
    byline = ("<div class='article-author'><a href='/bio/jane'>Jane Doe</a>, Staff Attorney, Legal Program<br>"
              "&amp; <a href='/bio/john'>John Roe</a>, Director of Policy</div>")
    assert _authors(byline)[:2] == ["Jane Doe", "John Roe"]


def test_a_role_on_the_next_line_is_no_name():
    assert _authors("<div class='byline'>By Jane Doe<br>Senior Correspondent</div>") == ["Jane Doe"]


def test_a_by_label_alone_on_its_line_still_introduces_the_name():
    assert _authors("<div class='byline'>By<br><a href='/a/jane'>Jane Doe</a></div>") == ["Jane Doe"]


@pytest.mark.parametrize("byline", [
    "<p class='byline'>By Jane Doe and John Roe for The Sunday Courier</p>",
    "<p class='byline'>By Jane Doe And John Roe For The Sunday Courier</p>",
])
def test_the_outlet_a_person_writes_for_is_no_part_of_the_name(byline):
    assert _authors(byline) == ["Jane Doe", "John Roe"]


@pytest.mark.parametrize("byline", [
    "<div class='byline'><a href='/autor/ana'>Ana Díaz</a>, <a href='/autor/luis'>Luis Pérez</a> y "
    "<a href='/autor/marta'>Marta Gil Soto</a> <span>Hace 13 horas</span> <span>Tiempo de lectura: 8 minutos</span></div>",
    "<div class='byline'>Par <a href='/a/ana'>Ana Díaz</a>, <a href='/a/luis'>Luis Pérez</a> et <a href='/a/m'>Marta "
    "Gil Soto</a> il y a 2 heures</div>",
])
def test_a_relative_time_or_a_reading_time_after_the_last_name_goes(byline):
    assert _authors(byline) == ["Ana Díaz", "Luis Pérez", "Marta Gil Soto"]


@pytest.mark.parametrize("byline", [
    "<p class='byline'>By Jane Doe, on March 12, 2024</p>",
    "<p class='byline'>Von Jane Doe, am 12. März 2024</p>",
    "<p class='byline'>Par Jane Doe, le 12 mars 2024</p>",
])
def test_the_preposition_before_a_date_is_no_second_author(byline):
    assert _authors(byline) == ["Jane Doe"]


def test_a_byline_showing_the_first_of_json_lds_people_gives_them_all():
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour ferry fares rise in spring", '
          '"author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}]}</script>')
    html = (f"<html><head>{ld}</head><body><article>{STORY}<p class='css-aknsld'><span class='byline-prefix'>By</span> "
            "<a href='/by/jane-doe'>Jane Doe</a> and <a href='/by/john-roe'>John Roe</a></p></article></body></html>")
    assert extract_metadata(lxml.html.document_fromstring(html), "https://paper.example/2024/ferry").authors == [
        "Jane Doe", "John Roe"]


@pytest.mark.parametrize("byline, names", [
    ("<p class='byline'>By Jane Doe, Lagos</p>", ["Jane Doe"]),
    ("<p class='byline'>Von Jane Doe und John Roe, Berlin</p>", ["Jane Doe", "John Roe"]),
    ("<p class='byline'>By Jane Doe, MS, RD</p>", ["Jane Doe"]),
    ("<p class='byline'>Von Jane Doe, John Roe, NDR</p>", ["Jane Doe", "John Roe", "NDR"]),
])
def test_one_word_beside_a_persons_name_is_a_place_or_a_degree_not_an_author(byline, names):
    assert _authors(byline) == names


@pytest.mark.parametrize("byline, names", [
    ("<div class='meta'>Автор: Ирина Ковалёва &nbsp; 12 марта 2024, 14:35</div>", ["Ирина Ковалёва"]),
    ("<div class='meta'>Yazar: Elif Demir</div>", ["Elif Demir"]),
    ("<div class='meta'>作者：王芳</div>", ["王芳"]),
    ("<div class='meta'>记者 张伟</div>", ["张伟"]),
    ("<div class='meta'>بقلم: سارة محمود</div>", ["سارة محمود"]),
    ("<p class='writer'>（記者・佐藤健一）</p>", ["佐藤健一"]),
    ("<p class='writer'>佐藤健一 記者</p>", ["佐藤健一"]),
])
def test_byline_labels_and_titles_in_more_languages(byline, names):
    assert _authors(byline) == names


def test_an_author_boxs_bio_is_no_byline():
    box = ("<div class='author-box'><div class='author-name'>Jane Doe</div><p class='author-description'>Jane Doe is "
           "a reporter at the Ledger covering the waterfront.</p></div>")
    assert _authors(box) == ["Jane Doe"]


@pytest.mark.parametrize("byline, names", [
    ("<p class='byline'>By MARY SMITH and JOHN O'NEIL Associated Press</p>", ["MARY SMITH", "JOHN O'NEIL"]),
    ("<p class='byline'>By Mary Smith Associated Press</p>", ["Mary Smith"]),
    ("<p class='byline'>From Reuters</p>", ["Reuters"]),
    ("<p class='byline'>By Staff and wire reports</p>", ["Staff"]),
])
def test_an_agencys_credit_and_wire_reports_are_no_part_of_a_name(byline, names):
    assert _authors(byline) == names


def test_a_remark_in_parentheses_is_no_second_name():
    byline = "<span class='author'>Par <a href='/signataires/jean'>Jean Exemple</a> (Lyon, correspondant)</span>"
    assert _authors(byline) == ["Jean Exemple"]


def test_a_job_title_after_a_comma_is_no_name_even_when_it_ends_in_a_lower_case_role():
    byline = "<p class='byline'>By <a href='/authors/tom'>Tom Albright</a>, Harbor United reporter</p>"
    assert _authors(byline) == ["Tom Albright"]


def test_the_meta_authors_clean_form_wins_over_a_byline_with_a_job_title_run_into_it():
    html = ("<html><head><meta name='author' content='Helen Marsh'></head><body><article>"
            f"{STORY}<p class='byline'><a rel='author' href='/profile/helen'>Helen Marsh</a> Environment correspondent</p>"
            "<p>More of the story.</p></article></body></html>")
    meta = extract_metadata(lxml.html.document_fromstring(html), "https://paper.example/2024/ferry")
    assert meta.authors == ["Helen Marsh"]


def _authors_on_site(site: str, byline: str) -> list[str]:
    html = (f"<html><head><meta property='og:site_name' content='{site}'></head><body><article>{STORY}"
            f"<p class='byline'>{byline}</p><p>More of the story.</p></article></body></html>")
    return extract_metadata(lxml.html.document_fromstring(html), "https://paper.example/news/library").authors


def test_the_sites_name_of_several_words_after_a_persons_name_is_an_affiliation():
    byline = "By <a href='/users/dmercer'>DANA MERCER</a> The Prairie Sentinel"
    assert _authors_on_site("The Prairie Sentinel", byline) == ["DANA MERCER"]


def test_a_desks_name_with_the_sites_is_kept_whole():
    assert _authors_on_site("Pagina Nueve", "Redacción Diario Pagina Nueve") == ["Redacción Diario Pagina Nueve"]


def test_one_json_ld_person_holding_a_list_of_names_is_each_of_them():
    html = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry fares", '
            '"author": {"@type": "Person", "name": ["Selena Park", "Jonah Whitaker"]}}</script></head><body>'
            f"<article>{STORY}<p>More of the story.</p></article></body></html>")
    assert extract_metadata(lxml.html.document_fromstring(html), "https://paper.example/2024/ferry").authors == [
        "Selena Park", "Jonah Whitaker"]


@pytest.mark.parametrize("byline", [
    "<span class='author'>Kirjoittanut <a href='/toimittajat/sanna'>Sanna Virtanen</a></span>",
    "<div class='info'><span class='label'>Penulis:</span> <a href='/penulis/sanna'>Sanna Virtanen</a></div>",
    "<p class='meta'>Skrevet af Sanna Virtanen</p>",
])
def test_written_by_in_finnish_indonesian_and_danish(byline: str):
    assert _authors(byline) == ["Sanna Virtanen"]


def test_an_offices_name_ending_in_the_sites_is_not_cut_to_a_fragment():
    byline = "Pressestelle der Stadt Kelbingen"
    assert _authors_on_site("Stadt Kelbingen", byline) == ["Pressestelle der Stadt Kelbingen"]


def test_an_author_cards_name_is_its_element_named_for_the_name():
    card = ("<aside class='author-card'><img class='author-card__img' src='/p.jpg' alt=''><div class='author-card__text'>"
            "<p class='author-card__name'>Paola Ferri</p><p class='author-card__role'>Editorialista</p>"
            "<p class='author-card__bio'>Urbanista, insegna Pianificazione dei trasporti al Politecnico.</p></div></aside>")
    html = ("<html><head><title>Il lungolago</title></head><body><article><h1>Il lungolago senza auto</h1>"
            + "".join(f"<p>{s}</p>" for s in [
                "Il comune ha deciso di chiudere il lungolago al traffico nei fine settimana da maggio a settembre.",
                "La misura sarà valutata dopo la prima estate, con un conteggio dei passaggi e delle presenze.",
                "I commercianti chiedono parcheggi di attestamento e una navetta verso il centro storico."])
            + card + "</article></body></html>")
    tree = lxml.html.document_fromstring(html)
    assert extract_metadata(tree, "https://corrieredellario.example/opinioni/lungolago").authors == ["Paola Ferri"]


@pytest.mark.parametrize("byline, names", [
    ("<p><span>Par Claire Montagnon · Publié le 14 février 2025 · Mis à jour le 16 février 2025</span></p>",
     ["Claire Montagnon"]),
    ("<div class='paragraph'>Texto: Marta Villalobos · Fotos: Ayuntamiento de Villaverde del Cerro</div>",
     ["Marta Villalobos"]),
])
def test_a_byline_row_with_the_dates_or_the_photographer_after_a_separator_names_the_author(byline, names):
    assert _authors(byline) == names
