"""JSON-LD: the article object of the page (``NewsArticle``/``Article``/``BlogPosting``..., also
inside ``@graph`` or lists) and the values metadata rules read from it."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from crawler.common.jsondepth import json_too_deep
from crawler.common.schematypes import ARTICLE_TYPES, PAGE_TYPES, types_of

_CONTROL = re.compile(r"[\x00-\x1f]")


@dataclass
class JsonLd:
    """Values of the page's main article object (or of its WebPage when no article object)."""

    headline: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    date_published: list[str] = field(default_factory=list)
    date_modified: list[str] = field(default_factory=list)
    publisher: list[str] = field(default_factory=list)
    site_names: list[str] = field(default_factory=list)  # WebSite / Organization names
    keywords: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    based_on: list[str] = field(default_factory=list)
    language: list[str] = field(default_factory=list)
    has_article: bool = False


def _load(text: str):
    text = text.strip()
    if text.startswith("<!--"):
        text = text[4:].rsplit("-->", 1)[0]
    if json_too_deep(text):  # checked before parsing: json.loads and the walks below recurse per level
        return None
    try:
        return json.loads(text)
    except ValueError:
        try:
            return json.loads(_CONTROL.sub(" ", text))
        except ValueError:
            return None


def _objects(data):
    """Every dict in the data, depth-first, with @graph and lists flattened."""
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[0:0] = item
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if graph is not None:
                stack[0:0] = graph if isinstance(graph, list) else [graph]
            main = item.get("mainEntity")
            if isinstance(main, (dict, list)):
                stack.append(main)


def _types(obj: dict) -> set[str]:
    return types_of(obj.get("@type"))


def _strings(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, (int, float)):
        return [str(value)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        for key in ("name", "@value", "url", "@id"):
            if key in value:
                return _strings(value[key])
    return []


def _names(value, index: dict) -> list[str]:
    """Person names of an author value: strings, objects with name, or @id references."""
    if isinstance(value, list):
        return [n for v in value for n in _names(v, index)]
    if isinstance(value, dict):
        if "name" not in value and value.get("@id") in index:
            value = index[value["@id"]]
        name = value.get("name")
        if isinstance(name, str):
            return [name.strip()] if name.strip() else []
        if isinstance(name, list):  # (one object for several people: "name": ["Ann Lee", "Bo Roe"])
            return [n.strip() for n in name if isinstance(n, str) and n.strip()]
        given, family = value.get("givenName"), value.get("familyName")
        if isinstance(given, str) and isinstance(family, str):
            return [f"{given.strip()} {family.strip()}".strip()]
        return []
    if isinstance(value, str) and value.strip() and not value.strip().startswith(("http://", "https://")):
        return [value.strip()]
    return []


def _images(value) -> list[str]:
    if isinstance(value, list):
        return [u for v in value for u in _images(v)]
    if isinstance(value, dict):
        return _strings(value.get("url") or value.get("contentUrl") or value.get("@id"))
    return _strings(value)


def parse(scripts: list[str]) -> JsonLd:
    objects = [obj for text in scripts for obj in _objects(_load(text))]
    index = {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str)}
    found = JsonLd()
    articles = [o for o in objects if _types(o) & ARTICLE_TYPES]
    pages = [o for o in objects if _types(o) & PAGE_TYPES]
    found.has_article = bool(articles)
    for obj in objects:
        kinds = _types(obj)
        if kinds & {"website", "organization", "newsmediaorganization"}:
            found.site_names += _strings(obj.get("name"))
    for obj in articles or pages:
        found.headline += _strings(obj.get("headline")) or _strings(obj.get("name"))
        found.authors += _names(obj.get("author") or obj.get("creator"), index)
        found.date_published += _strings(obj.get("datePublished") or obj.get("dateCreated"))
        found.date_modified += _strings(obj.get("dateModified"))
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and "name" not in publisher and publisher.get("@id") in index:
            publisher = index[publisher["@id"]]
        found.publisher += _strings(publisher.get("name") if isinstance(publisher, dict) else publisher)
        keywords = obj.get("keywords")
        if isinstance(keywords, str):
            found.keywords += [k.strip() for k in keywords.split(",") if k.strip()]
        else:
            found.keywords += _strings(keywords)
        found.images += _images(obj.get("image") or obj.get("thumbnailUrl"))
        found.based_on += _strings(obj.get("isBasedOn") or obj.get("isBasedOnUrl"))
        found.language += _strings(obj.get("inLanguage"))
        if articles:
            # the first article object is the page's article; later ones are teasers
            break
    return found
