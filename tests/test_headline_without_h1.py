"""Pages that declare no title but their <title>: no og:title, no JSON-LD, no <h1>. Small sites' CMSs
set the story's headline in an <h2>, or style a <div> or a <font> as the headline, while the <title>
repeats the site's name and a section for every page, or cuts the headline short. The heading a
paragraph of the story follows is the title; a side column's box title and a web archive's toolbar
are not."""
from __future__ import annotations

from crawler import extract_article

STORY = [
    "The school board voted five to two on Monday night to merge four rural bus routes before the spring term begins.",
    "Parents from the Pine Hollow district asked the board to keep the morning stop at the old grange hall open.",
    "The district's transportation director said the merged routes add about eleven minutes to the longest ride.",
]


def _paragraphs() -> str:
    return "".join(f"<p>{sentence}</p>" for sentence in STORY)


def test_a_styled_headline_in_a_table_layout_beats_a_title_that_cuts_it_short() -> None:
    html = (
        "<html><head><title>Cobb Valley Record - Local News - School board approves bus route cuts</title></head>"
        "<body><table><tr><td><a href='/'>Home</a> | <a href='/local.asp'>Local News</a></td></tr>"
        "<tr><td><font class='headline' size='5'><b>School board approves bus route cuts to close $310,000 gap</b>"
        "</font><br><font size='2'>By Ada Brink</font><br><br>"
        + "".join(f"<font size='3'>{sentence}</font><br><br>" for sentence in STORY)
        + "</td></tr></table></body></html>"
    )
    article = extract_article(html, "http://www.cobbvalleyrecord.example/news.asp?id=8812")
    assert article.title == "School board approves bus route cuts to close $310,000 gap"


def test_the_h2_over_the_text_beats_a_title_that_names_the_site_and_section() -> None:
    html = (
        "<html><head><title>Feuerwehr Lindau - Ausbildung</title></head><body>"
        "<table><tr><td id='leftcolumn'><div class='blockTitle'>Wer ist online</div>"
        "<div>Zurzeit sind 13 Besucher online, davon halten sich acht im Bereich Ausbildung auf und fünf im Forum.</div>"
        "</td><td><div class='content'><h2>Bootsdienst und Tauchausbildung im Herbst</h2>" + _paragraphs()
        + "</div></td></tr></table></body></html>"
    )
    article = extract_article(html, "http://feuerwehr-lindau.example/bootsdienst/ausbildung.html")
    assert article.title == "Bootsdienst und Tauchausbildung im Herbst"


def test_a_section_label_before_the_headline_goes_when_the_title_shows_the_headline_alone() -> None:
    html = (
        "<html><head><title>Fanclub Rotweiss - Eintracht stellt Weichen für die Zukunft - News</title></head><body>"
        "<div class='item'><div class='itemHead'><span class='itemTitle'>Vereinspresse : Eintracht stellt Weichen"
        " für die Zukunft</span></div><div class='itemText'>" + _paragraphs() + "</div></div></body></html>"
    )
    article = extract_article(html, "http://fanclub-rotweiss.example/modules/news/article.php?storyid=504")
    assert article.title == "Eintracht stellt Weichen für die Zukunft"


def test_a_web_archives_toolbar_title_is_no_headline() -> None:
    html = (
        "<html><head><title>Les Français travaillent-ils trop peu ?</title></head><body>"
        "<div id='wm-ipp-base'><div id='wm-ipp'><div id='wm-capinfo'><span class='wm-title'>Collection crawls</span>"
        "<div>Ces captures ont été collectées par un robot d'exploration du web dans le cadre d'une collection.</div>"
        "</div></div></div><div class='texte'>" + _paragraphs() + "</div></body></html>"
    )
    article = extract_article(html, "https://web.archive.org/web/20070228213001/http://www.eco.example/35h.html")
    assert article.title == "Les Français travaillent-ils trop peu ?"


def test_a_declared_title_still_wins_over_the_h2_over_the_text() -> None:
    html = (
        "<html><head><title>Valley Post</title>"
        "<meta property='og:title' content='Council passes the road budget after a long night'></head><body>"
        "<h2>Budget vote</h2>" + _paragraphs() + "</body></html>"
    )
    article = extract_article(html, "https://valleypost.example/2024/road-budget")
    assert article.title == "Council passes the road budget after a long night"


def test_a_banner_with_the_sites_name_is_no_headline() -> None:
    html = (
        "<html><head><title>Lowfield Island Online :: View topic - Ferry timetable cut to three sailings a day</title>"
        "</head><body><table><tr><td><span class='maintitle'>Lowfield Island Online</span><br>"
        "<span class='gen'>The community portal for Lowfield Island and the Sound, run by volunteers since 2003.</span>"
        "</td></tr></table><table class='forumline'><tr><td class='row1'><span class='postbody'>"
        + "<br><br>".join(STORY) + "</span></td></tr></table></body></html>"
    )
    article = extract_article(html, "http://www.lowfieldisland.example/forum/viewtopic.php?t=812")
    assert article.title == "Ferry timetable cut to three sailings a day"


def test_a_modules_title_before_the_content_heading_is_no_headline() -> None:
    html = (
        "<html><head><title>Ashbrook Valley News</title></head><body><div id='leftcolumn'><div class='moduletable'>"
        "<h3>Login Form</h3><form><input name='username'><input type='password' name='passwd'></form></div></div>"
        "<div id='maincolumn'><table class='contentpaneopen'><tr><td class='contentheading'>Parish council backs new"
        " footbridge over the Ashbrook</td><td class='buttonheading'><a href='/print'>Print</a></td>"
        "<td class='buttonheading'><a href='/mail'>E-mail</a></td></tr></table><table class='contentpaneopen'>"
        "<tr><td><span class='small'>Written by Eleanor Whitcombe</span></td></tr><tr><td>" + _paragraphs()
        + "</td></tr></table></div></body></html>"
    )
    article = extract_article(html, "http://www.ashbrookvalleynews.example/index.php?option=com_content&id=214")
    assert article.title == "Parish council backs new footbridge over the Ashbrook"
