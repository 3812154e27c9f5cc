"""Cases of the domain-pattern rule (DM-001): every pattern of 224/2026 Art. 11.4 and the usual deviations."""

from __future__ import annotations

from typing import Any

from nd42.records import PortalSnapshot
from tests.rules.builders._common import case, snapshot
from tests.rules.builders.functions import UNREACHABLE, Cases

SKHCN = {"name": "Sở Khoa học và Công nghệ tỉnh Hòa Lâm", "level": "department", "parent": "https://hoalam.gov.vn/"}


def at(url: str, portal: dict[str, Any] | None = None, *, configured: str | None = None, **kw: Any) -> PortalSnapshot:
    """A reachable portal answering on ``url`` (configured as ``configured`` when it redirected there)."""
    snap = snapshot(url=url, portal=SKHCN if portal is None else portal, **kw)
    if configured is not None:
        snap.url = configured
    return snap


def build() -> dict[str, Cases]:
    province = {"name": "Ủy ban nhân dân tỉnh Hòa Lâm", "level": "province"}
    ministry = {"name": "Bộ Khoa học và Công nghệ", "level": "ministry"}
    no_parent = {"name": SKHCN["name"], "level": "department"}
    cases = {
        "good": case("a department on skhcn.hoalam.gov.vn under its province hoalam.gov.vn: pass",
                     at("https://skhcn.hoalam.gov.vn/"), "pass",
                     details={"host": "skhcn.hoalam.gov.vn", "problems": [], "labels": 4}),
        "bad": case("the education department on sgddt.hoalam.edu.vn: fail (not .gov.vn)",
                    at("https://sgddt.hoalam.edu.vn/", {"level": "department", "parent": "https://hoalam.gov.vn/"}),
                    "fail", details={"problems": ["not_gov_vn"]}),
        "bad-warn-option": case("the same with mismatch_status = warn: warn",
                                at("https://sgddt.hoalam.edu.vn/"), "warn", options={"mismatch_status": "warn"}),
        "ip-literal": case("the portal is served on a bare IPv4 address: fail (no domain name)",
                           at("http://203.0.113.25/skhcn/"), "fail", details={"problems": ["ip_literal"]}),
        "ipv6-literal-with-port": case("a bracketed IPv6 literal with a port: fail (no domain name)",
                                       at("http://[2001:db8::25]:8080/"), "fail",
                                       details={"problems": ["ip_literal"], "host": "2001:db8::25"}),
        "not-vn": case("a .org domain: fail (not under .vn)",
                       at("https://skhcn-hoalam.org/"), "fail", details={"problems": ["not_vn"]}),
        "com-vn": case("skhcn.hoalam.com.vn: fail (under .vn but not .gov.vn)",
                       at("https://skhcn.hoalam.com.vn/"), "fail", details={"problems": ["not_gov_vn"]}),
        "look-alike-gov": case("hoalam.gov.vn.example.com only looks like .gov.vn: fail",
                               at("https://hoalam.gov.vn.example.com/"), "fail", details={"problems": ["not_vn"]}),
        "province": case("the province on hoalam.gov.vn (tentinhthanh.gov.vn): pass",
                         at("https://hoalam.gov.vn/", province), "pass", details={"labels": 3}),
        "province-four-labels": case("the province on portal.hoalam.gov.vn: fail (expects 3 labels)",
                                     at("https://portal.hoalam.gov.vn/", province), "fail",
                                     details={"problems": ["label_count"]}),
        "ministry": case("a ministry on bkhcn.gov.vn (tenbonganh.gov.vn): pass",
                         at("https://bkhcn.gov.vn/", ministry), "pass"),
        "department-three-labels": case("a department on skhcnhoalam.gov.vn: fail (expects 4 labels)",
                                        at("https://skhcnhoalam.gov.vn/"), "fail",
                                        details={"problems": ["label_count", "not_under_parent"]}),
        "department-wrong-parent": case("a Hòa Lâm department on skhcn.binhlam.gov.vn: fail (not under the parent)",
                                        at("https://skhcn.binhlam.gov.vn/"), "fail",
                                        details={"problems": ["not_under_parent"]}),
        "department-no-parent": case("a department with no parent configured: 4 labels pass, with a note",
                                     at("https://skhcn.hoalam.gov.vn/", no_parent), "pass",
                                     details={"parent_host": None}),
        "commune": case("a commune on xaanphu.hoalam.gov.vn (tenphuongxa.tentinhthanh.gov.vn): pass",
                        at("https://xaanphu.hoalam.gov.vn/", {"level": "commune", "parent": "hoalam.gov.vn"}), "pass"),
        "unit-five-labels": case("a unit on ttcntt.skhcn.hoalam.gov.vn: fail (expects 4 labels)",
                                 at("https://ttcntt.skhcn.hoalam.gov.vn/", {"level": "unit",
                                                                           "parent": "https://skhcn.hoalam.gov.vn/"}),
                                 "fail", details={"problems": ["label_count"]}),
        "ministry-unit": case("a ministry's unit on cuctt.bkhcn.gov.vn under bkhcn.gov.vn: pass",
                              at("https://cuctt.bkhcn.gov.vn/", {"level": "unit", "parent": "https://bkhcn.gov.vn"}),
                              "pass"),
        "district-legacy": case("a former district on anlac.hoalam.gov.vn: pass with a note (43/2011 pattern; no "
                                "district level in 224/2026)",
                                at("https://anlac.hoalam.gov.vn/", {"level": "district", "parent": "hoalam.gov.vn"}),
                                "pass", details={"level": "district"}),
        "level-unknown-three": case("no level configured, x.gov.vn: pass (level not configured)",
                                    at("https://hoalam.gov.vn/", {}), "pass", details={"level_configured": False}),
        "level-unknown-four": case("no level configured, x.y.gov.vn: pass (level not configured)",
                                   at("https://skhcn.hoalam.gov.vn/", {}), "pass",
                                   details={"level_configured": False}),
        "level-unknown-five": case("no level configured, five labels: fail",
                                   at("https://a.b.hoalam.gov.vn/", {}), "fail", details={"problems": ["label_count"]}),
        "level-invalid": case("an unrecognised level value (\"sở\") is treated as not configured: pass",
                              at("https://skhcn.hoalam.gov.vn/", {"level": "sở"}), "pass",
                              details={"level": None, "level_configured": False}),
        "gov-vn-itself": case("the bare gov.vn zone is no agency domain: fail",
                              at("https://gov.vn/", {}), "fail", details={"problems": ["not_gov_vn"]}),
        "www-port-case-dot": case("https://WWW.SKHCN.HoaLam.gov.vn.:8443/: www., port, case and the root dot are "
                                  "ignored: pass",
                                  at("https://WWW.SKHCN.HoaLam.gov.vn.:8443/"), "pass",
                                  details={"host": "skhcn.hoalam.gov.vn"}),
        "redirected-to-gov": case("the configured skhcn-hoalam.vn redirects to skhcn.hoalam.gov.vn: the final host "
                                  "is judged: pass",
                                  at("https://skhcn.hoalam.gov.vn/", configured="http://skhcn-hoalam.vn/"), "pass",
                                  details={"redirected": True, "configured_host": "skhcn-hoalam.vn"}),
        "idn-unicode": case("a label with diacritics (sởkhcn.hoalam.gov.vn): warn (patterns are written without "
                            "diacritics)",
                            at("https://sởkhcn.hoalam.gov.vn/"), "warn", details={"idn": True, "problems": []}),
        "idn-punycode": case("the same host written in punycode: warn, shown in Unicode",
                             at("https://xn--skhcn-5c2b.hoalam.gov.vn/"), "warn",
                             details={"idn": True, "host_display": "sởkhcn.hoalam.gov.vn"}),
        "idn-not-gov": case("an IDN domain under .vn but not .gov.vn (hòalâm.vn): fail",
                            at("https://hòalâm.vn/", {"level": "province"}), "fail",
                            details={"problems": ["not_gov_vn"], "idn": True}),
        "portal-unreachable": case("the portal is unreachable: not determinable",
                                   at("https://skhcn.hoalam.gov.vn/", **UNREACHABLE), "not_determinable",
                                   error_class="timeout"),
    }
    return {"DM-001": cases}
