"""Listing extraction: the items of a section page and each item's posting date."""

from __future__ import annotations

import datetime as dt

from crawler.extract.article import extract_article_date
from crawler.extract.dates import DateBounds
from crawler.extract.listing import ListingOverrides, extract_listing
from crawler.extract.page import ParsedPage
from nd42.clock import VN_TZ

NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=VN_TZ)
BOUNDS = DateBounds(now=NOW)


def listing(html: str, url: str = "http://portal.test/chuyen-muc", **kw: object):  # type: ignore[no-untyped-def]
    return extract_listing(ParsedPage(url, html.encode("utf-8")), BOUNDS, **kw)  # type: ignore[arg-type]


def newest(result) -> dt.date | None:  # type: ignore[no-untyped-def]
    dated = [i.date for i in result.items if i.date]
    return max(dated) if dated else None


SHELL = """<html><body><div id="header"><span class="egov_date">Thứ Ba, 24/11/2026 - 10:05</span></div>
<div class="menu"><ul><li><a href="/a">Tin tức sự kiện trong tỉnh và ngoài tỉnh</a></li></ul></div>
<div id="content">{body}</div>
<div class="sidebar"><h3>Tin xem nhiều</h3><ul>
<li><a href="/x1">Tin xem nhiều thứ nhất của cổng thông tin</a> (23/11/2026)</li>
<li><a href="/x2">Tin xem nhiều thứ hai của cổng thông tin</a> (22/11/2026)</li>
<li><a href="/x3">Tin xem nhiều thứ ba của cổng thông tin</a> (21/11/2026)</li></ul></div>
<div id="footer">Giấy phép số 12/GP-STTTT cấp ngày 03/11/2016</div></body></html>"""


def test_liferay_like_list_with_pinned_old_item_and_header_clock() -> None:
    body = """<h2>Hoạt động Đảng - Đoàn thể</h2>
    <div class="asset-entry"><span class="pin">Tiêu điểm</span>
      <h3><a href="/p/1">Chi bộ sinh hoạt chuyên đề năm 2025</a></h3>
      <span class="date">Ngày đăng 10/11/2025 | 04:30 PM</span></div>
    <div class="asset-entry"><h3><a href="/p/2">Công đoàn thăm hỏi đoàn viên ốm đau</a></h3>
      <span class="date">Ngày đăng 20/11/2026 | 08:15 AM</span></div>
    <div class="asset-entry"><h3><a href="/p/3">Đoàn Thanh niên ra quân tình nguyện (từ ngày 01 đến 15/12/2026)</a></h3>
      <span class="date">Ngày đăng 02/11/2026 | 09:00 AM</span></div>"""
    result = listing(SHELL.format(body=body), label="Hoạt động Đảng - Đoàn thể")
    assert [i.url for i in result.items] == ["http://portal.test/p/1", "http://portal.test/p/2", "http://portal.test/p/3"]
    # The newest is the maximum (pinned old item first); title dates and the header clock never count.
    assert newest(result) == dt.date(2026, 11, 20)
    assert result.items[2].date == dt.date(2026, 11, 2)
    assert "20/11/2026" in (result.items[1].date_text or "")


def test_sharepoint_list_view_month_first_with_expiry_column() -> None:
    rows = [("4/11/2026 2:05 PM", "Công văn số 12/SXD về việc kiểm tra"),
            ("10/23/2026 9:00 AM", "Chỉ thị số 3/CT-SXD tăng cường quản lý"),
            ("9/30/2026 8:00 AM", "Thông báo kết luận của lãnh đạo Sở")]
    body = ('<table class="ms-listviewtable"><tr><th>Tiêu đề</th><th>Ngày ban hành</th><th>Ngày hết hiệu lực</th></tr>'
            + "".join(f'<tr><td><a href="DispForm.aspx?ID={n}">{t}</a></td><td>{d}</td><td>12/31/9999</td></tr>'
                      for n, (d, t) in enumerate(rows)) + "</table>")
    result = listing(SHELL.format(body=body), url="http://portal.test/VanBan/Lists/ChiDao/AllItems.aspx")
    assert result.date_order == "MDY"
    assert [i.date for i in result.items] == [dt.date(2026, 4, 11), dt.date(2026, 10, 23), dt.date(2026, 9, 30)]
    assert result.items[0].url == "http://portal.test/VanBan/Lists/ChiDao/DispForm.aspx?ID=0"


def test_document_table_prefers_issue_date_over_effective_date() -> None:
    body = """<table class="doc"><thead><tr><th>Số ký hiệu</th><th>Trích yếu</th><th>Ngày có hiệu lực</th>
    <th>Ngày ban hành</th></tr></thead><tbody>
    <tr><td>12/2026/QĐ-UBND</td><td><a href="/vb/12">Quy định quản lý chất lượng công trình</a></td>
      <td>05/12/2026</td><td>20/11/2026</td></tr>
    <tr><td>11/2026/QĐ-UBND</td><td><a href="/vb/11">Quy định giá dịch vụ thu gom rác thải</a></td>
      <td>30/11/2026</td><td>14/11/2026</td></tr></tbody></table>"""
    result = listing(SHELL.format(body=body))
    assert [i.date for i in result.items] == [dt.date(2026, 11, 20), dt.date(2026, 11, 14)]


def test_published_time_beats_updated_time() -> None:
    body = "".join(f"""<article class="post"><h2 class="entry-title"><a href="/2026/11/bai-{n}/">Bài viết số {n} của
    chuyên mục Đảng bộ</a></h2><div class="entry-meta"><time class="entry-date published"
    datetime="2026-0{n}-10T08:00:00+07:00">10/0{n}/2026</time><time class="updated"
    datetime="2026-11-23T09:00:00+07:00">23/11/2026</time></div></article>""" for n in (5, 4, 3))
    result = listing(SHELL.format(body=body))
    assert newest(result) == dt.date(2026, 5, 10)


def test_iso_utc_attribute_is_converted_to_vietnam_time() -> None:
    body = "".join(f'<div class="tile" data-ngay-dang="{iso}"><a href="/bai/{n}">Tin y tế số {n} trong tuần này</a>'
                   f"</div>" for n, iso in enumerate(["2026-11-19T22:45:00Z", "2026-11-10T03:00:00Z"]))
    result = listing(SHELL.format(body=body))
    assert result.items[0].date == dt.date(2026, 11, 20)
    assert result.items[0].date_source == "attribute"


def test_undated_listing_gives_items_without_dates() -> None:
    body = "<ul class='list'>" + "".join(f'<li><a href="/bai/{n}">Tin hoạt động số {n} của cơ quan</a></li>'
                                         for n in range(4)) + "</ul>"
    result = listing(SHELL.format(body=body))
    assert len(result.items) == 4 and newest(result) is None


def test_loose_date_beside_title_and_bulk_in_one_paragraph() -> None:
    body = "<ul>" + "".join(f'<li><a href="/tb/{n}">Thông báo số {n} về lịch tiếp công dân</a> ({d})</li>'
                            for n, d in enumerate(["14.05.2026 08:52", "08.08.2026 08:52"])) + "</ul>"
    result = listing(SHELL.format(body=body))
    assert [i.date for i in result.items] == [dt.date(2026, 5, 14), dt.date(2026, 8, 8)]


def test_hidden_list_view_is_ignored() -> None:
    body = """<div style="display:none"><table><tr><td><a href="/h/1">Mục ẩn của danh sách SharePoint cũ</a></td>
    <td>4/23/2018 2:05 PM</td></tr><tr><td><a href="/h/2">Mục ẩn thứ hai của danh sách cũ</a></td><td>4/22/2018</td>
    </tr><tr><td><a href="/h/3">Mục ẩn thứ ba của danh sách cũ</a></td><td>4/21/2018</td></tr></table></div>
    <ul><li><a href="/v/1">Văn bản chỉ đạo thứ nhất của Sở</a> <span>18/11/2026</span></li>
    <li><a href="/v/2">Văn bản chỉ đạo thứ hai của Sở</a> <span>17/11/2026</span></li></ul>"""
    result = listing(SHELL.format(body=body))
    assert [i.url.rsplit("/", 2)[-2] for i in result.items] == ["v", "v"]


def test_next_page_link() -> None:
    body = """<ul class="news"><li><a href="/t/1">Tin thứ nhất của trang đầu tiên</a></li>
    <li><a href="/t/2">Tin thứ hai của trang đầu tiên</a></li></ul>
    <div class="pagination"><span>1</span> <a href="/tin-tuc?trang=2">2</a> <a href="/tin-tuc?trang=3">3</a></div>"""
    assert listing(SHELL.format(body=body)).next_page == "http://portal.test/tin-tuc?trang=2"


def test_overrides_select_items_and_dates() -> None:
    body = """<div class="x"><p class="t"><a href="/a/1">Văn bản điều hành một</a></p><i class="d">01/11/2026</i></div>
    <div class="x"><p class="t"><a href="/a/2">Văn bản điều hành hai</a></p><i class="d">03/11/2026</i></div>"""
    result = listing(SHELL.format(body=body), overrides=ListingOverrides(item="div.x", title="p.t a", date="i.d"))
    assert [i.date for i in result.items] == [dt.date(2026, 11, 1), dt.date(2026, 11, 3)]


ARTICLE = """<html><body><div id="header"><span class="clock">Thứ Ba, 24/11/2026</span></div>
<div id="content"><h1>Kế hoạch tổ chức Đại hội Công đoàn cơ sở, dự kiến khai mạc ngày 03/12/2026</h1>
<div class="meta">Thứ Năm, 06/11/2026 - 09:30</div>
<p>Căn cứ Kế hoạch số 12/KH-CĐ ngày 01/10/2026 của Công đoàn ngành, các hoạt động kéo dài đến 30/12/2026.</p>
<div class="tin-khac"><h4>Tin khác</h4><ul><li><a href="/o">Tin mới hơn</a> (20/11/2026)</li></ul></div></div>
<div id="footer">cấp ngày 03/11/2016</div></body></html>"""


def test_article_date_near_title_not_related_or_body() -> None:
    found = extract_article_date(ParsedPage("http://portal.test/bai/1", ARTICLE.encode()), BOUNDS)
    assert found is not None and found.date == dt.date(2026, 11, 6)


def test_article_labelled_issue_date_and_meta() -> None:
    doc = """<html><body><h1>Quyết định số 5/QĐ-UBND</h1><table><tr><th>Ngày có hiệu lực</th><td>01/12/2026</td></tr>
    <tr><th>Ngày ban hành</th><td>17/11/2026</td></tr></table></body></html>"""
    found = extract_article_date(ParsedPage("http://portal.test/vb/5", doc.encode()), BOUNDS)
    assert found is not None and found.date == dt.date(2026, 11, 17)
    meta = """<html><head><meta property="article:published_time" content="2026-11-19T23:30:00Z"></head>
    <body><h1>Tin</h1></body></html>"""
    found = extract_article_date(ParsedPage("http://portal.test/x", meta.encode()), BOUNDS)
    assert found is not None and found.date == dt.date(2026, 11, 20) and found.stage == "meta"


def test_striped_rows_are_one_family() -> None:
    # SharePoint classes every other row "ms-alternating"; the newest document sits on an unclassed row.
    dates = ["4/28/2026 8:05 AM", "3/25/2026 1:22 PM", "2/22/2026 8:39 AM", "1/10/2026 1:56 PM"]
    rows = "".join(
        f'<tr class="{"ms-alternating" if n % 2 else ""}"><td class="ms-vb-title">'
        f'<a href="DispForm.aspx?ID={n}">Quyết định quy định mức hỗ trợ số {n}</a></td>'
        f'<td class="ms-vb2">{d}</td></tr>' for n, d in enumerate(dates))
    body = f'<table class="ms-listviewtable"><tr><th>Trích yếu</th><th>Ngày ban hành</th></tr>{rows}</table>'
    result = listing(SHELL.format(body=body), url="http://portal.test/VanBan/Lists/QPPL/AllItems.aspx")
    assert len(result.items) == 4 and result.date_order == "MDY"
    assert newest(result) == dt.date(2026, 4, 28)


def test_navigation_block_linking_the_page_itself_is_not_the_listing() -> None:
    # NukeViet-like: a left "Chuyên mục" block with more links than the section has items.
    cats = "".join(f'<li><a href="/index.php?nv=news&op={slug}">{label}</a></li>' for slug, label in (
        ("tin-hoat-dong", "Tin hoạt động"), ("van-ban", "Văn bản điều hành"), ("thu-tuc", "Thủ tục hành chính"),
        ("dau-thau", "Dự án - Đấu thầu"), ("ngan-sach", "Công khai ngân sách"), ("gop-y", "Góp ý dự thảo văn bản")))
    rows = "".join(f'<tr><td><h3><a href="/index.php?nv=news&op=gop-y/du-thao-{n}.html">Dự thảo quy định số {n} về '
                   f'xây dựng</a></h3><div class="time">Cập nhật: 0{n + 1}/11/2026</div></td></tr>' for n in range(4))
    html = (f'<html><body><table><tr><td class="left"><div class="block"><ul>{cats}</ul></div></td>'
            f'<td class="main"><table class="title-bar"><tr><td><h2>Góp ý dự thảo văn bản</h2></td></tr></table>'
            f'<table class="news-list">{rows}</table></td></tr></table></body></html>')
    result = listing(html, url="http://portal.test/index.php?nv=news&op=gop-y", label="Góp ý dự thảo văn bản")
    assert len(result.items) == 4 and all("du-thao" in (i.url or "") for i in result.items)
