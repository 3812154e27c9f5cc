"""Render a portal's compliance report (HTML, self-contained) from stored records.

Portal text is untrusted: autoescape is always on, the templates never mark portal text safe,
and a portal URL becomes a link only when it is http(s).  The report carries no script at all
and a restrictive Content-Security-Policy (its one style sheet admitted by hash, reports/assets.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from nd42.clock import in_vietnam
from nd42.records import LISTING_KINDS, Finding, PortalSnapshot, Status
from reports import assets
from reports.i18n import AREA_INTRO, KIND, STATUS, TOPIC, UI, dash, text

AREA_ORDER = ("freshness", "content", "functions", "layout", "technical")
STATUS_ORDER = (Status.FAIL, Status.WARN, Status.NOT_DETERMINABLE, Status.ERROR, Status.PASS, Status.NOT_APPLICABLE)


def _vn_datetime(value: dt.datetime | None) -> str:
    return in_vietnam(value).strftime("%d/%m/%Y %H:%M") if value else "—"


def _vn_date(value: dt.date | str | None) -> str:
    if value is None:
        return "—"
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return day.strftime("%d/%m/%Y")


def _http(url: str | None) -> bool:
    return bool(url) and str(url).lower().startswith(("http://", "https://"))


FILTERS = {"vn_datetime": _vn_datetime, "vn_date": _vn_date, "is_http": _http}


@functools.cache
def environment() -> Environment:
    # One environment per process: Jinja caches compiled templates per environment, and compiling
    # the report for every portal of a night would cost more than rendering it.
    env = Environment(loader=PackageLoader("reports", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(FILTERS)
    # Every page built on _base.html.j2 gets its sheet and the policy hashing it.
    env.globals.update(report_style=assets.report_style(), report_csp=assets.report_csp())
    return env


def _groups(findings: list[Finding], lang: str) -> list[tuple[str | None, list[Finding]]]:
    """Technical findings by topic (HTTPS/TLS, IPv6 and DNS, …), in the order inspectors read them."""
    by_topic: dict[str, list[Finding]] = {}
    for finding in findings:
        by_topic.setdefault(finding.rule_id.split("-", 1)[0], []).append(finding)
    order = [p for p in TOPIC if p in by_topic] + sorted(p for p in by_topic if p not in TOPIC)
    return [(TOPIC[p][lang] if p in TOPIC else p, by_topic[p]) for p in order]


def _view(snapshot: PortalSnapshot, findings: list[Finding], score: dict[str, Any], run: dict[str, Any],
          profile: dict[str, Any], lang: str, site: dict[str, Any] | None = None) -> dict[str, Any]:
    areas = []
    for area in AREA_ORDER:
        members = [f for f in findings if f.area == area]
        members.sort(key=lambda f: (STATUS_ORDER.index(f.status), f.rule_id))
        if members:
            areas.append({"id": area, "findings": members, "intro": AREA_INTRO[area][lang],
                          "groups": _groups(members, lang) if area == "technical" else [(None, members)]})
    sections = sorted(snapshot.sections.values(),
                      key=lambda s: (s.kind not in LISTING_KINDS, (*LISTING_KINDS, s.kind).index(s.kind)))
    section_views = []
    for s in sections:
        items = sorted(s.items, key=lambda i: (i.date is None, -(i.date.toordinal() if i.date else 0)))[:10]
        section_views.append({"s": s, "kind_name": KIND[s.kind][lang] if s.kind in KIND else s.kind,
                              "rows": items})
    return {
        "lang": lang, "t": lambda key: text(key, lang), "status_name": lambda st: STATUS[str(st)][lang],
        "snapshot": snapshot, "areas": areas, "sections": section_views, "score": score, "run": run,
        "profile": profile, "notes": profile.get(f"notes_{lang}", []), "title": profile.get(f"title_{lang}", ""),
        "successor": profile.get("successor"),
        "run_kind": text(f"kind_{run.get('kind')}", lang) if f"kind_{run.get('kind')}" in UI else run.get("kind", ""),
        "counts": [(st.value, score.get("counts", {}).get(st.value, 0)) for st in STATUS_ORDER],
        # The dashboard's portal pages (reports/site.py): link back, trend, this run's changes.
        "site": site, "d": lambda key: dash(key, lang),
    }


def render_portal_report(snapshot: PortalSnapshot, findings: list[Finding], *, score: dict[str, Any],
                         run: dict[str, Any], profile: dict[str, Any], lang: str = "vi",
                         site: dict[str, Any] | None = None) -> str:
    """``site``: when the report is a page of the dashboard's site, ``{"back", "spark", "points", "changes"}``."""
    return environment().get_template("report.html.j2").render(
        **_view(snapshot, findings, score, run, profile, lang, site))


# File systems cap a name at 255 bytes (the name is ASCII here): an id longer than this is cut, and a
# hash of the whole id keeps two long ids with one beginning apart.
MAX_NAME = 100


def safe_name(portal_id: str) -> str:
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", portal_id).strip(".-") or "portal"
    if len(name) > MAX_NAME:
        name = f"{name[:MAX_NAME].rstrip('.-')}-{hashlib.sha256(portal_id.encode('utf-8')).hexdigest()[:8]}"
    return name


def write_portal_report(out_dir: Path, snapshot: PortalSnapshot, findings: list[Finding], *, score: dict[str, Any],
                        run: dict[str, Any], profile: dict[str, Any], lang: str = "vi") -> Path:
    path = out_dir / f"{safe_name(snapshot.portal_id)}.html"
    path.write_text(render_portal_report(snapshot, findings, score=score, run=run, profile=profile, lang=lang),
                    encoding="utf-8")
    return path
