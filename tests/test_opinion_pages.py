"""Opinion, review and reader pages: a review's box of labelled facts (director and cast, a
restaurant's address and hours) is its text wherever it closes the body; the calls around a column
or a letters page (write to the columnist, the editors' right to shorten letters, a report-an-error
prompt, more from this column, a series box) and a station's call for readers' photos are not."""
from __future__ import annotations

import pytest

from crawler import extract_article
from crawler.extraction.textfilter import is_boilerplate_line

URL = "https://harbour.example/2026/11/review"
PARAGRAPHS = [f"Paragraph {n} of the review weighs the film's harbour scenes against its slower second hour."
              for n in ("one", "two", "three", "four", "five", "six")]
STORY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def _text(body: str) -> str:
    return extract_article(f"<html><head><title>Harbour lights</title></head><body><article><h1>Harbour lights</h1>"
                           f"<div class='article-body'>{body}</div></article></body></html>", URL).text


FACTS = ["Director: Mareike Lindqvist (screenplay with Henrik Paulsen)",
         "Cast: Ilse Tjarks, Lina Hesselbarth, Jonas Feldkamp, Knut Ehlers",
         "Running time: 118 minutes, in cinemas from 6 November"]


@pytest.mark.parametrize("after", [
    "",  # the box closes the body
    "<figure class='map' data-embed='maps'><div><p>This map needs your consent.</p><button>Load map</button></div></figure>",
])
def test_a_reviews_box_of_labelled_facts_closing_the_body_stays(after):
    items = "".join(f"<li><strong>{fact.split(': ')[0]}:</strong> {fact.split(': ', 1)[1]}</li>" for fact in FACTS)
    text = _text(f"{STORY}<aside class='infobox infobox--film'><h4>Harbour lights</h4><ul>{items}</ul></aside>{after}")
    assert all(fact in text for fact in FACTS) and PARAGRAPHS[-1] in text


@pytest.mark.parametrize("call", [
    "<div class='kolumne-cta'><p><strong>Haben Sie eine Frage an Annette Kessler?</strong> Schreiben Sie an "
    "<a href='mailto:rat@example.de'>rat@example.de</a> – Ihre Zuschrift wird selbstverständlich anonymisiert.</p></div>",
    "<div class='encadre-ecrire'><h3>Écrivez-nous</h3><p>La rédaction se réserve le droit de raccourcir les lettres et "
    "d’en modifier le titre.</p><p>Écrivez-nous : courrier@example.fr ou 8 quai Gambetta, 49300 Vernières.</p></div>",
    "<p><a href='/contact/erreur'>Vous avez trouvé une erreur?</a></p>",
    "<div class='b-ugc'><h3>Send us your storm photos</h3><p>Share your pictures and video of the ice with the KVTR 9 "
    "newsroom. Please stay safe.</p><a href='/upload/'>Upload now</a></div>",
    "<div data-testid='SuggestedTopics'><span>Suggested Topics:</span><ul><li><a href='/energy/'>Energy</a></li>"
    "<li><a href='/europe/'>Europe</a></li></ul></div>",
])
def test_calls_to_readers_closing_a_column_are_furniture(call):
    text = _text(STORY + call)
    assert text.endswith(PARAGRAPHS[-1])


def test_a_columns_series_box_is_furniture():
    box = ("<section class='SeriesBox_root__3d3f1'><p class='SeriesBox_desc__574d6'>Carnet de quai : chaque mardi, "
           "Solène Bachelard raconte la vie au bord du Léman.</p><h3 class='SeriesBox_title__a557f'>Plus de cette "
           "chronique</h3><ul><li><a href='/carnet-1'>Le dernier pêcheur range ses filets</a></li><li><a href='/carnet-2'>"
           "Quand la bise se lève, la ville change</a></li></ul></section>")
    text = _text(STORY + box)
    assert text.endswith(PARAGRAPHS[-1])


def test_a_press_releases_closing_goes_also_above_a_distributors_widgets():
    release = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    closing = ("<h3>About Tidewater Grid Storage</h3><p>Tidewater Grid Storage, Inc. develops, builds and operates "
               "utility-scale battery storage systems in the western United States.</p><h3>Forward-Looking Statements</h3>"
               "<p>This press release contains forward-looking statements within the meaning of the Private Securities "
               "Litigation Reform Act of 1995.</p><p>Media Contact:<br>Renata Solís<br>press@tidewater.example</p>"
               "<p>Investor Contact:<br>ir@tidewater.example</p><p>SOURCE Tidewater Grid Storage, Inc.</p>")
    # a distributor's widget after it ("You just read:" and the headline) hides it from the last blocks
    widgets = ("<p>You just read:</p><p><a href='/news/tidewater-commissions-battery-site'>Tidewater Grid Storage "
               "commissions battery site near Reno, its largest to date</a></p>")
    text = _text(release + closing + widgets)
    assert text.endswith(PARAGRAPHS[-1])


@pytest.mark.parametrize("label", ["Archivado en:", "Filed under: Harbour, Council", "Abgelegt unter: Hafen"])
def test_a_filed_under_label_is_furniture(label):
    assert is_boilerplate_line(label)
    assert not is_boilerplate_line("Filed under the harbour act, the claim was rejected by the court in May.")


@pytest.mark.parametrize("credit", [
    "<figure><img src='/bed.jpg' alt=''><figcaption>A woman awake at night. <span class='c-detail__firma-foto'>GETTY "
    "IMAGES</span></figcaption></figure>",
    "<div class='mediaBox'><video src='/clip.mp4'></video><p class='mediaBox__copyright text__byline'>Bild © hr</p></div>",
])
def test_a_pictures_credit_marked_as_a_byline_is_no_author(credit):
    html = ("<html><head><title>Harbour lights</title><meta name='author' content='Lucía Ferrer Gil'></head><body><article>"
            f"<h1>Harbour lights</h1>{credit}<div class='c-detail__autor'><a href='/autor/lucia/' rel='author'>"
            f"Lucía Ferrer Gil</a></div><div class='article-body'>{STORY}</div></article></body></html>")
    assert extract_article(html, URL).authors == ["Lucía Ferrer Gil"]
