"""Boilerplate removal on the lxml tree, before trafilatura sees it.

Each rule removes one kind of page furniture that trafilatura keeps often enough to matter.
Rules look at markup (tag, class/id tokens, roles, forms) and at short widget headings, never at
a particular site.
"""
from __future__ import annotations

import re

from lxml.html import HtmlElement

# class/id tokens of page furniture. Matched against whole tokens (split on space, "-" and "_"
# are kept inside tokens), so "ad" matches class="ad" or "td-a-rec" by its own pattern, not "head".
_FURNITURE_TOKEN = re.compile(
    r"""^(?:
        comments?|comment-respond|comments-area|comment-form|comment-list|commentlist|respond|disqus_thread
      | breadcrumbs?|td-crumb-container|crumbs
      | (?:wp-)?caption(?:-text)?|figcaption|photo-credit|image-credit|credits?
      | sharing|sharedaddy|share-?bar|social-share|social-?links|share-buttons|addtoany|a2a_kit
      | related(?:-posts|-articles|-stories|-content)?|jp-relatedposts|yarpp-related|crp_related|more-stories
      | newsletter(?:-signup|-box|-form)?|subscribe(?:-box|-form)?|mc4wp-form
      | author-?bio|about-author|author-box|td-author-box|post-author-box|author-info|byline-bio
      | cookie(?:-notice|-banner|-consent|law)?|gdpr|consent-banner|cc-window
      | ads?|advert(?:isement)?s?|ad-?slot|ad-container|ad-wrapper|adsbygoogle|td-a-rec|td-a-ad|dfp-ad|gpt-ad
      | sponsored(?:-content)?|outbrain|ob-widget|taboola|trc_related_container|promo
      | td-header-top-menu|top-?bar|td-top-bar|header-date|td_data_time|topbar-date
      | td-footer-wrapper|site-footer|footer
      | most-popular|popular-posts|trending|recent-posts|recent-comments|wpp-list
      | navigation|nav-links|post-navigation|pagination|skip-link|screen-reader-text
      | visually-hidden|sr-only
    )$""",
    re.X | re.I,
)
_FURNITURE_TAGS = {"nav", "footer", "aside", "figcaption", "iframe", "button", "select"}
_MAX_FORM_CHARS = 1500
_PROTECTED_SHARE = 0.3
_FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert"}

# Headings of widgets that list other articles or comments; removing the widget they title.
WIDGET_HEADING = re.compile(
    r"""^\W*(?:most\s+(?:popular|read|viewed|shared|commented)|trending(?:\s+now|\s+stories)?|popular\s+(?:posts|stories|now)
      |recent\s+(?:comments|posts|articles)|latest\s+(?:news|posts|articles|stories)|related\s+(?:posts|articles|stories|news|content|coverage)
      |you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy)|more\s+(?:from|stories|news)\b.*|read\s+(?:more|next|also)|also\s+read
      |recommended(?:\s+for\s+you)?|don't\s+miss|leave\s+a\s+(?:reply|comment)|\d*\s*comments?|share\s+this(?:\s+\w+)?
      |sign\s+up\s+for.*newsletter.*|subscribe\s+to.*|follow\s+us.*|tags?|topics?|advertisement|advertisment|sponsored
      |meistgelesen|meistgelesene\s+artikel|das\s+k.nnte\s+sie\s+auch\s+interessieren|weitere\s+artikel|verwandte\s+artikel|kommentare
    )\W*$""",
    re.X | re.I,
)
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _tokens(elem: HtmlElement) -> list[str]:
    value = f"{elem.get('class', '')} {elem.get('id', '')}"
    return value.split() if value.strip() else []


def _is_furniture(elem: HtmlElement) -> bool:
    tag = elem.tag
    if tag in _FURNITURE_TAGS:
        return True
    if tag == "form":  # comment, search and sign-up forms; some sites wrap the whole page in one
        return len(elem.text_content()) < _MAX_FORM_CHARS
    if elem.get("role", "").lower() in _FURNITURE_ROLES:
        return True
    if elem.get("aria-hidden") == "true" or elem.get("hidden") is not None:
        return True
    return any(_FURNITURE_TOKEN.match(token) for token in _tokens(elem))


def _drop(elem: HtmlElement) -> None:
    """Remove an element but keep its tail text in the document."""
    parent = elem.getparent()
    if parent is None:
        return
    elem.drop_tree()


def _widget_container(heading: HtmlElement) -> HtmlElement:
    """The smallest ancestor that holds the widget a heading titles: a block whose text is mostly links."""
    node = heading
    for _ in range(3):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "article", "main"):
            break
        node = parent
        if _link_density(node) > 0.5:
            return node
    return heading


def _link_density(elem: HtmlElement) -> float:
    text_len = len("".join(elem.itertext()).strip())
    if not text_len:
        return 0.0
    link_len = sum(len("".join(a.itertext()).strip()) for a in elem.iter("a"))
    return link_len / text_len


def clean_boilerplate(tree: HtmlElement, held: dict[HtmlElement, int], total: int) -> int:
    """Remove page furniture in place; returns the number of removed elements.

    ``held``/``total`` is the paragraph-text map of the page (``structure.paragraph_text_map``).
    Broken markup (an unclosed <header> or <nav>, a furniture class on the article wrapper) can make
    a furniture element contain the article itself: elements holding a large share of the page's
    paragraph text are never removed.
    """
    limit = total * _PROTECTED_SHARE
    protected = {elem for elem, size in held.items() if size > limit}
    doomed: list[HtmlElement] = []
    for elem in tree.iter():
        if not isinstance(elem.tag, str) or elem in protected:
            continue
        if elem.tag in ("html", "body", "head", "main", "article"):
            continue
        if _is_furniture(elem):
            doomed.append(elem)
        elif elem.tag in _HEADING_TAGS or elem.tag in ("strong", "span", "div", "p"):
            text = elem.text_content().strip() if len(elem) < 4 else ""
            if text and len(text) < 60 and WIDGET_HEADING.match(text):
                doomed.append(_widget_container(elem))
    removed = 0
    for elem in doomed:
        if elem.getparent() is not None and elem not in protected:
            _drop(elem)
            removed += 1
    return removed
