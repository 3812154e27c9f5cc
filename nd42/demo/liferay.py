"""``hoalam-skhcn``: Liferay 6.2-like "Trang" of the Sở Khoa học và Công nghệ, the most complete portal.

Date traps: a header clock, a pinned 400-day-old Party item first, a Party list over two pages, the
mangled slug ``/hoat-ong-ang-oan-the``, a "Tin mới" box of fresh dates beside a stale list.

Issue 3: every Law 104/2016 Art. 19 section with the content the rules look for (a current-year work
plan, last year's financial report, consultations with deadlines, the list of information to be
published), documents with full metadata posted within a working day, a working GET search, a
print link on articles, English pages, full header, menu and footer.  Its failures are few and
deliberate: none, beyond the stale legal-documents list the yardstick has always had.

Issue 4: served over HTTPS only (plain HTTP answers 301), with a demo-CA certificate 12 days from
expiry and HSTS of one day; AAAA with the same portal on [::1]; the one DNSSEC-signed name; gzip, ETag,
Last-Modified and Cache-Control.  Its technical faults are those of an old Liferay theme: a responsive
viewport over a fixed 980 px wrapper, a header marquee, a banner image still loaded over http://,
skipped heading levels in articles, the Liferay-Portal version header (6.2, end of life), and an
English "Contact us" that is a frameset left from the first English site (its frames titled).  Its RSS
feed is well-formed and dated.

Night 2 (issue 5): a theme update went wrong.  The "Liên hệ" page is gone (its menu entry, the site map
and sitemap.xml still link it: 404) and the "Số liệu thống kê" listing answers 500 (its articles are
still served).  The contact details remain in the footer and the English "Contact us" is untouched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from nd42.demo.common import (
    _PDF,
    CHINHPHU,
    DIRECTIVE_TITLES,
    DVC_HOALAM,
    DVC_URL,
    LEGAL_TITLES,
    PARENT,
    PARTY_TITLES,
    PDF,
    QUERY,
    RESULTS,
    RSS,
    TEXT,
    XML,
    DemoPortal,
    Net,
    SearchEndpoint,
    _body,
    _dmy,
    _doc_items,
    _doc_type,
    _e,
    _hm12,
    _Item,
    _items,
    _pick,
    _plain_body,
    _post_promptly,
    _published,
    _related,
    _robots,
    _rss,
    _Site,
    _slug,
    _urlset,
    _wd,
)
from nd42.demo.expect import PROFILES

INSECURE_BANNER = "http://media.hoalam.gov.vn/banner/ngay-hoi-khoi-nghiep.jpg"
# Night 2: what the portal answers (with a 500) where a portlet throws.
ERROR_PAGE = ('<!DOCTYPE html>\n<html lang="vi-VN"><head><meta charset="utf-8"><title>Lỗi hệ thống - Sở Khoa học và '
              "Công nghệ tỉnh Hòa Lâm</title></head><body><h1>Lỗi hệ thống</h1><p>Đã xảy ra lỗi khi hiển thị trang "
              "này. Xin vui lòng thử lại sau hoặc liên hệ quản trị viên.</p><p><a href=\"/\">Về trang chủ</a></p>"
              "</body></html>")
NET = Net(certificate="expiring", http="redirect", hsts="max-age=86400", aaaa=True, ipv6="site", dnssec=True,
          gzip=True, validators=True, cache_control="public, max-age=300")


def build(today: dt.date, night: int = 1) -> DemoPortal:
    """Liferay 6.2-like "Trang" of a Sở: asset-publisher lists, header clock, pinned item, two-page Party list.

    On ``night`` 2 the contacts page answers 404 and the statistics listing 500 (the module docstring).
    """
    name = "Sở Khoa học và Công nghệ tỉnh Hòa Lâm"
    site = _Site("hoalam-skhcn", name, "liferay", today, server="Apache-Coyote/1.1", extra_headers={
        "Liferay-Portal": "Liferay Portal Community Edition 6.2 CE GA5 (Newton / Build 6204 / January 6, 2016)"})
    g = "/web/guest"
    y = today.year
    paths = {"directive_documents": f"{g}/van-ban-chi-dao-dieu-hanh",
             "legal_documents": f"{g}/van-ban-quy-pham-phap-luat",
             "news": f"{g}/tin-tuc-su-kien",
             # The real slug bug: the CMS dropped every "đ" of "Hoạt động Đảng - Đoàn thể".
             "party_union": f"{g}/hoat-ong-ang-oan-the",
             "legal_dissemination": f"{g}/pho-bien-giao-duc-phap-luat", "plans": f"{g}/quy-hoach-ke-hoach",
             "investment": f"{g}/du-an-dau-tu-dau-thau", "budget": f"{g}/cong-khai-ngan-sach",
             "statistics": f"{g}/so-lieu-thong-ke", "science": f"{g}/chuong-trinh-de-tai-khoa-hoc",
             "consultation": f"{g}/lay-y-kien-du-thao"}
    labels = {"directive_documents": "Văn bản chỉ đạo điều hành", "legal_documents": "Văn bản quy phạm pháp luật",
              "news": "Tin tức - Sự kiện", "party_union": "Hoạt động Đảng - Đoàn thể",
              "legal_dissemination": "Phổ biến, giáo dục pháp luật",
              "plans": "Chiến lược, quy hoạch, kế hoạch phát triển",
              "investment": "Dự án, đầu tư, đấu thầu, mua sắm công", "budget": "Công khai ngân sách",
              "statistics": "Số liệu thống kê", "science": "Chương trình, đề tài khoa học",
              "consultation": "Lấy ý kiến dự thảo văn bản"}
    content = {"introduction": f"{g}/gioi-thieu-chung", "organisation": f"{g}/co-cau-to-chuc",
               "leaders": f"{g}/lanh-dao-so", "contacts": f"{g}/lien-he", "procedures": f"{g}/thu-tuc-hanh-chinh",
               "qa": f"{g}/hoi-dap", "sitemap": f"{g}/so-do-cong", "access_to_information": f"{g}/tiep-can-thong-tin"}
    search_path = f"{g}/tim-kiem"
    en = {"home": "/en/web/guest/home", "organisation": "/en/web/guest/organizational-structure",
          "contacts": "/en/web/guest/contact-us"}
    clock = f"{_wd(today)}, {_dmy(today)}"
    en_footer = ('<footer id="footer" role="contentinfo"><p class="site-name">DEPARTMENT OF SCIENCE AND TECHNOLOGY OF '
                 "HOA LAM PROVINCE</p><p>Address: 18 Tran Hung Dao Street, Hoa Lam. Phone: +84 200 3822 145. Email: "
                 "skhcn@hoalam.gov.vn</p><p>© 2019 Department of Science and Technology of Hoa Lam</p></footer>")
    feed = f"{paths['news']}/-/asset_publisher/tintuc/rss"

    news_titles = ("Nghiệm thu đề tài nghiên cứu ứng dụng công nghệ sinh học trong nông nghiệp",
                   "Trao giấy chứng nhận cho 12 doanh nghiệp khoa học và công nghệ",
                   "Hội thảo giải pháp thúc đẩy đổi mới sáng tạo trong doanh nghiệp nhỏ và vừa",
                   "Tổng kết Hội thi Sáng tạo kỹ thuật tỉnh Hòa Lâm lần thứ IX",
                   "Kiểm tra đo lường, chất lượng xăng dầu dịp cuối năm",
                   "Ký kết chương trình phối hợp với Trường Đại học Hòa Lâm",
                   "Khảo sát mô hình nhà kính công nghệ cao tại xã Khê Lâm",
                   "Tập huấn xây dựng và áp dụng hệ thống quản lý chất lượng theo TCVN ISO 9001",
                   "Đoàn công tác của Bộ làm việc về phát triển thị trường công nghệ",
                   "Phát động cuộc thi ảnh về đổi mới sáng tạo",
                   "Giao ban công tác tháng, triển khai nhiệm vụ tháng tới")
    news = _items("news", (1, 2, 4, 6, 9, 13, 18, 22, 30, 41, 55), news_titles)
    news[0].hour, news[0].minute = 16, 30
    party = _items("party_union", (9, 16, 24, 35, 47, 60, 74, 90, 103, 118, 131, 145, 170), _pick(PARTY_TITLES, 0, 13))
    pinned = _Item("party_union", "Chi bộ Sở ban hành Quy định về chuẩn mực đạo đức của cán bộ, đảng viên", 400,
                   hour=9, minute=0, pinned=True, views=2311)
    party_shown = [pinned, *party]
    directive = _doc_items("directive_documents", today, (3, 10, 17, 26, 38, 52, 66, 81, 97, 115), DIRECTIVE_TITLES,
                           0, "SKHCN")
    legal = _doc_items("legal_documents", today, (150, 190, 230, 262, 300, 345, 400, 470, 520), LEGAL_TITLES, 0, "")
    legal[1].effective_age = -37  # takes effect in the future: effective dates never count
    _post_promptly(legal)
    for kind, items in (("news", news), ("party_union", party_shown), ("directive_documents", directive),
                        ("legal_documents", legal)):
        for i, it in enumerate(items):
            it.url = f"{paths[kind]}/-/view_content/{2_900_000 - it.age * 11 - i}-{_slug(it.title, 60)}"

    def menu_item(label: str, href: str, children: Sequence[tuple[str, str]] = ()) -> str:
        sub = "".join(f'<li class="lfr-nav-item"><a href="{_e(h)}" role="menuitem">{_e(t)}</a></li>'
                      for t, h in children)
        sub = f'<ul class="child-menu" role="menu">{sub}</ul>' if children else ""
        return (f'<li class="lfr-nav-item{" dropdown" if children else ""}"><a href="{_e(href)}" role="menuitem">'
                f"<span>{_e(label)}</span></a>{sub}</li>")

    nav = ('<nav class="sort-pages modify-pages navbar site-navigation" id="navigation" role="navigation">'
           '<ul aria-label="Các trang" class="nav nav-collapse" role="menubar">'
           + menu_item("Trang chủ", "/")
           + menu_item("Giới thiệu", content["introduction"], (
               ("Giới thiệu chung", content["introduction"]), ("Cơ cấu tổ chức", content["organisation"]),
               ("Lãnh đạo Sở", content["leaders"])))
           + menu_item(labels["news"], paths["news"])
           + menu_item("Văn bản", paths["legal_documents"], (
               (labels["directive_documents"], paths["directive_documents"]),
               (labels["legal_documents"], paths["legal_documents"]),
               (labels["consultation"], paths["consultation"]),
               (labels["legal_dissemination"], paths["legal_dissemination"])))
           + menu_item("Tiếp cận thông tin", content["access_to_information"], tuple(
               (labels[k], paths[k]) for k in ("plans", "investment", "budget", "statistics", "science")))
           + menu_item(labels["party_union"], paths["party_union"])
           + menu_item("Thủ tục hành chính", content["procedures"])
           + menu_item("Dịch vụ công", DVC_HOALAM)
           + menu_item("Hỏi đáp", content["qa"])
           + menu_item("Liên hệ", content["contacts"])
           + menu_item("Sơ đồ cổng", content["sitemap"])
           + "</ul></nav>")
    newest_news = "".join(f'<li><a href="{_e(it.url)}">{_e(it.title)}</a> <span class="date">'
                          f"({_dmy(site.day(it.age))})</span></li>" for it in news[:5])
    # "col-right" is not a sidebar to a region classifier (content often sits in it): the boxes are main text.
    sidebar = ('<div class="col-right"><div class="portlet-boundary box-tin-moi"><h2 class="portlet-title">Tin mới</h2>'
               f'<ul class="list-tin-moi">{newest_news}</ul></div>'
               '<div class="portlet-boundary box-lien-ket"><h2 class="portlet-title">Liên kết website</h2>'
               '<select onchange="window.open(this.value)" title="Liên kết website">'
               '<option>-- Chọn liên kết --</option>'
               f'<option value="{PARENT}">Cổng Thông tin điện tử tỉnh Hòa Lâm</option>'
               f'<option value="{DVC_HOALAM}">Cổng Dịch vụ công tỉnh Hòa Lâm</option>'
               f'<option value="{DVC_URL}">Cổng Dịch vụ công quốc gia</option>'
               f'<option value="{CHINHPHU}">Cổng Thông tin điện tử Chính phủ</option></select></div>'
               '<div class="portlet-boundary box-thong-ke"><h2 class="portlet-title">Thống kê truy cập</h2>'
               "<p>Đang truy cập: 27</p><p>Tổng: 1.204.377</p></div></div>")
    # Liferay's search portlet: a GET form whose hidden fields name the portlet and its action.
    search_form = (f'<form action="{search_path}" class="form-search" method="get" name="_3_fm">'
                   '<input name="p_p_id" type="hidden" value="3"><input name="p_p_lifecycle" type="hidden" value="0">'
                   '<input name="_3_struts_action" type="hidden" value="/search/search">'
                   '<input class="search-query" name="_3_keywords" placeholder="Tìm kiếm" title="Từ khóa" type="text">'
                   '<button class="btn" type="submit">Tìm</button></form>')

    def page(title: str, main: str, *, right: bool = True, lang: str = "vi-VN", nav_html: str = nav,
             site_title: str = "TRANG THÔNG TIN ĐIỆN TỬ<br>SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH HÒA LÂM",
             suffix: str = "Sở Khoa học và Công nghệ tỉnh Hòa Lâm", head: str = "") -> str:
        english = lang.startswith("en")
        logo_alt = "Logo" if english else "Biểu trưng Sở Khoa học và Công nghệ"
        return (
            f'<!DOCTYPE html>\n<html class="aui ltr" dir="ltr" lang="{lang}"><head>'
            f"<title>{_e(title)} - {suffix}</title>"
            '<meta content="text/html; charset=UTF-8" http-equiv="content-type">'
            # The theme took Liferay's responsive viewport, but its style sheet still fixes the page at 980 px.
            '<meta content="initial-scale=1.0, width=device-width" name="viewport">'
            '<style type="text/css">#wrapper{width:980px;margin:0 auto}</style>'
            f"{head}"
            '<link href="/html/themes/classic/images/favicon.ico" rel="Shortcut Icon">'
            '<link href="/combo/?browserId=other&amp;minifierType=css&amp;languageId=vi_VN&amp;b=6205&amp;'
            't=1452073015000&amp;/html/css/main.css" rel="stylesheet" type="text/css">'
            '<script src="/html/js/barebone.jsp?browserId=other&amp;themeId=hoalam_WAR_hoalamtheme&amp;'
            'colorSchemeId=01&amp;minifierType=js&amp;languageId=vi_VN&amp;b=6205&amp;t=1452073015000"></script>'
            '<script>var Liferay = {Browser: {}, ThemeDisplay: {getLanguageId: function() {return "vi_VN";}, '
            'getPathMain: function() {return "/c";}, getScopeGroupId: function() {return "20182";}}}; '
            "var themeDisplay = Liferay.ThemeDisplay;</script></head>"
            '<body class="yui3-skin-sam controls-visible guest-site signed-out public-page site">'
            '<div class="container-fluid" id="wrapper"><header id="banner" role="banner">'
            + ('<div class="top-bar"><a class="lang" href="/" hreflang="vi" lang="vi">Tiếng Việt</a></div>'
               if english else
               f'<div class="top-bar"><div class="egov_date">{clock}</div>'
               f'<a class="lang" href="{en["home"]}" hreflang="en" lang="en">English</a> '
               '<a class="sign-in" href="/c/portal/login?p_l_id=10180" rel="nofollow">Đăng nhập</a>'
               f"{search_form}</div>")
            + f'<div class="site-title"><a href="/"><img alt="{logo_alt}" height="80" '
            f'src="/documents/20182/0/logo-skhcn.png"></a><h1>{site_title}</h1></div>'
            + ("" if english else '<div class="marquee"><marquee scrollamount="3">Chào mừng kỷ niệm Ngày Khoa học và '
               "Công nghệ Việt Nam 18/5</marquee></div>")
            + f"{nav_html}</header>"
            f'<div class="row-fluid" id="content"><div class="col-main" id="column-1">{main}</div>'
            f"{sidebar if right else ''}</div>"
            + (en_footer if english else
               '<footer id="footer" role="contentinfo"><p class="site-name">TRANG THÔNG TIN ĐIỆN TỬ SỞ KHOA HỌC VÀ '
            "CÔNG NGHỆ TỈNH HÒA LÂM</p><p>Cơ quan chủ quản: Sở Khoa học và Công nghệ tỉnh Hòa Lâm</p>"
            "<p>Chịu trách nhiệm nội dung: Ông Lê Quang Vinh - Giám đốc Sở, Trưởng Ban biên tập</p>"
            "<p>Giấy phép số 26/GP-TTĐT do Sở Thông tin và Truyền thông tỉnh Hòa Lâm cấp ngày 14/06/2019</p>"
            "<p>Địa chỉ: Số 18 đường Trần Hưng Đạo, phường Hòa Lâm, tỉnh Hòa Lâm. Điện thoại: 0200 3822 145. "
            'Fax: 0200 3822 199. Email: skhcn@hoalam.gov.vn</p><p>© 2019 Bản quyền thuộc Sở Khoa học và Công nghệ '
            'tỉnh Hòa Lâm. Ghi rõ nguồn "Trang thông tin điện tử Sở KH&amp;CN Hòa Lâm" khi phát '
            f'hành lại thông tin từ website này.</p><p><a href="{content["sitemap"]}">Sơ đồ cổng</a> | '
            '<a href="#banner">Về đầu trang</a></p></footer>') + "</div></body></html>")

    def portlet(pid: str, title: str, inner: str) -> str:
        return (f'<div class="portlet-boundary portlet-asset-publisher" id="p_p_id_{pid}_">'
                f'<section class="portlet"><header class="portlet-topper"><h2 class="portlet-title">{_e(title)}</h2>'
                f'</header><div class="portlet-content">{inner}</div></section></div>')

    def meta(it: _Item, english: bool = False) -> str:
        return (f"Ngày đăng {_dmy(site.day(it.age))} | {_hm12(it.hour, it.minute)} | "
                f"{'View count' if english else 'Lượt xem'}: {it.views}")

    def news_row(it: _Item) -> str:
        pin = '<span class="icon-pushpin" title="Tin ghim"></span> ' if it.pinned else ""
        return (f'<div class="news-item{" pinned" if it.pinned else ""}">{pin}<a class="asset-title" '
                f'href="{_e(it.url)}">{_e(it.title)}</a><div class="metadata">{meta(it)}</div>'
                f'<p class="asset-summary">{_e(it.title)}.</p></div>')

    # Liferay's asset publisher prints through the browser: the icon calls window.print().
    print_icon = ('<div class="taglib-icon-list print-action"><a class="taglib-icon" href="javascript:window.print();" '
                  'title="In bài"><img alt="" src="/html/themes/classic/images/common/print.png"> In bài</a></div>')

    # News and Party listings: asset publishers; the Party one is paginated (10 rows per page).
    site.add(paths["news"], page(labels["news"], portlet("101_INSTANCE_tintuc", labels["news"],
                                                         "".join(news_row(it) for it in news))))
    instance = "101_INSTANCE_dangdoanthe"
    page2 = (f"{paths['party_union']}?p_p_id={instance}&p_p_lifecycle=0&p_p_state=normal&p_p_mode=view"
             f"&_{instance}_cur=2")
    chunks = [party_shown[:10], party_shown[10:]]
    for n, chunk in enumerate(chunks, 1):
        pager = ('<div class="taglib-page-iterator"><ul class="pager lfr-pagination-buttons">'
                 + (f'<li><a href="{_e(paths["party_union"])}">Đầu</a></li><li><a href="{_e(paths["party_union"])}">'
                    "Trước</a></li>" if n == 2 else
                    f'<li class="disabled"><a href="javascript:;">Đầu</a></li><li><a href="{_e(page2)}">Tiếp</a></li>')
                 + f'</ul><small class="search-results">Showing {10 * (n - 1) + 1} - {10 * (n - 1) + len(chunk)} of '
                 f"{len(party_shown)} results.</small></div>")
        site.add(paths["party_union"] if n == 1 else page2,
                 page(labels["party_union"], portlet(instance, labels["party_union"],
                                                     "".join(news_row(it) for it in chunk) + pager)))
    site.section("news", labels["news"], "menu", [paths["news"]], news)
    site.section("party_union", labels["party_union"], "menu", [paths["party_union"], page2], party_shown)

    def attachment(it: _Item) -> str:
        return f"/documents/20182/0/{it.number.replace('/', '_')}.pdf"

    # Document tables: issue date column; the legal one also has posting and effective dates (one in the future)
    # and a search box of the documents database above it.
    def doc_table(items: list[_Item], legal_cols: bool) -> str:
        head = ("<tr><th>Số/Ký hiệu</th><th>Ngày ban hành</th>"
                + ("<th>Ngày đăng</th><th>Ngày hiệu lực</th>" if legal_cols else "")
                + "<th>Trích yếu</th><th>Tải về</th></tr>")
        rows = "".join(
            f"<tr><td>{_e(it.number)}</td><td>{_dmy(site.day(it.age))}</td>"
            + (f"<td>{_dmy(site.day(it.posted_age if it.posted_age is not None else it.age))}</td>"
               f"<td>{_dmy(site.day(it.effective_age or 0))}</td>" if legal_cols else "")
            + f'<td><a href="{_e(it.url)}">{_e(it.title)}</a></td><td><a href="{_e(attachment(it))}">'
            '<img alt="Tải về" src="/html/themes/classic/images/file_system/small/pdf.png"></a></td></tr>'
            for it in items)
        return (f'<table class="table table-bordered table-striped vbpq"><thead>{head}</thead>'
                f"<tbody>{rows}</tbody></table>")

    doc_search = (f'<form action="{paths["legal_documents"]}" class="vbpq-search" method="get">'
                  '<label for="vbpq-keyword">Từ khóa</label><input id="vbpq-keyword" name="keyword" type="text">'
                  '<label for="vbpq-type">Loại văn bản</label><select id="vbpq-type" name="loaivanban">'
                  "<option value=\"\">-- Tất cả --</option><option>Quyết định</option><option>Nghị quyết</option>"
                  '</select><label for="vbpq-issuer">Cơ quan ban hành</label><select id="vbpq-issuer" name="coquan">'
                  "<option value=\"\">-- Tất cả --</option><option>HĐND tỉnh</option><option>UBND tỉnh</option>"
                  '</select><button type="submit">Tra cứu</button></form>')
    for kind, items in (("directive_documents", directive), ("legal_documents", legal)):
        legal_cols = kind == "legal_documents"
        site.add(paths[kind], page(labels[kind], portlet("vbpq_WAR_egovportlet", labels[kind],
                                                         (doc_search if legal_cols else "")
                                                         + doc_table(items, legal_cols))))
        site.section(kind, labels[kind], "menu", [paths[kind]], items)
        for it in items:
            site.add(attachment(it), _PDF, PDF)
    site.traps += [
        f'header clock "{clock}" (div.egov_date) on every page, same day format as the items',
        f'"Tin mới" sidebar with fresh news dates beside the stale legal-documents list ({labels["legal_documents"]})',
        "Party list: a pinned item 400 days old comes first; the list spans two pages (p_p_id pager)",
        "Party listing slug mangled to /hoat-ong-ang-oan-the; label and slug disagree",
        "legal documents: an effective date in the future (Ngày hiệu lực column)",
        'articles: "Tin khác" with newer and older dated items; bodies cite earlier and later dates',
        "legal documents listing: issue and posting date columns side by side (posted 0–1 day after issue)",
    ]

    # Article and document pages.
    for kind, items in (("news", news), ("party_union", party_shown), ("directive_documents", directive),
                        ("legal_documents", legal)):
        for i, it in enumerate(items):
            d = site.day(it.age)
            others = "".join(f'<li><a href="{_e(o.url)}">{_e(o.title)}</a> <span class="date">({shown})</span></li>'
                             for o, shown in _related(items, i, today, _dmy))
            if kind in ("news", "party_union"):
                head = f'<h1 class="header-title">{_e(it.title)}</h1><div class="metadata">{meta(it, True)}</div>'
            else:
                eff = site.day(it.effective_age or 0)
                posted = (f"<tr><th>Ngày đăng</th><td>{_dmy(site.day(it.posted_age))}</td></tr>"
                          if it.posted_age is not None else "")
                head = (f'<h1 class="header-title">{_e(it.title)}</h1><table class="table vbpq-detail">'
                        f"<tr><th>Số/Ký hiệu</th><td>{_e(it.number)}</td></tr>"
                        f"<tr><th>Loại văn bản</th><td>{_doc_type(it)}</td></tr>"
                        f"<tr><th>Ngày ban hành</th><td>{_dmy(d)}</td></tr>{posted}"
                        f"<tr><th>Ngày có hiệu lực</th><td>{_dmy(eff)}</td></tr>"
                        "<tr><th>Cơ quan ban hành</th><td>"
                        f"{'Ủy ban nhân dân tỉnh Hòa Lâm' if kind == 'legal_documents' else name}</td></tr>"
                        f"<tr><th>Trích yếu</th><td>{_e(it.title)}</td></tr>"
                        "<tr><th>Người ký</th><td>Lê Quang Vinh</td></tr>"
                        f'<tr><th>Tệp đính kèm</th><td><a href="{_e(attachment(it))}">'
                        f"{_e(attachment(it).rsplit('/', 1)[1])}</a></td></tr></table>")
            main = (f'<div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="{_e(paths[kind])}">'
                    f"{_e(labels[kind])}</a></div>"
                    f'<div class="journal-content-article">{head}<div class="journal-body">'
                    f"{_body(it, site, name, 'Giám đốc Sở Lê Quang Vinh')}</div>{print_icon}</div>"
                    f'<div class="tin-khac"><h3>Tin khác</h3><ul>{others}</ul></div>')
            site.add(it.url, page(it.title, main))

    # The Art. 19 listings (issue 3), as asset publishers like the news.
    art19: dict[str, list[_Item]] = {
        "legal_dissemination": _items("legal_dissemination", (5, 19, 33, 60, 95, 140), (
            "Tài liệu phổ biến Luật Khoa học, công nghệ và đổi mới sáng tạo",
            "Hội nghị phổ biến Luật Tiếp cận thông tin cho cán bộ, công chức",
            "Hỏi - đáp pháp luật về sở hữu trí tuệ cho doanh nghiệp",
            "Đề cương giới thiệu Luật Tiêu chuẩn và Quy chuẩn kỹ thuật sửa đổi",
            "Phổ biến quy định mới về định danh và xác thực điện tử",
            "Cuộc thi trực tuyến tìm hiểu pháp luật về chuyển đổi số")),
        "plans": _items("plans", (12, 40, 75, 130, 300), (
            f"Kế hoạch công tác năm {y} của Sở Khoa học và Công nghệ",
            "Chiến lược phát triển khoa học, công nghệ và đổi mới sáng tạo tỉnh Hòa Lâm đến năm 2030",
            f"Kế hoạch chuyển đổi số của Sở năm {y}",
            "Quy hoạch mạng lưới tổ chức khoa học và công nghệ công lập",
            "Đề án phát triển hệ sinh thái khởi nghiệp đổi mới sáng tạo giai đoạn 2021-2025")),
        "investment": _items("investment", (8, 31, 66, 150), (
            "Thông báo mời thầu gói thầu mua sắm thiết bị thí nghiệm cho Trung tâm Ứng dụng",
            "Kết quả lựa chọn nhà thầu gói thầu xây dựng phần mềm quản lý đề tài",
            "Kế hoạch lựa chọn nhà thầu dự án nâng cấp phòng đo lường",
            "Danh mục dự án đầu tư công trung hạn của Sở")),
        "budget": _items("budget", (20, 45, 110, 200), (
            f"Báo cáo tài chính năm {y - 1} của Sở Khoa học và Công nghệ",
            f"Công khai quyết toán ngân sách năm {y - 1}",
            f"Công khai dự toán ngân sách năm {y} được giao",
            f"Công khai tình hình thực hiện dự toán ngân sách quý III năm {y - 1}")),
        "statistics": _items("statistics", (14, 50, 140), (
            "Số liệu thống kê doanh nghiệp khoa học và công nghệ trên địa bàn tỉnh",
            "Báo cáo thống kê cơ sở về tiềm lực khoa học và công nghệ",
            "Thống kê đăng ký quyền sở hữu công nghiệp theo địa bàn")),
        "science": _items("science", (10, 37, 88, 160), (
            "Danh mục nhiệm vụ khoa học và công nghệ cấp tỉnh đặt hàng thực hiện từ năm tới",
            "Thông báo tuyển chọn tổ chức, cá nhân chủ trì đề tài khoa học cấp tỉnh",
            "Kết quả nghiệm thu đề tài ứng dụng công nghệ IoT trong quản lý nước sạch nông thôn",
            "Chương trình hỗ trợ doanh nghiệp nâng cao năng suất, chất lượng sản phẩm")),
        "consultation": _items("consultation", (2, 16, 45, 90), (
            "Dự thảo Quyết định ban hành Quy chế quản lý nhiệm vụ khoa học và công nghệ cấp tỉnh",
            "Dự thảo Nghị quyết quy định chính sách hỗ trợ đổi mới sáng tạo",
            "Dự thảo Quy định về quản lý hoạt động chuyển giao công nghệ",
            "Dự thảo Kế hoạch phát triển thị trường khoa học và công nghệ")),
    }
    for it in art19["consultation"]:
        it.deadline_age = it.age - 30  # thirty days for comments: open ones close in the future
        it.title += f" (Thời hạn góp ý đến hết ngày {_dmy(site.day(it.deadline_age))})"

    def art19_url(kind: str, i: int, it: _Item) -> str:
        return f"{paths[kind]}/-/view_content/{3_100_000 - it.age * 7 - i}-{_slug(it.title, 60)}"

    def art19_listing(kind: str, items: list[_Item]) -> str:
        return page(labels[kind], portlet(f"101_INSTANCE_{kind}", labels[kind], "".join(news_row(it) for it in items)))

    def art19_article(kind: str, it: _Item) -> str:
        files = f"/documents/20182/0/{_slug(it.title, 40)}.pdf"
        deadline = (f'<p class="han-gop-y">Thời hạn góp ý: {_dmy(site.day(it.deadline_age))}</p>'
                    if it.deadline_age is not None else "")
        return page(it.title, f'<div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="{_e(paths[kind])}">'
                              f'{_e(labels[kind])}</a></div><div class="journal-content-article">'
                              f'<h1 class="header-title">{_e(it.title)}</h1><div class="metadata">{meta(it)}'
                              f'</div>{deadline}<div class="journal-body">{_plain_body(it, name)}'
                              f'<p>Tệp đính kèm: <a href="{_e(files)}">{_e(files.rsplit("/", 1)[1])}</a></p>'
                              f"</div>{print_icon}</div>")

    for kind, items in art19.items():
        site.listing(kind, labels[kind], "dropdown", paths[kind], items, url=art19_url, listing=art19_listing,
                     article=art19_article)
        for it in items:
            site.add(f"/documents/20182/0/{_slug(it.title, 40)}.pdf", _PDF, PDF)

    # Content pages.
    officials = (("Ông Lê Quang Vinh", "Giám đốc Sở", "0200 3822 145", "vinhlq@hoalam.gov.vn"),
                 ("Bà Nguyễn Thị Thu Hà", "Chánh Văn phòng Sở, đầu mối tiếp nhận thông tin", "0200 3822 150",
                  "hantt.skhcn@hoalam.gov.vn"),
                 ("Ông Phan Đức Long", "Phó Chánh Văn phòng, phụ trách cung cấp thông tin", "0200 3822 151",
                  "longpd.skhcn@hoalam.gov.vn"))
    ati_rows = (("Văn bản quy phạm pháp luật, văn bản quản lý hành chính", "Đăng trên Trang thông tin điện tử",
                 "Trong 05 ngày làm việc kể từ ngày ban hành", paths["legal_documents"]),
                ("Kế hoạch công tác, chương trình hoạt động của Sở", "Đăng trên Trang thông tin điện tử",
                 "Chậm nhất 05 ngày làm việc kể từ ngày phê duyệt", paths["plans"]),
                ("Dự toán, quyết toán ngân sách; báo cáo tài chính năm", "Đăng trên Trang thông tin điện tử; niêm "
                 "yết tại trụ sở", "Theo thời hạn của Luật Ngân sách nhà nước", paths["budget"]),
                ("Thông tin về dự án, đấu thầu, mua sắm công", "Đăng trên Trang thông tin điện tử",
                 "Ngay sau khi được phê duyệt", paths["investment"]),
                ("Báo cáo thống kê ngành khoa học và công nghệ", "Đăng trên Trang thông tin điện tử",
                 "Hằng năm", paths["statistics"]),
                ("Thủ tục hành chính thuộc thẩm quyền của Sở", "Cổng Dịch vụ công tỉnh", "Thường xuyên",
                 content["procedures"]))
    leaders = (("Ông Lê Quang Vinh", "Giám đốc Sở", "1972", "xã Vân Hà, tỉnh Hòa Lâm", "Tiến sĩ Vật lý",
                "Lãnh đạo, điều hành chung; phụ trách công tác tổ chức cán bộ, tài chính, thanh tra"),
               ("Bà Nguyễn Thị Thu Hà", "Phó Giám đốc Sở", "1978", "phường Hòa Lâm, tỉnh Hòa Lâm",
                "Thạc sĩ Quản lý khoa học", "Phụ trách lĩnh vực quản lý khoa học, sở hữu trí tuệ, Văn phòng Sở"),
               ("Ông Trần Minh Khôi", "Phó Giám đốc Sở", "1980", "xã Khê Lâm, tỉnh Hòa Lâm",
                "Kỹ sư Công nghệ thông tin", "Phụ trách lĩnh vực chuyển đổi số, tiêu chuẩn đo lường chất lượng"))
    pages_text = {
        "introduction": ("Giới thiệu chung", "<h2>Vị trí và chức năng</h2><p>Sở Khoa học và Công nghệ là cơ quan "
                         "chuyên môn thuộc Ủy ban nhân dân tỉnh Hòa Lâm, có chức năng tham mưu, giúp Ủy ban nhân dân "
                         "tỉnh quản lý nhà nước về khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và tiêu chuẩn, "
                         "đo lường, chất lượng.</p><h2>Nhiệm vụ và quyền hạn</h2><ol><li>Trình Ủy ban nhân dân tỉnh dự "
                         "thảo quyết định, kế hoạch phát triển khoa học và công nghệ của tỉnh.</li><li>Tổ chức thực "
                         "hiện các nhiệm vụ khoa học và công nghệ cấp tỉnh.</li><li>Quản lý hoạt động sở hữu trí tuệ, "
                         "chuyển giao công nghệ trên địa bàn tỉnh.</li></ol>"),
        "organisation": ("Cơ cấu tổ chức", '<p><img alt="Sơ đồ cơ cấu tổ chức Sở Khoa học và Công nghệ" '
                         'src="/documents/20182/0/so-do-to-chuc-skhcn.png"></p><ul><li>Văn phòng Sở</li><li>Thanh tra '
                         "Sở</li><li>Phòng Quản lý khoa học</li><li>Phòng Chuyển đổi số</li><li>Chi cục Tiêu chuẩn Đo "
                         "lường Chất lượng</li><li>Trung tâm Ứng dụng tiến bộ khoa học và công nghệ</li></ul>"),
        "leaders": ("Lãnh đạo Sở", "".join(
            f'<div class="leader"><h3>{_e(t)}: {_e(n)}</h3><p>Năm sinh: {b}. Quê quán: {_e(q)}.</p><p>Trình độ '
            f"chuyên môn: {_e(tr)}.</p><p>Lĩnh vực phụ trách: {_e(pt)}.</p><p>Điện thoại: 0200 3822 "
            f"{145 + i}</p></div>" for i, (n, t, b, q, tr, pt) in enumerate(leaders))),
        "contacts": ("Liên hệ", "<p>Văn phòng Sở Khoa học và Công nghệ tỉnh Hòa Lâm</p><p>Địa chỉ: Số 18 đường Trần "
                     "Hưng Đạo, phường Hòa Lâm</p><p>Điện thoại: 0200 3822 145 - Fax: 0200 3822 199</p>"
                     "<p>Email: skhcn@hoalam.gov.vn</p><h2>Đầu mối cung cấp thông tin</h2>"
                     '<table class="table danh-ba"><thead><tr><th>Họ và tên</th><th>Chức vụ</th><th>Điện thoại</th>'
                     "<th>Email</th></tr></thead><tbody>" + "".join(
                         f"<tr><td>{_e(n)}</td><td>{_e(t)}</td><td>{p}</td><td>{m}</td></tr>"
                         for n, t, p, m in officials) + "</tbody></table>"),
        "procedures": ("Thủ tục hành chính", "<p>Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của Sở: "
                       "đăng ký hoạt động khoa học và công nghệ, cấp giấy chứng nhận doanh nghiệp khoa học và công "
                       f'nghệ, ...</p><p>Nộp hồ sơ trực tuyến tại <a href="{DVC_HOALAM}">Cổng Dịch vụ công tỉnh Hòa '
                       f'Lâm</a> hoặc <a href="{DVC_URL}">Cổng Dịch vụ công quốc gia</a>.</p>'),
        "qa": ("Hỏi đáp", "<dl><dt>Hỏi: Doanh nghiệp cần hồ sơ gì để được công nhận doanh nghiệp khoa học và công "
               "nghệ?</dt><dd>Đáp: Hồ sơ gồm đơn đề nghị, giấy chứng nhận đăng ký doanh nghiệp và phương án sản xuất, "
               "kinh doanh sản phẩm hình thành từ kết quả khoa học và công nghệ.</dd></dl><h2>Gửi câu hỏi</h2>"
               f'<form action="{content["qa"]}" class="form-hoi-dap" method="post">'
               '<label for="hd-name">Họ và tên</label><input id="hd-name" name="hoten" type="text">'
               '<label for="hd-mail">Email</label><input id="hd-mail" name="email" type="email">'
               '<label for="hd-q">Nội dung câu hỏi</label><textarea id="hd-q" name="noidung"></textarea>'
               '<button type="submit">Gửi câu hỏi</button></form>'),
        "access_to_information": ("Tiếp cận thông tin", "<p>Thực hiện Luật Tiếp cận thông tin, Sở công bố danh mục "
                                  "thông tin phải được công khai và đầu mối cung cấp thông tin theo yêu cầu.</p>"
                                  "<h2>Danh mục thông tin phải được công khai</h2>"
                                  '<table class="table"><thead><tr><th>STT</th><th>Thông tin</th><th>Hình thức công '
                                  "khai</th><th>Thời hạn công khai</th><th>Đường dẫn</th></tr></thead><tbody>"
                                  + "".join(f'<tr><td>{n}</td><td>{_e(a)}</td><td>{_e(b)}</td><td>{_e(c)}</td><td>'
                                            f'<a href="{_e(u)}">Xem</a></td></tr>'
                                            for n, (a, b, c, u) in enumerate(ati_rows, 1)) + "</tbody></table>"),
    }
    for k, (title, text) in pages_text.items():
        if night == 2 and k == "contacts":
            continue  # lost in night 2's theme update: every link to it now answers 404
        site.add(content[k], page(title, f'<div class="journal-content-article"><h1>{title}</h1>{text}</div>'))
    site.add("/documents/20182/0/so-do-to-chuc-skhcn.png", b"\x89PNG\r\n\x1a\n", "image/png")

    # English pages: a home with the two links the probe looks for.
    en_nav = ('<nav class="navbar site-navigation" id="navigation" role="navigation"><ul class="nav">'
              f'<li><a href="{en["home"]}">Home</a></li><li><a href="{en["organisation"]}">Organizational structure</a>'
              f'</li><li><a href="{en["contacts"]}">Contact us</a></li><li><a href="/">Tiếng Việt</a></li></ul></nav>')
    en_title = "DEPARTMENT OF SCIENCE AND TECHNOLOGY OF HOA LAM PROVINCE"
    en_suffix = "Department of Science and Technology of Hoa Lam"
    site.add(en["home"], page("Home", "<h1>Welcome</h1><p>The Department of Science and Technology advises the "
                                      "Provincial People's Committee on science, technology and innovation.</p>",
                              right=False, lang="en-US", nav_html=en_nav, site_title=en_title, suffix=en_suffix))
    site.add(en["organisation"], page("Organizational structure", "<h1>Organizational structure</h1><ul><li>Office"
                                      "</li><li>Inspectorate</li><li>Division of Science Management</li><li>Division "
                                      "of Digital Transformation</li></ul>", right=False, lang="en-US",
                                      nav_html=en_nav, site_title=en_title, suffix=en_suffix))
    # "Contact us" is what is left of the first English site: a frameset (its frames titled) kept under the new theme.
    frames = {"top": "/en/static/contact-banner.htm", "main": "/en/static/contact-details.htm"}
    site.add(en["contacts"], '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Frameset//EN" '
                             '"http://www.w3.org/TR/html4/frameset.dtd">\n<html lang="en"><head>'
                             '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
                             f"<title>Contact us - {en_suffix}</title></head>"
                             f'<frameset rows="120,*"><frame name="top" src="{frames["top"]}" title="Banner of the '
                             f'Department" scrolling="no"><frame name="main" src="{frames["main"]}" title="Contact '
                             'details"></frameset></html>')
    site.add(frames["top"], f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{en_suffix}</title>'
                            f'</head><body><h1>{en_title}</h1></body></html>')
    site.add(frames["main"], '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Contact details - '
                             f"{en_suffix}</title></head><body><h1>Contact us</h1><p>Address: 18 Tran Hung Dao "
                             "Street, Hoa Lam. Phone: +84 200 3822 145. Email: skhcn@hoalam.gov.vn</p></body></html>")

    tree = [("Trang chủ", "/"), ("Giới thiệu chung", content["introduction"]),
            ("Cơ cấu tổ chức", content["organisation"]),
            ("Lãnh đạo Sở", content["leaders"]), (labels["news"], paths["news"]),
            (labels["directive_documents"], paths["directive_documents"]),
            (labels["legal_documents"], paths["legal_documents"]), (labels["party_union"], paths["party_union"]),
            *((labels[k], paths[k]) for k in art19), ("Tiếp cận thông tin", content["access_to_information"]),
            ("Thủ tục hành chính", content["procedures"]), ("Hỏi đáp", content["qa"]), ("Liên hệ", content["contacts"])]
    site.add(content["sitemap"], page("Sơ đồ cổng", '<h1>Sơ đồ cổng</h1><ul class="sitemap">' + "".join(
        f'<li><a href="{_e(h)}">{_e(t)}</a></li>' for t, h in tree) + "</ul>"))
    home_news = "".join(f'<li><a href="{_e(it.url)}">{_e(it.title)}</a><span class="date">{meta(it)}</span></li>'
                        for it in news[:6])
    home_docs = "".join(f'<li><a href="{_e(it.url)}">{_e(it.number)}: {_e(it.title)}</a></li>' for it in directive[:4])
    # The event banner still comes from the province's old media server over plain HTTP (passive mixed content).
    site.add("/", page(name, f'<div class="hot-news"><a href="{_e(news[0].url)}"><img alt="{_e(news[0].title)}" '
                             f'src="/documents/20182/0/anh-tin-noi-bat.jpg"></a><h2>{_e(news[0].title)}</h2></div>'
                             + portlet("101_INSTANCE_home", "Tin tức - Sự kiện", f"<ul>{home_news}</ul>")
                             + portlet("101_INSTANCE_vbmoi", "Văn bản mới", f"<ul>{home_docs}</ul>")
                             + f'<p class="banner-dvc"><a href="{DVC_URL}">Dịch vụ công trực tuyến</a></p>'
                             '<div class="banner-su-kien"><img alt="Ngày hội khởi nghiệp đổi mới sáng tạo tỉnh Hòa '
                             f'Lâm" src="{INSECURE_BANNER}"></div>',
                       head=f'<link href="{_e(feed)}" rel="alternate" title="Tin tức - Sự kiện" '
                            'type="application/rss+xml">'))
    site.add(feed, _rss(labels["news"], paths["news"], [(it.title, it.url, _published(site, it)) for it in news]), RSS)
    site.add("/c/portal/login", page("Đăng nhập", "<h1>Đăng nhập</h1><form><input name=\"login\"></form>",
                                     right=False))
    site.add("/robots.txt", _robots(["/c/", "/group/"], "/sitemap.xml"), TEXT)
    site.add("/sitemap.xml", _urlset(["/", *[h for _, h in tree[1:]]]), XML)

    indexed = tuple((it.title, it.url) for it in [*news, *party_shown, *directive, *legal,
                                                   *(i for its in art19.values() for i in its)])
    search = SearchEndpoint(
        search_path, "_3_keywords", indexed,
        page("Tìm kiếm", portlet("3", "Tìm kiếm", f'<p class="search-query">Kết quả tìm kiếm cho: {QUERY}</p>'
                                                  f'<div class="search-results">{RESULTS}</div>')),
        row='<div class="search-result"><a href="@@URL@@">@@TITLE@@</a></div>', wrap=("", ""),
        empty="<p>Không tìm thấy kết quả nào.</p>")
    site.traps.append("the header search box is a GET form with Liferay's hidden portlet fields (p_p_id=3)")
    presence: dict[str, str] = {}
    later: dict[str, str] = {}
    later_notes: dict[str, str] = {}
    broken: dict[str, list[str]] = {}
    truth_content: dict[str, str | None] = dict(content)
    if night == 2:
        # The asset publisher of the statistics page throws: the portal answers its error page with a 500.
        site.error(paths["statistics"], 500, ERROR_PAGE)
        site.listings["statistics"]["status"] = 500
        truth_content["contacts"] = None
        presence = {"contacts": "broken", "statistics": "error"}
        broken = {"broken_links": [content["contacts"]]}
        site.night_changes(
            summary_vi="Sau khi cập nhật giao diện, trang Liên hệ trả về 404 và chuyên mục Số liệu thống kê trả về "
                       "lỗi 500.",
            summary_en="After a theme update the contacts page answers 404 and the statistics listing answers 500.",
            new_failures={"SP-010": PROFILES, "PF-006": PROFILES}, changed=[paths["statistics"]],
            removed=[content["contacts"]])
        later = {"PF-006": "fail", "CT-005": "warn"}
        later_notes = {
            "SP-010": "night 2: the menu entry 'Liên hệ' (also in the site map and sitemap.xml) answers 404: a broken "
                      "link keeps the configured fail",
            "SP-016": "night 2: the statistics listing answers 500: presence cannot be judged (http_500)",
            "PF-006": f"night 2: the menu link {content['contacts']} answers 404",
            "CT-004": "night 2: the contacts page is gone, but the footer still gives address, phone, fax and e-mail",
            "CT-005": "night 2: the contacts page with the officials' table is gone; the leaders page names titles "
                      "and phones without e-mail: warn",
            "PF-001": "night 2: one listing answers 500 among the pages fetched: under the 10 % error share",
        }
    return site.portal(
        landing="/", content=truth_content, hostname="skhcn.hoalam.gov.vn", level="department", searches=[search],
        presence=presence,
        site={"lang": "vi-VN", "viewport": True, "robots_txt": True, "sitemap_xml": "/sitemap.xml",
              "sitemap_page": content["sitemap"], "robots_disallowed_linked": "/c/portal/login?p_l_id=10180",
              "footer": {"owner": True, "responsible": True, "licence": True, "copyright": True, "address": True,
                         "phone": True, "email": True},
              "regions": {"header": "//header[@id='banner']", "menu": "//nav[@id='navigation']",
                          "footer": "//footer[@id='footer']", "main": "//div[@id='content']"},
              "english": en, **broken},
        discovery={"menus": "read", "sitemap_page": "read", "sitemap_xml": "read"},
        probes={"search": {"status": "probed", "found": True, "action": search_path, "param": "_3_keywords"},
                "english": {"status": "probed", "organisation": True, "contacts": True},
                "print": {"found": True, "how": "window.print"}},
        net=NET,
        tech={"feed": feed, "frameset": en["contacts"], "frames": frames, "insecure": {"/": [INSECURE_BANNER]},
              "fixed_width": "#wrapper{width:980px}"},
        outcomes={
            "CT-001": "pass", "CT-002": "pass", "CT-003": "pass", "CT-004": "pass", "CT-005": "pass",
            "CT-006": "pass", "CT-007": "pass", "CT-008": "pass", "CT-009": "pass", "CT-010": "pass",
            "CT-011": "pass", "CT-012": "pass", "CT-013": "pass",
            "FN-001": "pass", "FN-002": "pass", "FN-003": "pass", "FN-004": "pass", "FN-005": "pass",
            "LY-001": "pass", "LY-002": "pass", "LY-003": "pass", "DM-001": "pass",
            "TL-001": "pass", "TL-002": "pass", "TL-003": "pass", "TL-004": "warn", "TL-005": "pass", "TL-006": "pass",
            "TL-007": "warn", "TL-008": "warn",
            "NW-001": "pass", "NW-002": "pass", "NW-003": "pass",
            "SH-001": "warn", "SH-002": "warn", "SH-003": "warn", "SH-004": "warn", "SH-005": "warn",
            "PF-001": "pass", "PF-002": "pass", "PF-003": "pass", "PF-004": "pass", "PF-005": "pass", "PF-006": "pass",
            "SM-001": "pass", "SM-002": "warn", "SM-003": "pass",
            "UC-001": "pass", "UC-002": "pass", "UC-003": "pass",
            "MB-001": "pass", "MB-002": "warn",
            "AC-001": "pass", "AC-002": "pass", "AC-003": "pass", "AC-004": "pass", "AC-005": "warn", "AC-006": "pass",
            "AC-007": "pass", "AC-008": "fail", "AC-009": "pass",
            "OT-001": "pass", "OT-002": "pass", "OT-003": "fail", "OT-004": "pass", "OT-005": "fail", "OT-006": "pass",
            **later,
        },
        notes={
            "TL-004": "certificate from the demo CA valid 12 more days from the demo clock (< warn_days 30)",
            "TL-006": "http:// answers 301 to https:// of the same host (the demo's HTTPS port)",
            "TL-007": "Strict-Transport-Security: max-age=86400 (one day, under 180 days)",
            "TL-008": f"the home page loads the image {INSECURE_BANNER} over http (passive): warn",
            "NW-002": "[::1] serves the same portal on the same ports",
            "NW-003": "the demo zone signs this name: RRSIG with DO, and the AD flag",
            "SH-005": "Server: Apache-Coyote/1.1 and Liferay-Portal: … 6.2 CE GA5 carry versions",
            "SM-002": "robots.txt declares /sitemap.xml, whose entries have no <lastmod>",
            "SM-003": "home <link rel=alternate> to an RSS 2.0 feed of the news with a pubDate on every item",
            "MB-001": "viewport width=device-width (the theme's), MB-002 still sees #wrapper{width:980px}",
            "AC-005": "article pages: <h1> title then 'Tin khác' in <h3>",
            "AC-008": "<marquee> in the header of every Vietnamese page",
            "AC-009": "the English 'Contact us' page is a frameset whose two frames have titles",
            "OT-003": "the English 'Contact us' page (fetched by the English probe) is a <frameset>",
            "OT-005": "Liferay-Portal header: Liferay Portal CE 6.2 (before 7.2.1: CVE-2020-7961)",

            "CT-006": "doc_type from 'Loại văn bản' on the detail pages (and titles starting 'Quyết định'/'Nghị "
                      "quyết'); file from the 'Tải về' links",
            "CT-008": "legal listing shows 'Ngày ban hành' and 'Ngày đăng' 0–1 calendar day apart: ≤ 1 working day",
            "CT-009": "procedures page links dichvucong.hoalam.gov.vn (provincial) and dichvucong.gov.vn",
            "CT-010": f"plans item 'Kế hoạch công tác năm {y} …'",
            "CT-011": f"budget item 'Báo cáo tài chính năm {y - 1} …'",
            "FN-002": "GET form /web/guest/tim-kiem?_3_keywords=…; the results link the newest news item",
            "FR-002": "the pinned 400-day-old item comes first; the newest Party item is 9 days old",
            **later_notes,
        })
