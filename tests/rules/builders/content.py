"""Cases of the content rules CT-001..CT-005 and CT-009..CT-013 (texts invented for the fictitious
province of Hòa Lâm; no third-party page is copied)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from nd42.clock import VN_TZ
from nd42.records import LISTING_KINDS, ListingItem, PageFetch, SectionSnapshot
from tests.rules.builders._common import BASE, BEFORE_224, MENUS_ONLY, NOW, case, day, page, section, snapshot

Cases = dict[str, dict[str, Any]]
AGENCY = "Sở Khoa học và Công nghệ tỉnh Hòa Lâm"
PORTAL = {"name": AGENCY, "level": "department", "parent": "https://hoalam.gov.vn/"}


def part(kind: str, text: str = "", *, label: str | None = None, url: str | None = None,
         rows: list[ListingItem] | None = None, **facts: Any) -> tuple[SectionSnapshot, PageFetch]:
    """A section and its fetched page carrying ``text`` and other facts (docs/facts.md)."""
    url = url or f"{BASE}/{kind.replace('_', '-')}"
    role = "listing" if kind in LISTING_KINDS else "content"
    sec = section(kind, url=url, label=label, rows=rows)
    return sec, page(url, role, kind=kind, facts={"text": text, **facts})


def snap(*parts: tuple[SectionSnapshot, PageFetch | None], now: dt.datetime = NOW, **kwargs: Any) -> Any:
    sections = [s for s, _ in parts]
    pages = [p for _, p in parts if p is not None] + list(kwargs.pop("pages", []))
    kwargs.setdefault("portal", PORTAL)
    return snapshot(*sections, pages=pages, now=now, **kwargs)


def unreachable(kind: str, error: str = "timeout") -> tuple[SectionSnapshot, None]:
    return section(kind, state="unreachable", error_class=error), None


def titled(*titles: str, meta: list[dict[str, Any]] | None = None, ages: list[int] | None = None) -> list[ListingItem]:
    out = []
    for n, title in enumerate(titles):
        date = day(ages[n]) if ages else day(n + 1)
        out.append(ListingItem(title=title, url=f"{BASE}/van-ban/{n + 1}", date=date,
                               date_text=date.strftime("%d/%m/%Y"), date_source="listing",
                               meta=(meta[n] if meta else {})))
    return out


def portal_down() -> dict[str, Any]:
    return case("the portal is unreachable: not determinable", snapshot(home_status=None, home_error="dns"),
                "not_determinable", error_class="dns")


# ---------------------------------------------------------------------------------------------- CT-001
INTRO_DUTIES = (
    f"{AGENCY} là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh Hòa Lâm, có chức năng tham mưu, giúp Ủy ban nhân dân "
    "tỉnh quản lý nhà nước về khoa học và công nghệ, bao gồm: hoạt động khoa học và công nghệ; phát triển tiềm lực "
    "khoa học và công nghệ; tiêu chuẩn, đo lường, chất lượng; sở hữu trí tuệ; ứng dụng bức xạ và đồng vị phóng xạ. "
    "Nhiệm vụ và quyền hạn: 1. Trình Ủy ban nhân dân tỉnh dự thảo quyết định, chỉ thị; kế hoạch dài hạn, 05 năm và "
    "hằng năm về khoa học và công nghệ. 2. Tổ chức thực hiện các văn bản quy phạm pháp luật, quy hoạch, kế hoạch sau "
    "khi được phê duyệt; thông tin, tuyên truyền, phổ biến, giáo dục pháp luật về khoa học và công nghệ."
)
INTRO_HISTORY = (
    "Chào mừng quý vị đến với Cổng thông tin điện tử của Sở Khoa học và Công nghệ tỉnh Hòa Lâm. Trải qua hơn ba mươi "
    "năm xây dựng và trưởng thành, từ Ban Khoa học Kỹ thuật tỉnh thành lập năm 1992 đến nay, đội ngũ cán bộ, công "
    "chức, viên chức của Sở luôn đoàn kết, sáng tạo, đồng hành cùng doanh nghiệp và người dân trong đổi mới sáng tạo. "
    "Nhiều đề tài, dự án được ứng dụng rộng rãi trong sản xuất nông nghiệp, y tế, giáo dục, góp phần nâng cao năng "
    "suất, chất lượng sản phẩm, hàng hóa của tỉnh. Năm 2025, Sở vinh dự được nhận Huân chương Lao động hạng Ba. Xin "
    "trân trọng cảm ơn sự quan tâm của quý vị và mong tiếp tục nhận được những ý kiến đóng góp quý báu."
)


def ct001() -> Cases:
    kind = "introduction"
    return {
        "good": case("the introduction states functions, duties and powers: pass",
                     snap(part(kind, INTRO_DUTIES, label="Chức năng, nhiệm vụ")), "pass",
                     details={"functions": True, "duties": True, "powers": True}),
        "bad": case("a long welcome and history text, no functions or duties: fail",
                    snap(part(kind, INTRO_HISTORY, label="Giới thiệu chung")), "fail",
                    details={"functions": False, "duties": False, "hub": False}),
        "no-powers": case("functions and duties without the word 'quyền hạn': pass, noted in details",
                          snap(part(kind, INTRO_DUTIES.replace("Nhiệm vụ và quyền hạn", "Nhiệm vụ cụ thể"))), "pass",
                          details={"powers": False}),
        "hub-links": case("a short hub page linking to 'Chức năng' and 'Tổ chức bộ máy': warn",
                          snap(part(kind, "Giới thiệu: Lịch sử hình thành | Chức năng | Tổ chức bộ máy | Lãnh đạo Sở",
                                    links=[{"url": f"{BASE}/gioi-thieu/lich-su", "label": "Lịch sử hình thành"},
                                           {"url": f"{BASE}/gioi-thieu/chuc-nang", "label": "Chức năng"},
                                           {"url": f"{BASE}/gioi-thieu/to-chuc", "label": "Tổ chức bộ máy"}])),
                          "warn", details={"hub": True, "hub_links": [f"{BASE}/gioi-thieu/chuc-nang"]}),
        "short-text": case("a 120-character introduction with a photo only: warn (may be a hub)",
                           snap(part(kind, "Trụ sở Sở Khoa học và Công nghệ tỉnh Hòa Lâm tại số 12 đường Trần Hưng "
                                           "Đạo. Ảnh: Tòa nhà mới đưa vào sử dụng năm 2024.",
                                     images=[{"src": f"{BASE}/img/tru-so.jpg", "alt": "Trụ sở Sở"}])),
                           "warn", details={"hub": True}),
        "under-construction": case("'Nội dung đang được cập nhật': not a hub, fail",
                                   snap(part(kind, "Nội dung đang được cập nhật.")), "fail",
                                   details={"placeholder": True}),
        "absent": case("no introduction section: not applicable (SP-007)", snap(), "not_applicable",
                       details={"presence_rule": "SP-007"}),
        "section-unreachable": case("the introduction page timed out: not determinable",
                                    snap(unreachable(kind)), "not_determinable", error_class="timeout"),
        "page-not-read": case("the section is recorded but its page was not stored: not determinable",
                              snap((section(kind), None)), "not_determinable", error_class="page_not_read"),
        "portal-unreachable": portal_down(),
    }


# ---------------------------------------------------------------------------------------------- CT-002
UNITS_TEXT = (
    "Cơ cấu tổ chức của Sở gồm: Lãnh đạo Sở có Giám đốc và không quá 03 Phó Giám đốc. Các tổ chức tham mưu, tổng "
    "hợp và chuyên môn, nghiệp vụ: Văn phòng Sở; Thanh tra Sở; Phòng Kế hoạch – Tài chính; Phòng Quản lý khoa học; "
    "Chi cục Tiêu chuẩn Đo lường Chất lượng. Đơn vị sự nghiệp: Trung tâm Ứng dụng tiến bộ khoa học và công nghệ."
)
# Words that look like units to a naive pattern: "nhiệm vụ", "dịch vụ", "cơ sở", "các phòng chuyên môn".
FALSE_UNITS_TEXT = (
    "Sở Khoa học và Công nghệ tỉnh Hòa Lâm thực hiện nhiệm vụ quản lý nhà nước; các phòng chuyên môn và đơn vị sự "
    "nghiệp hỗ trợ doanh nghiệp về dịch vụ kỹ thuật, cơ sở dữ liệu khoa học, ban hành hướng dẫn theo thẩm quyền."
)


def ct002() -> Cases:
    org, intro = "organisation", "introduction"
    return {
        "good": case("an organisation chart image (alt text) on the structure page: pass",
                     snap(part(org, "Sơ đồ cơ cấu tổ chức của Sở.",
                               images=[{"src": f"{BASE}/uploads/2026/so-do-to-chuc.png",
                                        "alt": "Sơ đồ cơ cấu tổ chức Sở Khoa học và Công nghệ"}])), "pass",
                     details={"chart": True, "source": "organisation"}),
        "bad": case("one sentence and no chart: fail",
                    snap(part(org, "Cơ cấu tổ chức của Sở gồm Ban Giám đốc và các phòng chuyên môn, đơn vị sự nghiệp "
                                   "trực thuộc.")), "fail", details={"chart": False}),
        "units-named": case("no chart, but the text names the units: pass",
                            snap(part(org, UNITS_TEXT)), "pass", details={"chart": False, "unit_count": 6}),
        "chart-file-slug": case("the chart is an image whose file name is 'sodotochuc.jpg' (no alt): pass",
                                snap(part(org, "", images=[{"src": f"{BASE}/Images/sodotochuc.jpg", "alt": ""}])),
                                "pass", details={"chart": True}),
        "chart-pdf": case("the chart is a PDF file 'Sơ đồ tổ chức': pass",
                          snap(part(org, "Tải về:", files=[{"url": f"{BASE}/files/so-do-to-chuc.pdf",
                                                            "label": "Sơ đồ tổ chức", "ext": "pdf"}])), "pass"),
        "no-false-units": case("'nhiệm vụ', 'dịch vụ', 'cơ sở', 'các phòng' and the agency's own name are not units",
                               snap(part(org, FALSE_UNITS_TEXT)), "fail", details={"unit_count": 0}),
        "fallback-introduction": case("no organisation page; the introduction names the units: pass",
                                      snap(part(intro, INTRO_DUTIES + " " + UNITS_TEXT)), "pass",
                                      details={"source": "introduction"}),
        "fallback-partial-discovery": case(
            "no organisation page, the introduction names no unit, no site map available: warn",
            snap(part(intro, INTRO_DUTIES), discovery=MENUS_ONLY), "warn",
            details={"source": "introduction", "configured_status": "fail"}),
        "fallback-full-discovery": case(
            "no organisation page in any discovery source, the introduction names no unit: fail",
            snap(part(intro, INTRO_DUTIES)), "fail", details={"source": "introduction"}),
        "absent": case("neither an organisation nor an introduction section: not applicable", snap(),
                       "not_applicable"),
        "section-unreachable": case("the organisation page returned 503 and the introduction has nothing: ND",
                                    snap(unreachable(org, "http_5xx"), part(intro, INTRO_HISTORY)),
                                    "not_determinable", error_class="http_5xx"),
        "portal-unreachable": portal_down(),
    }


# ---------------------------------------------------------------------------------------------- CT-003
LEADERS_FULL = (
    "Giám đốc Sở: Ông Nguyễn Văn An. Năm sinh: 1972. Quê quán: xã Tân Phong, tỉnh Hòa Lâm. Trình độ chuyên môn: "
    "Tiến sĩ Vật lý; Cao cấp lý luận chính trị. Quá trình công tác: 1996–2010 nghiên cứu viên Trung tâm Ứng dụng; "
    "2015–2020 Phó Giám đốc Sở; từ 2021 Giám đốc Sở. Lĩnh vực phụ trách: lãnh đạo, điều hành chung; công tác tổ "
    "chức cán bộ, kế hoạch, tài chính. Phó Giám đốc: Bà Trần Thị Bích. Năm sinh: 1979. Phụ trách: quản lý khoa "
    "học, sở hữu trí tuệ, Chi cục Tiêu chuẩn Đo lường Chất lượng."
)
LEADERS_NAMES = ("Ban Giám đốc Sở. Giám đốc: Ông Nguyễn Văn An. Phó Giám đốc: Bà Trần Thị Bích. Phó Giám đốc: Ông Lê "
                 "Minh Cường. Điện thoại Văn phòng: 0261 3544 567.")


def ct003() -> Cases:
    kind = "leaders"
    links = [{"url": f"{BASE}/lanh-dao/nguyen-van-an", "label": "Ông Nguyễn Văn An – Giám đốc Sở"},
             {"url": f"{BASE}/lanh-dao/tran-thi-bich", "label": "Bà Trần Thị Bích – Phó Giám đốc"},
             {"url": f"{BASE}/lanh-dao/le-minh-cuong", "label": "Ông Lê Minh Cường – Phó Giám đốc"}]
    return {
        "good": case("titles, biographies and portfolios: pass", snap(part(kind, LEADERS_FULL)), "pass",
                     details={"missing": []}),
        "bad": case("names and titles only, no biography or portfolio, no links: fail (after 01/07/2026)",
                    snap(part(kind, LEADERS_NAMES)), "fail", details={"missing": ["biography", "portfolio"]}),
        "before-224-in-force": case("the same page on 30/06/2026, before Decree 224/2026: warn (gated)",
                                    snap(part(kind, LEADERS_NAMES), now=BEFORE_224), "warn", now=BEFORE_224,
                                    details={"configured_status": "fail", "obligation_from": "2026-07-01"}),
        "links-to-bios": case("the page lists leaders as links (bios on linked pages, not read): warn",
                              snap(part(kind, "Ban Giám đốc Sở Khoa học và Công nghệ", links=links)), "warn",
                              details={"person_links": [lk["url"] for lk in links]}),
        "no-portfolio": case("biographies without portfolios: fail", snap(part(kind, LEADERS_FULL.split(
            " Lĩnh vực phụ trách")[0])), "fail", details={"missing": ["portfolio"]}),
        "absent": case("no leaders section: not applicable (SP-009)", snap(), "not_applicable"),
        "section-unreachable": case("leaders page refused the connection: not determinable",
                                    snap(unreachable(kind, "refused")), "not_determinable", error_class="refused"),
        "portal-unreachable": portal_down(),
    }


# ---------------------------------------------------------------------------------------------- CT-004
CONTACTS_FULL = ("Thông tin liên hệ. Sở Khoa học và Công nghệ tỉnh Hòa Lâm. Địa chỉ: Số 12 đường Trần Hưng Đạo, "
                 "phường Hòa Bình, tỉnh Hòa Lâm. Điện thoại: (0261) 3544 567 – Fax: (0261) 3544 568. Email: "
                 "skhcn@hoalam.gov.vn. Giờ làm việc: sáng 7h00–11h30, chiều 13h30–17h00 từ thứ Hai đến thứ Sáu.")
FOOTER_FULL = ("© Bản quyền thuộc Sở Khoa học và Công nghệ tỉnh Hòa Lâm. Địa chỉ: Số 12 đường Trần Hưng Đạo, phường "
               "Hòa Bình. ĐT/Fax: 0261 3544 567. Thư điện tử: skhcn@hoalam.gov.vn. Chịu trách nhiệm chính: Giám "
               "đốc Sở.")


def footer(text: str) -> dict[str, Any]:
    return {"layout": {"footer": {"found": True, "text": text}}}


def ct004() -> Cases:
    kind = "contacts"
    return {
        "good": case("address, phone, fax and an official email on the contact page: pass",
                     snap(part(kind, CONTACTS_FULL)), "pass", details={"missing": []}),
        "bad": case("no contact page; the footer has only the name and a phone: fail (no address, no email)",
                    snap(home_facts=footer("Sở Khoa học và Công nghệ tỉnh Hòa Lâm. Điện thoại: 0261 3544 567.")),
                    "fail", details={"missing": ["address", "fax", "email"]}),
        "footer-only": case("no contact page, all four in the footer ('ĐT/Fax' counts for both): pass",
                            snap(home_facts=footer(FOOTER_FULL)), "pass"),
        "fax-missing": case("everything but a fax number: warn (fax_missing_status)",
                            snap(part(kind, CONTACTS_FULL.replace(" – Fax: (0261) 3544 568", ""))), "warn",
                            details={"missing": ["fax"]}),
        "fax-missing-profile-pass": case("a profile that no longer asks for a fax: pass",
                                         snap(part(kind, CONTACTS_FULL.replace(" – Fax: (0261) 3544 568", ""))),
                                         "pass", options={"fax_missing_status": "pass"}),
        "email-address-is-not-postal": case(
            "'Địa chỉ thư điện tử' is an email, not a postal address: address missing, fail",
            snap(part(kind, "Liên hệ: Điện thoại 0261 3544 567, Fax 0261 3544 568, địa chỉ thư điện tử: "
                            "skhcn@hoalam.gov.vn.")), "fail", details={"missing": ["address"]}),
        "fax-is-not-a-phone": case("only a fax number (labelled Fax): the phone is missing, fail",
                                   snap(part(kind, "Địa chỉ: Số 12 đường Trần Hưng Đạo, phường Hòa Bình. Fax: 0261 "
                                                   "3544 568. Email: skhcn@hoalam.gov.vn")), "fail",
                                   details={"missing": ["phone"]}),
        "contacts-unreachable": case("the contact page timed out and the footer lacks the email: warn, not fail",
                                     snap(unreachable(kind), home_facts=footer(
                                         "Địa chỉ: Số 12 đường Trần Hưng Đạo. Điện thoại: 0261 3544 567.")),
                                     "warn", details={"configured_status": "fail"}),
        "no-text": case("no contact page and no footer text: not determinable", snap(), "not_determinable",
                        error_class="no_text"),
        "portal-unreachable": portal_down(),
    }


# ---------------------------------------------------------------------------------------------- CT-005
OFFICIAL_GOV = ("Đầu mối tiếp nhận yêu cầu cung cấp thông tin: Ông Trần Văn Bình – Chánh Văn phòng Sở, điện thoại: "
                "0261 3544 570, di động: 0912 345 678, email: binhtv@skhcn.hoalam.gov.vn.")
OFFICIAL_GMAIL = ("Cán bộ đầu mối: Bà Lê Thị Hoa, chuyên viên Văn phòng, điện thoại 0912 345 679, email "
                  "hoale.skhcn@gmail.com.")


def ct005() -> Cases:
    kind = "contacts"
    table = {"headers": ["STT", "Họ và tên", "Chức vụ", "Điện thoại", "Email"], "rows": 5}
    return {
        "good": case("a named official with title, phone and a .gov.vn email: pass",
                     snap(part(kind, CONTACTS_FULL + " " + OFFICIAL_GOV)), "pass", details={"complete_count": 1}),
        "bad": case("only the agency's switchboard, no official: fail",
                    snap(part(kind, CONTACTS_FULL)), "fail", details={"official_count": 0}),
        "private-email": case("the contact official uses a gmail address: warn",
                              snap(part(kind, CONTACTS_FULL + " " + OFFICIAL_GMAIL)), "warn",
                              details={"complete_count": 0}),
        "no-phone": case("an official with a .gov.vn email but no phone: warn",
                         snap(part(kind, "Người phát ngôn: Ông Nguyễn Văn An, Giám đốc Sở, email: "
                                         "annv@skhcn.hoalam.gov.vn.")), "warn"),
        "table": case("a table of officials (name, title, phone, email) with .gov.vn mailboxes: pass",
                      snap(part(kind, "Danh bạ cán bộ các phòng, đơn vị (bảng dưới). Hộp thư chung: "
                                      "skhcn@hoalam.gov.vn", tables=[table])), "pass", details={"official_count": 0}),
        "on-leaders-page": case("the contact page has the switchboard; the leaders page names an official: pass",
                                snap(part(kind, CONTACTS_FULL), part("leaders", OFFICIAL_GOV)), "pass"),
        "title-then-name": case("'Chánh Văn phòng: Trần Văn Bình, ĐT …, email …' (no Ông/Bà): pass",
                                snap(part(kind, "Đầu mối cung cấp thông tin – Chánh Văn phòng: Trần Văn Bình, ĐT: "
                                                "0261 3544 570, email: binhtv@skhcn.hoalam.gov.vn")), "pass"),
        "title-without-name": case(
            "'Người chịu trách nhiệm: Giám đốc Sở' next to the switchboard and mailbox is no named official: fail",
            snap(part(kind, "Người chịu trách nhiệm: Giám đốc Sở. Điện thoại: 0261 3544 567. Email: "
                            "skhcn@hoalam.gov.vn")), "fail", details={"official_count": 0}),
        "street-is-not-a-person": case(
            "'số 5 Ông Ích Khiêm' and 'đường Lê Thánh Tông' are streets, not officials: fail",
            snap(part(kind, "Địa chỉ: số 5 Ông Ích Khiêm, góc đường Lê Thánh Tông, phường Hòa Bình. Điện thoại: 0261 "
                            "3544 567. Email: skhcn@hoalam.gov.vn")), "fail", details={"official_count": 0}),
        "each-official-their-own-phone": case(
            "two officials: the first with a gmail box, the second complete; each keeps their own details: pass",
            snap(part(kind, OFFICIAL_GMAIL + " Phát ngôn: Ông Nguyễn Văn An, Giám đốc Sở, điện thoại 0913 111 222, "
                            "email annv@skhcn.hoalam.gov.vn.")), "pass",
            details={"official_count": 2, "complete_count": 1}),
        "absent": case("no contacts section: not applicable (SP-010)", snap(), "not_applicable",
                       details={"presence_rule": "SP-010"}),
        "section-unreachable": case("the contact page timed out and nothing else was read: not determinable",
                                    snap(unreachable(kind)), "not_determinable", error_class="timeout"),
        "portal-unreachable": portal_down(),
    }


# ---------------------------------------------------------------------------------------------- CT-009
def external(*urls: str) -> dict[str, Any]:
    return {"links": {"external": [{"url": u, "label": "Dịch vụ công", "tag": "a"} for u in urls]}}


def ct009() -> Cases:
    kind = "procedures"
    own = part(kind, "Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của Sở (tải về bản Word).",
               label="Thủ tục hành chính",
               files=[{"url": f"{BASE}/files/tthc-2026.docx", "label": "Danh mục TTHC 2026", "ext": "docx"}])
    return {
        "good": case("the home page links to dichvucong.gov.vn: pass",
                     snap(own, home_facts=external("https://dichvucong.gov.vn/p/home/dvc-trang-chu.html")), "pass"),
        "bad": case("procedures as Word files on the agency's site, no service-portal link: fail",
                    snap(own, home_facts=external("https://chinhphu.vn/", "https://hoalam.gov.vn/")), "fail"),
        "section-is-national-portal": case(
            "the procedures section itself is a link to dichvucong.gov.vn: pass",
            snap((section(kind, url="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html",
                          label="Dịch vụ công"), None)), "pass"),
        "provincial-frame": case("the procedures page embeds dichvucong.hoalam.gov.vn in a frame: pass",
                                 snap(part(kind, "Tra cứu thủ tục hành chính",
                                           frames=[{"src": "https://dichvucong.hoalam.gov.vn/tthc?coquan=skhcn",
                                                    "title": "Thủ tục hành chính"}])), "pass"),
        "provincial-dvc-link": case("a main link to dvc.hoalam.gov.vn on the procedures page: pass",
                                    snap(part(kind, "Nộp hồ sơ trực tuyến",
                                              links=[{"url": "https://www.dvc.hoalam.gov.vn/",
                                                      "label": "Nộp hồ sơ trực tuyến"}])), "pass"),
        "lookalike-host": case("dichvucong.hoalam.com.vn is not a .gov.vn service portal: fail",
                               snap(own, home_facts=external("https://dichvucong.hoalam.com.vn/")), "fail"),
        "absent": case("no procedures section: not applicable (SP-005)", snap(), "not_applicable"),
        "section-unreachable": case("the procedures page timed out and the home page has no link: ND",
                                    snap(unreachable(kind)), "not_determinable", error_class="timeout"),
        "unreachable-but-home-link": case("the procedures page timed out but the home page links to the portal",
                                          snap(unreachable(kind), home_facts=external("https://dichvucong.gov.vn/")),
                                          "pass"),
        "portal-unreachable": portal_down(),
    }


# ---------------------------------------------------------------------------------------------- CT-010
def ct010() -> Cases:
    plans = ("Quyết định phê duyệt Quy hoạch phát triển khoa học và công nghệ tỉnh Hòa Lâm thời kỳ 2021–2030",
             "Kế hoạch công tác năm 2026 của Sở Khoa học và Công nghệ",
             "Chương trình phát triển tài sản trí tuệ giai đoạn 2021–2025")
    old_plans = (plans[0], "Kế hoạch công tác năm 2024 của Sở Khoa học và Công nghệ", plans[2])
    january = dt.datetime(2027, 1, 20, 9, 0, tzinfo=VN_TZ)
    march = dt.datetime(2027, 3, 5, 9, 0, tzinfo=VN_TZ)
    news = ("Hội nghị tổng kết công tác năm 2025 và triển khai nhiệm vụ năm 2026",
            "Sở Khoa học và Công nghệ ban hành Chương trình hoạt động năm 2026")
    return {
        "good": case("'Kế hoạch công tác năm 2026' in the plans listing: pass",
                     snap((section("plans", rows=titled(*plans)), None)), "pass"),
        "bad": case("the plans section was read; its titles are master plans and an old work plan: fail",
                    snap((section("plans", rows=titled(*old_plans)), None)), "fail"),
        "in-news": case("no plans section; a news title announces the 2026 programme of activities: pass",
                        snap((section("news", rows=titled(*news)), None)), "pass"),
        "plans-page-text": case("the plans page text names the 2026 work plan: pass",
                                snap(part("plans", "Kế hoạch số 15/KH-SKHCN ngày 10/01/2026 về thực hiện nhiệm vụ "
                                                   "trọng tâm năm 2026", rows=titled(plans[0]))),
                                "pass"),
        "january-grace": case("on 20/01/2027 the 2026 plan still counts (grace_days 59): pass",
                              snap((section("plans", rows=titled(*plans)), None), now=january), "pass",
                              now=january, details={"years": [2027, 2026]}),
        "after-grace": case("on 05/03/2027 the 2026 plan no longer counts: fail",
                            snap((section("plans", rows=titled(*plans)), None), now=march), "fail", now=march,
                            details={"years": [2027]}),
        "grace-zero": case("grace_days = 0: in January only the run year counts: fail",
                           snap((section("plans", rows=titled(*plans)), None), now=january), "fail", now=january,
                           options={"grace_days": 0}),
        "no-plans-section": case("no plans section; only document listings searched, nothing found: warn",
                                 snap((section("legal_documents", rows=titled(
                                     "Quyết định số 12/2026/QĐ-UBND ban hành quy chế quản lý đề tài")), None)),
                                 "warn", details={"plans_section": None}),
        "plans-unreachable": case("the plans listing timed out; documents searched, nothing found: warn",
                                  snap(unreachable("plans"), (section("news", rows=titled(news[0])), None)), "warn",
                                  details={"plans_section": "unreachable"}),
        "no-listing": case("no listing at all was read: not determinable", snap(), "not_determinable",
                           error_class="no_listing"),
        "portal-unreachable": portal_down(),
    }


# ---------------------------------------------------------------------------------------------- CT-011
def ct011() -> Cases:
    budget = ("Công khai dự toán ngân sách năm 2026 của Sở Khoa học và Công nghệ",
              "Báo cáo tài chính năm 2025 của Sở Khoa học và Công nghệ")
    old = ("Công khai dự toán ngân sách năm 2026", "Báo cáo tài chính năm 2023")
    return {
        "good": case("'Báo cáo tài chính năm 2025' in the budget listing: pass",
                     snap((section("budget", rows=titled(*budget)), None)), "pass"),
        "bad": case("only the 2026 estimate and the 2023 report: warn (only first listing pages are read)",
                    snap((section("budget", rows=titled(*old)), None)), "warn"),
        "settlement": case("'Quyết định công khai quyết toán ngân sách năm 2025' among the legal documents: pass",
                           snap((section("legal_documents", rows=titled(
                               "Quyết định số 45/QĐ-SKHCN về việc công khai quyết toán ngân sách năm 2025")), None)),
                           "pass"),
        "access-page-file": case("a file 'Báo cáo tài chính năm 2025' on the access-to-information page: pass",
                                 snap(part("access_to_information", "Danh mục thông tin phải được công khai",
                                           files=[{"url": f"{BASE}/files/bctc-2025.pdf", "ext": "pdf",
                                                   "label": "Báo cáo tài chính năm 2025"}])), "pass"),
        "profile-fail": case("a profile sets missing_status = fail", snap((section("budget", rows=titled(*old)),
                                                                          None)), "fail",
                             options={"missing_status": "fail"}),
        "no-listing": case("no listing at all was read: not determinable", snap(), "not_determinable",
                           error_class="no_listing"),
        "portal-unreachable": portal_down(),
    }


# ---------------------------------------------------------------------------------------------- CT-012
def ct012() -> Cases:
    kind = "consultation"
    with_meta = titled("Dự thảo Quyết định ban hành Quy chế quản lý nhiệm vụ khoa học và công nghệ cấp tỉnh",
                       "Dự thảo Kế hoạch phát triển thị trường khoa học và công nghệ năm 2027",
                       meta=[{"deadline": "2026-10-15", "sources": {"deadline": "article"}},
                             {"deadline": "2026-10-30", "sources": {"deadline": "listing"}}])
    in_title = titled("Lấy ý kiến dự thảo Quy định về giải thưởng sáng tạo khoa học (hạn góp ý: 30/9/2026)",
                      "Dự thảo Nghị quyết về chính sách hỗ trợ đổi mới sáng tạo – góp ý đến hết ngày 05 tháng 10 "
                      "năm 2026",
                      "Dự thảo Quy chế phối hợp quản lý đo lường, trước ngày 20/10/2026")
    none = titled("Dự thảo Quyết định ban hành Quy chế quản lý nhiệm vụ khoa học và công nghệ cấp tỉnh",
                  "Dự thảo Kế hoạch phát triển thị trường khoa học và công nghệ năm 2027",
                  "Dự thảo Quy định thời hạn sử dụng thiết bị đo 5 năm")
    some = [*with_meta[:1], *none[1:]]
    return {
        "good": case("every draft has a deadline field: pass", snap((section(kind, rows=with_meta), None)), "pass",
                     details={"with_deadline": 2, "item_count": 2}),
        "bad": case("no draft shows a deadline ('thời hạn sử dụng … 5 năm' is not a date): fail",
                    snap((section(kind, rows=none), None)), "fail", details={"with_deadline": 0}),
        "titles": case("deadlines written in the titles ('hạn góp ý: 30/9/2026', 'đến hết ngày 05 tháng 10'): pass",
                       snap((section(kind, rows=in_title), None)), "pass", details={"with_deadline": 3}),
        "some": case("1 of 3 drafts shows a deadline: warn", snap((section(kind, rows=some), None)), "warn",
                     details={"with_deadline": 1, "item_count": 3}),
        "absent": case("no consultation section: not applicable (SP-018)", snap(), "not_applicable"),
        "no-items": case("the consultation listing is empty: not determinable",
                         snap((section(kind, state="empty"), None)), "not_determinable", error_class="no_items"),
        "section-unreachable": case("the listing timed out: not determinable", snap(unreachable(kind)),
                                    "not_determinable", error_class="timeout"),
        "portal-unreachable": portal_down(),
    }


# ---------------------------------------------------------------------------------------------- CT-013
def ct013() -> Cases:
    kind = "access_to_information"
    table = {"headers": ["STT", "Tên thông tin", "Số ký hiệu", "Hình thức công khai", "Thời điểm công khai",
                         "Thời hạn công khai", "Tải về"], "rows": 24}
    files = [{"url": f"{BASE}/files/tt-{n}.pdf", "label": f"Thông tin công khai số {n}", "ext": "pdf"}
             for n in range(1, 13)]
    return {
        "good": case("a table 'Danh mục thông tin phải được công khai' with form/time/duration/download columns",
                     snap(part(kind, "Danh mục thông tin phải được công khai của Sở Khoa học và Công nghệ",
                               tables=[table])), "pass",
                     details={"columns_found": ["hinh thuc", "thoi diem", "thoi han", "so ky hieu", "tai ve"]}),
        "bad": case("the section shows only the request form: fail",
                    snap(part(kind, "Phiếu yêu cầu cung cấp thông tin. Họ và tên người yêu cầu, địa chỉ, số điện "
                                    "thoại, thông tin yêu cầu cung cấp.",
                              forms=[{"action": f"{BASE}/tiep-can-thong-tin/gui", "method": "post",
                                      "text_inputs": 4, "textareas": 1, "selects": 0, "search_like": False,
                                      "region": "main", "inputs": [], "submit": "Gửi yêu cầu"}])), "fail"),
        "files-without-columns": case("a list of 12 files, no table with the required columns: warn",
                                      snap(part(kind, "Danh mục thông tin phải công khai", files=files)), "warn"),
        "table-without-columns": case("a table whose headers are 'STT | Tên thông tin': warn",
                                      snap(part(kind, "Danh mục thông tin phải được công khai",
                                                tables=[{"headers": ["STT", "Tên thông tin"], "rows": 9}])), "warn"),
        "hub-link": case("the page links to 'Danh mục thông tin phải được công khai' (list not read): warn",
                         snap(part(kind, "Chuyên mục tiếp cận thông tin. Quy chế cung cấp thông tin.",
                                   links=[{"url": f"{BASE}/tiep-can-thong-tin/danh-muc",
                                           "label": "Danh mục thông tin phải được công khai"}])), "warn",
                         details={"list_links": [f"{BASE}/tiep-can-thong-tin/danh-muc"]}),
        "absent": case("no access-to-information section: not applicable (SP-019)", snap(), "not_applicable"),
        "section-unreachable": case("the page returned 403 (WAF): not determinable",
                                    snap(unreachable(kind, "waf")), "not_determinable", error_class="waf"),
        "portal-unreachable": portal_down(),
    }


def build() -> dict[str, Cases]:
    return {"CT-001": ct001(), "CT-002": ct002(), "CT-003": ct003(), "CT-004": ct004(), "CT-005": ct005(),
            "CT-009": ct009(), "CT-010": ct010(), "CT-011": ct011(), "CT-012": ct012(), "CT-013": ct013()}
