"""Spidermon actions that need no extra package, for ``NEWS_HEALTH_ACTIONS``:

* ``PostWebhook``: POST the run's health as JSON to ``NEWS_HEALTH_WEBHOOK_URL``. The body has a ``text``
  line per failing source (what a Slack or Mattermost incoming webhook shows) and the ``run_id`` and
  ``sources`` health objects for any other receiver;
* ``SendHealthEmail``: the same lines by e-mail to ``NEWS_HEALTH_EMAIL_TO``, over SMTP with Scrapy's
  ``MAIL_*`` settings.
"""
from __future__ import annotations

import json
import logging
import smtplib
import urllib.request
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any

from spidermon import Action
from spidermon.exceptions import NotConfigured

from crawler.crawl.health.extension import SourceHealth
from crawler.crawl.state.naming import run_id

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
TIMEOUT = 10.0


def health_text(run: str, results: dict[str, dict[str, Any]]) -> str:
    """One line per failing source: its failed checks with their values."""
    lines = [f"news crawl {run}: health check failed"]
    for name, health in sorted(results.items()):
        if health["status"] == "failing":
            checks = ", ".join(f"{f['check']} = {f['value']} (expected {f['expected']})" for f in health["failed"])
            lines.append(f"{name}: {checks}")
    return "\n".join(lines)


class HealthAction(Action):
    """An action configured by one setting (``setting``), reading the health of the run it alerts on."""

    setting = ""

    def __init__(self, crawler: Crawler, target: Any) -> None:
        super().__init__()
        if not target:
            raise NotConfigured(f"{type(self).__name__} needs {self.setting}")
        self.crawler = crawler
        self.target = target

    @classmethod
    def from_crawler_kwargs(cls, crawler: Crawler) -> dict[str, Any]:
        return {"crawler": crawler, "target": crawler.settings.get(cls.setting)}

    def health(self) -> tuple[str, dict[str, dict[str, Any]]]:
        """``(run_id, per-source health)`` of the run."""
        health = self.crawler.get_extension(SourceHealth)
        return run_id(self.crawler), (health.results if health is not None and health.results is not None else {})


class PostWebhook(HealthAction):
    setting = "NEWS_HEALTH_WEBHOOK_URL"

    def run_action(self) -> None:
        run, results = self.health()
        body = json.dumps({"text": health_text(run, results), "run_id": run, "sources": results}).encode()
        request = urllib.request.Request(self.target, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - the operator's URL
            logger.info("Health webhook %s answered %s", self.target, response.status)


class SendHealthEmail(HealthAction):
    """E-mail the failing sources over SMTP, with Scrapy's mail settings (``MAIL_HOST``, ``MAIL_PORT``,
    ``MAIL_USER``, ``MAIL_PASS``, ``MAIL_TLS``, ``MAIL_SSL``, ``MAIL_FROM``) and ``NEWS_HEALTH_EMAIL_TO``.
    Sent before the run ends (``smtplib``), so a cron run's alert is not lost with the process."""

    setting = "NEWS_HEALTH_EMAIL_TO"

    @classmethod
    def from_crawler_kwargs(cls, crawler: Crawler) -> dict[str, Any]:
        return {"crawler": crawler, "target": crawler.settings.getlist(cls.setting)}

    def run_action(self) -> None:
        settings = self.crawler.settings
        text = health_text(*self.health())
        message = EmailMessage()
        message["Subject"] = text.splitlines()[0]
        message["From"] = settings.get("MAIL_FROM")
        message["To"] = ", ".join(self.target)
        message.set_content(text + "\n")
        host, port = settings.get("MAIL_HOST"), settings.getint("MAIL_PORT")
        smtp_class = smtplib.SMTP_SSL if settings.getbool("MAIL_SSL") else smtplib.SMTP
        with smtp_class(host, port, timeout=TIMEOUT) as smtp:
            if settings.getbool("MAIL_TLS"):
                smtp.starttls()
            if settings.get("MAIL_USER"):
                smtp.login(settings.get("MAIL_USER"), settings.get("MAIL_PASS") or "")
            smtp.send_message(message)
        logger.info("Health e-mail sent to %s", ", ".join(self.target))
