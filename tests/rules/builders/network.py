"""Cases of the IPv6 and DNS rules (NW-xxx): probe records as crawler/probes/dns.py and ipv6.py write them."""

from __future__ import annotations

from typing import Any

from tests.rules.builders._common import case
from tests.rules.builders.tls import HOST, TITLE, home, site

Cases = dict[str, dict[str, Any]]
RESOLVER = "127.0.0.1:5353"
A = ["203.0.113.25"]
AAAA = ["2001:db8:42::25"]


def dns(*, status: str = "probed", a: list[str] | None = None, aaaa: list[str] | None = None,
        cname: list[str] | None = None, rcode: str | None = "NOERROR", rrsig: bool | None = False,
        ad: bool | None = False, error_class: str | None = None, **extra: Any) -> dict[str, Any]:
    """``probes["dns"]``."""
    if status == "skipped":
        return {"status": "skipped", "resolver": None, "a": [], "aaaa": [], "cname": [], "rcode": None,
                "dnssec": {"rrsig": None, "ad": None}, "error_class": error_class, "queries": []}
    out = {"status": status, "resolver": RESOLVER, "a": A if a is None else a, "aaaa": AAAA if aaaa is None else aaaa,
           "cname": cname or [], "rcode": rcode, "dnssec": {"rrsig": rrsig, "ad": ad}, "error_class": error_class,
           "queries": [{"name": HOST, "type": "A", "server": RESOLVER, "rcode": rcode, "ms": 3}]}
    out.update(extra)
    return out


def side(status: int | None = 200, title: str | None = TITLE, error_class: str | None = None,
         address: str | None = None) -> dict[str, Any]:
    return {"address": address, "status": status, "title": title if status else None,
            "length": 48211 if status else None, "location": None, "error_class": error_class}


def ipv6(status: str = "probed", *, v6: dict[str, Any] | None = None, v4: dict[str, Any] | None = None,
         same_page: bool | None = None, error_class: str | None = None) -> dict[str, Any]:
    """``probes["ipv6"]``."""
    if status in ("skipped", "no_aaaa"):
        return {"status": status, "address": None, "v6": None, "v4": None, "same_page": None,
                "error_class": error_class}
    if status == "no_ipv6_route":
        return {"status": status, "address": AAAA[0], "v6": None, "v4": None, "same_page": None,
                "error_class": "no_ipv6_route"}
    v6 = side(address=AAAA[0]) if v6 is None else {**v6, "address": AAAA[0]}
    v4 = side(address=A[0]) if v4 is None else {**v4, "address": A[0]}
    if same_page is None and v6["status"] is not None and v4["status"] is not None:
        same_page = all(v6[k] == v4[k] for k in ("status", "title", "location"))
    if v6["status"] is None:
        status, error_class = "failed", v6["error_class"]
    return {"status": status, "address": AAAA[0], "v6": v6, "v4": v4, "same_page": same_page,
            "error_class": error_class}


def nw001() -> Cases:
    return {
        "good": case("A and AAAA records: pass", site(probes={"dns": dns()}), "pass", details={"aaaa": AAAA}),
        "bad": case("NOERROR, an A record, no AAAA: fail", site(probes={"dns": dns(aaaa=[])}), "fail",
                    details={"aaaa": [], "a": A}),
        "bad-warn-option": case("no AAAA with missing_status = warn: warn",
                                site(probes={"dns": dns(aaaa=[])}), "warn", options={"missing_status": "warn"}),
        "aaaa-via-cname": case("the name is a CNAME to the data centre's host, which has an AAAA: pass",
                               site(probes={"dns": dns(cname=["web01.dc.hoalam.gov.vn"])}), "pass",
                               details={"cname": ["web01.dc.hoalam.gov.vn"]}),
        "nxdomain": case("the resolver says NXDOMAIN (the probe fails with nxdomain): nd",
                         site(probes={"dns": dns(status="failed", a=[], aaaa=[], rcode="NXDOMAIN",
                                                 error_class="nxdomain")}), "not_determinable",
                         error_class="nxdomain"),
        "dns-timeout": case("the resolver did not answer: nd",
                            site(probes={"dns": dns(status="failed", a=[], aaaa=[], rcode=None,
                                                    error_class="timeout")}), "not_determinable",
                            error_class="timeout"),
        "aaaa-query-failed": case("A answered, the AAAA query timed out: nd (not 'no AAAA')",
                                  site(probes={"dns": dns(status="failed", aaaa=[], error_class="timeout",
                                                          failed_query="AAAA")}), "not_determinable",
                                  error_class="timeout"),
        "skipped-resolve": case("the host is mapped with --resolve and no --dns-server: never looked up: nd",
                                site(probes={"dns": dns(status="skipped", error_class="resolve_override")}),
                                "not_determinable", error_class="skipped", details={"reason": "resolve_override"}),
        "not-recorded": case("no DNS probe in the snapshot: nd", site(), "not_determinable",
                             error_class="not_recorded"),
        "ip-literal": case("the portal is addressed by an IP: no name to look up: not applicable (DM-001)",
                           site(url="https://203.0.113.25/", home_page=home("https://203.0.113.25/"),
                                probes={"dns": dns(status="skipped", error_class="ip_literal")}), "not_applicable"),
        "portal-unreachable": case("the web server timed out but DNS answered without AAAA: the DNS answer is "
                                   "judged: fail",
                                   site(down=True, probes={"dns": dns(aaaa=[])}), "fail",
                                   details={"portal_reachable": False}),
        "portal-unreachable-no-probe": case("home page down and no DNS probe: nd", site(down=True),
                                            "not_determinable", error_class="timeout"),
    }


def nw002() -> Cases:
    other = side(title="IIS Windows Server")
    return {
        "good": case("GET / over IPv6 answers 200 with the same title as over IPv4: pass",
                     site(probes={"dns": dns(), "ipv6": ipv6()}), "pass", details={"same_page": True}),
        "bad": case("the AAAA address refuses connections: fail",
                    site(probes={"dns": dns(), "ipv6": ipv6(v6=side(None, error_class="refused"))}), "fail",
                    details={"problem": "refused"}),
        "bad-warn-option": case("refused with unreachable_status = warn: warn",
                                site(probes={"dns": dns(), "ipv6": ipv6(v6=side(None, error_class="refused"))}),
                                "warn", options={"unreachable_status": "warn"}),
        "reset": case("the IPv6 connection is reset: fail",
                      site(probes={"dns": dns(), "ipv6": ipv6(v6=side(None, error_class="reset"))}), "fail"),
        "different-page": case("over IPv6 the server's default site answers (\"IIS Windows Server\"): warn",
                               site(probes={"dns": dns(), "ipv6": ipv6(v6=other)}), "warn",
                               details={"same_page": False, "problem": "different_page"}),
        "different-status": case("IPv6 answers 503 while IPv4 answers 200: warn",
                                 site(probes={"dns": dns(), "ipv6": ipv6(v6=side(503, title="Service Unavailable"))}),
                                 "warn"),
        "both-down": case("IPv6 refused, the IPv4 side failed too and the crawl could not reach the home page: the "
                          "server may be down: nd",
                          site(down=True, probes={"dns": dns(), "ipv6": ipv6(v6=side(None, error_class="refused"),
                                                                            v4=side(None, error_class="refused"))}),
                          "not_determinable", error_class="portal_unreachable"),
        "v6-timeout": case("the IPv6 connection timed out: nd (the scanner's network may be at fault)",
                           site(probes={"dns": dns(), "ipv6": ipv6(v6=side(None, error_class="timeout"))}),
                           "not_determinable", error_class="timeout"),
        "no-ipv6-route": case("the scanning host has no IPv6 route: nd, never fail",
                              site(probes={"dns": dns(), "ipv6": ipv6("no_ipv6_route")}), "not_determinable",
                              error_class="no_ipv6_route"),
        "no-route-error": case("the scanner has a route but the connection failed with no_route (host "
                               "unreachable on the way): nd",
                               site(probes={"dns": dns(), "ipv6": ipv6(v6=side(None, error_class="no_route"))}),
                               "not_determinable", error_class="no_route"),
        "no-aaaa": case("no AAAA record: not applicable (NW-001)",
                        site(probes={"dns": dns(aaaa=[]), "ipv6": ipv6("no_aaaa")}), "not_applicable"),
        "v4-missing": case("IPv6 answers 200; the IPv4 side could not be fetched: pass (reachable, not compared)",
                           site(probes={"dns": dns(), "ipv6": ipv6(v4=side(None, error_class="timeout"))}), "pass",
                           details={"same_page": None}),
        "skipped": case("DNS skipped (--resolve without --dns-server), so the IPv6 probe was skipped: nd",
                        site(probes={"dns": dns(status="skipped", error_class="resolve_override"),
                                     "ipv6": ipv6("skipped", error_class="resolve_override")}),
                        "not_determinable", error_class="skipped"),
        "not-recorded": case("no IPv6 probe in the snapshot: nd", site(), "not_determinable",
                             error_class="not_recorded"),
        "portal-unreachable": case("the crawl's home fetch timed out, the IPv6 probe got the same page on both: "
                                   "pass (the probe is independent)",
                                   site(down=True, probes={"dns": dns(), "ipv6": ipv6()}), "pass",
                                   details={"portal_reachable": False}),
        "portal-unreachable-no-probe": case("home down, no probe: nd", site(down=True), "not_determinable",
                                            error_class="timeout"),
    }


def nw003() -> Cases:
    return {
        "good": case("RRSIG in the answer and AD from the validating resolver: pass",
                     site(probes={"dns": dns(rrsig=True, ad=True)}), "pass", details={"seen": "RRSIG, AD"}),
        "bad": case("no RRSIG, no AD: warn (legacy circular)", site(probes={"dns": dns()}), "warn",
                    details={"rrsig": False, "ad": False}),
        "bad-fail-option": case("unsigned with missing_status = fail: fail", site(probes={"dns": dns()}), "fail",
                                options={"missing_status": "fail"}),
        "rrsig-only": case("signatures in the answer, the resolver does not validate (no AD): pass",
                           site(probes={"dns": dns(rrsig=True)}), "pass", details={"seen": "RRSIG"}),
        "ad-only": case("the validating resolver sets AD, signatures stripped from the answer: pass",
                        site(probes={"dns": dns(ad=True)}), "pass", details={"seen": "AD"}),
        "dns-error": case("SERVFAIL (the probe fails with dns): nd",
                          site(probes={"dns": dns(status="failed", a=[], aaaa=[], rcode="SERVFAIL",
                                                  error_class="dns", rrsig=None, ad=None)}),
                          "not_determinable", error_class="dns"),
        "dnssec-not-recorded": case("a DNS record without DNSSEC information: nd",
                                    site(probes={"dns": {k: v for k, v in dns().items() if k != "dnssec"}}),
                                    "not_determinable", error_class="not_recorded"),
        "skipped": case("the DNS probe was skipped: nd",
                        site(probes={"dns": dns(status="skipped", error_class="disabled")}), "not_determinable",
                        error_class="skipped"),
        "not-recorded": case("no DNS probe: nd", site(), "not_determinable", error_class="not_recorded"),
        "ip-literal": case("an IP-address portal: not applicable",
                           site(url="https://203.0.113.25/", home_page=home("https://203.0.113.25/")),
                           "not_applicable"),
        "portal-unreachable": case("home down; the DNS answer is signed: pass",
                                   site(down=True, probes={"dns": dns(rrsig=True, ad=True)}), "pass"),
    }


def build() -> dict[str, Cases]:
    return {"NW-001": nw001(), "NW-002": nw002(), "NW-003": nw003()}
