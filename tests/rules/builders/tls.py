"""Cases of the HTTPS/TLS rules (TL-xxx), on an invented Hòa Lâm department portal.

The probe records follow the schema of ``crawler/probes`` (docs/facts.md, "Network probes"); the
helpers here (``site``, ``home``, ``html_page``) are shared by the other technical builders.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from nd42.records import PageFetch, PortalSnapshot
from tests.rules.builders._common import NOW, case

HOST = "skhcn.hoalam.gov.vn"
HTTPS = f"https://{HOST}/"
HTTP = f"http://{HOST}/"
PORTAL = {"name": "Sở Khoa học và Công nghệ tỉnh Hòa Lâm", "level": "department", "parent": "https://hoalam.gov.vn/"}
TITLE = "Sở Khoa học và Công nghệ tỉnh Hòa Lâm"
HOME_HEADERS = {"content-type": "text/html; charset=utf-8", "server": "nginx", "cache-control": "private, max-age=60",
                "last-modified": "Tue, 15 Sep 2026 01:10:00 GMT"}

Cases = dict[str, dict[str, Any]]


def iso(delta_days: float) -> str:
    """An instant ``delta_days`` from the run clock, in UTC ISO form as the TLS probe writes it."""
    return (NOW + dt.timedelta(days=delta_days)).astimezone(dt.UTC).isoformat()


def html_page(url: str, role: str = "listing", *, kind: str | None = "news", status: int | None = 200,
              error_class: str | None = None, headers: dict[str, str] | None = None,
              facts: dict[str, Any] | None = None, elapsed_ms: int | None = 350, size: int | None = 48000,
              content_type: str = "text/html; charset=utf-8", final_url: str | None = None) -> PageFetch:
    if error_class is None and status is not None and status >= 400:
        error_class = f"http_{status}"
    return PageFetch(url=url, role=role, kind=kind, final_url=final_url or (url if status is not None else None),
                     status=status, error_class=error_class, elapsed_ms=elapsed_ms, size=size if status else None,
                     content_type=content_type if status else None,
                     headers=dict(HOME_HEADERS if headers is None else headers) if status else {},
                     fetched_at=NOW.isoformat(), facts=facts or {})


def home(url: str = HTTPS, *, status: int | None = 200, error_class: str | None = None,
         headers: dict[str, str] | None = None, facts: dict[str, Any] | None = None, **kw: Any) -> PageFetch:
    return html_page(url, "home", kind=None, status=status, error_class=error_class, headers=headers,
                     facts={"title": TITLE, "text": "Trang chủ", **(facts or {})}, **kw)


def site(*, url: str = HTTPS, home_page: PageFetch | None = None, pages: list[PageFetch] | None = None,
         probes: dict[str, dict[str, Any]] | None = None, down: bool = False) -> PortalSnapshot:
    """The portal: its home page (``down``: it timed out), more pages, the network probes."""
    first = home_page or (home(url, status=None, error_class="timeout") if down else home(url))
    return PortalSnapshot(portal_id="skhcn", url=url, started_at=NOW, finished_at=NOW, home_url=url,
                          name=TITLE, pages=[first, *(pages or [])], portal=dict(PORTAL),
                          discovery={"menus": "read" if not down else "failed", "sitemap_page": "absent",
                                     "sitemap_xml": "absent"},
                          probes=probes or {})


# ---------------------------------------------------------------------------------------------- probes
def cert(*, names: list[str] | None = None, cn: str | None = HOST, not_before: float = -60, not_after: float = 300,
         issuer: str = "CN=R11,O=Let's Encrypt,C=US", self_signed: bool = False) -> dict[str, Any]:
    return {"subject_cn": cn, "san": [HOST, f"www.{HOST}"] if names is None else names, "issuer": issuer,
            "issuer_cn": issuer.split(",")[0].removeprefix("CN="), "not_before": iso(not_before),
            "not_after": iso(not_after), "self_signed": self_signed, "serial": "4a3f9c01",
            "sha256": "9f" * 32}


def tls(*, status: str = "probed", error_class: str | None = None, endpoint: str = HTTPS,
        certificate: dict[str, Any] | None = None, valid: bool | None = True, verify_error: str | None = None,
        protocols: dict[str, bool | None] | None = None, negotiated: str | None = "TLSv1.3",
        https_status: int | None = 200, hsts: str | None = "max-age=31536000; includeSubDomains",
        https_headers: dict[str, str] | None = None, final_url: str | None = None,
        https_error: str | None = None) -> dict[str, Any]:
    """``probes["tls"]`` as crawler/probes/tls.py writes it."""
    if status != "probed":
        return {"status": status, "endpoint": endpoint, "address": "203.0.113.25" if status == "failed" else None,
                "error_class": error_class, "https": None, "cert": None, "chain": {"valid": None, "error": None},
                "hostname_match": None, "protocols": dict.fromkeys(("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3")),
                "protocol_errors": {}, "negotiated": None, "cipher": None,
                **({"error": f"[Errno 111] Connection {error_class}"} if status == "failed" else {})}
    headers = {"content-type": "text/html; charset=utf-8", "server": "nginx"}
    if hsts:
        headers["strict-transport-security"] = hsts
    headers.update(https_headers or {})
    https: dict[str, Any] = {"status": https_status, "final_url": final_url or endpoint,
                             "final_status": https_status, "hsts": hsts,
                             "hsts_max_age": None, "headers": headers, "redirects": [], "error_class": https_error}
    if https_status is None:
        https.update(final_url=None, final_status=None, hsts=None, headers={})
    return {"status": "probed", "endpoint": endpoint, "address": "203.0.113.25", "error_class": None,
            "https": https, "cert": cert() if certificate is None else certificate,
            "chain": {"valid": valid, "error": verify_error}, "hostname_match": True,
            "protocols": {"TLSv1": False, "TLSv1.1": False, "TLSv1.2": True, "TLSv1.3": True}
            if protocols is None else protocols,
            "protocol_errors": {}, "negotiated": negotiated, "cipher": "TLS_AES_256_GCM_SHA384"}


def hop(url: str, status: int | None, location: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"url": url, "status": status, "location": location, "error_class": None, **extra}


def redirect(*hops: dict[str, Any], status: str = "probed", error_class: str | None = None,
             final_url: str | None = None, endpoint: str = HTTP) -> dict[str, Any]:
    """``probes["http_redirect"]`` as crawler/probes/redirect.py writes it."""
    chain = list(hops)
    if status != "probed":
        return {"status": status, "endpoint": endpoint, "error_class": error_class, "final_url": None,
                "https_final": None,
                "chain": [hop(endpoint, None, error_class=error_class)] if status == "failed" else []}
    last = chain[-1]
    final = final_url or (last["location"] if last.get("followed") is False and last["location"] else last["url"])
    return {"status": "probed", "endpoint": endpoint, "chain": chain, "final_url": final,
            "https_final": final.startswith("https://"), "error_class": None}


def with_chain(probe: dict[str, Any], chain: list[dict[str, Any]]) -> dict[str, Any]:
    """The HTTPS answer's same-host redirect chain (first answer included), as the probe records it."""
    last = chain[-1]
    probe["https"].update(chain=chain, final_url=last["url"], final_status=last["status"],
                          headers={**probe["https"]["headers"], "location": chain[0]["location"]})
    return probe


REFUSED = tls(status="failed", error_class="refused")
SKIPPED = tls(status="skipped", error_class="disabled")
TIMEOUT = tls(status="failed", error_class="timeout")
HTTP_HOME = home(HTTP)


def probes(**kw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return dict(kw)


# ---------------------------------------------------------------------------------------------- TL-001
def tl001() -> Cases:
    return {
        "good": case("HTTPS handshake (TLS 1.3) and an HTTP 200 answer: pass",
                     site(probes=probes(tls=tls())), "pass", details={"https": True, "negotiated": "TLSv1.3"}),
        "bad": case("port 443 refuses connections while http:// serves the portal: fail",
                    site(url=HTTP, home_page=HTTP_HOME, probes=probes(tls=REFUSED)), "fail",
                    details={"https": False}),
        "bad-warn-option": case("the same with missing_status = warn: warn",
                                site(url=HTTP, home_page=HTTP_HOME, probes=probes(tls=REFUSED)), "warn",
                                options={"missing_status": "warn"}),
        "portal-unreachable": case("443 refused and the home page timed out too: the server may be down: nd",
                                   site(url=HTTP, down=True, probes=probes(tls=REFUSED)), "not_determinable",
                                   error_class="portal_unreachable"),
        "portal-unreachable-no-probe": case("no probe and the home page timed out: nd (unreachable portal)",
                                            site(down=True), "not_determinable", error_class="timeout"),
        "home-down-https-ok": case("the TLS probe got an HTTPS answer although the crawl's home fetch timed out: "
                                   "pass (the probe is independent of the crawl)",
                                   site(down=True, probes=probes(tls=tls())), "pass",
                                   details={"portal_reachable": False}),
        "timeout": case("the HTTPS port timed out (a firewall may drop it, or the scanner's network): nd",
                        site(url=HTTP, home_page=HTTP_HOME, probes=probes(tls=TIMEOUT)), "not_determinable",
                        error_class="timeout"),
        "handshake-failure": case("the server hangs up during every handshake (tls_handshake): nd, not 'no HTTPS'",
                                  site(url=HTTP, home_page=HTTP_HOME,
                                       probes=probes(tls=tls(status="failed", error_class="tls_handshake"))),
                                  "not_determinable", error_class="tls_handshake"),
        "no-http-answer": case("the handshake succeeds but the HTTP request over it times out: nd",
                               site(probes=probes(tls=tls(https_status=None, https_error="timeout"))),
                               "not_determinable", error_class="timeout"),
        "server-error-over-https": case("HTTPS works but the application answers 503: HTTPS is available: pass "
                                        "(availability is PF-001's)",
                                        site(probes=probes(tls=tls(https_status=503))), "pass",
                                        details={"http_status": 503}),
        "downgrade-to-http": case("https:// answers 301 Location: http://…: HTTPS exists but sends visitors off it: "
                                  "warn",
                                  site(url=HTTP, home_page=HTTP_HOME, probes=probes(tls=tls(
                                      https_status=301, hsts=None, https_headers={"location": HTTP}))),
                                  "warn", details={"downgrade": True, "final_url": HTTP}),
        "downgrade-after-www": case("https:// → https://www. (followed) → http://www. (not followed): warn",
                                    site(probes=probes(tls=with_chain(tls(https_status=301, hsts=None), [
                                        hop(HTTPS, 301, f"https://www.{HOST}/"),
                                        hop(f"https://www.{HOST}/", 302, f"http://www.{HOST}/", followed=False,
                                            loop=False)]))),
                                    "warn", details={"downgrade": True, "final_url": f"http://www.{HOST}/"}),
        "no-probe-home-https": case("no probe recorded (older snapshot) but the crawl fetched the home page over "
                                    "https: pass from the crawl",
                                    site(), "pass", details={"source": "crawl"}),
        "probe-disabled-home-https": case("probes disabled (--no-network-probes), home fetched over https: pass",
                                          site(probes=probes(tls=SKIPPED)), "pass", details={"source": "crawl"}),
        "probe-timeout-home-https": case("the TLS probe timed out but the crawl fetched the home page over https: "
                                         "pass from the crawl",
                                         site(probes=probes(tls=TIMEOUT)), "pass",
                                         details={"source": "crawl", "probe_error_class": "timeout"}),
        "no-probe-home-http": case("no probe recorded and the portal is http://: nd (not recorded)",
                                   site(url=HTTP, home_page=HTTP_HOME), "not_determinable",
                                   error_class="not_recorded"),
        "probe-disabled-home-http": case("probes disabled and the portal is http://: nd (skipped)",
                                         site(url=HTTP, home_page=HTTP_HOME, probes=probes(tls=SKIPPED)),
                                         "not_determinable", error_class="skipped", details={"reason": "disabled"}),
    }


# ---------------------------------------------------------------------------------------------- TL-002
def tl002() -> Cases:
    self_signed = cert(issuer=f"CN={HOST}", self_signed=True)
    return {
        "good": case("the chain verifies against the trust store: pass", site(probes=probes(tls=tls())), "pass",
                     details={"valid": True}),
        "bad": case("a self-signed certificate: fail",
                    site(probes=probes(tls=tls(certificate=self_signed, valid=False,
                                               verify_error="self-signed certificate"))), "fail",
                    details={"self_signed": True, "verify_error": "self-signed certificate"}),
        "unknown-issuer": case("the server sends no intermediate certificate (unable to get local issuer): fail",
                               site(probes=probes(tls=tls(valid=False,
                                                          verify_error="unable to get local issuer certificate")))
                               , "fail", details={"self_signed": False}),
        "private-ca": case("issued by the province's private CA, unknown to browsers: fail",
                           site(probes=probes(tls=tls(certificate=cert(issuer="CN=Hoa Lam Internal CA,O=UBND"),
                                                      valid=False,
                                                      verify_error="unable to get local issuer certificate")))
                           , "fail"),
        "bad-warn-option": case("self-signed with invalid_status = warn: warn",
                                site(probes=probes(tls=tls(certificate=self_signed, valid=False,
                                                           verify_error="self-signed certificate"))), "warn",
                                options={"invalid_status": "warn"}),
        "expired-chain-valid": case("an expired certificate whose chain verifies (time not checked here, TL-004 "
                                    "judges dates): pass",
                                    site(probes=probes(tls=tls(certificate=cert(not_before=-400, not_after=-20)))),
                                    "pass"),
        "no-https": case("port 443 refused while HTTP works: not applicable (TL-001)",
                         site(url=HTTP, home_page=HTTP_HOME, probes=probes(tls=REFUSED)), "not_applicable"),
        "portal-unreachable": case("443 refused and the home page is down: nd (unreachable portal)",
                                   site(url=HTTP, down=True, probes=probes(tls=REFUSED)), "not_determinable",
                                   error_class="timeout"),
        "home-down-probe-ok": case("the probe verified the chain though the crawl's home fetch timed out: pass",
                                   site(down=True, probes=probes(tls=tls())), "pass",
                                   details={"portal_reachable": False}),
        "timeout": case("the TLS probe timed out: nd", site(probes=probes(tls=TIMEOUT)), "not_determinable",
                        error_class="timeout"),
        "not-recorded": case("no TLS probe in the snapshot: nd", site(), "not_determinable",
                             error_class="not_recorded"),
        "skipped": case("probes disabled: nd", site(probes=probes(tls=SKIPPED)), "not_determinable",
                        error_class="skipped"),
        "no-verdict": case("the probe recorded no chain verdict (valid null): nd",
                           site(probes=probes(tls=tls(valid=None))), "not_determinable",
                           error_class="not_recorded"),
    }


# ---------------------------------------------------------------------------------------------- TL-003
def tl003() -> Cases:
    def with_cert(c: dict[str, Any], endpoint: str = HTTPS) -> PortalSnapshot:
        return site(url=endpoint, home_page=home(endpoint), probes=probes(tls=tls(certificate=c, endpoint=endpoint)))

    www = f"https://www.{HOST}/"
    return {
        "good": case("the SAN lists the host: pass", with_cert(cert()), "pass", details={"matched": [HOST]}),
        "bad": case("the hosting company's default certificate (*.hosting.vn, vps.hosting.vn): fail",
                    with_cert(cert(names=["*.hosting.vn", "vps.hosting.vn"], cn="vps.hosting.vn")), "fail",
                    details={"names": ["*.hosting.vn", "vps.hosting.vn"], "source": "san"}),
        "wildcard": case("a wildcard *.hoalam.gov.vn covers skhcn.hoalam.gov.vn (one label): pass",
                         with_cert(cert(names=["*.hoalam.gov.vn", "hoalam.gov.vn"], cn="*.hoalam.gov.vn")), "pass",
                         details={"matched": ["*.hoalam.gov.vn"]}),
        "wildcard-too-deep": case("*.hoalam.gov.vn does not cover www.skhcn.hoalam.gov.vn (two labels): fail",
                                  with_cert(cert(names=["*.hoalam.gov.vn"], cn="*.hoalam.gov.vn"), www), "fail"),
        "wildcard-not-parent": case("*.skhcn.hoalam.gov.vn does not cover skhcn.hoalam.gov.vn itself: fail",
                                    with_cert(cert(names=[f"*.{HOST}"], cn=f"*.{HOST}")), "fail"),
        "www-missing": case("the portal answers on www. but the certificate names only the bare host: fail",
                            with_cert(cert(names=[HOST]), www), "fail", details={"host": f"www.{HOST}"}),
        "cn-only": case("an old certificate without SAN: the CN names the host: pass",
                        with_cert(cert(names=[], cn=HOST)), "pass", details={"source": "cn"}),
        "cn-ignored-with-san": case("CN is the host but the SAN does not list it (browsers ignore the CN): fail",
                                    with_cert(cert(names=["portal.hoalam.gov.vn"], cn=HOST)), "fail",
                                    details={"source": "san"}),
        "case-insensitive": case("SAN SKHCN.HoaLam.gov.vn matches skhcn.hoalam.gov.vn: pass",
                                 with_cert(cert(names=["SKHCN.HoaLam.gov.vn"])), "pass"),
        "ip-host": case("a portal on an IP address with the address in the SAN: pass",
                        with_cert(cert(names=["203.0.113.25"], cn=None), "https://203.0.113.25/"), "pass"),
        "ip-not-dns": case("an IP-address portal whose certificate has only DNS names: fail",
                           with_cert(cert(names=[HOST], cn="203.0.113.25"), "https://203.0.113.25/"), "fail"),
        "no-names": case("the probe recorded neither SAN nor CN: nd",
                         with_cert(cert(names=[], cn=None)), "not_determinable", error_class="not_recorded"),
        "no-https": case("no HTTPS: not applicable (TL-001)",
                         site(url=HTTP, home_page=HTTP_HOME, probes=probes(tls=REFUSED)), "not_applicable"),
        "portal-unreachable": case("no probe, home page down: nd", site(down=True), "not_determinable",
                                   error_class="timeout"),
        "reset": case("the TLS probe's connection was reset: nd",
                      site(probes=probes(tls=tls(status="failed", error_class="reset"))), "not_determinable",
                      error_class="reset"),
    }


# ---------------------------------------------------------------------------------------------- TL-004
def tl004() -> Cases:
    def valid_for(not_after: float, not_before: float = -60, **kw: Any) -> PortalSnapshot:
        return site(probes=probes(tls=tls(certificate=cert(not_after=not_after, not_before=not_before), **kw)))

    openssl_dates = cert()
    openssl_dates.update(not_before="Jul 17 09:30:00 2026 GMT", not_after="Jul 11 02:30:00 2027 GMT")
    bad_date = cert()
    bad_date["not_after"] = "someday"
    return {
        "good": case("299 days left: pass", valid_for(299.5), "pass", details={"days_left": 299, "state": "valid"}),
        "bad": case("expired 20 days before the run: fail", valid_for(-20, -400), "fail",
                    details={"state": "expired", "days_left": -20}),
        "expiring": case("12 days left, under the 30-day threshold: warn", valid_for(12.5), "warn",
                         details={"state": "expiring", "days_left": 12}),
        "expiring-threshold-option": case("12 days left with warn_days = 10: pass", valid_for(12.5), "pass",
                                          options={"warn_days": 10}),
        "thirty-days-left": case("exactly 30 days left: not under the threshold: pass", valid_for(30), "pass",
                                 details={"days_left": 30}),
        "expires-today": case("expired an hour before the run: fail", valid_for(-1 / 24), "fail",
                              details={"state": "expired"}),
        "not-yet-valid": case("valid only from tomorrow (a certificate installed too early, or a wrong clock): fail",
                              valid_for(365, 1), "fail", details={"state": "not_yet_valid"}),
        "expired-warn-option": case("expired with expired_status = warn: warn", valid_for(-20, -400), "warn",
                                    options={"expired_status": "warn"}),
        "openssl-date-format": case("dates in OpenSSL's text form (Jul 11 02:30:00 2027 GMT): pass",
                                    site(probes=probes(tls=tls(certificate=openssl_dates))), "pass"),
        "bad-date": case("an unreadable expiry date: nd", site(probes=probes(tls=tls(certificate=bad_date))),
                         "not_determinable", error_class="bad_date"),
        "expired-self-signed": case("expired and self-signed: the expiry fails here (the chain is TL-002's)",
                                    site(probes=probes(tls=tls(certificate=cert(not_after=-5, self_signed=True),
                                                               valid=False, verify_error="self-signed certificate"))),
                                    "fail"),
        "no-https": case("no HTTPS: not applicable (TL-001)",
                         site(url=HTTP, home_page=HTTP_HOME, probes=probes(tls=REFUSED)), "not_applicable"),
        "portal-unreachable": case("443 refused, home down: nd", site(down=True, probes=probes(tls=REFUSED)),
                                   "not_determinable", error_class="timeout"),
        "timeout": case("the TLS probe timed out: nd", site(probes=probes(tls=TIMEOUT)), "not_determinable",
                        error_class="timeout"),
    }


# ---------------------------------------------------------------------------------------------- TL-005
def tl005() -> Cases:
    def versions(negotiated: str | None = "TLSv1.3", **states: bool | None) -> PortalSnapshot:
        protocols: dict[str, bool | None] = {"TLSv1": False, "TLSv1.1": False, "TLSv1.2": True, "TLSv1.3": True}
        protocols.update({k.replace("_", "."): v for k, v in states.items()})
        return site(probes=probes(tls=tls(protocols=protocols, negotiated=negotiated)))

    return {
        "good": case("TLS 1.2 and 1.3 offered, 1.0 and 1.1 refused: pass", versions(), "pass",
                     details={"offered": ["TLSv1.2", "TLSv1.3"], "untested": []}),
        "bad": case("an old IIS default: TLS 1.0 and 1.1 accepted beside TLS 1.2: fail",
                    versions("TLSv1.2", TLSv1=True, TLSv1_1=True, TLSv1_3=False), "fail",
                    details={"problem": "legacy_offered"}),
        "only-tls11-legacy": case("TLS 1.1 accepted (1.0 refused): fail", versions(TLSv1_1=True), "fail"),
        "legacy-only": case("a server that speaks only TLS 1.0 (negotiated at security level 0): fail",
                            versions("TLSv1", TLSv1=True, TLSv1_2=False, TLSv1_3=False), "fail"),
        "legacy-warn-option": case("TLS 1.0 offered with legacy_status = warn: warn",
                                   versions(TLSv1=True), "warn", options={"legacy_status": "warn"}),
        "tls12-only": case("TLS 1.2 only (no 1.3): pass", versions("TLSv1.2", TLSv1_3=False), "pass"),
        "legacy-untested": case("the scanner's OpenSSL cannot offer TLS 1.0 (untested), 1.1 refused: pass, TLS 1.0 "
                                "named untested",
                                versions(TLSv1=None), "pass", details={"untested": ["TLSv1"]}),
        "negotiated-only": case("no per-version tries recorded; the handshake negotiated TLS 1.3: pass with every "
                                "other version untested",
                                site(probes=probes(tls=tls(protocols={}, negotiated="TLSv1.3"))), "pass",
                                details={"offered": ["TLSv1.3"]}),
        "no-modern": case("TLS 1.2 and 1.3 refused, the older versions untested: fail (neither current version)",
                          versions(None, TLSv1=None, TLSv1_1=None, TLSv1_2=False, TLSv1_3=False), "fail",
                          details={"problem": "no_modern_version"}),
        "nothing-tested": case("no version could be tried at all: nd (untested)",
                               site(probes=probes(tls=tls(protocols=dict.fromkeys(
                                   ("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3")), negotiated=None))),
                               "not_determinable", error_class="untested"),
        "no-https": case("no HTTPS: not applicable (TL-001)",
                         site(url=HTTP, home_page=HTTP_HOME, probes=probes(tls=REFUSED)), "not_applicable"),
        "portal-unreachable": case("no probe, home down: nd", site(down=True), "not_determinable",
                                   error_class="timeout"),
        "handshake-failure": case("every handshake fails (tls_handshake), nothing learnt per version: nd",
                                  site(probes=probes(tls=tls(status="failed", error_class="tls_handshake"))),
                                  "not_determinable", error_class="tls_handshake"),
    }


# ---------------------------------------------------------------------------------------------- TL-006
def tl006() -> Cases:
    www = f"https://www.{HOST}/"

    def chain(*hops: dict[str, Any], **kw: Any) -> PortalSnapshot:
        return site(probes=probes(tls=tls(), http_redirect=redirect(*hops, **kw)))

    return {
        "good": case("http:// answers 301 to https:// of the same host: pass",
                     chain(hop(HTTP, 301, HTTPS), hop(HTTPS, 200)), "pass", details={"same_host": True}),
        "bad": case("http:// serves the home page with 200, no redirect: fail",
                    chain(hop(HTTP, 200)), "fail", details={"redirects_to_https": False}),
        "bad-warn-option": case("the same with no_redirect_status = warn: warn", chain(hop(HTTP, 200)), "warn",
                                options={"no_redirect_status": "warn"}),
        "www-twin": case("http://skhcn… → https://www.skhcn…: the www twin counts as the same host: pass",
                         chain(hop(HTTP, 301, www), hop(www, 200)), "pass", details={"same_host": True}),
        "via-http-hop": case("http://skhcn… → http://www.skhcn… → https://www.skhcn…: pass (the http hop noted)",
                             chain(hop(HTTP, 301, f"http://www.{HOST}/"), hop(f"http://www.{HOST}/", 302, www),
                                   hop(www, 200)), "pass", details={"via_http": [f"http://www.{HOST}/"]}),
        "other-host-https": case("http:// redirects to https://hoalam.gov.vn/skhcn (another host, not followed): warn",
                                 chain(hop(HTTP, 301, "https://hoalam.gov.vn/skhcn", followed=False, loop=False)),
                                 "warn", details={"same_host": False}),
        "other-host-http": case("http:// redirects to http://www.hoalam.gov.vn/skhcn (another host, still plain "
                                "HTTP): warn",
                                chain(hop(HTTP, 302, "http://www.hoalam.gov.vn/skhcn", followed=False, loop=False)),
                                "warn", details={"redirects_to_https": False}),
        "meta-refresh": case("http:// answers 200 with <meta http-equiv=refresh> to https://: warn (not an HTTP "
                             "redirect)",
                             chain(hop(HTTP, 200, meta_refresh=HTTPS)), "warn", details={"meta_refresh": HTTPS}),
        "forbidden-over-http": case("http:// answers 403 without a redirect: warn (no content served, no redirect)",
                                    chain(hop(HTTP, 403)), "warn"),
        "https-hop-timeout": case("the redirect points to https:// of the host, whose answer timed out: pass (the "
                                  "redirect itself is right)",
                                  chain(hop(HTTP, 301, HTTPS), hop(HTTPS, None, error_class="timeout")), "pass"),
        "http-refused": case("port 80 refuses connections while HTTPS works: HTTP not offered: pass",
                             site(probes=probes(tls=tls(), http_redirect=redirect(status="failed",
                                                                                   error_class="refused"))),
                             "pass", details={"http_offered": False}),
        "no-https": case("no HTTPS at all (443 refused), http:// serves 200: not applicable (TL-001)",
                         site(url=HTTP, home_page=HTTP_HOME,
                              probes=probes(tls=REFUSED, http_redirect=redirect(hop(HTTP, 200)))), "not_applicable"),
        "timeout": case("port 80 timed out: nd", site(probes=probes(
            tls=tls(), http_redirect=redirect(status="failed", error_class="timeout"))), "not_determinable",
                        error_class="timeout"),
        "loop": case("http:// → https:// → http:// (seen before): a redirect loop: nd",
                     chain(hop(HTTP, 301, HTTPS), hop(HTTPS, 301, HTTP, followed=False, loop=True)),
                     "not_determinable", error_class="redirect_loop"),
        "too-many-redirects": case("six same-host redirects, the probe stopped: nd",
                                   chain(*[hop(f"{HTTP}r{n}", 302, f"{HTTP}r{n + 1}") for n in range(6)]),
                                   "not_determinable", error_class="too_many_redirects"),
        "portal-unreachable": case("no probes, home down: nd", site(down=True), "not_determinable",
                                   error_class="timeout"),
        "not-recorded": case("no redirect probe in the snapshot: nd", site(probes=probes(tls=tls())),
                             "not_determinable", error_class="not_recorded"),
        "skipped": case("probes disabled: nd", site(probes=probes(
            tls=SKIPPED, http_redirect=redirect(status="skipped", error_class="disabled"))), "not_determinable",
                        error_class="skipped"),
    }


# ---------------------------------------------------------------------------------------------- TL-007
def tl007() -> Cases:
    def with_hsts(value: str | None) -> PortalSnapshot:
        return site(probes=probes(tls=tls(hsts=value)))

    return {
        "good": case("max-age one year with includeSubDomains: pass",
                     with_hsts("max-age=31536000; includeSubDomains"), "pass",
                     details={"max_age": 31536000, "include_subdomains": True}),
        "bad": case("no Strict-Transport-Security header on the HTTPS answer: warn", with_hsts(None), "warn",
                    details={"present": False}),
        "bad-fail-option": case("absent with missing_status = fail: fail", with_hsts(None), "fail",
                                options={"missing_status": "fail"}),
        "short-max-age": case("max-age=300 (five minutes, a test value left in place): warn",
                              with_hsts("max-age=300"), "warn", details={"problem": "short_max_age", "max_age": 300}),
        "max-age-zero": case("max-age=0 switches HSTS off: warn", with_hsts("max-age=0"), "warn",
                             details={"max_age": 0}),
        "exactly-180-days": case("max-age=15552000 (180 days): pass", with_hsts("max-age=15552000"), "pass"),
        "min-max-age-option": case("180 days with min_max_age = one year: warn", with_hsts("max-age=15552000"), "warn",
                                   options={"min_max_age": 31536000}),
        "quoted-max-age": case("max-age=\"31536000\" (quoted, allowed by RFC 6797): pass",
                               with_hsts("max-age=\"31536000\"; preload"), "pass", details={"preload": True}),
        "invalid": case("a header without max-age (\"includeSubDomains\" alone): browsers ignore it: warn",
                        with_hsts("includeSubDomains"), "warn", details={"problem": "invalid"}),
        "two-headers": case("two headers joined (\"max-age=300, max-age=31536000\"): the first counts: warn",
                            with_hsts("max-age=300, max-age=31536000"), "warn", details={"max_age": 300}),
        "from-home-headers": case("probes disabled; the home page fetched over https carries HSTS: pass",
                                  site(home_page=home(headers={**HOME_HEADERS,
                                                               "strict-transport-security": "max-age=63072000"}),
                                       probes=probes(tls=SKIPPED)), "pass", details={"source": "home"}),
        "from-home-headers-absent": case("no probe; the home page over https has no HSTS: warn",
                                         site(), "warn", details={"source": "home", "present": False}),
        "no-https": case("443 refused: not applicable (TL-001)",
                         site(url=HTTP, home_page=HTTP_HOME, probes=probes(tls=REFUSED)), "not_applicable"),
        "hsts-over-http-ignored": case("the portal is http:// and sends HSTS over plain HTTP (ignored by browsers); "
                                       "the TLS probe timed out: nd",
                                       site(url=HTTP, home_page=home(HTTP, headers={
                                           **HOME_HEADERS, "strict-transport-security": "max-age=31536000"}),
                                            probes=probes(tls=TIMEOUT)), "not_determinable", error_class="timeout"),
        "no-http-answer": case("the handshake worked but no HTTP answer came, and the portal is http://: nd",
                               site(url=HTTP, home_page=HTTP_HOME,
                                    probes=probes(tls=tls(https_status=None, https_error="reset"))),
                               "not_determinable", error_class="no_http_answer"),
        "portal-unreachable": case("443 refused, home down: nd", site(down=True, probes=probes(tls=REFUSED)),
                                   "not_determinable", error_class="timeout"),
        "not-recorded": case("no probe, http:// portal: nd", site(url=HTTP, home_page=HTTP_HOME),
                             "not_determinable", error_class="not_recorded"),
    }


# ---------------------------------------------------------------------------------------------- TL-008
def tl008() -> Cases:
    def res(url: str, tag: str, active: bool) -> dict[str, Any]:
        return {"url": url, "tag": tag, "active": active}

    script = res(f"http://{HOST}/js/jquery-1.4.4.min.js", "script", True)
    css = res("http://fonts.googleapis.com/css?family=Roboto", "link", True)
    image = res(f"http://{HOST}/upload/banner-2026.jpg", "img", False)
    video = res("http://media.hoalam.gov.vn/video/hoi-nghi.mp4", "video", False)

    def pages(*found: list[dict[str, Any]], url: str = HTTPS, headers: dict[str, str] | None = None
              ) -> PortalSnapshot:
        tech = [{"insecure_resources": f, "insecure_count": len(f), "feeds": []} for f in found]
        first = home(url, facts={"tech": tech[0]}, headers=headers)
        rest = [html_page(f"{url}tin-tuc/{n}", facts={"tech": t}, headers=headers) for n, t in enumerate(tech[1:])]
        return site(url=url, home_page=first, pages=rest)

    return {
        "good": case("three HTTPS pages, every resource over https or relative: pass", pages([], [], []), "pass",
                     details={"active": 0, "passive": 0, "pages_read": 3}),
        "bad": case("the home page loads jQuery over http:// (active): fail", pages([script, image], []), "fail",
                    details={"active": 1, "passive": 1, "severity_of_mix": "active"}),
        "passive-only": case("only an image and a video over http:// (passive): warn", pages([], [image, video]),
                             "warn", details={"passive": 2, "severity_of_mix": "passive"}),
        "stylesheet-on-article": case("an article page loads a Google Fonts stylesheet over http://: fail",
                                      pages([image], [], [css]), "fail", details={"pages_with_active": 1}),
        "upgrade-insecure-requests": case("active mixed content, but the pages send CSP upgrade-insecure-requests: "
                                          "browsers upgrade: warn",
                                          pages([script], headers={**HOME_HEADERS, "content-security-policy":
                                                                   "upgrade-insecure-requests"}), "warn"),
        "active-warn-option": case("active mixed content with active_status = warn: warn", pages([script]), "warn",
                                   options={"active_status": "warn"}),
        "http-portal": case("the portal is served over http:// only: no HTTPS page: not applicable",
                            pages([], url=HTTP), "not_applicable"),
        "no-tech-facts": case("HTTPS pages without technical facts (older snapshot): nd",
                              site(pages=[html_page(f"{HTTPS}tin-tuc")]), "not_determinable",
                              error_class="not_recorded"),
        "portal-unreachable": case("home page down: nd", site(down=True), "not_determinable", error_class="timeout"),
    }


def build() -> dict[str, Cases]:
    return {"TL-001": tl001(), "TL-002": tl002(), "TL-003": tl003(), "TL-004": tl004(), "TL-005": tl005(),
            "TL-006": tl006(), "TL-007": tl007(), "TL-008": tl008()}
