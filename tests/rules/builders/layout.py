"""Cases of the layout (LY-xxx) rules: the home page's header, main menu and footer (invented Hòa Lâm portals)."""

from __future__ import annotations

from typing import Any

from nd42.records import PortalSnapshot
from tests.rules.builders._common import case
from tests.rules.builders.functions import HOME, HOST, UNREACHABLE, Cases, hoalam, link

NOT_PARSED = {"menus": "failed", "sitemap_page": "absent", "sitemap_xml": "absent"}
EMBLEM = {"src": f"{HOST}/themes/hoalam/images/quochuy.png", "alt": "Quốc huy"}
BANNER = {"src": f"{HOST}/themes/hoalam/images/banner-skhcn-2024.jpg", "alt": ""}


def layout_site(*, header: dict[str, Any] | None = None, menu: list[dict[str, Any]] | None = None,
                footer: str | None = None, title: str = "Sở Khoa học và Công nghệ tỉnh Hòa Lâm - Trang chủ",
                footer_found: bool = True, links: dict[str, Any] | None = None,
                portal: dict[str, Any] | None = None, **kw: Any) -> PortalSnapshot:
    layout: dict[str, Any] = {}
    if header is not None:
        layout["header"] = {"found": True, "images": [], **header}
    if menu is not None:
        layout["menu"] = {"found": bool(menu), "entries": menu}
    if footer is not None:
        layout["footer"] = {"found": footer_found, "text": footer}
    facts: dict[str, Any] = {"title": title, "lang": "vi", **({"layout": layout} if layout else {})}
    if links is not None:
        facts["links"] = links
    return hoalam(home_facts=facts, portal=portal, **kw)


# ---------------------------------------------------------------------------------------------- LY-001
FULL_HEADER = "ỦY BAN NHÂN DÂN TỈNH HÒA LÂM SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH HÒA LÂM Thứ ba, 15/09/2026"


def header_site(text: str, images: list[dict[str, Any]], *, found: bool = True, **kw: Any) -> PortalSnapshot:
    return layout_site(header={"found": found, "text": text, "images": images}, **kw)


def ly001() -> Cases:
    logo = {"src": f"{HOST}/images/logo-so.png", "alt": "Logo"}
    no_name: dict[str, Any] = {}
    unnamed = header_site("SỞ TƯ PHÁP TỈNH HÒA LÂM", [logo], portal=no_name, title="Trang chủ")
    unnamed.name = None
    counter_only = header_site("Số lượt truy cập: 1.234.567 Thứ ba, 15/09/2026", [logo], portal=no_name,
                               title="Trang chủ")
    counter_only.name = None
    title_name = header_site("Thứ ba, 15/09/2026", [logo], portal=no_name,
                             title="Sở Khoa học và Công nghệ tỉnh Hòa Lâm")
    title_name.name = "Sở Khoa học và Công nghệ tỉnh Hòa Lâm"  # the crawler's fallback: the page title
    return {
        "good": case("emblem image (alt \"Quốc huy\") and the full name as header text: pass",
                     header_site(FULL_HEADER, [EMBLEM]), "pass",
                     details={"name_found": "full", "name_where": "header_text", "logo_found": True}),
        "bad": case("header text \"Cổng thông tin\" and no image: warn (legacy guidance)",
                    header_site("Cổng thông tin Thứ ba, 15/09/2026", [], title="Trang chủ"), "warn",
                    details={"logo_found": False, "name_found": None}),
        "bad-fail-option": case("the same under a provincial profile (missing_status = fail): fail",
                                header_site("Cổng thông tin", []), "fail", options={"missing_status": "fail"}),
        "banner-without-alt": case("the name is drawn in a banner image without alt text: warn (cannot be read)",
                                   header_site("Thứ ba, 15/09/2026", [BANNER], title="Trang chủ"), "warn",
                                   details={"images_without_alt": 1, "name_found": None}),
        "banner-without-alt-fail-profile": case("banner without alt under missing_status = fail: still warn",
                                                header_site("", [BANNER], title="Trang chủ"), "warn",
                                                options={"missing_status": "fail"}),
        "name-in-alt": case("the banner image's alt text carries the full name: pass",
                            header_site("", [{"src": BANNER["src"], "alt": "Sở Khoa học và Công nghệ tỉnh Hòa Lâm"}],
                                        title="Trang chủ"), "pass", details={"name_where": "image_alt"}),
        "name-in-title-only": case("header shows only a logo; the full name is the page title: pass (title counts)",
                                   header_site("Thứ ba, 15/09/2026", [logo]), "pass",
                                   details={"name_where": "title"}),
        "name-split-lines": case("\"ỦY BAN NHÂN DÂN TỈNH HÒA LÂM\" above \"SỞ KHOA HỌC VÀ CÔNG NGHỆ\": pass (split)",
                                 header_site("ỦY BAN NHÂN DÂN TỈNH HÒA LÂM | SỞ KHOA HỌC VÀ CÔNG NGHỆ", [EMBLEM],
                                             title="Trang chủ"), "pass", details={"name_found": "split"}),
        "name-split-xa-hoi": case("\"UBND TỈNH HÒA LÂM\" above \"SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI\" "
                                  "(\"xã\" inside the name is no locality): pass",
                                  header_site("UBND TỈNH HÒA LÂM SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI", [EMBLEM],
                                              portal={"name": "Sở Lao động – Thương binh và Xã hội tỉnh Hòa Lâm"},
                                              title="Trang chủ"), "pass", details={"name_found": "split"}),
        "partial-name": case("only \"SỞ KHOA HỌC VÀ CÔNG NGHỆ\" (no province): warn",
                             header_site("SỞ KHOA HỌC VÀ CÔNG NGHỆ", [EMBLEM], title="Trang chủ"), "warn",
                             details={"name_found": "partial"}),
        "no-logo": case("the full name as text but no image (logo as CSS background?): warn",
                        header_site(FULL_HEADER, []), "warn", details={"logo_found": False, "name_found": "full"}),
        "name-glued-to-next-block": case("\"…TỈNH HÒA LÂMThứ tư, 2/12/2026\" (blocks joined without a space): pass",
                                         header_site("SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH HÒA LÂMThứ tư, 2/12/2026-12:0 PM",
                                                     [EMBLEM], title="Trang chủ"), "pass",
                                         details={"name_found": "full", "name_where": "header_text"}),
        "accents-and-case": case("name written without diacritics and in capitals still matches: pass",
                                 header_site("SO KHOA HOC VA CONG NGHE TINH HOA LAM", [EMBLEM]), "pass"),
        "no-configured-name": case("no name configured: an agency designation (\"Sở …\") in the header: pass",
                                   unnamed, "pass", details={"name_found": "agency_word", "name": None}),
        "no-name-number-trap": case("no name configured: \"Số lượt truy cập\" is not \"Sở …\": warn",
                                    counter_only, "warn", details={"name_found": None}),
        "title-fallback-not-a-name": case("the crawler's name is the page title: not a configured name; the header "
                                          "has no agency designation: warn", title_name, "warn",
                                          details={"name": None}),
        "no-header-region": case("no header region told apart: the top of the page is used; name found: pass",
                                 header_site(FULL_HEADER, [EMBLEM], found=False), "pass",
                                 details={"header_found": False}),
        "not-recorded": case("no layout facts (an older snapshot): not determinable",
                             layout_site(), "not_determinable", error_class="not_recorded"),
        "home-not-parsed": case("the home page was not parsed as HTML: not determinable",
                                header_site(FULL_HEADER, [EMBLEM], discovery=NOT_PARSED), "not_determinable",
                                error_class="home_not_parsed"),
        "portal-unreachable": case("the portal is unreachable: not determinable",
                                   hoalam(**UNREACHABLE), "not_determinable", error_class="timeout"),
    }


# ---------------------------------------------------------------------------------------------- LY-002
def entry(label: str, path: str, level: int = 1) -> dict[str, Any]:
    return {"label": label, "url": f"{HOST}{path}" if path.startswith("/") else path, "level": level}


MENU = [entry("Trang chủ", "/"), entry("Giới thiệu", "/gioi-thieu"),
        entry("Chức năng, nhiệm vụ", "/gioi-thieu/chuc-nang-nhiem-vu", 2), entry("Tin tức - Sự kiện", "/tin-tuc"),
        entry("Văn bản", "/van-ban"), entry("Dịch vụ công trực tuyến", "https://dichvucong.hoalam.gov.vn/"),
        entry("Hỏi đáp", "/hoi-dap"), entry("Sơ đồ cổng", "/so-do-cong"), entry("Liên hệ", "/lien-he")]
FOOTER_SITEMAP = ("Sở Khoa học và Công nghệ tỉnh Hòa Lâm | Về đầu trang | Sơ đồ site | RSS | Đăng nhập")


def menu_site(menu: list[dict[str, Any]], **kw: Any) -> PortalSnapshot:
    kw.setdefault("header", {"text": FULL_HEADER, "images": [EMBLEM]})
    kw.setdefault("footer", "Bản quyền © Sở Khoa học và Công nghệ tỉnh Hòa Lâm")
    return layout_site(menu=menu, **kw)


def ly002() -> Cases:
    bare = [entry("Trang chủ", "/"), entry("Tin tức", "/tin-tuc"), entry("Văn bản", "/van-ban"),
            entry("Liên hệ", "/lien-he")]
    no_sitemap = [e for e in MENU if e["label"] != "Sơ đồ cổng"]
    return {
        "good": case("Trang chủ, Giới thiệu, Dịch vụ công trực tuyến and Sơ đồ cổng in the menu: pass",
                     menu_site(MENU), "pass", details={"missing": []}),
        "bad": case("menu Trang chủ | Tin tức | Văn bản | Liên hệ, nothing elsewhere: warn (legacy guidance)",
                    menu_site(bare), "warn", details={"missing": ["about", "services", "sitemap"], "elsewhere": {}}),
        "bad-fail-option": case("the same under a provincial profile (missing_status = fail): fail",
                                menu_site(bare), "fail", options={"missing_status": "fail"}),
        "sitemap-only-in-footer": case("\"Sơ đồ site\" only in the footer: warn naming the footer",
                                       menu_site(no_sitemap, footer=FOOTER_SITEMAP), "warn",
                                       details={"missing": ["sitemap"]}),
        "sitemap-only-in-footer-fail-profile": case("site map only in the footer under missing_status = fail: "
                                                    "still warn", menu_site(no_sitemap, footer=FOOTER_SITEMAP),
                                                    "warn", options={"missing_status": "fail"}),
        "services-only-as-banner": case("\"Dịch vụ công trực tuyến\" only as a banner link to the provincial "
                                        "service portal: warn",
                                        menu_site([e for e in MENU if not e["label"].startswith("Dịch vụ")],
                                                  links={"external": [link("https://dichvucong.hoalam.gov.vn/",
                                                                           "Dịch vụ công trực tuyến")]}),
                                        "warn", details={"missing": ["services"]}),
        "procedures-are-not-services": case("\"Thủ tục hành chính\" is not the online-services entry: warn",
                                            menu_site([e if not e["label"].startswith("Dịch vụ") else
                                                       entry("Thủ tục hành chính", "/thu-tuc-hanh-chinh")
                                                       for e in MENU]), "warn", details={"missing": ["services"]}),
        "home-icon-and-abbreviations": case("an icon entry to the site root, \"Giới thiệu chung\", \"Cổng DVC\", "
                                            "\"Sitemap\" (dropdown): pass",
                                            menu_site([{"label": "", "url": HOME, "level": 1},
                                                       entry("Giới thiệu chung", "/gioi-thieu"),
                                                       entry("Cổng DVC", "https://dichvucong.hoalam.gov.vn/"),
                                                       entry("Tiện ích", "/tien-ich"),
                                                       entry("Sitemap", "/sitemap.aspx", 2)]), "pass"),
        "no-menu": case("no main menu recognised: not determinable",
                        menu_site([]), "not_determinable", error_class="no_menu"),
        "not-recorded": case("no layout facts (an older snapshot): not determinable",
                             layout_site(), "not_determinable", error_class="not_recorded"),
        "home-not-parsed": case("the home page was not parsed as HTML: not determinable",
                                menu_site(MENU, discovery=NOT_PARSED), "not_determinable",
                                error_class="home_not_parsed"),
        "portal-unreachable": case("the portal is unreachable: not determinable",
                                   hoalam(**UNREACHABLE), "not_determinable", error_class="timeout"),
    }


# ---------------------------------------------------------------------------------------------- LY-003
COPYRIGHT = "© Bản quyền thuộc Sở Khoa học và Công nghệ tỉnh Hòa Lâm."
AGENCY = "Cơ quan chủ quản: Ủy ban nhân dân tỉnh Hòa Lâm."
RESPONSIBLE = "Chịu trách nhiệm nội dung: Ông Nguyễn Văn An – Phó Giám đốc Sở, Trưởng Ban biên tập."
ADDRESS = "Địa chỉ: Số 8 đường Trần Phú, phường Hòa Bình, tỉnh Hòa Lâm."
PHONE = "Điện thoại: 0200 3856 210 – Fax: 0200 3856 211."
EMAIL = "Email: skhcn@hoalam.gov.vn."
LICENCE = "Giấy phép số 16/GP-TTĐT do Sở Thông tin và Truyền thông tỉnh Hòa Lâm cấp ngày 03/11/2016."


def footer_site(*parts: str, found: bool = True, **kw: Any) -> PortalSnapshot:
    return layout_site(footer=" ".join(parts), footer_found=found, **kw)


def ly003() -> Cases:
    full = (COPYRIGHT, AGENCY, RESPONSIBLE, ADDRESS, PHONE, EMAIL)
    return {
        "good": case("copyright, managing agency, responsible person, address, phone, email and licence: pass",
                     footer_site(*full, LICENCE, "Ghi rõ nguồn \"skhcn.hoalam.gov.vn\" khi phát hành lại thông tin."),
                     "pass", details={"missing": [], "licence_found": True}),
        "bad": case("only the agency's name, address and phone: warn (legacy guidance)",
                    footer_site("SỞ TÀI CHÍNH TỈNH HÒA LÂM", ADDRESS, "ĐT: 0200 3852 117"), "warn",
                    details={"missing": ["copyright", "agency", "responsible", "email"]}),
        "bad-fail-option": case("the same under a provincial profile (missing_status = fail): fail",
                                footer_site("SỞ TÀI CHÍNH TỈNH HÒA LÂM", ADDRESS, "ĐT: 0200 3852 117"), "fail",
                                options={"missing_status": "fail"}),
        "licence-missing-still-passes": case("all six items, no licence number: pass (licence is practice only)",
                                             footer_site(*full), "pass",
                                             details={"licence_found": False, "missing": []}),
        "managing-agency-synonym": case("\"Cơ quan quản lý\" and \"Trưởng Ban biên tập: …\", \"Copyright 2026\": pass",
                                        footer_site("Copyright 2026 Ban Quản lý các khu công nghiệp tỉnh Hòa Lâm.",
                                                    "Cơ quan quản lý: Ủy ban nhân dân tỉnh Hòa Lâm.",
                                                    "Trưởng Ban biên tập: Bà Trần Thị Bình.",
                                                    "Trụ sở: Số 2 đường Lê Lợi, phường Hòa Bình.",
                                                    "Tel: (0200) 3856 400.", "E-mail: bqlkcn@hoalam.gov.vn"),
                                        "pass"),
        "disclaimer-is-not-responsible": case("\"… không chịu trách nhiệm về nội dung các trang liên kết\" is not "
                                              "the responsible person: warn",
                                              footer_site(COPYRIGHT, AGENCY, ADDRESS, PHONE, EMAIL,
                                                          "Cổng không chịu trách nhiệm về nội dung các trang liên "
                                                          "kết bên ngoài."), "warn",
                                              details={"missing": ["responsible"]}),
        "email-label-is-not-address": case("\"Địa chỉ email: …\" without a postal address: warn (address missing)",
                                           footer_site(COPYRIGHT, AGENCY, RESPONSIBLE, PHONE,
                                                       "Địa chỉ email: skhcn@hoalam.gov.vn"), "warn",
                                           details={"missing": ["address"]}),
        "visitor-counter-is-not-a-phone": case("a digit-per-cell visitor counter is not a phone number: warn",
                                               footer_site(COPYRIGHT, AGENCY, RESPONSIBLE, ADDRESS, EMAIL,
                                                           "Số lượt truy cập: 0 4 3 4 3 6 3 Đang online: 27"),
                                               "warn", details={"missing": ["phone"]}),
        "hanoi-style-partial": case("address and \"Ghi rõ nguồn\" but no managing agency or responsible person "
                                    "(a real pattern): warn",
                                    footer_site("SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH HÒA LÂM", ADDRESS, PHONE, EMAIL,
                                                "Ghi rõ nguồn khi phát hành lại thông tin từ website này.",
                                                "© 2026"), "warn", details={"missing": ["agency", "responsible"]}),
        "no-footer": case("no footer recognised (empty text): not determinable",
                          footer_site("", found=False), "not_determinable", error_class="no_footer"),
        "not-recorded": case("no layout facts (an older snapshot): not determinable",
                             layout_site(), "not_determinable", error_class="no_footer"),
        "home-not-parsed": case("the home page was not parsed as HTML: not determinable",
                                footer_site(*full, discovery=NOT_PARSED), "not_determinable",
                                error_class="home_not_parsed"),
        "portal-unreachable": case("the portal is unreachable: not determinable",
                                   hoalam(**UNREACHABLE), "not_determinable", error_class="timeout"),
    }


def build() -> dict[str, Cases]:
    return {"LY-001": ly001(), "LY-002": ly002(), "LY-003": ly003()}

