"""Build a small news site from article pages: home, sections, RSS and Atom feeds, a sitemap index
with a gzipped Google News sitemap, and robots.txt. Used by ``crawler demo``, the tests and the benchmark.
"""
from __future__ import annotations

import datetime as dt
import gzip
import html
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.utils import format_datetime
from xml.sax.saxutils import escape

from crawler.tools.demo.server import Page, Site

BASE_DATE = dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.timezone.utc)


@dataclass
class SiteArticle:
    path: str
    """Path on the site, e.g. ``/world/rain-returns.html``."""
    html: bytes
    section: str
    title: str
    published: dt.datetime = BASE_DATE
    in_feed: bool = True
    in_sitemap: bool = True
    in_section: bool = True


@dataclass
class NewsSite:
    """A site's articles plus the extras a test adds (tag pages, redirects, errors...)."""

    articles: list[SiteArticle]
    name: str = "Demo News"
    crawl_delay: float | None = None
    disallow: list[str] = field(default_factory=list)
    extra_routes: dict[str, object] = field(default_factory=dict)
    extra_home_links: list[str] = field(default_factory=list)

    def install(self, site: Site) -> None:
        """Add every route to a started ``Site`` (feeds and sitemaps need its base URL)."""
        base = site.base
        sections: dict[str, list[SiteArticle]] = {}
        for article in self.articles:
            sections.setdefault(article.section, []).append(article)
        routes: dict[str, object] = {}
        routes["/"] = Page(self._home(sections))
        for section, members in sections.items():
            routes[f"/{section}/"] = Page(self._section(section, [a for a in members if a.in_section]))
        for article in self.articles:
            routes[article.path] = Page(article.html, headers={"Last-Modified": format_datetime(article.published, usegmt=True)})
        feed_articles = [a for a in self.articles if a.in_feed]
        half = len(feed_articles) // 2
        routes["/feeds/rss.xml"] = Page(rss(self.name, base, feed_articles[:half]), content_type="application/rss+xml")
        routes["/feeds/atom.xml"] = Page(atom(self.name, base, feed_articles[half:]), content_type="application/atom+xml")
        in_sitemap = [a for a in self.articles if a.in_sitemap]
        routes["/sitemap_index.xml"] = Page(
            sitemap_index(base, ["/sitemaps/news.xml.gz"]), content_type="application/xml"
        )
        routes["/sitemaps/news.xml.gz"] = Page(
            gzip.compress(news_sitemap(self.name, base, in_sitemap), mtime=0), content_type="application/x-gzip"
        )
        routes["/robots.txt"] = Page(self._robots(base).encode(), content_type="text/plain")
        routes.update(self.extra_routes)  # type: ignore[arg-type]
        site.routes.update(routes)  # type: ignore[arg-type]

    def _robots(self, base: str) -> str:
        lines = ["User-agent: *"]
        lines += [f"Disallow: {path}" for path in self.disallow]
        if self.crawl_delay is not None:
            lines.append(f"Crawl-delay: {self.crawl_delay:g}")
        lines.append(f"Sitemap: {base}/sitemap_index.xml")
        return "\n".join(lines) + "\n"

    def _home(self, sections: dict[str, list[SiteArticle]]) -> bytes:
        links = [f'<li><a href="/{s}/">{html.escape(s.title())}</a></li>' for s in sections]
        links += [f'<li><a href="{href}">{html.escape(href)}</a></li>' for href in self.extra_home_links]
        latest = [
            f'<li><a href="{a.path}">{html.escape(a.title)}</a></li>' for a in self.articles[:10] if a.in_section
        ]
        return listing_page(self.name, "Front page", links + latest)

    def _section(self, section: str, members: list[SiteArticle]) -> bytes:
        items = [f'<li><a href="{a.path}">{html.escape(a.title)}</a></li>' for a in members]
        return listing_page(self.name, section.title(), items)


def listing_page(site_name: str, heading: str, items: Iterable[str]) -> bytes:
    body = "\n".join(items)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(heading)} | '
        f'{html.escape(site_name)}</title><meta property="og:type" content="website"></head><body>'
        f"<h1>{html.escape(heading)}</h1><ul>\n{body}\n</ul></body></html>"
    ).encode("utf-8")


def rss(title: str, base: str, articles: list[SiteArticle]) -> bytes:
    items = "".join(
        f"<item><title>{escape(a.title)}</title><link>{base}{a.path}</link>"
        f"<pubDate>{format_datetime(a.published, usegmt=True)}</pubDate></item>"
        for a in articles
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
        f"<link>{base}/</link><description>Latest</description>{items}</channel></rss>"
    ).encode("utf-8")


def atom(title: str, base: str, articles: list[SiteArticle]) -> bytes:
    entries = "".join(
        f'<entry><title>{escape(a.title)}</title><link rel="alternate" type="text/html" href="{base}{a.path}"/>'
        f"<id>{base}{a.path}</id><published>{a.published.isoformat()}</published>"
        f"<updated>{a.published.isoformat()}</updated></entry>"
        for a in articles
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>{base}/</id><updated>{BASE_DATE.isoformat()}</updated>{entries}</feed>"
    ).encode("utf-8")


def sitemap_index(base: str, paths: list[str]) -> bytes:
    entries = "".join(f"<sitemap><loc>{base}{p}</loc></sitemap>" for p in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{entries}</sitemapindex>"
    ).encode("utf-8")


def news_sitemap(name: str, base: str, articles: list[SiteArticle]) -> bytes:
    urls = "".join(
        f"<url><loc>{base}{a.path}</loc><news:news><news:publication><news:name>{escape(name)}</news:name>"
        f"<news:language>en</news:language></news:publication>"
        f"<news:publication_date>{a.published.isoformat()}</news:publication_date>"
        f"<news:title>{escape(a.title)}</news:title></news:news></url>"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"{urls}</urlset>"
    ).encode("utf-8")


# --- generated article pages --------------------------------------------------------------------------

_SUBJECTS = (
    "The city council", "Regional health officials", "A coalition of farmers", "The transport ministry",
    "Researchers at the university", "Local fishermen", "The central bank", "Teachers' unions",
    "Emergency services", "The port authority", "Wind farm operators", "A group of residents",
)
_VERBS = (
    "announced", "rejected", "postponed", "approved", "questioned", "welcomed", "criticised", "reviewed",
    "extended", "funded", "delayed", "defended",
)
_OBJECTS = (
    "a plan to rebuild the northern bridge", "new limits on river fishing", "the budget for rural schools",
    "a pilot scheme for night buses", "plans for a coastal flood barrier", "the closure of two clinics",
    "a tax on empty homes", "the expansion of the airport", "rules for short-term rentals",
    "a study of air quality near motorways", "the merger of three hospitals", "grants for solar roofs",
)
_DETAILS = (
    "after months of public hearings", "despite objections from neighbouring towns", "citing rising costs",
    "following a report published last spring", "with support from opposition members",
    "amid concerns about staffing", "as the winter season approaches", "in a vote late on Tuesday",
    "after an independent audit", "pending a court ruling", "under pressure from local businesses",
    "to the surprise of many observers",
)
_SECTIONS = ("world", "politics", "business", "science", "sport", "culture")


def generated_text(rng: random.Random, paragraphs: int = 5) -> list[str]:
    """Paragraphs of plausible, varied news prose (each about 250-400 characters)."""
    out = []
    for _ in range(paragraphs):
        sentences = []
        for _ in range(3):
            sentences.append(
                f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_DETAILS)}, "
                f"according to {rng.randint(2, 40)} people familiar with the matter in district {rng.randint(1, 999)}."
            )
        out.append(" ".join(sentences))
    return out


def article_page(
    title: str,
    paragraphs: list[str],
    *,
    site_name: str = "Demo News",
    canonical: str | None = None,
    author: str | None = "Alex Writer",
    author_url: str | None = None,
    published: dt.datetime = BASE_DATE,
    tags: Iterable[tuple[str, str]] = (),
    related: Iterable[tuple[str, str]] = (),
    original_url: str | None = None,
) -> bytes:
    """A generated article page with the usual furniture (navigation, byline, tags, related links)."""
    head = [
        '<meta charset="utf-8">',
        f"<title>{html.escape(title)} | {html.escape(site_name)}</title>",
        '<meta property="og:type" content="article">',
        f'<meta property="article:published_time" content="{published.isoformat()}">',
    ]
    if canonical:
        head.append(f'<link rel="canonical" href="{html.escape(canonical)}">')
    byline = ""
    if author:
        name = html.escape(author)
        byline = f'<p class="byline">By <a href="{author_url}">{name}</a></p>' if author_url else f'<p class="byline">By {name}</p>'
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    if original_url:
        body += f'<p>This story was first published by <a href="{html.escape(original_url)}">our partner</a>.</p>'
    tag_links = "".join(f'<a rel="tag" href="{href}">{html.escape(label)}</a> ' for label, href in tags)
    related_links = "".join(f'<li><a href="{href}">{html.escape(label)}</a></li>' for label, href in related)
    return (
        f'<!doctype html><html lang="en"><head>{"".join(head)}</head><body>'
        f'<nav><a href="/">Home</a></nav><article><h1>{html.escape(title)}</h1>{byline}'
        f'<time datetime="{published.isoformat()}">{published:%d %B %Y}</time>{body}'
        f'<div class="tags">{tag_links}</div></article>'
        f'<aside><h2>Related</h2><ul>{related_links}</ul></aside><footer>&copy; {html.escape(site_name)}</footer>'
        f"</body></html>"
    ).encode("utf-8")


def generated_articles(count: int, seed: int = 0, site_name: str = "Demo News") -> list[SiteArticle]:
    """``count`` distinct generated articles spread over the sections, newest first."""
    rng = random.Random(seed)
    articles = []
    for index in range(count):
        section = _SECTIONS[index % len(_SECTIONS)]
        title = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} ({index})"
        published = BASE_DATE - dt.timedelta(hours=index)
        path = f"/{section}/story-{index:05d}.html"
        page = article_page(title, generated_text(rng), site_name=site_name, published=published)
        articles.append(SiteArticle(path=path, html=page, section=section, title=title, published=published))
    return articles
