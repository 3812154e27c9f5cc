"""Document fields: listing rows (columns, "Label: value" texts) and detail pages (tables, dl, lines)."""

from __future__ import annotations

import datetime as dt

from crawler.extract.dates import DateBounds
from crawler.extract.documents import doc_fact, field_for_label, labelled_values, merge_meta
from crawler.extract.listing import extract_listing
from crawler.extract.page import ParsedPage
from crawler.extract.scan import scan
from nd42.clock import VN_TZ

BOUNDS = DateBounds(now=dt.datetime(2026, 11, 24, 10, 0, tzinfo=VN_TZ))
BASE = "https://sxd.hoalam.gov.vn/van-ban"


def test_labels_map_to_canonical_fields() -> None:
    assert field_for_label("Ngày ban hành:") == "issued"
    assert field_for_label("Số/Ký hiệu") == "number"
    assert field_for_label("Trích yếu nội dung") == "abstract"
    assert field_for_label("Ngày có hiệu lực") == "effective"
    assert field_for_label("Hạn góp ý") == "deadline"
    assert field_for_label("Cơ quan ban hành") == "issuer"
    assert field_for_label("Hình thức văn bản") == "doc_type"
    assert field_for_label("Người ký") == "signer"
    assert field_for_label("Tệp đính kèm") == "files"
    assert field_for_label("Tạo lúc") == "posted"
    assert field_for_label("Ngày hết hiệu lực") is None
    assert field_for_label("Tình trạng hiệu lực") is None
    assert field_for_label("STT") is None


def test_labelled_values_run_to_the_next_label() -> None:
    pairs = labelled_values("Số ký hiệu: 06/CĐ-UBND Trích yếu nội dung: V/v phòng chống bão số 3 "
                            "Ngày ban hành: 18/08/2016 | Ngày có hiệu lực: Hình thức văn bản: Công điện")
    assert [(p.field, p.value) for p in pairs] == [
        ("number", "06/CĐ-UBND"), ("abstract", "V/v phòng chống bão số 3"), ("issued", "18/08/2016"),
        ("effective", ""), ("doc_type", "Công điện")]
    # SharePoint's footer of a list item: "Tạo lúc" takes no colon.
    created = labelled_values("Tạo lúc 3/2/2026 8:39 AM bởi Quản trị hệ thống")
    assert [(p.field, p.value) for p in created] == [("posted", "3/2/2026 8:39 AM bởi Quản trị hệ thống")]
    # Prose that merely mentions a field is not a label.
    assert labelled_values("Quyết định có ngày ban hành khác với ngày đăng tải trên cổng") == []


NUKEVIET_TABLE = """<html><body><div id="content"><table class="tab1">
<thead><tr><th>STT</th><th>Số hiệu</th><th>Ngày ban hành</th><th>Trích yếu</th><th>Ngày có hiệu lực</th>
<th>Tải về</th></tr></thead><tbody>
<tr><td>1</td><td>130/CT-SXD</td><td>07/12/2025</td><td><a href="/laws/detail/130">Chỉ thị về tăng cường kỷ luật
 hành chính trong cơ quan</a></td><td>15/01/2026</td><td><a href="/uploads/laws/130.pdf">PDF</a></td></tr>
<tr><td>2</td><td>12/KH-SXD</td><td>05/11/2026</td><td><a href="/laws/detail/12">Kế hoạch kiểm tra công tác cải cách
 hành chính năm 2026</a></td><td>20/12/2026</td><td></td></tr>
</tbody></table></div></body></html>"""


def test_table_listing_columns_become_item_meta() -> None:
    result = extract_listing(ParsedPage(BASE, NUKEVIET_TABLE.encode()), BOUNDS)
    first, second = result.items
    assert first.meta["number"] == "130/CT-SXD" and first.meta["issued"] == "2025-12-07"
    assert first.meta["effective"] == "2026-01-15" and first.meta["files"] == ["https://sxd.hoalam.gov.vn/uploads/laws/130.pdf"]
    assert first.meta["abstract"].startswith("Chỉ thị về tăng cường")
    assert first.meta["labels"] == ["stt", "so hieu", "ngay ban hanh", "trich yeu", "ngay co hieu luc", "tai ve"]
    assert first.meta["sources"]["number"] == "listing"
    # The effective date may lie ahead of the crawl; it is a field, never the item's posting date.
    assert second.meta["effective"] == "2026-12-20" and second.date == dt.date(2026, 11, 5)


def test_sharepoint_list_view_meta_is_read_month_first() -> None:
    html = """<html><body><table class="ms-listviewtable"><tr><th>Số ký hiệu</th><th>Trích yếu</th>
    <th>Ngày ban hành</th></tr>
    <tr><td>13/2026/NQ-HĐND</td><td><a href="DispForm.aspx?ID=38">Nghị quyết quy định nội dung mức chi</a></td>
    <td>5/6/2026</td></tr><tr><td>14/2026/NQ-HĐND</td><td><a href="DispForm.aspx?ID=39">Nghị quyết về phí và lệ phí
    </a></td><td>10/23/2026</td></tr></table></body></html>"""
    result = extract_listing(ParsedPage("https://p.gov.vn/VanBan/Lists/VB/AllItems.aspx", html.encode()), BOUNDS)
    assert result.date_order == "MDY"
    assert [i.meta["issued"] for i in result.items] == ["2026-05-06", "2026-10-23"]


def test_labelled_texts_in_a_non_table_listing() -> None:
    html = """<html><body><div id="content"><div class="item"><h3><a href="/vb/1">Quyết định ban hành quy chế phối hợp
    quản lý</a></h3><span>Số hiệu: 26/2026/QĐ-UBND</span> <span>Ngày ban hành: 05/07/2026</span></div>
    <div class="item"><h3><a href="/vb/2">Nghị quyết quy định mức hỗ trợ các dự án</a></h3>
    <span>Số hiệu: 5/2026/NQ-HĐND</span> <span>Ngày ban hành: 26/05/2026</span></div></div></body></html>"""
    items = extract_listing(ParsedPage(BASE, html.encode()), BOUNDS).items
    assert [(i.meta["number"], i.meta["issued"]) for i in items] == [("26/2026/QĐ-UBND", "2026-07-05"),
                                                                     ("5/2026/NQ-HĐND", "2026-05-26")]
    assert items[0].meta["labels"] == ["so hieu", "ngay ban hanh"]


def test_listing_without_labels_has_empty_meta() -> None:
    html = """<html><body><ul><li><a href="/t/1">Hội nghị tổng kết công tác năm 2026</a> (20/11/2026)</li>
    <li><a href="/t/2">Tập huấn chuyển đổi số cho cán bộ</a> (19/11/2026)</li></ul></body></html>"""
    assert all(i.meta == {} for i in extract_listing(ParsedPage(BASE, html.encode()), BOUNDS).items)


SHAREPOINT_DISPFORM = """<html><body><div id="s4-workspace"><div id="content">
<table class="ms-formtable">
<tr><td class="ms-formlabel"><h3 class="ms-standardheader"><nobr>Số ký hiệu</nobr></h3></td>
    <td class="ms-formbody">39/2026/QĐ-UBND</td></tr>
<tr><td class="ms-formlabel"><nobr>Ngày ban hành</nobr></td><td class="ms-formbody">3/2/2026 8:39 AM</td></tr>
<tr><td class="ms-formlabel"><nobr>Ngày hiệu lực</nobr></td><td class="ms-formbody">3/22/2026</td></tr>
<tr><td class="ms-formlabel"><nobr>ReadCounter</nobr></td><td class="ms-formbody">12</td></tr>
<tr><td class="ms-formlabel"><nobr>Tệp đính kèm</nobr></td>
    <td class="ms-formbody"><a href="/VanBan/Lists/VB/Attachments/36/QD 39.pdf">QD 39.pdf</a></td></tr>
</table><table><tr><td class="ms-descriptiontext">Tạo lúc 3/2/2026 8:39 AM bởi Quản trị hệ thống</td></tr></table>
</div></div></body></html>"""


def test_sharepoint_detail_page_fields_and_created_date() -> None:
    found = scan(ParsedPage("https://p.gov.vn/VanBan/Lists/VB/DispForm.aspx?ID=36", SHAREPOINT_DISPFORM.encode()))
    doc = doc_fact(found, BOUNDS, "MDY")
    assert doc["fields"]["number"] == "39/2026/QĐ-UBND"
    assert doc["dates"] == {"issued": "2026-03-02", "posted": "2026-03-02", "effective": "2026-03-22", "deadline": None}
    assert "ReadCounter" in doc["labels"] and "Số ký hiệu" in doc["labels"]
    assert doc["files"] == ["https://p.gov.vn/VanBan/Lists/VB/Attachments/36/QD%2039.pdf"] or \
        doc["files"] == ["https://p.gov.vn/VanBan/Lists/VB/Attachments/36/QD 39.pdf"]


def test_liferay_detail_page_with_dl_and_label_lines() -> None:
    html = """<html><body><div class="journal-content-article"><h1>Lấy ý kiến dự thảo Quyết định về phí</h1>
    <dl><dt>Cơ quan soạn thảo</dt><dd>Sở Xây dựng</dd><dt>Loại văn bản</dt><dd>Quyết định</dd></dl>
    <p>Thời hạn lấy ý kiến: đến hết ngày 15/12/2026</p><p>Người ký: Nguyễn Văn A</p>
    <p><a href="/documents/1/2/du-thao.docx/uuid">Dự thảo</a></p></div></body></html>"""
    found = scan(ParsedPage("https://sxd.hoalam.gov.vn/-/view_content/1", html.encode()))
    doc = doc_fact(found, BOUNDS, "DMY", files=[{"url": "https://sxd.hoalam.gov.vn/documents/1/2/du-thao.docx/uuid"}])
    assert doc["fields"]["issuer"] == "Sở Xây dựng" and doc["fields"]["doc_type"] == "Quyết định"
    assert doc["fields"]["signer"] == "Nguyễn Văn A"
    assert doc["dates"]["deadline"] == "2026-12-15"  # deadlines may lie ahead of the crawl
    assert doc["files"] == ["https://sxd.hoalam.gov.vn/documents/1/2/du-thao.docx/uuid"]


def test_merge_keeps_the_listing_values_and_records_sources() -> None:
    meta = {"number": "12/KH-SXD", "issued": "2026-11-05", "labels": ["so hieu"], "sources": {"number": "listing",
                                                                                             "issued": "listing"}}
    doc = {"fields": {"number": "12/KH-SXD (sửa)", "issuer": "Sở Xây dựng"},
           "labels": ["Số hiệu", "Cơ quan ban hành"],
           "dates": {"issued": "2026-11-04", "posted": "2026-11-06", "effective": None, "deadline": None},
           "files": ["https://p.gov.vn/a.pdf"]}
    merged = merge_meta(meta, doc)
    assert merged["number"] == "12/KH-SXD" and merged["issued"] == "2026-11-05"
    assert merged["issuer"] == "Sở Xây dựng" and merged["posted"] == "2026-11-06"
    assert merged["files"] == ["https://p.gov.vn/a.pdf"]
    assert merged["sources"] == {"number": "listing", "issued": "listing", "posted": "article",
                                 "issuer": "article", "files": "article"}
    assert merged["labels"] == ["so hieu", "co quan ban hanh"]
