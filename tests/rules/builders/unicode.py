"""Cases of the Unicode rules (UC-001..UC-003) on the Hòa Lâm department portal."""

from __future__ import annotations

from typing import Any

from tests.rules.builders._common import case
from tests.rules.builders._tech import news_page, old_snapshot, site, tech, tech_page, unreachable

Cases = dict[str, dict[str, Any]]


def charset(**values: Any) -> dict[str, Any]:
    return tech(charset=values)


def uc001() -> Cases:
    return {
        "good": case("header and meta both utf-8, bytes decode, on the home page and a listing: pass",
                     site(tech(), news_page()), "pass", details={"pages_checked": 2, "pages_fail": 0}),
        "bad": case("Content-Type charset=windows-1258 (and meta windows-1258) on the home page: fail",
                    site(charset(header="windows-1258", meta="windows-1258", decodes_utf8=False,
                                 detected="windows-1258"), news_page()), "fail",
                    details={"pages_fail": 1}),
        "meta-only": case("no charset in the header, <meta charset=utf-8>: pass (one declaration suffices)",
                          site(charset(header=None)), "pass"),
        "header-only": case("charset=utf-8 in the header, no meta: pass", site(charset(meta=None)), "pass"),
        "utf8-alias": case("the label 'utf8' (a WHATWG alias of UTF-8): pass", site(charset(header="utf8")), "pass"),
        "bom-only": case("nothing declared but a UTF-8 byte-order mark (browsers honour it first): pass",
                         site(charset(header=None, meta=None, bom="utf-8")), "pass"),
        "declared-utf8-bad-bytes": case(
            "meta says utf-8 but the bytes are windows-1258: fail",
            site(tech(), news_page(charset={"header": None, "meta": "utf-8", "decodes_utf8": False,
                                            "detected": "windows-1258"})), "fail", details={"pages_fail": 1}),
        "conflict": case("header utf-8, meta iso-8859-1: a non-UTF-8 declaration: fail",
                         site(charset(meta="iso-8859-1")), "fail"),
        "undeclared-utf8": case("no declaration anywhere, the bytes happen to be UTF-8: warn (browsers guess)",
                                site(charset(header=None, meta=None, detected="utf-8")), "warn",
                                details={"pages_warn": 1}),
        "undeclared-fail-option": case("the same with undeclared_status = fail: fail",
                                       site(charset(header=None, meta=None)), "fail",
                                       options={"undeclared_status": "fail"}),
        "undeclared-legacy-bytes": case("no declaration and bytes that are not UTF-8: fail",
                                        site(charset(header=None, meta=None, decodes_utf8=False,
                                                     detected="windows-1252")), "fail"),
        "one-bad-article": case(
            "home page fine, one article page declares iso-8859-1: fail, the article named",
            site(tech(), news_page(), tech_page("/tin-tuc/hoi-nghi-2025", "article", facts=tech(
                charset={"header": "iso-8859-1", "meta": None}))), "fail",
            details={"pages_checked": 3, "pages_fail": 1}),
        "no-tech-facts": case("a snapshot recorded before the technical facts existed: not determinable",
                              old_snapshot(), "not_determinable", error_class="not_recorded"),
        "portal-unreachable": case("the portal is unreachable: not determinable", unreachable(), "not_determinable",
                                   error_class="timeout"),
    }


def uc002() -> Cases:
    return {
        "good": case("Unicode text, ordinary fonts, utf-8 declared: pass", site(tech(), news_page()), "pass"),
        "bad": case("an article page sets <font face=\".VnTime\"> (TCVN3/ABC): fail",
                    site(tech(), tech_page("/tin-tuc/thong-bao-cu", "article", facts=tech(
                        charset={"legacy_fonts": [".VnTime", ".VnTimeH"],
                                 "mojibake": {"count": 9, "samples": ["Th«ng", "b¸o", "§iÒu"], "kinds": {"tcvn3": 9}}}
                    ))), "fail", details={"legacy_fonts": [".VnTime", ".VnTimeH"]}),
        "vni-font": case("a stylesheet names font-family \"VNI-Times\": fail",
                         site(charset(legacy_fonts=["VNI-Times"])), "fail"),
        "windows-1258-declared": case("<meta charset=windows-1258>: fail",
                                      site(charset(meta="windows-1258", header=None, decodes_utf8=False,
                                                   detected="windows-1258")), "fail"),
        "windows-1258-detected": case("nothing declared; the bytes read as windows-1258 Vietnamese: fail",
                                      site(charset(meta=None, header=None, decodes_utf8=False,
                                                   detected="windows-1258")), "fail"),
        "mojibake": case("UTF-8 shown as latin-1 seven times in the text (\"Viá»‡t\"): fail",
                         site(charset(mojibake={"count": 7, "samples": ["Viá»‡t", "Ä‘Æ°á»£c", "ngÃ y"],
                                                "kinds": {"utf8_as_latin1": 7}})), "fail"),
        "mojibake-below-threshold": case(
            "two stray mojibake words (below min_mojibake 3): pass, reported in the details",
            site(charset(mojibake={"count": 2, "samples": ["Ã¡", "Æ°"], "kinds": {"utf8_as_latin1": 2}})), "pass"),
        "mojibake-threshold-option": case("the same two words with min_mojibake = 2: fail",
                                          site(charset(mojibake={"count": 2, "samples": ["Ã¡", "Æ°"],
                                                                 "kinds": {"utf8_as_latin1": 2}})), "fail",
                                          options={"min_mojibake": 2}),
        "warn-option": case("legacy fonts with legacy_status = warn: warn",
                            site(charset(legacy_fonts=[".VnArial"])), "warn", options={"legacy_status": "warn"}),
        "no-tech-facts": case("no technical facts: not determinable", old_snapshot(), "not_determinable",
                              error_class="not_recorded"),
        "portal-unreachable": case("the portal is unreachable: not determinable", unreachable(), "not_determinable",
                                   error_class="timeout"),
    }


def uc003() -> Cases:
    return {
        "good": case("the text of every page is NFC: pass", site(tech(), news_page()), "pass"),
        "bad": case("a news page has decomposed letters (\"Vie\\u0302\\u0323t\"): warn with samples",
                    site(tech(), news_page(charset={"nfc": False,
                                                    "non_nfc_samples": ["Vie\u0302\u0323t", "Nam\u0301"]})), "warn",
                    details={"pages_warn": 1}),
        "fail-option": case("the same with non_nfc_status = fail: fail",
                            site(charset(nfc=False, non_nfc_samples=["ho\u0300a"])), "fail",
                            options={"non_nfc_status": "fail"}),
        "not-recorded": case("technical facts without the nfc fact: not determinable",
                             site(charset(nfc=None)), "not_determinable", error_class="nfc_not_recorded"),
        "partly-recorded": case("nfc recorded on one page (false), missing on the home page: warn",
                                site(charset(nfc=None), tech_page("/gioi-thieu", "content", "introduction",
                                                                  facts=tech(charset={"nfc": False}))), "warn",
                                details={"pages_checked": 1}),
        "no-tech-facts": case("no technical facts: not determinable", old_snapshot(), "not_determinable",
                              error_class="not_recorded"),
        "portal-unreachable": case("the portal is unreachable: not determinable", unreachable(), "not_determinable",
                                   error_class="timeout"),
    }


def build() -> dict[str, Cases]:
    return {"UC-001": uc001(), "UC-002": uc002(), "UC-003": uc003()}
