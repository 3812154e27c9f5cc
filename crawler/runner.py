"""Run portal crawls in this process with Scrapy and hand each snapshot over as it completes.

Snapshots stream out through ``on_snapshot`` as each portal's spider closes, so a caller can
store one portal and forget it before the next finishes (the nightly run relies on this).

Each portal's network probes (:mod:`crawler.probes`) run before its crawl, in a thread pool across
portals: portals on one host are probed one after the other by the same worker and crawled only
once all of them are probed, so a host never sees a probe connection beside the crawl's own.  The
probes' results join the snapshot when its spider closes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.probes import run_probes, skipped_probes
from crawler.probes.crawlside import HomeChain, complete
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


PROBE_WORKERS = 4  # hosts probed at once; each probe is a few sequential, mostly idle connections
Probes = dict[str, dict[str, Any]]


def _with_probes(on_snapshot: Callable[[PortalSnapshot], None], probes: Probes, chain: HomeChain,
                 budget: int) -> Callable[[PortalSnapshot], None]:
    def done(snapshot: PortalSnapshot) -> None:
        try:
            complete(probes, snapshot, chain)
        except Exception as exc:  # a bug here must not cost the portal its snapshot
            probes.setdefault("network", {})["complete_error"] = f"{type(exc).__name__}: {exc}"[:300]
        snapshot.probes.update(probes)
        network = probes.get("network", {})
        # The probes' requests are requests to the portal too: they came out of the page budget.
        snapshot.crawl["crawl_budget"] = snapshot.crawl.get("page_budget")
        snapshot.crawl["page_budget"] = budget
        snapshot.crawl["probe_connections"] = network.get("connections", 0)
        snapshot.crawl["probe_http_requests"] = network.get("http_requests", 0)
        on_snapshot(snapshot)
    return done


def _host_groups(portals: list[PortalConfig]) -> list[list[PortalConfig]]:
    groups: dict[str, list[PortalConfig]] = {}
    for portal in portals:
        host = (urlsplit(portal.url).hostname or "").lower().removeprefix("www.")
        groups.setdefault(host, []).append(portal)
    return list(groups.values())


def _probe_group(group: list[PortalConfig], options: CrawlOptions, clock: dt.datetime) -> list[Probes]:
    out = []
    for portal in group:
        try:
            out.append(run_probes(portal, options, clock))
        except Exception as exc:  # the probes classify network errors themselves: this is a bug
            probes = skipped_probes("probe_error")
            probes["network"]["error"] = f"{type(exc).__name__}: {exc}"[:300]
            out.append(probes)
    return out


def crawl_portals(portals: Iterable[PortalConfig], options: CrawlOptions, clock: dt.datetime,
                  on_snapshot: Callable[[PortalSnapshot], None], progress: ProgressFn | None = None,
                  log_level: str = "ERROR", extra_settings: dict[str, Any] | None = None) -> None:
    """Probe and crawl every portal (one spider each, all in one reactor); ``on_snapshot`` per portal."""
    options.validate()
    portals = list(portals)
    settings = build_settings(options, log_level, extra_settings, portals=len(portals))
    process = CrawlerProcess(settings)

    def launch(portal: PortalConfig, probes: Probes) -> Any:
        if progress is not None:
            progress("probes", {"portal": portal.id, "pages": 0, "sections": [],
                                "probes": {k: v.get("status") for k, v in probes.items()}})
        chain = HomeChain()
        crawler = process.create_crawler(PortalSpider)
        crawler.signals.connect(chain, signal=signals.response_downloaded)
        spent = int(probes.get("network", {}).get("http_requests", 0))
        crawl_options = dataclasses.replace(options, page_budget=max(1, options.page_budget - spent))
        return process.crawl(crawler, portal=portal, options=crawl_options, clock=clock,
                             on_done=_with_probes(on_snapshot, probes, chain, options.page_budget), progress=progress)

    if not options.network_probes or not portals:
        for portal in portals:
            launch(portal, skipped_probes("disabled"))
        process.start()
        return
    _pipeline(process, settings, _host_groups(portals), options, clock, launch)


def _pipeline(process: CrawlerProcess, settings: Settings, groups: list[list[PortalConfig]], options: CrawlOptions,
              clock: dt.datetime, launch: Callable[[PortalConfig, Probes], Any]) -> None:
    """Crawl each host group as soon as its probes are done, in the reactor, which stops after the last crawl."""
    from scrapy.utils.reactor import install_reactor

    # Nothing is crawled before the reactor starts, so Scrapy has not installed its reactor yet.
    if settings.get("TWISTED_REACTOR"):
        install_reactor(settings["TWISTED_REACTOR"], settings.get("ASYNCIO_EVENT_LOOP"))
    from twisted.internet import reactor as installed

    reactor: Any = installed  # Twisted types the module attribute loosely; it is the installed reactor
    left = [len(groups)]

    def probed(group: list[PortalConfig], future: Future[list[Probes]]) -> None:
        try:
            results = future.result()
        except Exception:
            results = [skipped_probes("probe_error") for _ in group]
        try:
            for portal, probes in zip(group, results, strict=True):
                launch(portal, probes)
        finally:
            left[0] -= 1
            if left[0] == 0:
                process.join().addBoth(stop)

    def stop(_: object) -> None:
        with contextlib.suppress(RuntimeError):  # already stopping (Ctrl-C)
            reactor.stop()

    pool = ThreadPoolExecutor(max_workers=min(PROBE_WORKERS, len(groups)), thread_name_prefix="nd42-probe")

    def hand_over(group: list[PortalConfig]) -> Callable[[Future[list[Probes]]], None]:
        # Called in the pool's thread: the crawl starts in the reactor's.
        return lambda future: reactor.callFromThread(probed, group, future)

    for group in groups:
        pool.submit(_probe_group, group, options, clock).add_done_callback(hand_over(group))
    try:
        process.start(stop_after_crawl=False)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
