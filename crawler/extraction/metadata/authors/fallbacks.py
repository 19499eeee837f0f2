"""Authors of a page that shows no byline and has no JSON-LD author: ``<meta>`` tags (with Yoast's
"Written by" preview pair), else the post author's own reply in the comment thread."""
from __future__ import annotations

import re

from crawler.common.labels import AUTHOR_LABELS, BY_PHRASES, WRITTEN_BY_FR_ES, any_of
from crawler.extraction.metadata.authors.names import clean_name, dedupe, is_name, looks_like_person, split_names
from crawler.extraction.metadata.candidates import Candidates
from crawler.extraction.metadata.elementtext import element_text

_WRITTEN_BY_LABEL = re.compile(any_of(BY_PHRASES + WRITTEN_BY_FR_ES + AUTHOR_LABELS), re.IGNORECASE)


def meta_authors(found: Candidates) -> list[str]:
    """Names from the page's ``<meta>`` tags: Yoast's "Written by" pair first, then the author tags
    in order of trust (a URL or an @handle is no name)."""
    # Yoast's Slack preview pair: twitter:label1 "Written by" / twitter:data1 "Jane Doe"
    for i in "12":
        labels = found.meta.get(f"twitter:label{i}", [])
        if labels and _WRITTEN_BY_LABEL.search(labels[0]):
            names = [n for v in found.meta.get(f"twitter:data{i}", []) for n in split_names(v)]
            if names:
                return dedupe(names)
    for name in ("author", "article:author", "article:author_name", "dc.creator", "dcterms.creator",
                 "citation_author", "parsely-author", "sailthru.author", "shareaholic:article_author_name",
                 "cxenseparse:author", "byl", "twitter:creator"):
        values = [v for v in found.meta.get(name, []) if v and not v.startswith(("http", "@", "/"))]
        names = [n for v in values for n in split_names(v)]
        if names:
            return dedupe(names)
    return []


_LOGIN_CLASS = re.compile(r"(?:^|\s)comment-author-([\w.-]+)")
_COMMENT_NAME_CLASS = re.compile(r"(?:^|\s)(?:fn|comment-author|comment_author|author|comment-author-name)(?:\s|$)")


def post_author_reply(found: Candidates) -> list[str]:
    """A page with no byline at all: WordPress marks the post author's own replies in the comment
    thread ("comment byuser comment-author-jane bypostauthor"); the name shown on that reply (or
    the login in its class) is the post's author."""
    for comment in found.post_author_comments:
        if "bypostauthor" not in (comment.get("class") or "").split():
            continue
        shown = [e for e in comment.iter() if e is not comment and isinstance(e.tag, str)
                 and _COMMENT_NAME_CLASS.search(e.get("class") or "")]
        # the vCard name ("fn") first: the author block may add "said, on August 3"
        shown.sort(key=lambda e: "fn" not in (e.get("class") or "").split())
        text = element_text(shown[0]) if shown else ""
        name = clean_name(text) if len(text) < 60 else ""
        if is_name(name):
            return [name]
        login = _LOGIN_CLASS.search(comment.get("class") or "")
        if login and is_name(login.group(1)):
            return [login.group(1)]
    return []


_MAX_SIGNATURE_CHARS = 40


def closing_signature(text: str) -> str | None:
    """The author's name signed under the article: its last line a person's name alone ("Stefan
    Wasmer", the regional press's signature), for a page whose byline names nobody. Not a line in
    capitals (a button, a heading) nor one that ends in punctuation (a closing phrase)."""
    last = text.rstrip().rpartition("\n")[2].strip()
    if not last or len(last) > _MAX_SIGNATURE_CHARS or last.isupper() or not last[-1].isalpha():
        return None
    if not 2 <= len(last.split()) <= 4:
        return None
    return last if is_name(last) and looks_like_person(last) else None
