"""Targeted tests of the rule engine and the freshness/presence logic."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

import rules
from nd42.clock import VN_TZ
from nd42.records import (
    Certainty,
    Finding,
    ListingItem,
    PageFetch,
    PortalSnapshot,
    SectionSnapshot,
    Severity,
    Status,
)
from rules.base import ComplianceRule, RuleContext, all_rules
from rules.engine import evaluate
from rules.profiles import ProfileError

NOW = dt.datetime(2026, 3, 15, 9, 0, tzinfo=VN_TZ)
URL = "https://so.example.gov.vn/"


def listing(kind: str, dates: list[dt.date | None], state: str = "found") -> SectionSnapshot:
    rows = [ListingItem(title=f"t{n}", url=f"{URL}i/{n}", date=d, date_text=d.isoformat() if d else None)
            for n, d in enumerate(dates)]
    return SectionSnapshot(kind=kind, label=kind, url=f"{URL}{kind}", via="menu", state=state, items=rows)


def snap(*sections: SectionSnapshot, home: PageFetch | None = None) -> PortalSnapshot:
    home = home or PageFetch(url=URL, role="home", status=200)
    # Every discovery source read: a missing section is strong evidence, so presence rules may fail.
    return PortalSnapshot(portal_id="so", url=URL, started_at=NOW, pages=[home],
                          sections={s.kind: s for s in sections},
                          discovery={"menus": "read", "sitemap_page": "read", "sitemap_xml": "read"})


def one(findings: list[Finding], rule_id: str) -> Finding:
    matches = [f for f in findings if f.rule_id == rule_id]
    assert len(matches) == 1
    return matches[0]


def ago(days: int) -> dt.date:
    return NOW.date() - dt.timedelta(days=days)


@pytest.mark.parametrize(("age", "status"), [(0, "pass"), (29, "pass"), (30, "pass"), (31, "fail"), (365, "fail")])
def test_fr001_threshold_is_inclusive(age: int, status: str) -> None:
    f = one(evaluate(snap(listing("directive_documents", [ago(age)])), None, NOW), "FR-001")
    assert f.status.value == status
    assert f.details["age_days"] == age
    assert f.details["stale"] is (status == "fail")


def test_newest_is_the_maximum_not_the_first_row() -> None:
    section = listing("news", [ago(200), ago(100), ago(2), ago(50)])  # pinned old item first
    f = one(evaluate(snap(section), None, NOW), "FR-003")
    assert f.status is Status.PASS
    assert f.details["newest_date"] == ago(2).isoformat()
    assert f.details["item_count"] == 4 and f.details["dated_count"] == 4
    assert f.evidence[0].dates == [ago(a).isoformat() for a in (200, 100, 2, 50)]
    assert f.evidence[1].url == f"{URL}i/2"


def test_first_row_fresh_but_not_newest_is_irrelevant_when_all_old() -> None:
    f = one(evaluate(snap(listing("news", [ago(20), ago(8), None])), None, NOW), "FR-003")
    assert f.status is Status.FAIL and f.details["age_days"] == 8


def test_age_uses_vietnam_day_not_utc_day() -> None:
    # 18:00 UTC on 14/03 is 01:00 on 15/03 in Vietnam.
    utc = dt.datetime(2026, 3, 14, 18, 0, tzinfo=dt.UTC)
    f = one(evaluate(snap(listing("news", [dt.date(2026, 3, 8)])), None, utc), "FR-003")
    assert f.details["age_days"] == 7 and f.status is Status.PASS


def test_unreachable_portal_is_not_determinable_with_home_error_class() -> None:
    home = PageFetch(url=URL, role="home", error_class="tls", error_message="certificate expired")
    findings = evaluate(snap(listing("news", [ago(1)]), home=home), None, NOW)
    assert {f.status for f in findings} == {Status.NOT_DETERMINABLE}
    assert {f.error_class for f in findings} == {"tls"}


def test_home_http_error_without_class_uses_status() -> None:
    f = one(evaluate(snap(home=PageFetch(url=URL, role="home", status=500)), None, NOW), "SP-004")
    assert f.status is Status.NOT_DETERMINABLE and f.error_class == "http_500"


def test_unreachable_section_is_not_determinable_with_section_error_class() -> None:
    section = SectionSnapshot(kind="directive_documents", label="Chỉ đạo", url=f"{URL}cd", via="menu",
                              state="unreachable", error_class="waf")
    findings = evaluate(snap(section), None, NOW)
    assert one(findings, "FR-001").status is Status.NOT_DETERMINABLE
    assert one(findings, "FR-001").error_class == "waf"
    assert one(findings, "SP-001").status is Status.NOT_DETERMINABLE


def test_absent_section_is_not_applicable_and_points_to_presence_rule() -> None:
    f = one(evaluate(snap(), None, NOW), "FR-001")
    assert f.status is Status.NOT_APPLICABLE
    assert "SP-001" in f.message_en and "SP-001" in f.message_vi


def test_party_union_presence_never_fails() -> None:
    rule = all_rules()["SP-002"]
    assert "fail" not in rule.options["missing_status"].choices
    with pytest.raises(ProfileError):
        evaluate(snap(), None, NOW, overrides={"SP-002": {"missing_status": "fail"}})


class _Boom(ComplianceRule):
    """A rule that raises.

    **What it checks** nothing. **Why it matters** tests. **Non-compliant** -. **Compliant** -.
    **Remediation** -.
    """

    id = "ZZ-999"
    name = "test.boom"
    title_vi = "Nổ"
    title_en = "Boom"
    area = "technical"
    severity = Severity.LOW
    description_vi = "Thử."
    remediation_vi = "Thử."

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        raise RuntimeError("kaboom")


class _Silent(_Boom):
    """A rule that yields nothing.

    **What it checks** nothing. **Why it matters** tests. **Non-compliant** -. **Compliant** -.
    **Remediation** -.
    """

    id = "ZZ-998"

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        yield from ()


class _Malformed(_Boom):
    """A rule that yields a finding under another rule's id.

    **What it checks** nothing. **Why it matters** tests. **Non-compliant** -. **Compliant** -.
    **Remediation** -.
    """

    id = "ZZ-997"

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        yield dataclasses.replace(self.finding(ctx, Status.PASS, "x", "x"), rule_id="FR-001")


def test_a_raising_rule_becomes_an_error_finding_and_others_still_run() -> None:
    rules = [_Boom, all_rules()["FR-003"], _Silent, _Malformed]
    findings = evaluate(snap(listing("news", [ago(1)])), None, NOW, rules=rules)
    assert [f.rule_id for f in findings] == ["FR-003", "ZZ-997", "ZZ-998", "ZZ-999"]
    assert findings[0].status is Status.PASS
    assert findings[1].status is Status.ERROR and findings[1].error_class == "bad_finding"
    assert findings[2].status is Status.ERROR and findings[2].error_class == "no_finding"
    boom = findings[3]
    assert boom.status is Status.ERROR and boom.error_class == "rule_exception"
    assert "kaboom" in boom.message_en and "kaboom" in boom.message_vi
    assert boom.details["exception_class"] == "RuntimeError"
    assert boom.details["exception_message"] == "kaboom"
    assert boom.details["raised_at"].startswith("test_rules_engine.py:")
    assert boom.severity is Severity.LOW and boom.area == "technical"


def test_error_findings_are_not_scored() -> None:
    from rules.scoring import score

    findings = evaluate(snap(listing("news", [ago(1)])), None, NOW, rules=[_Boom, all_rules()["FR-003"]])
    result = score(findings)
    assert result["score"] == 100.0 and result["counts"]["error"] == 1


def test_findings_come_in_rule_id_order_one_per_enabled_rule() -> None:
    from rules.profiles import load_profile

    findings = evaluate(snap(), None, NOW)
    assert [f.rule_id for f in findings] == load_profile("nd42-2022").enabled_rules()
    assert "FR-004" in all_rules() and "FR-004" not in {f.rule_id for f in findings}  # off in the national profile


def test_overrides_disable_and_change_severity() -> None:
    overrides = {"FR-002": {"enabled": False}, "FR-003": {"severity": "critical", "max_age_days": 1}}
    findings = evaluate(snap(listing("news", [ago(2)])), None, NOW, overrides=overrides)
    assert "FR-002" not in {f.rule_id for f in findings}
    f = one(findings, "FR-003")
    assert f.severity is Severity.CRITICAL and f.status is Status.FAIL and f.details["max_age_days"] == 1


def test_unknown_override_rule_raises_profile_error() -> None:
    with pytest.raises(ProfileError, match="FR-999"):
        evaluate(snap(), None, NOW, overrides={"FR-999": {"max_age_days": 3}})


def test_citations_of_42_2022_are_in_force_before_1_july_2026_and_repealed_after() -> None:
    before = one(evaluate(snap(), None, NOW), "SP-004")
    after = one(evaluate(snap(), None, dt.datetime(2026, 7, 2, tzinfo=VN_TZ)), "SP-004")
    nd42_before = next(r for r in before.legal_refs if "42/2022" in r.instrument)
    nd42_after = next(r for r in after.legal_refs if "42/2022" in r.instrument)
    assert nd42_before.standing == "in_force" and nd42_after.standing == "repealed"
    assert nd42_after.certainty is Certainty.VERIFIED_2ND


def test_citations_of_224_2026_are_not_yet_in_force_before_1_july_2026() -> None:
    before = one(evaluate(snap(), None, dt.datetime(2026, 6, 30, 23, 0, tzinfo=VN_TZ)), "SP-005")
    on_day = one(evaluate(snap(), None, dt.datetime(2026, 7, 1, 0, 30, tzinfo=VN_TZ)), "SP-005")
    standing = {r.instrument: r.standing for r in before.legal_refs}
    assert standing["Nghị định 224/2026/NĐ-CP"] == "not_yet_in_force"
    assert standing["Nghị định 42/2022/NĐ-CP"] == "in_force"
    assert standing["Luật Tiếp cận thông tin 104/2016/QH13"] == "in_force"
    standing = {r.instrument: r.standing for r in on_day.legal_refs}
    assert standing["Nghị định 224/2026/NĐ-CP"] == "in_force"
    assert standing["Nghị định 42/2022/NĐ-CP"] == "repealed"
    # The rule's declared citations are not mutated by the run-day view.
    assert all(r.standing != "not_yet_in_force" for r in all_rules()["SP-005"].legal_refs)


def test_standing_follows_the_vietnam_day_of_the_clock() -> None:
    # 17:30 UTC on 30/06 is 00:30 on 01/07 in Vietnam: 224/2026 is in force.
    f = one(evaluate(snap(), None, dt.datetime(2026, 6, 30, 17, 30, tzinfo=dt.UTC)), "SP-009")
    assert f.status is Status.FAIL
    assert {r.instrument: r.standing for r in f.legal_refs}["Nghị định 224/2026/NĐ-CP"] == "in_force"


@pytest.mark.parametrize(("day", "status"), [(dt.date(2026, 6, 30), "warn"), (dt.date(2026, 7, 1), "fail")])
def test_missing_leaders_page_fails_only_once_224_2026_is_in_force(day: dt.date, status: str) -> None:
    now = dt.datetime.combine(day, dt.time(9), VN_TZ)
    f = one(evaluate(snap(), None, now), "SP-009")
    assert f.status.value == status
    assert ("configured_status" in f.details) is (status == "warn")
    # The gate softens only a fail: a profile asking for warn gets warn, never something harsher.
    g = one(evaluate(snap(), None, now, overrides={"SP-009": {"missing_status": "warn"}}), "SP-009")
    assert g.status is Status.WARN and "configured_status" not in g.details


@pytest.mark.parametrize(("offset", "status", "age"), [(-1, "pass", 0), (-2, "fail", 10)])
def test_a_date_one_day_ahead_counts_but_later_ones_do_not(offset: int, status: str, age: int) -> None:
    f = one(evaluate(snap(listing("news", [ago(10), ago(offset)])), None, NOW), "FR-003")
    assert f.status.value == status and f.details["age_days"] == age


def test_all_dates_far_in_the_future_is_not_determinable() -> None:
    f = one(evaluate(snap(listing("news", [ago(-30), ago(-400)])), None, NOW), "FR-003")
    assert f.status is Status.NOT_DETERMINABLE and f.error_class == "future_dates"


def test_freshness_evidence_and_details() -> None:
    rows = [ListingItem(title="Ghim", url=f"{URL}i/0", date=ago(300), date_text="01/01/2025"),
            ListingItem(title="Mới nhất", url=f"{URL}i/1", date=ago(3), date_text="Ngày đăng: 12/03/2026",
                        date_source="article", date_url=f"{URL}i/1")]
    rows += [ListingItem(title=f"t{n}", url=None, date=ago(10 + n)) for n in range(12)]
    section = SectionSnapshot(kind="news", label="Tin tức", url=f"{URL}tin-tuc", via="menu", items=rows)
    f = one(evaluate(snap(section), None, NOW), "FR-003")
    assert set(f.details) >= {"max_age_days", "age_days", "newest_date", "item_count", "dated_count", "stale"}
    assert (f.details["item_count"], f.details["dated_count"], f.details["stale"]) == (14, 14, False)
    listing_ev, newest_ev = f.evidence
    assert (listing_ev.url, listing_ev.value) == (f"{URL}tin-tuc", "Tin tức") and "menu" in (listing_ev.locator or "")
    assert len(listing_ev.dates) == 10
    assert (newest_ev.url, newest_ev.value, newest_ev.snippet) == (f"{URL}i/1", "Mới nhất", "Ngày đăng: 12/03/2026")
    assert f.details["newest_date_url"] == f"{URL}i/1"


def test_presence_via_is_reported_and_404_is_missing_but_timeout_is_not() -> None:
    page = SectionSnapshot(kind="contacts", label="Liên hệ", url=f"{URL}lien-he", via="sitemap_page", state="page")
    f = one(evaluate(snap(page), None, NOW), "SP-010")
    assert f.status is Status.PASS and f.details["via"] == "sitemap_page" and f.evidence[0].url == f"{URL}lien-he"
    gone = dataclasses.replace(page, state="unreachable", error_class="http_410")
    assert one(evaluate(snap(gone), None, NOW), "SP-010").status is Status.FAIL
    slow = dataclasses.replace(page, state="unreachable", error_class="timeout")
    g = one(evaluate(snap(slow), None, NOW), "SP-010")
    assert g.status is Status.NOT_DETERMINABLE and g.error_class == "timeout"


def test_party_union_is_cited_as_provincial_unverified() -> None:
    for rule_id in ("FR-002", "SP-002"):
        refs = all_rules()[rule_id].legal_refs
        assert [(r.standing, r.certainty) for r in refs] == [("provincial", Certainty.UNVERIFIED)]


def test_no_rule_reads_the_wall_clock() -> None:
    clocks = {"dt", "datetime", "date", "dt.date", "dt.datetime", "datetime.date", "datetime.datetime", "time"}
    for path in Path(rules.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("now", "today", "utcnow", "time", "crawl_start"):
                assert ast.unparse(node.value) not in clocks | {"clock", "nd42.clock"}, (
                    f"{path}:{node.lineno} reads the wall clock")
            if isinstance(node, ast.ImportFrom) and node.module == "nd42.clock":
                assert "crawl_start" not in {a.name for a in node.names}, f"{path} imports crawl_start"
