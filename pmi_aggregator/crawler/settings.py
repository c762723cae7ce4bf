"""Scrapy settings for pmi-aggregator: polite by default, bounded in size and time."""

from pmi_aggregator import __version__

BOT_NAME = "pmi-aggregator"
SPIDER_LOADER_CLASS = "pmi_aggregator.crawler.loader.SourceSpiderLoader"
"""One spider per configured source (``scrapy list``, ``scrapy crawl <source>``)."""

USER_AGENT = (
    f"pmi-aggregator/{__version__} (news research crawler for Indonesian migrant-worker news; "
    "+https://pypi.org/project/pmi-aggregator/)"
)
ROBOTSTXT_OBEY = True

CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
PMI_RETRY_BASE_DELAY = 2.0
"""Seconds before the first retry; doubled on each further retry (with jitter)."""
PMI_RETRY_MAX_DELAY = 120.0
"""Upper bound for any wait, including a server's Retry-After."""

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "pmi_aggregator.crawler.middlewares.BackoffRetryMiddleware": 550,
    # Reliability guards (see README "Reliability"): before offsite/robots, after decompression,
    # before the redirect step.
    "pmi_aggregator.crawler.middlewares.SsrfGuardMiddleware": 40,
    "pmi_aggregator.crawler.middlewares.ChallengePageMiddleware": 585,
    "pmi_aggregator.crawler.middlewares.CharsetRepairMiddleware": 586,
    "pmi_aggregator.crawler.middlewares.XmlEntityMiddleware": 587,
    "pmi_aggregator.crawler.middlewares.RedirectLoopMiddleware": 610,
}
PMI_DNS_TIMEOUT = 5.0
"""Seconds for the SSRF guard's lookup of a host name."""
ITEM_PIPELINES = {
    "pmi_aggregator.crawler.pipelines.NormalizePipeline": 300,
    "pmi_aggregator.crawler.pipelines.RelevancePipeline": 400,
    "pmi_aggregator.crawler.pipelines.IndexPipeline": 800,
}
EXTENSIONS = {
    "pmi_aggregator.crawler.extensions.CrawlStateExtension": 100,
    "pmi_aggregator.crawler.extensions.ProgressExtension": 500,
}

PMI_INDEX = None
"""Index URL or path; None means PMI_INDEX / the config file / the default data file."""
PMI_BATCH_SIZE = 50
"""Articles written to the index per transaction."""
PMI_FUTURE_TOLERANCE_HOURS = 24
PMI_PROGRESS = False

LOG_LEVEL = "INFO"
LOG_INSTALL_ROOT_HANDLER = False
"""The CLI and the crawl process configure logging themselves (one handler, one format)."""
STATS_DUMP = False
LOGSTATS_INTERVAL = 0
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
