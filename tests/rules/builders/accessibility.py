"""Cases of the accessibility rules (AC-001..AC-009) on the Hòa Lâm department portal."""

from __future__ import annotations

from typing import Any

from tests.rules.builders._common import case
from tests.rules.builders._tech import EN_TEXT, HOST, news_page, old_snapshot, site, tech, tech_page, unreachable

Cases = dict[str, dict[str, Any]]


def a11y(**values: Any) -> dict[str, Any]:
    return tech(a11y=values)


def english_page(**values: Any) -> Any:
    return tech_page("/en/about-us", "english", "english_home", text=EN_TEXT,
                     facts=tech(a11y={"lang": "en", "title": "About us - Department of Science and Technology",
                                      **values}))


def ac001() -> Cases:
    return {
        "good": case("lang=\"vi\" on Vietnamese pages and lang=\"en\" on the English page: pass",
                     site(tech(), news_page(), english_page()), "pass", details={"pages_checked": 3}),
        "bad": case("lang=\"en-us\" on Vietnamese content (a SharePoint default): fail",
                    site(a11y(lang="en-us"), news_page(a11y={"lang": "en-us"})), "fail", details={"pages_fail": 2}),
        "missing": case("<html> without lang: fail (axe html-has-lang)",
                        site(a11y(lang=None, lang_valid=None)), "fail"),
        "empty": case("lang=\"\": fail (axe html-has-lang)", site(a11y(lang="", lang_valid=None)), "fail"),
        "invalid-vn": case("lang=\"vn\" (a country code, not a language): fail (axe html-lang-valid)",
                           site(a11y(lang="vn", lang_valid=False)), "fail"),
        "invalid-underscore": case("lang=\"vi_VN\" (underscore): fail (axe html-lang-valid)",
                                   site(a11y(lang="vi_VN", lang_valid=False)), "fail"),
        "vi-region": case("lang=\"vi-VN\": pass", site(a11y(lang="vi-VN")), "pass"),
        "xml-lang-only": case("only xml:lang=\"vi\" (no lang) on an HTML page: fail (axe html-has-lang)",
                              site(a11y(lang=None, xml_lang="vi", lang_valid=True)), "fail"),
        "little-text": case("lang=\"en\" on a page with too little text to tell its language: pass",
                            site(a11y(lang="en", title="Trang chủ"), home_text="Trang chủ"), "pass"),
        "no-validity-fact": case("lang=\"vn\" recorded without lang_valid: the rule's own ISO 639-1 check: fail",
                                 site(a11y(lang="vn", lang_valid=None)), "fail"),
        "warn-option": case("lang=\"en-us\" on Vietnamese content with violation_status = warn: warn",
                            site(a11y(lang="en-us")), "warn", options={"violation_status": "warn"}),
        "no-tech-facts": case("no technical facts: not determinable", old_snapshot(), "not_determinable",
                              error_class="not_recorded"),
        "portal-unreachable": case("the portal is unreachable: not determinable", unreachable(), "not_determinable",
                                   error_class="timeout"),
    }


def ac002() -> Cases:
    return {
        "good": case("every page has a title: pass", site(tech(), news_page(a11y={"title": "Tin tức - Sở KH&CN"})),
                     "pass"),
        "bad": case("a news page with an empty <title>: fail", site(tech(), news_page(a11y={"title": None})), "fail",
                    details={"pages_fail": 1}),
        "warn-option": case("the same with violation_status = warn: warn", site(a11y(title=None)), "warn",
                            options={"violation_status": "warn"}),
        "shared-title": case("four pages with one generic title: pass, listed as shared",
                             site(tech(), news_page(), tech_page("/gioi-thieu", "content", "introduction"),
                                  tech_page("/lien-he", "content", "contacts")), "pass",
                             details={"shared_titles": {"Sở Khoa học và Công nghệ tỉnh Hòa Lâm": 4}}),
        "no-tech-facts": case("no technical facts: not determinable", old_snapshot(), "not_determinable",
                              error_class="not_recorded"),
        "portal-unreachable": case("the portal is unreachable: not determinable", unreachable(), "not_determinable",
                                   error_class="timeout"),
    }


NO_ALT = [{"src": f"{HOST}/Images/banner.jpg", "locator": "header > img",
           "snippet": "<img src=\"/Images/banner.jpg\">"},
          {"src": f"{HOST}/Images/tin1.jpg", "locator": "div.news > img", "snippet": "<img src=\"/Images/tin1.jpg\">"}]


def ac003() -> Cases:
    return {
        "good": case("every image has alt (decorative ones alt=\"\"): pass", site(tech(), news_page()), "pass"),
        "bad": case("the banner and a news thumbnail have no alt: fail with samples",
                    site(a11y(images=14, images_no_alt=2, no_alt_samples=NO_ALT)), "fail", details={"pages_fail": 1}),
        "warn-option": case("the same with violation_status = warn: warn",
                            site(a11y(images=14, images_no_alt=2, no_alt_samples=NO_ALT)), "warn",
                            options={"violation_status": "warn"}),
        "no-images": case("no image on any page: not applicable", site(a11y(images=0)), "not_applicable"),
        "no-tech-facts": case("no technical facts: not determinable", old_snapshot(), "not_determinable",
                              error_class="not_recorded"),
        "portal-unreachable": case("the portal is unreachable: not determinable", unreachable(), "not_determinable",
                                   error_class="timeout"),
    }


UNLABELLED = [{"name": "q", "type": "text", "locator": "#header form input",
               "snippet": "<input type=\"text\" name=\"q\">"}]


def ac004() -> Cases:
    return {
        "good": case("the search box has aria-label and the Q&A fields <label for>: pass", site(tech()), "pass"),
        "bad": case("the header search box has no label: fail",
                    site(a11y(inputs=3, inputs_unlabelled=1, unlabelled_samples=UNLABELLED)), "fail"),
        "select-unlabelled": case("a \"Lĩnh vực\" drop-down without a label: fail (axe select-name)",
                                  site(tech(), news_page(a11y={"selects": 2, "selects_unlabelled": 1})), "fail"),
        "warn-option": case("an unlabelled input with violation_status = warn: warn",
                            site(a11y(inputs_unlabelled=1, unlabelled_samples=UNLABELLED)), "warn",
                            options={"violation_status": "warn"}),
        "no-controls": case("no form control on any page: not applicable",
                            site(a11y(inputs=0, selects=0)), "not_applicable"),
        "no-tech-facts": case("no technical facts: not determinable", old_snapshot(), "not_determinable",
                              error_class="not_recorded"),
        "portal-unreachable": case("the portal is unreachable: not determinable", unreachable(), "not_determinable",
                                   error_class="timeout"),
    }


def ac005() -> Cases:
    return {
        "good": case("h1, h2, h2, h3, h2 on every page: pass", site(tech(), news_page()), "pass"),
        "bad": case("a news page goes from h2 straight to h4: warn (axe heading-order, best practice)",
                    site(tech(), news_page(a11y={"headings": [1, 2, 4, 4, 2]})), "warn", details={"pages_warn": 1}),
        "no-headings": case("titles styled as bold spans, no heading at all: warn",
                            site(a11y(headings=[])), "warn"),
        "first-h3": case("the first heading is an h3 (axe accepts any first level), then h4: pass",
                         site(a11y(headings=[3, 4, 4, 3])), "pass"),
        "going-up": case("h1 h2 h3 h4 then back to h2 (going up may skip): pass",
                         site(a11y(headings=[1, 2, 3, 4, 2])), "pass"),
        "skip-fail-option": case("a skipped level with skip_status = fail: fail",
                                 site(a11y(headings=[1, 3])), "fail", options={"skip_status": "fail"}),
        "no-tech-facts": case("no technical facts: not determinable", old_snapshot(), "not_determinable",
                              error_class="not_recorded"),
        "portal-unreachable": case("the portal is unreachable: not determinable", unreachable(), "not_determinable",
                                   error_class="timeout"),
    }


def ac006() -> Cases:
    no_th = [{"locator": "div.vanban > table", "snippet": "<table class=\"vb\"><tr><td><b>Số ký hiệu</b></td>…"}]
    return {
        "good": case("the document list's header row is <th>: pass", site(tech(), news_page()), "pass"),
        "bad": case("a document list whose header row is bold <td> cells: warn",
                    site(tech(), news_page(a11y={"tables": 2, "tables_no_th": 1, "no_th_samples": no_th})), "warn"),
        "fail-option": case("the same with violation_status = fail: fail",
                            site(a11y(tables_no_th=1, no_th_samples=no_th)), "fail",
                            options={"violation_status": "fail"}),
        "no-tables": case("no data table on any page: not applicable", site(a11y(tables=0)), "not_applicable"),
        "no-tech-facts": case("no technical facts: not determinable", old_snapshot(), "not_determinable",
                              error_class="not_recorded"),
        "portal-unreachable": case("the portal is unreachable: not determinable", unreachable(), "not_determinable",
                                   error_class="timeout"),
    }


NAMELESS = [{"url": f"{HOST}/rss", "locator": "footer a", "snippet": "<a href=\"/rss\"><img src=\"rss.png\"></a>"},
            {"url": "https://facebook.com/skhcnhoalam", "locator": "footer a",
             "snippet": "<a href=\"https://facebook.com/skhcnhoalam\" class=\"fa fa-facebook\"></a>"}]
VAGUE = [{"url": f"{HOST}/tin-tuc", "text": "Xem thêm", "locator": "div.box-news a"},
         {"url": f"{HOST}/thong-bao", "text": "Chi tiết", "locator": "div.box-tb a"}]


def ac007() -> Cases:
    return {
        "good": case("every link has a meaningful name: pass", site(tech(), news_page()), "pass"),
        "bad": case("an RSS icon link and a Facebook icon link without a name: fail",
                    site(a11y(links_no_name=2, no_name_samples=NAMELESS)), "fail", details={"links_no_name": 2}),
        "vague-only": case("\"Xem thêm\" and \"Chi tiết\" links, all named: warn only",
                           site(a11y(links_vague=6, vague_samples=VAGUE)), "warn", details={"links_vague": 6}),
        "vague-ignored": case("vague links with vague_status = pass: pass",
                              site(a11y(links_vague=6, vague_samples=VAGUE)), "pass", options={"vague_status": "pass"}),
        "nameless-and-vague": case("nameless and vague links on one page: fail (the nameless decide)",
                                   site(a11y(links_no_name=1, no_name_samples=NAMELESS[:1], links_vague=3,
                                             vague_samples=VAGUE)), "fail"),
        "warn-option": case("nameless links with violation_status = warn: warn",
                            site(a11y(links_no_name=2, no_name_samples=NAMELESS)), "warn",
                            options={"violation_status": "warn"}),
        "no-links": case("no link on any page: not applicable", site(a11y(links=0)), "not_applicable"),
        "no-tech-facts": case("no technical facts: not determinable", old_snapshot(), "not_determinable",
                              error_class="not_recorded"),
        "portal-unreachable": case("the portal is unreachable: not determinable", unreachable(), "not_determinable",
                                   error_class="timeout"),
    }


def ac008() -> Cases:
    return {
        "good": case("no marquee or blink anywhere: pass", site(tech(), news_page()), "pass"),
        "bad": case("a scrolling <marquee> announcement in the header: fail", site(a11y(marquee=1)), "fail"),
        "blink": case("a <blink> \"Mới\" badge on a news page: fail",
                      site(tech(), news_page(a11y={"blink": 3})), "fail", details={"pages_fail": 1}),
        "warn-option": case("a marquee with violation_status = warn: warn", site(a11y(marquee=2)), "warn",
                            options={"violation_status": "warn"}),
        "no-tech-facts": case("no technical facts: not determinable", old_snapshot(), "not_determinable",
                              error_class="not_recorded"),
        "portal-unreachable": case("the portal is unreachable: not determinable", unreachable(), "not_determinable",
                                   error_class="timeout"),
    }


def ac009() -> Cases:
    untitled = [{"src": "https://www.google.com/maps/embed?pb=1", "locator": "div.map > iframe",
                 "snippet": "<iframe src=\"https://www.google.com/maps/embed?pb=1\" width=\"600\">"}]
    return {
        "good": case("the map iframe has a title: pass", site(tech(), news_page()), "pass"),
        "bad": case("a Google Maps iframe without a title on the contact page: fail",
                    site(tech(), tech_page("/lien-he", "content", "contacts", facts=tech(
                        a11y={"frames": 1, "frames_untitled": 1, "untitled_samples": untitled}))), "fail"),
        "warn-option": case("the same with violation_status = warn: warn",
                            site(a11y(frames_untitled=1, untitled_samples=untitled)), "warn",
                            options={"violation_status": "warn"}),
        "no-frames": case("no frame on any page: not applicable", site(a11y(frames=0)), "not_applicable"),
        "no-tech-facts": case("no technical facts: not determinable", old_snapshot(), "not_determinable",
                              error_class="not_recorded"),
        "portal-unreachable": case("the portal is unreachable: not determinable", unreachable(), "not_determinable",
                                   error_class="timeout"),
    }


def build() -> dict[str, Cases]:
    return {"AC-001": ac001(), "AC-002": ac002(), "AC-003": ac003(), "AC-004": ac004(), "AC-005": ac005(),
            "AC-006": ac006(), "AC-007": ac007(), "AC-008": ac008(), "AC-009": ac009()}
