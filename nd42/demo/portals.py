"""Bundled synthetic demo portals (fictional agencies), every date relative to ``today``.

Four CMS styles — Liferay-like, SharePoint-like (302 to /Pages/default.aspx, month-first list
view, 12/31/9999 expiry column), NukeViet-like (a section only on the HTML site map), modern HTML5
(a listing without dates, a section only in sitemap.xml) — with fresh and stale sections and the
date traps real portals set (header clocks, dates in titles, pinned old items, licence dates).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from html import escape
from typing import Any

ORIGIN = "@@ORIGIN@@"
KINDS = ("directive_documents", "party_union", "news", "legal_documents")
FRESH_DAYS = {"directive_documents": 30, "party_union": 30, "news": 7, "legal_documents": 30}
TITLES = {
    "directive_documents": ["Công văn về triển khai cải cách thủ tục hành chính",
                            "Chỉ thị tăng cường kỷ luật hành chính",
                            "Kế hoạch kiểm tra công tác văn thư lưu trữ", "Thông báo kết luận của Giám đốc Sở",
                            "Quyết định giao chỉ tiêu nhiệm vụ năm"],
    "party_union": ["Chi bộ sinh hoạt chuyên đề học tập và làm theo Bác", "Công đoàn thăm hỏi đoàn viên ốm đau",
                    "Đoàn Thanh niên ra quân hiến máu tình nguyện", "Hội nghị tổng kết công tác Đảng năm",
                    "Hội Phụ nữ ra mắt mô hình bảo vệ môi trường"],
    "news": ["Lãnh đạo Sở làm việc với đoàn công tác của Bộ", "Hội nghị đối thoại doanh nghiệp về thủ tục đầu tư",
             "Tập huấn nghiệp vụ tiếp công dân và xử lý đơn thư", "Triển khai chữ ký số cho người dân",
             "Kiểm tra công tác chuẩn bị mùa mưa bão"],
    "legal_documents": ["Quyết định ban hành quy chế phối hợp quản lý", "Nghị quyết quy định mức hỗ trợ học phí",
                        "Quyết định quy định giá dịch vụ thu gom rác", "Quyết định ban hành quy định về đấu thầu",
                        "Nghị quyết quy định mức chi hội nghị"],
}


@dataclasses.dataclass
class DemoPortal:
    id: str
    name: str
    cms: str
    files: dict[str, bytes]
    content_types: dict[str, str]
    redirects: dict[str, str]
    truth: dict[str, Any]


@dataclasses.dataclass
class _Section:
    kind: str
    label: str
    path: str
    ages: tuple[int, ...]
    via: str


def _page(title: str, nav: str, body: str, *, lang: str = "vi", head: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>{head}'
            f'</head><body><div id="header"><span class="egov_date">@@TODAY@@</span></div>{nav}'
            f'<div id="content">{body}</div><div id="footer"><p>Cơ quan chủ quản: Ủy ban nhân dân tỉnh Hòa Lâm</p>'
            '<p>Chịu trách nhiệm nội dung: Ông Trần Văn Minh - Giám đốc Sở</p><p>Địa chỉ: số 5 đường Lê Lợi; '
            'Điện thoại: 0263 3822 123; Email: vanphong@demo.gov.vn</p>'
            '<p>Giấy phép số 15/GP-STTTT cấp ngày 03/11/2016</p>@@FOOTLINKS@@</div></body></html>')


def _build(pid: str, name: str, cms: str, today: dt.date, sections: list[_Section], *, style: str,
           content: dict[str, str], hidden_from_menu: tuple[str, ...] = (), sitemap_page: bool = True,
           sitemap_xml: bool = True, redirect_home: bool = False, undated: tuple[str, ...] = ()) -> DemoPortal:
    files: dict[str, str] = {}
    truth_sections: dict[str, Any] = {}
    labels = {"introduction": "Giới thiệu", "organisation": "Cơ cấu tổ chức", "leaders": "Lãnh đạo Sở",
              "contacts": "Liên hệ", "procedures": "Thủ tục hành chính", "qa": "Hỏi đáp", "sitemap": "Sơ đồ site"}
    menu = [(s.label, s.path) for s in sections if s.kind not in hidden_from_menu and s.via == "menu"]
    menu += [(labels[k], p) for k, p in content.items() if k != "sitemap"]
    if style == "sharepoint":
        docs = [(s.label, s.path) for s in sections if s.via == "dropdown"]
        nav = ('<div class="menu"><ul>' + "".join(f'<li><a href="{p}">{escape(lbl)}</a></li>' for lbl, p in menu)
               + '<li><span>Văn bản</span><ul class="dynamic">'
               + "".join(f'<li><a href="{p}">{escape(lbl)}</a></li>' for lbl, p in docs) + "</ul></li></ul></div>")
    else:
        nav = '<nav class="menu"><ul>' + "".join(f'<li><a href="{p}">{escape(lbl)}</a></li>' for lbl, p in menu) \
            + "</ul></nav>"
    if style == "sharepoint":
        # SharePoint 2010 pages wrap everything in one WebForms form with its hidden state fields.
        nav = ('<form method="post" id="aspnetForm"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" '
               'value="/wEPDwUKMTY1NDU2MTA1Mg9kFgJmD2QWAgIBD2QWAgIDD2QWAg==" /><input type="hidden" '
               'name="__REQUESTDIGEST" value="0x1A2B3C" /></form>' + nav)
    foot = f'<a href="{content["sitemap"]}">Sơ đồ site</a>' if "sitemap" in content else ""
    for s in sections:
        items = []
        for n, age in enumerate(s.ages):
            day = today - dt.timedelta(days=age)
            title = TITLES[s.kind][n % 5] + f" số {n + 1}"
            if n == 0 and s.kind == "news":
                start, end = today + dt.timedelta(days=5), today + dt.timedelta(days=9)
                title += f" (dự kiến từ ngày {start:%d/%m} đến {end:%d/%m/%Y})"
            url = (f"{s.path.rstrip('/')}/bai-{n + 1}.html" if "?" not in s.path
                   else f"/bai-viet.php?id={pid}-{s.kind}-{n}")
            items.append((day, title, url))
        # A pinned, older item first (the newest is the maximum, not the first row).
        order = [items[-1], *items[:-1]] if s.kind == "party_union" else items
        mdy = style == "sharepoint" and s.kind == "directive_documents"
        rows = []
        for day, title, url in order:
            shown = f"{day.month}/{day.day}/{day.year} 2:05 PM" if mdy else f"{day:%d/%m/%Y}"
            date_html = "" if s.kind in undated else f'<span class="date">Ngày đăng: {shown}</span>'
            if mdy:
                rows.append(f'<tr><td><a href="{url}">{escape(title)}</a></td><td>{shown}</td><td>12/31/9999</td></tr>')
            else:
                rows.append(f'<li class="item"><h3><a href="{url}">{escape(title)}</a></h3>{date_html}</li>')
            files[url] = _page(title, nav, f"<h1>{escape(title)}</h1><p class=\"meta\">Ngày đăng: Thứ Hai, "
                               f"{day:%d/%m/%Y} 08:30</p><p>Văn bản có hiệu lực từ ngày "
                               f"{day + dt.timedelta(days=14):%d/%m/%Y}.</p>"
                               f"<div class=\"tin-khac\"><h4>Tin khác</h4><ul><li><a href=\"/\">Tin cũ hơn</a> "
                               f"({today:%d/%m/%Y})</li></ul></div>")
        if mdy:
            listing = ('<table class="ms-listviewtable"><tr><th>Tiêu đề</th><th>Ngày ban hành</th>'
                       f'<th>Ngày hết hiệu lực</th></tr>{"".join(rows)}</table>')
        else:
            listing = f'<ul class="list">{"".join(rows)}</ul>'
        files[s.path] = _page(s.label, nav, f"<h2>{escape(s.label)}</h2>{listing}")
        newest = min(items, key=lambda i: (today - i[0]).days)
        age = (today - newest[0]).days
        truth_sections[s.kind] = {"present": True, "label": s.label, "url": s.path, "reachable_via": s.via,
                                  "newest_date": newest[0].isoformat(), "newest_url": newest[2], "age_days": age,
                                  "date_order": "MDY" if mdy else "DMY", "dates_on_listing": s.kind not in undated}
    for k, path in content.items():
        if k != "sitemap":
            files[path] = _page(labels[k], nav, f"<h1>{labels[k]}</h1><p>{escape(name)}.</p>")
    if "sitemap" in content:
        entries = [(s.label, s.path) for s in sections if s.via in ("menu", "dropdown", "sitemap_page")]
        files[content["sitemap"]] = _page("Sơ đồ site", nav, "<h1>Sơ đồ site</h1><ul class=\"so-do\">" + "".join(
            f'<li><a href="{p}">{escape(lbl)}</a></li>' for lbl, p in entries) + "</ul>")
    home_path = "/Pages/default.aspx" if redirect_home else "/"
    boxes = "".join(f'<div class="box"><h2><a href="{s.path}">{escape(s.label)}</a></h2></div>'
                    for s in sections if s.via == "home")
    dvc = '<a href="https://dichvucong.gov.vn/p/home/dvc-trang-chu.html">Dịch vụ công trực tuyến</a>'
    files[home_path] = _page(name, nav, f"<h1>{escape(name)}</h1>{boxes}{dvc}")
    out: dict[str, bytes] = {}
    for path, html in files.items():
        out[path] = html.replace("@@TODAY@@", f"Thứ Ba, {today:%d/%m/%Y}").replace("@@FOOTLINKS@@", foot).encode()
    types = {}
    out["/robots.txt"] = ("User-agent: *\nDisallow: /admin/\n" + (f"Sitemap: {ORIGIN}/sitemap.xml\n" if sitemap_xml
                                                                   else "")).encode()
    types["/robots.txt"] = "text/plain; charset=utf-8"
    if sitemap_xml:
        out["/sitemap.xml"] = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                               'sitemap/0.9">' + "".join(f"<url><loc>{ORIGIN}{escape(p)}</loc></url>"
                                                         for p in sorted(files)) + "</urlset>").encode()
        types["/sitemap.xml"] = "application/xml"
    verdicts = {f"{k}_fresh": (truth_sections[k]["age_days"] <= FRESH_DAYS[k]) if k in truth_sections else None
                for k in KINDS}
    truth = {"id": pid, "cms": cms, "home": "/", "landing": home_path,
             "sections": {k: truth_sections.get(k, {"present": False}) for k in KINDS},
             "content": {k: content.get(k) for k in labels}, "verdicts": verdicts}
    return DemoPortal(pid, name, cms, out, types, {"/": home_path} if redirect_home else {}, truth)


def build_portals(today: dt.date) -> dict[str, DemoPortal]:
    """The demo portals for a given day (deterministic: same day, same bytes)."""
    all_content = {"introduction": "/gioi-thieu", "organisation": "/co-cau-to-chuc", "leaders": "/lanh-dao",
                   "contacts": "/lien-he", "procedures": "/thu-tuc-hanh-chinh", "qa": "/hoi-dap",
                   "sitemap": "/so-do-site"}
    portals = [
        _build("hoalam-skhcn", "Sở Khoa học và Công nghệ tỉnh Hòa Lâm", "liferay", today, [
            _Section("directive_documents", "Văn bản chỉ đạo điều hành", "/web/guest/van-ban-chi-dao-dieu-hanh",
                     (4, 12, 25, 40), "menu"),
            _Section("party_union", "Hoạt động Đảng - Đoàn thể", "/web/guest/hoat-ong-ang-oan-the",
                     (9, 20, 33, 380), "menu"),
            _Section("news", "Tin tức - Sự kiện", "/web/guest/tin-tuc-su-kien", (0, 2, 6, 9), "menu"),
            _Section("legal_documents", "Văn bản quy phạm pháp luật", "/web/guest/van-ban-qppl", (15, 60, 90), "menu"),
        ], style="liferay", content=all_content),
        _build("hoalam-stnmt", "Sở Tài nguyên và Môi trường tỉnh Hòa Lâm", "sharepoint", today, [
            _Section("directive_documents", "Chỉ đạo - Điều hành", "/VanBan/Lists/ChiDaoDieuHanh/AllItems.aspx",
                     (_ambiguous_age(today), _ambiguous_age(today) + 30, 160), "dropdown"),
            _Section("party_union", "Tin Đảng - Đoàn thể", "/Trang/dang-doan-the.aspx", (150, 190, 230), "menu"),
            _Section("news", "Tin hoạt động", "/Trang/tin-tuc.aspx", (1, 3, 8, 12), "menu"),
            _Section("legal_documents", "Văn bản QPPL", "/VanBan/Trang/van-ban-qppl.aspx", (130, 200), "dropdown"),
        ], style="sharepoint", content=all_content, redirect_home=True),
        _build("hoalam-sxd", "Sở Xây dựng tỉnh Hòa Lâm", "nukeviet", today, [
            _Section("directive_documents", "Văn bản điều hành", "/index.php?nv=news&op=van-ban-dieu-hanh",
                     (200, 240, 300), "menu"),
            _Section("party_union", "Công tác Đảng", "/index.php?nv=news&op=cong-tac-dang", (10, 45), "sitemap_page"),
            _Section("news", "Tin hoạt động", "/index.php?nv=news&op=tin-hoat-dong", (130, 160), "menu"),
        ], style="table", content={k: v for k, v in all_content.items() if k not in ("qa", "leaders")}),
        _build("hoalam-xa-tanphu", "Ủy ban nhân dân xã Tân Phú", "html5", today, [
            _Section("directive_documents", "Thông tin chỉ đạo, điều hành", "/chi-dao-dieu-hanh/", (6, 14, 28),
                     "home"),
            _Section("news", "Tin tức - Sự kiện", "/tin-tuc/", (1, 5, 12), "menu"),
            _Section("legal_documents", "Văn bản quy phạm pháp luật", "/van-ban-quy-pham-phap-luat/", (20, 30),
                     "menu"),
        ], style="html5", content={"introduction": "/gioi-thieu/", "contacts": "/lien-he/"}, undated=("news",),
            sitemap_page=False),
    ]
    return {p.id: p for p in portals}


def _ambiguous_age(today: dt.date) -> int:
    """An age whose date reads validly both ways (day ≤ 12, day ≠ month): the list's order must be inferred."""
    return next(a for a in range(2, 20) if (d := today - dt.timedelta(days=a)).day <= 12 and d.day != d.month)
