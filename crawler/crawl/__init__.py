"""The crawl machinery: everything Scrapy runs around the extraction core.

Sources, feeds and sitemaps (what to fetch), the network boundary and middlewares (how to fetch),
the scheduler, extensions (worker pool, progress, feed files, run summary), and what the crawl knows
between pages and between runs: ``knowledge`` (the one component spiders, pipelines and middlewares
ask), over the kept index (``keptindex``), the learned site lines (``sitelines``) and the crawl state
(``state/``).
"""
