"""`crawler schema`: print, write or check the JSON Schema of the article record."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.tools.recordschema import SCHEMA_PATH, schema_text, shipped_schema_text

EXIT_OK = 0
EXIT_STALE = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of the article record",
        description=(
            "Print the JSON Schema of one JSONL article record, generated from the Article item "
            f"class. The package ships it as {SCHEMA_PATH.name}."
        ),
    )
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--output", "-o", type=Path, metavar="PATH", help="write the schema to PATH")
    action.add_argument("--write", action="store_true", help="refresh the shipped schema file")
    action.add_argument(
        "--check", action="store_true", help="exit 1 when the shipped schema file is out of date"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    text = schema_text()
    if args.check:
        if shipped_schema_text() != text:
            print(f"{SCHEMA_PATH} is out of date: run `crawler schema --write`", file=sys.stderr)
            return EXIT_STALE
        print(f"{SCHEMA_PATH} is up to date")
        return EXIT_OK
    target = SCHEMA_PATH if args.write else args.output
    if target is None:
        sys.stdout.write(text)
        return EXIT_OK
    target.write_text(text, "utf-8")
    print(f"wrote {target}", file=sys.stderr)
    return EXIT_OK
