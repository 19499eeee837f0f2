"""The JSON Schema of the article record, generated from the ``Article`` item class.

The schema is shipped as ``crawler/schema/article.schema.json`` (package data of ``crawler``);
``crawler schema`` prints it, ``crawler schema --write`` refreshes the shipped file after the item
class changed, and ``crawler schema --check`` fails when the two differ.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter

from crawler.items import Article

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "article.schema.json"


def article_schema() -> dict[str, Any]:
    """The JSON Schema of one JSONL record, as itemadapter derives it from ``Article``."""
    generated = ItemAdapter.get_json_schema(Article)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Article",
        "description": (Article.__doc__ or "").strip().split("\n\n")[0],
        **generated,
    }


def schema_text() -> str:
    """The schema as the shipped file holds it: indented JSON with a final newline."""
    return json.dumps(article_schema(), indent=2, ensure_ascii=False) + "\n"


def shipped_schema_text(path: Path = SCHEMA_PATH) -> str:
    return path.read_text("utf-8")
