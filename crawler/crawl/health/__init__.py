"""Run health: each source measured every run, kept in the crawl state, and checked against its own
recent runs by Spidermon monitors (docs/monitoring.md).

* ``metrics``: what is measured of a source in a run;
* ``checks``: the checks, pure functions of this run's metrics and the earlier runs' (``NEWS_HEALTH_*``);
* ``extension``: ``SourceHealth``, the Scrapy extension that measures, remembers and reports;
* ``monitors``: the Spidermon suite (``SPIDERMON_SPIDER_CLOSE_MONITORS``) that runs the checks;
* ``actions``: ``PostWebhook``, an alert action without extra packages.
"""
