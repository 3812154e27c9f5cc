"""``nd42 nightly``: every portal of the registry, in one process or ``--workers`` of them, as one stored run.

The steps, in order (docs/scheduling.md):

1. the registry is read and validated, and the output folder checked: bad input stops here, exit 2,
   before any lock, write or request;
2. the lock (:mod:`nd42.nightly_lock`) is taken, or the run stops at once, exit 3;
3. under the lock, nightly runs left ``running`` by a killed process are marked ``incomplete``
   (their portals' rows stay: each was saved whole), half-written output folders are removed, a
   complete run whose folder a kill left unwritten gets it, and the landing page is written again;
4. the portals are ordered (:mod:`nd42.nightly_order`) and crawled, at most ``--max-portals-at-once``
   at a time, each within its page and time budgets; each snapshot is evaluated under the portal's
   own profile and overrides and saved in its own transaction as soon as its crawl ends, then
   dropped, so memory does not grow with the registry;
5. a portal whose crawl broke gets a snapshot saying so (its rules are not determinable): every
   registry entry has a row in a complete run;
6. the run is marked complete, its folder is written aside and renamed into place, then the
   landing page is replaced (:mod:`nd42.nightly_out`); the changes since the previous complete
   nightly run are computed, the optional e-mail digests sent and the summary printed.

A signal (Ctrl-C, ``systemctl stop``) stops the crawl: the run stays ``incomplete``, nothing is
published, exit 1.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nd42.config import CrawlOptions, PortalConfig
from nd42.history import RunChanges, run_changes
from nd42.nightly_lock import RunLock, lock_path
from nd42.nightly_order import spread_order
from nd42.nightly_out import clean_stale, publish_run, run_dir, write_landing
from nd42.notify import Delivery, send_digests
from nd42.records import PageFetch, PortalSnapshot
from nd42.registry import Registry
from nd42.store import RunInfo, Store

if TYPE_CHECKING:
    from rules.profiles import Profile

log = logging.getLogger(__name__)
EXIT_OK = 0
EXIT_INTERRUPTED = 1
KIND = "nightly"


@dataclasses.dataclass
class NightlySettings:
    db_path: Path
    out: Path
    options: CrawlOptions
    now: dt.datetime
    profile: str  # the run-level default: an entry's own profile wins
    flap_k: int = 2
    max_at_once: int = 16
    notify: bool = False
    lang: str = "vi"
    quiet: bool = False
    log_level: str = "ERROR"
    # Conditional requests' cache folder (crawler/httpcache.py); None: every page asked for afresh.
    http_cache: Path | None = None
    # Processes crawling at once (nd42/nightly_workers.py), ``max_at_once`` shared among them; 1: this one.
    workers: int = 1


@dataclasses.dataclass
class PortalResult:
    """What the summary keeps of a portal once its snapshot is stored and dropped."""

    portal_id: str
    reachable: bool
    pages: int
    score: float | None
    duration_s: float | None
    time_budget_exhausted: bool
    budget_exhausted: bool
    error: str | None = None


@dataclasses.dataclass
class NightlyResult:
    run_id: int
    status: str
    results: list[PortalResult]
    not_stored: list[str]
    abandoned: list[int]
    seconds: float
    dashboard: Path | None = None
    landing: Path | None = None
    previous_run_id: int | None = None
    registry_changed: bool = False
    changes: RunChanges | None = None
    deliveries: list[Delivery] | None = None  # None: --notify not asked
    republished: int | None = None  # an earlier complete run whose folder was missing, written again
    peak: int = 0


def run_nightly(registry: Registry, settings: NightlySettings) -> NightlyResult:
    """Lock, crawl, store, publish.  Raises :class:`~nd42.nightly_lock.LockHeld` when another run holds the lock."""
    with RunLock(lock_path(settings.db_path), settings.now), Store(settings.db_path) as store:
        abandoned = store.abandon_running(kind=KIND)
        clean_stale(settings.out)
        previous = store.latest_run(KIND, complete_only=True)
        republished = _repair(store, previous, settings)
        durations, addresses = previous_timings(store)
        order = spread_order(registry.portals, durations, addresses, default_budget=settings.options.time_budget)
        run_id = store.begin_run(KIND, settings.now, settings.profile, _run_options(registry, settings),
                                 registry_digest=registry.digest)
        result = _night(store, registry, settings, order, run_id, abandoned, previous, durations)
        result.republished = republished
        return result


def _repair(store: Store, previous: RunInfo | None, settings: NightlySettings) -> int | None:
    """What a killed run may have left undone after its data was whole: a complete run without its
    folder (killed before the rename) gets its pages, whose id is returned; and the landing page is
    written again (killed before it was replaced; runs just marked incomplete are listed so)."""
    if previous is None:
        return None
    republished = None
    if not (run_dir(settings.out, previous.id) / "index.html").is_file():
        publish_run(store, previous.id, settings.out, lang=settings.lang, flap_k=settings.flap_k,
                    workers=settings.workers)
        republished = previous.id
    else:
        write_landing(store, settings.out, lang=settings.lang)
    return republished


def _night(store: Store, registry: Registry, settings: NightlySettings, order: list[PortalConfig], run_id: int,
           abandoned: list[int], previous: RunInfo | None, durations: dict[str, float] | None = None) -> NightlyResult:
    started = time.monotonic()
    judge = _Judge(store, run_id, settings)
    for portal in order:
        judge.portals[portal.id] = portal
    outcome = _crawl(judge, order, settings, run_id, durations or {})
    elapsed = time.monotonic() - started
    finished_at = settings.now + dt.timedelta(seconds=elapsed)
    result = NightlyResult(run_id, "incomplete", judge.results, [], abandoned, elapsed,
                           previous_run_id=previous.id if previous else None, peak=outcome.peak)
    if outcome.interrupted:
        store.finish_run(run_id, status="incomplete", finished_at=finished_at)
        return result
    for portal in order:
        if portal.id not in judge.stored:
            why = "crawl failed" if portal.id in outcome.failed else "no snapshot"
            judge.save(portal, not_crawled(portal, settings.now, why), error=why)
    result.not_stored = [p.id for p in order if p.id not in judge.stored]
    store.finish_run(run_id, status="complete", finished_at=finished_at)
    result.status = "complete"
    result.changes = run_changes(store, run_id, flap_k=settings.flap_k)
    result.registry_changed = result.changes.registry_changed
    result.dashboard = publish_run(store, run_id, settings.out, lang=settings.lang, flap_k=settings.flap_k,
                                   changes=result.changes, workers=settings.workers)
    result.landing = settings.out / "index.html"
    if settings.notify:
        # After the pages: a failed delivery is reported, never raised, and cannot cost the night its pages.
        result.deliveries = send_digests(result.changes, registry)
    return result


def _crawl(judge: _Judge, order: list[PortalConfig], settings: NightlySettings, run_id: int,
           durations: dict[str, float]) -> Any:
    """Crawl, judge and store every portal, here or in worker processes; the crawl's outcome."""
    total = len(order)

    def progress(result: PortalResult) -> None:
        if not settings.quiet:
            _progress_line(len(judge.results), total, result)

    parts = []
    if settings.workers > 1:
        from nd42.nightly_workers import shards

        parts = shards(order, settings.workers, durations, default_budget=settings.options.time_budget)
    if len(parts) > 1:
        from nd42.nightly_workers import crawl_in_workers

        def taken(result: PortalResult, stored: bool) -> None:
            judge.results.append(result)
            if stored:
                judge.stored.add(result.portal_id)
            progress(result)

        return crawl_in_workers(order, settings, run_id, parts, taken)

    from crawler.httpcache import settings_for
    from crawler.runner import crawl_portals

    def handle(snapshot: PortalSnapshot) -> None:
        portal = judge.portals.get(snapshot.portal_id)
        if portal is not None:
            progress(judge.save(portal, snapshot))

    return crawl_portals(order, settings.options, settings.now, handle, log_level=settings.log_level,
                         max_at_once=settings.max_at_once, extra_settings=settings_for(settings.http_cache))


class _Judge:
    """Evaluates and stores one snapshot at a time, each under its portal's profile and overrides."""

    def __init__(self, store: Store, run_id: int, settings: NightlySettings) -> None:
        self.store = store
        self.run_id = run_id
        self.settings = settings
        self.portals: dict[str, PortalConfig] = {}
        self.profiles: dict[str, Profile] = {}
        self.results: list[PortalResult] = []
        self.stored: set[str] = set()

    def profile(self, name: str) -> Profile:
        from rules.profiles import load_profile

        if name not in self.profiles:
            self.profiles[name] = load_profile(name)
        return self.profiles[name]

    def save(self, portal: PortalConfig, snapshot: PortalSnapshot, error: str | None = None) -> PortalResult:
        from rules.engine import evaluate
        from rules.scoring import score as score_findings

        crawl = snapshot.crawl
        pages = int(crawl.get("pages_fetched", len(snapshot.pages)))
        result = PortalResult(portal.id, snapshot.reachable(), pages, None, crawl.get("duration_s"),
                              bool(crawl.get("time_budget_exhausted")), bool(crawl.get("budget_exhausted")), error)
        try:
            profile = self.profile(portal.profile or self.settings.profile)
            findings = evaluate(snapshot, profile, self.settings.now, overrides=portal.rules or None)
            result.score = score_findings(findings).get("score")
            self.store.save_portal(self.run_id, snapshot, findings, result.score, profile=profile.id)
            self.stored.add(portal.id)
        except Exception as exc:  # one portal that cannot be judged or stored never ends the night
            result.error = f"{type(exc).__name__}: {exc}"[:300]
            print(f"nd42: {portal.id}: không lưu được / not stored: {result.error}", file=sys.stderr)
        self.results.append(result)
        return result


def not_crawled(portal: PortalConfig, now: dt.datetime, why: str) -> PortalSnapshot:
    """A portal whose crawl broke (a bug, not the portal's fault): no page, so its rules are not determinable."""
    snapshot = PortalSnapshot(portal_id=portal.id, url=portal.url, started_at=now, finished_at=now, name=portal.name,
                              portal=portal.info())
    snapshot.pages.append(PageFetch(url=portal.url, role="home", error_class="crawl_error", error_message=why))
    snapshot.crawl = {"finish_reason": "crawl_error", "requests": 0, "pages_fetched": 0}
    return snapshot


def previous_timings(store: Store) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Each portal's crawl duration and DNS addresses in the latest nightly run that has portals
    (complete or not: its portals are whole), for the order.  Snapshots are read one at a time, for
    the addresses only: the durations are a column."""
    latest = next((run for run in store.runs_of_kind(KIND, status=None, limit=5) if store.portal_ids(run.id)), None)
    durations: dict[str, float] = {}
    addresses: dict[str, list[str]] = {}
    if latest is None:
        return durations, addresses
    durations = {row.portal_id: row.duration_s for row in store.portal_rows(latest.id) if row.duration_s is not None}
    for portal_id in store.portal_ids(latest.id):
        try:
            snapshot = store.load_snapshot(latest.id, portal_id)
        except Exception as exc:  # an unreadable old snapshot only costs the order a hint
            log.warning("run %s, portal %s: snapshot unreadable for the order: %s", latest.id, portal_id, exc)
            continue
        dns = snapshot.probes.get("dns", {})
        found = [*dns.get("a", []), *dns.get("aaaa", [])] if isinstance(dns, dict) else []
        if found:
            addresses[portal_id] = [str(a) for a in found]
    return durations, addresses


def _run_options(registry: Registry, settings: NightlySettings) -> dict[str, Any]:
    options = settings.options
    return {"registry": str(registry.source), "registry_digest": registry.digest,
            "portal_digests": dict(registry.entry_digests), "portals": len(registry.portals),
            "max_portals_at_once": settings.max_at_once, "workers": settings.workers, "budget": options.page_budget,
            "time_budget": options.time_budget, "flap_k": settings.flap_k, "default_profile": settings.profile,
            "robots_obeyed": options.obey_robots, "network_probes": options.network_probes}


def _progress_line(done: int, total: int, result: PortalResult) -> None:
    score = "—" if result.score is None else f"{result.score:.0f}"
    flags = " · hết thời gian/time budget" if result.time_budget_exhausted else ""
    flags += " · không truy cập được/unreachable" if not result.reachable else ""
    seconds = "" if result.duration_s is None else f", {result.duration_s:.0f} s"
    sys.stderr.write(f"[nd42] {done}/{total} {result.portal_id}: {result.pages} trang/pages{seconds}, "
                     f"điểm/score {score}{flags}\n")


# ---------------------------------------------------------------------------------------------- summary
def summary(result: NightlyResult, settings: NightlySettings) -> str:
    """The end-of-run text (Vietnamese / English)."""
    rows = result.results
    unreachable = sorted(r.portal_id for r in rows if not r.reachable)
    scores = sorted(r.score for r in rows if r.score is not None)
    status = "hoàn tất / complete" if result.status == "complete" else "không hoàn tất / incomplete"
    lines = [f"nd42 nightly — lượt/run {result.run_id} ({settings.profile}): {status}",
             f"Cổng đã kiểm tra / portals checked: {len(rows)}"
             + (f"; không truy cập được / unreachable: {len(unreachable)} ({', '.join(unreachable)})"
                if unreachable else ""),
             f"Trang / pages: {sum(r.pages for r in rows)} · thời lượng / duration: {_hms(result.seconds)}"
             f" · tối đa cùng lúc / at most at once: {result.peak}"]
    timed = sorted(r.portal_id for r in rows if r.time_budget_exhausted)
    paged = sorted(r.portal_id for r in rows if r.budget_exhausted)
    if timed or paged:
        lines.append(f"Hết ngân sách thời gian / time budget spent: {len(timed)}"
                     + (f" ({', '.join(timed)})" if timed else "")
                     + f" · hết ngân sách trang / page budget spent: {len(paged)}")
    if scores:
        lines.append(f"Điểm / scores: thấp nhất/min {scores[0]:.0f} · trung vị/median "
                     f"{statistics.median(scores):.0f} · cao nhất/max {scores[-1]:.0f}")
    errors = [r for r in rows if r.error]
    for r in errors:
        lines.append(f"  ✗ {r.portal_id}: {r.error}")
    if result.not_stored:
        lines.append(f"Không lưu được / not stored: {', '.join(result.not_stored)}")
    if result.abandoned:
        lines.append("Lượt bị gián đoạn, đã đánh dấu không hoàn tất / interrupted runs marked incomplete: "
                     + ", ".join(str(i) for i in result.abandoned))
    if result.republished is not None:
        lines.append(f"Đã ghi lại các trang của lượt {result.republished} / pages of run {result.republished} "
                     "written again (its run was stopped before they were)")
    lines += _changes_lines(result)
    if result.deliveries is not None:
        sent = [d for d in result.deliveries if d.ok]
        lines.append(f"Thư thông báo / e-mail digests: {len(sent)} đã gửi / sent"
                     + (f", {len(result.deliveries) - len(sent)} lỗi / failed" if len(sent) < len(result.deliveries)
                        else ""))
        lines += [f"  ✗ {d.agency} → {', '.join(d.to)}: {d.error}" for d in result.deliveries if not d.ok]
    if result.dashboard is not None:
        lines.append(f"Bảng tổng hợp / dashboard: {result.dashboard}")
        lines.append(f"Trang chính / landing page: {result.landing}")
    lines.append(f"Cơ sở dữ liệu / database: {settings.db_path} (run {result.run_id})")
    return "\n".join(lines)


def _changes_lines(result: NightlyResult) -> list[str]:
    lines = []
    changes = result.changes
    if changes is not None and changes.registry_changed:
        which = ", ".join(changes.registry_portals_changed)
        lines.append(f"⚠ Sổ đăng ký đã thay đổi so với lượt {changes.previous_run_id} / the registry changed since "
                     f"run {changes.previous_run_id}" + (f" (cổng / portals: {which})" if which else "")
                     + ": so sánh cần thận trọng / compare with care")
    if result.status != "complete":
        return lines
    if changes is None or changes.previous_run_id is None:
        lines.append("Lượt hằng đêm đầu tiên: chưa có gì để so sánh / first nightly run: nothing to compare with yet")
    else:
        counts = changes.counts()
        lines.append(f"So với lượt {changes.previous_run_id} / since run {changes.previous_run_id} "
                     f"(K={changes.flap_k}): lỗi mới / new failures {counts.get('new_failures', 0)} · "
                     f"đã khắc phục / fixed {counts.get('fixed', 0)} · chờ xác nhận / to be confirmed "
                     f"{counts.get('pending', 0)}")
        if changes.portals_added or changes.portals_removed:
            lines.append(f"Cổng thêm / portals added: {', '.join(changes.portals_added) or '—'} · "
                         f"cổng bớt / removed: {', '.join(changes.portals_removed) or '—'}")
    return lines


def _hms(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
