"""Broken and hostile pages: every input has one documented outcome, never a crash, hang or blow-up.

Each case builds its page in code and names its outcome: ``"article"`` or the ``NotAnArticle``
reason. Heavy cases run in a child process under a CPU and memory limit (``RLIMIT_CPU``,
``RLIMIT_AS``), so a hang or a blow-up fails the test instead of stalling the suite.

Measure every case (outcome, CPU seconds, peak RSS) with::

    python tests/test_hostile_input.py --measure
"""
from __future__ import annotations

import gzip
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from crawler import NotAnArticle, extract_article

URL = "https://news.example/politics/2026/budget-approved"

SENTENCES = [
    "The city council approved the new budget on Tuesday after a debate that lasted into the night.",
    "Council members argued over funding for public transport, schools and the repair of old bridges.",
    "The mayor said the plan keeps taxes stable while adding money for the libraries in every district.",
    "Opposition members warned that the spending on roads was too low to fix the damage of last winter.",
    "Residents who attended the meeting asked for more details on how the new bus lines will be paid for.",
    "The finance office will publish the full budget on its website before the end of the month.",
]


def article_html(charset: str = "utf-8", extra_head: str = "", body_prefix: str = "") -> str:
    paragraphs = "".join(f"<p>{s} {t}</p>" for s, t in zip(SENTENCES, reversed(SENTENCES)))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="{charset}">{extra_head}'
        "<title>Council approves the budget</title></head><body>"
        f"{body_prefix}<article><h1>Council approves the budget</h1>{paragraphs}</article></body></html>"
    )


ARTICLE = article_html().encode()
PARAGRAPHS = ARTICLE[ARTICLE.index(b"<p>") : ARTICLE.index(b"</article>")]


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[], tuple[bytes | str, str | None]]
    """The page and its Content-Type header."""
    outcome: str | tuple[str, ...]
    """``"article"`` or the reason of ``NotAnArticle``; a tuple where a size guard may answer first."""
    heavy: bool = False
    """Run in a child process under CPU and memory limits."""
    contains: str = "council approved the new budget"
    cpu_limit: int = 10
    """CPU seconds a heavy case may use; the slowest passing case (200k empty elements) needs about 7."""


def _utf16_no_bom() -> tuple[bytes, str]:
    return article_html("utf-16").encode("utf-16-le"), "text/html; charset=utf-16le"


CASES = [
    Case("empty_body", lambda: (b"", "text/html"), "empty"),
    Case("whitespace_only", lambda: (b" \r\n\t " * 1000, "text/html"), "empty"),
    Case("empty_str", lambda: ("", None), "empty"),
    Case("pdf_as_html", lambda: (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 64, "text/html"), "binary"),
    Case("png_as_html", lambda: (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64, "text/html"), "binary"),
    Case("gzip_as_html", lambda: (gzip.compress(ARTICLE), "text/html"), "binary"),
    Case("jpeg_as_html", lambda: (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 64, "text/html"), "binary"),
    Case("random_control_bytes", lambda: (bytes(range(32)) * 500, "text/html"), "binary"),
    Case("nul_bytes_in_text", lambda: (ARTICLE.replace(b"council", b"coun\x00cil"), None), "article"),
    Case("nul_between_every_byte", lambda: (b"\x00".join(ARTICLE[i : i + 1] for i in range(len(ARTICLE))), None), "binary"),
    Case(
        "invalid_utf8",
        lambda: (ARTICLE.replace(b"Tuesday", b"Tues\xff\xfe\xc3day"), "text/html; charset=utf-8"),
        "article",
    ),
    Case(
        "charset_header_contradicts_meta",
        lambda: (article_html("windows-1252").replace("mayor", "maire café").encode(), "text/html; charset=iso-8859-1"),
        "article",
    ),
    Case("utf16_with_bom", lambda: (article_html("utf-16").encode("utf-16"), None), "article"),
    Case("utf16_be_with_bom", lambda: (article_html("utf-16").encode("utf-16-be").join([b"\xfe\xff", b""]), None), "article"),
    Case(
        "utf16_no_bom_declared_in_header",
        _utf16_no_bom,
        "article",
    ),
    Case("str_input", lambda: (ARTICLE.decode(), None), "article"),
    Case(
        "str_with_lone_surrogate",
        lambda: (ARTICLE.decode().replace("Tuesday", "Tues\udcffday"), None),
        "article",
    ),
    Case("truncated_html", lambda: (ARTICLE[: ARTICLE.index(b"</p>", len(ARTICLE) // 2)], None), "article"),
    Case("truncated_in_a_tag", lambda: (ARTICLE[: len(ARTICLE) - 40] + b"<a href='http://x", None), "article"),
    Case("unclosed_everything", lambda: (ARTICLE.replace(b"</p>", b"").replace(b"</article>", b""), None), "article"),
    Case("control_characters", lambda: (ARTICLE.replace(b"council", b"\x01\x02\x0b\x0c\x1b council"), None), "article"),
    Case("broken_entities", lambda: (ARTICLE.replace(b"Tuesday", b"&#xFFFFFFFF;&#0;&#xD800;&bogus; Tuesday"), None), "article"),
    Case(
        "script_only",
        lambda: (b"<html><head><script>" + b"var x = 'no text';" * 2000 + b"</script></head><body>"
                 b"<script>document.write('hello')</script><noscript>Enable JavaScript</noscript></body></html>", None),
        "no_text",
    ),
    Case("meta_refresh_only", lambda: (b"<html><head><meta http-equiv='refresh' content='0;url=/x'></head></html>", None), "no_text"),
    Case("rss_served_as_html", lambda: (b'<?xml version="1.0"?><rss><channel><item><title>x</title></item></channel></rss>', "text/html"), "not_html"),
    Case("json_served_as_html", lambda: (b'{"text": "' + b"hello " * 200 + b'"}', "text/html"), "not_html"),
    Case("comment_only", lambda: (b"<!-- " + b"nothing here " * 1000 + b"-->", None), "not_html"),
    Case(
        "og_url_with_broken_ipv6_host",
        lambda: (ARTICLE.replace(b"<title>", b'<meta property="og:url" content="http://[::1"><title>'), None),
        "article",
    ),
    Case(
        "source_link_with_broken_ipv6_host",
        lambda: (ARTICLE.replace(b"</article>", b'<a class="source" href="http://[x/">Original article</a></article>'), None),
        "article",
    ),
    Case(
        "nested_100k_elements",
        lambda: (b"<html><body>" + b"<div>" * 100_000 + PARAGRAPHS + b"</div>" * 100_000 + b"</body></html>", None),
        "no_text",  # libxml2 stops at depth 256 (no huge_tree): the text is out of reach
        heavy=True,
    ),
    Case(
        "nested_100k_unclosed",
        lambda: (b"<html><body>" + b"<div>" * 100_000 + PARAGRAPHS, None),
        "no_text",
        heavy=True,
    ),
    Case(
        "single_20mb_text_node",
        lambda: (b"<html><body><article><p>" + b"word " * 4_000_000 + b"</p></article></body></html>", None),
        ("no_text", "too_large"),  # libxml2 refuses text nodes over 10 MB without huge_tree
        heavy=True,
    ),
    Case(
        "page_of_200k_empty_elements",
        lambda: (b"<html><body>" + b"<span></span>" * 200_000 + b"</body></html>", None),
        ("no_text", "too_large"),
        heavy=True,
    ),
    Case(
        "10mb_attribute_value",
        lambda: (ARTICLE.replace(b"<article>", b"<article title='" + b"x" * 10_000_000 + b"'>"), None),
        ("article", "too_large"),
        heavy=True,
    ),
    Case(
        "20k_nested_tables",
        lambda: (b"<html><body>" + b"<table><tr><td>" * 20_000 + PARAGRAPHS + b"</body></html>", None),
        "no_text",
        heavy=True,
    ),
    Case(
        "100k_attributes_on_one_element",
        lambda: (ARTICLE.replace(b"<article>", b"<article " + b" ".join(b"a%d='1'" % i for i in range(100_000)) + b">"), None),
        "too_large",
        heavy=True,
        cpu_limit=5,
    ),
    Case(
        "200k_short_paragraphs",
        lambda: (b"<html><body><article>" + b"<p>A short line of text.</p>" * 200_000 + b"</article></body></html>", None),
        "too_large",
        heavy=True,
        cpu_limit=5,
    ),
]

MEMORY_LIMIT = 2 * 1024**3
"""Address space a heavy case may use (the child starts at about 0.5 GiB of address space)."""


def run_case(case: Case) -> tuple[str, float, float]:
    """Outcome (``"article"``, a reason, or ``"crash:<Type>"``), CPU seconds and peak RSS (MiB)."""
    body, content_type = case.make()
    start = time.process_time()
    try:
        article = extract_article(body, URL, content_type=content_type)
        outcome = "article" if case.contains in article.text else f"article_without:{case.contains}"
    except NotAnArticle as exc:
        outcome = exc.reason
    except Exception as exc:  # noqa: BLE001 - the point is to report it
        outcome = f"crash:{type(exc).__name__}:{exc}"[:300]
    return outcome, time.process_time() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_case_in_child(case: Case) -> tuple[str, float, float]:
    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (case.cpu_limit, case.cpu_limit))
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    child = subprocess.run(
        [sys.executable, __file__, "--case", case.name], capture_output=True, text=True, preexec_fn=limits
    )
    if child.returncode != 0:
        return f"killed:rc={child.returncode}:{child.stderr[-300:]}", float("nan"), float("nan")
    outcome, cpu, rss = json.loads(child.stdout.strip().splitlines()[-1])
    return outcome, cpu, rss


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_hostile_input(case: Case) -> None:
    outcome, _, _ = run_case_in_child(case) if case.heavy else run_case(case)
    expected = case.outcome if isinstance(case.outcome, tuple) else (case.outcome,)
    assert outcome in expected


def test_reasons_are_documented() -> None:
    named = {o for c in CASES for o in (c.outcome if isinstance(c.outcome, tuple) else (c.outcome,))}
    assert named - {"article"} <= set(NotAnArticle.REASONS)


def _measure() -> None:
    print(f"{'case':34} {'expected':17} {'outcome':12} {'cpu s':>7} {'peak RSS MiB':>13}")
    for case in CASES:
        outcome, cpu, rss = run_case_in_child(case)
        expected = "|".join(case.outcome) if isinstance(case.outcome, tuple) else case.outcome
        print(f"{case.name:34} {expected:17} {outcome[:60]:12} {cpu:7.2f} {rss:13.1f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--case"]:
        found = next(c for c in CASES if c.name == sys.argv[2])
        print(json.dumps(run_case(found)))
    elif sys.argv[1:2] == ["--measure"]:
        _measure()
