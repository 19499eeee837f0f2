"""How deeply a JSON text nests, read without parsing it: JSON nested past ``MAX_JSON_DEPTH`` is broken
or hostile and is skipped before ``json.loads``, which recurses once per level (the extraction core's
JSON-LD reader and the crawl's page classifier both check it)."""
from __future__ import annotations

MAX_JSON_DEPTH = 64
"""JSON-LD nested deeper than this is broken or hostile (schema.org graphs nest a handful of levels);
it is ignored rather than parsed: parsers recurse once per level."""


def json_depth(text: str) -> int:
    """How deeply the brackets of a JSON text nest (those inside strings not counted), in one loop."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def json_too_deep(text: str) -> bool:
    """Whether a JSON text nests past ``MAX_JSON_DEPTH``; only texts with that many brackets at all
    are scanned, so ordinary scripts pay two counts."""
    return text.count("[") + text.count("{") > MAX_JSON_DEPTH and json_depth(text) > MAX_JSON_DEPTH
