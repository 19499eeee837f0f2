"""Errors of the extraction core, each naming the input that caused it."""
from __future__ import annotations


class NotAnArticle(ValueError):
    """The page holds no article: empty, binary, a listing page, or too little text.

    ``reason`` is a short machine-readable name (used as a stats key suffix and a drop reason).
    """

    REASONS = ("empty", "binary", "not_html", "too_large", "no_text", "listing_page", "timeout")

    def __init__(self, reason: str, url: str | None = None, detail: str = "") -> None:
        self.reason = reason
        self.url = url
        self.detail = detail
        where = url or "<no url>"
        super().__init__(f"not an article ({reason}): {where}" + (f": {detail}" if detail else ""))
