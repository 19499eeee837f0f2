"""Checking ``-s NAME=VALUE`` before a run: a value its setting cannot take is a usage error.

Without the check a bad value surfaces deep inside Scrapy (``-s NEWS_ALLOW_PRIVATE_NETWORKS=yes``
became "could not fetch URL: no response" after 70 lines of "Unhandled error in Deferred";
``NEWS_WORKERS=abc`` a bare ``int()`` error). The expected type of a setting is the type of its
default: ``crawler/settings.py`` for ours and the project's values, Scrapy's ``default_settings`` for
the rest. Values are checked the way Scrapy's ``getbool``/``getint``/``getfloat``/``getdict`` will
read them; the text itself is kept. A ``NEWS_*`` name that no setting has is a likely typo: a warning
names the closest real one.
"""
from __future__ import annotations

import difflib
import json
from typing import Any

from scrapy.settings import default_settings

from crawler import settings as project_settings


class SettingValueError(ValueError):
    """A ``-s`` value its setting cannot take; the message names the setting, the value and the type."""


def _defaults() -> dict[str, Any]:
    names = {name: getattr(default_settings, name) for name in dir(default_settings) if name.isupper()}
    names.update({name: getattr(project_settings, name) for name in dir(project_settings) if name.isupper()})
    return names


def _is_bool(value: str) -> bool:
    try:
        int(value)
    except ValueError:
        return value in {"True", "true", "False", "false"}
    return True


def _is_int(value: str) -> bool:
    try:
        int(value)
    except ValueError:
        return False
    return True


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _is_json_object(value: str) -> bool:
    try:
        return isinstance(json.loads(value), dict)
    except ValueError:
        return False


def expected_kind(name: str, default: Any) -> tuple[str, Any] | None:
    """``(description, test)`` for a setting's values; None when any text will do."""
    if isinstance(default, bool):
        return "true or false (also 1 or 0)", _is_bool
    if isinstance(default, int):
        # Our integer settings are read with getint; Scrapy's integer defaults include seconds read
        # with getfloat (DOWNLOAD_TIMEOUT = 180), so for those any number will do.
        return ("an integer", _is_int) if name.startswith("NEWS_") else ("a number", _is_number)
    if isinstance(default, float):
        return "a number", _is_number
    if isinstance(default, dict):
        return "a JSON object", _is_json_object
    return None


def check_override(name: str, value: str, defaults: dict[str, Any] | None = None) -> str | None:
    """Raises ``SettingValueError`` for a bad value; returns a warning for an unknown ``NEWS_*`` name."""
    defaults = _defaults() if defaults is None else defaults
    if name not in defaults:
        if not name.startswith("NEWS_"):
            return None  # a setting of the user's own components
        known = sorted(key for key in defaults if key.startswith("NEWS_"))
        close = difflib.get_close_matches(name, known, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        return f"warning: unknown setting {name}{hint}; it has no effect"
    kind = expected_kind(name, defaults[name])
    if kind is not None and not kind[1](value.strip()):
        raise SettingValueError(f"-s {name}={value}: {name} takes {kind[0]}")
    return None


def check_overrides(values: dict[str, str]) -> list[str]:
    """Checks every value (``SettingValueError`` on the first bad one); returns the warnings."""
    defaults = _defaults()
    warnings = [check_override(name, value, defaults) for name, value in values.items()]
    return [warning for warning in warnings if warning]
