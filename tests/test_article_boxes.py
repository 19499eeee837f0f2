"""Small ``<article>`` boxes inside a body container that is no article (a pros and cons box, a fact
card) are not the body: trafilatura, which takes the first ``<article>`` when no content class
matches, must find the whole body, its blocks that are not paragraphs included."""
from __future__ import annotations

from crawler import extract_article
from crawler.extraction.extract import load_page
from crawler.extraction.structure import main_container, paragraph_text_map, unmark_article_boxes

PAGE_URL = "https://software.example/downloads/vault-encrypt/"
PARAGRAPHS = (
    "<p>Vault Encrypt creates virtual drives whose contents are encrypted before they touch the disk, "
    "and it mounts them like any other drive, so the programs that use the files notice nothing.</p>"
    "<p>Besides the well-known ciphers it offers the current standard, and a built-in guard against key "
    "loggers as well as hidden drives add to the protection of the files stored in the container.</p>"
    "<p>All in all a very safe and interesting program, though a little expensive for what it does; "
    "an open-source alternative that costs nothing does most of the same work for home users.</p>"
)
CHANGES = "All changes of version 9 are listed in the release notes that the maker publishes on its own website."


def _page(pros_tag: str) -> str:
    return (
        "<html><head><title>Vault Encrypt download</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/downloads/'>Downloads</a></nav>"
        "<div id='content'><div class='product'>"
        "<h1>Vault Encrypt 9</h1>"
        f"<{pros_tag} class='col-6'><h3>Advantages</h3><ul><li>creates encrypted virtual drives</li>"
        f"<li>supports growing containers</li><li>key logger guard built in</li></ul></{pros_tag}>"
        f"<{pros_tag} class='col-6'><h3>Drawbacks</h3><ul><li>expensive next to free programs</li></ul></{pros_tag}>"
        f"<section class='changes'><h3>Latest changes</h3><div class='text'>{CHANGES}</div></section>"
        f"{PARAGRAPHS}"
        "</div></div>"
        "<footer><p>Copyright Software Example, all rights reserved.</p></footer>"
        "</body></html>"
    )


def test_the_body_around_small_article_boxes_is_extracted_whole() -> None:
    text = extract_article(_page("article"), PAGE_URL).text
    assert CHANGES in text
    assert "creates encrypted virtual drives" in text
    assert "an open-source alternative that costs nothing" in text
    assert "all rights reserved" not in text


def test_the_boxes_count_as_divs_would() -> None:
    assert extract_article(_page("article"), PAGE_URL).text == extract_article(_page("div"), PAGE_URL).text



def test_teasers_of_other_stories_keep_their_tag() -> None:
    """A teaser (its headline links to another story) is the page's furniture, left to the cleaning;
    only boxes lose their ``<article>`` tag."""
    teaser = "<article class='note'><h2><a href='/news/backup-rules/'>Which backups an office needs</a></h2></article>"
    tree = load_page(_page("article").replace("<section class='changes'>", teaser + "<section class='changes'>"), PAGE_URL)
    held, total = paragraph_text_map(tree)
    unmark_article_boxes(main_container(held, total), held)
    assert [" ".join(a.text_content().split()) for a in tree.iter("article")] == ["Which backups an office needs"]
    assert len(tree.xpath("//div[@class='col-6']")) == 2
