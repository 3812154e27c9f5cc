"""Page facts (docs/facts.md) on small synthetic pages shaped like Liferay, SharePoint, NukeViet and HTML5."""

from __future__ import annotations

import json
from typing import Any

from crawler.extract.elements import file_ext
from crawler.extract.facts import page_facts
from crawler.extract.page import ParsedPage
from crawler.extract.probes import print_fact
from crawler.extract.scan import scan

HOSTS = {"skhcn.hoalam.gov.vn", "www.skhcn.hoalam.gov.vn"}
BASE = "https://skhcn.hoalam.gov.vn/"


def facts(html: str, role: str = "content", url: str = BASE) -> dict[str, Any]:
    result = page_facts(ParsedPage(url, html.encode("utf-8")), role, HOSTS)
    json.dumps(result)  # everything is JSON
    return result


LIFERAY_HOME = """<!DOCTYPE html><html class="aui ltr" lang="vi-VN"><head><title>Sở Khoa học và Công nghệ</title>
<meta name="generator" content="Liferay Portal"><link rel="stylesheet" media="print" href="/print.css"></head><body>
<div id="banner" class="banner"><img src="/documents/logo.png" alt="Quốc huy">
<h1>SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH HÒA LÂM</h1>
  <div class="egov_date">Thứ Tư, 02/12/2026</div>
  <a href="/en/home" hreflang="en"><img src="/flag-en.png" alt="English"></a>
  <form action="/tim-kiem" method="get"><input type="hidden" name="p_p_id" value="3">
    <input type="text" name="_3_keywords" placeholder="Từ khóa"><button type="submit">Tìm kiếm</button></form></div>
<nav id="navigation"><ul>
  <li><a href="/web/guest/home">Trang chủ</a></li>
  <li><span>Giới thiệu</span><ul class="child-menu">
     <li><a href="/web/guest/gioi-thieu">Giới thiệu chung</a></li>
     <li><a href="/web/guest/co-cau">Cơ cấu tổ chức</a></li></ul></li>
  <li><a href="https://dichvucong.gov.vn/">Dịch vụ công</a></li>
  <li><a href="/web/guest/so-do-site">Sơ đồ cổng</a></li>
</ul></nav>
<div id="content"><h2>Tin tức - Sự kiện</h2>
  <ul><li><a href="/-/view_content/1-tin">Hội nghị tổng kết năm 2026</a></li></ul>
  <map name="m"><area href="https://chinhphu.vn/" alt="Chính phủ"></map>
  <iframe src="https://www.youtube.com/embed/x" title="Video"></iframe></div>
<div class="lienket"><select onchange="window.open(this.value)"><option value="0">-- Liên kết website --</option>
  <option value="https://hoalam.gov.vn/">Cổng TTĐT tỉnh Hòa Lâm</option>
  <option value="www.most.gov.vn">Bộ KH&amp;CN</option>
  </select></div>
<div id="footer"><p>Cơ quan chủ quản: Sở Khoa học và Công nghệ tỉnh Hòa Lâm</p>
  <p>Địa chỉ: Số 1 đường Lê Lợi. Điện thoại: 0261 3822 123. Email: skhcn@hoalam.gov.vn</p>
  <ul class="footer-menu"><li><a href="/lien-he">Liên hệ</a></li></ul></div>
</body></html>"""


def test_liferay_home_layout_menu_footer_and_links() -> None:
    f = facts(LIFERAY_HOME, role="home")
    assert f["title"] == "Sở Khoa học và Công nghệ" and f["lang"] == "vi-VN" and f["generator"] == "Liferay Portal"
    header = f["layout"]["header"]
    assert header["found"] and "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH HÒA LÂM" in header["text"]
    assert {"src": BASE + "documents/logo.png", "alt": "Quốc huy"} in header["images"]
    entries = f["layout"]["menu"]["entries"]
    assert [(e["label"], e["level"]) for e in entries] == [
        ("Trang chủ", 1), ("Giới thiệu", 1), ("Giới thiệu chung", 2), ("Cơ cấu tổ chức", 2), ("Dịch vụ công", 1),
        ("Sơ đồ cổng", 1)]
    assert entries[1]["url"] is None and entries[0]["url"] == BASE + "web/guest/home"
    footer = f["layout"]["footer"]
    assert footer["found"] and "Cơ quan chủ quản" in footer["text"] and "skhcn@hoalam.gov.vn" in footer["text"]
    assert "Liên hệ" in footer["text"]  # footer menus are part of the footer text
    external = {(e["url"], e["tag"]) for e in f["links"]["external"]}
    assert ("https://dichvucong.gov.vn/", "a") in external and ("https://chinhphu.vn/", "area") in external
    assert ("https://hoalam.gov.vn/", "option") in external and ("http://www.most.gov.vn", "option") in external
    assert not any("skhcn.hoalam.gov.vn" in url for url, _ in external)
    assert f["language_links"] == [{"url": BASE + "en/home", "label": "English", "lang": "en"}]
    assert f["frames"] == [{"src": "https://www.youtube.com/embed/x", "title": "Video"}]
    form = f["forms"][0]
    assert form["method"] == "get" and form["search_like"] and form["region"] == "header"
    assert form["action"] == BASE + "tim-kiem" and form["submit"] == "Tìm kiếm" and form["text_inputs"] == 1
    assert {"name": "p_p_id", "type": "hidden", "label": "", "value": "3"} in form["inputs"]
    # The main region leaves out header, menu, footer and the link picker.
    assert "Hội nghị tổng kết năm 2026" in f["text"] and "Cơ quan chủ quản" not in f["text"]
    assert "Liên kết website" not in f["text"] and "Thứ Tư" not in f["text"]


def test_home_without_header_region_uses_the_text_before_the_menu() -> None:
    html = """<html><body><div class="top"><img src="/logo.png" alt="Logo UBND xã">
    <b>ỦY BAN NHÂN DÂN XÃ KHE LÂM</b></div><div class="menu"><a href="/">Trang chủ</a></div>
    <div class="noidung"><p>Nội dung</p></div></body></html>"""
    header = facts(html, role="home")["layout"]["header"]
    assert header["found"] is False and "ỦY BAN NHÂN DÂN XÃ KHE LÂM" in header["text"]
    assert header["images"][0]["alt"] == "Logo UBND xã"


CONTENT = """<html><body><div class="menu"><a href="/a">Trang chủ</a></div>
<div class="sidebar"><h3>Tin xem nhiều</h3><a href="/x">Tin khác</a></div>
<div id="content"><h1>Cơ cấu tổ chức</h1><p>Sở có Văn phòng, Thanh tra và <b>Phòng</b> Quản lý công nghệ.</p>
  <p style="display:none">ẩn đi</p><script>var x = "không phải chữ";</script>
  <img src="/so-do-to-chuc.png" alt="Sơ đồ tổ chức"><img src="data:image/gif;base64,R0lGOD" alt="spacer">
  <h3>Danh bạ</h3>
  <table><tr><th>Họ và tên</th><th>Chức vụ</th><th>Điện thoại</th><th>Email</th></tr>
    <tr><td>Nguyễn Văn A</td><td>Giám đốc</td><td>0261 3822 123</td><td>a@hoalam.gov.vn</td></tr>
    <tr><td>Trần Thị B</td><td>Phó Giám đốc</td><td>0261 3822 124</td><td>b@hoalam.gov.vn</td></tr></table>
  <table><tr><td>Tên</td><td>Tải về</td></tr><tr><td>Quy chế</td>
    <td><a href="/documents/20182/0/Quy che.pdf/7f3a">Tải</a></td></tr></table>
  <a href="/files/ke-hoach.docx">Kế hoạch năm</a> <a href="/lien-he">Liên hệ</a>
</div><div id="footer">Bản quyền © 2026</div></body></html>"""


def test_main_region_facts_of_a_content_page() -> None:
    f = facts(CONTENT)
    assert f["headings"] == ["Cơ cấu tổ chức", "Danh bạ"]
    assert "Văn phòng, Thanh tra và Phòng Quản lý công nghệ" in f["text"]
    assert "ẩn đi" not in f["text"] and "không phải chữ" not in f["text"] and "Tin xem nhiều" not in f["text"]
    assert "Bản quyền" not in f["text"] and f["text_scope"] == "main"
    assert f["images"] == [{"src": BASE + "so-do-to-chuc.png", "alt": "Sơ đồ tổ chức"}]
    assert f["tables"][0] == {"headers": ["Họ và tên", "Chức vụ", "Điện thoại", "Email"], "rows": 2}
    assert f["tables"][1] == {"headers": ["Tên", "Tải về"], "rows": 1}
    assert [(x["ext"], x["label"]) for x in f["files"]] == [("pdf", "Tải"), ("docx", "Kế hoạch năm")]
    assert {"url": BASE + "lien-he", "label": "Liên hệ"} in f["links"]
    assert not any(link["url"].endswith("/x") for link in f["links"])  # sidebar links are not main links


def test_page_without_main_region_falls_back_to_the_body() -> None:
    html = """<html><body><div class="menu"><a href="/">Trang chủ</a></div>
    <div class="content-sidebar-wrap"><p>""" + "Chức năng, nhiệm vụ và quyền hạn của Sở. " * 10 + """</p></div>
    <div class="footer">Địa chỉ</div></body></html>"""
    f = facts(html)
    assert f["text_scope"] == "body" and "Chức năng, nhiệm vụ" in f["text"] and "Địa chỉ" not in f["text"]


def test_caps_hold() -> None:
    rows = "".join(f'<li><a href="/tin/{n}">Tin số {n}</a> <img src="/i{n}.png"></li>' for n in range(100))
    f = facts(f"<html><body><div id='content'><ul>{rows}</ul><p>{'chữ ' * 5000}</p></div></body></html>")
    assert len(f["links"]) == 60 and len(f["images"]) == 20 and len(f["text"]) <= 6000


def test_file_extensions() -> None:
    assert file_ext("https://p.gov.vn/documents/10/20/QD%2012.pdf/abc-uuid") == "pdf"
    assert file_ext("https://p.gov.vn/Download.aspx?file=QD-12.DOCX") == "docx"
    assert file_ext("https://p.gov.vn/tin-tuc/bai-viet.html") is None
    assert file_ext("https://p.gov.vn/VanBan/Lists/VB/Attachments/38/13_2026 NQ.pdf") == "pdf"


# ---------------------------------------------------------------------------------------------- forms
SHAREPOINT = """<html><head><meta name="GENERATOR" content="Microsoft SharePoint"></head><body>
<form id="aspnetForm" method="post" action="default.aspx">
<input type="hidden" name="__VIEWSTATE" value="abc"><input type="hidden" name="__REQUESTDIGEST" value="x">
<div id="s4-workspace"><div class="s4-search"><input type="text" name="ctl00$InputKeywords" title="Search..."
  class="ms-sbplain"><a href="javascript:S3_Submit()"><img src="/_layouts/images/gosearch15.png" alt="Search"></a></div>
<div id="content"><h2>Gửi câu hỏi</h2><label for="ten">Họ tên</label><input id="ten" name="ctl00$Ten" type="text">
<input name="ctl00$Email" type="email" placeholder="Thư điện tử"><textarea name="ctl00$NoiDung"></textarea>
<select name="ctl00$LinhVuc"><option>Khác</option></select><input type="submit" value="Gửi"></div></div></form>
</body></html>"""


def test_webforms_page_form_is_split_into_its_search_box_and_its_fields() -> None:
    forms = facts(SHAREPOINT)["forms"]
    assert len(forms) == 2
    search, rest = forms
    assert search["method"] == "post" and search["search_like"] and search["text_inputs"] == 1
    assert rest["search_like"] is False and rest["textareas"] == 1 and rest["selects"] == 1
    assert rest["text_inputs"] == 2
    assert {"name": "ctl00$Ten", "type": "text", "label": "Họ tên"} in rest["inputs"]
    assert {"name": "ctl00$Email", "type": "email", "label": "Thư điện tử"} in rest["inputs"]
    assert not any(i["name"].startswith("__") for f in forms for i in f["inputs"])


def test_script_search_box_and_plain_forms() -> None:
    html = """<html><body><div id="header"><input type="text" name="search" class="txtTimKiem"
    value="---Nhập từ tìm kiếm---"><input type="button" onclick="return Search_onclick();"></div>
    <div id="content"><form action="/gop-y" method="POST"><input name="hoten"><textarea name="nd"></textarea>
    <button>Gửi góp ý</button></form>
    <form action="/van-ban" method="get"><input name="sokyhieu" placeholder="Số ký hiệu"><select name="loai"></select>
    </form></div></body></html>"""
    forms = facts(html)["forms"]
    feedback, documents, script = forms
    assert feedback["method"] == "post" and feedback["textareas"] == 1 and feedback["submit"] == "Gửi góp ý"
    assert not feedback["search_like"] and feedback["region"] == "main"
    assert documents["method"] == "get" and documents["text_inputs"] == 1 and documents["selects"] == 1
    assert script["method"] == "script" and script["search_like"] and script["region"] == "header"


# ---------------------------------------------------------------------------------------------- print
def test_print_function_ways() -> None:
    def how(html: str) -> str | None:
        return print_fact(scan(ParsedPage(BASE, html.encode()), full=False))["how"]  # type: ignore[no-any-return]

    assert how('<html><body><div id="c"><a href="javascript:_101_printPage_0();">In</a></div></body></html>') \
        == "window.print"
    assert how('<html><body><div id="c"><span onclick="window.print()">x</span><button onclick="window.print()">'
               'In trang</button></div></body></html>') == "window.print"
    assert how('<html><body><div id="c"><a href="/in-bai/123">Bản in</a></div></body></html>') == "print_link"
    assert how('<html><body><div id="c"><a href="?print=1" title="Print">⎙</a></div></body></html>') == "print_link"
    assert how('<html><head><style>@media print { .menu {display:none} }</style></head><body><p>x</p></body>'
               '</html>') == "print_css"
    assert how('<html><body><div id="c"><a href="/tin/in-an-ky-thuat">In ấn kỹ thuật số</a></div></body></html>') \
        is None
    assert facts('<html><body><a href="/print/1">In bài</a></body></html>', role="article")["print"]["found"]


def test_back_to_back_links_stay_separate_words() -> None:
    html = """<html><body><div id="header"><a href="/en">English</a><a href="/login">Đăng nhập</a>
    <h1>SỞ XÂY DỰNG TỈNH HÒA LÂM</h1><input name="q"><button>Tìm</button></div><div id="c">x</div></body></html>"""
    assert facts(html, role="home")["layout"]["header"]["text"] == "English Đăng nhập SỞ XÂY DỰNG TỈNH HÒA LÂM Tìm"
