"""Reading response headers as text: ``header_text``."""
from __future__ import annotations

from typing import Any


def header_text(headers: Any, name: bytes) -> str | None:
    """The first value of header ``name`` of Scrapy ``Headers`` as text (HTTP headers are Latin-1), or None."""
    value = headers.get(name)
    return value.decode("latin-1") if value else None
