"""Line-level filter after trafilatura: boilerplate lines that survive any tree cleaning.

Each pattern is one kind of furniture text (ad labels, comment-form prompts, widget titles,
share prompts, credit lines). A line is dropped only when the whole line is such text.
"""
from __future__ import annotations

import re
import unicodedata

_BOILERPLATE_LINE = re.compile(
    r"""^\W*(?:
        -?\s*advert[iy]?s(?:e)?ments?\s*-?|advertisment|sponsored(?:\s+content)?|anzeige|werbung|publicit[ée]|paid\s+content
      | please\s+enter\s+your\s+(?:comment|name(?:\s+here)?|email(?:\s+address)?(?:\s+here)?|website)!?
      | you\s+have\s+entered\s+an\s+incorrect\s+email\s+address!?
      | save\s+my\s+name,\s+email,.*
      | leave\s+a\s+(?:reply|comment).*|post\s+a\s+comment|\d+\s+comments?|no\s+comments(?:\s+yet)?|comments?\s*\(\d+\)
      | source\s+link|source:\s*\S+\s*$|original(?:ly)?\s+(?:article|published)\s+(?:at|on|here)\b.*
      | most\s+(?:popular|read|viewed|shared)|trending(?:\s+now)?|recent\s+(?:comments|posts)|related\s+(?:posts|articles|stories)
      | you\s+(?:may|might)\s+also\s+like|more\s+stories|recommended\s+for\s+you|don't\s+miss
      | share\s+(?:this|on)(?:\s+\w+)?|share|tweet|pin\s+it|email\s+this|print(?:\s+this\s+article)?|copy\s+link
      | follow\s+us\s+on\s+\w+.*|sign\s+up\s+for\s+(?:our|the)\s+.*newsletter.*|subscribe\s+to\s+(?:our|the)\s+newsletter.*
      | we\s+use\s+cookies.*|accept\s+(?:all\s+)?cookies|cookie\s+settings
      | (?:read\s+more|also\s+read|read\s+also|read\s+next|related|see\s+also|more|lesen\s+sie\s+auch|auch\s+interessant)\s*:.{0,160}
      | (?:photo|image|picture|foto|bild|credit|source|quelle)s?\s*:\s*.{0,80}
      | (?:getty\s+images|reuters|ap\s+photo|afp|dpa|epa|shutterstock)(?:\s*/\s*[\w .]+)?
      | (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),\s+\w+\s+\d{1,2},\s+\d{4}
      | home\s*(?:[»>/›|]|\u00bb).{0,200}
    )\W*$""",
    re.X | re.I,
)


def _normalise(line: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", line).split()).casefold()


def is_boilerplate_line(line: str) -> bool:
    return len(line) < 220 and bool(_BOILERPLATE_LINE.match(line.strip()))


def filter_blocks(blocks: list[str], title: str | None = None) -> list[str]:
    """Drop boilerplate lines from each block, and the headline repeated as the first block."""
    kept: list[str] = []
    title_key = _normalise(title) if title else None
    for block in blocks:
        lines = [line for line in block.split("\n") if not is_boilerplate_line(line)]
        if not lines:
            continue
        if not kept and title_key and _normalise(lines[0]) == title_key:
            lines = lines[1:]
            if not lines:
                continue
        kept.append("\n".join(lines))
    return kept
