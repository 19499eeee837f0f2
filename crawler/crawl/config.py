"""Reading our ``NEWS_*`` settings with ``crawler/settings.py`` as the one source of their defaults.

A component built by a crawler whose settings do not come from ``crawler.settings`` (a test, a user's
own Scrapy project) still gets the project's default, without repeating the value at the call site.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crawler import settings as project_settings

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings


def default(name: str) -> Any:
    """The value ``crawler/settings.py`` gives ``name`` (``KeyError`` for a setting it does not define)."""
    try:
        return getattr(project_settings, name)
    except AttributeError:
        raise KeyError(f"{name} is not defined in crawler/settings.py") from None


def get_bool(settings: BaseSettings, name: str) -> bool:
    return settings.getbool(name, default(name))


def get_int(settings: BaseSettings, name: str) -> int:
    return settings.getint(name, default(name))


def get_float(settings: BaseSettings, name: str) -> float:
    return settings.getfloat(name, default(name))
