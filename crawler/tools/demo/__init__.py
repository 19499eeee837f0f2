"""The offline demo: the bundled fixture pages served as a small news site on loopback."""
from __future__ import annotations

import datetime as dt
import re

from crawler.tools.demo.site import BASE_DATE, NewsSite, SiteArticle, generated_articles

__all__ = ["demo_site"]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "page"


def demo_site(crawl_delay: float | None = None) -> NewsSite:
    """The fixture corpus's article pages, one section per fixture site; generated pages if there are none."""
    from crawler.tools.fixtures import iter_fixtures  # noqa: PLC0415

    articles = []
    for index, fixture in enumerate(iter_fixtures()):
        if fixture.expected_record is None:
            continue
        title = fixture.expected_record.get("title") or fixture.name
        articles.append(
            SiteArticle(
                path=f"/{_slug(fixture.site)}/{_slug(fixture.name)}.html",
                html=fixture.html,
                section=_slug(fixture.site),
                title=title,
                published=BASE_DATE - dt.timedelta(hours=index),
            )
        )
    if not articles:
        articles = generated_articles(12)
    return NewsSite(articles=articles, name="Demo News", crawl_delay=crawl_delay, disallow=["/private/"])
