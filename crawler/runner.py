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
import logging
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.resolver import dnscache
from scrapy.settings import Settings
from twisted.internet import defer, threads
from twisted.internet.base import ReactorBase
from twisted.internet.error import DNSLookupError
from twisted.python.failure import Failure

from crawler import logs
from crawler.probes import run_probes, skipped_probes
from crawler.probes.crawlside import HomeChain, complete
from crawler.probes.dns import Resolver
from crawler.probes.net import Deadline, is_ip
from crawler.resolver import SETTING as RESOLVE_SETTING
from crawler.resolver import OverrideResolver
from crawler.spiders.portal import PortalSpider, ProgressFn
from nd42.config import CrawlOptions, PortalConfig, portal_host, site_domain
from nd42.records import PortalSnapshot

log = logging.getLogger(__name__)


def build_settings(options: CrawlOptions, log_level: str = "ERROR", extra: dict[str, Any] | None = None,
                   portals: int = 1) -> Settings:
    """Scrapy settings for the run.  ``portals`` is accepted for older callers: every crawler is one
    portal with its own downloader, so the caps below are per portal whatever the count."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    throttle = options.autothrottle and options.delay > 0
    settings.setdict(
        {
            "CONCURRENT_REQUESTS_PER_DOMAIN": options.concurrency,
            # The portal's total too (a crawler's cap, not the process's): the www twin is another
            # download slot on the same server, and a small cap keeps what is already handed to the
            # downloader, and so still fetched after a time budget runs out, to a request or two.
            "CONCURRENT_REQUESTS": options.concurrency,
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
    if options.resolve or options.dns_server:
        settings.set("TWISTED_DNS_RESOLVER", "crawler.runner.ConfiguredResolver", priority="cmdline")
        settings.set(RESOLVE_SETTING, dict(options.resolve), priority="cmdline")
        settings.set(DNS_SERVER_SETTING, options.dns_server, priority="cmdline")
        # A proxy would look the names up in its own DNS (robots.txt requests included): connect directly.
        settings.set("HTTPPROXY_ENABLED", False, priority="cmdline")
    if extra:
        settings.setdict(extra, priority="cmdline")
    return settings


DNS_SERVER_SETTING = "ND42_DNS_SERVER"
FAILED_LOOKUP_TTL = 60.0  # seconds a name the DNS server could not give is not asked about again


class ConfiguredResolver(OverrideResolver):
    """``--resolve``'s table first, then the ``--dns-server`` the probes ask; the system's resolver only
    when no server is given.  A run with a DNS server of its own (the demo's, the tests') must send no
    name to any other, and a name that server does not know must fail the crawl as it failed the DNS
    probe, not be answered by whatever the machine's resolver says."""

    def __init__(self, reactor: ReactorBase, cache_size: int, timeout: float, table: dict[str, str] | None = None,
                 server: str | None = None) -> None:
        super().__init__(reactor, cache_size, timeout, table)
        self.server = Resolver.at(server, timeout) if server else None
        self.failed: dict[str, tuple[float, str]] = {}

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: ReactorBase) -> ConfiguredResolver:
        settings = crawler.settings
        cache_size = settings.getint("DNSCACHE_SIZE") if settings.getbool("DNSCACHE_ENABLED") else 0
        # The lookup is part of the request: it gets no longer than a download would.
        timeout = min(settings.getfloat("DNS_TIMEOUT"), settings.getfloat("DOWNLOAD_TIMEOUT"))
        return cls(reactor, cache_size, timeout, dict(settings.getdict(RESOLVE_SETTING)),
                   settings.get(DNS_SERVER_SETTING) or None)

    def getHostByName(self, name: str, timeout: Any = ()) -> defer.Deferred[str]:
        key = name.lower().rstrip(".")
        if self.server is None or key in self.table:
            return super().getHostByName(name, timeout)
        if is_ip(key):
            return defer.succeed(key)
        if key in dnscache:
            return defer.succeed(dnscache[key])
        failed = self.failed.get(key)
        if failed is not None and time.monotonic() - failed[0] < FAILED_LOOKUP_TTL:
            return defer.fail(DNSLookupError(failed[1]))
        reactor: Any = self.reactor
        found = threads.deferToThreadPool(reactor, reactor.getThreadPool(), self._lookup, key)
        return found.addCallback(self._answered, key)

    def _lookup(self, name: str) -> tuple[str | None, str]:
        """In a pool thread: the name's first address, or None and why."""
        assert self.server is not None
        deadline = Deadline(self.timeout)
        error = None
        for rtype in ("A", "AAAA"):
            try:
                answer = self.server.query(name, rtype, deadline)
            except Exception as exc:  # dnspython on a malformed name or answer: a failed lookup all the same
                return None, f"{name}: {type(exc).__name__}: {exc}"
            if answer.addresses:
                return answer.addresses[0], ""
            error = error or answer.error_class
            if error is not None:
                break
        return None, f"{name}: {error or 'no address'} (DNS server {self.server.label})"

    def _answered(self, result: tuple[str | None, str], name: str) -> str:
        # Back in the reactor's thread: the caches are only touched here.
        address, message = result
        if address is None:
            self.failed[name] = (time.monotonic(), message)
            raise DNSLookupError(message)
        dnscache[name] = address
        return address


PROBE_WORKERS = 4  # hosts probed at once; each probe is a few sequential, mostly idle connections
Probes = dict[str, dict[str, Any]]


def _with_probes(on_snapshot: Callable[[PortalSnapshot], None], probes: Probes, chain: HomeChain,
                 budget: int, time_budget: float | None) -> Callable[[PortalSnapshot], None]:
    def done(snapshot: PortalSnapshot) -> None:
        try:
            complete(probes, snapshot, chain)
        except Exception as exc:  # a bug here must not cost the portal its snapshot
            probes.setdefault("network", {})["complete_error"] = f"{type(exc).__name__}: {exc}"[:300]
        snapshot.probes.update(probes)
        network = probes.get("network", {})
        # The probes' requests and time are the portal's too: they came out of its budgets.
        snapshot.crawl["crawl_budget"] = snapshot.crawl.get("page_budget")
        snapshot.crawl["page_budget"] = budget
        snapshot.crawl["crawl_time_budget"] = snapshot.crawl.get("time_budget")
        snapshot.crawl["time_budget"] = time_budget
        snapshot.crawl["probe_connections"] = network.get("connections", 0)
        snapshot.crawl["probe_http_requests"] = network.get("http_requests", 0)
        on_snapshot(snapshot)
    return done


TIME_FLOOR = 0.1  # of its time budget, a portal's crawl keeps at least this share after slow probes


def budgets(portal: PortalConfig, options: CrawlOptions) -> tuple[int, float | None]:
    """A portal's page and time budgets as asked: its registry entry's, else the run's."""
    return portal.page_budget or options.page_budget, portal.time_budget or options.time_budget


def portal_options(portal: PortalConfig, options: CrawlOptions, probes: Probes) -> CrawlOptions:
    """The crawl's own bounds: the portal's budgets less what its probes spent."""
    network = probes.get("network", {})
    budget, time_budget = budgets(portal, options)
    spent = int(network.get("http_requests", 0))
    crawl_time = None
    if time_budget is not None:
        crawl_time = max(time_budget - float(network.get("duration_s") or 0.0), time_budget * TIME_FLOOR)
    return dataclasses.replace(options, page_budget=max(1, budget - spent), time_budget=crawl_time)


@dataclasses.dataclass
class CrawlOutcome:
    """How a call of :func:`crawl_portals` ended (the snapshots went to ``on_snapshot``)."""

    total: int
    finished: int = 0  # crawls that ended, a snapshot handed over or not
    failed: list[str] = dataclasses.field(default_factory=list)  # portal ids whose crawl raised
    peak: int = 0  # most spiders running at the same time

    @property
    def interrupted(self) -> bool:
        """Stopped before every portal's crawl ended (a signal stopped the reactor)."""
        return self.finished < self.total


@dataclasses.dataclass(frozen=True)
class _Keys:
    host: str
    site: str
    addresses: frozenset[str]


def _keys(portal: PortalConfig, probes: Probes, resolve: dict[str, str]) -> _Keys:
    host = portal_host(portal.url)
    dns = probes.get("dns", {})
    found = [*dns.get("a", []), *dns.get("aaaa", [])] if isinstance(dns, dict) else []
    mapped = resolve.get(host) or resolve.get(f"www.{host}")
    return _Keys(host, site_domain(host), frozenset([*found, *([mapped] if mapped else [])]))


class Slots:
    """Starts crawls as slots free up: at most ``limit`` at once, never two on one host.

    ``start(portal, probes)`` begins a crawl and returns a Deferred that fires when it is over;
    ``finished()`` is called once, after the last of ``total`` portals.  Runs in the reactor's thread.
    ``order`` ranks the portals (portal id → position); ``resolve`` is ``--resolve``'s map, whose
    addresses count as the hosts' own.
    """

    def __init__(self, limit: int, total: int, start: Callable[[PortalConfig, Probes], Any],
                 order: dict[str, int], resolve: dict[str, str] | None = None,
                 finished: Callable[[], None] = lambda: None) -> None:
        self.stopping = False  # a signal is stopping the process: start nothing more
        self.limit = max(1, limit)
        self.outcome = CrawlOutcome(total)
        self.start = start
        self.finished = finished
        self.order = order
        self.resolve = {h.lower(): ip for h, ip in (resolve or {}).items()}
        self.ready: list[tuple[int, PortalConfig, Probes, _Keys]] = []
        self.running: dict[int, _Keys] = {}
        self._tokens = 0

    def add(self, ready: Iterable[tuple[PortalConfig, Probes]]) -> None:
        """Portals ready to start (probed), all at once so that the choice sees them together."""
        for portal, probes in ready:
            rank = self.order.get(portal.id, len(self.order))
            self.ready.append((rank, portal, probes, _keys(portal, probes, self.resolve)))
        self.ready.sort(key=lambda entry: entry[0])
        self.fill()

    def _pick(self) -> int | None:
        hosts = {k.host for k in self.running.values()}
        sites = {k.site for k in self.running.values()}
        addresses = frozenset().union(*(k.addresses for k in self.running.values()))
        first = None
        for index, (_rank, _portal, _probes, keys) in enumerate(self.ready):
            if keys.host in hosts:
                continue
            if keys.site not in sites and not keys.addresses & addresses:
                return index
            first = index if first is None else first
        return first

    def fill(self) -> None:
        while not self.stopping and len(self.running) < self.limit and (index := self._pick()) is not None:
            _rank, portal, probes, keys = self.ready.pop(index)
            self._tokens += 1
            token = self._tokens
            self.running[token] = keys
            self.outcome.peak = max(self.outcome.peak, len(self.running))
            # maybeDeferred: a start that raises is a failed crawl like any other, counted below.
            defer.maybeDeferred(self.start, portal, probes).addBoth(self._closed, token, portal.id)

    def _closed(self, result: Any, token: int, portal_id: str) -> None:
        if isinstance(result, Failure):
            # One portal's broken crawl never ends the night: it is counted and the next one starts.
            log.error("crawl of %s failed: %s", portal_id, result.getErrorMessage())
            self.outcome.failed.append(portal_id)
        self.running.pop(token, None)
        self.outcome.finished += 1
        if self.outcome.finished >= self.outcome.total:
            self.finished()
        else:
            self.fill()


def _host_groups(portals: list[PortalConfig]) -> list[list[PortalConfig]]:
    groups: dict[str, list[PortalConfig]] = {}
    for portal in portals:
        groups.setdefault(portal_host(portal.url), []).append(portal)
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
                  log_level: str = "ERROR", extra_settings: dict[str, Any] | None = None, *,
                  max_at_once: int | None = None) -> CrawlOutcome:
    """Probe and crawl every portal (one spider each, all in one reactor); ``on_snapshot`` per portal.

    ``max_at_once`` bounds the spiders running together (default: all of them); portals start in
    the given order as slots free up.  Snapshots are handed over one by one and never kept here.
    """
    options.validate()
    portals = list(portals)
    if not portals:
        return CrawlOutcome(0)
    limit = max_at_once or len(portals)
    settings = build_settings(options, log_level, extra_settings, portals=min(limit, len(portals)))
    process = CrawlerProcess(settings)
    logs.install()

    def closed(spider: Any, reason: str) -> None:
        # Scrapy closes every spider with "shutdown" when a signal stops the process: the crawls
        # that end then must not make room for new ones.
        if reason == "shutdown":
            slots.stopping = True

    def launch(portal: PortalConfig, probes: Probes) -> Any:
        if progress is not None:
            progress("probes", {"portal": portal.id, "pages": 0, "sections": [],
                                "probes": {k: v.get("status") for k, v in probes.items()}})
        chain = HomeChain()
        crawler = process.create_crawler(PortalSpider)
        crawler.signals.connect(chain, signal=signals.response_downloaded)
        crawler.signals.connect(closed, signal=signals.spider_closed)
        done = _with_probes(on_snapshot, probes, chain, *budgets(portal, options))
        return process.crawl(crawler, portal=portal, options=portal_options(portal, options, probes), clock=clock,
                             on_done=done, progress=progress)

    slots = Slots(limit, len(portals), launch, {portal.id: rank for rank, portal in enumerate(portals)},
                  options.resolve)
    return _pipeline(process, settings, portals, options, clock, slots)


def _pipeline(process: CrawlerProcess, settings: Settings, portals: list[PortalConfig], options: CrawlOptions,
              clock: dt.datetime, slots: Slots) -> CrawlOutcome:
    """Hand each host group to the slots as soon as its probes are done; the reactor stops after the last crawl."""
    from scrapy.utils.reactor import install_reactor

    # Nothing is crawled before the reactor starts, so Scrapy has not installed its reactor yet.
    if settings.get("TWISTED_REACTOR"):
        install_reactor(settings["TWISTED_REACTOR"], settings.get("ASYNCIO_EVENT_LOOP"))
    from twisted.internet import reactor as installed

    reactor: Any = installed  # Twisted types the module attribute loosely; it is the installed reactor

    def stop() -> None:
        with contextlib.suppress(RuntimeError):  # already stopping (Ctrl-C)
            reactor.stop()

    slots.finished = stop
    if not options.network_probes:
        reactor.callWhenRunning(slots.add, [(portal, skipped_probes("disabled")) for portal in portals])
        process.start(stop_after_crawl=False)
        return slots.outcome
    groups = _host_groups(portals)

    def probed(group: list[PortalConfig], future: Future[list[Probes]]) -> None:
        try:
            results = future.result()
        except Exception:
            results = [skipped_probes("probe_error") for _ in group]
        slots.add(zip(group, results, strict=True))

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
    return slots.outcome
