"""``hoalam-sxd``: NukeViet-like (PHP, layout tables) "Trang" of the Sở Xây dựng.

Date traps: weekday dates ("Cập nhật: Thứ Hai, 12/05/2024 08:30"), a directive list sorted by title,
the Party section only on the HTML site map, a typo date, a stale news list under a header clock.

Issue 3: no legal-documents section (the directive list stands in for it, without issuer), no plans,
statistics, science or legal-dissemination section; the procedures page is on site and links no
public-service portal; the site search (NukeViet's "seek" module) never finds anything; the
introduction is a long history without functions or duties; the organisation page is "being
updated"; contact points use gmail addresses and there is no fax; English pages stop at "About".
Consultations: two of five carry a deadline.  Its discovery is incomplete (no sitemap.xml).

Issue 4: served over HTTPS only (301 from http://) with a certificate for another name that also
accepts TLS 1.0 and 1.1; AAAA published but nothing listens on [::1]; gzip, no cache headers.  An old
PHP 5.6 site: an http:// visitor-counter script on every page (active mixed content), jQuery 1.11.3 and
Bootstrap 3.3.7, a notice pasted from a TCVN3 document in ``.VnTime`` on the home page, a fixed 1000 px
layout table, a contact form without labels, layout tables without ``<th>``, a sitemap.xml that is a PHP
fatal error, and an RSS feed whose items have no dates.
"""

from __future__ import annotations

import datetime as dt

from nd42.demo.common import (
    _PDF,
    CHINHPHU,
    DIRECTIVE_TITLES,
    PARENT,
    PARTY_TITLES,
    PDF,
    QUERY,
    RESULTS,
    RSS,
    TEXT,
    DemoPortal,
    Net,
    SearchEndpoint,
    _body,
    _dmy,
    _doc_items,
    _e,
    _fold,
    _Item,
    _items,
    _pick,
    _plain_body,
    _post_promptly,
    _related,
    _robots,
    _rss,
    _Site,
    _slug,
    _wd,
    tcvn3,
)

JQUERY = "/assets/js/jquery/jquery-1.11.3.min.js"
BOOTSTRAP = "/assets/vendor/bootstrap/3.3.7"
COUNTER_SCRIPT = "http://thongke.hoalam.gov.vn/counter.js?site=sxd"
FEED = "/index.php?language=vi&nv=news&op=rss"
OLD_NOTICE = ("Thông báo: lịch tiếp công dân định kỳ của lãnh đạo Sở vào sáng thứ năm hằng tuần tại trụ sở cơ quan, "
              "số 9 đường Nguyễn Trãi.")
SITEMAP_ERROR = ("<br />\n<b>Fatal error</b>:  Allowed memory size of 134217728 bytes exhausted (tried to allocate "
                 "20480 bytes) in <b>/home/sxd/public_html/modules/seek/sitemap.php</b> on line <b>88</b><br />\n")
NET = Net(certificate="wrong_host", legacy_tls=True, http="redirect", aaaa=True, ipv6="refused", gzip=True)


def build(today: dt.date, night: int = 1) -> DemoPortal:
    """NukeViet-like (PHP, layout tables) "Trang" of a Sở: query URLs, weekday dates, a title-sorted list.

    The same on every ``night``: one of the portals nothing happens to between the demo's two nights.
    """
    name = "Sở Xây dựng tỉnh Hòa Lâm"
    site = _Site("hoalam-sxd", name, "nukeviet", today, server="Apache/2.4.6 (CentOS) PHP/5.6.40",
                 extra_headers={"X-Powered-By": "PHP/5.6.40"})
    q = "/index.php?language=vi&nv="
    paths = {"directive_documents": f"{q}laws&op=van-ban-dieu-hanh", "news": f"{q}news&op=tin-hoat-dong",
             "party_union": f"{q}news&op=cong-tac-dang"}
    labels = {"directive_documents": "Văn bản điều hành", "news": "Tin hoạt động", "party_union": "Công tác Đảng"}
    content: dict[str, str | None] = {
        "introduction": f"{q}about&op=gioi-thieu.html", "organisation": f"{q}about&op=co-cau-to-chuc.html",
        "leaders": None, "contacts": f"{q}contact", "procedures": f"{q}news&op=thu-tuc-hanh-chinh", "qa": None,
        "sitemap": f"{q}sitemap", "access_to_information": f"{q}page&op=tiep-can-thong-tin.html"}
    paths |= {"investment": f"{q}news&op=du-an-dau-thau", "budget": f"{q}news&op=cong-khai-ngan-sach",
              "consultation": f"{q}news&op=gop-y-du-thao"}
    labels |= {"investment": "Dự án - Đấu thầu", "budget": "Công khai ngân sách",
               "consultation": "Góp ý dự thảo văn bản"}
    y = today.year
    clock = f"{_wd(today)}, {_dmy(today)}"

    directive = _doc_items("directive_documents", today, (8, 19, 33, 47, 62, 90, 130, 170, 220, 300, 360),
                           DIRECTIVE_TITLES, 6, "SXD")
    _post_promptly(directive)
    directive_shown = sorted(directive, key=lambda it: _fold(it.title))
    if directive_shown[0].age == min(it.age for it in directive):
        raise ValueError("the title-sorted list must not start with its newest item")
    news_titles = ("Kiểm tra chất lượng công trình trường học trước mùa mưa",
                   "Hội nghị tập huấn Luật Xây dựng sửa đổi cho cán bộ cấp xã",
                   "Thẩm định thiết kế cơ sở dự án đường liên xã Khê Lâm - Vân Hà",
                   "Công bố quy hoạch chung đô thị Hòa Lâm đến năm 2040",
                   "Kiểm tra an toàn lao động tại các công trường nhà cao tầng",
                   "Cấp chứng chỉ hành nghề hoạt động xây dựng trực tuyến",
                   "Rà soát nhà ở xã hội cho công nhân khu công nghiệp",
                   "Khởi công cầu Bến Đá trên tuyến tỉnh lộ 7",
                   "Tổng kết công tác quản lý vật liệu xây dựng",
                   "Hướng dẫn thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ",
                   "Sơ kết 6 tháng thực hiện chương trình phát triển đô thị",
                   "Giao ban công tác quản lý trật tự xây dựng")
    news = _items("news", (135, 150, 171, 199, 228, 256, 290, 331, 368, 402, 437, 480), news_titles)
    party = _items("party_union", (12, 26, 41, 58, 77, 99, 140, 180), _pick(PARTY_TITLES, 9, 8))
    for kind, items in (("news", news), ("party_union", party)):
        for i, it in enumerate(items):
            it.url = f"{paths[kind]}/{_slug(it.title, 60)}-{4800 - it.age * 3 - i}.html"
    for i, it in enumerate(directive):
        it.url = f"{q}laws&op=detail/{_slug(it.title, 50)}-{760 - it.age - i}"

    def when(it: _Item) -> str:
        return f"{_wd(site.day(it.age))}, {_dmy(site.day(it.age))} {it.hour:02d}:{it.minute:02d}"

    menu = [("Trang chủ", "/"), ("Giới thiệu", content["introduction"] or ""), (labels["news"], paths["news"]),
            (labels["directive_documents"], paths["directive_documents"]),
            ("Thủ tục hành chính", content["procedures"] or ""), ("Liên hệ", content["contacts"] or "")]
    nav = ('<table class="menu" width="100%" cellpadding="0" cellspacing="0"><tr>' + "".join(
        f'<td class="menu-item"><a href="{_e(h)}">{_e(t)}</a></td>' for t, h in menu) + "</tr></table>")
    counter = "".join(f"<td>{c}</td>" for c in "0434363")  # one digit per cell, as some counters render
    left = ('<div class="block"><div class="block-title">Chuyên mục</div><ul>'
            f'<li><a href="{_e(paths["news"])}">{labels["news"]}</a></li>'
            f'<li><a href="{_e(paths["directive_documents"])}">{labels["directive_documents"]}</a></li>'
            f'<li><a href="{_e(content["procedures"] or "")}">Thủ tục hành chính</a></li>'
            + "".join(f'<li><a href="{_e(paths[k])}">{_e(labels[k])}</a></li>'
                      for k in ("investment", "budget", "consultation"))
            + f'<li><a href="{_e(content["access_to_information"] or "")}">Tiếp cận thông tin</a></li></ul></div>'
            '<div class="block"><div class="block-title">Liên kết website</div><select name="lienket">'
            '<option value="">-- Liên kết website --</option>'
            f'<option value="{CHINHPHU}">Cổng Thông tin điện tử Chính phủ</option>'
            f'<option value="{PARENT}">Cổng Thông tin điện tử tỉnh Hòa Lâm</option></select></div>'
            '<div class="block"><div class="block-title">SỐ LƯỢT TRUY CẬP</div><table class="counter"><tr>'
            # The province's visitor statistics widget, still included over plain HTTP (active mixed content).
            f'{counter}</tr></table><script type="text/javascript" src="{COUNTER_SCRIPT}"></script></div>')

    def page(title: str, main: str, head: str = "") -> str:
        return (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            '<html xmlns="http://www.w3.org/1999/xhtml" lang="vi"><head>'
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            f'<meta name="generator" content="NukeViet v4.5"><title>{_e(title)} - Sở Xây dựng Hòa Lâm</title>'
            '<link rel="StyleSheet" href="/themes/default/css/style.css" type="text/css">'
            '<script type="text/javascript">var nv_base_siteurl="/",nv_lang_data="vi",nv_name_variable="nv",'
            'nv_fc_variable="op",nv_lang_variable="language",nv_my_ofs=7;</script>'
            f'<link rel="StyleSheet" href="{BOOTSTRAP}/css/bootstrap.min.css" type="text/css">'
            f'<script type="text/javascript" src="{JQUERY}"></script>'
            f'<script type="text/javascript" src="{BOOTSTRAP}/js/bootstrap.min.js"></script>{head}</head><body>'
            '<table id="wrapper" width="1000" align="center" cellpadding="0" cellspacing="0"><tr>'
            '<td colspan="2" class="header"><img src="/uploads/banner-sxd.jpg" width="1000" height="150" '
            'alt="Trang thông tin điện tử Sở Xây dựng tỉnh Hòa Lâm">'
            f'<div class="today">Hôm nay: {clock}</div>'
            '<a class="lang" href="/index.php?language=en" title="English">English</a>'
            # NukeViet's search block: a GET form to the "seek" module.
            '<form action="/index.php" method="get" class="headerSearch"><input type="hidden" name="language" '
            'value="vi"><input type="hidden" name="nv" value="seek"><input type="text" name="q" maxlength="60" '
            'placeholder="Tìm kiếm..."><input type="submit" value="Tìm"></form></td></tr>'
            f'<tr><td colspan="2">{nav}</td></tr>'
            f'<tr><td class="left" width="230" valign="top">{left}</td><td class="main" valign="top">{main}</td></tr>'
            '<tr><td colspan="2" class="footer"><p><strong>TRANG THÔNG TIN ĐIỆN TỬ SỞ XÂY DỰNG TỈNH HÒA LÂM</strong>'
            "</p><p>Cơ quan chủ quản: Sở Xây dựng tỉnh Hòa Lâm</p>"
            "<p>Chịu trách nhiệm nội dung: Bà Đặng Thị Hồng Nhung - Phó Giám đốc Sở</p>"
            "<p>Giấy phép số 15/GP-STTTT do Sở Thông tin và Truyền thông tỉnh Hòa Lâm cấp ngày 03/11/2016</p>"
            "<p>Địa chỉ: Số 9 đường Nguyễn Trãi, phường Hòa Lâm. Điện thoại: 0200 3821 606. Email: "
            f'sxd@hoalam.gov.vn</p><p><a href="{_e(content["sitemap"] or "")}">Sơ đồ site</a> | '
            '<a href="/admin/" rel="nofollow">Quản trị</a> | Phát triển trên nền NukeViet</p>'
            "<p>© Bản quyền thuộc Sở Xây dựng tỉnh Hòa Lâm</p>"
            "</td></tr></table></body></html>")

    def title_bar(text: str) -> str:
        return f'<table class="title-bar" width="100%"><tr><td><h2>{_e(text)}</h2></td></tr></table>'

    # News (two pages) and Party (site map only) lists: "Cập nhật: Thứ Hai, 12/05/2024 08:30".
    def news_rows(items: list[_Item]) -> str:
        return '<table class="news-list" width="100%" cellpadding="4">' + "".join(
            f'<tr><td class="thumb" width="110"><img src="/uploads/news/thumb-{n}.jpg" width="100" alt=""></td>'
            f'<td><h3><a href="{_e(it.url)}">{_e(it.title)}</a></h3><div class="time">Cập nhật: {when(it)}</div>'
            f"<p>{_e(it.title)}.</p></td></tr>" for n, it in enumerate(items)) + "</table>"

    page2 = f"{paths['news']}/page-2"
    site.add(paths["news"], page(labels["news"], title_bar(labels["news"]) + news_rows(news[:8])
                                 + f'<div class="generate_page"><strong>1</strong> <a href="{_e(page2)}">2</a> '
                                 f'<a href="{_e(page2)}">Trang sau</a></div>'))
    site.add(page2, page(labels["news"], title_bar(labels["news"]) + news_rows(news[8:])
                         + f'<div class="generate_page"><a href="{_e(paths["news"])}">1</a> <strong>2</strong></div>'))
    site.section("news", labels["news"], "menu", [paths["news"], page2], news)
    site.add(paths["party_union"], page(labels["party_union"], title_bar(labels["party_union"]) + news_rows(party)))
    site.section("party_union", labels["party_union"], "sitemap_page", [paths["party_union"]], party)

    # Directive documents sorted by title, A to Z: the newest is somewhere in the middle.
    rows = "".join(f"<tr><td>{n}</td><td>{_e(it.number)}</td><td>{_dmy(site.day(it.age))}</td>"
                   f'<td><a href="{_e(it.url)}">{_e(it.title)}</a></td></tr>'
                   for n, it in enumerate(directive_shown, 1))
    site.add(paths["directive_documents"], page(labels["directive_documents"], title_bar(labels["directive_documents"])
                                                 + '<p class="sort">Sắp xếp theo: Trích yếu (A-Z)</p>'
                                                 '<table class="laws" border="1" width="100%" cellpadding="4">'
                                                 "<tr><th>STT</th><th>Số hiệu</th><th>Ngày ban hành</th>"
                                                 f"<th>Trích yếu</th></tr>{rows}</table>"))
    site.section("directive_documents", labels["directive_documents"], "menu", [paths["directive_documents"]],
                 directive_shown)
    site.traps += [
        f'header "Hôm nay: {clock}" above a stale news list (two pages: …/page-2)',
        "directive list sorted by title (A-Z): its first row is not the newest",
        'Party section ("Công tác Đảng") linked only from the HTML site map (footer "Sơ đồ site"); no sitemap.xml',
        'dates as "Cập nhật: Thứ Hai, 12/05/2024 08:30"; a typo date "281/11/2016" in an old article',
        "footer licence 'cấp ngày 03/11/2016'; visitor counter one digit per cell; no legal-documents section",
        "an unknown index.php query answers 404 (there is no bare /index.php)",
    ]

    # NukeViet's "Bản in" opens the print view in a pop-up.
    def print_link(it: _Item) -> str:
        return ('<div class="print"><a href="javascript:void(0);" title="Bản in" '
                f"onclick=\"nv_open_browse('{_e(it.url)}&amp;print=1', '', 840, 500); return false\">Bản in</a></div>")

    for kind, items in (("news", news), ("party_union", party)):
        for i, it in enumerate(items):
            others = "".join(f'<li><a href="{_e(o.url)}">{_e(o.title)}</a> <span class="time">({s})</span></li>'
                             for o, s in _related(items, i, today, _dmy))
            typo = ("<p>Dự án được phê duyệt chủ trương đầu tư theo Quyết định số 12/QĐ-UBND ngày 281/11/2016.</p>"
                    if kind == "news" and i == len(items) - 1 else "")
            main = (f'<div class="news-detail"><h1>{_e(it.title)}</h1><div class="time">{when(it)}</div>'
                    f'<div class="bodytext">{_body(it, site, name, "Phó Giám đốc Sở Đặng Thị Hồng Nhung")}{typo}'
                    f'</div>{print_link(it)}<div class="related"><h3>Tin khác</h3><ul>{others}</ul></div></div>')
            site.add(it.url, page(it.title, main))
    for it in directive:
        d, eff = site.day(it.age), site.day(it.effective_age or 0)
        att = f"/uploads/laws/{_slug(it.number)}.pdf"
        main = (f'<div class="laws-detail"><h1>{_e(it.title)}</h1><table class="info" border="1" cellpadding="4">'
                f"<tr><td>Số hiệu</td><td>{_e(it.number)}</td></tr><tr><td>Ngày ban hành</td><td>{_dmy(d)}</td></tr>"
                f"<tr><td>Ngày đăng</td><td>{_dmy(site.day(it.posted_age or 0))}</td></tr>"
                f"<tr><td>Ngày có hiệu lực</td><td>{_dmy(eff)}</td></tr><tr><td>Người ký</td><td>Ngô Thanh Bình</td>"
                f'</tr><tr><td>Tải về</td><td><a href="{_e(att)}">{_e(att.rsplit("/", 1)[1])}</a></td></tr></table>'
                f'<div class="bodytext">{_body(it, site, name, "Giám đốc Sở Ngô Thanh Bình")}</div>'
                f"{print_link(it)}</div>")
        site.add(it.url, page(it.title, main))
        site.add(att, _PDF, PDF)

    # The Art. 19 listings (issue 3), as news-module categories.
    art19: dict[str, list[_Item]] = {
        "investment": _items("investment", (9, 44, 101, 190), (
            "Thông báo mời thầu gói thầu tư vấn giám sát cầu Bến Đá",
            "Kết quả lựa chọn nhà thầu thi công đường liên xã Khê Lâm - Vân Hà",
            "Danh mục dự án kêu gọi đầu tư nhà ở xã hội",
            "Kế hoạch lựa chọn nhà thầu cải tạo trụ sở làm việc")),
        "budget": _items("budget", (28, 95, 160), (
            f"Công khai quyết toán ngân sách năm {y - 1} của Sở Xây dựng",
            f"Công khai dự toán ngân sách năm {y}",
            "Công khai tình hình thực hiện dự toán ngân sách quý II")),
        "consultation": _items("consultation", (4, 22, 58, 120, 200), (
            "Dự thảo Quyết định ban hành Quy định quản lý trật tự xây dựng",
            "Dự thảo Quy định về cấp giấy phép xây dựng có thời hạn",
            "Dự thảo Quyết định ban hành đơn giá nhân công xây dựng",
            "Dự thảo Quy chế quản lý kiến trúc đô thị Hòa Lâm",
            "Dự thảo Quyết định phân cấp thẩm định dự án đầu tư xây dựng")),
    }
    # Two of five consultations carry a deadline, shown on the listing and the detail page (40 %: CT-012 warns).
    art19["consultation"][1].deadline_age = art19["consultation"][1].age - 30
    art19["consultation"][3].deadline_age = art19["consultation"][3].age - 30

    def art19_rows(items: list[_Item]) -> str:
        return '<table class="news-list" width="100%" cellpadding="4">' + "".join(
            f'<tr><td><h3><a href="{_e(it.url)}">{_e(it.title)}</a></h3><div class="time">Cập nhật: {when(it)}</div>'
            + (f'<div class="deadline">Hạn góp ý: {_dmy(site.day(it.deadline_age))}</div>'
               if it.deadline_age is not None else "") + "</td></tr>" for it in items) + "</table>"

    def art19_url(kind: str, i: int, it: _Item) -> str:
        return f"{paths[kind]}/{_slug(it.title, 60)}-{6100 - it.age * 3 - i}.html"

    def art19_page(kind: str, items: list[_Item]) -> str:
        return page(labels[kind], title_bar(labels[kind]) + art19_rows(items))

    def art19_detail(kind: str, it: _Item) -> str:
        att = f"/uploads/news/{_slug(it.title, 40)}.pdf"
        deadline = (f"<p>Hạn góp ý: {_dmy(site.day(it.deadline_age))}</p>" if it.deadline_age is not None
                    else "")
        return page(it.title, f'<div class="news-detail"><h1>{_e(it.title)}</h1><div class="time">{when(it)}'
                              f'</div>{deadline}<div class="bodytext">{_plain_body(it, name)}<p><a href="'
                              f'{_e(att)}">{_e(att.rsplit("/", 1)[1])}</a></p></div>{print_link(it)}</div>')

    for kind, items in art19.items():
        site.listing(kind, labels[kind], "body", paths[kind], items, url=art19_url, listing=art19_page,
                     article=art19_detail)
        for it in items:
            site.add(f"/uploads/news/{_slug(it.title, 40)}.pdf", _PDF, PDF)

    contacts = (("Ông Trần Văn Hùng", "Chánh Văn phòng Sở", "0912 345 678", "hungtv.sxd@gmail.com"),
                ("Bà Lê Thị Thanh Mai", "Chuyên viên Văn phòng, đầu mối tiếp nhận thông tin", "0987 654 321",
                 "maisxdhoalam@gmail.com"))
    published = (("Văn bản điều hành", paths["directive_documents"]), ("Dự án - Đấu thầu", paths["investment"]),
                 ("Công khai ngân sách", paths["budget"]), ("Góp ý dự thảo văn bản", paths["consultation"]),
                 ("Thủ tục hành chính", content["procedures"] or ""), ("Tin hoạt động", paths["news"]))
    texts = {
        # A long history with no word of functions or duties, and no link to them (CT-001 fails).
        "introduction": ("Giới thiệu", "<p>Sở Xây dựng tỉnh Hòa Lâm được thành lập năm 1992 trên cơ sở Ty Kiến trúc "
                         "và Ty Giao thông của tỉnh. Trải qua hơn ba mươi năm xây dựng và trưởng thành, các thế hệ cán "
                         "bộ, công chức, viên chức của Sở đã không ngừng phấn đấu, vượt qua khó khăn, góp phần xây "
                         "dựng hệ thống đô thị và hạ tầng của tỉnh ngày càng khang trang, hiện đại.</p><p>Sở đã được "
                         "Chủ tịch nước tặng thưởng Huân chương Lao động hạng Nhì, hạng Ba và nhiều bằng khen của "
                         "Thủ tướng Chính phủ. Tập thể lãnh đạo Sở luôn đoàn kết, đổi mới phương thức làm việc, "
                         "lấy sự hài lòng của người dân và doanh nghiệp làm thước đo chất lượng phục vụ.</p>"),
        "organisation": ("Cơ cấu tổ chức", "<p>Nội dung đang được cập nhật.</p>"),
        "contacts": ("Liên hệ", "<p>Sở Xây dựng tỉnh Hòa Lâm</p><p>Địa chỉ: Số 9 đường Nguyễn Trãi, phường Hòa Lâm"
                     "</p><p>Điện thoại: 0200 3821 606</p><h3>Cán bộ đầu mối</h3><table border=\"1\" cellpadding="
                     "\"4\"><tr><th>Họ và tên</th><th>Chức vụ</th><th>Điện thoại</th><th>Email</th></tr>" + "".join(
                         f"<tr><td>{_e(n)}</td><td>{_e(t)}</td><td>{p}</td><td>{m}</td></tr>"
                         for n, t, p, m in contacts) + "</table><h3>Gửi ý kiến</h3>"
                     f'<form action="{_e(q)}contact" method="post"><input type="text" name="fname" '
                     'placeholder="Họ tên"><textarea name="noidung"></textarea><input type="submit" value="Gửi">'
                     "</form>"),
        # On site only: the forms to download, no link to any public-service portal (CT-009 fails).
        "procedures": ("Thủ tục hành chính", "<p>Thủ tục cấp giấy phép xây dựng, cấp chứng chỉ hành nghề, thẩm định "
                       "thiết kế. Tổ chức, cá nhân nộp hồ sơ tại Bộ phận tiếp nhận và trả kết quả của Sở.</p>"
                       '<p><a href="/uploads/thu-tuc/mau-don-cap-giay-phep-xay-dung.doc">Mẫu đơn đề nghị cấp giấy '
                       "phép xây dựng</a></p>"),
        # A list of links, without the columns of a published-information list (CT-013 warns).
        "access_to_information": ("Tiếp cận thông tin", "<p>Danh mục thông tin công khai của Sở Xây dựng:</p><ul>"
                                  + "".join(f'<li><a href="{_e(h)}">{_e(t)}</a></li>' for t, h in published)
                                  + "</ul>"),
    }
    for k, (title, text) in texts.items():
        site.add(content[k] or "", page(title, title_bar(title) + text))
    site.add("/uploads/thu-tuc/mau-don-cap-giay-phep-xay-dung.doc", _PDF, "application/msword")
    tree = [("Trang chủ", "/"), ("Giới thiệu", content["introduction"]), ("Cơ cấu tổ chức", content["organisation"]),
            ("Tin tức", None), (labels["news"], paths["news"]), (labels["party_union"], paths["party_union"]),
            (labels["directive_documents"], paths["directive_documents"]),
            *((labels[k], paths[k]) for k in art19), ("Tiếp cận thông tin", content["access_to_information"]),
            ("Thủ tục hành chính", content["procedures"]), ("Liên hệ", content["contacts"])]
    site.add(content["sitemap"] or "", page("Sơ đồ site", title_bar("Sơ đồ site") + '<ul class="sitemap">' + "".join(
        f'<li><a href="{_e(h)}">{_e(t)}</a></li>' if h else f"<li><strong>{_e(t)}</strong></li>" for t, h in tree)
        + "</ul>"))
    # A notice pasted years ago from a TCVN3 Word file: set in .VnTime, it reads as mojibake in a Unicode page.
    notice = ('<div class="thongbao-cu"><p><font face=".VnTime" size="3">' + _e(tcvn3(OLD_NOTICE))
              + "</font></p></div>")
    site.add("/", page(name, title_bar("Tin mới") + news_rows(news[:5]) + notice + title_bar("Văn bản điều hành mới")
                       + "<ul>" + "".join(f'<li><a href="{_e(it.url)}">{_e(it.number)}</a></li>'
                                          for it in sorted(directive, key=lambda x: x.age)[:3]) + "</ul>",
                       head=f'<link rel="alternate" type="application/rss+xml" title="Tin hoạt động" '
                            f'href="{_e(FEED)}">'))
    # NukeViet's news RSS without publication dates (the theme's feed template leaves pubDate out).
    site.add(FEED, _rss(labels["news"], paths["news"], [(it.title, it.url, None) for it in news]), RSS)
    # The sitemap module runs out of memory: PHP prints its fatal error where the XML should be.
    site.add("/sitemap.xml", SITEMAP_ERROR, "text/xml; charset=utf-8")
    site.add("/admin/", page("Quản trị", "<h1>Đăng nhập quản trị</h1>"))
    site.add("/robots.txt", _robots(["/admin/", "/includes/", "/install/", "/vendor/"]), TEXT)

    # English: a home page with "About" but no contact page (FN-005: partial).
    en_home, en_about = "/index.php?language=en", "/index.php?language=en&nv=about"
    en_page = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{t} - Hoa Lam Department of '
               'Construction</title></head><body><table id="wrapper"><tr><td class="header"><img src="/uploads/'
               'banner-sxd-en.jpg" alt="Hoa Lam Department of Construction"></td></tr><tr><td><table class="menu">'
               f'<tr><td><a href="{en_home}">Home</a></td><td><a href="{_e(en_about)}">About</a></td><td><a href="/">'
               "Tiếng Việt</a></td></tr></table></td></tr><tr><td class=\"main\">{body}</td></tr></table></body>"
               "</html>")
    site.add(en_home, en_page.replace("{t}", "Home").replace("{body}", "<h1>Welcome</h1><p>English pages are "
                                                                           "being translated.</p>"))
    site.add(en_about, en_page.replace("{t}", "About").replace("{body}", "<h1>About</h1><p>The Department of "
                                                                             "Construction of Hoa Lam Province.</p>"))

    indexed = tuple((it.title, it.url) for it in [*news, *party, *directive,
                                                   *(i for its in art19.values() for i in its)])
    # The "seek" module answers, but its index is empty: it finds nothing, whatever the words.
    search = SearchEndpoint("/index.php?language=vi&nv=seek", "q", indexed, page(
        "Tìm kiếm", title_bar("Tìm kiếm") + f'<p>Từ khóa: <strong>{QUERY}</strong></p>{RESULTS}'), broken=True,
        empty="<p>Không tìm thấy kết quả nào phù hợp với từ khóa của bạn.</p>")
    site.traps += [
        "the header search (GET /index.php?nv=seek&q=…) answers every query with 'Không tìm thấy kết quả'",
        "contact points listed with gmail addresses; the agency's .gov.vn address only in the footer",
    ]
    return site.portal(
        landing="/", content=content, hostname="sxd.hoalam.gov.vn", level="department", searches=[search],
        site={"lang": "vi", "viewport": False, "robots_txt": True, "sitemap_xml": None,
              "sitemap_page": content["sitemap"], "robots_disallowed_linked": "/admin/",
              "footer": {"owner": True, "responsible": True, "licence": True, "copyright": True, "address": True,
                         "phone": True, "email": True},
              "regions": {"header": "//td[@class='header']", "menu": "//table[@class='menu']",
                          "footer": "//td[@class='footer']", "main": "//td[@class='main']"},
              "english": {"home": en_home, "organisation": en_about, "contacts": None}},
        discovery={"menus": "read", "sitemap_page": "read", "sitemap_xml": "invalid"},
        probes={"search": {"status": "probed", "found": False, "action": "/index.php", "param": "q"},
                "english": {"status": "probed", "organisation": True, "contacts": False},
                "print": {"found": True, "how": "print_link"}},
        net=NET,
        tech={"insecure": {"*": [COUNTER_SCRIPT]}, "legacy_fonts": {"/": ".VnTime"}, "feed": FEED,
              "sitemap_invalid": "/sitemap.xml", "libraries": {"jquery": "1.11.3", "bootstrap": "3.3.7"},
              "fixed_width": '<table id="wrapper" width="1000">'},
        outcomes={
            "TL-001": "pass", "TL-002": "pass", "TL-003": "fail", "TL-004": "pass", "TL-005": "fail", "TL-006": "pass",
            "TL-007": "warn", "TL-008": "fail",
            "NW-001": "pass", "NW-002": "fail", "NW-003": "warn",
            "SH-001": "warn", "SH-002": "warn", "SH-003": "warn", "SH-004": "warn", "SH-005": "warn",
            "PF-001": "pass", "PF-002": "pass", "PF-003": "pass", "PF-004": "pass", "PF-005": "warn", "PF-006": "pass",
            "SM-001": "pass", "SM-002": "fail", "SM-003": "warn",
            "UC-001": "pass", "UC-002": "fail", "UC-003": "pass",
            "MB-001": "fail", "MB-002": "warn",
            "AC-001": "pass", "AC-002": "pass", "AC-003": "pass", "AC-004": "fail", "AC-005": "warn", "AC-006": "warn",
            "AC-007": "pass", "AC-008": "pass", "AC-009": "not_applicable",
            "OT-001": "fail", "OT-002": "pass", "OT-003": "pass", "OT-004": "pass", "OT-005": "fail", "OT-006": "pass",
            "CT-001": "missing", "CT-002": "missing", "CT-003": "not_applicable", "CT-004": "warn",
            "CT-005": "warn", "CT-006": "missing", "CT-007": "not_applicable", "CT-008": "pass", "CT-009": "missing",
            "CT-010": "warn", "CT-011": "pass", "CT-012": "warn", "CT-013": "warn",
            "FN-001": "pass", "FN-002": "fail", "FN-003": "pass", "FN-004": "pass", "FN-005": "missing",
            "LY-001": "pass", "LY-002": "missing", "LY-003": "pass", "DM-001": "pass",
        },
        notes={
            "TL-002": "the certificate is issued by the demo CA (trusted with --ca-file), only for another name",
            "TL-003": "the certificate names other.hoalam.gov.vn, not sxd.hoalam.gov.vn",
            "TL-005": "the HTTPS server also accepts TLS 1.0 and 1.1 (old CentOS configuration)",
            "TL-008": f"every page loads the script {COUNTER_SCRIPT} over http (active mixed content)",
            "NW-002": "AAAA ::1 is published, but nothing listens on [::1] (connection refused)",
            "PF-005": "no Cache-Control, ETag or Last-Modified",
            "SM-002": "/sitemap.xml answers 200 with a PHP fatal error instead of XML (discovery: invalid)",
            "SM-003": "home <link rel=alternate> to an RSS feed whose items have no pubDate: warn",
            "UC-002": "home page: a notice in <font face=\".VnTime\"> with TCVN3 text (mojibake)",
            "AC-004": "contacts form: a <textarea> without label, title or placeholder; a <select> without label",
            "AC-006": "news listing rows and document detail tables without <th>",
            "OT-001": "jQuery 1.11.3 (< 3.5.0) and Bootstrap 3.3.7 (< 3.4.1)",
            "OT-005": "X-Powered-By PHP/5.6.40 (end of life 2018-12-31); generator NukeViet v4.5",
            "SP-004": "no legal-documents section; fail configured, but no sitemap.xml was read: honest warn",
            "CT-001": "introduction: > 400 chars of history, no 'chức năng'/'nhiệm vụ', no link to them",
            "CT-002": "organisation page says 'Nội dung đang được cập nhật': no chart, no unit names",
            "CT-003": "no leaders section (SP-009)",
            "CT-004": "address, phone and e-mail (gmail in the contact table, .gov.vn in the footer); no fax: warn",
            "CT-005": "contact-point table (Họ và tên, Chức vụ, Điện thoại, Email) with gmail addresses only",
            "CT-006": "no legal_documents: the directive list stands in; no issuer, and fewer than half the "
                      "titles start with a type word ('Về việc …'); detail pages read: fail",
            "CT-007": "reads legal_documents listings only (contract: no fallback); none here",
            "CT-008": "directive detail pages: 'Ngày đăng' 0–1 day after 'Ngày ban hành'",
            "CT-009": "procedures page on site; no dichvucong link on it nor on the home page",
            "CT-010": "no plans section; directive and news titles hold no work plan of the year: warn",
            "CT-011": f"budget item 'Công khai quyết toán ngân sách năm {y - 1} …'",
            "CT-012": "two of five consultation items have 'Hạn góp ý' (40 % < 80 %): warn",
            "CT-013": "'Danh mục thông tin công khai' with six links, no table: the list exists without its columns",
            "FN-001": "no Q&A section; the contacts page has a form with a textarea",
            "FN-002": "GET form to the seek module; the results page never lists the item nor its title",
            "FN-004": "'Bản in' link on every article page",
            "FN-005": "English home links 'About' only: no contacts page",
            "LY-002": "menu has Trang chủ and Giới thiệu; 'Sơ đồ site' only in the footer; no online-services "
                      "entry anywhere ('Thủ tục hành chính' does not count): missing_status",
        })
