"""Cases of the outdated-technology rules (OT-001..OT-006) on the Hòa Lâm department portal."""

from __future__ import annotations

from typing import Any

from tests.rules.builders._common import BEFORE_224, case
from tests.rules.builders._tech import HOST, news_page, old_snapshot, site, tech, unreachable

Cases = dict[str, dict[str, Any]]


def lib(name: str, version: str | None, path: str | None = None) -> dict[str, Any]:
    file = path or f"/_layouts/js/{name}-{version or ''}.min.js".replace("-.min", ".min")
    return {"name": name, "version": version, "source": f"{HOST}{file}"}


def libs(*entries: dict[str, Any]) -> dict[str, Any]:
    return tech(libraries=list(entries))


def ot001() -> Cases:
    return {
        "good": case("jQuery 3.7.1 and Bootstrap 5.3.3: pass", site(tech(), news_page()), "pass"),
        "bad": case("jQuery 1.4.4 (the SharePoint 2010 portals): fail, six advisories",
                    site(libs(lib("jquery", "1.4.4"))), "fail",
                    details={"vulnerable": [{"library": "jquery", "version": "1.4.4", "fixed_in": "3.5.0",
                                             "advisories": ["CVE-2011-4969", "CVE-2012-6708", "GHSA-2pqj-h3vj-pqgw",
                                                            "CVE-2015-9251", "GHSA-rmxg-73gg-4p98", "CVE-2019-11358",
                                                            "GHSA-6c3j-c64m-qhgq", "CVE-2020-11022",
                                                            "GHSA-gxr4-xjj5-5px2", "CVE-2020-11023",
                                                            "GHSA-jpcq-cgw6-v4j6"],
                                             "pages": [f"{HOST}/"],
                                             "sources": [f"{HOST}/_layouts/js/jquery-1.4.4.min.js"]}]}),
        "jquery-3.4.1": case("jQuery 3.4.1: fail (CVE-2020-11022/11023, fixed in 3.5.0)",
                             site(libs(lib("jquery", "3.4.1"))), "fail"),
        "jquery-3.5.0": case("jQuery 3.5.0, the first fixed release: pass", site(libs(lib("jquery", "3.5.0"))),
                             "pass"),
        "jquery-ui-1.12.1": case("jQuery UI 1.12.1: fail (CVE-2021-41182/41183/41184, CVE-2022-31160)",
                                 site(libs(lib("jquery-ui", "1.12.1"))), "fail"),
        "jquery-ui-1.13.2": case("jQuery UI 1.13.2: pass", site(libs(lib("jquery-ui", "1.13.2"))), "pass"),
        "bootstrap-3.3.7": case("Bootstrap 3.3.7 on a news page: fail (CVE-2018-14040/14041/14042, "
                                "CVE-2018-20676/20677, CVE-2019-8331)",
                                site(tech(), news_page(libraries=[
                                    lib("bootstrap", "3.3.7", "/css/bootstrap.min.css?v=3.3.7")])),
                                "fail"),
        "bootstrap-4.0.0-beta": case("Bootstrap 4.0.0-beta.2 (a pre-release in the 4.0–4.3.0 range): fail",
                                     site(libs(lib("bootstrap", "4.0.0-beta.2"))), "fail"),
        "bootstrap-3.4.1-eol": case("Bootstrap 3.4.1: no listed advisory, but end of life since 24/07/2019: warn",
                                    site(libs(lib("bootstrap", "3.4.1"))), "warn"),
        "bootstrap-4.6.2-eol": case("Bootstrap 4.6.2: end of life since 01/01/2023: warn",
                                    site(libs(lib("bootstrap", "4.6.2"))), "warn"),
        "eol-ignored-option": case("Bootstrap 3.4.1 with eol_status = pass: pass",
                                   site(libs(lib("bootstrap", "3.4.1"))), "pass", options={"eol_status": "pass"}),
        "unknown-version": case("jquery.min.js whose version cannot be read: warn",
                                site(libs(lib("jquery", None, "/js/jquery.min.js"))), "warn"),
        "unknown-and-known": case("jquery.min.js (no version) on the home page, jQuery 3.7.1 on another: pass",
                                  site(libs(lib("jquery", None, "/js/jquery.min.js")), news_page()), "pass"),
        "several-versions": case("jQuery 1.4.1, 1.4.4 and 1.5.1 loaded together (Đắk Nông): fail, all named",
                                 site(libs(lib("jquery", "1.4.1"), lib("jquery", "1.4.4"), lib("jquery", "1.5.1"))),
                                 "fail"),
        "inline-banner": case("jQuery 1.11.3 named by the banner comment of an inline script: fail, the page as "
                              "evidence", site(libs({"name": "jquery", "version": "1.11.3", "source": "inline"})),
                              "fail", details={"vulnerable": [{"library": "jquery", "version": "1.11.3",
                                                               "fixed_in": "3.5.0",
                                                               "advisories": ["CVE-2015-9251", "GHSA-rmxg-73gg-4p98",
                                                                              "CVE-2019-11358", "GHSA-6c3j-c64m-qhgq",
                                                                              "CVE-2020-11022", "GHSA-gxr4-xjj5-5px2",
                                                                              "CVE-2020-11023", "GHSA-jpcq-cgw6-v4j6"],
                                                               "pages": [f"{HOST}/"], "sources": []}]}),
        "none": case("no jQuery, jQuery UI or Bootstrap at all: pass", site(libs()), "pass"),
        "warn-option": case("jQuery 1.8.3 with vulnerable_status = warn: warn", site(libs(lib("jquery", "1.8.3"))),
                            "warn", options={"vulnerable_status": "warn"}),
        "no-tech-facts": case("no technical facts: not determinable", old_snapshot(), "not_determinable",
                              error_class="not_recorded"),
        "portal-unreachable": case("the portal is unreachable: not determinable", unreachable(), "not_determinable",
                                   error_class="timeout"),
    }


def ot002() -> Cases:
    flash = {"kind": "flash", "snippet": "<embed src=\"/Images/banner.swf\" type=\"application/x-shockwave-flash\">"}
    return {
        "good": case("images and HTML5 video only: pass", site(tech(), news_page()), "pass"),
        "bad": case("a Flash banner in the header: fail", site(tech(plugins=[flash])), "fail"),
        "silverlight": case("a Silverlight player on a news page: fail",
                            site(tech(), news_page(plugins=[{"kind": "silverlight", "snippet": "<object data=\"data:"
                                                             "application/x-silverlight-2,\" type=\"application/"
                                                             "x-silverlight-2\">"}])), "fail"),
        "java-applet": case("a Java applet: fail",
                            site(tech(plugins=[{"kind": "java", "snippet": "<applet code=\"Clock.class\">"}])), "fail"),
        "warn-option": case("a Flash banner with found_status = warn: warn", site(tech(plugins=[flash])), "warn",
                            options={"found_status": "warn"}),
        "no-tech-facts": case("no technical facts: not determinable", old_snapshot(), "not_determinable",
                              error_class="not_recorded"),
        "portal-unreachable": case("the portal is unreachable: not determinable", unreachable(), "not_determinable",
                                   error_class="timeout"),
    }


def ot003() -> Cases:
    return {
        "good": case("ordinary pages, one iframe: pass", site(tech(), news_page()), "pass"),
        "bad": case("the home page is a <frameset> of menu and content frames: fail",
                    site(tech(frameset=True)), "fail"),
        "warn-option": case("the same with found_status = warn: warn", site(tech(frameset=True)), "warn",
                            options={"found_status": "warn"}),
        "no-tech-facts": case("no technical facts: not determinable", old_snapshot(), "not_determinable",
                              error_class="not_recorded"),
        "portal-unreachable": case("the portal is unreachable: not determinable", unreachable(), "not_determinable",
                                   error_class="timeout"),
    }


def ot004() -> Cases:
    return {
        "good": case("no X-UA-Compatible at all: pass", site(tech(), news_page()), "pass"),
        "bad": case("<meta http-equiv=\"X-UA-Compatible\" content=\"IE=8\"> (SharePoint 2010): fail",
                    site(tech(x_ua_compatible="IE=8"), news_page(x_ua_compatible="IE=8")), "fail",
                    details={"pages_fail": 2}),
        "header-emulate": case("an X-UA-Compatible: IE=EmulateIE7 response header: fail",
                               site(tech(), home_headers={"x-ua-compatible": "IE=EmulateIE7"}), "fail"),
        "edge": case("IE=edge: pass (obsolete but harmless, noted)", site(tech(x_ua_compatible="IE=edge")), "pass",
                     details={"edge_pages": 1}),
        "list-with-edge": case("\"IE=9; IE=8; IE=7; IE=EDGE\" (the highest mode wins): pass",
                               site(tech(x_ua_compatible="IE=9; IE=8; IE=7; IE=EDGE")), "pass"),
        "ie11": case("IE=11 (the last IE's own standards mode): pass", site(tech(x_ua_compatible="IE=11")), "pass"),
        "edge-meta-ie8-header": case("meta IE=edge but the header forces IE=8: pass (edge is declared, it wins)",
                                     site(tech(x_ua_compatible="IE=edge"), home_headers={"x-ua-compatible": "IE=8"}),
                                     "pass"),
        "warn-option": case("IE=8 with legacy_status = warn: warn", site(tech(x_ua_compatible="IE=8")), "warn",
                            options={"legacy_status": "warn"}),
        "no-tech-facts": case("no technical facts: not determinable", old_snapshot(), "not_determinable",
                              error_class="not_recorded"),
        "portal-unreachable": case("the portal is unreachable: not determinable", unreachable(), "not_determinable",
                                   error_class="timeout"),
    }


def ot005() -> Cases:
    sp2010 = {"microsoftsharepointteamservices": "14.0.0.6029", "server": "Microsoft-IIS/7.5",
              "x-powered-by": "ASP.NET", "x-aspnet-version": "2.0.50727"}
    liferay = {"liferay-portal": "Liferay Portal Community Edition 6.2 CE GA5 (Newton / Build 6204 / January 6, 2016)"}
    sp2016 = {"microsoftsharepointteamservices": "16.0.0.4327"}
    return {
        "good": case("no generator and no version headers: pass", site(tech(), news_page()), "pass"),
        "bad": case("MicrosoftSharePointTeamServices: 14.0.0.6029 (SharePoint 2010, end of life 13/04/2021) on "
                    "IIS 7.5: fail", site(tech(generator="Microsoft SharePoint"), home_headers=sp2010), "fail"),
        "liferay-6.2": case("Liferay Portal CE 6.2 GA5 (CVE-2020-7961, exploited): fail",
                            site(tech(), home_headers=liferay), "fail"),
        "joomla-1.5": case("generator \"Joomla! 1.5 - Open Source Content Management\": fail (end of life)",
                           site(tech(generator="Joomla! 1.5 - Open Source Content Management")), "fail"),
        "drupal-7-x-generator": case("X-Generator: Drupal 7 (end of life 05/01/2025): fail",
                                     site(tech(), home_headers={"x-generator": "Drupal 7 (https://www.drupal.org)"}),
                                     "fail"),
        "dnn-7": case("generator \"DotNetNuke 7.4.2\" (CVE-2017-9822, exploited): fail",
                      site(tech(generator="DotNetNuke 7.4.2")), "fail"),
        "wordpress-disclosed": case("generator \"WordPress 6.5.2\" (supported): warn, the version is disclosed",
                                    site(tech(generator="WordPress 6.5.2")), "warn"),
        "disclosed-pass-option": case("the same with disclosed_status = pass: pass",
                                      site(tech(generator="WordPress 6.5.2")), "pass",
                                      options={"disclosed_status": "pass"}),
        "sharepoint-2016-after-eol": case("SharePoint 2016 (16.0.0.4327) after 14/07/2026: fail",
                                          site(tech(), home_headers=sp2016), "fail"),
        "sharepoint-2016-before-eol": case(
            "SharePoint 2016 (16.0.0.4327) on 30/06/2026, two weeks before its end of life: warn (disclosed)",
            site(tech(), home_headers=sp2016, now=BEFORE_224), "warn", now=BEFORE_224),
        "iis-7.5": case("Server: Microsoft-IIS/7.5 (Windows Server 2008 R2, end of life 14/01/2020): fail",
                        site(tech(), home_headers={"server": "Microsoft-IIS/7.5"}), "fail"),
        "iis-10": case("Server: Microsoft-IIS/10.0 (a supported platform; disclosure is SH-005's): pass",
                       site(tech(), home_headers={"server": "Microsoft-IIS/10.0"}), "pass"),
        "php-5.6": case("X-Powered-By: PHP/5.6.40 (end of life 31/12/2018): fail",
                        site(tech(), home_headers={"x-powered-by": "PHP/5.6.40"}), "fail"),
        "generator-no-version": case("generator \"Microsoft SharePoint\" without a version: pass (noted)",
                                     site(tech(generator="Microsoft SharePoint")), "pass",
                                     details={"generator_without_version": ["Microsoft SharePoint"]}),
        "warn-option": case("SharePoint 2010 with eol_status = warn: warn",
                            site(tech(), home_headers=sp2010), "warn", options={"eol_status": "warn"}),
        "no-tech-facts": case("no technical facts: not determinable", old_snapshot(), "not_determinable",
                              error_class="not_recorded"),
        "portal-unreachable": case("the portal is unreachable: not determinable", unreachable(), "not_determinable",
                                   error_class="timeout"),
    }


def ot006() -> Cases:
    egov = [{"url": "http://egov2k10:81/Pages/default.aspx", "host": "egov2k10", "where": "a href"},
            {"url": "http://egov2k10/quantri/", "host": "egov2k10", "where": "comment"}]
    return {
        "good": case("links and sources use the public host only: pass", site(tech(), news_page()), "pass"),
        "bad": case("http://egov2k10:81 in the menu and an HTML comment (SharePoint, Đắk Nông): fail",
                    site(tech(internal_hosts=egov)), "fail"),
        "private-ip": case("an image from http://192.168.1.20/ on a news page: fail",
                           site(tech(), news_page(internal_hosts=[{"url": "http://192.168.1.20/Images/logo.png",
                                                                   "host": "192.168.1.20", "where": "img src"}])),
                           "fail", details={"pages_fail": 1}),
        "own-host-ignored": case("the portal's own host recorded by mistake: not a leak: pass",
                                 site(tech(internal_hosts=[{"url": f"{HOST}/tin-tuc", "host": "skhcn.hoalam.gov.vn",
                                                            "where": "a href"}])), "pass",
                                 details={"own_hosts_ignored": ["skhcn.hoalam.gov.vn"]}),
        "warn-option": case("egov2k10 links with found_status = warn: warn", site(tech(internal_hosts=egov)), "warn",
                            options={"found_status": "warn"}),
        "no-tech-facts": case("no technical facts: not determinable", old_snapshot(), "not_determinable",
                              error_class="not_recorded"),
        "portal-unreachable": case("the portal is unreachable: not determinable", unreachable(), "not_determinable",
                                   error_class="timeout"),
    }


def build() -> dict[str, Cases]:
    return {"OT-001": ot001(), "OT-002": ot002(), "OT-003": ot003(), "OT-004": ot004(), "OT-005": ot005(),
            "OT-006": ot006()}
