"""The decision: the authors of a page from its visible byline, its JSON-LD ``author`` and, failing
both, its ``<meta>`` tags or the post author's reply. When the visible byline and JSON-LD disagree,
the visible byline wins, unless it shows the same people in another form (extra words, another
grammatical case); the site's own name beside a person's is an affiliation, not an author."""
from __future__ import annotations

import re
from os.path import commonprefix

from crawler.extraction.metadata.authors.byline import organization_authors, visible_byline
from crawler.extraction.metadata.authors.fallbacks import meta_authors, post_author_reply
from crawler.extraction.metadata.authors.names import dedupe, looks_like_person, names_desk, split_names
from crawler.extraction.metadata.candidates import Candidates
from crawler.extraction.metadata.elementtext import squash
from crawler.extraction.metadata.sitenames import SiteNames, key


def _is_site(name: str, sites: SiteNames) -> bool:
    k = key(name)
    return k in sites.keys or k in (sites.core, sites.host_key) or (len(name.split()) < 2 and sites.matches(name))


def _without_site(name: str, sites: SiteNames) -> str:
    """"Adam Aaronson PhillyVoice", "DANA MERCER The Prairie Sentinel": the site's name after a
    person's name (of two words or more) is an affiliation."""
    words = name.split()
    for size in range(min(_SITE_NAME_WORDS, len(words) - 2), 0, -1):
        tail, person = key(" ".join(words[-size:])), " ".join(words[:-size])
        # (a desk's or an office's name with the site's is one name: "Redacción Diario X", "Pressestelle der Stadt X")
        if tail and (tail in sites.keys or tail == sites.core) and not names_desk(name) and looks_like_person(person):
            return person
    return name


_SITE_NAME_WORDS = 4


def _people_first(names: list[str], both: set[str], sites: SiteNames) -> list[str]:
    """Names without the site's name when people are named too, else the names as they are."""
    people = [n for n in names if key(n) in both or not _is_site(n, sites)]
    return people or names


_LOWER_WORD = re.compile(r"(?-i:[a-z\u00df-\u00ff][a-z\u00df-\u00ff-]+)")


def _structured_names(value: str) -> list[str]:
    """Names from a JSON-LD author: a structured name carries no account handle after it, so a
    lower-case last word is a surname ("Mobasir hassan")."""
    names = split_names(value)
    whole = squash(value)
    if len(names) == 1 and whole.startswith(names[0] + " ") and _LOWER_WORD.fullmatch(whole[len(names[0]) + 1:]):
        return [whole]
    return names


def _first_names_of(ld: list[str], visible: list[str]) -> bool:
    """Whether each JSON-LD name is one word, the first of a full name (two words or more, a
    person's) that the byline shows."""
    firsts = {key(n.split()[0]) for n in visible if len(n.split()) >= 2 and looks_like_person(n)}
    return all(len(n.split()) == 1 and key(n) in firsts for n in ld)


_MAX_LD_AUTHORS = 50
_MAX_NAME_CHARS = 300


def _cleaner_forms(declared: list[str], visible: list[str]) -> bool:
    """Whether the declared names are the visible byline's people without the words around them:
    each is in the byline's text, they are not just some of its people, and they read as people."""
    declared_keys, visible_keys = {key(n) for n in declared}, {key(n) for n in visible}
    if declared_keys == visible_keys or declared_keys < visible_keys:
        return False
    shown = "".join(visible_keys)
    return all(k and k in shown for k in declared_keys) and all(looks_like_person(n) for n in declared)


_MAX_ENDING = 3
"""How many letters a case ending adds or changes at a word's end: "Kowalski"/"Kowalskiego",
"Γιώργος"/"Γιώργου", "Иван"/"Ивана"."""


def _inflected(declared: str, shown: str) -> bool:
    """Whether two names are one name in two grammatical cases: as many words, each pair the same
    up to an ending (a byline's genitive "Του Γιώργου Παπαδόπουλου", the markup's nominative
    "Γιώργος Παπαδόπουλος")."""
    declared_words, shown_words = declared.casefold().split(), shown.casefold().split()
    if len(declared_words) < 2 or len(declared_words) != len(shown_words):
        return False
    for a, b in zip(declared_words, shown_words):
        common = len(commonprefix([a, b]))
        if common < min(3, len(a), len(b)) or max(len(a), len(b)) - common > _MAX_ENDING:
            return False
    return key(declared) != key(shown)


def _inflected_forms(declared: list[str], visible: list[str]) -> bool:
    """Whether the byline shows the declared people, each in another case: the declared names are
    the forms a name is cited in."""
    return len(declared) == len(visible) and all(any(_inflected(d, v) for d in declared) for v in visible)


def choose_authors(found: Candidates, ld_authors: list[str], sites: SiteNames) -> tuple[list[str], str]:
    """The page's authors and where they came from ("byline", "json-ld", "byline+json-ld",
    "json-ld+byline", "meta", "organization", "post-author-comment"; "" when none)."""
    # (a value longer than a byline is no name: "Ann Lee, " a hundred thousand times)
    ld = dedupe([n for a in ld_authors[:_MAX_LD_AUTHORS] if len(a) <= _MAX_NAME_CHARS for n in _structured_names(a)])
    ld_keys = {key(n) for n in ld}
    visible = visible_byline(found, lambda n: key(n) not in ld_keys and _is_site(n, sites))
    # the site's name beside a person's is an affiliation ("Rob Picheta, CNN"); alone, it is the
    # byline a reader sees (a blog account, an organisation's press release), unless both
    # sources name it
    both = {key(n) for n in visible} & {key(n) for n in ld}
    visible = _people_first(visible, both, sites)
    visible = [_without_site(n, sites) for n in visible]
    ld = _people_first(ld, both, sites)
    if visible and ld:
        if {key(n) for n in visible} == {key(n) for n in ld}:
            return visible, "byline+json-ld"
        # JSON-LD lists only the first of the people the byline shows
        if {key(n) for n in ld} < {key(n) for n in visible} and all(looks_like_person(n) for n in visible):
            return visible, "byline"
        # the byline shows only the first of JSON-LD's people ("<span>By</span> <a>A</a> and <a>B</a>")
        if {key(n) for n in visible} < {key(n) for n in ld} and all(looks_like_person(n) for n in ld):
            return ld, "json-ld+byline"
        # JSON-LD gives only first names ("Todd"), the byline the people's full names
        if _first_names_of(ld, visible):
            return visible, "byline"
        # the visible byline shows JSON-LD's people with extra words around them: JSON-LD's
        # forms are the clean ones
        shown = "".join(key(n) for n in visible)
        if all(key(n) in shown for n in ld) or _inflected_forms(ld, visible):
            return ld, "json-ld+byline"
        # a clean byline naming other people wins (republished or re-attributed stories);
        # a byline that does not read as people's names does not
        if all(looks_like_person(n) for n in visible):
            return visible, "byline"
        return ld, "json-ld"
    names = meta_authors(found)
    if visible:
        # the byline shows the <meta> author's people with a job title beside them ("Jane Doe
        # Environment correspondent"): <meta>'s forms are the clean ones
        cleaner = names and (_cleaner_forms(names, visible) or _inflected_forms(names, visible))
        return (names, "meta+byline") if cleaner else (visible, "byline")
    if ld:
        return ld, "json-ld"
    if names:
        return names, "meta"
    names = organization_authors(found)
    if names:
        return names, "organization"
    names = post_author_reply(found)
    return (names, "post-author-comment") if names else ([], "")
