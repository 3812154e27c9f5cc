"""``hoalam-xakhelam``: a small static commune site (UBND xã Khê Lâm).

Date traps: a four-entry menu (one entry 404s), the directive section only in a home-page box with
long-form dates, dotted dates, a stale Tết marquee.

Issue 3: the portal that fails most layout and function rules: a banner image without alt text and a
home page titled "Trang chủ" (the name cannot be read), a footer without owner, responsible person or
e-mail, no e-mail anywhere, no search, no print, no state links, no English.  Two Art. 19 boxes on the
home page: a stale "Tuyên truyền pháp luật" list and a budget list with last year's final accounts.
No discovery source beyond the menus (no robots.txt, no site map): missing sections warn.

Issue 4: plain HTTP only (the HTTPS port refuses connections); AAAA published, and [::1] answers a web
server's default page; no robots.txt, sitemap or feed; no compression, no cache headers; ``nginx/1.14.0``.
A windows-1258 contacts page (decomposed tone marks), document pages with an empty ``<title>``, a Flash
film on the home page, a fixed 980 px body, the marquee, the banner without alt, a vague "Xem thêm",
two menu links answering 404.

Night 2 (issue 5): the commune publishes its introduction page at the address the menu always linked
(``/gioi-thieu.html``): functions, duties and the units of the commune's administration.  The menu
entry works, so the introduction is present and readable; "Hỏi đáp" still answers 404.
"""

from __future__ import annotations

import datetime as dt

from nd42.demo.common import (
    DemoPortal,
    Net,
    _body,
    _can_chi,
    _dmy,
    _doc_items,
    _e,
    _Item,
    _items,
    _long,
    _plain_body,
    _related,
    _Site,
    _slug,
    windows_1258,
)
from nd42.demo.expect import PROFILES

FLASH = "/flash/gioi-thieu-xa-khe-lam.swf"
# Night 2's introduction: the text a commune copies from the Law on Local Government Organisation and
# its own decisions; no e-mail, phone or date, so that only the introduction rules see it.
INTRODUCTION = (
    "<h1>Giới thiệu</h1><p>Xã Khê Lâm nằm ở phía tây tỉnh Hòa Lâm, gồm 9 thôn với hơn hai nghìn hộ, phần lớn sống "
    "bằng nghề trồng lúa, trồng rừng và chăn nuôi.</p><h2>Chức năng, nhiệm vụ</h2><p>Ủy ban nhân dân xã là cơ quan "
    "hành chính nhà nước ở địa phương, có chức năng tổ chức thi hành Hiến pháp, pháp luật và nghị quyết của Hội đồng "
    "nhân dân xã; thực hiện nhiệm vụ, quyền hạn theo quy định của Luật Tổ chức chính quyền địa phương và nhiệm vụ do "
    "cơ quan nhà nước cấp trên phân cấp, ủy quyền.</p><h2>Tổ chức bộ máy</h2><ul><li>Văn phòng Hội đồng nhân dân và "
    "Ủy ban nhân dân</li><li>Phòng Kinh tế</li><li>Phòng Văn hóa - Xã hội</li><li>Trung tâm Phục vụ hành chính công"
    "</li></ul>")
CP1258_HTML = "text/html; charset=windows-1258"
NET = Net(aaaa=True, ipv6="default")


def build(today: dt.date, night: int = 1) -> DemoPortal:
    """A small static commune site: four-entry menu, the directive section only in a home-page box.

    Its portal-level failure: the footer names no owner agency, no person responsible for the content and
    no licence (Decree 42 requires them); there is no robots.txt, no sitemap, no ``lang`` and no viewport.
    On ``night`` 2 the introduction page is published (the module docstring).
    """
    name = "Ủy ban nhân dân xã Khê Lâm"
    site = _Site("hoalam-xakhelam", name, "static", today, server="nginx/1.14.0")
    paths = {"directive_documents": "/chi-dao-dieu-hanh.html", "news": "/tin-tuc.html"}
    labels = {"directive_documents": "Thông tin chỉ đạo, điều hành", "news": "Tin tức"}
    # "Giới thiệu" is linked but was never published (404), like "Hỏi đáp"; no link to any public-service portal.
    content: dict[str, str | None] = {"introduction": None, "contacts": "/lien-he.html"}
    paths |= {"legal_dissemination": "/tuyen-truyen-phap-luat.html", "budget": "/cong-khai-ngan-sach.html"}
    labels |= {"legal_dissemination": "Tuyên truyền pháp luật", "budget": "Công khai ngân sách"}
    y = today.year
    tet = today - dt.timedelta(days=280)

    directive_titles = ("Thông báo lịch tiếp công dân của Chủ tịch UBND xã",
                        "Kế hoạch ra quân tổng vệ sinh môi trường trên địa bàn xã",
                        "Về việc tăng cường phòng, chống dịch bệnh trên đàn gia súc",
                        "Kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở các thôn",
                        "Về việc thu Quỹ phòng, chống thiên tai năm {y}",
                        "Thông báo kết luận của Chủ tịch UBND xã tại cuộc họp giao ban",
                        "Kế hoạch kiểm tra hoạt động kinh doanh dịch vụ karaoke",
                        "Về việc rà soát hộ nghèo, hộ cận nghèo",
                        "Kế hoạch tuyển chọn, gọi công dân nhập ngũ")
    codes = ("TB", "KH", "CV", "KH", "CV", "TB", "KH", "CV", "KH")
    ages = (6, 15, 29, 44, 63, 88, 120, 160, 201)
    directive = _doc_items("directive_documents", today, ages, list(zip(codes, directive_titles, strict=True)), 0,
                           "UBND")
    news_titles = ("Hội nghị tổng kết công tác dân số năm",
                   "Thôn Khê Thượng ra mắt mô hình đường hoa nông thôn mới",
                   "Tổ chức tiêm phòng vắc xin lở mồm long móng đợt một",
                   "Trao quà cho các gia đình chính sách nhân ngày Thương binh - Liệt sĩ",
                   "Khai giảng lớp dạy nghề trồng nấm cho phụ nữ",
                   "Xã Khê Lâm đón bằng công nhận đạt chuẩn nông thôn mới nâng cao",
                   "Ra quân làm đường giao thông nội đồng",
                   "Hội thi văn nghệ chào mừng Ngày Quốc tế Phụ nữ")
    news = _items("news", (140, 158, 181, 213, 247, 289, 322, 366), news_titles)
    for it in directive:
        it.url = f"/van-ban/{_slug(it.number)}.html"
    for it in news:
        it.url = f"/tin-tuc/{_slug(it.title, 60)}.html"

    def dotted(it: _Item) -> str:
        d = site.day(it.age)
        return f"({d:%d.%m.%Y} {it.hour:02d}:{it.minute:02d})"

    # The fourth menu entry points at a page that was never published: it answers 404.
    menu = (("Trang chủ", "/"), ("Giới thiệu", "/gioi-thieu.html"), ("Tin tức", paths["news"]),
            ("Hỏi đáp", "/hoi-dap.html"))

    def page(title: str, main: str, charset: str = "utf-8") -> str:
        # The banner carries the commune's name as pixels only: no alt text.
        return (
            '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html><head>'
            f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            '<style type="text/css">body{width:980px;margin:0 auto}</style>'
            f"<title>{_e(title)}</title></head><body>"
            '<div id="banner"><img src="/images/banner.jpg" width="980" height="160"></div>'
            '<div id="menu">' + " | ".join(f'<a href="{h}">{t}</a>' for t, h in menu) + "</div>"
            f'<marquee>Nhiệt liệt chào mừng Xuân {_can_chi(tet.year)} {tet.year}</marquee>'
            f'<div id="main">{main}</div>'
            '<div id="footer">Bản quyền © 2019 Ủy ban nhân dân xã Khê Lâm, tỉnh Hòa Lâm.<br>Địa chỉ: thôn Khê Trung, '
            "xã Khê Lâm, tỉnh Hòa Lâm - Điện thoại: 0200 3765 118 - "
            '<a href="/lien-he.html">Liên hệ</a><br>Thiết kế: Công ty TNHH Giải pháp số Sao Khuê'
            "</div></body></html>")

    box_rows = "".join(f'<li><a href="{_e(it.url)}">{_e(it.number)} - {_e(it.title)}</a><br><i>Ban hành '
                       f"{_long(site.day(it.age))}</i></li>" for it in directive[:5])
    news_box = "".join(f'<li><a href="{_e(it.url)}">{_e(it.title)}</a> <span>{dotted(it)}</span></li>'
                       for it in news[:4])
    home = (f'<table width="100%"><tr><td valign="top" width="60%"><div class="box"><h2>Tin tức</h2><ul>{news_box}'
            '</ul></div></td><td valign="top"><div class="box box-chidao">'
            f'<h2><a href="{paths["directive_documents"]}">{labels["directive_documents"]}</a></h2><ul>{box_rows}</ul>'
            f'<p><a href="{paths["directive_documents"]}">Xem thêm »</a></p></div>'
            "</td></tr></table>")
    art19 = {
        "legal_dissemination": _items("legal_dissemination", (150, 210, 300), (
            "Tuyên truyền Luật Hòa giải ở cơ sở đến các thôn",
            "Tài liệu tuyên truyền pháp luật về phòng, chống ma túy",
            "Hỏi - đáp pháp luật về đất đai cho bà con nhân dân")),
        "budget": _items("budget", (35, 100, 260), (
            f"Công khai quyết toán ngân sách xã năm {y - 1}",
            f"Công khai dự toán ngân sách xã năm {y}",
            "Công khai các khoản đóng góp của nhân dân")),
    }
    def art19_url(kind: str, i: int, it: _Item) -> str:
        return f"{paths[kind].removesuffix('.html')}/{_slug(it.title, 60)}.html"

    def art19_page(kind: str, items: list[_Item]) -> str:
        return page(labels[kind], f"<h1>{labels[kind]}</h1>" + "".join(
            f'<p><a href="{_e(it.url)}"><b>{_e(it.title)}</b></a> {dotted(it)}</p>' for it in items))

    def art19_article(kind: str, it: _Item) -> str:
        return page(it.title, f"<h1>{_e(it.title)}</h1><p><i>Đăng lúc {it.hour:02d}:{it.minute:02d} ngày "
                              f"{_dmy(site.day(it.age))}</i></p>{_plain_body(it, 'UBND xã Khê Lâm')}")

    for kind, items in art19.items():
        site.listing(kind, labels[kind], "home", paths[kind], items, url=art19_url, listing=art19_page,
                     article=art19_article)
    boxes = "".join(f'<div class="box"><h2><a href="{paths[k]}">{labels[k]}</a></h2><ul>' + "".join(
        f'<li><a href="{_e(it.url)}">{_e(it.title)}</a> <span>{dotted(it)}</span></li>' for it in items[:2])
        + "</ul></div>" for k, items in art19.items())
    home = home.replace("</td></tr></table>", f"{boxes}</td></tr></table>")
    # The commune's introduction film, still a Flash movie on the home page.
    film = (f'<div class="box box-phim"><object type="application/x-shockwave-flash" data="{FLASH}" width="300" '
            f'height="200"><param name="movie" value="{FLASH}"><param name="quality" value="high"></object></div>')
    home = home.replace('<div class="box box-chidao">', film + '<div class="box box-chidao">', 1)
    # Static-site generators often title the home page by its menu entry.
    site.add("/", page("Trang chủ", home))
    listing = "".join(f'<tr><td>{_e(it.number)}</td><td><a href="{_e(it.url)}">{_e(it.title)}</a></td>'
                      f"<td>{_dmy(site.day(it.age))}</td></tr>" for it in directive)
    site.add(paths["directive_documents"], page(labels["directive_documents"], f"<h1>{labels['directive_documents']}"
                                                 "</h1><table border=\"1\" cellpadding=\"3\"><tr><th>Số, ký hiệu</th>"
                                                 f"<th>Trích yếu</th><th>Ngày ban hành</th></tr>{listing}</table>"))
    site.section("directive_documents", labels["directive_documents"], "home", [paths["directive_documents"]],
                 directive)
    news_rows = "".join(f'<p><a href="{_e(it.url)}"><b>{_e(it.title)}</b></a> {dotted(it)}</p>' for it in news)
    site.add(paths["news"], page(labels["news"], f"<h1>{labels['news']}</h1>{news_rows}"))
    site.section("news", labels["news"], "menu", [paths["news"]], news)
    site.traps += [
        "directive section only as a home-page box (not in the four-entry menu); the box shows long-form dates "
        "('Ban hành ngày 5 tháng 3 năm 2024')",
        "documents carry a place-and-date line in long form ('Khê Lâm, ngày … tháng … năm …')",
        "dotted dates '(05.08.2024 15:52)'; 'Sáng 29-3' in bodies; stale Tết marquee",
        "menu entry 'Hỏi đáp' links /hoi-dap.html, which answers 404; 'Liên hệ' is linked from the footer only",
        "portal-level failure: footer without 'Cơ quan chủ quản', 'Chịu trách nhiệm' or licence; no robots.txt "
        "(404), no sitemap, no lang attribute, no viewport; no Party or legal-documents section",
    ]
    for i, it in enumerate(news):
        others = "".join(f'<li><a href="{_e(o.url)}">{_e(o.title)}</a> {s}</li>'
                         for o, s in _related(news, i, today, lambda d: f"({d:%d.%m.%Y})"))
        d = site.day(it.age)
        site.add(it.url, page(it.title, f"<h1>{_e(it.title)}</h1><p><i>Đăng lúc {it.hour:02d}:{it.minute:02d} ngày "
                                        f"{_dmy(d)}</i></p>{_body(it, site, 'xã Khê Lâm', 'Chủ tịch UBND xã')}"
                                        f"<h3>Các tin đã đưa</h3><ul>{others}</ul>"))
    # The documents' pages come from a scanning tool's HTML export: their <title> is left empty.
    for it in directive:
        d = site.day(it.age)
        site.add(it.url, page("", '<table width="100%"><tr><td align="center">ỦY BAN NHÂN DÂN<br><b>XÃ KHÊ LÂM'
                                        f'</b><br>Số: {_e(it.number)}</td><td align="center"><b>CỘNG HÒA XÃ HỘI CHỦ '
                                        "NGHĨA VIỆT NAM</b><br>Độc lập - Tự do - Hạnh phúc<br><i>Khê Lâm, "
                                        f"{_long(d)}</i></td></tr></table><h1>{_e(it.title)}</h1>"
                                        f"{_body(it, site, 'Ủy ban nhân dân xã', 'Chủ tịch UBND xã')}"
                                        "<p>CHỦ TỊCH<br>Hà Văn Sơn</p>"))
    # An old page saved by a Windows editor in the Vietnamese code page (declared in header and meta).
    site.add("/lien-he.html", windows_1258(page("Liên hệ", "<h1>Liên hệ</h1><p>Ủy ban nhân dân xã Khê Lâm, thôn Khê "
                                                           "Trung. Điện thoại: 0200 3765 118. Ý kiến, kiến nghị xin "
                                                           "gửi trực tiếp tại Bộ phận một cửa của xã.</p>",
                                                charset="windows-1258")), CP1258_HTML)
    intro = "/gioi-thieu.html"
    presence = {"qa": "broken", "introduction": "broken"}
    broken = ["/hoi-dap.html", intro]
    later: dict[str, str] = {}
    later_notes: dict[str, str] = {}
    if night == 2:
        site.add(intro, page("Giới thiệu", INTRODUCTION))
        content["introduction"] = intro
        del presence["introduction"]
        broken.remove(intro)
        site.night_changes(
            summary_vi="Đăng trang Giới thiệu (chức năng, nhiệm vụ, tổ chức bộ máy) tại địa chỉ trình đơn vẫn trỏ tới: "
                       "hết lỗi 404.",
            summary_en="The introduction page (functions, duties, the administration's units) is published where the "
                       "menu always linked: no more 404.",
            fixed={"SP-007": PROFILES}, added=[intro])
        later = {"CT-001": "pass", "CT-002": "pass"}
        later_notes = {
            "SP-007": "night 2: /gioi-thieu.html is published: the menu entry 'Giới thiệu' works",
            "PF-006": "menu entry /hoi-dap.html still answers 404 (/gioi-thieu.html works since night 2)",
            "CT-001": "night 2: the introduction states 'chức năng' and 'nhiệm vụ, quyền hạn'",
            "CT-002": "no organisation section; the introduction names four units (Văn phòng, Phòng Kinh tế, Phòng Văn "
                      "hóa - Xã hội, Trung tâm Phục vụ hành chính công): pass on the introduction fallback",
        }
    site.traps += [
        f"menu entry 'Giới thiệu' links {intro}, which answers 404 too" if night == 1 else
        f"menu entry 'Giới thiệu' links {intro}, published on night 2",
        "banner image without alt text; home page <title> is 'Trang chủ'; no e-mail address anywhere",
        "two more home boxes: 'Tuyên truyền pháp luật' (stale) and 'Công khai ngân sách'",
    ]
    return site.portal(
        landing="/", content=content, hostname="xakhelam.hoalam.gov.vn", level="commune",
        presence=presence,
        site={"lang": None, "viewport": False, "robots_txt": False, "sitemap_xml": None, "sitemap_page": None,
              "robots_disallowed_linked": None, "broken_menu_link": "/hoi-dap.html",
              "broken_links": broken,
              "footer": {"owner": False, "responsible": False, "licence": False, "copyright": True, "address": True,
                         "phone": True, "email": False},
              "regions": {"header": "//div[@id='banner']", "menu": "//div[@id='menu']",
                          "footer": "//div[@id='footer']", "main": "//div[@id='main']"}},
        discovery={"menus": "read", "sitemap_page": "absent", "sitemap_xml": "absent"},
        probes={"search": {"status": "no_form"}, "english": {"status": "no_link"}, "print": {"found": False}},
        net=NET,
        tech={"windows_1258": "/lien-he.html", "untitled": [it.url for it in directive], "flash": {"/": FLASH},
              "fixed_width": "body{width:980px}"},
        outcomes={
            "TL-001": "fail", **{f"TL-{n:03d}": "not_applicable" for n in range(2, 9)},
            "NW-001": "pass", "NW-002": "warn", "NW-003": "warn",
            "SH-001": "warn", "SH-002": "warn", "SH-003": "warn", "SH-004": "warn", "SH-005": "warn",
            "PF-001": "pass", "PF-002": "pass", "PF-003": "pass", "PF-004": "warn", "PF-005": "warn", "PF-006": "fail",
            "SM-001": "warn", "SM-002": "warn", "SM-003": "warn",
            "UC-001": "fail", "UC-002": "fail", "UC-003": "warn",
            "MB-001": "fail", "MB-002": "warn",
            "AC-001": "fail", "AC-002": "fail", "AC-003": "fail", "AC-004": "not_applicable", "AC-005": "warn",
            "AC-006": "pass", "AC-007": "warn", "AC-008": "fail", "AC-009": "not_applicable",
            "OT-001": "pass", "OT-002": "fail", "OT-003": "pass", "OT-004": "pass", "OT-005": "pass", "OT-006": "pass",
            "CT-001": "not_determinable", "CT-002": "not_determinable", "CT-003": "not_applicable", "CT-004": "missing",
            "CT-005": "missing", "CT-006": "missing", "CT-007": "not_applicable", "CT-008": "not_determinable",
            "CT-009": "not_applicable", "CT-010": "warn", "CT-011": "pass", "CT-012": "not_applicable",
            "CT-013": "not_applicable",
            "FN-001": "missing", "FN-002": "missing", "FN-003": "missing", "FN-004": "missing",
            "FN-005": "missing", "LY-001": "warn", "LY-002": "missing", "LY-003": "missing", "DM-001": "pass",
            **later,
        },
        notes={
            "TL-001": "nothing listens on the HTTPS port (connection refused) while http:// serves the portal",
            "TL-002": "no HTTPS (TL-001): TL-002..TL-008 are not applicable",
            "NW-002": "AAAA ::1 published; [::1] answers a web server's default page ('Welcome to nginx!'), not the "
                      "portal: warn",
            "SH-005": "Server: nginx/1.14.0",
            "PF-006": "menu entries /gioi-thieu.html and /hoi-dap.html answer 404",
            "SM-001": "no robots.txt (404): warn (optional file)",
            "UC-001": "the contacts page /lien-he.html is windows-1258 (header and meta)",
            "UC-002": "windows-1258 declared on the contacts page",
            "UC-003": "the windows-1258 page decodes to letters with combining tone marks (not NFC)",
            "AC-002": "the directive documents' pages (opened by the crawler) have an empty <title>",
            "AC-004": "no form control on any page",
            "AC-007": "'Xem thêm »' in the directive box: vague, warn",
            "OT-002": f"home page: <object type=application/x-shockwave-flash data={FLASH}>",
            "SP-005": "no procedures or public-service link anywhere; discovery incomplete: honest warn",
            "SP-006": "menu entry 'Hỏi đáp' answers 404: the link itself is the evidence (configured warn)",
            "SP-007": "menu entry 'Giới thiệu' answers 404: a broken link keeps the configured fail",
            "CT-001": "the introduction section exists (menu link) but its page is a 404: not_determinable "
                      "(error http_404), per the general rule for sections that cannot be fetched",
            "CT-002": "no organisation section; the introduction fallback exists but is a 404: not_determinable",
            "CT-009": "no procedures section (SP-005)",
            "CT-004": "address and phone in the footer and contacts page; no e-mail anywhere: fail",
            "CT-005": "no named official with phone and e-mail",
            "CT-006": "no legal_documents: the directive list stands in; no issuer, effective date or file",
            "CT-007": "reads legal_documents listings only (contract: no fallback); none here",
            "CT-008": "directive items show only their issue date: no (issued, posted) pair: no_date_pairs",
            "CT-010": "no plans section; directive and news titles hold no work plan of the year: warn",
            "CT-011": f"budget item 'Công khai quyết toán ngân sách xã năm {y - 1}'",
            "FN-001": "the only Q&A link answers 404, so there is no Q&A page; the contacts page has no form "
                      "with a text area: missing_status (warn)",
            "FN-002": "no search form on the home page: no_form",
            "LY-001": "banner image without alt, no header text, home title 'Trang chủ': warn (banner case) under "
                      "every profile",
            "LY-002": "menu: Trang chủ, Giới thiệu; no online-services or site-map entry anywhere: "
                      "missing_status",
            "LY-003": "footer: copyright, address, phone; no owner agency, responsible person or e-mail",
            **later_notes,
        })
