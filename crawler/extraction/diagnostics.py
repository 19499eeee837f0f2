"""Error output of the page's server: PHP's warnings and notices printed into the HTML.

A plugin that fails prints ``<b>Warning</b>: message in <b>/path/plugin.php</b> on line <b>928</b>``
where its output should be, once per call: in a sidebar that can be dozens of lines, longer than a
short post, and extractors then take it for the article. No reader's text has that form."""
from __future__ import annotations

import re

from lxml.html import HtmlElement

PHP_LEVELS = frozenset(
    {"warning", "notice", "deprecated", "fatal error", "catchable fatal error", "parse error", "strict standards"}
)
_ON_LINE = re.compile(r"\s*on\s+line\s*$")
_LINE_NUMBER = re.compile(r"\s*\d+\s*$")

PHP_MESSAGE_LINE = re.compile(
    r"^(?:PHP\s+)?(?:Warning|Notice|Deprecated|(?:Catchable\s+)?Fatal\s+error|Parse\s+error|Strict\s+Standards)"
    r"\s*:\s.*\sin\s+\S+\.php\s+on\s+line\s+\d+\s*$",
    re.IGNORECASE,
)
"""The same message as plain text (PHP's ``html_errors`` off), one line."""


def _message_parts(level: HtmlElement) -> tuple[HtmlElement, HtmlElement] | None:
    """The ``<b>`` holding the file and the one holding the line number after a ``<b>`` level label."""
    if (level.text or "").strip().casefold() not in PHP_LEVELS or not (level.tail or "").lstrip().startswith(":"):
        return None
    path, number = level.getnext(), None
    if path is not None and path.tag == "b" and (path.text or "").strip().endswith(".php"):
        number = path.getnext()
    if number is None or number.tag != "b" or not _ON_LINE.match(path.tail or ""):
        return None
    if not _LINE_NUMBER.fullmatch(number.text or ""):
        return None
    return path, number


def drop_server_diagnostics(tree: HtmlElement) -> int:
    """Remove PHP's HTML-formatted warnings, notices and errors from the page; returns how many."""
    messages = [(level, *parts) for level in tree.iter("b") if (parts := _message_parts(level))]
    for elements in messages:
        for elem in elements:
            elem.tail = None
            elem.drop_tree()
    return len(messages)
