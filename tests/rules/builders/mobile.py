"""Cases of the mobile rules (MB-001, MB-002) on the Hòa Lâm department portal."""

from __future__ import annotations

from typing import Any

from tests.rules.builders._common import case
from tests.rules.builders._tech import news_page, old_snapshot, site, tech, unreachable

Cases = dict[str, dict[str, Any]]


def viewport(content: str) -> dict[str, Any]:
    width = next((p.split("=")[1].strip() for p in content.split(",") if p.strip().startswith("width=")), None)
    return {"content": content, "device_width": width == "device-width",
            "width": int(width) if width and width.isdigit() else None}


def mb001() -> Cases:
    return {
        "good": case("<meta name=viewport content=\"width=device-width, initial-scale=1\"> on the home page: pass",
                     site(tech(), news_page(viewport=None)), "pass",
                     details={"other_pages_without_viewport": ["https://skhcn.hoalam.gov.vn/tin-tuc"]}),
        "bad": case("no viewport meta tag on the home page (the SharePoint 2010 master page): fail",
                    site(tech(viewport=None)), "fail", details={"viewport": None}),
        "missing-warn-option": case("the same with missing_status = warn: warn", site(tech(viewport=None)), "warn",
                                    options={"missing_status": "warn"}),
        "fixed-width": case("a viewport with width=1024: warn (a fixed layout viewport)",
                            site(tech(viewport=viewport("width=1024"))), "warn"),
        "fixed-fail-option": case("the same with fixed_status = fail: fail",
                                  site(tech(viewport=viewport("width=980, user-scalable=yes"))), "fail",
                                  options={"fixed_status": "fail"}),
        "initial-scale-only": case("initial-scale=1 without a width (browsers use the device width): pass",
                                   site(tech(viewport=viewport("initial-scale=1"))), "pass"),
        "no-width-no-scale": case("content=\"user-scalable=yes\" only: warn (no device width)",
                                  site(tech(viewport=viewport("user-scalable=yes"))), "warn"),
        "zoom-blocked": case("device-width but zooming blocked: pass, noted (WCAG 1.4.4)",
                             site(tech(viewport=viewport("width=device-width, initial-scale=1, maximum-scale=1, "
                                                         "user-scalable=no"))), "pass",
                             details={"zoom_blocked": True}),
        "no-tech-facts": case("no technical facts on the home page: not determinable", old_snapshot(),
                              "not_determinable", error_class="not_recorded"),
        "portal-unreachable": case("the portal is unreachable: not determinable", unreachable(), "not_determinable",
                                   error_class="timeout"),
    }


def mb002() -> Cases:
    table = {"px": 980, "where": "width_attr", "snippet": "<table width=\"980\" align=\"center\" cellpadding=\"0\">"}
    wrapper = {"px": 1000, "where": "style_block", "snippet": "#wrapper { width: 1000px; margin: 0 auto }"}
    return {
        "good": case("no fixed width above 360 px in the home page's own markup and CSS: pass (heuristic)",
                     site(tech()), "pass", details={"heuristic": True}),
        "bad": case("a 980 px layout table and a 1000 px #wrapper: warn (heuristic, never fail)",
                    site(tech(viewport=None, fixed_widths=[table, wrapper])), "warn",
                    details={"heuristic": True, "max_px": 360}),
        "narrow-option": case("a 400 px box with max_px = 480: pass",
                              site(tech(fixed_widths=[{"px": 400, "where": "inline_style",
                                                       "snippet": "<div id=\"main\" style=\"width:400px\">"}])),
                              "pass", options={"max_px": 480}),
        "not-recorded": case("technical facts without fixed_widths: not determinable",
                             site({k: v for k, v in tech().items() if k != "fixed_widths"}), "not_determinable",
                             error_class="fixed_widths_not_recorded"),
        "no-tech-facts": case("no technical facts on the home page: not determinable", old_snapshot(),
                              "not_determinable", error_class="not_recorded"),
        "portal-unreachable": case("the portal is unreachable: not determinable", unreachable(), "not_determinable",
                                   error_class="timeout"),
    }


def build() -> dict[str, Cases]:
    return {"MB-001": mb001(), "MB-002": mb002()}
