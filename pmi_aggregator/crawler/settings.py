"""Scrapy settings for pmi-aggregator: polite by default, bounded in size and time.

Every ``PMI_*`` setting is declared here once, with its default; components read it without
repeating the default. Scrapy's own surfaces that a news crawler does not need (the telnet console,
the remote-control server and its job files, job directories) are switched off.
"""

from pmi_aggregator import __version__

BOT_NAME = "pmi-aggregator"
SPIDER_LOADER_CLASS = "pmi_aggregator.crawler.loader.SourceSpiderLoader"
"""One spider per configured source (``scrapy list``, ``scrapy crawl <source>``)."""
COMMANDS_MODULE = "pmi_aggregator.crawler.commands"
"""``scrapy crawl <source>`` with the summary and exit status of ``pmi crawl``."""

USER_AGENT = (
    f"pmi-aggregator/{__version__} (open-source news research crawler for Indonesian migrant-worker "
    "news; polite: robots.txt, 2 requests at a time per site)"
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
REMOTE_CONTROL_ENABLED = False
"""Scrapy 2.19's per-crawl HTTP server that runs posted Python code; it also writes a job file
under the user's state folder (outside the data folder)."""
JOBDIR = None
"""No pausable-job files: the crawl state beside the index makes runs resumable."""

RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
RETRY_EXCEPTIONS = [
    "scrapy.exceptions.DownloadConnectionRefusedError",
    "scrapy.exceptions.DownloadFailedError",
    "scrapy.exceptions.DownloadTimeoutError",
    "scrapy.exceptions.ResponseDataLossError",
    "twisted.internet.error.ConnectionDone",
    "twisted.internet.error.ConnectError",
    "twisted.internet.error.ConnectionLost",
    OSError,
    "scrapy.core.downloader.handlers.http11.TunnelError",
]
"""Scrapy's list without ``CannotResolveHostError``: a name that does not resolve (offline, or no
such host) will not resolve a second later either."""
RETRY_GIVE_UP_LOG_LEVEL = "DEBUG"
"""The errback (or the unreachable-host guard) logs the final failure once, with its reason."""
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
    # Before robots.txt (100) so a host found unreachable is refused at once; its process_exception
    # runs after the retries (550) gave up.
    "pmi_aggregator.crawler.unreachable.UnreachableHostMiddleware": 50,
    # A robots.txt download failure in one line, not a traceback; its process_exception runs after
    # the unreachable-host guard's (the lower number, the later), which says unreachable hosts itself.
    "pmi_aggregator.crawler.robots.RobotsFailureMiddleware": 45,
    "pmi_aggregator.crawler.middlewares.ChallengePageMiddleware": 585,
    "pmi_aggregator.crawler.middlewares.CharsetRepairMiddleware": 586,
    "pmi_aggregator.crawler.middlewares.XmlEntityMiddleware": 587,
    "pmi_aggregator.crawler.middlewares.RedirectLoopMiddleware": 610,
    # Only in a replay (``PMI_REPLAY``): first in line, it answers every request from the archive.
    "pmi_aggregator.crawler.replay.ReplayDownloaderMiddleware": 1,
}
DOWNLOAD_HANDLERS = {
    "http": "pmi_aggregator.crawler.header_limits.HeaderCappedDownloadHandler",
    "https": "pmi_aggregator.crawler.header_limits.HeaderCappedDownloadHandler",
}
PMI_MAX_HEADER_BYTES = 256 * 1024
"""Bytes of a response's header block at most (news sites send a few KB; cookies and CSPs 30 KB)."""
PMI_MAX_HEADERS = 500
"""Header lines of a response at most (a flood of distinct names is refused past it)."""
PMI_DNS_TIMEOUT = 5.0
"""Seconds for the SSRF guard's lookup of a host name."""
SPIDER_MIDDLEWARES = {
    # Last for exceptions (the lower, the later): Scrapy's HttpErrorMiddleware (50) handles its own.
    "pmi_aggregator.crawler.callback_errors.CallbackErrorMiddleware": 45,
    "pmi_aggregator.crawler.replay.ReplayStartMiddleware": 900,  # only in a replay
    "pmi_aggregator.crawler.retries.RetryFirstMiddleware": 800,  # what earlier runs could not store
}
ITEM_PIPELINES = {
    "pmi_aggregator.crawler.pipelines.NormalizePipeline": 300,
    "pmi_aggregator.crawler.pipelines.AnnotatePipeline": 400,
    "pmi_aggregator.crawler.pipelines.IndexPipeline": 800,
}
EXTENSIONS = {
    # Off, and not even imported (the remote control pulls in aiohttp): see their settings above.
    "scrapy.extensions.telnet.TelnetConsole": None,
    "scrapy.extensions.remote_control.RemoteControl": None,
    "pmi_aggregator.crawler.extensions.CrawlStateExtension": 100,
    "pmi_aggregator.crawler.extensions.ProgressExtension": 500,
    "pmi_aggregator.crawler.archiving.ArchiveExtension": 600,
    "pmi_aggregator.crawler.templates.TemplateExtension": 110,
    "pmi_aggregator.crawler.budget.TimeBudgetExtension": 120,
}

PMI_INDEX = None
"""Index URL or path; None means PMI_INDEX / the config file / the default data file."""
PMI_BATCH_SIZE = 50
"""Articles written to the index per transaction."""
PMI_LINK_STORIES = True
"""Link each batch into copy groups and stories (``stories``) before the index takes it."""
PMI_STATE = None
"""Crawl state file; None means the one beside the index (``index.location.state_path_for``)."""
PMI_CONFIG_PATH = None
"""Config file the spider loader reads sources from; None means PMI_CONFIG or the default file."""
PMI_FUTURE_TOLERANCE_HOURS = 24.0
"""Hours a publication date may lie in the future (time-zone slips) before it is rejected."""
PMI_PROGRESS = False
"""A live status line per source on a terminal (``pmi crawl`` sets it when stderr is a terminal)."""
PMI_ARCHIVE = True
"""Keep every fetched response (pages, feeds, listings, with their headers) in compressed WARC files,
so ``pmi reextract`` can re-read them with a newer extractor and ``pmi archive export`` can hand them
to other tools."""
PMI_ARCHIVE_DIR = None
"""The archive folder; None means beside the index (``index.location.archive_dir_for``)."""
PMI_ARCHIVE_FILE_MB = 100.0
"""A WARC file is closed, and the next one started, past this size."""
PMI_ARCHIVE_RETENTION_DAYS = 365.0
"""Archive files last written longer ago are deleted when a crawl of their source starts; 0 keeps
them forever."""
PMI_TEMPLATES = True
"""Learn each source's page template (the blocks its pages repeat) and drop it from the text of
sources without body rules of their own (``extract.template``)."""
PMI_TEMPLATES_PATH = None
"""Where the learned templates live; None means beside the crawl state."""
PMI_REPLAY = False
"""Answer every request from the archive instead of the web (set by ``pmi reextract``)."""
PMI_REPLAY_SINCE = None
"""In a replay, only responses archived at or after this ISO instant."""
PMI_SOURCE_BUDGET = 3 * 3600.0
"""Seconds one source may run; then it stops as ``partial`` (its cursor stays) and the run goes on."""
PMI_RUN_BUDGET = 6 * 3600.0
"""Seconds the whole run may take, from its first source's start; then every source still running
stops as ``partial``."""
PMI_SHUTDOWN_GRACE = 3.0
"""Seconds a Ctrl-C or SIGTERM lets the crawl close cleanly before it stops at once."""

LOG_LEVEL = "INFO"
LOG_INSTALL_ROOT_HANDLER = False
"""The CLI and the crawl process configure logging themselves (one handler, one format)."""
STATS_DUMP = False
LOGSTATS_INTERVAL = 0
FEED_EXPORT_ENCODING = "utf-8"
