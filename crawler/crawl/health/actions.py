"""A Spidermon action that needs no extra package: POST the run's health to a webhook as JSON.

``NEWS_HEALTH_ACTIONS = ["crawler.crawl.health.actions.PostWebhook"]`` and ``NEWS_HEALTH_WEBHOOK_URL``.
The body has a ``text`` line per failing source (what a Slack or Mattermost incoming webhook shows) and
the ``run_id`` and ``sources`` health objects for any other receiver.
"""
from __future__ import annotations

import json
import logging
import urllib.request
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
