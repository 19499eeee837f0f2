"""Resume a ``JOBDIR`` crawl even when the last run was killed (SIGKILL, power loss).

Scrapy saves its request queue state (``requests.queue/active.json``) only on a clean stop. After a
kill the queue is lost, while ``requests.seen`` still lists pages whose links were never followed:
resuming as is would silently miss articles. This extension keeps a marker file in the job
directory while a crawl runs. If the marker is there at start, the last run did not stop cleanly:
the stale queue and seen-list are moved aside (``*.stale``), so the run discovers every page again;
the deduplicate pipeline, which reads the appended output first, keeps already written articles
from being fetched or written twice.
"""
from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from typing_extensions import Self
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

MARKER = "news-running"
STALE = ("requests.seen", "requests.queue")


def recover_jobdir(jobdir: Path) -> bool:
    """Move the stale state of a killed run aside; True when there was one."""
    if not (jobdir / MARKER).exists():
        return False
    for name in STALE:
        path = jobdir / name
        if path.exists():
            stale = jobdir / f"{name}.stale"
            if stale.is_dir():
                shutil.rmtree(stale)
            elif stale.exists():
                stale.unlink()
            path.rename(stale)
    return True


class JobdirRecovery:
    def __init__(self, jobdir: Path) -> None:
        self.jobdir = jobdir

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        jobdir = crawler.settings.get("JOBDIR")
        if not jobdir:
            raise NotConfigured
        extension = cls(Path(jobdir))
        extension.jobdir.mkdir(parents=True, exist_ok=True)
        if recover_jobdir(extension.jobdir):
            logger.warning(
                "The last run in %s did not stop cleanly: discovering pages again; "
                "articles already written are skipped", jobdir,
            )
            crawler.stats.set_value("news/jobdir_recovered", 1)
        (extension.jobdir / MARKER).write_text("running\n", encoding="utf-8")
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_stopped(self) -> None:
        (self.jobdir / MARKER).unlink(missing_ok=True)
