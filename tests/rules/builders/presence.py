"""Cases of the presence (SP-xxx) rules."""

from __future__ import annotations

from typing import Any

from nd42.records import LISTING_KINDS, SectionCandidate
from tests.rules.builders._common import BASE, BEFORE_224, MENUS_ONLY, NOW, case, items, page, section, snapshot

PRESENCE = {"SP-001": ("directive_documents", "warn"), "SP-002": ("party_union", "warn"), "SP-003": ("news", "warn"),
            "SP-004": ("legal_documents", "fail"), "SP-005": ("procedures", "fail"), "SP-006": ("qa", "warn"),
            "SP-007": ("introduction", "fail"), "SP-008": ("organisation", "fail"), "SP-009": ("leaders", "fail"),
            "SP-010": ("contacts", "fail"), "SP-011": ("sitemap", "warn"),
            "SP-012": ("legal_dissemination", "fail"), "SP-013": ("plans", "fail"), "SP-014": ("investment", "fail"),
            "SP-015": ("budget", "warn"), "SP-016": ("statistics", "fail"), "SP-017": ("science", "warn"),
            "SP-018": ("consultation", "warn"), "SP-019": ("access_to_information", "fail")}
SITEMAP_XML_FAILED = {"menus": "read", "sitemap_page": "read", "sitemap_xml": "failed"}


def build() -> dict[str, dict[str, dict[str, Any]]]:
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for rule_id, (kind, missing) in PRESENCE.items():
        rows = items(2) if kind in LISTING_KINDS else None
        cands = [SectionCandidate(kind=kind, label="Trang cũ", url=f"{BASE}/old-{kind}", via="sitemap_page",
                                  score=0.4)]
        softened = {"configured_status": "fail"} if missing == "fail" else {}
        out[rule_id] = {
            "good": case("section linked from the menu and fetched: pass",
                         snapshot(section(kind, rows=rows)), "pass", details={"present": True}),
            "bad": case(f"no section of this kind in the menus, the HTML site map or sitemap.xml, all read: {missing}",
                        snapshot(candidates=cands), missing, details={"present": False, "discovery_complete": True}),
            "partial-discovery": case(
                "no section found, but the portal has no HTML site map and no sitemap.xml: absence not proven, warn",
                snapshot(candidates=cands, discovery=MENUS_ONLY), "warn",
                details={"present": False, "discovery_complete": False, "searched": MENUS_ONLY, **softened}),
            "http-404": case(f"the section link returns 404: {missing}",
                             snapshot(section(kind, state="unreachable", error_class="http_404")), missing,
                             error_class="http_404", details={"present": False}),
            "http-404-partial-discovery": case(
                f"the section link returns 404 and the site map was not read: still {missing} (the link is broken)",
                snapshot(section(kind, state="unreachable", error_class="http_404"), discovery=MENUS_ONLY), missing,
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
    out["SP-004"]["sitemap-xml-failed"] = case(
        "no documents section; menus and site map read but sitemap.xml failed to download: warn",
        snapshot(discovery=SITEMAP_XML_FAILED,
                 pages=[page(f"{BASE}/sitemap.xml", "sitemap_xml", status=None, error_class="timeout")]),
        "warn", details={"configured_status": "fail", "searched": SITEMAP_XML_FAILED})
    out["SP-004"]["discovery-not-recorded"] = case(
        "a schema-1 snapshot records no discovery sources: absence not proven, warn",
        snapshot(discovery={}), "warn", details={"configured_status": "fail", "discovery_complete": False})
    out["SP-004"]["profile-warn"] = case(
        "a profile sets missing_status = warn: warn even with full discovery",
        snapshot(), "warn", options={"missing_status": "warn"}, details={"present": False})
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
    out["SP-009"]["from-224-partial-discovery"] = case(
        "no leaders page after 01/07/2026 but no site map was available: warn",
        snapshot(discovery=MENUS_ONLY), "warn", details={"present": False, "configured_status": "fail"})
    out["SP-002"]["not-applicable-option"] = case(
        "a profile that does not look at the Party section at all", snapshot(), "not_applicable",
        options={"missing_status": "not_applicable"})
    out["SP-017"]["science-agency-profile"] = case(
        "a profile for science agencies sets missing_status = fail: fail with full discovery",
        snapshot(), "fail", options={"missing_status": "fail"})
    return out
