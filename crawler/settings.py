"""Scrapy settings for nd42's portal spider: polite by default.

Government servers are fragile, so every default below leans towards asking little: robots.txt
obeyed, one or two requests at a time per portal, a delay that AutoThrottle stretches when the
server slows down, generous timeouts, few retries.  ``nd42`` overrides some of these per run
from its own options (see ``nd42.config.CrawlOptions``); ``scrapy crawl portal -a url=...`` uses
them as they are.
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
