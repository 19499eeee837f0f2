"""What a class or id names: its words, and the parts of the names that CSS conventions and component
frameworks generate (BEM blocks and elements, CSS modules, styled-components)."""
from __future__ import annotations

import re
from functools import lru_cache

# a component's generated class: CSS modules' "Component_local__hash", styled-components'
# "Block__Element-sc-hash-0" and "Block-sc-hash-0"
_COMPONENT = re.compile(r"^([A-Z][A-Za-z0-9]+)(?:_([a-z][A-Za-z0-9]+)__[\w-]{3,}|(?:__([A-Z][A-Za-z0-9]+))?-sc-[a-z0-9]+-\d+)$")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_PASCAL = re.compile(r"^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+(?:-|$)")
_WRAPPER_ENDINGS = tuple(f"-{word}" for word in "box section wrap wrapper container area block widget module holder panel".split())
"""A wrapper's generic last word: what the name before it wraps ("comments-box", "related-posts-wrap")."""
_DRUPAL_FIELDS = ("field--name-", "field-name-")
"""Drupal's class for a field, before the field's machine name ("field--name-field-caption" in Drupal 8
and later, "field-name-field-tags" in Drupal 7)."""


def _inner_names(names: list[str]) -> list[str]:
    """The names hyphenated names hold: after a theme's short prefix ("me-comments", "td-related"),
    before a wrapper's generic last word ("fb-comments-box"), a Drupal field's machine name."""
    inner = []
    for name in names:
        first, dash, rest = name.partition("-")
        if not dash:
            continue
        prefixed = rest and len(first) <= 3 and first.isascii() and first.isalpha()
        if prefixed:
            inner.append(rest)
        if name.endswith(_WRAPPER_ENDINGS):
            head = name.rpartition("-")[0]
            inner.append(head)
            if prefixed and "-" in head:
                inner.append(head.partition("-")[2])
        elif name.startswith(_DRUPAL_FIELDS):
            field = name.partition("name-")[2]
            inner.append(field[6:] if field.startswith("field-") else field)
    return inner


@lru_cache(maxsize=4096)
def names_any(class_value: str | None, id_value: str | None, tokens: frozenset[str]) -> bool:
    """Whether a class/id pair names one of ``tokens``, whole or as a part of a BEM, CSS-module or
    styled-components name (cached: templates repeat the same classes)."""
    raw = f"{class_value or ''} {id_value or ''}"
    joined = raw.lower()
    names = joined.split()
    if not tokens.isdisjoint(names):
        return True
    if "-" in joined and not tokens.isdisjoint(_inner_names(names)):
        return True
    pascal = [name for name in raw.split() if _PASCAL.match(name)] if joined != raw else []
    if "_" not in joined and "-sc-" not in joined and not pascal:
        return False  # the parts below would be the names already tested
    # BEM ("story__cutline", "block--comments") and CSS-module ("Newsletter_box__y6Hj2") names; the
    # React components' own names ("NewsletterSignup_root__Vc3Kd", "Headline__Kicker-sc-1u8bd7x-1")
    parts = {part.replace("_", "-") for name in names for part in name.split("__")}
    parts.update(_CAMEL.sub("-", word).lower() for name in raw.split() if (match := _COMPONENT.match(name))
                 for word in match.groups() if word)
    # a component library's PascalCase blocks ("DonateModule-title", "RelatedContentList"): their words
    parts.update(word.lower() for name in pascal for word in _CAMEL.split(name.split("-", 1)[0]))
    parts.discard("comment")  # "item__comment" is an editor's note more often than a comment section
    return not tokens.isdisjoint(parts)


_TAXONOMY_PREFIXES = ("category-", "tag-", "tags-")
_NAME_WORD_SEPARATORS = re.compile(r"[-_]+")


def names_word(value: str, words: frozenset[str]) -> bool:
    """Whether one of ``words`` is a word of a hyphenated or underscored name in a class or id value
    ("fc-donate-inline", "article_donation_box"). A taxonomy's name ("category-donations", WordPress's
    class for the post's category) says what the story is about, not what the element is."""
    for name in value.lower().split():
        if not name.startswith(_TAXONOMY_PREFIXES) and not words.isdisjoint(_NAME_WORD_SEPARATORS.split(name)):
            return True
    return False
