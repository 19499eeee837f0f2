"""Boilerplate removal on the lxml tree, before trafilatura sees it.

Each rule removes one kind of page furniture that trafilatura keeps often enough to matter.
Rules look at markup (tag, class/id tokens, roles, forms) and at short widget headings, never at
a particular site.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin

from courlan import is_external
from lxml.etree import iterwalk
from lxml.html import HtmlElement

from crawler.common.caseblind import CaseBlind
from crawler.common.tree import INLINE_TAGS
from crawler.extraction.controls import holds_page, is_control, signup_box, text_length
from crawler.extraction.factboxes import keep_story_boxes
from crawler.extraction.furniturenames import TOKEN, WORD, is_subheading_label, named_furniture, naming
from crawler.extraction.galleries import hold_the_paragraphs, is_caption, tell_the_story, unwrap_figure
from crawler.extraction.storylinks import caps_story_links, hover_cards

_FURNITURE_TAGS = {"nav", "footer", "aside", "figcaption", "iframe", "button", "select"}
_MIN_LINK_ITEMS = 3
_MAX_FORM_CHARS = 1500
_PROTECTED_SHARE = 0.3
_FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "alert"}  # dialogs: controls

# the title of a comment section: "Comments", "3 Comments", "Kommentare (2)"
_COMMENTS_TITLE = r"\d*\s*(?:comments?|kommentare|commentaires|comentarios|komentarze?)(?:\s*\(\d+\))?"

# Headings of widgets that list other articles or comments; removing the widget they title.
WIDGET_HEADING = CaseBlind(
    r"""^\W*(?:most\s+(?:popular|read|viewed|shared|commented)(?:\s+(?:in|on)(?:\s+[\w-]+){1,2})?|trending(?:\s+now|\s+stories)?|popular\s+(?:posts|stories|now)
      |recent\s+(?:comments|posts|articles)|latest\s+(?:news|posts|articles|stories)|related\s+(?:posts|articles|stories|news|content|coverage)
      |you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)|more\s+(?:from|stories|news)\b.*|read\s+(?:more|next|also)|also\s+read
      |more\s+(?:[\w-]+\s+){1,3}(?:stories|news|articles|posts|reads)
      |(?:discover|explore|entdecke|entdecken\s+sie)\s+(?:more|weitere|mehr)\b.*
      |recommended(?:\s+for\s+you)?|don't\s+miss|join\s+the\s+(?:conversation|discussion|debate)|(?:today's\s+)?best\s+deals(?:\s+today)?|preisvergleich|leave\s+a\s+(?:reply|comment)|share\s+this(?:\s+\w+)?
      |""" + _COMMENTS_TITLE + r"""
      |sign\s+up\s+for.*newsletter.*|subscribe\s+to.*|follow\s+us.*|tags?|topics?|advertisement|advertisment|sponsored
      |(?:download\s+(?:the\s+|our\s+)?|today's\s+)?e-?paper|(?:community|events?)\s+calendar|calendar\s+of\s+events|upcoming\s+events
      |veranstaltungskalender|press\s+(?:images|photos|pictures)|pressebilder|pressefotos|downloads?
      |meistgelesen|meistgelesene\s+artikel|das\s+k.nnte\s+sie\s+auch\s+interessieren|weitere\s+artikel|verwandte\s+artikel
      |les\s+plus\s+lus|dans\s+la\s+m[êe]me\s+rubrique|plus\s+de\s+cette\s+(?:chronique|rubrique|s[ée]rie)|mehr\s+aus\s+dieser\s+(?:kolumne|serie|rubrik)|m[áa]s\s+de\s+esta\s+(?:columna|serie|secci[óo]n)|lo\s+m[áa]s\s+le[íi]do|potrebbe\s+interessarti(?:\s+anche)?|i\s+pi[uù]\s+letti
      |leia\s+tamb[ée]m|veja\s+tamb[ée]m|mais\s+lidas|zobacz\s+(?:te[żz]|tak[żz]e)|najcz[ęe][śs]ciej\s+czytane
      |читайте\s+также|похожие\s+(?:новости|статьи)|самое\s+(?:читаемое|популярное)|ilginizi\s+[çc]ekebilir|benzer\s+haberler
      |[çc]ok\s+okunanlar|相关(?:新闻|阅读|文章)|热门(?:文章|新闻)|関連記事|人気記事|اقرأ\s+أيضا|أخبار\s+ذات\s+صلة
    )\W*$""",
    re.X,
)
_COMMENTS_HEADING = re.compile(rf"^\W*{_COMMENTS_TITLE}\W*$", re.IGNORECASE)
_NEVER_REMOVED = {"html", "body", "head", "main", "article"}
_MAX_WIDGET_CHARS = 3000
_MAX_LABEL_CHARS = 180  # a widget title of at most 60 visible characters, with indentation
_LABEL_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "span", "p", "div"}


def _is_furniture(elem: HtmlElement, tag: str, class_value: str | None, id_value: str | None, role: str | None) -> bool:
    if tag in _FURNITURE_TAGS:
        return True
    if tag == "form":  # comment, search and sign-up forms; some sites wrap the whole page in one
        return len(elem.text_content()) < _MAX_FORM_CHARS
    if role is not None and role.lower() in _FURNITURE_ROLES:
        return not (role.lower() == "alert" and _in_story_flow(elem))
    if tag == "caption":
        return False  # a table's title, whatever its names say ("content-table__caption" is no photo's)
    named = naming(class_value, id_value)
    if named == TOKEN and tag in _INLINE_TAGS and is_subheading_label(elem, class_value, id_value):
        return False
    # (a link or a span whose name holds one of the words inside a sentence is the sentence's words:
    # "the <a class='promo-link'>wooden sorting game</a> trains fine motor skills")
    return named == TOKEN or (named == WORD and not (tag in _INLINE_TAGS and _in_running_text(elem)))


_FLOW_BLOCKS = {"p", "ul", "ol", "h2", "h3", "h4", "pre", "blockquote"}


def _in_story_flow(elem: HtmlElement) -> bool:
    """A box between the story's blocks that holds a sentence: a warning or a note the writer set
    there ("<div class='callout' role='alert'>Warning: ...</div>", as CSS frameworks mark callouts),
    not a site's banner or a form's error message."""
    beside = (elem.getprevious(), elem.getnext())
    return any(sibling is not None and sibling.tag in _FLOW_BLOCKS for sibling in beside) and any(
        len(p.text_content()) >= _SENTENCE_MIN_CHARS for p in elem.iter("p"))


_SENTENCE_MIN_CHARS = 40


def _outward_links(elem: HtmlElement) -> list[HtmlElement]:
    """The element's links that lead off the page (an anchor "#..." of the same page is none)."""
    return [a for a in elem.iter("a") if not (a.get("href") or "").startswith("#")]


def _is_link_list(elem: HtmlElement) -> bool:
    """A list whose every item is a link to another page: related stories, menus, tag clouds.

    Tables of contents (links to anchors of the same page) are kept.
    """
    items = [child for child in elem if child.tag == "li"]
    if len(items) < _MIN_LINK_ITEMS:
        return False
    for item in items:
        text = len(item.text_content().strip())
        links = _outward_links(item)
        if not text or not links or sum(len(a.text_content().strip()) for a in links) < text * 0.9:
            return False
    return True


def _announced_sources(elem: HtmlElement, page_url: str | None) -> bool:
    """A link list the text announces ("Our picks:", "Sources:") whose every link leads to another
    site: the products or sources an article names, part of its text. A widget of other stories
    links to the page's own site, and its title names it ("Read more", ``WIDGET_HEADING``)."""
    if page_url is None:
        return False
    previous = elem.getprevious()
    if previous is None:
        return False
    text = previous.tail if previous.tail and previous.tail.strip() else previous.text_content()
    text = " ".join(text.split())
    if not text.endswith(":") or WIDGET_HEADING.matches(text):
        return False
    return all(is_external(urljoin(page_url, a.get("href") or ""), page_url) for a in elem.iter("a"))


_MIN_CLOUD_LINKS = 10
_MAX_LABEL_WORDS = 4
_CLOUD_TAGS = {"div", "p", "section", "span"}


def _holds_links(elem: HtmlElement) -> bool:
    """Cheap first check: enough links among the element's children (a cloud's links stand side by side)."""
    return sum(1 for _ in elem.iterchildren("a")) >= _MIN_CLOUD_LINKS


def _is_link_cloud(elem: HtmlElement) -> bool:
    """A block of nothing but short links side by side: a tag cloud, a row of menu entries.

    Sentences of an article are never only links; a list of sources is a list (see ``_is_link_list``)."""
    links = _outward_links(elem)
    if len(links) < _MIN_CLOUD_LINKS:
        return False
    labels = [a.text_content().strip() for a in links]
    if sum(len(label.split()) for label in labels) > _MAX_LABEL_WORDS * len(labels) * 0.75:
        return False
    text = len("".join(elem.text_content().split()))
    return text > 0 and len("".join("".join(labels).split())) >= text * 0.9


def _widget_container(heading: HtmlElement) -> HtmlElement:
    """The smallest ancestor that holds the widget a heading titles: a block whose text is mostly links,
    or a small box of the heading, a line about it and a link (a "Discover more" teaser)."""
    node = heading
    for _ in range(3):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "article", "main"):
            break
        node = parent
        if _link_density(node) > 0.5:
            return node
    parent = heading.getparent()
    if parent is not None and parent.tag not in _NEVER_REMOVED and (_is_promo_box(parent) or parent[0] is heading and (
            _COMMENTS_HEADING.match(heading.text_content()) or not _holds_prose(parent))):
        return parent  # (a box that a "Comments (2)" heading opens holds the comments; one without prose, the widget)
    return heading


def _holds_prose(box: HtmlElement) -> bool:
    """Whether a box holds ``_PROSE_MIN_CHARS`` of paragraph text (a box's one note is no prose)."""
    return sum(len(p.text_content()) for p in box.iter("p")) >= _PROSE_MIN_CHARS


_PROSE_MIN_CHARS = 200


_PROMO_BOX_CHARS = 300
_PROMO_BOX_CHILDREN = 4


def _is_promo_box(box: HtmlElement) -> bool:
    """A few short children around a link, no more text than a teaser line."""
    return (len(box) <= _PROMO_BOX_CHILDREN and next(box.iter("a"), None) is not None
            and len(" ".join(box.text_content().split())) <= _PROMO_BOX_CHARS)


def _link_density(elem: HtmlElement) -> float:
    text_len = len(elem.text_content().strip())
    if not text_len or text_len > _MAX_WIDGET_CHARS:
        return 0.0
    link_len = sum(len(a.text_content().strip()) for a in elem.iter("a"))
    return link_len / text_len


_INLINE_TAGS = INLINE_TAGS | {"a"}
_SENTENCE_WORDS = 3
"""Words beside a label (outside links) that make it part of a sentence."""


def _words_beside(node: HtmlElement | None) -> int:
    """Words of an inline neighbour that holds no link (a button's count or a share link is no sentence)."""
    if node is None or node.tag not in _INLINE_TAGS or node.tag == "a" or next(node.iter("a"), None) is not None:
        return 0
    return len(node.text_content().split())


def _in_running_text(label: HtmlElement) -> bool:
    """Whether a label is words of a sentence ("<a><b>Follow us</b></a> to stay up to date"): an inline
    element with words beside it, before or after, within its block. A widget's title stands alone."""
    node = label
    while node.tag in _INLINE_TAGS:
        parent = node.getparent()
        if parent is None:
            return False
        previous, following = node.getprevious(), node.getnext()
        before = (previous.tail if previous is not None else parent.text) or ""
        words = max(len(before.split()), len((node.tail or "").split()), _words_beside(previous), _words_beside(following))
        if words >= _SENTENCE_WORDS:
            return True
        node = parent
    return False


def _find_furniture(
    roots: list[HtmlElement], protected: set[HtmlElement], page_url: str | None = None, page: HtmlElement | None = None
) -> list[HtmlElement]:
    """The outermost furniture elements in ``roots`` and their descendants (``page_url``: the page's
    address, for links to other sites; ``page``: the whole page, whose text a control must not hold
    most of; without it, the first root)."""
    page_length = text_length(roots[0] if page is None and roots else page)
    doomed: list[HtmlElement] = []
    titled: set[HtmlElement] = set()  # lists removed with the widget title over them
    for root in roots:
        walk = iterwalk(root, events=("start",))
        for _event, elem in walk:  # depth first, without descending into what is already doomed
            tag = elem.tag
            if titled and elem in titled:
                walk.skip_subtree()
                continue
            if not isinstance(tag, str) or tag in _NEVER_REMOVED:
                continue  # (comments and processing instructions have no string tag)
            if tag in ("pre", "code"):
                walk.skip_subtree()  # a code block's highlighting spans ("token comment") are code
                continue
            class_value, id_value, role = elem.get("class"), elem.get("id"), elem.get("role")
            if is_control(elem, class_value, id_value, role) and not holds_page(elem, page_length):
                doomed.append(elem)  # (a dialog's paragraphs can be all the paragraph text there is)
                walk.skip_subtree()
                continue
            if elem in protected:
                continue
            if (
                _is_furniture(elem, tag, class_value, id_value, role)
                or (tag in ("ul", "ol") and _is_link_list(elem) and not _announced_sources(elem, page_url))
                or (tag in _CLOUD_TAGS and len(elem) >= _MIN_CLOUD_LINKS and _holds_links(elem) and _is_link_cloud(elem))
            ):
                doomed.append(signup_box(elem, protected) if tag == "form" else elem)
                walk.skip_subtree()
                continue
            if tag in _LABEL_TAGS and len(elem) < 3 and len(elem.text or "") <= _MAX_LABEL_CHARS:
                # (the own-text check above spares reading long paragraphs; a leaf's text is its own)
                text = elem.text_content() if len(elem) else elem.text
                if (
                    text
                    and len(text) <= _MAX_LABEL_CHARS
                    and WIDGET_HEADING.matches(" ".join(text.split()))
                    and not _in_running_text(elem)
                ):
                    container = _widget_container(elem)
                    # (a titled box of a few lines is never the article, however little paragraph text the
                    # page has; a heading alone over a paragraph of prose titles a section of the story)
                    if (container not in protected or _is_promo_box(container)) and not (
                            container is elem and _SECTION_LIKE.match(text) and _titles_prose(elem)):
                        doomed.append(container)
                        walk.skip_subtree()
                        if container is elem:
                            listed = _story_list_after(elem)
                            if listed is not None and listed not in protected:
                                doomed.append(listed)
                                titled.add(listed)
    return doomed


def _titles_prose(heading: HtmlElement) -> bool:
    """The heading's next sibling is a paragraph of prose, not of links."""
    following = heading.getnext()
    return following is not None and following.tag == "p" and _link_density(following) < 0.5 \
        and len(following.text_content()) >= _MIN_PROSE_CHARS


_MIN_PROSE_CHARS = 20
# the widget titles that also title a story's sections ("Explore more of the estuary", "Recommended")
_SECTION_LIKE = re.compile(r"^\W*(?:recommended|(?:discover|explore|entdecke|entdecken\s+sie)\s)", re.IGNORECASE)


def _story_list_after(heading: HtmlElement) -> HtmlElement | None:
    """The list a widget title stands over, when every item links to another page ("More Great
    Stories" and its headlines, each partly linked): the title and its list go together."""
    listed = heading.getnext()
    if listed is None or listed.tag not in ("ul", "ol"):
        return None
    items = [child for child in listed if child.tag == "li"]
    if len(items) < _MIN_LINK_ITEMS or len(items) != len(listed):
        return None
    return listed if all(_outward_links(item) for item in items) else None


def clean_boilerplate(
    tree: HtmlElement, held: dict[HtmlElement, int], total: int, page_url: str | None = None
) -> int:
    """Remove page furniture in place; returns the number of removed elements.

    ``held``/``total`` is the paragraph-text map of the page (``structure.paragraph_text_map``).
    Broken markup (an unclosed <header> or <nav>, a furniture class on the article wrapper) can make
    a furniture element contain the article itself: elements holding a large share of the page's
    paragraph text are never removed.
    """
    limit = total * _PROTECTED_SHARE
    protected = {elem for elem, size in held.items() if size > limit}
    keep_story_boxes(tree, protected, named_furniture)  # (before the walk, which drops every <aside>)
    in_text = [elem for elem in caps_story_links(tree) + hover_cards(tree) if elem not in protected]
    doomed = _find_furniture([tree], protected, page_url) + in_text  # (the walk leaves protected elements be)
    captions = [elem for elem in doomed if is_caption(elem)]
    if tell_the_story(captions, held, total):
        # A slideshow: the captions tell the story. They stay, as plain blocks (trafilatura drops
        # figures), and only the furniture inside them (photo credits, share links) goes.
        kept = set(captions)
        doomed = [elem for elem in doomed if elem not in kept]
        slideshow = hold_the_paragraphs(captions, held, total)
        for caption in captions:
            doomed.extend(_find_furniture(list(caption), protected, page=tree))
            unwrap_figure(caption, slideshow)  # (after the walk, which reads the names it takes off)
    removed = 0
    for elem in doomed:
        if elem.getparent() is not None:
            elem.drop_tree()  # keeps the element's tail text in the document
            removed += 1
    return removed
