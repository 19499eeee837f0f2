"""The shared frontier of a crawl run on many worker processes over Redis (``NEWS_REDIS_URL``; docs/scale-out.md).

* ``queue``: ``LeasedQueue``, scrapy-redis's queue base with leases: a popped request stays in Redis,
  leased to its worker, until everything it led to is done (``ack``); a dead worker's leases expire
  and its requests go to another worker.
* ``membership``: ``RunMembership``, which run the workers share, who is alive, who seeds and who
  writes the run's summary.
* ``summaries``: the run's one summary from every worker's.

The Scrapy scheduler on this queue, ``crawler.crawl.frontierscheduler.RedisFrontierScheduler``, stands
above the crawl knowledge (it asks it for the shared run), so it is not part of this package.
"""
from __future__ import annotations

LEASE = "news_frontier_lease"
"""Request meta: the id of the frontier lease a popped request is processed under."""
