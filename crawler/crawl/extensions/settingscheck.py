"""Checks the ``-s`` settings of ``scrapy crawl`` (and Scrapyd's ``setting=``) before anything reads them.

The same check as ``crawler crawl`` makes of its options (``crawler.crawl.settingcheck``), on the
settings given on the command line (priority ``cmdline``): a value its setting cannot take stops the
crawl before it starts, in one log line naming the setting and the value (``scrapy crawl`` exits 1);
an unknown ``NEWS_*`` name is logged as a warning with the closest real name. ``crawler crawl`` has
checked and warned already, and says so with ``NEWS_SETTINGS_CHECKED``.

First in ``EXTENSIONS`` (priority -100): built before the components that read the values.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured
from scrapy.settings import SETTINGS_PRIORITIES

from crawler.crawl.refusal import RefusedToStart, refuse
from crawler.crawl.settingcheck import SettingValueError, check_overrides

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class BadSetting(RefusedToStart):
    """A ``-s`` value its setting cannot take."""


class SettingsCheck:
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SettingsCheck:
        settings = crawler.settings
        if settings.getbool("NEWS_SETTINGS_CHECKED"):
            raise NotConfigured  # checked by the crawler command (no message: Scrapy would log it as a warning)
        given = {
            name: value
            for name, value in settings.items()  # type: ignore[no-untyped-call]
            if isinstance(value, str) and settings.getpriority(name) == SETTINGS_PRIORITIES["cmdline"]
        }
        try:
            warnings = check_overrides(given)
        except SettingValueError as exc:
            raise refuse(logger, BadSetting(str(exc))) from None
        for warning in warnings:
            logger.warning("%s", warning)
        raise NotConfigured  # checked: nothing more to do (silently)
