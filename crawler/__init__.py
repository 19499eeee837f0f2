"""News crawler: clean article records from news pages.

Public API: ``extract_article(html, url=None)`` returns an ``Article`` or raises ``NotAnArticle``.
"""
from .errors import NotAnArticle
from .extraction import extract_article
from .items import Article

__all__ = ["Article", "NotAnArticle", "extract_article"]
