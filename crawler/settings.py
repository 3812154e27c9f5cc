"""Scrapy settings for nd42's portal spider: polite by default.

Government servers are fragile, so every default below leans towards asking little: robots.txt
obeyed, one or two requests at a time per portal, a delay that AutoThrottle stretches when the
server slows down, generous timeouts, few retries, each one later than the last.  ``nd42``
overrides some of these per run from its own options (see ``nd42.config.CrawlOptions``);
``scrapy crawl portal -a url=...`` uses them as they are.
"""

from nd42 import __version__

BOT_NAME = "nd42"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Identify ourselves and give webmasters a way to reach the project.
CONTACT_URL = "https://github.com/nd42-vn/nd42"
USER_AGENT = f"nd42/{__version__} (+{CONTACT_URL}; kiem tra tuan thu Nghi dinh 42/2022/ND-CP)"

# Politeness
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
RANDOMIZE_DOWNLOAD_DELAY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 15.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Timeouts, retries, sizes
DOWNLOAD_TIMEOUT = 30
DNS_TIMEOUT = 20
RETRY_ENABLED = True
RETRY_TIMES = 2
# A request that still fails is recorded with its error class (failure is data): not an error of the run.
RETRY_GIVE_UP_LOG_LEVEL = "WARNING"
# Retries wait (crawler/middlewares.py): 1 s, then 2 s, ... at most 30 s, up to 20 % more so that portals
# failing together do not come back together; a 429/503's Retry-After is honoured up to 30 s, and beyond
# that the answer stands (the server is asking for another night, not another try).
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    # Redirects and meta refreshes keep to the portal's hosts and to http(s), and loops end at once.
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.middlewares.GuardedRedirectMiddleware": 600,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.GuardedMetaRefreshMiddleware": 580,
}
# Scrapy's list less CannotResolveHostError: a name that did not resolve is not asked again a second later (the
# resolver keeps the failure for a minute, and the DNS probe has already asked), it would only spend the budget.
RETRY_EXCEPTIONS = [
    "scrapy.exceptions.DownloadConnectionRefusedError",
    "scrapy.exceptions.DownloadFailedError",
    "scrapy.exceptions.DownloadTimeoutError",
    "scrapy.exceptions.ResponseDataLossError",
    "twisted.internet.error.ConnectionDone",
    "twisted.internet.error.ConnectError",
    "twisted.internet.error.ConnectionLost",
    "builtins.OSError",
    "scrapy.core.downloader.handlers.http11.TunnelError",
]
RETRY_BACKOFF_BASE = 1.0
RETRY_BACKOFF_MAX = 30.0
RETRY_BACKOFF_JITTER = 0.2
RETRY_AFTER_MAX = 30.0
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
REDIRECT_MAX_TIMES = 6
METAREFRESH_ENABLED = True
METAREFRESH_IGNORE_TAGS = ["noscript"]
METAREFRESH_MAXDELAY = 100

# The spider enforces its own page budget and depth cap; this is a backstop.
CLOSESPIDER_PAGECOUNT = 0
DEPTH_LIMIT = 0

COOKIES_ENABLED = True
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "WARNING"
FEED_EXPORT_ENCODING = "utf-8"
