"""Build the rule test cases ``tests/rules/cases/<RULE-ID>/*.json``.

Each case is ``{"description", "now", "options"?, "snapshot", "expect"}`` where ``snapshot`` is
``nd42.records.to_jsonable(PortalSnapshot)`` and ``expect`` holds the expected ``status`` and
optionally ``error_class`` and a subset of ``details``.  The JSON files are committed; run
``.venv/bin/python tests/rules/casebuilder.py`` to regenerate them after changing this file.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from nd42.clock import VN_TZ
from nd42.records import (
    LISTING_KINDS,
    ListingItem,
    PageFetch,
    PortalSnapshot,
    SectionCandidate,
    SectionSnapshot,
    to_jsonable,
)

CASES = Path(__file__).with_name("cases")
# After 01/07/2026: Decree 224/2026 in force, 42/2022 repealed (the law the tool runs under today).
NOW = dt.datetime(2026, 9, 15, 9, 30, tzinfo=VN_TZ)
BEFORE_224 = dt.datetime(2026, 6, 30, 9, 30, tzinfo=VN_TZ)
BASE = "https://sokhcn.example.gov.vn"


def day(days_ago: int, now: dt.datetime = NOW) -> dt.date:
    return now.date() - dt.timedelta(days=days_ago)


def items(*ages: int | None, now: dt.datetime = NOW) -> list[ListingItem]:
    """Listing rows in page order; ``None`` is an undated row."""
    out = []
    for n, age in enumerate(ages):
        date = day(age, now) if age is not None else None
        out.append(ListingItem(
            title=f"Văn bản số {n + 1}", url=f"{BASE}/item/{n + 1}", date=date,
            date_text=date.strftime("%d/%m/%Y") if date else None, date_source="listing" if date else None,
        ))
    return out


def section(kind: str, *, state: str | None = None, rows: list[ListingItem] | None = None, url: str | None = None,
            error_class: str | None = None, label: str | None = None, via: str = "menu") -> SectionSnapshot:
    if state is None:
        state = ("found" if rows else "empty") if kind in LISTING_KINDS else "page"
    return SectionSnapshot(kind=kind, label=label or kind.replace("_", " ").title(), url=url or f"{BASE}/{kind}",
                           via=via, state=state, items=rows or [], error_class=error_class)


def snapshot(*sections: SectionSnapshot, home_status: int | None = 200, home_error: str | None = None,
             candidates: list[SectionCandidate] | None = None, now: dt.datetime = NOW) -> PortalSnapshot:
    home = PageFetch(url=f"{BASE}/", role="home", final_url=f"{BASE}/", status=home_status, error_class=home_error,
                     fetched_at=now.isoformat())
    return PortalSnapshot(portal_id="sokhcn", url=f"{BASE}/", started_at=now, finished_at=now, home_url=f"{BASE}/",
                          name="Sở Khoa học và Công nghệ", pages=[home], sections={s.kind: s for s in sections},
                          candidates=candidates or [])


def case(description: str, snap: PortalSnapshot, status: str, *, options: dict[str, Any] | None = None,
         error_class: str | None = None, details: dict[str, Any] | None = None,
         now: dt.datetime = NOW) -> dict[str, Any]:
    expect: dict[str, Any] = {"status": status}
    if error_class is not None:
        expect["error_class"] = error_class
    if details:
        expect["details"] = details
    data: dict[str, Any] = {"description": description, "now": now.isoformat()}
    if options:
        data["options"] = options
    data["snapshot"] = to_jsonable(snap)
    data["expect"] = expect
    return data


FRESHNESS = {"FR-001": ("directive_documents", 30, "fail"), "FR-002": ("party_union", 30, "warn"),
             "FR-003": ("news", 7, "fail")}
PRESENCE = {"SP-001": ("directive_documents", "warn"), "SP-002": ("party_union", "warn"), "SP-003": ("news", "warn"),
            "SP-004": ("legal_documents", "fail"), "SP-005": ("procedures", "fail"), "SP-006": ("qa", "warn"),
            "SP-007": ("introduction", "fail"), "SP-008": ("organisation", "fail"), "SP-009": ("leaders", "fail"),
            "SP-010": ("contacts", "fail"), "SP-011": ("sitemap", "warn")}


def build() -> dict[str, dict[str, dict[str, Any]]]:
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for rule_id, (kind, limit, stale) in FRESHNESS.items():
        fresh = max(limit - 3, 0)
        out[rule_id] = {
            "good": case(f"newest item {fresh} days old, below a pinned old first row: pass",
                         snapshot(section(kind, rows=items(400, fresh, fresh + 2, None))), "pass",
                         details={"age_days": fresh, "max_age_days": limit, "stale": False}),
            "bad": case(f"newest item {limit + 1} days old: {stale}",
                        snapshot(section(kind, rows=items(limit + 1, limit + 5, limit + 40))), stale,
                        details={"age_days": limit + 1, "stale": True}),
            "boundary-equal": case(f"newest item exactly {limit} days old: pass",
                                   snapshot(section(kind, rows=items(limit))), "pass",
                                   details={"age_days": limit}),
            "absent": case("no such section: not applicable (presence rule reports it)",
                           snapshot(), "not_applicable"),
            "section-unreachable": case("section fetch timed out: not determinable",
                                        snapshot(section(kind, state="unreachable", error_class="timeout")),
                                        "not_determinable", error_class="timeout"),
            "portal-unreachable": case("home page unreachable (DNS): not determinable",
                                       snapshot(section(kind, rows=items(1)), home_status=None, home_error="dns"),
                                       "not_determinable", error_class="dns"),
            "no-dates": case("listing with rows but no dates: not determinable",
                             snapshot(section(kind, rows=items(None, None))), "not_determinable",
                             error_class="no_dates", details={"item_count": 2, "dated_count": 0}),
            "empty": case("listing fetched but empty: not determinable",
                          snapshot(section(kind, state="empty")), "not_determinable", error_class="no_dates"),
            "future-date-ignored": case("a far-future (typo) date does not make the section fresh",
                                        snapshot(section(kind, rows=items(-3650, limit + 10))), stale,
                                        details={"future_dated_count": 1, "age_days": limit + 10}),
            "tomorrow-counts": case("an item dated the day after the run day (crawl past midnight) counts, age 0",
                                    snapshot(section(kind, rows=items(limit + 10, -1))), "pass",
                                    details={"future_dated_count": 0, "age_days": 0}),
        }
    out["FR-001"]["options-override"] = case(
        "max_age_days raised to 45 by the portal: a 40-day-old document passes",
        snapshot(section("directive_documents", rows=items(40))), "pass", options={"max_age_days": 45},
        details={"max_age_days": 45, "age_days": 40})
    out["FR-002"]["provincial-fail"] = case(
        "a provincial profile sets stale_status = fail",
        snapshot(section("party_union", rows=items(90))), "fail", options={"stale_status": "fail"})
    for rule_id, (kind, missing) in PRESENCE.items():
        rows = items(2) if kind in LISTING_KINDS else None
        cands = [SectionCandidate(kind=kind, label="Trang cũ", url=f"{BASE}/old-{kind}", via="sitemap_page",
                                  score=0.4)]
        out[rule_id] = {
            "good": case("section linked from the menu and fetched: pass",
                         snapshot(section(kind, rows=rows)), "pass", details={"present": True}),
            "bad": case(f"no section of this kind anywhere: {missing}",
                        snapshot(candidates=cands), missing, details={"present": False}),
            "http-404": case(f"the section link returns 404: {missing}",
                             snapshot(section(kind, state="unreachable", error_class="http_404")), missing,
                             error_class="http_404", details={"present": False}),
            "timeout": case("the section link timed out: not determinable",
                            snapshot(section(kind, state="unreachable", error_class="timeout")),
                            "not_determinable", error_class="timeout"),
            "portal-unreachable": case("the portal is unreachable: not determinable",
                                       snapshot(home_status=503, home_error="http_5xx"), "not_determinable",
                                       error_class="http_5xx"),
        }
        if kind in LISTING_KINDS:
            out[rule_id]["empty-listing"] = case("listing fetched but empty: present (freshness is FR-xxx)",
                                                 snapshot(section(kind, state="empty")), "pass")
    out["SP-005"]["offsite-dichvucong"] = case(
        "procedures are an off-site link to dichvucong.gov.vn: present",
        snapshot(section("procedures", url="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html",
                         label="Dịch vụ công")), "pass")
    out["SP-009"]["before-224-in-force"] = case(
        "no leaders page on 30/06/2026, before Decree 224/2026 took effect: warn, not fail",
        snapshot(now=BEFORE_224), "warn", now=BEFORE_224,
        details={"present": False, "configured_status": "fail", "obligation_from": "2026-07-01"})
    out["SP-009"]["from-224-in-force"] = case(
        "no leaders page on 01/07/2026, the day Decree 224/2026 took effect: fail",
        snapshot(now=NOW.replace(month=7, day=1)), "fail", now=NOW.replace(month=7, day=1),
        details={"present": False})
    out["SP-002"]["not-applicable-option"] = case(
        "a profile that does not look at the Party section at all", snapshot(), "not_applicable",
        options={"missing_status": "not_applicable"})
    return out


def main() -> int:
    for rule_id, cases in build().items():
        folder = CASES / rule_id
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.json"):
            old.unlink()
        for name, data in cases.items():
            (folder / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                                                 encoding="utf-8")
    print(f"wrote {sum(len(c) for c in build().values())} cases to {CASES}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
