"""The shipped JSON Schema is the one generated from the Article item, and real records satisfy it."""
from __future__ import annotations

import dataclasses
import json

import pytest
from itemadapter import ItemAdapter

from crawler import Article, extract_article
from crawler.tools.cli import main
from crawler.tools.commands import schema as schema_command
from crawler.tools.recordschema import SCHEMA_PATH, article_schema, schema_text, shipped_schema_text

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Lighthouse keeper retires after forty years - Coastal Gazette</title>
<meta property="og:site_name" content="Coastal Gazette">
<meta property="article:published_time" content="2024-03-05T09:30:00+00:00">
<meta name="author" content="Mara Quill">
</head><body>
<header><a href="/">Coastal Gazette</a></header>
<article>
<h1>Lighthouse keeper retires after forty years</h1>
<p class="byline">By Mara Quill</p>
<p>For forty years Edwin Harrow climbed the hundred and twelve steps of the north point lighthouse
every evening, trimmed the wick in the early years and later checked the electric lamp and its spare.</p>
<p>On Friday he handed the keys to the harbour trust, which will run the light remotely from the town.
He plans to stay in the keeper's cottage and to write down the stories of the ships he watched pass.</p>
<p>"The sea never looked the same two nights in a row," he said, standing at the rail for the last time.</p>
</article>
<footer>Contact us</footer>
</body></html>
"""


def validate(record: dict, schema: dict) -> None:
    """Validate with jsonschema when it is installed, else with a minimal type check of the fields."""
    try:
        import jsonschema
    except ImportError:
        _minimal_validate(record, schema)
    else:
        jsonschema.validate(record, schema)


_TYPES = {"string": str, "integer": int, "array": list, "object": dict, "null": type(None), "number": (int, float)}


def _minimal_validate(record: dict, schema: dict) -> None:
    extra = set(record) - set(schema["properties"])
    if extra and schema.get("additionalProperties") is False:
        raise ValueError(f"unexpected fields {sorted(extra)}")
    for name, spec in schema["properties"].items():
        if name not in record:
            continue
        types = spec["type"] if isinstance(spec["type"], list) else [spec["type"]]
        if not isinstance(record[name], tuple(_TYPES[t] for t in types)) or isinstance(record[name], bool):
            raise ValueError(f"{name}: {record[name]!r} is not of type {types}")


def test_shipped_schema_is_the_generated_one():
    assert shipped_schema_text() == schema_text()
    assert json.loads(SCHEMA_PATH.read_text("utf-8")) == article_schema()


def test_schema_covers_every_field_of_the_item():
    schema = article_schema()
    assert list(schema["properties"]) == [f.name for f in dataclasses.fields(Article)]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["authors"] == {
        "type": "array",
        "items": {"type": "string"},
        "description": schema["properties"]["authors"]["description"],
    }


VALIDATORS = pytest.mark.parametrize("check", [validate, _minimal_validate], ids=["validate", "minimal"])


@VALIDATORS
def test_a_real_record_validates(check):
    article = extract_article(PAGE.encode(), "https://gazette.example/2024/03/05/lighthouse-keeper")
    record = json.loads(json.dumps(ItemAdapter(article).asdict()))
    check(record, article_schema())
    assert "hundred and twelve steps" in record["text"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("authors", "Mara Quill"), ("word_count", "many"), ("title", 7), ("unknown_field", "x")],
)
@VALIDATORS
def test_a_broken_record_does_not_validate(check, field, value):
    record = json.loads(json.dumps(ItemAdapter(Article(url="https://gazette.example/a")).asdict()))
    check(record, article_schema())
    record[field] = value
    with pytest.raises(Exception, match=field):
        check(record, article_schema())


def test_schema_command_prints_writes_and_checks(tmp_path, capsys, monkeypatch):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == article_schema()
    target = tmp_path / "article.schema.json"
    assert main(["schema", "--output", str(target)]) == 0
    assert target.read_text("utf-8") == schema_text()
    assert main(["schema", "--check"]) == 0
    monkeypatch.setattr(schema_command, "shipped_schema_text", lambda: "{}\n")
    assert main(["schema", "--check"]) == 1
    assert "out of date" in capsys.readouterr().err
