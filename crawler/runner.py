"""Run portal crawls in this process with Scrapy and hand each snapshot over as it completes.

Snapshots stream out through ``on_snapshot`` as each portal's spider closes, so a caller can
store one portal and forget it before the next finishes (the nightly run relies on this).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.resolver import SETTING as RESOLVE_SETTING
from crawler.spiders.portal import PortalSpider, ProgressFn
from nd42.config import CrawlOptions, PortalConfig
from nd42.records import PortalSnapshot


def build_settings(options: CrawlOptions, log_level: str = "ERROR", extra: dict[str, Any] | None = None,
                   portals: int = 1) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    throttle = options.autothrottle and options.delay > 0
    settings.setdict(
        {
            "CONCURRENT_REQUESTS_PER_DOMAIN": options.concurrency,
            # A global cap too: Scrapy's robots.txt fetches do not always wait for the domain's slot.
            "CONCURRENT_REQUESTS": max(options.concurrency * portals, options.concurrency),
            "DOWNLOAD_DELAY": options.delay,
            "RANDOMIZE_DOWNLOAD_DELAY": options.delay > 0,
            "AUTOTHROTTLE_ENABLED": throttle,
            "AUTOTHROTTLE_START_DELAY": max(options.delay, 0.1),
            "DOWNLOAD_TIMEOUT": options.timeout,
            "RETRY_TIMES": options.retries,
            "ROBOTSTXT_OBEY": options.obey_robots,
            "LOG_LEVEL": log_level,
        },
        priority="cmdline",
    )
    if options.user_agent:
        settings.set("USER_AGENT", options.user_agent, priority="cmdline")
    if options.resolve:
        settings.set("TWISTED_DNS_RESOLVER", "crawler.resolver.OverrideResolver", priority="cmdline")
        settings.set(RESOLVE_SETTING, dict(options.resolve), priority="cmdline")
        # A proxy would look the mapped names up in the DNS (robots.txt requests included): connect directly.
        settings.set("HTTPPROXY_ENABLED", False, priority="cmdline")
    if extra:
        settings.setdict(extra, priority="cmdline")
    return settings


def crawl_portals(portals: Iterable[PortalConfig], options: CrawlOptions, clock: dt.datetime,
                  on_snapshot: Callable[[PortalSnapshot], None], progress: ProgressFn | None = None,
                  log_level: str = "ERROR", extra_settings: dict[str, Any] | None = None) -> None:
    """Crawl every portal (one spider each, all in one reactor) and call ``on_snapshot`` per portal."""
    options.validate()
    portals = list(portals)
    process = CrawlerProcess(build_settings(options, log_level, extra_settings, portals=len(portals)))
    for portal in portals:
        process.crawl(PortalSpider, portal=portal, options=options, clock=clock, on_done=on_snapshot,
                      progress=progress)
    process.start()
