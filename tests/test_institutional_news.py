"""What sites that publish news without being newspapers, and big publishers' long features, set around
a story: a metered wall's counter and price, a sticky video player's "Now playing", a comment section
named behind a theme's prefix, a study's reference box after the last paragraph (the story's), a press
office's list of images to download (not), an institute as the author, a job after the author's name,
a site name whose umlauts the host spells out."""
from __future__ import annotations

import pytest

from crawler import extract_article

PARAGRAPHS = [
    "Antarctic krill export far more carbon to the deep sea in winter than models assume, a study led by the institute has found.",
    "The team measured the sinking faecal pellets of krill swarms beneath the sea ice from a ship frozen into a floe for four months.",
    "In the darkest weeks the swarms fed on algae growing on the underside of the ice, and their pellets sank faster than in summer.",
    "The researchers will repeat the measurements in the Bellingshausen Sea, where the winter ice has declined more sharply.",
]


def _page(after: str = "", between: str = "", title: str = "Krill sink more carbon in winter", meta: str = "",
          url: str = "https://www.kellberg-institute.example/en/news/krill-winter") -> object:
    body = "".join(f"<p>{text}</p>" + (between if index == 1 else "") for index, text in enumerate(PARAGRAPHS))
    html = (f"<html><head><title>{title}</title>{meta}</head><body><main><article><h1>Krill sink more carbon in winter</h1>"
            f"<div class='kb-body'>{body}{after}</div></article></main></body></html>")
    return extract_article(html, url)


@pytest.mark.parametrize("line", [
    "You've read 3 of 5 free articles this month.",
    "The Civic Standard is nonprofit and reader-funded. Become a member to keep reading without limits.",
    "Support independent environmental reporting from £1 a week.",
    "Reminder, this is a Premium article and requires a subscription to read.",
    "Now playing Watch: hauling a broken cable from 300 meters down",
    "Watch the full report",
])
def test_a_metered_walls_lines_and_a_video_players_title_go(line: str) -> None:
    text = _page(between=f"<div class='box-x'><p>{line}</p></div>").text
    assert line not in text and all(paragraph in text for paragraph in PARAGRAPHS)


def test_a_comment_section_named_behind_a_themes_prefix_goes() -> None:
    comments = ("<section class='me-comments'><h3>Join the conversation</h3><div class='me-comments__item'><b>RiverinaRose</b>"
                "<p>What happens to the ducks and the yabbies under all that plastic though?</p></div></section>")
    text = _page(after=comments).text
    assert "yabbies" not in text and "Join the conversation" not in text


def test_a_studys_reference_box_after_the_last_paragraph_stays_and_press_images_go() -> None:
    reference = ("<aside class='kb-publication'><h3>Original publication</h3><p>Lindahl, M., Okafor, C. N. (2024): Winter "
                 "faecal pellet export by Antarctic krill beneath sea ice. Ocean Biogeochemistry Letters, 11(3).</p>"
                 "<p>DOI: <a href='https://doi.org/10.5555/obl.2024.0718'>10.5555/obl.2024.0718</a></p></aside>")
    images = ("<section class='kb-press-images'><h2>Press images</h2><p>Printable images may be used free of charge in "
              "connection with this news item, provided the credit line is given.</p><ul><li><a href='/m/1.jpg' download>"
              "Krill swarm beneath the sea ice</a> <span>JPG, 4.1 MB</span></li></ul></section>")
    text = _page(after=reference + images).text
    assert "Winter faecal pellet export by Antarctic krill beneath sea ice" in text
    assert "Printable images may be used" not in text and "Krill swarm beneath the sea ice" not in text


def test_an_institute_named_as_the_creator_is_one_author() -> None:
    meta = '<meta name="DC.creator" content="Kellberg Institute for Polar and Marine Research">'
    assert _page(meta=meta).authors == ["Kellberg Institute for Polar and Marine Research"]


def _with_byline(byline: str, title: str, url: str) -> object:
    """A page of the story under a byline and a headline, with no metadata of its own."""
    return extract_article(
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{byline}"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>", url)


def test_the_job_after_the_authors_name_is_no_author() -> None:
    byline = ("<span class='byline'>Par <span class='author vcard'><a class='url fn n' href='/auteur/c-r/'>Clémence "
              "Rakotomalala</a></span>, chargée de suivi-évaluation à Ambovombe</span>")
    article = _with_byline(byline, "Puits maraîchers", "https://ong.example/terrain/puits")
    assert article.authors == ["Clémence Rakotomalala"]


def test_a_site_name_whose_umlauts_the_host_spells_out() -> None:
    article = _page(title="Stadt Mühlbergen: Sanierung der Wedelbrücke", url="https://www.stadt-muehlbergen.example/presse/wedel")
    assert article.sitename == "Stadt Mühlbergen"


def test_a_bylines_spans_are_read_apart() -> None:
    byline = ("<div class='cbd-byline'><span>By <a rel='author' href='/staff/priya-v'>Priya Venkataraman</a>, Consumer "
              "Industries Reporter</span><span>Published May 8, 2024, 9:12 AM CDT</span></div>")
    article = _with_byline(byline, "Results", "https://biz.example/2024/05/results")
    assert article.authors == ["Priya Venkataraman"]


def test_a_release_closing_of_two_issuers_and_its_legal_statements_goes() -> None:
    closing = ("<h3>About Kestrel Grid Systems</h3><p>Kestrel Grid Systems, Inc. develops substation automation software "
               "used by more than 220 electric utilities.</p><h3>About Solvera Storage</h3><p>Founded in 2017, Solvera "
               "Storage Corp. designs battery-management controllers.</p><h3>Forward-Looking Statements</h3><p>This press "
               "release contains forward-looking statements within the meaning of the securities laws.</p>")
    text = _page(after=closing).text
    assert "substation automation" not in text and "battery-management" not in text and "forward-looking" not in text
    assert all(paragraph in text for paragraph in PARAGRAPHS)


def test_an_investment_advice_disclaimer_with_its_label_goes() -> None:
    line = ("Important: This is not investment advice. The content on this page is for general information only and does "
            "not take into account your personal circumstances, objectives or needs; consider speaking to a licensed adviser.")
    text = _page(after=f"<p>{line}</p>").text
    assert "not investment advice" not in text
