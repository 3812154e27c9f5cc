"""Cases of the freshness (FR-xxx) rules."""

from __future__ import annotations

from typing import Any

from tests.rules.builders._common import case, items, section, snapshot

FRESHNESS = {"FR-001": ("directive_documents", 30, "fail"), "FR-002": ("party_union", 30, "warn"),
             "FR-003": ("news", 7, "fail"), "FR-004": ("legal_dissemination", 90, "warn")}

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
    return out
