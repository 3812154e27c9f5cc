"""``hoalam-sgddt``: DotNetNuke-like "Trang" of the Sở Giáo dục và Đào tạo, on a non-.gov.vn name.

Date traps: sections only in the left pane, unpadded D/M/YYYY dates, a broken-format header clock, a
sitemap at ``/SiteMap.aspx`` named in robots.txt, a future effective date.

Issue 3: the domain ``sgddt.hoalam.edu.vn`` is not a state-agency name (DM-001 fails).  Every discovery
source is read (menus, the "Sơ đồ cổng" page, the robots.txt sitemap), so the Art. 19 sections it lacks
(plans, investment, statistics, access to information) are plain failures, where the same absence
is only a warning on the portals whose discovery is incomplete.  Documents are complete and posted
on time with a documents search; the site search is DNN's postback box (POST only); no print, no
English pages; budget page with estimates only.

Issue 4: plain HTTP serves the portal (no redirect) and HTTPS presents a self-signed certificate;
no AAAA; IIS 8.5 and ASP.NET versions in the headers.  A ``width=980`` viewport over a fixed wrapper,
jQuery 1.9.1 and jQuery UI 1.10.3, IE=edge (harmless), a hotline banner link with neither alt nor name,
an RSS feed made ill-formed by a raw "&", a robots.txt sitemap without lastmod.

Night 2 (issue 5): after eight months without one, the Sở posts a directive document (issued and posted
two days before the demo clock), so its stale directive list is fresh again.  The listing and the
pages whose "Các tin đã đưa" box now names the new document change; nothing else does.
"""

from __future__ import annotations

import datetime as dt

from nd42.demo.common import (
    _PDF,
    CHINHPHU,
    DIRECTIVE_TITLES,
    DVC_URL,
    LEGAL_TITLES,
    PARENT,
    PARTY_TITLES,
    PDF,
    RSS,
    TEXT,
    DemoPortal,
    Net,
    _body,
    _dmy,
    _dmy_bare,
    _doc_items,
    _doc_type,
    _e,
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

JQUERY = "/Resources/Shared/scripts/jquery/jquery-1.9.1.min.js"
JQUERY_UI = "/Resources/Shared/scripts/jquery/jquery-ui-1.10.3.min.js"
FEED = "/Rss.aspx?tabid=57&moduleid=420"
NET = Net(certificate="self_signed")


def build(today: dt.date, night: int = 1) -> DemoPortal:
    """DotNetNuke-like "Trang" of a Sở: sections only in the left pane, unpadded dates, a broken header clock.

    On ``night`` 2 a new directive document is posted (the module docstring).
    """
    name = "Sở Giáo dục và Đào tạo tỉnh Hòa Lâm"
    site = _Site("hoalam-sgddt", name, "dnn", today, server="Microsoft-IIS/8.5", extra_headers={
        "X-Powered-By": "ASP.NET", "X-AspNet-Version": "4.0.30319"})
    paths = {"news": "/tabid/57/Default.aspx", "directive_documents": "/tabid/63/Default.aspx",
             "legal_documents": "/tabid/64/Default.aspx", "party_union": "/tabid/65/Default.aspx"}
    labels = {"news": "Tin tức - Sự kiện", "directive_documents": "Chỉ đạo điều hành",
              "legal_documents": "Văn bản QPPL", "party_union": "Hoạt động Đảng, Đoàn thể"}
    content: dict[str, str | None] = {
        "introduction": "/tabid/54/Default.aspx", "organisation": "/tabid/55/Default.aspx",
        "leaders": "/tabid/56/Default.aspx", "contacts": "/tabid/72/Default.aspx",
        "procedures": "/tabid/70/Default.aspx", "qa": "/tabid/71/Default.aspx", "sitemap": "/tabid/99/Default.aspx",
        "access_to_information": None}
    paths |= {"legal_dissemination": "/tabid/66/Default.aspx", "budget": "/tabid/67/Default.aspx",
              "science": "/tabid/68/Default.aspx"}
    labels |= {"legal_dissemination": "Phổ biến, giáo dục pháp luật", "budget": "Công khai tài chính",
               "science": "Đề tài, sáng kiến khoa học"}
    y = today.year
    # The real clock widgets print 24-hour values with AM/PM and unpadded minutes ("12:0 PM").
    clock = f"{_wd(today, lower=True)}, {_dmy_bare(today)}-12:0 PM"

    news_titles = ("Hội nghị triển khai nhiệm vụ năm học mới khối giáo dục thường xuyên",
                   "Học sinh Hòa Lâm đoạt 3 huy chương tại kỳ thi Olympic khu vực",
                   "Kiểm tra công tác tuyển sinh đầu cấp tại các trường trung học",
                   "Tập huấn chương trình giáo dục phổ thông cho giáo viên cốt cán",
                   "Trao học bổng cho học sinh dân tộc thiểu số vượt khó",
                   "Hội thi giáo viên dạy giỏi cấp tỉnh bậc tiểu học",
                   "Khánh thành điểm trường mầm non thôn Khê Hạ",
                   "Tổng kết năm học và khen thưởng học sinh giỏi",
                   "Triển khai học bạ số cho học sinh tiểu học",
                   "Kiểm tra an toàn trường học mùa mưa bão")
    news = _items("news", (3, 4, 7, 11, 16, 24, 33, 45, 61, 80), news_titles)
    tags = ("Chi bộ", "Công đoàn", "Đoàn Thanh niên")
    party = _items("party_union", (5, 13, 22, 37, 52, 70, 96, 130, 171), _pick(PARTY_TITLES, 2, 9))
    directive = _doc_items("directive_documents", today, (240, 262, 291, 330, 365, 399, 441, 500), DIRECTIVE_TITLES,
                           4, "SGDĐT")
    legal = _doc_items("legal_documents", today, (11, 39, 71, 126, 188, 256, 333, 420), LEGAL_TITLES, 2, "")
    legal[0].effective_age = -20
    _post_promptly(directive)
    _post_promptly(legal)
    mids = {"news": 420, "party_union": 431, "directive_documents": 440, "legal_documents": 441}
    for kind, items in (("news", news), ("party_union", party), ("directive_documents", directive),
                        ("legal_documents", legal)):
        tab = paths[kind].split("/")[2]
        for i, it in enumerate(items):
            it.url = (f"/tabid/{tab}/ctl/ArticleView/mid/{mids[kind]}/articleId/{5200 - it.age * 2 - i}/"
                      f"{_slug(it.title, 50)}.aspx")
    # Night 2's document joins the list after the others got their URLs and posting dates, so that
    # every night-1 document keeps its address and its page (except the "Các tin đã đưa" box).
    neighbours: list[str] = []
    if night == 2:
        posted = _Item("directive_documents", "Về việc tăng cường phòng, chống đuối nước cho học sinh", 2, hour=8,
                       minute=40, number=f"{2400 - 2 * 6}/CV-SGDĐT", views=31, effective_age=2, posted_age=2)
        posted.url = f"/tabid/63/ctl/ArticleView/mid/440/articleId/{5200 - 2 * 2}/{_slug(posted.title, 50)}.aspx"
        neighbours = [it.url for it in sorted(directive, key=lambda it: it.age)[:2]]
        directive.insert(0, posted)
        site.night_changes(
            summary_vi="Đăng văn bản chỉ đạo điều hành mới (sau 8 tháng không cập nhật): chuyên mục hết lạc hậu.",
            summary_en="A new directive document is posted (after eight months without one): the section is fresh "
                       "again.",
            fixed={"FR-001": PROFILES}, changed=[paths["directive_documents"], *neighbours], added=[posted.url])

    top = (("Trang chủ", "/", ()), ("Giới thiệu", content["introduction"] or "", (
        ("Cơ cấu tổ chức", content["organisation"] or ""), ("Lãnh đạo Sở", content["leaders"] or ""))),
        (labels["news"], paths["news"], ()), ("Thủ tục hành chính", content["procedures"] or "", ()),
        ("Dịch vụ công", DVC_URL, ()), ("Hỏi đáp", content["qa"] or "", ()),
        ("Liên hệ", content["contacts"] or "", ()), ("Sơ đồ cổng", content["sitemap"] or "", ()))
    nav = '<ul id="dnn_dnnNAV_ctldnnNAV" class="topNav">' + "".join(
        f'<li><a href="{_e(h)}">{_e(t)}</a>'
        + ("<ul>" + "".join(f'<li><a href="{_e(sh)}">{_e(st)}</a></li>' for st, sh in sub) + "</ul>" if sub else "")
        + "</li>" for t, h, sub in top) + "</ul>"
    notices = "".join(f'<li><a href="{_e(it.url)}">{_e(it.title)}</a> <span class="ShowDate">'
                      f"({_dmy_bare(site.day(it.age))})</span></li>" for it in news[:4])
    left = ('<div id="dnn_LeftPane" class="LeftPane"><div class="DnnModule DnnModule-DNN_HTML"><div class="box">'
            '<div class="box-title"><span id="dnn_ctr380_dnnTITLE_titleLabel" class="Head">Danh mục</span></div>'
            "<ul>" + "".join(f'<li><a href="{_e(paths[k])}">{_e(labels[k])}</a></li>'
                             for k in ("directive_documents", "legal_documents", "party_union", "legal_dissemination",
                                       "budget", "science")) + "</ul></div></div>"
            '<div class="DnnModule"><div class="box"><div class="box-title"><span class="Head">Thông báo</span></div>'
            f'<ul>{notices}</ul></div></div></div>')

    def page(title: str, main: str, tab: str, head: str = "") -> str:
        return (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            '<html xml:lang="vi-VN" lang="vi-VN" xmlns="http://www.w3.org/1999/xhtml"><head id="Head">'
            "<!--**********************************************************************************-->"
            "<!-- DNN Platform - http://www.dnnsoftware.com                                        -->"
            "<!--**********************************************************************************-->"
            '<meta content="text/html; charset=UTF-8" http-equiv="Content-Type">'
            '<meta http-equiv="X-UA-Compatible" content="IE=edge">'
            # The skin's designer gave the viewport the page's fixed width, which only zooms it out on phones.
            '<meta name="viewport" content="width=980">'
            f"<title>{_e(title)} - Sở Giáo dục và Đào tạo Hòa Lâm</title>"
            '<link href="/Portals/_default/Skins/SGDDT/skin.css?cdv=41" type="text/css" rel="stylesheet">'
            f'<script src="{JQUERY}" type="text/javascript"></script>'
            f'<script src="{JQUERY_UI}" type="text/javascript"></script>'
            f'{head}</head><body id="Body">'
            f'<form method="post" action="{_e(tab)}" id="Form" enctype="multipart/form-data">'
            '<div class="aspNetHidden"><input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="">'
            '<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="U2tpbjpTR0REVDtUYWI6NTc7TGFuZzp2aS1WTj'
            'tQb3J0YWw6MDtNb2R1bGVzOjM4MCw0MjAsNDMxLDQ0MCw0NDE7Q2FjaGU6MQ=="></div>'
            '<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" '
            'value="CA0B0334"></div>'
            '<div id="dnn_wrapper" style="width:980px;margin:0 auto">'
            '<div class="header"><a href="/"><img src="/Portals/0/logo-sgddt.png" '
            'alt="Sở Giáo dục và Đào tạo tỉnh Hòa Lâm"></a><span class="site-title">TRANG THÔNG TIN ĐIỆN TỬ '
            "SỞ GIÁO DỤC "
            f'VÀ ĐÀO TẠO TỈNH HÒA LÂM</span><span id="dnn_dnnCURRENTDATE_lblDate" class="DateToken">{clock}</span>'
            '<a id="dnn_dnnLOGIN_loginLink" href="/Login.aspx?returnurl=%2f" rel="nofollow">Đăng nhập</a>'
            # DNN's search skin object: a text box and a postback button inside the page-wide form.
            '<span id="dnn_dnnSEARCH_ClassicSearch"><input name="dnn$dnnSEARCH$txtSearch" type="text" maxlength="255" '
            'id="dnn_dnnSEARCH_txtSearch" class="NormalTextBox" placeholder="Tìm kiếm"><input type="submit" '
            'name="dnn$dnnSEARCH$cmdSearch" value="Tìm kiếm" id="dnn_dnnSEARCH_cmdSearch"></span></div>'
            f'{nav}<table class="layout" width="100%"><tr><td valign="top" width="250">{left}</td>'
            f'<td valign="top"><div id="dnn_ContentPane" class="ContentPane">{main}</div></td></tr></table>'
            '<div class="footer"><p>TRANG THÔNG TIN ĐIỆN TỬ SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH HÒA LÂM</p>'
            "<p>Cơ quan chủ quản: Sở Giáo dục và Đào tạo tỉnh Hòa Lâm</p>"
            "<p>Trưởng Ban biên tập: Ông Nguyễn Hữu Phước - Phó Giám đốc Sở</p>"
            "<p>Giấy phép số 05/GP-STTTT do Sở Thông tin và Truyền thông tỉnh Hòa Lâm cấp ngày 12/07/2017</p>"
            "<p>Địa chỉ: Số 2 đường Hùng Vương, phường Hòa Lâm. Điện thoại: 0200 3852 233. Email: "
            f'sgddt@hoalam.gov.vn</p><p><a href="{content["sitemap"]}">Sơ đồ cổng</a> · Copyright 2017 by Sở GD&amp;ĐT'
            "</p></div></div></form></body></html>")

    def module(mid: int, title: str, inner: str) -> str:
        return (f'<div class="DnnModule DnnModule-{mid}"><a name="{mid}"></a><div class="box">'
                f'<div class="box-title"><h2 id="dnn_ctr{mid}_dnnTITLE_titleLabel" class="Head">{_e(title)}</h2></div>'
                f'<div id="dnn_ctr{mid}_ContentPane">{inner}</div></div></div>')

    # Lists with unpadded dates; Party items carry a category tag.
    def news_list(kind: str, items: list[_Item]) -> str:
        return "".join(
            '<div class="article-item">'
            f'{"<span class=tag>[" + tags[n % 3] + "]</span> " if kind == "party_union" else ""}'
            f'<a class="title" href="{_e(it.url)}">{_e(it.title)}</a><div class="date">Ngày cập nhật: '
            f"{_dmy_bare(site.day(it.age))}</div></div>" for n, it in enumerate(items))

    for kind, items in (("news", news), ("party_union", party)):
        site.add(paths[kind], page(labels[kind], module(mids[kind], labels[kind], news_list(kind, items)), paths[kind]))
        site.section(kind, labels[kind], "menu" if kind == "news" else "sidebar", [paths[kind]], items)

    def attachment(it: _Item) -> str:
        return f"/Portals/0/VanBan/{_slug(it.number)}-{it.age}.pdf"

    def doc_table(items: list[_Item], legal_cols: bool) -> str:
        head = ("<tr><th>Số hiệu</th>" + ("<th>Loại văn bản</th><th>Cơ quan ban hành</th>" if legal_cols else "")
                + "<th>Ngày ban hành</th>" + ("<th>Ngày hiệu lực</th>" if legal_cols else "")
                + "<th>Trích yếu</th>" + ("<th>Tệp đính kèm</th>" if legal_cols else "") + "</tr>")
        return (f'<table class="grid" border="1" cellpadding="3">{head}' + "".join(
            f"<tr><td>{_e(it.number)}</td>"
            + (f"<td>{_doc_type(it)}</td><td>{'HĐND tỉnh' if 'HĐND' in it.number else 'UBND tỉnh'}</td>"
               if legal_cols else "")
            + f"<td>{_dmy_bare(site.day(it.age))}</td>"
            + (f"<td>{_dmy_bare(site.day(it.effective_age or 0))}</td>" if legal_cols else "")
            + f'<td><a href="{_e(it.url)}">{_e(it.title)}</a></td>'
            + (f'<td><a href="{_e(attachment(it))}">Tải về</a></td>' if legal_cols else "") + "</tr>"
            for it in items) + "</table>")

    # The documents module's own search panel (inside the page-wide form, like everything on DNN).
    doc_search = ('<div class="vbSearch"><label for="dnn_ctr441_txtKeyword">Từ khóa</label><input '
                  'name="dnn$ctr441$VanBan$txtKeyword" id="dnn_ctr441_txtKeyword" type="text"><label>Loại văn bản '
                  '<select name="dnn$ctr441$VanBan$ddlLoai"><option value="0">Tất cả</option><option value="1">'
                  'Quyết định</option><option value="2">Nghị quyết</option></select></label><label>Cơ quan ban hành '
                  '<select name="dnn$ctr441$VanBan$ddlCoQuan"><option value="0">Tất cả</option><option value="1">'
                  'UBND tỉnh</option></select></label><input type="submit" name="dnn$ctr441$VanBan$btnSearch" '
                  'value="Tìm kiếm"></div><p><a href="/tabid/64/ctl/Search/mid/441/Default.aspx">Tìm kiếm nâng cao'
                  "</a></p>")
    for kind, items in (("directive_documents", directive), ("legal_documents", legal)):
        legal_cols = kind == "legal_documents"
        site.add(paths[kind], page(labels[kind], module(mids[kind], labels[kind], (doc_search if legal_cols else "")
                                                        + doc_table(items, legal_cols)), paths[kind]))
        site.section(kind, labels[kind], "sidebar", [paths[kind]], items)
    for it in legal:
        site.add(attachment(it), _PDF, PDF)
    site.add("/tabid/64/ctl/Search/mid/441/Default.aspx", page("Tìm kiếm văn bản", module(441, "Tìm kiếm văn bản",
                                                                                       doc_search.split("<p>")[0]),
                                                           "/tabid/64/ctl/Search/mid/441/Default.aspx"))
    site.traps += [
        f'header clock in a broken format "{clock}" on every page, above a stale directive list',
        "directive, legal and Party sections only in the left pane ('Danh mục'); a 'Thông báo' box of fresh dates "
        "beside them",
        "unpadded D/M/YYYY dates ('5/4/2026'); Party items tagged [Công đoàn], [Đoàn Thanh niên]",
        "sitemap named in robots.txt at /SiteMap.aspx (not /sitemap.xml); /Default.aspx answers 301 to /",
        "newest legal document takes effect in the future; a 'Copyright 2017' footer year",
    ]
    for kind, items in (("news", news), ("party_union", party), ("directive_documents", directive),
                        ("legal_documents", legal)):
        for i, it in enumerate(items):
            d = site.day(it.age)
            others = "".join(f'<li><a href="{_e(o.url)}">{_e(o.title)}</a> <span class="ShowDate">({s})</span></li>'
                             for o, s in _related(items, i, today, _dmy_bare))
            doc = ""
            if kind in ("directive_documents", "legal_documents"):
                doc = (f"<p>Số hiệu: {_e(it.number)} - Ngày ban hành: {_dmy_bare(d)} - Ngày hiệu lực: "
                       f"{_dmy_bare(site.day(it.effective_age or 0))} - Ngày đăng: "
                       f"{_dmy_bare(site.day(it.posted_age or 0))}</p>")
                if kind == "legal_documents":
                    doc += (f"<p>Loại văn bản: {_doc_type(it)} - Cơ quan ban hành: Ủy ban nhân dân tỉnh Hòa Lâm</p>"
                            f'<p>Tệp đính kèm: <a href="{_e(attachment(it))}">{_e(attachment(it).rsplit("/", 1)[1])}'
                            "</a></p>")
            main = module(mids[kind], labels[kind], (
                f'<h1 class="article-title">{_e(it.title)}</h1><div class="article-date">{_wd(d)}, {_dmy(d)} '
                f'{it.hour:02d}:{it.minute:02d}</div>{doc}<div class="article-body">'
                f"{_body(it, site, name, 'Giám đốc Sở Mai Xuân Trường')}</div>"
                f'<div class="other"><h3>Các tin đã đưa</h3><ul>{others}</ul></div>'))
            site.add(it.url, page(it.title, main, it.url))

    # The Art. 19 listings it has (issue 3), in the left pane like the documents.
    art19: dict[str, list[_Item]] = {
        "legal_dissemination": _items("legal_dissemination", (4, 18, 45, 130), (
            "Tuyên truyền pháp luật về phòng, chống bạo lực học đường",
            "Tài liệu phổ biến Luật Nhà giáo cho cán bộ quản lý, giáo viên",
            "Hội nghị phổ biến pháp luật về an toàn giao thông cho học sinh",
            "Cuộc thi tìm hiểu pháp luật về quyền trẻ em")),
        # Estimates only (CT-011 warns).
        "budget": _items("budget", (26, 90, 200), (
            f"Công khai dự toán ngân sách năm {y} của các đơn vị trực thuộc",
            "Công khai tình hình thực hiện dự toán ngân sách quý III",
            "Công khai mức thu học phí năm học mới")),
        "science": _items("science", (30, 120, 260), (
            "Danh mục sáng kiến được công nhận cấp tỉnh ngành giáo dục",
            "Thông báo đăng ký đề tài khoa học cấp cơ sở",
            "Kết quả hội thi khoa học kỹ thuật dành cho học sinh trung học")),
    }
    tab_mid = {"legal_dissemination": (66, 450), "budget": (67, 451), "science": (68, 452)}

    def art19_url(kind: str, i: int, it: _Item) -> str:
        tab, mid = tab_mid[kind]
        return f"/tabid/{tab}/ctl/ArticleView/mid/{mid}/articleId/{6100 - it.age * 2 - i}/{_slug(it.title, 50)}.aspx"

    def art19_page(kind: str, items: list[_Item]) -> str:
        return page(labels[kind], module(tab_mid[kind][1], labels[kind], news_list(kind, items)), paths[kind])

    def art19_article(kind: str, it: _Item) -> str:
        return page(it.title, module(tab_mid[kind][1], labels[kind], (
            f'<h1 class="article-title">{_e(it.title)}</h1><div class="article-date">'
            f'{_wd(site.day(it.age))}, {_dmy(site.day(it.age))}</div><div class="article-body">'
            f"{_plain_body(it, name)}</div>")), it.url)

    for kind, items in art19.items():
        site.listing(kind, labels[kind], "sidebar", paths[kind], items, url=art19_url, listing=art19_page,
                     article=art19_article)

    leaders = (("Ông Mai Xuân Trường", "Giám đốc", "1971", "Tiến sĩ Quản lý giáo dục",
                "Lãnh đạo chung; phụ trách tổ chức cán bộ, kế hoạch - tài chính"),
               ("Ông Nguyễn Hữu Phước", "Phó Giám đốc", "1976", "Thạc sĩ Toán học",
                "Phụ trách giáo dục trung học, khảo thí"),
               ("Bà Tạ Thị Kim Oanh", "Phó Giám đốc", "1980", "Thạc sĩ Giáo dục học",
                "Phụ trách giáo dục mầm non, tiểu học"))
    directory = (("Ông Mai Xuân Trường", "Giám đốc Sở", "0200 3852 233", "truongmx@hoalam.gov.vn"),
                 ("Bà Đỗ Thị Hương", "Chánh Văn phòng Sở", "0200 3852 240", "huongdt.sgddt@hoalam.gov.vn"))
    texts = {
        "introduction": ("Giới thiệu", "<p>Sở Giáo dục và Đào tạo tỉnh Hòa Lâm là cơ quan chuyên môn thuộc Ủy ban "
                         "nhân dân tỉnh, có chức năng tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về giáo "
                         "dục mầm non, giáo dục phổ thông, giáo dục thường xuyên trên địa bàn tỉnh.</p><p>Nhiệm vụ "
                         "và quyền hạn của Sở thực hiện theo quy định của Ủy ban nhân dân tỉnh.</p>"),
        "organisation": ("Cơ cấu tổ chức", "<ul><li>Văn phòng Sở</li><li>Thanh tra Sở</li><li>Phòng Giáo dục phổ "
                         "thông</li><li>Phòng Giáo dục mầm non</li><li>Phòng Khảo thí và Kiểm định chất lượng</li>"
                         "</ul>"),
        "leaders": ("Lãnh đạo Sở", '<table class="grid" border="1" cellpadding="3"><tr><th>Họ và tên</th>'
                    "<th>Chức vụ</th><th>Năm sinh</th><th>Trình độ</th><th>Lĩnh vực phụ trách</th></tr>" + "".join(
                        f"<tr><td>{_e(n)}</td><td>{_e(t)}</td><td>{b}</td><td>{_e(tr)}</td><td>{_e(pt)}</td></tr>"
                        for n, t, b, tr, pt in leaders) + "</table>"),
        "contacts": ("Liên hệ", "<p>Địa chỉ: Số 2 đường Hùng Vương, phường Hòa Lâm. Điện thoại: 0200 3852 233. Fax: "
                     "0200 3852 234. Email: sgddt@hoalam.gov.vn</p><h3>Danh bạ điện thoại</h3><table class=\"grid\" "
                     'border="1" cellpadding="3"><tr><th>Họ và tên</th><th>Chức vụ</th><th>Điện thoại</th>'
                     "<th>Email</th></tr>" + "".join(
                         f"<tr><td>{_e(n)}</td><td>{_e(t)}</td><td>{p}</td><td>{m}</td></tr>"
                         for n, t, p, m in directory) + "</table>"),
        "procedures": ("Thủ tục hành chính", "<p>Thủ tục công nhận trường đạt chuẩn quốc gia, cấp bản sao văn bằng, "
                       f'chuyển trường.</p><p><a href="{DVC_URL}">Cổng Dịch vụ công quốc gia</a></p>'),
        "qa": ("Hỏi đáp", "<p><b>Hỏi:</b> Thủ tục xin cấp bản sao bằng tốt nghiệp?</p><p><b>Đáp:</b> Nộp đơn tại "
               "Bộ phận một cửa của Sở hoặc trực tuyến.</p><p>Câu hỏi xin gửi về hộp thư: "
               "hoidap.sgddt@hoalam.gov.vn</p>"),
    }
    for k, (title, text) in texts.items():
        path = content[k] or ""
        site.add(path, page(title, module(380, title, text), path))
    tree = [("Trang chủ", "/"), *((t, h) for t, h, _ in top[1:] if h.startswith("/")),
            ("Cơ cấu tổ chức", content["organisation"] or ""), ("Lãnh đạo Sở", content["leaders"] or ""),
            *((labels[k], paths[k]) for k in ("directive_documents", "legal_documents", "party_union", *art19))]
    sitemap_page = content["sitemap"] or ""
    site.add(sitemap_page, page("Sơ đồ cổng", module(380, "Sơ đồ cổng", "<ul>" + "".join(
        f'<li><a href="{_e(h)}">{_e(t)}</a></li>' for t, h in tree if h != sitemap_page) + "</ul>"), sitemap_page))
    home = (module(420, "Tin tức - Sự kiện", news_list("news", news[:5]))
            + module(421, "Liên kết", f'<a href="{DVC_URL}"><img src="/Portals/0/dichvucong.png" '
                                      'alt="Dịch vụ công trực tuyến"></a>'
                                      f'<a href="{CHINHPHU}"><img src="/Portals/0/chinhphu.png" alt="Cổng Thông tin '
                                      'điện tử Chính phủ"></a>'
                                      f'<a href="{PARENT}"><img src="/Portals/0/hoalam.png" alt="Cổng Thông tin điện '
                                      'tử tỉnh Hòa Lâm"></a>'
                                      # The hotline banner: the number is in the picture only, no alt text.
                                      f'<a href="{content["contacts"]}"><img src="/Portals/0/duong-day-nong.png"></a>'))
    site.add("/", page(name, home, "/", head='<link rel="alternate" type="application/rss+xml" title="Tin tức - '
                                            f'Sự kiện" href="{_e(FEED)}">'))
    # The news module's hand-made RSS template writes titles unescaped: "GD&ĐT" makes the XML ill-formed.
    site.add(FEED, _rss(f"{labels['news']} | Sở GD&ĐT Hòa Lâm", paths["news"],
                        [(it.title, it.url, _published(site, it)) for it in news], escape_text=False), RSS)
    site.redirect("/Default.aspx", "/", status=301)
    site.add("/Login.aspx", page("Đăng nhập", module(380, "Đăng nhập", "<input name=\"username\">"), "/Login.aspx"))
    site.add("/robots.txt", _robots(["/admin/", "/Login.aspx", "/DesktopModules/", "/Providers/"], "/SiteMap.aspx"),
             TEXT)
    site.add("/SiteMap.aspx", _urlset(["/", *(h for _, h in tree[1:])]), "text/xml; charset=utf-8")
    site.traps += [
        "the site search is DNN's postback box inside form#Form (no GET form anywhere)",
        "a .edu.vn host name for a state agency",
    ]
    return site.portal(
        landing="/", content=content, hostname="sgddt.hoalam.edu.vn", level="department",
        site={"lang": "vi-VN", "viewport": False, "robots_txt": True, "sitemap_xml": "/SiteMap.aspx",
              "sitemap_page": sitemap_page, "robots_disallowed_linked": "/Login.aspx?returnurl=%2f",
              "footer": {"owner": True, "responsible": True, "licence": True, "copyright": True, "address": True,
                         "phone": True, "email": True},
              "regions": {"header": "//div[@class='header']", "menu": "//ul[@id='dnn_dnnNAV_ctldnnNAV']",
                          "footer": "//div[@class='footer']", "main": "//div[@id='dnn_ContentPane']"}},
        discovery={"menus": "read", "sitemap_page": "read", "sitemap_xml": "read"},
        probes={"search": {"status": "post_only"}, "english": {"status": "no_link"}, "print": {"found": False}},
        net=NET,
        tech={"feed": FEED, "libraries": {"jquery": "1.9.1", "jquery-ui": "1.10.3"},
              "images_no_alt": {"/": ["/Portals/0/duong-day-nong.png"]}, "fixed_width": "#dnn_wrapper width:980px"},
        outcomes={
            "TL-001": "pass", "TL-002": "fail", "TL-003": "pass", "TL-004": "pass", "TL-005": "pass", "TL-006": "fail",
            "TL-007": "warn", "TL-008": "not_applicable",
            "NW-001": "fail", "NW-002": "not_applicable", "NW-003": "warn",
            "SH-001": "warn", "SH-002": "warn", "SH-003": "warn", "SH-004": "warn", "SH-005": "warn",
            "PF-001": "pass", "PF-002": "pass", "PF-003": "pass", "PF-004": "warn", "PF-005": "warn", "PF-006": "pass",
            "SM-001": "pass", "SM-002": "warn", "SM-003": "fail",
            "UC-001": "pass", "UC-002": "pass", "UC-003": "pass",
            "MB-001": "warn", "MB-002": "warn",
            "AC-001": "pass", "AC-002": "pass", "AC-003": "fail", "AC-004": "pass", "AC-005": "warn", "AC-006": "pass",
            "AC-007": "fail", "AC-008": "pass", "AC-009": "not_applicable",
            "OT-001": "fail", "OT-002": "pass", "OT-003": "pass", "OT-004": "pass", "OT-005": "fail", "OT-006": "pass",
            "CT-001": "pass", "CT-002": "pass", "CT-003": "pass", "CT-004": "pass", "CT-005": "pass",
            "CT-006": "pass", "CT-007": "pass", "CT-008": "pass", "CT-009": "pass", "CT-010": "warn",
            "CT-011": "missing", "CT-012": "not_applicable", "CT-013": "not_applicable",
            "FN-001": "pass", "FN-002": "not_determinable", "FN-003": "pass", "FN-004": "missing",
            "FN-005": "missing", "LY-001": "pass", "LY-002": "pass", "LY-003": "pass", "DM-001": "missing",
        },
        notes={
            "TL-002": "a self-signed certificate (not issued by the demo CA): the chain does not verify",
            "TL-003": "the self-signed certificate names sgddt.hoalam.edu.vn: the host matches",
            "TL-006": "http:// serves the portal: no redirect to HTTPS",
            "TL-008": "the portal's URL is http://: no page is fetched over HTTPS",
            "SH-005": "Server: Microsoft-IIS/8.5, X-AspNet-Version: 4.0.30319",
            "SM-002": "robots.txt declares /SiteMap.aspx, whose entries have no <lastmod>",
            "SM-003": "the advertised RSS feed has a raw '&' ('Sở GD&ĐT'): not well-formed XML",
            "MB-001": "<meta name=viewport content=width=980>: present without device-width",
            "AC-003": "home 'Liên kết' box: the hotline banner <img> has no alt",
            "AC-007": "the same banner is the only content of its link: a link without a name",
            "OT-001": "jQuery 1.9.1 (< 3.5.0) and jQuery UI 1.10.3 (< 1.13.2)",
            "OT-004": "X-UA-Compatible IE=edge: obsolete but harmless, pass",
            "OT-005": "Server: Microsoft-IIS/8.5 (end of life 2023-10-10)",
            "SP-013": "no plans section and every discovery source read (menus, site-map page, robots.txt "
                      "sitemap /SiteMap.aspx): fail (the honest-verdict contrast with the other portals)",
            "SP-014": "no investment section; discovery complete: fail",
            "SP-016": "no statistics section; discovery complete: fail",
            "SP-019": "no access-to-information section; discovery complete: fail",
            "SP-018": "no consultation section: warn (configured warn)",
            "CT-003": "leaders table: Họ và tên, Chức vụ, Năm sinh, Trình độ, Lĩnh vực phụ trách",
            "CT-006": "legal listing: Số hiệu, Loại văn bản, Cơ quan ban hành, Ngày ban hành, Ngày hiệu lực, "
                      "Trích yếu, Tệp đính kèm",
            "CT-007": "documents search panel (text box + selects) and a 'Tìm kiếm nâng cao' link on the listing; "
                      "either reading of the page-wide DNN form gives pass",
            "CT-008": "detail pages: 'Ngày đăng' 0–1 day after 'Ngày ban hành' (legal and directive)",
            "CT-010": "no plans section; directive, legal and news titles hold no work plan of the year: warn",
            "CT-011": "budget page: estimates and fees only: warn by default",
            "FN-001": "Q&A page without a form but with an e-mail address: pass",
            "FN-002": "DNN search box: a text input and a submit in the page-wide POST form: post_only",
            "FN-003": "chinhphu.vn and the configured parent hoalam.gov.vn linked from the home 'Liên kết' box",
            "DM-001": "sgddt.hoalam.edu.vn does not end with .gov.vn",
        })
