"""``hoalam-snnmt``: SharePoint 2010-like "Trang" of the Sở Nông nghiệp và Môi trường.

Date traps: ``/`` answers 302, WebForms fields, ``lang="en-us"``, raw list views with month-first dates
(the newest one ambiguous), a 12/31/9999 expiry column, sections only in dropdowns.

Issue 3: the Art. 19 sections exist but half-filled: plans without a current-year work plan, a budget
page with estimates only, consultations without deadlines, a stale legal-dissemination list; legal
documents without their issuer and posted five weeks after issue (SharePoint's "Tạo lúc"); the site
search is a home-page web part inside the WebForms form (POST only); the introduction is a hub; the
leaders page lists names only; no contact points, no print, no English, no link to the province
portal, no copyright line.  Its discovery is incomplete (no sitemap.xml), so missing sections warn.

Issue 4: the portal's URL is http:// and plain HTTP serves it; HTTPS answers with an expired
certificate (no redirect, no HSTS); no AAAA; Cache-Control only.  SharePoint 2010 faults: a 540 KB
view state on the home page, jQuery 1.4.4, IE=8, ``lang="en-us"``, a fixed 980 px master page, an
untitled Page Viewer iframe, field tables without ``<th>``, version headers (IIS 7.5, SharePoint 14), the
``egov2k10:81`` host in a comment; no sitemap.xml, no feed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from nd42.demo.common import (
    _PDF,
    CHINHPHU,
    DIRECTIVE_TITLES,
    DVC_URL,
    LEGAL_TITLES,
    ORIGIN,
    PARTY_TITLES,
    PDF,
    QUERY,
    RESULTS,
    TEXT,
    DemoPortal,
    Net,
    SearchEndpoint,
    _blob,
    _body,
    _dmy,
    _doc_items,
    _e,
    _hm12,
    _Item,
    _items,
    _mdy,
    _pick,
    _plain_body,
    _post_late,
    _related,
    _robots,
    _Site,
    _slug,
)

VIEWSTATE = ("/wEPDwUBMA9kFgJmD2QWAgIBD2QWBAIBD2QWAgIRD2QWAgIDDxYCHgdWaXNpYmxlaGQCAw9kFgYCAQ9kFgQFIGdfN2Q1YTJjNGVfM2Ux"
             "Yl80ZjliXzlkOGNfMWEyYjNjNGQ1ZTZmDwUMTGFjVmlldC5MYWNWaWV0U1BMaXN0ZBYCZg8WAh4EVGV4dGVkZGQYAQUeX19Db250cm9sc1Jl"
             "cXVpcmVQb3N0QmFja0tleV9fFgEFKWN0bDAwJFBsYWNlSG9sZGVyU2VhcmNoQXJlYSRjdGwwMSRjdGwwMA==")
# The home page's web parts (news, documents, links, the map viewer) carry their state in the page:
# a view state of this size makes the HTML alone weigh over 500 KB.
HOME_VIEWSTATE_CHARS = 540_000
MAP_VIEWER = "https://bando.hoalam.gov.vn/thuyloi/embed.aspx?layer=kenh-tuoi"
NET = Net(certificate="expired", cache_control="private")

_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _ambiguous_age(today: dt.date) -> int:
    """The newest age (0–20 days) of the SharePoint directive list: its date must read both ways.

    Day ≤ 12 and day ≠ month, so "M/D/YYYY" is also a valid D/M date; preferably one whose D/M
    reading lies in the past (a misreading that cannot be rejected as a future date).
    """
    ok = [a for a in range(21) if (d := today - dt.timedelta(days=a)).day <= 12 and d.day != d.month]
    past = [a for a in ok if (d := today - dt.timedelta(days=a)).day < d.month]
    return (past or ok)[0]


def _over_twelve_age(today: dt.date, after: int) -> int:
    """The first age after ``after`` whose day is > 12: the row that settles the list's month-first order."""
    return next(a for a in range(after + 1, after + 40) if (today - dt.timedelta(days=a)).day > 12)


def build(today: dt.date, night: int = 1) -> DemoPortal:
    """SharePoint 2010-like "Trang" of a Sở: 302 home, WebForms fields, raw M/D/YYYY list views, dropdowns.

    The same on every ``night``: one of the portals nothing happens to between the demo's two nights.
    """
    name = "Sở Nông nghiệp và Môi trường tỉnh Hòa Lâm"
    site = _Site("hoalam-snnmt", name, "sharepoint", today, server="Microsoft-IIS/7.5", extra_headers={
        "X-UA-Compatible": "IE=8", "MicrosoftSharePointTeamServices": "14.0.0.7015", "X-Powered-By": "ASP.NET",
        "SPRequestGuid": "5b1f0c2e-7a3d-4f51-9c1e-2d6b8e4a9f10"})
    paths = {"directive_documents": "/VanBan/Lists/ChiDaoDieuHanh/AllItems.aspx",
             "legal_documents": "/VanBan/Lists/VanBanQPPL/AllItems.aspx",
             "news": "/Trang/tin-tuc.aspx", "party_union": "/Trang/tin-dang-doan-the.aspx"}
    labels = {"directive_documents": "Chỉ đạo - Điều hành", "legal_documents": "Văn bản QPPL",
              "news": "Tin hoạt động", "party_union": "Tin Đảng - Đoàn thể"}
    content: dict[str, str | None] = {
        "introduction": "/Trang/gioi-thieu.aspx", "organisation": "/Trang/co-cau-to-chuc.aspx",
        "leaders": "/Trang/lanh-dao-so.aspx", "contacts": None, "procedures": DVC_URL, "qa": None,
        "sitemap": "/Trang/so-do-site.aspx", "access_to_information": None}
    paths |= {"legal_dissemination": "/Trang/pho-bien-phap-luat.aspx", "plans": "/Trang/quy-hoach-ke-hoach.aspx",
              "investment": "/Trang/thong-tin-dau-thau.aspx", "budget": "/Trang/cong-khai-tai-chinh-ngan-sach.aspx",
              "statistics": "/Trang/so-lieu-thong-ke.aspx", "consultation": "/Trang/gop-y-du-thao.aspx"}
    labels |= {"legal_dissemination": "Phổ biến pháp luật", "plans": "Quy hoạch - Kế hoạch",
               "investment": "Thông tin đấu thầu", "budget": "Công khai tài chính - ngân sách",
               "statistics": "Số liệu thống kê", "consultation": "Góp ý dự thảo"}
    y = today.year

    amb = _ambiguous_age(today)
    directive_ages = sorted({amb, _over_twelve_age(today, amb), 60, 85, 112, 140, 175, 210, 260, 320})
    directive = _doc_items("directive_documents", today, directive_ages, DIRECTIVE_TITLES, 3, "SNNMT")
    legal = _doc_items("legal_documents", today, (210, 244, 275, 318, 366, 402, 455, 530), LEGAL_TITLES, 4, "")
    for it in directive:
        it.posted_age = it.age
    for n, it in enumerate(legal):
        _post_late(it, 35 + 5 * (n % 3))  # uploaded weeks after signing: the list's "Tạo lúc" tells
    news_titles = ("Kiểm tra tiến độ gieo trồng vụ Đông tại các xã ven sông",
                   "Hội nghị triển khai công tác phòng, chống thiên tai năm tới",
                   "Ra quân thu gom rác thải nhựa tại khu vực hồ Khê Lâm",
                   "Tập huấn quy trình cấp mã số vùng trồng cho hợp tác xã",
                   "Cấp giấy chứng nhận quyền sử dụng đất lần đầu cho 350 hộ dân",
                   "Thanh tra việc chấp hành pháp luật về bảo vệ môi trường tại cụm công nghiệp",
                   "Trồng mới 120 ha rừng phòng hộ đầu nguồn",
                   "Hội thảo phát triển chuỗi giá trị cây ăn quả đặc sản",
                   "Triển khai bản đồ số cảnh báo sạt lở đất",
                   "Tổng kết mô hình nông nghiệp tuần hoàn",
                   "Kiểm tra công tác tiêm phòng gia súc, gia cầm đợt hai")
    news = _items("news", (0, 2, 3, 5, 8, 12, 15, 21, 28, 36, 47), news_titles)
    party = _items("party_union", (160, 176, 199, 230, 262, 301, 338, 372, 415, 460), _pick(PARTY_TITLES, 5, 10))
    for n, it in enumerate(sorted(news + party, key=lambda x: -x.age)):
        it.url = f"/TinTuc/Lists/Posts/Post.aspx?ID={1100 + n}"
    list_paths = {"directive_documents": "/VanBan/Lists/ChiDaoDieuHanh", "legal_documents": "/VanBan/Lists/VanBanQPPL"}
    for kind, items in (("directive_documents", directive), ("legal_documents", legal)):
        for n, it in enumerate(sorted(items, key=lambda x: -x.age)):
            it.url = f"{list_paths[kind]}/DispForm.aspx?ID={31 + n}"

    def mdy_time(d: dt.date, it: _Item) -> str:
        return f"{_mdy(d)} {it.hour % 12 or 12}:{it.minute:02d} {'PM' if it.hour >= 12 else 'AM'}"

    digest = (f"0x6C1D9E3B8A0F47E2B5D4C3A29180F7E6D5C4B3A2918070F6E5D4C3B2A1908F7E6D5C4B3A291807,"
              f"{today.day:02d} {_EN_MONTHS[today.month - 1]} {today.year} 02:15:07 -0000")

    def menu() -> str:
        def dyn(title: str, children: Sequence[tuple[str, str]]) -> str:
            # Headings without a URL render as spans in SharePoint's AspMenu: only the dropdown items link.
            sub = "".join(f'<li class="dynamic"><a class="dynamic menu-item" href="{_e(h)}"><span class="additional-'
                          f'background"><span class="menu-item-text">{_e(t)}</span></span></a></li>'
                          for t, h in children)
            return (f'<li class="static dynamic-children"><span class="static dynamic-children menu-item">'
                    f'<span class="additional-background"><span class="menu-item-text">{_e(title)}</span></span>'
                    f'</span><ul class="dynamic">{sub}</ul></li>')

        def link(title: str, href: str) -> str:
            return (f'<li class="static"><a class="static menu-item" href="{_e(href)}"><span class="additional-'
                    f'background"><span class="menu-item-text">{_e(title)}</span></span></a></li>')

        return ('<div class="s4-tn" id="zz1_TopNavigationMenuV4"><div class="menu horizontal menu-horizontal">'
                '<ul class="root static">' + link("Trang chủ", "/Pages/default.aspx")
                + dyn("Giới thiệu", (("Giới thiệu chung", content["introduction"] or ""),
                                     ("Cơ cấu tổ chức", content["organisation"] or ""),
                                     ("Lãnh đạo Sở", content["leaders"] or "")))
                + dyn("Tin tức", ((labels["news"], paths["news"]), (labels["party_union"], paths["party_union"])))
                + dyn("Văn bản", ((labels["directive_documents"], paths["directive_documents"]),
                                  (labels["legal_documents"], paths["legal_documents"]),
                                  (labels["consultation"], paths["consultation"]),
                                  (labels["legal_dissemination"], paths["legal_dissemination"])))
                + dyn("Công khai", tuple((labels[k], paths[k])
                                         for k in ("plans", "investment", "budget", "statistics")))
                + link("Dịch vụ công trực tuyến", DVC_URL)
                + "</ul></div></div>")

    latest = "".join(f'<li><a href="{_e(it.url)}">{_e(it.title)}</a> <span class="ShowDate">'
                     f"({_dmy(site.day(it.age))})</span></li>" for it in news[:5])
    sidebar = ('<div class="ms-WPBody right-box"><div class="box-title">Tin mới cập nhật</div>'
               f'<ul class="tin-moi">{latest}</ul></div>'
               '<div class="ms-WPBody right-box"><div class="box-title">Liên kết</div>'
               f'<a href="{DVC_URL}"><img src="/PublishingImages/banner-dvc.png" alt="Dịch vụ công"></a>'
               f'<a href="{CHINHPHU}"><img src="/PublishingImages/banner-chinhphu.png" alt="Cổng Thông tin điện tử '
               'Chính phủ"></a></div>')

    def page(title: str, main: str, action: str, *, right: bool = True, viewstate: str = VIEWSTATE) -> str:
        return (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
            '<html dir="ltr" lang="en-us" xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
            '<meta http-equiv="X-UA-Compatible" content="IE=8"><meta name="GENERATOR" content="Microsoft SharePoint">'
            # The custom master page centres a fixed 980 px page (SharePoint 2010 had no responsive layout).
            '<style type="text/css">body{min-width:980px}</style>'
            '<meta name="progid" content="SharePoint.WebPartPage.Document">'
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta http-equiv="Expires" '
            f'content="0"><title>{_e(title)}</title>'
            '<link rel="stylesheet" type="text/css" href="/_layouts/1033/styles/Themable/corev4.css?rev=p63%2BuzTeSJc'
            '22nyGU6qRvg%3D%3D"><script type="text/javascript" src="/_layouts/1033/init.js?rev=BJDmyeIdiUR%2B8Ka'
            'WHXbT5g%3D%3D"></script><script type="text/javascript" src="/Style%20Library/js/jquery-1.4.4.min.js">'
            '</script><script type="text/javascript">var _spPageContextInfo = {webServerRelativeUrl: "\\u002f", '
            "webLanguage: 1033, currentLanguage: 1033, webUIVersion:4, userId:0, alertsEnabled:false, "
            "siteServerRelativeUrl: \"\\u002f\", allowSilverlightPrompt:'True'};</script></head>"
            '<body scroll="no" onload="javascript:_spBodyOnLoadWrapper();" class="v4master">'
            f'<form name="aspnetForm" method="post" action="{_e(action)}" id="aspnetForm">'
            '<div><input type="hidden" name="MSOWebPartPage_PostbackSource" id="MSOWebPartPage_PostbackSource" '
            'value="">'
            '<input type="hidden" name="MSOTlPn_SelectedWpId" id="MSOTlPn_SelectedWpId" value="">'
            '<input type="hidden" name="MSOTlPn_View" id="MSOTlPn_View" value="0">'
            '<input type="hidden" name="MSOGallery_SelectedLibrary" id="MSOGallery_SelectedLibrary" value="">'
            f'<input type="hidden" name="__REQUESTDIGEST" id="__REQUESTDIGEST" value="{digest}">'
            f'<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{viewstate}"></div>'
            "<!-- internal host: http://egov2k10:81/ -->"
            '<div id="s4-workspace"><div id="s4-bodyContainer"><div id="s4-titlerow"><div class="banner">'
            '<a href="/Pages/default.aspx"><img src="/PublishingImages/logo.png" alt="Logo"></a>'
            "<h1>TRANG THÔNG TIN ĐIỆN TỬ SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH HÒA LÂM</h1>"
            '<a class="login" href="/_layouts/Authenticate.aspx?Source=%2FPages%2Fdefault%2Easpx">Sign In</a></div>'
            f"{menu()}</div>"
            '<div id="MSO_ContentTable"><table width="100%" cellpadding="0" cellspacing="0"><tr>'
            f'<td class="main-zone" valign="top">{main}</td><td class="right-zone" valign="top" width="280">'
            f"{sidebar if right else ''}</td></tr></table></div>"
            '<div class="footer"><p><b>TRANG THÔNG TIN ĐIỆN TỬ SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH HÒA LÂM</b></p>'
            "<p>Cơ quan quản lý: Sở Nông nghiệp và Môi trường tỉnh Hòa Lâm</p>"
            "<p>Chịu trách nhiệm chính: Ông Phạm Văn Thắng - Phó Giám đốc Sở</p>"
            "<p>Giấy phép số 42/GP-TTĐT do Cục Phát thanh, truyền hình và thông tin điện tử cấp ngày 19/09/2014</p>"
            "<p>Địa chỉ: Số 5 đường Lý Thường Kiệt, phường Hòa Lâm, tỉnh Hòa Lâm - Điện thoại: 0200 3856 210 - "
            "Fax: 0200 3856 211 - Email: snnmt@hoalam.gov.vn</p>"
            f'<p><a href="{content["sitemap"]}">Sơ đồ site</a></p></div></div></div></form></body></html>')

    def wp(title: str, inner: str) -> str:
        return (f'<div class="ms-webpart-zone"><table class="s4-wpTopTable" width="100%"><tr><td>'
                f'<div class="ms-WPHeader"><h3 class="ms-standardheader ms-WPTitle">{_e(title)}</h3></div>'
                f'<div class="ms-WPBody">{inner}</div></td></tr></table></div>')

    # Raw list views: month-first dates, one expiry column of 12/31/9999; the directive view is in ID order
    # (oldest first) and its newest date reads both ways, the legal view is newest first.
    def list_view(kind: str, items: list[_Item]) -> str:
        head = ('<tr valign="top" class="ms-viewheadertr ms-vhltr">' + "".join(
            f'<th class="ms-vh2" nowrap="nowrap" scope="col"><div class="ms-vh-div">{c}</div></th>'
            for c in ("Số ký hiệu", "Trích yếu", "Ngày ban hành", "Ngày hết hiệu lực", "ItemStatus", "ReadCounter"))
            + "</tr>")
        rows = "".join(
            f'<tr class="{"ms-alternating" if n % 2 else ""}"><td class="ms-vb2">{_e(it.number)}</td>'
            '<td class="ms-vb-title"><table class="ms-unselectedtitle itx" cellspacing="0"><tr><td class="ms-vb">'
            f'<a onfocus="OnLink(this)" href="{_e(it.url)}" target="_self">{_e(it.title)}</a></td></tr></table></td>'
            f'<td class="ms-vb2"><nobr>{mdy_time(site.day(it.age), it)}</nobr></td>'
            '<td class="ms-vb2"><nobr>12/31/9999</nobr></td><td class="ms-vb2">Approved</td>'
            f'<td class="ms-vb2">{it.views}</td></tr>'
            for n, it in enumerate(items))
        return wp(labels[kind], f'<table summary="{_e(labels[kind])}" class="ms-listviewtable" cellpadding="1" '
                  f'cellspacing="0" border="0" width="100%">{head}{rows}</table>'
                  f'<table class="ms-bottompaging"><tr><td class="ms-paging">1 - {len(items)}</td></tr></table>')

    directive_shown = sorted(directive, key=lambda x: -x.age)
    legal_shown = sorted(legal, key=lambda x: x.age)
    for kind, items in (("directive_documents", directive_shown), ("legal_documents", legal_shown)):
        site.add(paths[kind], page(labels[kind], list_view(kind, items), paths[kind]))
        site.section(kind, labels[kind], "dropdown", [paths[kind]], items, date_order="MDY")
        for it in items:
            d, eff = site.day(it.age), site.day(it.effective_age or 0)
            item_id = it.url.rsplit("=", 1)[1]
            att = f"{list_paths[kind]}/Attachments/{item_id}/{it.number.replace('/', '_')} {it.age}.pdf"
            posted = site.day(it.posted_age if it.posted_age is not None else it.age)
            fields = (("Số ký hiệu", _e(it.number)), ("Trích yếu", _e(it.title)), ("Ngày ban hành", mdy_time(d, it)),
                      ("Ngày đăng", mdy_time(posted, it)),
                      ("Ngày hiệu lực", _mdy(eff)), ("Ngày hết hiệu lực", "12/31/9999"),
                      ("Người ký", "Phạm Văn Thắng"),
                      ("Tệp đính kèm", f'<a href="{_e(att)}">{_e(att.rsplit("/")[-1])}</a>'))
            form = ('<table class="ms-formtable" cellpadding="0" cellspacing="0" width="100%">' + "".join(
                f'<tr><td class="ms-formlabel" valign="top"><h3 class="ms-standardheader"><nobr>{k}</nobr></h3></td>'
                f'<td class="ms-formbody" valign="top">{v}</td></tr>' for k, v in fields) + "</table>"
                f'<div class="ms-descriptiontext">Tạo lúc {mdy_time(posted, it)} bởi Quản trị hệ thống<br>Sửa lần '
                "cuối lúc "
                f"{_mdy(today - dt.timedelta(days=1))} 9:12 AM bởi Quản trị hệ thống</div>")
            site.add(it.url, page(it.title, wp(labels[kind], form), it.url))
            site.add(att, _PDF, PDF)

    # Publishing pages with content-query lists (D/M dates) and blog-style posts.
    def news_list(items: list[_Item]) -> str:
        return '<div class="cqwp-tin">' + "".join(
            f'<div class="item"><a class="title" href="{_e(it.url)}">{_e(it.title)}</a> <span class="ShowDate">'
            f'({_dmy(site.day(it.age))})</span><p class="desc">{_e(it.title)}.</p></div>' for it in items) + "</div>"

    for kind, items in (("news", news), ("party_union", party)):
        site.add(paths[kind], page(labels[kind], wp(labels[kind], news_list(items)), paths[kind]))
        site.section(kind, labels[kind], "dropdown", [paths[kind]], items)
        for i, it in enumerate(items):
            d = site.day(it.age)
            others = "".join(f'<li><a href="{_e(o.url)}">{_e(o.title)}</a> <span class="ShowDate">({s})</span></li>'
                             for o, s in _related(items, i, today, _dmy))
            post = (f'<div class="ms-PostTitle"><h1>{_e(it.title)}</h1></div><div class="date-post">Ngày đăng: '
                    f"{_dmy(d)} {_hm12(it.hour, it.minute, 'SA', 'CH')}</div>"
                    f'<div class="ms-PostBody">{_body(it, site, name, "Phó Giám đốc Sở Phạm Văn Thắng")}</div>'
                    f'<div class="other-news"><h3>Các tin đã đưa</h3><ul>{others}</ul></div>')
            site.add(it.url, page(it.title, wp(labels[kind], post), it.url))
    site.traps += [
        "/ answers 302 to an absolute /Pages/default.aspx; lang=en-us; X-UA-Compatible IE=8; WebForms hidden fields",
        f"__REQUESTDIGEST carries today's date ({digest.split(',')[1]})",
        f"directive list view: M/D/YYYY h:mm AM/PM, oldest first; the newest date ({_mdy(site.day(amb))}) is a valid "
        "D/M date too; another row has a day > 12",
        "12/31/9999 expiry column in both list views; DispForm pages show a 'Sửa lần cuối' of yesterday",
        "Party list (stale) beside a 'Tin mới cập nhật' sidebar of fresh news dates",
        "all four sections are dropdown items under headings that are not links",
        "news and Party posts share one list: /TinTuc/Lists/Posts/Post.aspx?ID=…",
    ]

    # The Art. 19 listings (issue 3): publishing pages with content-query lists, like the news.
    art19: dict[str, list[_Item]] = {
        "legal_dissemination": _items("legal_dissemination", (150, 190, 260, 330), (
            "Tài liệu tuyên truyền Luật Đất đai cho người dân vùng nông thôn",
            "Hội nghị phổ biến pháp luật về bảo vệ môi trường cho doanh nghiệp",
            "Hỏi - đáp pháp luật về phòng, chống thiên tai",
            "Đề cương giới thiệu Luật Lâm nghiệp")),
        # No work plan of the year here, nor in the document lists (see the CT-010 note).
        "plans": _items("plans", (18, 70, 160, 400), (
            "Quy hoạch phát triển lâm nghiệp bền vững tỉnh Hòa Lâm giai đoạn 2021-2030",
            "Đề án chuyển đổi cơ cấu cây trồng vùng đồi thấp",
            "Kế hoạch phát triển sản xuất nông nghiệp hữu cơ đến năm 2030",
            "Phương án phòng, chống hạn hán, xâm nhập mặn")),
        "investment": _items("investment", (25, 90, 180), (
            "Thông báo mời thầu gói thầu nạo vét kênh tưới Khê Lâm",
            "Kết quả lựa chọn nhà thầu gói thầu trồng rừng phòng hộ",
            "Kế hoạch lựa chọn nhà thầu dự án kè chống sạt lở bờ sông")),
        # Estimates only: no financial report, no final accounts (see the CT-011 note).
        "budget": _items("budget", (40, 130, 250), (
            f"Công khai dự toán ngân sách năm {y} được giao",
            "Công khai tình hình thực hiện dự toán ngân sách 6 tháng đầu năm",
            "Công khai phân bổ kinh phí sự nghiệp môi trường")),
        "statistics": _items("statistics", (33, 120), (
            "Số liệu thống kê diện tích gieo trồng vụ Đông Xuân",
            "Thống kê hiện trạng rừng và độ che phủ rừng")),
        "consultation": _items("consultation", (6, 48, 96, 210), (
            "Dự thảo Quyết định quy định giá đất cụ thể trên địa bàn tỉnh",
            "Dự thảo Nghị quyết về chính sách hỗ trợ phát triển hợp tác xã nông nghiệp",
            "Dự thảo Quy định quản lý khai thác cát lòng sông",
            "Dự thảo Quyết định ban hành đơn giá bồi thường cây trồng, vật nuôi")),
    }
    bases = {kind: 1200 + 20 * n for n, kind in enumerate(art19)}

    def art19_url(kind: str, i: int, it: _Item) -> str:
        return f"/TinTuc/Lists/Posts/Post.aspx?ID={bases[kind] + i}"

    def art19_page(kind: str, items: list[_Item]) -> str:
        # The plans page uses a layout without the right zone: the news box would bring other words in.
        return page(labels[kind], wp(labels[kind], news_list(items)), paths[kind], right=kind != "plans")

    def art19_post(kind: str, it: _Item) -> str:
        att = f"/TaiLieu/{_slug(it.title, 40)}.pdf"
        return page(it.title, wp(labels[kind], f'<div class="ms-PostTitle"><h1>{_e(it.title)}</h1></div>'
                                               f'<div class="date-post">Ngày đăng: {_dmy(site.day(it.age))} '
                                               f"{_hm12(it.hour, it.minute, 'SA', 'CH')}</div>"
                                               f'<div class="ms-PostBody">{_plain_body(it, name)}<p><a href="'
                                               f'{_e(att)}">{_e(att.rsplit("/", 1)[1])}</a></p></div>'), it.url)

    for kind, items in art19.items():
        site.listing(kind, labels[kind], "dropdown", paths[kind], items, url=art19_url, listing=art19_page,
                     article=art19_post)
        for it in items:
            site.add(f"/TaiLieu/{_slug(it.title, 40)}.pdf", _PDF, PDF)

    # Content pages, home (after the redirect), login, robots; no sitemap.xml.
    texts = {
        # A hub: a short text and links; "nhiệm vụ" appears nowhere on it (CT-001 warns).
        "introduction": ("Giới thiệu chung", "<p>Sở Nông nghiệp và Môi trường là cơ quan chuyên môn thuộc Ủy ban "
                         "nhân dân tỉnh Hòa Lâm, tham mưu quản lý nhà nước về nông nghiệp, lâm nghiệp, thủy lợi, "
                         "đất đai, tài nguyên nước, môi trường và phòng, chống thiên tai.</p><ul>"
                         '<li><a href="/Trang/vi-tri-chuc-nang.aspx">Vị trí, chức năng</a></li>'
                         '<li><a href="/Trang/lich-su-hinh-thanh.aspx">Lịch sử hình thành</a></li></ul>'),
        "organisation": ("Cơ cấu tổ chức", '<p><img src="/PublishingImages/so-do-to-chuc.png" alt="Sơ đồ tổ chức Sở '
                         'Nông nghiệp và Môi trường" width="640"></p>'),
        "leaders": ("Lãnh đạo Sở", "<ul><li>Giám đốc: Ông Hoàng Đức Thịnh</li><li>Phó Giám đốc: Ông Phạm Văn Thắng"
                    "</li><li>Phó Giám đốc: Bà Vũ Thị Mai Anh</li></ul>"),
    }
    for k, (title, text) in texts.items():
        path = content[k] or ""
        site.add(path, page(title, wp(title, text), path))
    site.add("/Trang/vi-tri-chuc-nang.aspx", page("Vị trí, chức năng", wp("Vị trí, chức năng", (
        "<p>Sở có chức năng tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về nông nghiệp và môi trường; có "
        "nhiệm vụ trình Ủy ban nhân dân tỉnh dự thảo quy hoạch, kế hoạch phát triển ngành.</p>")),
        "/Trang/vi-tri-chuc-nang.aspx"))
    site.add("/Trang/lich-su-hinh-thanh.aspx", page("Lịch sử hình thành", wp("Lịch sử hình thành", (
        "<p>Sở được thành lập trên cơ sở hợp nhất hai sở của tỉnh.</p>")), "/Trang/lich-su-hinh-thanh.aspx"))
    site.add("/PublishingImages/so-do-to-chuc.png", b"\x89PNG\r\n\x1a\n", "image/png")
    tree = [("Trang chủ", "/Pages/default.aspx"), ("Giới thiệu chung", content["introduction"]),
            ("Cơ cấu tổ chức", content["organisation"]), ("Lãnh đạo Sở", content["leaders"]),
            (labels["news"], paths["news"]), (labels["party_union"], paths["party_union"]),
            (labels["directive_documents"], paths["directive_documents"]),
            (labels["legal_documents"], paths["legal_documents"]), *((labels[k], paths[k]) for k in art19)]
    sitemap_path = content["sitemap"] or ""
    site.add(sitemap_path, page("Sơ đồ site", wp("Sơ đồ site", "<ul>" + "".join(
        f'<li><a href="{_e(h or "")}">{_e(t)}</a></li>' for t, h in tree) + "</ul>"), sitemap_path))
    # The search web part of the home page layout: inside the WebForms form, submitted by script.
    search_box = wp("Tìm kiếm", '<div class="ms-sblink"><input name="ctl00$m$g_5d1c$SearchBox$S622C1022_InputKeywords"'
                                ' type="text" maxlength="200" id="S622C1022_InputKeywords" title="Nhập từ khóa tìm '
                                'kiếm" class="ms-sbplain" accesskey="S"><a id="S622C1022_go" title="Tìm kiếm" '
                                'href="javascript:S622C1022_Submit()"><img src="/_layouts/images/gosearch15.png" '
                                'alt="Tìm kiếm"></a></div>')
    home = (search_box + wp("Tin hoạt động", news_list(news[:5]))
            + wp("Văn bản chỉ đạo, điều hành mới", "<ul>" + "".join(
                f'<li><a href="{_e(it.url)}">{_e(it.number)} - {_e(it.title)}</a></li>'
                for it in sorted(directive, key=lambda x: x.age)[:4]) + "</ul>")
            + f'<p><a href="{DVC_URL}">Thủ tục hành chính - Dịch vụ công trực tuyến</a></p>'
            # A Page Viewer web part: SharePoint writes the iframe without a title.
            + wp("Bản đồ công trình thủy lợi", f'<iframe src="{_e(MAP_VIEWER)}" width="100%" height="320" '
                                               'frameborder="0"></iframe>'))
    site.add("/Pages/default.aspx", page(name, home, "/Pages/default.aspx",
                                         viewstate=_blob("hoalam-snnmt-home", HOME_VIEWSTATE_CHARS)))
    site.redirect("/", f"{ORIGIN}/Pages/default.aspx")
    site.redirect("/default.aspx", f"{ORIGIN}/Pages/default.aspx")
    site.add("/_layouts/Authenticate.aspx", page("Sign In", "<h1>Sign In</h1>", "/_layouts/Authenticate.aspx"))
    site.add("/robots.txt", _robots(["/_layouts/", "/_vti_bin/", "/_catalogs/"]), TEXT)
    site.traps += [
        "the only search box is a web part of the home page, inside the WebForms form (script-submitted)",
        "legal documents: the DispForm 'Ngày đăng'/'Tạo lúc' is five to six weeks after 'Ngày ban hành'",
    ]
    indexed = tuple((it.title, it.url) for it in [*news, *party, *directive, *legal,
                                                   *(i for its in art19.values() for i in its)])
    # What the script submits to: served, so a browser-like client would find results.
    search = SearchEndpoint("/Search/Pages/results.aspx", "k", indexed, page(
        "Kết quả tìm kiếm", wp("Kết quả tìm kiếm", f'<div class="srch-stats">Kết quả cho "{QUERY}"</div>{RESULTS}'),
        "/Search/Pages/results.aspx"), row='<div class="srch-Title"><a href="@@URL@@">@@TITLE@@</a></div>',
        wrap=('<div id="SRB_g_results">', "</div>"))
    return site.portal(
        landing="/Pages/default.aspx", content=content, hostname="snnmt.hoalam.gov.vn", level="department",
        searches=[search],
        site={"lang": "en-us", "viewport": False, "robots_txt": True, "sitemap_xml": None, "sitemap_page": sitemap_path,
              "robots_disallowed_linked": "/_layouts/Authenticate.aspx?Source=%2FPages%2Fdefault%2Easpx",
              "footer": {"owner": True, "responsible": True, "licence": True, "copyright": False, "address": True,
                         "phone": True, "email": True},
              "regions": {"header": "//div[@class='banner']", "menu": "//div[@id='zz1_TopNavigationMenuV4']",
                          "footer": "//div[@class='footer']", "main": "//td[@class='main-zone']"}},
        discovery={"menus": "read", "sitemap_page": "read", "sitemap_xml": "absent"},
        probes={"search": {"status": "post_only"}, "english": {"status": "no_link"},
                "print": {"found": False}},
        net=NET,
        tech={"heavy_page": "/Pages/default.aspx", "frames_untitled": {"/Pages/default.aspx": [MAP_VIEWER]},
              "fixed_width": "body{min-width:980px}", "libraries": {"jquery": "1.4.4"}},
        outcomes={
            "TL-001": "pass", "TL-002": "pass", "TL-003": "pass", "TL-004": "fail", "TL-005": "pass", "TL-006": "fail",
            "TL-007": "warn", "TL-008": "not_applicable",
            "NW-001": "fail", "NW-002": "not_applicable", "NW-003": "warn",
            "SH-001": "warn", "SH-002": "warn", "SH-003": "warn", "SH-004": "warn", "SH-005": "warn",
            "PF-001": "pass", "PF-002": "pass", "PF-003": "warn", "PF-004": "warn", "PF-005": "warn", "PF-006": "pass",
            "SM-001": "pass", "SM-002": "warn", "SM-003": "warn",
            "UC-001": "pass", "UC-002": "pass", "UC-003": "pass",
            "MB-001": "fail", "MB-002": "warn",
            "AC-001": "fail", "AC-002": "pass", "AC-003": "pass", "AC-004": "pass", "AC-005": "warn", "AC-006": "warn",
            "AC-007": "pass", "AC-008": "pass", "AC-009": "fail",
            "OT-001": "fail", "OT-002": "pass", "OT-003": "pass", "OT-004": "fail", "OT-005": "fail", "OT-006": "fail",
            "CT-001": "warn", "CT-002": "pass", "CT-003": "missing", "CT-004": "pass", "CT-005": "not_applicable",
            "CT-006": "missing", "CT-007": "warn", "CT-008": "missing", "CT-009": "pass", "CT-010": "missing",
            "CT-011": "missing", "CT-012": "missing", "CT-013": "not_applicable",
            "FN-001": "not_applicable", "FN-002": "not_determinable", "FN-003": "missing", "FN-004": "missing",
            "FN-005": "missing", "LY-001": "pass", "LY-002": "warn", "LY-003": "missing", "DM-001": "pass",
        },
        notes={
            "TL-004": "certificate from the demo CA expired 20 days before the demo clock (the chain itself verifies)",
            "TL-006": "http:// serves the portal (200 after the / → /Pages/default.aspx redirect): no HTTPS redirect",
            "TL-007": "HTTPS answers (expired certificate) without Strict-Transport-Security: missing_status warn",
            "TL-008": "the portal's URL is http://: no page is fetched over HTTPS",
            "NW-001": "the demo zone has an A record only (NOERROR, no AAAA)",
            "PF-003": f"home page: a {HOME_VIEWSTATE_CHARS // 1000} KB __VIEWSTATE, the HTML over 500 KB",
            "PF-004": "IIS without dynamic compression: no Content-Encoding",
            "PF-005": "Cache-Control: private on every answer, no ETag nor Last-Modified",
            "SH-005": "Server: Microsoft-IIS/7.5, MicrosoftSharePointTeamServices: 14.0.0.7015",
            "SM-003": "no RSS/Atom feed advertised on the home page",
            "MB-002": "<style> body{min-width:980px} in the master page",
            "AC-001": "lang=\"en-us\" on Vietnamese pages",
            "AC-005": "banner <h1>, then web-part titles in <h3>",
            "AC-006": "DispForm field tables (ms-formtable): label and value cells, no <th>",
            "AC-009": "the home page's Page Viewer web part: an <iframe> without title",
            "OT-001": "/Style Library/js/jquery-1.4.4.min.js (< 1.9.0, < 3.5.0 …)",
            "OT-004": "X-UA-Compatible: IE=8 (header and meta)",
            "OT-005": "SharePoint 14 (2010, end of life 2021-04-13) and IIS 7.5 (end of life 2020-01-14)",
            "OT-006": "<!-- internal host: http://egov2k10:81/ --> on every page",
            "SP-017": "no science section; discovery incomplete (no sitemap.xml): warn, as configured anyway",
            "SP-019": "no access-to-information section; fail configured, but sitemap.xml absent: honest warn",
            "CT-001": "introduction is a hub (< 400 chars, a 'Vị trí, chức năng' link); 'nhiệm vụ' is not on it",
            "CT-002": "organisation page: an image whose alt/src says 'sơ đồ tổ chức' / so-do-to-chuc",
            "CT-003": "leaders page: titles and names only, no biography, no portfolio, no links",
            "SP-010": "no contacts page (the footer carries the contact data); discovery incomplete: honest warn",
            "CT-004": "no contacts page: the home footer alone has address, phone, 'Fax: 0200 3856 211' and e-mail",
            "CT-005": "no contacts section (SP-010)",
            "FN-001": "neither a Q&A nor a contacts section",
            "CT-006": "no issuer anywhere (list view columns, DispForm fields); detail pages are read: fail",
            "CT-007": "no form on the legal listing; the only search box is on the home page: warn",
            "CT-008": "legal DispForm 'Ngày đăng' 35–45 calendar days after issue (> 5 working days); directive "
                      "ones on the day of issue",
            "CT-010": "plans section read; no 'kế hoạch/chương trình' + 'công tác/nhiệm vụ/hoạt động' + year in "
                      "plans, directive, legal or news titles nor on the plans page (laid out without the news box)",
            "CT-011": "budget page: estimates only (no 'báo cáo tài chính', no 'quyết toán'): warn by default",
            "CT-012": "four consultation items, none with a deadline (no label, nothing in the titles)",
            "FN-002": "home search box inside form#aspnetForm: post_only",
            "FN-003": "chinhphu.vn linked; hoalam.gov.vn (parent) is not",
            "LY-002": "Trang chủ, Giới thiệu, Dịch vụ công trực tuyến in the menu; 'Sơ đồ site' only in the "
                      "footer: warn under every profile (found elsewhere)",
            "LY-003": "footer has owner, responsible person, address, phone, e-mail but no copyright line",
        })
