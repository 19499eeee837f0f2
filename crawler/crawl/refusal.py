"""A crawl that refuses to start says why in one log line, without a traceback after it.

``scrapy crawl`` lets an exception raised while the crawler is built (an extension's ``from_crawler``)
reach asyncio's "Task exception was never retrieved" handler, which logs its traceback; Scrapy's
exit status is 1 all the same. ``refuse`` logs the message once and returns a ``RefusedToStart`` to
raise; a filter on the ``asyncio`` logger drops the traceback of exactly these exceptions.
"""
from __future__ import annotations

import logging


class RefusedToStart(RuntimeError):
    """The crawl did not start; the message (already logged) says why and what to do."""


class _LoggedAlready(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], RefusedToStart))


_FILTER = _LoggedAlready()


def refuse(logger: logging.Logger, error: RefusedToStart) -> RefusedToStart:
    """Log ``error``'s message as an error and return it, for ``raise refuse(logger, SomeError(...))``."""
    logger.error("%s", error)
    logging.getLogger("asyncio").addFilter(_FILTER)  # a no-op when already there
    return error
