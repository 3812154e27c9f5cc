"""``hoalam-bqlkcn``: a modern HTML5 "Trang" of the Ban Quản lý các khu công nghiệp.

Date traps: a news listing without visible dates, ``<time datetime="…Z">`` one UTC day behind, the
Party section only in sitemap.xml, titles with date ranges, a sidebar of future events.

Issue 3: plans with the year's work programme, investment, statistics, consultations with a deadline
column, an access-to-information page that explains the request procedure but lists nothing; no
budget, science or legal-dissemination section; legal documents with full metadata, two of them
posted five to six weeks late; the search (GET ``/tim-kiem/``) is disallowed by robots.txt; leaders
are a hub of links; Q&A without a form; no fax; no HTML site map (discovery incomplete).

Issue 4: the technically compliant portal: HTTPS only (301 from http://), a valid certificate, a
year of HSTS, CSP with frame-ancestors, X-Content-Type-Options, X-Frame-Options and Referrer-Policy,
``Server: nginx`` without version, AAAA with the same portal on [::1], gzip and cache validators, a
viewport without fixed widths, headings in order, a titled map iframe, jQuery 3.7.1 and Bootstrap
5.3.3, a sitemap with lastmod declared in robots.txt and a dated Atom feed.  Its only technical warning
is DNSSEC (its name is not signed).

Night 2 (issue 5): nobody renewed the certificate.  The HTTPS endpoint presents the same name's
certificate, expired 20 days before the demo clock; the chain still verifies (the probes do not check
time) and the crawl goes on, but the expiry rule fails.  Nothing else changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from nd42.demo.common import (
    _PDF,
    ATOM,
    CHINHPHU,
    DIRECTIVE_TITLES,
    DVC_URL,
    LEGAL_TITLES,
    PARENT,
    PDF,
    QUERY,
    RESULTS,
    TEXT,
    XML,
    DemoPortal,
    Net,
    SearchEndpoint,
    _atom,
    _body,
    _dmy,
    _doc_items,
    _doc_type,
    _e,
    _iso_local,
    _iso_utc,
    _Item,
    _items,
    _plain_body,
    _post_late,
    _published,
    _related,
    _robots,
    _Site,
    _slug,
    _urlset,
    _wd,
)
from nd42.demo.expect import PROFILES, TECH_RULE_IDS

# The one portal whose web server sends the security headers (and names no version).
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-src https://bando.hoalam.gov.vn; "
                               "frame-ancestors 'self'; base-uri 'self'; form-action 'self'",
    "X-Content-Type-Options": "nosniff", "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()"}
MAP = "https://bando.hoalam.gov.vn/kcn/embed"
FEED = "/tin-tuc/feed.atom"
NET = Net(certificate="valid", http="redirect", hsts="max-age=31536000; includeSubDomains", aaaa=True, ipv6="site",
          gzip=True, validators=True, cache_control="public, max-age=600")
# The renewal is a manual step at this agency: on night 2 it has been missed.
NET_NIGHT2 = dataclasses.replace(NET, certificate="expired")


def build(today: dt.date, night: int = 1) -> DemoPortal:
    """A modern HTML5 "Trang": semantic markup, an undated news listing, UTC timestamps, a sitemap.xml-only section.

    On ``night`` 2 its certificate has expired (the module docstring).
    """
    name = "Ban Quản lý các khu công nghiệp tỉnh Hòa Lâm"
    site = _Site("hoalam-bqlkcn", name, "html5", today, server="nginx", extra_headers=SECURITY_HEADERS)
    paths = {"directive_documents": "/van-ban/chi-dao-dieu-hanh/", "legal_documents": "/van-ban/quy-pham-phap-luat/",
             "news": "/tin-tuc/", "party_union": "/doan-thanh-nien/"}
    labels = {"directive_documents": "Văn bản chỉ đạo điều hành", "legal_documents": "Văn bản pháp quy",
              "news": "Tin tức", "party_union": "Đoàn Thanh niên"}
    content: dict[str, str | None] = {
        "introduction": "/gioi-thieu/", "organisation": "/gioi-thieu/co-cau-to-chuc/",
        "leaders": "/gioi-thieu/lanh-dao-ban/", "contacts": "/lien-he/", "procedures": DVC_URL, "qa": "/hoi-dap/",
        "sitemap": None, "access_to_information": "/tiep-can-thong-tin/"}
    paths |= {"plans": "/chuong-trinh-ke-hoach/", "investment": "/du-an-dau-tu/", "statistics": "/thong-ke/",
              "consultation": "/van-ban/lay-y-kien-du-thao/"}
    labels |= {"plans": "Chương trình, kế hoạch", "investment": "Dự án đầu tư", "statistics": "Thống kê",
               "consultation": "Lấy ý kiến dự thảo"}
    y = today.year
    en = {"home": "/en/", "organisation": "/en/about-us/", "contacts": "/en/contact/"}

    def dm(days: int) -> str:
        return f"{today + dt.timedelta(days=days):%d/%m}"

    def dmy_in(days: int) -> str:
        return _dmy(today + dt.timedelta(days=days))

    news_titles = (f"Hội chợ triển lãm sản phẩm công nghiệp chủ lực (dự kiến từ ngày {dm(6)} đến {dmy_in(10)})",
                   "Tiếp và làm việc với đoàn nhà đầu tư Hàn Quốc tại Khu công nghiệp Bắc Hòa Lâm",
                   "Trao giấy chứng nhận đăng ký đầu tư cho dự án sản xuất linh kiện điện tử",
                   "Đối thoại với doanh nghiệp về thủ tục hải quan và thuế",
                   "Kiểm tra phòng cháy, chữa cháy tại các nhà máy trong khu công nghiệp",
                   "Khánh thành nhà máy xử lý nước thải tập trung giai đoạn hai",
                   "Tập huấn an toàn, vệ sinh lao động cho doanh nghiệp FDI",
                   "Ký kết thỏa thuận hợp tác xúc tiến đầu tư với tỉnh bạn",
                   "Khởi công nhà ở cho công nhân khu công nghiệp Nam Khê",
                   "Sơ kết công tác thu hút đầu tư 9 tháng")
    news = _items("news", (2, 3, 6, 9, 14, 20, 27, 35, 44, 58), news_titles)
    youth_titles = (
        "Đoàn Thanh niên Ban Quản lý ra quân chiến dịch Mùa hè xanh",
        f"Kế hoạch tổ chức Tháng Công nhân (dự kiến từ ngày {dm(-12)} đến {dmy_in(-5)})",
        f"Giải bóng đá thanh niên công nhân khu công nghiệp (dự kiến từ ngày {dm(9)} đến {dmy_in(16)})",
        "Đại hội Chi đoàn cơ quan nhiệm kỳ mới",
        "Tuổi trẻ Ban Quản lý hưởng ứng Ngày Chủ nhật xanh",
        "Thanh niên công nhân tìm hiểu pháp luật lao động",
        "Trao học bổng cho con em công nhân vượt khó",
        "Đoàn Thanh niên ký kết chương trình phối hợp với doanh nghiệp",
        "Tập huấn kỹ năng cho cán bộ Đoàn cơ sở")
    youth = _items("party_union", (125, 140, 166, 190, 222, 250, 281, 318, 350), youth_titles)
    # 05:45 local is 22:45 UTC of the day before: a UTC timestamp read as a date is one day off.
    news[0].hour, news[0].minute = 5, 45
    youth[0].hour, youth[0].minute = 5, 45
    directive = _doc_items("directive_documents", today, (180, 205, 236, 270, 301, 333, 369, 412, 450),
                           DIRECTIVE_TITLES, 9, "BQLKCN")
    legal = _doc_items("legal_documents", today, (16, 45, 77, 110, 160, 230, 300, 380), LEGAL_TITLES, 6, "")
    legal[0].effective_age = -10  # the newest legal document takes effect in ten days
    for n, it in enumerate(legal):
        it.posted_age = it.age - (n % 2 if it.age >= 1 else 0)
    _post_late(legal[3], 38)  # two uploads weeks after signing (CT-008 fails); their posted dates stay
    _post_late(legal[5], 45)  # older than the newest issue date, so the listing's newest date is unchanged
    for kind, items in (("news", news), ("party_union", youth), ("directive_documents", directive),
                        ("legal_documents", legal)):
        for i, it in enumerate(items):
            it.url = f"{paths[kind]}{_slug(it.title, 55)}-{9100 - it.age * 5 - i}.html"

    def nav() -> str:
        def li(t: str, h: str, sub: Sequence[tuple[str, str]] = ()) -> str:
            inner = ("<ul>" + "".join(f'<li><a href="{_e(sh)}">{_e(st)}</a></li>' for st, sh in sub) + "</ul>"
                     if sub else "")
            return f'<li><a href="{_e(h)}">{_e(t)}</a>{inner}</li>'

        return ('<nav class="main-nav" aria-label="Menu chính"><ul>' + li("Trang chủ", "/")
                + li("Giới thiệu", "/gioi-thieu/", (("Cơ cấu tổ chức", content["organisation"] or ""),
                                                    ("Lãnh đạo Ban", content["leaders"] or "")))
                + li(labels["news"], paths["news"])
                + li("Văn bản", "/van-ban/", ((labels["directive_documents"], paths["directive_documents"]),
                                              (labels["legal_documents"], paths["legal_documents"]),
                                              (labels["consultation"], paths["consultation"])))
                + li("Đầu tư", paths["investment"], tuple((labels[k], paths[k]) for k in ("investment", "plans",
                                                                                             "statistics")))
                + li("Tiếp cận thông tin", content["access_to_information"] or "")
                + li("Thủ tục hành chính", DVC_URL) + li("Hỏi đáp", content["qa"] or "")
                + li("Liên hệ", content["contacts"] or "") + li("Tìm kiếm", "/tim-kiem/") + "</ul></nav>")

    search_form = ('<form class="site-search" role="search" action="/tim-kiem/" method="get"><label for="q" '
                   'class="sr-only">Tìm kiếm</label><input type="search" id="q" name="q" placeholder="Tìm kiếm">'
                   '<button type="submit">Tìm</button></form>')

    events = (("Hội nghị xúc tiến đầu tư vào các khu công nghiệp", 8), ("Đối thoại doanh nghiệp quý IV", 15))
    aside = ('<aside class="sidebar"><section><h2>Sự kiện sắp diễn ra</h2><ul>' + "".join(
        f'<li>{_e(t)} - <time datetime="{(today + dt.timedelta(days=d)).isoformat()}">{dmy_in(d)}</time></li>'
        for t, d in events) + "</ul></section></aside>")

    def page(title: str, main: str, head: str = "") -> str:
        return (
            '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)} | Ban Quản lý các KCN Hòa Lâm</title>"
            '<link rel="stylesheet" href="/assets/vendor/bootstrap/5.3.3/css/bootstrap.min.css">'
            '<link rel="stylesheet" href="/assets/site.css">'
            '<script src="/assets/js/jquery-3.7.1.min.js" defer></script>'
            f"{head}</head><body>"
            '<header class="site-header"><a class="brand" href="/"><img src="/assets/logo.svg" alt="Logo Ban Quản lý '
            'các khu công nghiệp tỉnh Hòa Lâm" width="64" height="64"><span>TRANG THÔNG TIN ĐIỆN TỬ<br>BAN QUẢN LÝ CÁC '
            f'KHU CÔNG NGHIỆP TỈNH HÒA LÂM</span></a>{search_form}<a class="lang" href="{en["home"]}" '
            f'hreflang="en">EN</a>{nav()}</header>'
            f'<div class="layout"><main id="main">{main}</main>{aside}</div>'
            '<footer class="site-footer"><p>Cơ quan chủ quản: Ban Quản lý các khu công nghiệp tỉnh Hòa Lâm</p>'
            "<p>Chịu trách nhiệm nội dung: Ông Vương Đình Khải - Phó Trưởng ban</p>"
            "<p>Giấy phép số 08/GP-TTĐT do Sở Thông tin và Truyền thông tỉnh Hòa Lâm cấp ngày 21/03/2022</p>"
            "<p>Địa chỉ: Tầng 4, Trung tâm Hành chính tỉnh, phường Hòa Lâm · Điện thoại: 0200 3898 012 · "
            'Email: <a href="mailto:bqlkcn@hoalam.gov.vn">bqlkcn@hoalam.gov.vn</a></p>'
            f'<p><a href="{CHINHPHU}">Cổng Thông tin điện tử Chính phủ</a> · <a href="{PARENT}">Cổng Thông tin '
            "điện tử tỉnh Hòa Lâm</a></p><p>© 2022 Ban Quản lý các khu công nghiệp tỉnh Hòa Lâm</p></footer>"
            "</body></html>")

    def crumbs(kind: str) -> str:
        return (f'<nav class="breadcrumb" aria-label="breadcrumb"><a href="/">Trang chủ</a> › '
                f'<a href="{_e(paths[kind])}">{_e(labels[kind])}</a></nav>')

    # News: cards without a visible date; only a UTC data attribute the browser script would format.
    cards = "".join(f'<article class="card" data-published="{_iso_utc(site.day(it.age), it.hour, it.minute)}">'
                    f'<h2><a href="{_e(it.url)}">{_e(it.title)}</a></h2><p>{_e(it.title)}.</p></article>'
                    for it in news)
    site.add(paths["news"], page(labels["news"], f'<h1>{labels["news"]}</h1><div class="cards">{cards}</div>'))
    site.section("news", labels["news"], "menu", [paths["news"]], news, dates_on_listing=False)
    # Youth union: visible local dates inside <time datetime="…Z"> (UTC); only sitemap.xml lists this page.
    rows = "".join(f'<li><a href="{_e(it.url)}">{_e(it.title)}</a> <time datetime="'
                   f'{_iso_utc(site.day(it.age), it.hour, it.minute)}">{_dmy(site.day(it.age))}</time></li>'
                   for it in youth)
    site.add(paths["party_union"], page(labels["party_union"], f'<h1>{labels["party_union"]}</h1>'
                                                               f'<ul class="post-list">{rows}</ul>'))
    site.section("party_union", labels["party_union"], "sitemap_xml", [paths["party_union"]], youth)

    def attachment(it: _Item) -> str:
        return f"/files/van-ban/{_slug(it.number)}.pdf"

    def doc_table(items: list[_Item], legal_cols: bool) -> str:
        head = ("<tr><th>Số ký hiệu</th>" + ("<th>Loại văn bản</th><th>Cơ quan ban hành</th>" if legal_cols else "")
                + "<th>Trích yếu</th><th>Ngày ban hành</th>"
                + ("<th>Ngày đăng</th><th>Ngày hiệu lực</th><th>Tệp</th>" if legal_cols else "") + "</tr>")
        body = "".join(
            f"<tr><td>{_e(it.number)}</td>"
            + (f"<td>{_doc_type(it)}</td><td>{'HĐND tỉnh' if 'HĐND' in it.number else 'UBND tỉnh'}</td>"
               if legal_cols else "")
            + f'<td><a href="{_e(it.url)}">{_e(it.title)}</a></td><td><time datetime="'
            f'{_iso_local(site.day(it.age), it.hour, it.minute)}">{_dmy(site.day(it.age))}</time></td>'
            + (f"<td>{_dmy(site.day(it.posted_age or 0))}</td><td>{_dmy(site.day(it.effective_age or 0))}</td>"
               f'<td><a href="{_e(attachment(it))}">PDF</a></td>' if legal_cols else "") + "</tr>"
            for it in items)
        return f'<table class="docs"><thead>{head}</thead><tbody>{body}</tbody></table>'

    # The documents database has a filter form and an advanced-search page.
    doc_filter = ('<form class="doc-filter" method="get" action="/van-ban/tra-cuu/"><label>Từ khóa <input type="text" '
                  'name="tu-khoa"></label><label>Loại văn bản <select name="loai"><option value="">Tất cả</option>'
                  "<option>Quyết định</option><option>Nghị quyết</option></select></label><button type=\"submit\">"
                  'Lọc</button></form><p><a href="/van-ban/tra-cuu/">Tra cứu văn bản nâng cao</a></p>')
    for kind, items in (("directive_documents", directive), ("legal_documents", legal)):
        legal_cols = kind == "legal_documents"
        site.add(paths[kind], page(labels[kind], f"<h1>{labels[kind]}</h1>" + (doc_filter if legal_cols else "")
                                   + doc_table(items, legal_cols)))
        site.section(kind, labels[kind], "menu", [paths[kind]], items)
    for it in legal:
        site.add(attachment(it), _PDF, PDF)
    site.add("/van-ban/tra-cuu/", page("Tra cứu văn bản", "<h1>Tra cứu văn bản</h1>" + doc_filter.split("<p>")[0]))
    print_button = ('<p class="tools"><button type="button" class="btn-print" onclick="window.print()">In trang'
                    "</button></p>")
    site.traps += [
        "news listing shows no date (data-published in UTC only): open the articles",
        f"newest news and youth posts at 05:45 local, i.e. the previous day in UTC ({_iso_utc(site.day(2), 5, 45)})",
        "Party section (Đoàn Thanh niên) reachable only through sitemap.xml (robots.txt Sitemap: line); every "
        "sitemap <lastmod> is today (regenerated)",
        "titles with date ranges: a recent past range and a future range in stale Party items, a future range in news",
        "'Sự kiện sắp diễn ra' sidebar with future dates on every page; newest legal document effective in the future",
        "/tim-kiem/ is linked from the menu and disallowed by robots.txt",
    ]

    for kind, items in (("news", news), ("party_union", youth), ("directive_documents", directive),
                        ("legal_documents", legal)):
        for i, it in enumerate(items):
            d = site.day(it.age)
            stamp = (f'<time datetime="{_iso_local(d, it.hour, it.minute)}">{_wd(d)}, {_dmy(d)}</time>')
            others = "".join(f'<li><a href="{_e(o.url)}">{_e(o.title)}</a> <span>({s})</span></li>'
                             for o, s in _related(items, i, today, _dmy))
            extra = ""
            if kind in ("directive_documents", "legal_documents"):
                extra = (f"<dl class=\"doc-meta\"><dt>Số ký hiệu</dt><dd>{_e(it.number)}</dd><dt>Ngày ban hành</dt>"
                         f"<dd>{_dmy(d)}</dd><dt>Ngày có hiệu lực</dt><dd>{_dmy(site.day(it.effective_age or 0))}</dd>"
                         "<dt>Người ký</dt><dd>Trịnh Quốc Bảo</dd></dl>")
            if kind == "legal_documents":
                posted = site.day(it.posted_age or 0)
                stamp = (f'<time datetime="{_iso_local(posted, it.hour, it.minute)}">{_wd(posted)}, '
                         f"{_dmy(posted)}</time>")
                extra = extra.replace("<dt>Người ký</dt>", f"<dt>Loại văn bản</dt><dd>{_doc_type(it)}</dd>"
                                      "<dt>Cơ quan ban hành</dt><dd>Ủy ban nhân dân tỉnh Hòa Lâm</dd>"
                                      f"<dt>Trích yếu</dt><dd>{_e(it.title)}</dd><dt>Người ký</dt>")
                extra += (f'<p>Tệp đính kèm: <a href="{_e(attachment(it))}">'
                          f'{_e(attachment(it).rsplit("/", 1)[1])}</a></p>')
            main = (f'{crumbs(kind)}<article class="post"><h1>{_e(it.title)}</h1><p class="meta">Ngày đăng: {stamp}'
                    f"</p>{extra}{_body(it, site, name, 'Trưởng ban Trịnh Quốc Bảo')}{print_button}</article>"
                    f'<section class="related"><h2>Tin liên quan</h2><ul>{others}</ul></section>')
            site.add(it.url, page(it.title, main))

    # The Art. 19 listings (issue 3).
    art19: dict[str, list[_Item]] = {
        "plans": _items("plans", (15, 60, 140, 380), (
            f"Chương trình công tác năm {y} của Ban Quản lý các khu công nghiệp",
            "Kế hoạch xúc tiến đầu tư vào các khu công nghiệp giai đoạn 2026-2030",
            "Quy hoạch chi tiết xây dựng Khu công nghiệp Nam Khê mở rộng",
            "Đề án phát triển khu công nghiệp sinh thái")),
        "investment": _items("investment", (7, 29, 85, 170), (
            "Danh mục dự án kêu gọi đầu tư vào Khu công nghiệp Bắc Hòa Lâm",
            "Thông báo mời thầu gói thầu xây dựng hạ tầng kỹ thuật giai đoạn hai",
            "Kết quả lựa chọn nhà thầu gói thầu tư vấn lập quy hoạch",
            "Thông tin dự án nhà máy xử lý nước thải tập trung")),
        "statistics": _items("statistics", (21, 112), (
            "Số liệu thống kê thu hút đầu tư vào các khu công nghiệp",
            "Thống kê lao động làm việc tại các khu công nghiệp")),
        "consultation": _items("consultation", (3, 34, 77), (
            "Dự thảo Quy chế phối hợp quản lý nhà nước tại các khu công nghiệp",
            "Dự thảo Quyết định về ưu đãi đầu tư hạ tầng khu công nghiệp",
            "Dự thảo Quy định về bảo vệ môi trường trong khu công nghiệp")),
    }
    for it in art19["consultation"]:
        it.deadline_age = it.age - 20

    def art19_list(kind: str, items: list[_Item]) -> str:
        if kind == "consultation":
            rows = "".join(f'<tr><td><a href="{_e(it.url)}">{_e(it.title)}</a></td><td><time datetime="'
                           f'{_iso_local(site.day(it.age), it.hour, it.minute)}">{_dmy(site.day(it.age))}</time></td>'
                           f"<td>{_dmy(site.day(it.deadline_age or 0))}</td></tr>" for it in items)
            return ('<table class="docs"><thead><tr><th>Tên dự thảo</th><th>Ngày đăng</th><th>Hạn góp ý</th></tr>'
                    f"</thead><tbody>{rows}</tbody></table>")
        return '<ul class="post-list">' + "".join(
            f'<li><a href="{_e(it.url)}">{_e(it.title)}</a> <time datetime="'
            f'{_iso_local(site.day(it.age), it.hour, it.minute)}">{_dmy(site.day(it.age))}</time></li>'
            for it in items) + "</ul>"

    def art19_url(kind: str, i: int, it: _Item) -> str:
        return f"{paths[kind]}{_slug(it.title, 55)}-{9700 - it.age * 5 - i}.html"

    def art19_page(kind: str, items: list[_Item]) -> str:
        return page(labels[kind], f"<h1>{labels[kind]}</h1>" + art19_list(kind, items))

    def art19_post(kind: str, it: _Item) -> str:
        d = site.day(it.age)
        deadline = (f"<p>Hạn góp ý: {_dmy(site.day(it.deadline_age))}</p>" if it.deadline_age is not None
                    else "")
        att = f"/files/{_slug(it.title, 40)}.pdf"
        return page(it.title, f'{crumbs(kind)}<article class="post"><h1>{_e(it.title)}</h1><p class="meta">Ngày '
                              f'đăng: <time datetime="{_iso_local(d, it.hour, it.minute)}">{_wd(d)}, {_dmy(d)}'
                              f"</time></p>{deadline}{_plain_body(it, name)}<p><a href=\"{_e(att)}\">"
                              f"{_e(att.rsplit('/', 1)[1])}</a></p>{print_button}</article>")

    for kind, items in art19.items():
        site.listing(kind, labels[kind], "dropdown", paths[kind], items, url=art19_url, listing=art19_page,
                     article=art19_post)
        for it in items:
            site.add(f"/files/{_slug(it.title, 40)}.pdf", _PDF, PDF)

    leaders = (("Ông Trịnh Quốc Bảo", "Trưởng ban", "trinh-quoc-bao", "1970", "Tiến sĩ Kinh tế",
                "Lãnh đạo, điều hành chung; phụ trách công tác quy hoạch, đầu tư"),
               ("Ông Vương Đình Khải", "Phó Trưởng ban", "vuong-dinh-khai", "1975", "Thạc sĩ Quản lý công",
                "Phụ trách quản lý doanh nghiệp, lao động"),
               ("Bà Lý Thanh Tâm", "Phó Trưởng ban", "ly-thanh-tam", "1979", "Kỹ sư Môi trường",
                "Phụ trách quản lý môi trường, xây dựng"))
    for who, t, slug, b, tr, pt in leaders:
        site.add(f"{content['leaders']}{slug}/", page(f"{t} {who}", f"<h1>{_e(t)} {_e(who)}</h1><p>Năm sinh: {b}</p>"
                                                                  f"<p>Trình độ: {_e(tr)}</p><p>Lĩnh vực phụ trách: "
                                                                  f"{_e(pt)}</p>"))
    texts = {
        "introduction": ("Giới thiệu", "<p>Ban Quản lý các khu công nghiệp tỉnh Hòa Lâm là cơ quan trực thuộc Ủy "
                         "ban nhân dân tỉnh, thực hiện chức năng quản lý nhà nước trực tiếp đối với các khu công "
                         "nghiệp trên địa bàn tỉnh.</p><h2>Nhiệm vụ, quyền hạn</h2><ul><li>Tiếp nhận, cấp, điều "
                         "chỉnh giấy chứng nhận đăng ký đầu tư cho các dự án trong khu công nghiệp.</li><li>Kiểm "
                         "tra, giám sát việc thực hiện quy hoạch, dự án đầu tư.</li></ul>"),
        "organisation": ("Cơ cấu tổ chức", "<ul><li>Văn phòng</li><li>Phòng Quản lý đầu tư</li><li>Phòng Quản lý "
                         "doanh nghiệp</li><li>Phòng Quản lý quy hoạch và xây dựng</li></ul>"),
        # A hub: names and titles as links; biographies and portfolios on the linked pages (CT-003 warns).
        "leaders": ("Lãnh đạo Ban", "<ul>" + "".join(
            f'<li><a href="{content["leaders"]}{slug}/">{_e(t)} {_e(n)}</a></li>' for n, t, slug, *_ in leaders)
            + "</ul>"),
        "contacts": ("Liên hệ", "<address>Tầng 4, Trung tâm Hành chính tỉnh, phường Hòa Lâm<br>Điện thoại: 0200 "
                     "3898 012<br>Email: bqlkcn@hoalam.gov.vn</address><h2>Đầu mối cung cấp thông tin</h2><p>Bà Lý "
                     "Thanh Tâm, Phó Trưởng ban - Điện thoại: 0200 3898 015 - Email: tamlt@bqlkcn.hoalam.gov.vn</p>"),
        "qa": ("Hỏi đáp", "<details><summary>Thời hạn cấp giấy chứng nhận đăng ký đầu tư là bao lâu?</summary><p>"
               "Không quá 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.</p></details>"),
        # How to ask for information, but no list of what is published (CT-013 fails).
        "access_to_information": ("Tiếp cận thông tin", "<p>Công dân có quyền yêu cầu Ban Quản lý cung cấp thông "
                                  "tin theo Luật Tiếp cận thông tin. Người yêu cầu điền Phiếu yêu cầu cung cấp thông "
                                  "tin và gửi trực tiếp, qua bưu điện hoặc qua mạng tới Văn phòng Ban.</p><p><a "
                                  'href="/files/phieu-yeu-cau-cung-cap-thong-tin.docx">Tải Phiếu yêu cầu cung cấp '
                                  "thông tin</a></p>"),
    }
    site.add("/files/phieu-yeu-cau-cung-cap-thong-tin.docx", _PDF,
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    for k, (title, text) in texts.items():
        site.add(content[k] or "", page(title, f"<h1>{title}</h1>{text}"))
    site.add("/van-ban/", page("Văn bản", "<h1>Văn bản</h1><ul>" + "".join(
        f'<li><a href="{_e(paths[k])}">{_e(labels[k])}</a></li>'
        for k in ("directive_documents", "legal_documents", "consultation")) + "</ul>"))
    home = ('<section class="featured"><h2>Tin tức nổi bật</h2>' + "".join(
        f'<article><h3><a href="{_e(it.url)}">{_e(it.title)}</a></h3></article>' for it in news[:4]) + "</section>"
        f'<section class="dvc"><a href="{DVC_URL}">Dịch vụ công trực tuyến</a></section>'
        f'<section class="map"><h2>Bản đồ các khu công nghiệp</h2><iframe src="{MAP}" title="Bản đồ các khu công '
        'nghiệp tỉnh Hòa Lâm" width="100%" height="320" loading="lazy"></iframe></section>')
    site.add("/", page(name, home, head=f'<link rel="alternate" type="application/atom+xml" title="Tin tức" '
                                        f'href="{FEED}">'))
    site.add(FEED, _atom(labels["news"], FEED, [(it.title, it.url, _published(site, it)) for it in news]), ATOM)

    def en_page(title: str, body: str) -> str:
        return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>' + _e(title)
                + ' | Hoa Lam Industrial Zones Authority</title></head><body><header class="site-header">'
                '<a href="/en/"><img src="/assets/logo.svg" alt="Logo"> HOA LAM INDUSTRIAL ZONES AUTHORITY</a><nav>'
                f'<a href="/en/">Home</a> <a href="{en["organisation"]}">About us</a> '
                f'<a href="{en["contacts"]}">Contact</a> '
                f'<a href="/">Tiếng Việt</a></nav></header><main>{body}</main></body></html>')

    site.add(en["home"], en_page("Home", "<h1>Welcome</h1><p>Investing in Hoa Lam industrial zones.</p>"))
    site.add(en["organisation"], en_page("About us", "<h1>About us</h1><p>The Authority manages the industrial "
                                                     "zones of Hoa Lam Province. Divisions: Office, Investment, "
                                                     "Enterprises, Planning and Construction.</p>"))
    site.add(en["contacts"], en_page("Contact", "<h1>Contact</h1><p>4th floor, Provincial Administrative Centre, "
                                                "Hoa Lam. Phone: +84 200 3898 012. Email: bqlkcn@hoalam.gov.vn</p>"))
    site.add("/robots.txt", _robots(["/tim-kiem/", "/admin/"], "/sitemap.xml"), TEXT)
    listed = ["/", "/gioi-thieu/", content["organisation"] or "", content["leaders"] or "", paths["news"], "/van-ban/",
              paths["directive_documents"], paths["legal_documents"], paths["party_union"], content["qa"] or "",
              content["contacts"] or "", *(paths[k] for k in art19), content["access_to_information"] or ""]
    site.add("/sitemap.xml", _urlset(listed, f"{today.isoformat()}T03:00:00+07:00"), XML)
    indexed = tuple((it.title, it.url) for it in [*news, *youth, *directive, *legal,
                                                   *(i for its in art19.values() for i in its)])
    search = SearchEndpoint("/tim-kiem/", "q", indexed, page(
        "Tìm kiếm", f'<h1>Tìm kiếm</h1>{search_form}<p>Kết quả cho: {QUERY}</p>{RESULTS}'))
    site.traps += [
        "the header search form (GET /tim-kiem/?q=…) works but robots.txt disallows /tim-kiem/",
        "legal documents: two rows posted 38 and 45 days after issue; the detail pages show the posting date",
    ]
    later: dict[str, str] = {}
    later_notes: dict[str, str] = {}
    if night == 2:
        site.night_changes(
            summary_vi="Chứng chỉ số HTTPS đã hết hạn 20 ngày mà chưa được gia hạn.",
            summary_en="The HTTPS certificate expired 20 days ago and was not renewed.",
            new_failures={"TL-004": PROFILES}, network={"certificate": "expired"})
        later = {"TL-004": "fail"}
        later_notes = {"TL-004": "night 2: the demo-CA certificate for this name expired 20 days before the demo "
                                 "clock (not renewed); the chain still verifies, so only the expiry fails"}
    return site.portal(
        landing="/", content=content, hostname="bqlkcn.hoalam.gov.vn", level="department", searches=[search],
        site={"lang": "vi", "viewport": True, "robots_txt": True, "sitemap_xml": "/sitemap.xml", "sitemap_page": None,
              "robots_disallowed_linked": "/tim-kiem/",
              "footer": {"owner": True, "responsible": True, "licence": True, "copyright": True, "address": True,
                         "phone": True, "email": True},
              "regions": {"header": "//header[@class='site-header']", "menu": "//nav[@class='main-nav']",
                          "footer": "//footer[@class='site-footer']", "main": "//main"},
              "english": en},
        discovery={"menus": "read", "sitemap_page": "absent", "sitemap_xml": "read"},
        probes={"search": {"status": "disallowed", "action": "/tim-kiem/", "param": "q"},
                "english": {"status": "probed", "organisation": True, "contacts": True},
                "print": {"found": True, "how": "window.print"}},
        net=NET_NIGHT2 if night == 2 else NET,
        tech={"feed": FEED, "frames_titled": {"/": [MAP]}, "libraries": {"jquery": "3.7.1", "bootstrap": "5.3.3"}},
        outcomes={
            **dict.fromkeys(TECH_RULE_IDS, "pass"), "NW-003": "warn",
            "CT-001": "pass", "CT-002": "pass", "CT-003": "warn", "CT-004": "warn", "CT-005": "pass",
            "CT-006": "pass", "CT-007": "pass", "CT-008": "missing", "CT-009": "pass", "CT-010": "pass",
            "CT-011": "missing", "CT-012": "pass", "CT-013": "missing",
            "FN-001": "missing", "FN-002": "not_determinable", "FN-003": "pass", "FN-004": "pass", "FN-005": "pass",
            "LY-001": "pass", "LY-002": "missing", "LY-003": "pass", "DM-001": "pass", **later,
        },
        notes={
            "TL-006": "http:// answers 301 to https:// of the same host",
            "TL-007": "Strict-Transport-Security: max-age=31536000; includeSubDomains",
            "NW-002": "[::1] serves the same portal on the same ports",
            "NW-003": "the demo zone does not sign this name: no RRSIG, no AD flag: missing_status warn",
            "SH-001": "Content-Security-Policy (with frame-ancestors), X-Content-Type-Options, X-Frame-Options, "
                      "Referrer-Policy on every answer; Server: nginx without version",
            "PF-004": "nginx gzip for HTML and XML (Vary: Accept-Encoding)",
            "PF-005": "ETag, Last-Modified and Cache-Control on every answer",
            "SM-002": "robots.txt declares /sitemap.xml; every entry has <lastmod>",
            "SM-003": "home <link rel=alternate> to an Atom feed, every entry with <updated>",
            "AC-009": "the home page's map <iframe> has a title",
            "OT-001": "jQuery 3.7.1 and Bootstrap 5.3.3: no advisory covers them",
            "SP-011": "no HTML site map (sitemap.xml only)",
            "CT-003": "leaders page: three links 'Trưởng ban Ông …' / 'Phó Trưởng ban …'; bios on the linked pages",
            "CT-004": "address, phone and e-mail on the contacts page and footer; no fax: warn",
            "CT-005": "'Bà Lý Thanh Tâm, Phó Trưởng ban - Điện thoại … - Email: …@bqlkcn.hoalam.gov.vn'",
            "CT-006": "legal listing: Số ký hiệu, Loại văn bản, Cơ quan ban hành, Trích yếu, Ngày ban hành, Ngày "
                      "hiệu lực, Tệp; detail pages repeat them",
            "CT-007": "a filter form (text input + select) and a 'Tra cứu văn bản nâng cao' link on the legal listing",
            "CT-008": "two legal rows posted 38 and 45 calendar days after issue (> 5 working days)",
            "CT-010": f"plans item 'Chương trình công tác năm {y} …'",
            "CT-011": "no budget section; no 'báo cáo tài chính'/'quyết toán' in the other titles nor on the "
                      "access-to-information page: warn by default",
            "CT-012": "consultation table with a 'Hạn góp ý' column for every row",
            "CT-013": "access-to-information page explains the request procedure; no 'danh mục thông tin', no list",
            "FN-001": "Q&A page: questions and answers only, no form, no e-mail address",
            "FN-002": "GET form to /tim-kiem/, which robots.txt disallows: not_determinable (disallowed)",
            "LY-002": "'Dịch vụ công trực tuyến' only in the home body ('Thủ tục hành chính' in the menu does not "
                      "count); no site-map entry anywhere: missing_status",
            **later_notes,
        })
