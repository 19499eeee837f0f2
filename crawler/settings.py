"""Scrapy settings of the news crawler (``scrapy.cfg``: ``default = crawler.settings``).

Override any of them per run with ``-s NAME=VALUE`` (``scrapy crawl`` and ``crawler crawl``).
Our own settings start with ``NEWS_``; our stats with ``news/``.
"""
from __future__ import annotations

import os

BOT_NAME = "news_crawler"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"
COMMANDS_MODULE = "crawler.tools.scrapy_commands"  # `scrapy crawl` checks the sources file before it starts

# An honest user agent: who we are and where to read about us.
USER_AGENT = "news-crawler/0.1 (+https://github.com/news-crawler/news-crawler; polite news archiver)"

# --- Politeness ---------------------------------------------------------------------------------
ROBOTSTXT_OBEY = True
NEWS_CRAWL_DELAY_ENABLED = True  # apply robots.txt Crawl-delay (crawler.crawl.middlewares.crawldelay)
NEWS_CRAWL_DELAY_MAX = 30.0  # seconds; a larger Crawl-delay is capped to this
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024  # 16 MiB: no news page is larger; bombs and huge files are cut off
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
NEWS_SITEMAP_MAX_SIZE = 64 * 1024 * 1024  # uncompressed size limit of a gzipped sitemap

# Retries with backoff, honouring Retry-After on 429/503 (crawler.crawl.middlewares.retryafter).
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
NEWS_RETRY_BACKOFF_BASE = 1.0  # seconds before the first retry, doubled for each further one
NEWS_RETRY_BACKOFF_MAX = 30.0
NEWS_RETRY_AFTER_MAX = 120.0  # a longer Retry-After gives up on the request

# --- Network boundary (crawler.crawl.ssrf) --------------------------------------------------------------
# Never connect to loopback, private, link-local, multicast or metadata addresses, whether named
# directly, through a host name, or through a redirect. Tests and `crawler demo` serve on loopback
# and set NEWS_ALLOW_PRIVATE_NETWORKS=True themselves.
NEWS_ALLOW_PRIVATE_NETWORKS = False
NEWS_SSRF_ALLOWLIST: list[str] = []  # CIDR networks to open (intranet sources); never opens metadata
TWISTED_DNS_RESOLVER = "crawler.crawl.ssrf.SafeResolver"  # checks the addresses of every connection

DOWNLOADER_MIDDLEWARES = {
    "crawler.crawl.ssrf.SSRFMiddleware": 40,  # before Offsite (50) and RobotsTxt (100): no robots.txt fetch for blocked hosts
    # Scrapy's robots.txt check, fixed: requests that wait on a host's robots.txt all get its answer
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.compat.scrapy.SharedRobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.crawl.middlewares.retryafter.BackoffRetryMiddleware": 550,  # in place of Scrapy's retry
    "crawler.crawl.middlewares.crawldelay.CrawlDelayMiddleware": 120,  # after RobotsTxtMiddleware (100)
    "crawler.crawl.middlewares.conditional.ConditionalRequestMiddleware": 580,  # If-None-Match from the state; 304 -> done
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.crawl.middlewares.metarefresh.HeadMetaRefreshMiddleware": 580,  # Scrapy's, without decoding the whole page
    # last before the download: with NEWS_REDIS_URL, a slot of the site leased from Redis (per-site
    # concurrency and delay for all workers together); its lease is held only while the download runs
    "crawler.crawl.middlewares.clusterpoliteness.ClusterPolitenessMiddleware": 950,
}

# --- Pipelines: page -> article -> checked -> unique -> feed export ------------------------------
# Their order and the pipelines each needs are checked when the crawl starts (pipelines.contract).
# A page callback yields at most one item: Scrapy's default (100) would start 100 asyncio tasks per
# response to handle its output, which costs more CPU than the page's own handling.
CONCURRENT_ITEMS = 4
NEWS_WORKERS = 0  # worker processes for page parsing and extraction; 0 = os.cpu_count()
NEWS_EXTRACT_TIMEOUT = 20.0  # seconds per page in a worker (0: none); past (queue+1)x+1 s the worker pool is killed
NEWS_WORKER_QUEUE = 2  # tasks handed to the pool per worker: the next page waits in the pipe, the worker never idles
NEWS_WORKER_PRELOAD: list[str] = []  # extra modules every worker imports before its first task
ITEM_PIPELINES = {
    "pipelines.extract.ExtractPipeline": 100,  # PageItem -> ExtractedPage (extract_article in a process pool)
    "pipelines.site_boilerplate.SiteBoilerplatePipeline": 150,  # strip lines a site repeats on many pages
    "pipelines.validate.ValidatePipeline": 200,  # drop non-articles, too-short and too-old texts (news/dropped/*)
    "pipelines.changes.ChangesPipeline": 250,  # crawl state: drop unchanged articles, version changed ones
    "pipelines.deduplicate.DeduplicatePipeline": 300,  # drop URL / content / near duplicates; yields the Article
}
SCHEDULER = "crawler.crawl.scheduler.DiskQueueScheduler"  # Scrapy's scheduler, pending requests on disk
SCHEDULER_DISK_QUEUE = "crawler.crawl.scheduler.MethodNameLifoDiskQueue"  # Scrapy's pickle LIFO queue, callbacks named cheaply
NEWS_SCHEDULER_DISK_QUEUE = True  # without JOBDIR too (a scratch dir): memory does not follow the sites' size
NEWS_SITE_BOILERPLATE = True  # learn and strip the lines a site repeats on its pages (kept in the crawl state)
NEWS_SITE_BOILERPLATE_MIN_PAGES = 3  # a line is the site's boilerplate once on this many pages...
NEWS_SITE_BOILERPLATE_MIN_SHARE = 0.1  # ...and on this share of the site's pages seen
NEWS_SITE_BOILERPLATE_MAX_STRIP_SHARE = 0.4  # a page whose known lines exceed this share keeps them (a near-duplicate)
NEWS_MIN_TEXT_CHARS = 200  # shorter texts are not articles
NEWS_REQUIRE_TITLE = False
NEWS_NEAR_DUPLICATE_THRESHOLD = 0.8  # estimated Jaccard similarity of word 5-shingles; 1.0 disables
NEWS_SOURCES = None  # default sources file when the spider gets no -a sources=FILE

# --- Output: JSONL, one whole line per article ---------------------------------------------------
# Used as FEEDS when a run names no output of its own (-o/-O/FEEDS): Scrapy would otherwise merge the
# two and write both. Applied by the news spider's update_settings().
NEWS_DEFAULT_FEEDS = {
    "out/%(sources)s/%(date)s/%(run_id)s.jsonl": {"format": "jsonlines", "encoding": "utf8"},
}
FEED_URI_PARAMS = "crawler.crawl.state.naming.uri_params"  # %(run_id)s, %(date)s, %(sources)s, %(source)s, %(worker)s

# --- Scheduled runs: state between runs (crawler.crawl.state), summary -------------------------------------
NEWS_STATE_PATH = ".crawler/state.sqlite3"  # empty: no state (every run emits everything it finds)
NEWS_FULL_RECRAWL = False  # True (crawler crawl --full): no conditional requests, no date skips
NEWS_STATE_COMMIT_ITEMS = 50  # commit the state every N written records (the JSONL output is its journal)
NEWS_SUMMARY_FILE = None  # also write the run summary here (it is always written beside the output)
# One run on many worker processes / machines over Redis (docs/scale-out.md): redis://host:6379/0. The
# state, the kept articles and the frontier are then shared there; SQLite stays the default.
NEWS_REDIS_URL = os.environ.get("NEWS_REDIS_URL", "")  # empty: SQLite at NEWS_STATE_PATH (the default)
NEWS_REDIS_PREFIX = "news"  # namespace of one crawl's keys in that Redis (one per state)
NEWS_REDIS_RETRY_SECONDS = 300  # how long a call waits out an unreachable Redis before the run fails
# With NEWS_REDIS_URL, every process started on the same Redis and prefix is a worker of one shared run:
NEWS_REDIS_SCHEDULER = "crawler.crawl.frontierscheduler.RedisFrontierScheduler"  # SCHEDULER then (scrapy-redis)
NEWS_REDIS_LEASE_SECONDS = 60  # a popped request goes back to the frontier when its worker is silent this long
NEWS_REDIS_IDLE_SECONDS = 5  # a worker exits once the whole frontier was empty (nothing leased) this long
# (each worker's default output is then NEWS_DEFAULT_FEEDS's with %(run_id)s-%(worker)s for %(run_id)s)
# Politeness for all workers together (crawler.crawl.middlewares.clusterpoliteness): at most
# CONCURRENT_REQUESTS_PER_DOMAIN in flight per site and DOWNLOAD_DELAY / Crawl-delay between starts
NEWS_POLITENESS_CLUSTER = True  # False: each worker is polite on its own (N workers hit a site N times as often)
NEWS_POLITENESS_LEASE_MARGIN = 10.0  # s past DOWNLOAD_TIMEOUT after which a killed worker's site slot frees itself
NEWS_POLITENESS_POLL = 0.05  # s between asks for a slot of a site whose slots are all taken
FEED_EXPORT_ENCODING = "utf-8"
FEED_STORE_EMPTY = False  # a run with nothing new writes no file (its summary still goes to the state)
FEED_STORAGES = {
    "": "crawler.crawl.extensions.feedexport.LineFileFeedStorage",
    "file": "crawler.crawl.extensions.feedexport.LineFileFeedStorage",
}
FEED_EXPORTERS = {
    "jsonlines": "crawler.crawl.extensions.feedexport.WholeLineJsonLinesExporter",
    "jsonl": "crawler.crawl.extensions.feedexport.WholeLineJsonLinesExporter",
}

# --- Progress and resumable runs --------------------------------------------------------------------
EXTENSIONS = {
    "crawler.crawl.extensions.workers.WorkerPool": 0,  # the process pool of the spider and the extract pipeline
    "crawler.crawl.extensions.progress.ProgressLog": 500,
    "crawler.crawl.extensions.jobdir.JobdirRecovery": 10,
    "crawler.crawl.extensions.statsfile.StatsFile": 900,
    "crawler.crawl.knowledge.CrawlKnowledge": 50,  # what the crawl knows (kept articles, run lock + state); after FeedExporter (0): sees written records
    "crawler.crawl.extensions.runsummary.RunSummary": 800,
    "crawler.crawl.extensions.settingscheck.SettingsCheck": -100,  # first: a bad -s value stops the crawl in one line
    "crawler.crawl.health.extension.SourceHealth": 700,  # measures each source; before Spidermon and RunSummary
    "spidermon.contrib.scrapy.extensions.Spidermon": 750,  # runs the health monitors; before RunSummary (800)
}
# Scrapy's base extensions but RemoteControl (Scrapy 2.19, on by default): an HTTP endpoint on localhost
# that runs the Python code posted to it. A crawl needs none, and importing it (aiohttp) cost 0.28 s of
# every start-up; a value of None in EXTENSIONS would still import it. tests/test_compat.py checks the
# list against Scrapy's.
EXTENSIONS_BASE = {
    "scrapy.extensions.corestats.CoreStats": 0,
    "scrapy.extensions.logcount.LogCount": 0,
    "scrapy.extensions.telnet.TelnetConsole": 0,
    "scrapy.extensions.memusage.MemoryUsage": 0,
    "scrapy.extensions.memdebug.MemoryDebugger": 0,
    "scrapy.extensions.closespider.CloseSpider": 0,
    "scrapy.extensions.feedexport.FeedExporter": 0,
    "scrapy.extensions.logstats.LogStats": 0,
    "scrapy.extensions.spiderstate.SpiderState": 0,
    "scrapy.extensions.throttle.AutoThrottle": 0,
}
NEWS_STATS_FILE = None  # write the final stats as JSON here (crawler crawl sets it for its summary)
NEWS_SETTINGS_CHECKED = False  # True: the -s values were checked by the crawler command (no second check)
NEWS_PROGRESS_INTERVAL = 60.0  # seconds between progress lines; 0 disables
LOGSTATS_INTERVAL = 0  # our progress line replaces Scrapy's "Crawled N pages" line
LOG_FORMATTER = "crawler.crawl.extensions.logformatter.ItemNameLogFormatter"  # drop lines name the page, not its bytes
RETRY_GIVE_UP_LOG_LEVEL = "INFO"  # the spider's "Failed <url> (<kind>), <what> found on <page>" line reports it
STATS_CLASS = "crawler.crawl.statscollector.PlainStatsCollector"  # Scrapy's, without a shim costing 3 µs per stats call

# --- Run health (crawler.crawl.health, docs/monitoring.md): each source against its own recent runs ---
NEWS_HEALTH = True  # measure each source every run and keep it in the crawl state
NEWS_HEALTH_HISTORY_RUNS = 5  # compare with the median of this many earlier runs of the source
NEWS_HEALTH_MIN_RUNS = 2  # earlier runs a source needs before it is compared (before: "baseline")
NEWS_HEALTH_MIN_ARTICLES = 3  # coverage, text and yield checks need this many articles in the run
NEWS_HEALTH_MAX_ARTICLE_DROP = 0.5  # articles seen may fall by this share of the median
NEWS_HEALTH_MAX_YIELD_DROP = 0.3  # share of extracted article pages giving an article may fall by this much
NEWS_HEALTH_MAX_COVERAGE_DROP = 0.3  # a field's coverage may fall by this much (0.95 -> 0.20 fails)
NEWS_HEALTH_MAX_WORDS_DROP = 0.5  # the median word count may fall by this share
NEWS_HEALTH_MAX_ERROR_RISE = 0.2  # the share of failed, or of refused (401/403/429/451), requests may rise this much
NEWS_HEALTH_MAX_SHORT_TEXT_RISE = 0.3  # the share of short texts may rise this much
NEWS_HEALTH_MAX_LOST_SHARE = 0.5  # known article pages answered in full but without an article (a wall)
NEWS_HEALTH_SHORT_TEXT_RATIO = 0.01  # a text is short under this share of its page's size in bytes
NEWS_HEALTH_EXIT_STATUS = False  # True: a failing source makes the crawl exit with status 4 (cron alerts)
NEWS_HEALTH_ACTIONS: list[str] = []  # Spidermon actions run when a check fails (e-mail, Slack, webhook)
NEWS_HEALTH_WEBHOOK_URL = None  # for crawler.crawl.health.actions.PostWebhook
NEWS_HEALTH_EMAIL_TO: list[str] = []  # for crawler.crawl.health.actions.SendHealthEmail (Scrapy's MAIL_* settings)
SPIDER_MIDDLEWARES = {"crawler.crawl.health.pages.PageHealthMiddleware": 900}  # each page's article to the health
SPIDERMON_ENABLED = True
SPIDERMON_SPIDER_CLOSE_MONITORS = ["crawler.crawl.health.monitors.SourceHealthSuite"]

# --- Engine -----------------------------------------------------------------------------------------
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_INDENT = None
LOG_LEVEL = "INFO"
