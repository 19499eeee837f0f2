"""How much a text says, whatever its script: a Chinese, Japanese or Korean character carries about
as much as a word of a Latin-script language, so character thresholds written for Latin text count
it as three characters (a short word and its space)."""
from __future__ import annotations

import re

_DENSE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
DENSE_WEIGHT = 3


def reading_length(text: str) -> int:
    """``len(text)``, with each Chinese, Japanese or Korean character counted as ``DENSE_WEIGHT``."""
    if text.isascii():
        return len(text)
    return len(text) + (DENSE_WEIGHT - 1) * len(_DENSE_SCRIPT.findall(text))
