"""A night's crawl in several processes: ``nd42 nightly --workers N`` (docs/scheduling.md).

One Python process crawls, extracts and judges about one core's worth of pages; a registry of a
thousand portals needs more than that in a night's window.  The portals are split into N shards of
whole hosts (a host and its ``www.`` twin), so a host is only ever crawled by one worker and every
per-host guarantee (one crawl of a host at once, its concurrency, delays, backoff, Retry-After)
holds exactly as in one process.  The shards take the night's order (nd42/nightly_order.py:
portals of one server apart, slowest first) in turn, so each worker's own order is spread the same
way; portals of one provincial server on different hosts may run in two workers at once, as they
may in one process when nothing else is ready to start.

Each worker crawls its shard in its own Scrapy reactor, judges each portal and saves it in the shared
database in its own transaction (SQLite WAL serialises the writers), and sends the parent a one-line
summary per portal.  The parent prints the progress, gives a portal a dead worker left behind its
"crawl failed" row, and publishes, as in one process.

Workers never outlive the parent: on Linux the kernel kills them when it dies (``PR_SET_PDEATHSIG``,
kill -9 included), elsewhere a watchdog thread does within a second.  They run in their own process
group, so a terminal's Ctrl-C reaches the parent only, which passes each SIGINT/SIGTERM on to them
once (a second signal stops them at once, as Scrapy does in one process).
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import multiprocessing
import os
import queue as queues
import signal
import sys
import threading
from collections.abc import Callable, Mapping
from types import FrameType
from typing import TYPE_CHECKING, Any

from nd42.config import PortalConfig, portal_host
from nd42.nightly_order import portal_duration
from nd42.procs import die_with_parent

if TYPE_CHECKING:
    from nd42.nightly import NightlySettings, PortalResult

MAX_WORKERS = 16
_POLL_S = 0.2


@dataclasses.dataclass
class WorkersOutcome:
    """The workers' crawls together, shaped as :class:`crawler.runner.CrawlOutcome` (without importing Scrapy
    into the parent, which only waits and publishes)."""

    total: int
    finished: int = 0
    failed: list[str] = dataclasses.field(default_factory=list)
    peak: int = 0

    @property
    def interrupted(self) -> bool:
        return self.finished < self.total


def shards(order: list[PortalConfig], workers: int, durations: Mapping[str, float] | None = None, *,
           default_budget: float | None = None) -> list[list[PortalConfig]]:
    """``order`` cut into at most ``workers`` shards of whole hosts, balanced by expected duration (the
    heaviest host to the lightest shard; ties by first place in ``order``, so equal portals are dealt
    in turn); each shard keeps ``order``'s order.  Empty shards are left out."""
    weight: dict[str, float] = {}
    first: dict[str, int] = {}
    for place, portal in enumerate(order):
        host = portal_host(portal.url)
        weight[host] = weight.get(host, 0.0) + portal_duration(portal, durations or {}, default_budget)
        first.setdefault(host, place)
    load = [0.0] * max(1, workers)
    shard_of: dict[str, int] = {}
    for host in sorted(weight, key=lambda h: (-weight[h], first[h])):
        lightest = min(range(len(load)), key=lambda i: (load[i], i))
        shard_of[host] = lightest
        load[lightest] += weight[host]
    parts: list[list[PortalConfig]] = [[] for _ in load]
    for portal in order:
        parts[shard_of[portal_host(portal.url)]].append(portal)
    return [part for part in parts if part]


def crawl_in_workers(order: list[PortalConfig], settings: NightlySettings, run_id: int,
                     parts: list[list[PortalConfig]],
                     on_result: Callable[[PortalResult, bool], None]) -> WorkersOutcome:
    """Crawl ``parts`` in one worker process each; ``on_result(result, stored)`` per portal, in the parent."""
    ctx = multiprocessing.get_context("spawn")  # nothing of the parent's open database or threads is inherited
    messages: Any = ctx.Queue()
    at_once = max(1, math.ceil(settings.max_at_once / len(parts)))
    procs = [ctx.Process(target=_worker, args=(n, part, settings, run_id, at_once, messages, os.getpid()),
                         name=f"nd42-worker-{n}", daemon=True) for n, part in enumerate(parts)]
    outcome = WorkersOutcome(len(order))
    reported: set[int] = set()
    stopping = threading.Event()

    def forward(signum: int, frame: FrameType | None) -> None:
        stopping.set()
        for proc in procs:
            if proc.pid is not None and proc.is_alive():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(proc.pid, signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for proc in procs:
            proc.start()
        while True:
            try:
                message = messages.get(timeout=_POLL_S)
            except queues.Empty:
                if not any(proc.is_alive() for proc in procs):
                    break
                continue
            _take(message, outcome, reported, on_result)
        with contextlib.suppress(queues.Empty):  # what the last worker sent just before it ended
            while True:
                _take(messages.get(timeout=_POLL_S), outcome, reported, on_result)
        for proc in procs:
            proc.join()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    for n, (proc, part) in enumerate(zip(procs, parts, strict=True)):
        if n in reported:
            continue
        # A worker that ended without its outcome (a crash, the OOM killer): its portals are the night's
        # failed crawls, unless a signal was stopping the run, which then stays incomplete.
        print(f"nd42: tiến trình {n} dừng bất thường / worker {n} ended abnormally (exit code {proc.exitcode}): "
              f"{len(part)} cổng/portals", file=sys.stderr)
        if not stopping.is_set():
            outcome.finished += len(part)
            outcome.failed.extend(p.id for p in part)
    return outcome


def _take(message: tuple[Any, ...], outcome: WorkersOutcome, reported: set[int],
          on_result: Callable[[PortalResult, bool], None]) -> None:
    kind, worker, *rest = message
    if kind == "portal":
        result, stored = rest
        on_result(result, stored)
    elif kind == "outcome":
        finished, failed, peak = rest
        reported.add(worker)
        outcome.finished += finished
        outcome.failed.extend(failed)
        outcome.peak += peak


def _worker(n: int, part: list[PortalConfig], settings: NightlySettings, run_id: int, at_once: int,
            messages: Any, parent: int) -> None:
    die_with_parent(parent)
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)  # a terminal's Ctrl-C goes to the parent, which passes it on once
    from crawler.httpcache import settings_for
    from crawler.runner import crawl_portals
    from nd42.nightly import _Judge
    from nd42.store import Store

    with Store(settings.db_path) as store:
        judge = _Judge(store, run_id, settings)
        judge.portals = {portal.id: portal for portal in part}

        def handle(snapshot: Any) -> None:
            portal = judge.portals.get(snapshot.portal_id)
            if portal is not None:
                result = judge.save(portal, snapshot)
                messages.put(("portal", n, result, portal.id in judge.stored))

        crawled = crawl_portals(part, settings.options, settings.now, handle, log_level=settings.log_level,
                                max_at_once=at_once, extra_settings=settings_for(settings.http_cache))
    messages.put(("outcome", n, crawled.finished, list(crawled.failed), crawled.peak))
    messages.close()
    messages.join_thread()
