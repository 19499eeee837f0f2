"""trafilatura's full pass on the page as served is a second candidate when the first text looks
short against the page. Being longer is not enough: a page's mega menu of entries that are no links
(with the story somewhere inside it) is longer than any story, and must not replace a text of
sentences."""
from __future__ import annotations

from crawler.extraction.candidates import second_opinion_wins

STORY = [
    ("Since the new ordinance came into force on Monday, the rules for vaccination certificates have "
     "changed in several ways that matter to employers."),
    ("The health institute now publishes how long a certificate of recovery stays valid, and it "
     "shortened that period from six months to ninety days."),
]
MENU = "\n".join(f"{area} and {topic}" for area in ("Work", "Pensions", "Care", "Family") for topic in (
    "Benefits", "Training", "Advice", "Integration", "Insurance", "Tax", "Law", "Housing", "Health", "Youth"
))


def test_a_longer_text_of_sentences_wins() -> None:
    other = [*STORY, "Employers who check certificates at work must apply the new periods at once, the ministry said."]
    assert second_opinion_wins(STORY[:1], other, links=set())


def test_a_menu_of_labels_around_the_story_does_not_replace_it() -> None:
    other = [MENU, *STORY, MENU]
    assert sum(map(len, other)) > 3 * sum(map(len, STORY))
    assert not second_opinion_wins(STORY, other, links=set())


def test_labels_may_replace_labels() -> None:
    """When the first text is itself a list of labels, a longer list is no worse a choice (and
    ``prefer_sentences`` still looks for sentences after it)."""
    first = [MENU.split("\n", 12)[-1]]
    assert second_opinion_wins(first, [MENU, *STORY], links=set())


def test_the_page_link_texts_never_win() -> None:
    lines = MENU.split("\n")
    assert not second_opinion_wins(STORY[:1], ["\n".join(lines)], links=set(lines))


def test_a_text_little_longer_does_not_win() -> None:
    assert not second_opinion_wins(STORY, [*STORY, "More."], links=set())
