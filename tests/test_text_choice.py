"""A text made mostly of the page's link texts or of labels loses to a candidate made of sentences;
an article that merely quotes a few of its links keeps its text, and no candidate is computed."""
from __future__ import annotations

from crawler.extraction.candidates import prefer_sentences

BODY = [
    "Turn the tomato on its side so that the stem points left or right, and each slice keeps its walls.",
    "A serrated knife helps with thin slices and does not slip on the skin of a ripe tomato.",
]
CARDS = [  # the page's "best tips of the week": each card a headline and a teaser, both link texts
    ("Blanch almonds in two minutes", "Hot water, a towel and a little patience"),
    ("Keep basil fresh for a week", "A glass of water on the counter, not the fridge"),
    ("Rescue a split custard", "An ice bath and a hand blender bring it back"),
    ("Soften hard brown sugar overnight", "A slice of bread in the jar does the work"),
]
LINKS = {text for card in CARDS for text in card} | {"Recipes", "Tips", "Community"}


def _never() -> list[str]:
    raise AssertionError("no candidate is needed for a text of sentences")


def test_a_text_half_made_of_the_pages_link_texts_loses_to_a_clean_candidate() -> None:
    first = BODY + ["The best tips of the week"] + ["\n".join(card) for card in CARDS]
    assert prefer_sentences(first, LINKS, (lambda: list(BODY),)) == BODY


def test_a_candidate_that_keeps_the_link_texts_does_not_win() -> None:
    first = BODY + ["\n".join(card) for card in CARDS]
    still_linked = BODY[:1] + ["\n".join(card) for card in CARDS]
    assert prefer_sentences(first, LINKS, (lambda: still_linked,)) == first


def test_an_article_quoting_one_of_its_links_keeps_its_text_and_computes_nothing() -> None:
    first = BODY + [CARDS[0][0]]
    assert prefer_sentences(first, LINKS, (_never,)) == first


def test_a_menu_of_labels_loses_to_a_candidate_of_sentences() -> None:
    menu = ["\n".join(["Parking permits", "Waste collection", "Council meetings", "Planning", "Libraries"] * 3)]
    assert prefer_sentences(menu + BODY[:1], set(), (lambda: [], lambda: list(BODY))) == BODY


def test_lists_of_other_stories_that_end_the_text_go() -> None:
    from crawler.extraction.candidates import drop_closing_link_lists

    headlines = "\n".join(card[0] for card in CARDS)
    assert drop_closing_link_lists(BODY + [headlines], LINKS) == BODY
    own_list = "Flour\nButter\nThree eggs"  # the story's own list: not the page's link texts
    assert drop_closing_link_lists(BODY + [own_list], LINKS) == BODY + [own_list]


def test_a_menu_loses_to_a_candidate_with_far_fewer_labels_even_if_not_half() -> None:
    """A mega menu (two thirds of its text in labels) against the story with its few fact lines
    (a third in labels): clearly fewer labels, though not half as many, and no list itself."""
    entries = ["Reviews", "Previews", "New releases", "Archive", "Charts", "Tour dates", "Contests"]
    menu = ["\n".join(entries * 4), BODY[0]]
    facts = ["Release: 4 February", "Label: Harbour Records", "Genre: Pop", "Format: CD", "Tracks: 11",
             "Length: 42 minutes", "Producer: Ann Lee", "Studio: Pier Nine"]
    story = ["\n".join(facts[:4]), BODY[0], "\n".join(facts[4:]), BODY[1]]
    from crawler.extraction.candidates import short_line_share

    assert 0.5 * short_line_share(menu) <= short_line_share(story) < 0.5
    assert prefer_sentences(menu, set(), (lambda: story,)) == story


def test_headlines_of_other_stories_one_per_block_that_end_the_text_go() -> None:
    from crawler.extraction.candidates import drop_closing_link_lists

    headlines = [card[0] for card in CARDS]
    assert drop_closing_link_lists(BODY + headlines, LINKS) == BODY
    # two such lines are no list: a closing link of the story's own stays
    assert drop_closing_link_lists(BODY + headlines[:2], LINKS) == BODY + headlines[:2]
    # a story paragraph among them ends the run
    assert drop_closing_link_lists(BODY[:1] + headlines[:2] + BODY[1:], LINKS) == BODY[:1] + headlines[:2] + BODY[1:]
