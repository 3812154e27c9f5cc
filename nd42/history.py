"""History: what changed in a run against the previous complete run of its kind, and trends.

Read-only over the store (no crawling, no rules).  The semantics, in full, are in
docs/data-dictionary.md ("History semantics"); in short:

- a rule's verdict on a portal is **fail**, **ok** (``pass`` or ``warn``) or **no verdict**
  (``not_determinable``, ``error``, ``not_applicable``, or the rule did not run).  Runs without a
  verdict neither confirm nor break a streak: an unreachable night changes nothing;
- the **confirmed** state is the first verdict ever seen, and afterwards changes only when the
  other verdict has been seen ``flap_k`` (K) times in a row; K = 1 is "every change at once";
- comparing the confirmed state before the run (``base``) with the one after it gives the buckets:
  ``new_failures`` (ok → fail), ``fixed`` (fail → ok), ``persistent`` (fail, and failing again),
  ``pending`` (this run's verdict differs from the confirmed state, not yet K times),
  ``unknown`` (confirmed failing, no verdict this run) and ``first_seen`` (failing with no verdict
  before: the first run, a portal added, a rule added by an upgrade or a profile change).

Only complete runs of the same kind count as history; the run asked about may be in any status
(the nightly run draws its dashboard before it is marked complete).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from nd42.records import Finding
from nd42.store import RunInfo, Store

FAIL, OK = "fail", "ok"
BUCKETS = ("new_failures", "fixed", "persistent", "pending", "unknown", "first_seen")
# How many earlier complete runs are read: about a month of nights.  A verdict last seen before
# that is forgotten (the rule counts as first seen again): a bound on the work, documented.
HISTORY_WINDOW = 30


def verdict(status: str | None) -> str | None:
    """``fail``, ``ok`` (pass, warn) or None (no verdict: not determinable, error, not applicable, absent)."""
    if status == "fail":
        return FAIL
    if status in ("pass", "warn"):
        return OK
    return None


@dataclasses.dataclass(frozen=True)
class RuleChange:
    """One rule on one portal that a bucket lists."""

    portal_id: str
    rule_id: str
    change: str  # one of BUCKETS
    status: str | None  # this run's status; None when the rule did not run on the portal
    previous_status: str | None  # its status in the previous complete run; None when absent there
    confirmed: str | None  # the confirmed state after this run: "fail" or "ok"
    held: int  # determinations in a row, up to this run, with this run's verdict (0 when it has none)
    needed: int  # K
    since_run_id: int | None  # the first run of that streak (None when this run has no verdict)
    severity: str = ""
    area: str = ""
    title_vi: str = ""
    title_en: str = ""
    message_vi: str = ""
    message_en: str = ""
    evidence_url: str | None = None


@dataclasses.dataclass(frozen=True)
class PortalChanges:
    """One portal of the run: its buckets as rule ids (sorted), and each listed rule's details."""

    portal_id: str
    new_failures: list[str]
    fixed: list[str]
    persistent: list[str]
    pending: list[str]
    unknown: list[str] = dataclasses.field(default_factory=list)
    first_seen: list[str] = dataclasses.field(default_factory=list)
    rules: dict[str, RuleChange] = dataclasses.field(default_factory=dict)
    name: str | None = None
    agency: str | None = None
    level: str | None = None
    score: float | None = None
    previous_score: float | None = None  # None too when the portal was not in the previous run
    reachable: bool = True
    previous_reachable: bool | None = None  # None when the portal was not in the previous run
    added: bool = False  # not in the previous complete run (never on the first run)

    def bucket(self, name: str) -> list[RuleChange]:
        """The details of one bucket, in rule id order."""
        ids: list[str] = getattr(self, name)
        return [self.rules[r] for r in ids]


@dataclasses.dataclass(frozen=True)
class RunChanges:
    """What changed in ``run_id`` against ``previous_run_id`` (None: no earlier complete run of the kind)."""

    run_id: int
    previous_run_id: int | None
    flap_k: int
    portals: dict[str, PortalChanges]
    portals_added: list[str]
    portals_removed: list[str]
    registry_changed: bool
    registry_portals_changed: list[str] = dataclasses.field(default_factory=list)
    kind: str = "nightly"
    compared_run_ids: list[int] = dataclasses.field(default_factory=list)  # history read, newest first
    registry_digest: str | None = None
    previous_registry_digest: str | None = None
    tool_version: str | None = None
    previous_tool_version: str | None = None
    started_at: dt.datetime | None = None  # the run's crawl clock

    @property
    def first_run(self) -> bool:
        return self.previous_run_id is None

    def changes(self, bucket: str | None = None) -> list[RuleChange]:
        """Every listed rule (or one bucket's), by portal id then rule id."""
        names = BUCKETS if bucket is None else (bucket,)
        if bucket is not None and bucket not in BUCKETS:
            raise ValueError(f"bucket {bucket!r} is not one of {BUCKETS}")
        out = [c for pid in sorted(self.portals) for c in self.portals[pid].rules.values() if c.change in names]
        return sorted(out, key=lambda c: (c.portal_id, c.rule_id))

    def counts(self) -> dict[str, int]:
        """Rules per bucket over all portals."""
        return {b: sum(len(getattr(p, b)) for p in self.portals.values()) for b in BUCKETS}


@dataclasses.dataclass
class _Debounce:
    """The confirmed state of one rule on one portal, fed its verdicts oldest first."""

    k: int
    confirmed: str | None = None
    candidate: str | None = None
    candidate_len: int = 0
    last: str | None = None  # the latest verdict, and how long it has held
    last_len: int = 0
    last_start: int | None = None

    def step(self, run_id: int, value: str | None) -> None:
        if value is None:
            return  # no verdict: neither confirms nor breaks anything
        if value == self.last:
            self.last_len += 1
        else:
            self.last, self.last_len, self.last_start = value, 1, run_id
        if self.confirmed is None:
            self.confirmed = value  # the first verdict needs no confirmation: only changes do
            return
        if value == self.confirmed:
            self.candidate, self.candidate_len = None, 0  # the other verdict's streak is broken
            return
        if value != self.candidate:
            self.candidate, self.candidate_len = value, 0
        self.candidate_len += 1
        if self.candidate_len >= self.k:
            self.confirmed = value
            self.candidate, self.candidate_len = None, 0


def _bucket(base: str | None, now: str | None, raw: str | None) -> str | None:
    """The bucket from the confirmed state before and after the run and the run's own verdict (the
    table in docs/data-dictionary.md, "Buckets"); None: nothing to list."""
    if base is None:
        return "first_seen" if now == FAIL else None
    if base == OK:
        if now == FAIL:
            return "new_failures"
        return "pending" if raw == FAIL else None
    if now == OK:
        return "fixed"
    if raw == FAIL:
        return "persistent"
    return "pending" if raw == OK else "unknown"


class _Texts:
    """Title, message and evidence of a rule on a portal: this run's finding, else the latest earlier one."""

    def __init__(self, store: Store, portal_id: str, run_ids: list[int]) -> None:
        self.store, self.portal_id, self.run_ids = store, portal_id, run_ids  # newest first
        self._loaded: dict[int, dict[str, Finding]] = {}

    def _of(self, run_id: int) -> dict[str, Finding]:
        if run_id not in self._loaded:
            self._loaded[run_id] = {f.rule_id: f for f in self.store.load_findings(run_id, self.portal_id)}
        return self._loaded[run_id]

    def find(self, rule_id: str) -> Finding | None:
        for run_id in self.run_ids:
            found = self._of(run_id).get(rule_id)
            if found is not None:
                return found
        return None


def _rule_change(portal_id: str, rule_id: str, change: str, status: str | None, previous: str | None,
                 machine: _Debounce, raw: str | None, k: int, finding: Finding | None) -> RuleChange:
    held = machine.last_len if raw is not None else 0
    since = machine.last_start if raw is not None else None
    evidence = next((e.url for e in finding.evidence if e.url), None) if finding else None
    return RuleChange(
        portal_id, rule_id, change, status, previous, machine.confirmed, held, k, since,
        severity=str(finding.severity) if finding else "", area=finding.area if finding else "",
        title_vi=finding.title_vi if finding else "", title_en=finding.title_en if finding else "",
        message_vi=finding.message_vi if finding else "", message_en=finding.message_en if finding else "",
        evidence_url=evidence)


def _portal_changes(store: Store, run: RunInfo, portal_id: str, history: list[int], previous_id: int | None,
                    k: int) -> PortalChanges:
    statuses = store.rule_statuses(portal_id, [*history, run.id])
    current = statuses.get(run.id, {})
    present = [rid for rid in sorted(history) if rid in statuses]  # oldest first
    rows = store.portal_history(portal_id, [run.id] if previous_id is None else [run.id, previous_id])
    texts = _Texts(store, portal_id, [run.id, *sorted(present, reverse=True)])
    previous = statuses.get(previous_id, {}) if previous_id is not None else {}
    buckets: dict[str, list[str]] = {b: [] for b in BUCKETS}
    details: dict[str, RuleChange] = {}
    rule_ids = sorted(set(current).union(*(statuses[rid] for rid in present)))
    for rule_id in rule_ids:
        machine = _Debounce(k)
        for rid in present:
            machine.step(rid, verdict(statuses[rid].get(rule_id)))
        base = machine.confirmed
        raw = verdict(current.get(rule_id))
        machine.step(run.id, raw)
        change = _bucket(base, machine.confirmed, raw)
        if change is None:
            continue
        buckets[change].append(rule_id)
        details[rule_id] = _rule_change(portal_id, rule_id, change, current.get(rule_id), previous.get(rule_id),
                                        machine, raw, k, texts.find(rule_id))
    row, before = rows.get(run.id), rows.get(previous_id) if previous_id is not None else None
    return PortalChanges(
        portal_id, buckets["new_failures"], buckets["fixed"], buckets["persistent"], buckets["pending"],
        buckets["unknown"], buckets["first_seen"], details,
        name=row.name if row else None, agency=row.agency if row else None, level=row.level if row else None,
        score=row.score if row else None, previous_score=before.score if before else None,
        reachable=row.reachable if row else False, previous_reachable=before.reachable if before else None,
        added=previous_id is not None and before is None)


def run_changes(store: Store, run_id: int, *, flap_k: int = 2, window: int | None = None) -> RunChanges:
    """Compare run ``run_id`` with the complete runs of its kind before it (see the module docstring).

    ``flap_k``: K, the verdicts in a row a change needs (≥ 1).  ``window``: how many earlier complete
    runs are read (default ``max(HISTORY_WINDOW, 2 K)``).
    """
    k = int(flap_k)
    if k < 1:
        raise ValueError(f"flap_k must be ≥ 1, not {flap_k!r}")
    run = store.get_run(run_id)
    limit = max(HISTORY_WINDOW, 2 * k) if window is None else max(int(window), 0)
    earlier = store.runs_of_kind(run.kind, before=run.id, limit=limit)
    previous = earlier[0] if earlier else None
    history = [r.id for r in earlier]
    current_rows = {r.portal_id: r for r in store.portal_rows(run.id)}
    portals = {pid: _portal_changes(store, run, pid, history, previous.id if previous else None, k)
               for pid in sorted(current_rows)}
    previous_rows = {r.portal_id: r for r in store.portal_rows(previous.id)} if previous else {}
    both = sorted(set(current_rows) & set(previous_rows))
    digest, previous_digest = run.registry_digest, previous.registry_digest if previous else None
    return RunChanges(
        run_id=run.id, previous_run_id=previous.id if previous else None, flap_k=k, portals=portals,
        portals_added=sorted(set(current_rows) - set(previous_rows)) if previous else [],
        portals_removed=sorted(set(previous_rows) - set(current_rows)),
        registry_changed=bool(digest and previous_digest and digest != previous_digest),
        registry_portals_changed=[pid for pid in both
                                  if current_rows[pid].config_digest != previous_rows[pid].config_digest],
        kind=run.kind, compared_run_ids=history, registry_digest=digest, previous_registry_digest=previous_digest,
        tool_version=run.tool_version, previous_tool_version=previous.tool_version if previous else None,
        started_at=run.started_at)


# ---------------------------------------------------------------------------------------------- trends
@dataclasses.dataclass(frozen=True)
class TrendPoint:
    """A portal in one run: its score and its findings per status (every status a key)."""

    run_id: int
    started_at: dt.datetime
    score: float | None
    counts: dict[str, int]
    reachable: bool = True
    kind: str = ""


@dataclasses.dataclass(frozen=True)
class RuleTrendPoint:
    """One rule on one portal in one run; ``status`` None when the rule did not run there."""

    run_id: int
    started_at: dt.datetime
    status: str | None
    verdict: str | None  # "fail", "ok" or None, as history reads the status


def _trend_runs(store: Store, portal_id: str, limit: int, kind: str | None, until_run: int | None) -> list[RunInfo]:
    if until_run is not None and kind is None:
        kind = store.get_run(until_run).kind
    return list(reversed(store.runs_with_portal(portal_id, kind=kind, until=until_run, limit=max(int(limit), 0))))


def portal_trend(store: Store, portal_id: str, limit: int = 30, *, kind: str | None = None,
                 until_run: int | None = None) -> list[TrendPoint]:
    """The portal's last ``limit`` complete runs, oldest first.

    ``until_run``: stop at that run, which is included whatever its status (a dashboard for an
    older run shows the history it had); ``kind`` defaults to that run's kind, else any kind.
    """
    runs = _trend_runs(store, portal_id, limit, kind, until_run)
    ids = [r.id for r in runs]
    rows, counts = store.portal_history(portal_id, ids), store.status_counts(portal_id, ids)
    return [TrendPoint(r.id, r.started_at, rows[r.id].score, counts[r.id], rows[r.id].reachable, r.kind)
            for r in runs]


def rule_trend(store: Store, portal_id: str, rule_id: str, limit: int = 30, *, kind: str | None = None,
               until_run: int | None = None) -> list[RuleTrendPoint]:
    """One rule's status on the portal over its last ``limit`` complete runs, oldest first (as portal_trend)."""
    runs = _trend_runs(store, portal_id, limit, kind, until_run)
    statuses = store.rule_statuses(portal_id, [r.id for r in runs])
    points = []
    for r in runs:
        status = statuses.get(r.id, {}).get(rule_id)
        points.append(RuleTrendPoint(r.id, r.started_at, status, verdict(status)))
    return points


def agencies(changes: RunChanges) -> dict[str, list[PortalChanges]]:
    """The run's portals grouped by agency ("" for portals without one), agencies and portals sorted."""
    out: dict[str, list[PortalChanges]] = {}
    for pid in sorted(changes.portals):
        portal = changes.portals[pid]
        out.setdefault(portal.agency or "", []).append(portal)
    return dict(sorted(out.items()))
