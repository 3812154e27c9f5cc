"""Cases of the security-header rules (SH-xxx): the home page's kept response headers."""

from __future__ import annotations

from typing import Any

from nd42.records import PortalSnapshot
from tests.rules.builders._common import case
from tests.rules.builders.tls import HOME_HEADERS, HTTPS, home, html_page, site

Cases = dict[str, dict[str, Any]]
GOOD_CSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'self'"


def with_headers(extra: dict[str, str] | None = None, *, drop: tuple[str, ...] = (), **kw: Any) -> PortalSnapshot:
    headers = {k: v for k, v in {**HOME_HEADERS, **(extra or {})}.items() if k not in drop}
    return site(home_page=home(headers=headers), **kw)


NO_HEADERS = site(home_page=home(headers={}))
DOWN = site(down=True)


def sh001() -> Cases:
    return {
        "good": case("default-src 'self' …: pass", with_headers({"content-security-policy": GOOD_CSP}), "pass",
                     details={"restricts_scripts": True}),
        "bad": case("no Content-Security-Policy: warn", with_headers(), "warn", details={"present": False}),
        "bad-fail-option": case("absent with missing_status = fail: fail", with_headers(), "fail",
                                options={"missing_status": "fail"}),
        "script-src-unsafe-inline": case("script-src 'self' 'unsafe-inline': pass, with the weakness noted",
                                         with_headers({"content-security-policy":
                                                       "script-src 'self' 'unsafe-inline' https://www.google.com"}),
                                         "pass", details={"unsafe": ["'unsafe-inline'"]}),
        "no-script-restriction": case("only upgrade-insecure-requests and frame-ancestors: restricts no scripts: warn",
                                      with_headers({"content-security-policy":
                                                    "upgrade-insecure-requests; frame-ancestors 'self'"}), "warn",
                                      details={"restricts_scripts": False}),
        "report-only": case("only Content-Security-Policy-Report-Only: enforces nothing: warn",
                            with_headers({"content-security-policy-report-only": "default-src 'self'"}), "warn",
                            details={"present": False}),
        "not-recorded": case("no headers recorded for the home page (older snapshot): nd", NO_HEADERS,
                             "not_determinable", error_class="not_recorded"),
        "portal-unreachable": case("home page down: nd", DOWN, "not_determinable", error_class="timeout"),
    }


def sh002() -> Cases:
    return {
        "good": case("X-Content-Type-Options: nosniff: pass", with_headers({"x-content-type-options": "nosniff"}),
                     "pass"),
        "bad": case("header absent: warn", with_headers(), "warn", details={"present": False}),
        "bad-fail-option": case("absent with missing_status = fail: fail", with_headers(), "fail",
                                options={"missing_status": "fail"}),
        "upper-case-twice": case("\"NoSniff, nosniff\" (sent twice, mixed case): pass",
                                 with_headers({"x-content-type-options": "NoSniff, nosniff"}), "pass"),
        "invalid-value": case("X-Content-Type-Options: sniff (not a valid value): warn",
                              with_headers({"x-content-type-options": "sniff"}), "warn",
                              details={"problem": "invalid"}),
        "not-recorded": case("no headers recorded: nd", NO_HEADERS, "not_determinable", error_class="not_recorded"),
        "portal-unreachable": case("home page down: nd", DOWN, "not_determinable", error_class="timeout"),
    }


def sh003() -> Cases:
    return {
        "good": case("X-Frame-Options: SAMEORIGIN: pass", with_headers({"x-frame-options": "SAMEORIGIN"}), "pass",
                     details={"source": "x-frame-options"}),
        "bad": case("neither frame-ancestors nor X-Frame-Options: warn", with_headers(), "warn",
                    details={"source": None}),
        "bad-fail-option": case("neither with missing_status = fail: fail", with_headers(), "fail",
                                options={"missing_status": "fail"}),
        "frame-ancestors": case("CSP frame-ancestors 'self' https://hoalam.gov.vn: pass",
                                with_headers({"content-security-policy":
                                              "default-src 'self'; frame-ancestors 'self' https://hoalam.gov.vn"}),
                                "pass", details={"source": "csp"}),
        "frame-ancestors-wins": case("frame-ancestors 'none' with a stray X-Frame-Options ALLOWALL: CSP wins: pass",
                                     with_headers({"content-security-policy": "frame-ancestors 'none'",
                                                   "x-frame-options": "ALLOWALL"}), "pass",
                                     details={"source": "csp"}),
        "frame-ancestors-any": case("frame-ancestors * (any site may frame): warn",
                                    with_headers({"content-security-policy": "frame-ancestors *"}), "warn",
                                    details={"problem": "any_site"}),
        "frame-ancestors-scheme": case("frame-ancestors https: (any HTTPS site): warn",
                                       with_headers({"content-security-policy": "frame-ancestors https:"}), "warn"),
        "deny-lower-case": case("x-frame-options: deny (lower case): pass",
                                with_headers({"x-frame-options": "deny"}), "pass"),
        "allow-from": case("X-Frame-Options: ALLOW-FROM https://hoalam.gov.vn/ (unsupported by browsers): warn",
                           with_headers({"x-frame-options": "ALLOW-FROM https://hoalam.gov.vn/"}), "warn",
                           details={"problem": "allow_from"}),
        "csp-without-frame-ancestors": case("a CSP without frame-ancestors and no X-Frame-Options: warn",
                                            with_headers({"content-security-policy": GOOD_CSP.rsplit(";", 1)[0]}),
                                            "warn"),
        "not-recorded": case("no headers recorded: nd", NO_HEADERS, "not_determinable", error_class="not_recorded"),
        "portal-unreachable": case("home page down: nd", DOWN, "not_determinable", error_class="timeout"),
    }


def sh004() -> Cases:
    return {
        "good": case("Referrer-Policy: strict-origin-when-cross-origin: pass",
                     with_headers({"referrer-policy": "strict-origin-when-cross-origin"}), "pass",
                     details={"effective": "strict-origin-when-cross-origin"}),
        "bad": case("header absent: warn", with_headers(), "warn", details={"present": False}),
        "bad-fail-option": case("absent with missing_status = fail: fail", with_headers(), "fail",
                                options={"missing_status": "fail"}),
        "fallback-list": case("\"no-referrer, strict-origin-when-cross-origin\": the last known token counts: pass",
                              with_headers({"referrer-policy": "no-referrer, strict-origin-when-cross-origin"}),
                              "pass", details={"effective": "strict-origin-when-cross-origin"}),
        "unsafe-url": case("Referrer-Policy: unsafe-url sends full addresses everywhere: warn",
                           with_headers({"referrer-policy": "unsafe-url"}), "warn", details={"problem": "unsafe_url"}),
        "unknown-token": case("Referrer-Policy: never (not a policy): ignored by browsers: warn",
                              with_headers({"referrer-policy": "never"}), "warn", details={"problem": "invalid"}),
        "not-recorded": case("no headers recorded: nd", NO_HEADERS, "not_determinable", error_class="not_recorded"),
        "portal-unreachable": case("home page down: nd", DOWN, "not_determinable", error_class="timeout"),
    }


def sh005() -> Cases:
    sharepoint = {**HOME_HEADERS, "server": "Microsoft-IIS/8.5", "x-powered-by": "ASP.NET",
                  "x-aspnet-version": "4.0.30319", "microsoftsharepointteamservices": "15.0.0.4709"}
    liferay = {**HOME_HEADERS, "server": "Apache-Coyote/1.1",
               "liferay-portal": "Liferay Portal Community Edition 6.2 CE GA5 (Newton / Build 6205 / January 6, 2016)"}
    error_page = html_page(f"{HTTPS}khong-co", status=404,
                           headers={"content-type": "text/html", "server": "Apache/2.4.6 (CentOS) PHP/5.4.16"})
    return {
        "good": case("Server: nginx, no X-Powered-By: pass", with_headers(), "pass",
                     details={"disclosed": [], "without_version": {"Server": "nginx"}}),
        "bad": case("SharePoint 2013 on IIS 8.5: Server, X-AspNet-Version, MicrosoftSharePointTeamServices "
                    "versions: warn",
                    site(home_page=home(headers=sharepoint)), "warn",
                    details={"disclosed": [
                        {"header": "Server", "value": "Microsoft-IIS/8.5", "url": HTTPS, "pages": 1},
                        {"header": "X-AspNet-Version", "value": "4.0.30319", "url": HTTPS, "pages": 1},
                        {"header": "MicrosoftSharePointTeamServices", "value": "15.0.0.4709", "url": HTTPS,
                         "pages": 1}]}),
        "bad-fail-option": case("versions disclosed with disclosure_status = fail: fail",
                                site(home_page=home(headers=sharepoint)), "fail",
                                options={"disclosure_status": "fail"}),
        "liferay": case("Liferay-Portal: Liferay Portal Community Edition 6.2 CE GA5 …: warn",
                        site(home_page=home(headers=liferay)), "warn"),
        "error-page": case("the home page says only nginx but a 404 page names Apache/2.4.6 and PHP/5.4.16: warn",
                           with_headers(pages=[error_page]), "warn",
                           details={"disclosed": [{"header": "Server", "value": "Apache/2.4.6 (CentOS) PHP/5.4.16",
                                                   "url": f"{HTTPS}khong-co", "pages": 1}]}),
        "php-powered-by": case("X-Powered-By: PHP/7.4.33 on every page: warn (counted once, 2 pages)",
                               site(home_page=home(headers={**HOME_HEADERS, "x-powered-by": "PHP/7.4.33"}),
                                    pages=[html_page(f"{HTTPS}tin-tuc", headers={**HOME_HEADERS,
                                                                                 "x-powered-by": "PHP/7.4.33"})]),
                               "warn", details={"disclosed": [{"header": "X-Powered-By", "value": "PHP/7.4.33",
                                                               "url": HTTPS, "pages": 2}]}),
        "names-without-versions": case("Server: Microsoft-IIS, X-Powered-By: ASP.NET (no numbers): pass",
                                       with_headers({"server": "Microsoft-IIS", "x-powered-by": "ASP.NET"}), "pass"),
        "not-recorded": case("no headers recorded on any page: nd", NO_HEADERS, "not_determinable",
                             error_class="not_recorded"),
        "portal-unreachable": case("home page down: nd", DOWN, "not_determinable", error_class="timeout"),
    }


def build() -> dict[str, Cases]:
    return {"SH-001": sh001(), "SH-002": sh002(), "SH-003": sh003(), "SH-004": sh004(), "SH-005": sh005()}
