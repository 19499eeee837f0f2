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


class PostWebhook(Action):
    def __init__(self, url: str, crawler: Crawler) -> None:
        super().__init__()
        if not url:
            raise NotConfigured("PostWebhook needs NEWS_HEALTH_WEBHOOK_URL")
        self.url = url
        self.crawler = crawler

    @classmethod
    def from_crawler_kwargs(cls, crawler: Crawler) -> dict[str, Any]:
        return {"url": crawler.settings.get("NEWS_HEALTH_WEBHOOK_URL") or "", "crawler": crawler}

    def run_action(self) -> None:
        health = self.crawler.get_extension(SourceHealth)
        results = health.results if health is not None and health.results is not None else {}
        run = run_id(self.crawler)
        body = json.dumps({"text": health_text(run, results), "run_id": run, "sources": results}).encode()
        request = urllib.request.Request(self.url, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - the operator's URL
            logger.info("Health webhook %s answered %s", self.url, response.status)


class SendHealthEmail(Action):
    """E-mail the failing sources over SMTP, with Scrapy's mail settings (``MAIL_HOST``, ``MAIL_PORT``,
    ``MAIL_USER``, ``MAIL_PASS``, ``MAIL_TLS``, ``MAIL_SSL``, ``MAIL_FROM``) and ``NEWS_HEALTH_EMAIL_TO``.
    Sent before the run ends (``smtplib``), so a cron run's alert is not lost with the process."""

    def __init__(self, crawler: Crawler, to: list[str]) -> None:
        super().__init__()
        if not to:
            raise NotConfigured("SendHealthEmail needs NEWS_HEALTH_EMAIL_TO")
        self.crawler = crawler
        self.to = to

    @classmethod
    def from_crawler_kwargs(cls, crawler: Crawler) -> dict[str, Any]:
        return {"crawler": crawler, "to": crawler.settings.getlist("NEWS_HEALTH_EMAIL_TO")}

    def run_action(self) -> None:
        settings = self.crawler.settings
        health = self.crawler.get_extension(SourceHealth)
        results = health.results if health is not None and health.results is not None else {}
        text = health_text(run_id(self.crawler), results)
        message = EmailMessage()
        message["Subject"] = text.splitlines()[0]
        message["From"] = settings.get("MAIL_FROM")
        message["To"] = ", ".join(self.to)
        message.set_content(text + "\n")
        host, port = settings.get("MAIL_HOST"), settings.getint("MAIL_PORT")
        smtp_class = smtplib.SMTP_SSL if settings.getbool("MAIL_SSL") else smtplib.SMTP
        with smtp_class(host, port, timeout=TIMEOUT) as smtp:
            if settings.getbool("MAIL_TLS"):
                smtp.starttls()
            if settings.get("MAIL_USER"):
                smtp.login(settings.get("MAIL_USER"), settings.get("MAIL_PASS") or "")
            smtp.send_message(message)
        logger.info("Health e-mail sent to %s", ", ".join(self.to))
