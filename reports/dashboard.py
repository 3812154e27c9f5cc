"""The dashboard's view model: one run's portals ranked, their rule areas, trends and changes.

Built from plain inputs (a portal's snapshot and findings, its trend points, its changes), so it
can be tested without a store; ``reports/site.py`` feeds it from the store and history.  Portal
text (names, agencies, tags, rule titles) stays plain ``str`` here: the template escapes it, and
it reaches the filter script only through ``data-*`` attributes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import statistics
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from markupsafe import Markup

from nd42.history import PortalChanges, RuleTrendPoint, TrendPoint
from nd42.records import Finding, PortalSnapshot
from reports import assets, svg
from reports.i18n import LEVEL, STATUS, UI, dash, text
from reports.render import AREA_ORDER, environment


@dataclasses.dataclass(frozen=True)
class Point:
    run_id: int
    started_at: dt.datetime
    score: float | None
    fail: int


@dataclasses.dataclass(frozen=True)
class AreaCell:
    area: str
    label: str
    score: float | None
    fail: int
    findings: int
    bucket: str  # good | mid | bad | none (svg.bucket)
    shown: str  # the number in the cell ("83", "—")
    spoken: str  # the whole cell in words, for screen readers


@dataclasses.dataclass(frozen=True)
class RuleRef:
    rule_id: str
    title: str
    href: str  # the finding in the portal's report
    note: str = ""  # "to be confirmed": which way and how far; "unknown": why there is no verdict


@dataclasses.dataclass(frozen=True)
class PortalChangeView:
    new_failures: tuple[RuleRef, ...] = ()
    fixed: tuple[RuleRef, ...] = ()
    pending: tuple[RuleRef, ...] = ()
    unknown: tuple[RuleRef, ...] = ()  # failing before, no verdict this run: not fixed, not confirmed either
    persistent: tuple[RuleRef, ...] = ()

    @property
    def any(self) -> bool:
        return bool(self.new_failures or self.fixed or self.pending or self.unknown)


@dataclasses.dataclass(frozen=True)
class PortalRow:
    portal_id: str
    name: str
    url: str
    agency: str
    level: str
    level_label: str
    tags: tuple[str, ...]
    score: float | None
    reachable: bool
    counts: Mapping[str, int]
    areas: tuple[AreaCell, ...]
    trend: tuple[Point, ...]
    spark: Markup
    delta: float | None  # change of score since the previous trend point that had one
    changes: PortalChangeView
    href: str  # relative: portals/<file>.html
    rank: int | None = None

    @property
    def tags_json(self) -> str:
        # JSON, so that a tag may hold any character; the template escapes it into the attribute.
        return json.dumps(list(self.tags), ensure_ascii=False)

    def cell(self, area: str) -> AreaCell | None:
        return next((c for c in self.areas if c.area == area), None)

    @property
    def score_text(self) -> str:
        return "—" if self.score is None else f"{self.score:.0f}"


@dataclasses.dataclass(frozen=True)
class FilterOption:
    value: str
    label: str
    count: int


@dataclasses.dataclass(frozen=True)
class RunView:
    id: int
    kind: str
    kind_label: str
    started_at: dt.datetime
    status: str
    profile: str
    tool_version: str = ""


@dataclasses.dataclass(frozen=True)
class ChangesView:
    previous: RunView | None
    flap_k: int
    rows: tuple[PortalRow, ...]  # the portals with a change, in ranking order
    registry_changed: bool
    portals_added: tuple[str, ...]
    portals_removed: tuple[str, ...]
    portals_changed: tuple[str, ...]
    totals: Mapping[str, int]  # new_failures, fixed, pending, unknown: rules over all portals


@dataclasses.dataclass(frozen=True)
class Dashboard:
    lang: str
    run: RunView
    rows: tuple[PortalRow, ...]  # ranked
    areas: tuple[tuple[str, str], ...]  # (area id, label) of the heatmap's columns
    filters: Mapping[str, tuple[FilterOption, ...]]  # agency, level, tag
    changes: ChangesView
    summary: Mapping[str, Any]

    @property
    def csp(self) -> str:
        return assets.dashboard_csp()


# ------------------------------------------------------------------------------------------------ rows
def _delta_text(delta: float | None) -> str:
    if delta is None:
        return ""
    if abs(delta) < 0.05:
        return "="
    return f"{'▲' if delta > 0 else '▼'}{abs(delta):.0f}"


def _area_cells(findings: Sequence[Finding], lang: str) -> tuple[AreaCell, ...]:
    from rules.scoring import score

    cells = []
    present = {f.area for f in findings}
    for area in (*AREA_ORDER, *sorted(present - set(AREA_ORDER))):
        members = [f for f in findings if f.area == area]
        result = score(members)
        value: float | None = result["score"]
        fail = result["counts"]["fail"]
        label = text(area, lang) if area in UI else area
        shown = "—" if value is None else f"{value:.0f}"
        spoken = (f"{label}: {dash('area_score', lang)} {shown}" if value is not None
                  else f"{label}: {dash('no_score', lang)}") + f", {fail} {dash('fails', lang)}"
        # The bucket follows the number shown: a cell reading "90" is never coloured as below 90.
        bucket = svg.bucket(None if value is None else float(round(value)))
        cells.append(AreaCell(area, label, value, fail, len(members), bucket, shown, spoken))
    return tuple(cells)


def points(trend: Iterable[TrendPoint | Point]) -> tuple[Point, ...]:
    """History's trend points (or ours) as ``Point``s, oldest first, one per run."""
    by_run = {p.run_id: p if isinstance(p, Point) else Point(p.run_id, p.started_at, p.score,
                                                             int(p.counts.get("fail", 0)))
              for p in trend}
    return tuple(by_run[k] for k in sorted(by_run))


def _trend_label(points: Sequence[Point], lang: str) -> str:
    if not points:
        return dash("trend_none", lang)
    values = ", ".join("—" if p.score is None else f"{p.score:.0f}" for p in points)
    return dash("trend_alt" if len(points) > 1 else "trend_alt_one", lang).format(n=len(points)) + ": " + values


def change_view(changes: PortalChanges | None, findings: Sequence[Finding], href: str,
                lang: str) -> PortalChangeView:
    """One portal's changes as links to its report's findings (``href`` the report, "" on the report itself)."""
    if changes is None:
        return PortalChangeView()
    current = {f.rule_id: f for f in findings}

    def refs(rule_ids: Iterable[str]) -> tuple[RuleRef, ...]:
        out = []
        for rule_id in sorted(set(rule_ids)):
            detail = changes.rules.get(rule_id)
            finding = current.get(rule_id)
            # History's title is this run's finding's, or the latest earlier one when the rule did not run now.
            title = (detail.title_vi if lang == "vi" else detail.title_en) if detail else ""
            if not title and finding is not None:
                title = finding.title_vi if lang == "vi" else finding.title_en
            note = ""
            if detail is not None and detail.change == "pending":
                # Which way it goes follows from this run's verdict: failing now = may be a new failure.
                note = dash("pending_fail" if detail.status == "fail" else "pending_fixed", lang) + ", " + \
                    dash("held", lang).format(held=detail.held, needed=detail.needed)
            elif detail is not None and detail.change == "unknown":
                status = detail.status
                note = STATUS[status][lang] if status in STATUS else dash("not_run", lang)
            # An anchor only to a finding the report shows (a rule that did not run has none).
            out.append(RuleRef(rule_id, title, f"{href}#{rule_id}" if finding is not None else "", note))
        return tuple(out)

    return PortalChangeView(new_failures=refs(changes.new_failures), fixed=refs(changes.fixed),
                            pending=refs(changes.pending), unknown=refs(changes.unknown),
                            persistent=refs(changes.persistent))


@dataclasses.dataclass(frozen=True)
class RuleHistory:
    """One changed rule's verdicts over the portal's latest runs, for its report page."""

    rule_id: str
    title: str
    href: str
    statuses: tuple[str | None, ...]  # per run of ``HistoryTable.run_ids``; None: the rule did not run


@dataclasses.dataclass(frozen=True)
class HistoryTable:
    run_ids: tuple[int, ...]
    rules: tuple[RuleHistory, ...]


def rule_history(changes: PortalChangeView, trends: Mapping[str, Sequence[RuleTrendPoint]]) -> HistoryTable:
    """The rules a portal's changes list (new, fixed, to be confirmed, unknown), each with its trend."""
    listed = [*changes.new_failures, *changes.fixed, *changes.pending, *changes.unknown]
    run_ids = tuple(sorted({p.run_id for ref in listed for p in trends.get(ref.rule_id, ())}))
    rules = []
    for ref in sorted(listed, key=lambda r: r.rule_id):
        by_run = {p.run_id: p.status for p in trends.get(ref.rule_id, ())}
        rules.append(RuleHistory(ref.rule_id, ref.title, ref.href, tuple(by_run.get(r) for r in run_ids)))
    return HistoryTable(run_ids, tuple(rules))


def portal_row(snapshot: PortalSnapshot, findings: Sequence[Finding], *, href: str,
               trend: Iterable[TrendPoint | Point] = (), changes: PortalChanges | None = None,
               lang: str = "vi") -> PortalRow:
    """One portal's row.  ``trend``: its points up to and including this run, in any order."""
    from rules.scoring import score

    result = score(findings)
    configured = snapshot.portal or {}
    level = str(configured.get("level") or "")
    tags = tuple(sorted({str(t) for t in configured.get("tags") or [] if str(t).strip()}))
    line = points(trend)
    scored = [p.score for p in line if p.score is not None]
    delta = scored[-1] - scored[-2] if len(scored) >= 2 and line and line[-1].score is not None else None
    return PortalRow(
        portal_id=snapshot.portal_id, name=snapshot.name or str(configured.get("name") or "") or snapshot.portal_id,
        url=snapshot.url, agency=str(configured.get("agency") or ""), level=level,
        level_label=LEVEL[level][lang] if level in LEVEL else level, tags=tags, score=result["score"],
        reachable=snapshot.reachable(), counts=dict(result["counts"]), areas=_area_cells(findings, lang),
        trend=line, spark=svg.sparkline([p.score for p in line], label=_trend_label(line, lang)),
        delta=delta, changes=change_view(changes, findings, href, lang), href=href)


# ------------------------------------------------------------------------------------------------ the page
def rank(rows: Iterable[PortalRow]) -> tuple[PortalRow, ...]:
    """Highest score first; equal scores share a rank (1, 2, 2, 4); portals without a score come last, unranked."""
    ordered = sorted(rows, key=lambda r: (r.score is None, -(r.score or 0.0), r.name.casefold(), r.portal_id))
    out: list[PortalRow] = []
    for i, row in enumerate(ordered):
        if row.score is None:
            out.append(row)
        elif out and out[-1].score == row.score:
            out.append(dataclasses.replace(row, rank=out[-1].rank))
        else:
            out.append(dataclasses.replace(row, rank=i + 1))
    return tuple(out)


def _options(values: Iterable[tuple[str, str]]) -> tuple[FilterOption, ...]:
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for value, label in values:
        if value:
            counts[value] = counts.get(value, 0) + 1
            labels[value] = label
    return tuple(FilterOption(v, labels[v], counts[v]) for v in sorted(counts, key=lambda v: labels[v].casefold()))


def run_view(info: Any, lang: str) -> RunView:
    """``info``: a ``nd42.store.RunInfo`` (or anything with its fields)."""
    key = f"kind_{info.kind}"
    return RunView(int(info.id), str(info.kind), text(key, lang) if key in UI else str(info.kind), info.started_at,
                   str(info.status), str(info.profile), str(getattr(info, "tool_version", "") or ""))


def build(run: RunView, rows: Iterable[PortalRow], *, lang: str = "vi", previous: RunView | None = None,
          flap_k: int = 2, registry_changed: bool = False, portals_added: Iterable[str] = (),
          portals_removed: Iterable[str] = (), portals_changed: Iterable[str] = ()) -> Dashboard:
    ranked = rank(rows)
    level_order = {lvl: i for i, lvl in enumerate(LEVEL)}
    levels = _options((r.level, r.level_label) for r in ranked)
    filters = {
        "agency": _options((r.agency, r.agency) for r in ranked),
        "level": tuple(sorted(levels, key=lambda o: (level_order.get(o.value, len(level_order)), o.label))),
        "tag": _options((t, t) for r in ranked for t in r.tags),
    }
    areas: list[tuple[str, str]] = []
    for row in ranked:
        for cell in row.areas:
            if (cell.area, cell.label) not in areas:
                areas.append((cell.area, cell.label))
    changed = tuple(r for r in ranked if r.changes.any)
    totals = {key: sum(len(getattr(r.changes, key)) for r in ranked)
              for key in ("new_failures", "fixed", "pending", "unknown")}
    scores = [r.score for r in ranked if r.score is not None]
    summary = {"portals": len(ranked), "unreachable": sum(1 for r in ranked if not r.reachable),
               "min": min(scores) if scores else None, "median": statistics.median(scores) if scores else None,
               "max": max(scores) if scores else None}
    return Dashboard(lang=lang, run=run, rows=ranked, areas=tuple(areas), filters=filters,
                     changes=ChangesView(previous, flap_k, changed, registry_changed, tuple(portals_added),
                                         tuple(portals_removed), tuple(portals_changed), totals),
                     summary=summary)


def render(view: Dashboard) -> str:
    lang = view.lang
    return environment().get_template("dashboard.html.j2").render(
        v=view, lang=lang, d=lambda key: dash(key, lang), t=lambda key: text(key, lang),
        status_name=lambda s: STATUS[s][lang] if s in STATUS else s, delta_text=_delta_text,
        num=lambda x: "—" if x is None else f"{x:.0f}", script=assets.script(), style=assets.style())
