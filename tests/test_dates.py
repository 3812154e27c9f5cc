"""Vietnamese date extraction: formats seen on portals, their traps, labels, order and the fallback.

All strings are synthetic, written after the forms observed on real portals.  The clock is fixed.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

import crawler.extract.dates as dates_mod
from crawler.extract.dates import (
    KNOWN_LABELS,
    NEUTRAL_LABELS,
    NON_CONTENT_LABELS,
    PUBLISH_LABELS,
    DateBounds,
    dateparser_date,
    find_dates,
    infer_order,
    iso_to_vn_date,
    parse_date,
)
from crawler.extract.text import clean
from nd42.clock import VN_TZ

NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=VN_TZ)
BOUNDS = DateBounds(now=NOW)
D = dt.date

# (input, order, expected date or None).  One row per format or trap.
CASES: list[tuple[str, str, dt.date | None]] = [
    # --- day/month/year, separators and padding
    ("24/08/2022", "DMY", D(2022, 8, 24)),
    ("2/11/2023", "DMY", D(2023, 11, 2)),
    ("5/4/2019", "DMY", D(2019, 4, 5)),
    ("24-08-2022", "DMY", D(2022, 8, 24)),
    ("24.08.2022", "DMY", D(2022, 8, 24)),
    ("(15/09/2016)", "DMY", D(2016, 9, 15)),
    ("[12/05/2024]", "DMY", D(2024, 5, 12)),
    # --- times before and after
    ("12/05/2024 08:30", "DMY", D(2024, 5, 12)),
    ("12/05/2024 8:5", "DMY", D(2024, 5, 12)),
    ("Ngày đăng 24/08/2022 | 04:30 PM | Lượt xem: 8", "DMY", D(2022, 8, 24)),
    ("(05.08.2019 15:52)", "DMY", D(2019, 8, 5)),
    ("(28/03/2018 18:47 PM) Người xuất bản", "DMY", D(2018, 3, 28)),
    ("12/05/2024 - 08:30", "DMY", D(2024, 5, 12)),
    ("14:04 25-04-2019", "DMY", D(2019, 4, 25)),
    ("04:30 PM 24/08/2022", "DMY", D(2022, 8, 24)),
    ("6/2/2025 8:30 SA", "DMY", D(2025, 2, 6)),
    ("6/2/2025 8:30 CH", "DMY", D(2025, 2, 6)),
    ("12/05/2024 08h30", "DMY", D(2024, 5, 12)),
    ("01/01/2020 12:00 AM", "DMY", D(2020, 1, 1)),
    ("12/05/2024 lúc 23:59:59", "DMY", D(2024, 5, 12)),
    # --- weekday prefixes
    ("Thứ Hai, 12/05/2024 08:30", "DMY", D(2024, 5, 12)),
    ("Thứ hai,12/05/2024", "DMY", D(2024, 5, 12)),
    ("Thứ 2, 06/01/2025", "DMY", D(2025, 1, 6)),
    ("T2 06/01/2025", "DMY", D(2025, 1, 6)),
    ("Chủ nhật, 05/01/2025", "DMY", D(2025, 1, 5)),
    ("Chủ Nhật 05/01/2025", "DMY", D(2025, 1, 5)),
    ("CN, 05/01/2025", "DMY", D(2025, 1, 5)),
    ("Thứ năm, 2/11/2023, 19:20 (GMT+7)", "DMY", D(2023, 11, 2)),
    ("Thứ sáu, 5/4/2019-14:0 PM", "DMY", D(2019, 4, 5)),
    ("12/05/2024 14:0 PM", "DMY", D(2024, 5, 12)),
    ("Thứ hai, 8/4/2019-13:1 PM", "DMY", D(2019, 4, 8)),
    ("THỨ BẢY, 11/05/2024", "DMY", D(2024, 5, 11)),
    # --- labels
    ("Ngày đăng: 12/05/2024", "DMY", D(2024, 5, 12)),
    ("Đăng ngày 12/05/2024", "DMY", D(2024, 5, 12)),
    ("Cập nhật: 15/10/2026", "DMY", D(2026, 10, 15)),
    ("Ngày cập nhật 15/10/2026 09:12", "DMY", D(2026, 10, 15)),
    ("Ngày ban hành: 01/02/2024", "DMY", D(2024, 2, 1)),
    ("Ngày có hiệu lực: 15/02/2024", "DMY", D(2024, 2, 15)),
    ("Giấy phép số 12/GP-STTTT cấp ngày 03/11/2016", "DMY", D(2016, 11, 3)),
    # --- ISO 8601
    ("2019-06-12", "DMY", D(2019, 6, 12)),
    ("2019-06-12T09:00:00.000Z", "DMY", D(2019, 6, 12)),
    ("2026-02-06T07:45:00+07:00", "DMY", D(2026, 2, 6)),
    ("2026-11-19T22:45:00Z", "DMY", D(2026, 11, 20)),
    ("2019-06-11T18:00:00Z", "MDY", D(2019, 6, 12)),
    ("2024-05-12 08:30:00", "DMY", D(2024, 5, 12)),
    ("2024/05/12", "DMY", D(2024, 5, 12)),
    ("2024.5.12", "MDY", D(2024, 5, 12)),
    # --- Vietnamese long forms
    ("ngày 5 tháng 3 năm 2024", "DMY", D(2024, 3, 5)),
    ("Ngày 05 tháng 03 năm 2024", "DMY", D(2024, 3, 5)),
    ("5 tháng 3 năm 2024", "DMY", D(2024, 3, 5)),
    ("06 Tháng 02, 2025", "DMY", D(2025, 2, 6)),
    ("06 tháng 02 năm 2025", "DMY", D(2025, 2, 6)),
    ("Hà Nội, ngày 22 tháng 12 năm 2016", "DMY", D(2016, 12, 22)),
    ("thứ sáu, 6 tháng hai 2025", "DMY", D(2025, 2, 6)),
    ("6 tháng Giêng 2025", "DMY", D(2025, 1, 6)),
    ("20 tháng Chạp 2024", "DMY", D(2024, 12, 20)),
    ("6 tháng Mười Hai 2024", "DMY", D(2024, 12, 6)),
    ("06 Thg 02, 2025", "DMY", D(2025, 2, 6)),
    ("06 Thg2 2025", "DMY", D(2025, 2, 6)),
    # --- English
    ("Feb 6, 2025", "DMY", D(2025, 2, 6)),
    ("February 6, 2025", "DMY", D(2025, 2, 6)),
    ("6 Feb 2025", "DMY", D(2025, 2, 6)),
    ("6th February, 2025", "DMY", D(2025, 2, 6)),
    ("Sept. 30, 2024 10:15 AM", "DMY", D(2024, 9, 30)),
    ("06-Feb-2025", "DMY", D(2025, 2, 6)),
    # --- spaced digits (short strings only)
    ("25 04 2019 14:04", "DMY", D(2019, 4, 25)),
    ("thứ năm, 25 04 2019 14:04", "DMY", D(2019, 4, 25)),
    # --- month-first (SharePoint list views)
    ("4/23/2018 2:05 PM", "MDY", D(2018, 4, 23)),
    ("4/23/2018 2:05 PM", "DMY", None),
    ("12/20/2012 8:55 AM", "MDY", D(2012, 12, 20)),
    ("4/5/2018 3:05 PM", "MDY", D(2018, 4, 5)),
    ("4/5/2018 3:05 PM", "DMY", D(2018, 5, 4)),
    # --- sentinels, bounds
    ("Ngày: 31/12/9999", "DMY", None),
    ("12/31/9999", "MDY", None),
    ("31/12/2027", "DMY", None),
    ("26/11/2026", "DMY", None),  # today + 2
    ("25/11/2026", "DMY", D(2026, 11, 25)),  # today + 1 is within future_days
    ("dự kiến khai mạc ngày 03/12/2026", "DMY", None),
    ("15/06/1985", "DMY", None),
    # --- impossible dates
    ("ngày 281/11/2016", "DMY", None),
    ("31/02/2024", "DMY", None),
    ("29/02/2023", "DMY", None),
    ("29/02/2024", "DMY", D(2024, 2, 29)),
    ("00/01/2024", "DMY", None),
    ("15/13/2024", "DMY", None),
    ("12/05/20245", "DMY", None),
    ("2019-13-45T10:00:00Z", "DMY", None),
    # --- not dates at all
    ("© 2024 Sở Thông tin và Truyền thông", "DMY", None),
    ("Bản quyền 2015-2024", "DMY", None),
    ("Sáng 29-3", "DMY", None),
    ("Ngày 20/10", "DMY", None),
    ("jQuery 1.12.4", "DMY", None),
    ("jquery-1.12.4.min.js", "DMY", None),
    ("Điện thoại: 0261.3822.123", "DMY", None),
    ("Số 12/2024/QĐ-UBND", "DMY", None),
    ("1.442 kết quả", "DMY", None),
    ("Lượt xem: 1234", "DMY", None),
    ("Báo cáo kết quả 6 tháng năm 2024", "DMY", None),
    ("hôm qua", "DMY", None),
    ("2 ngày trước", "DMY", None),
    ("Mừng Xuân Mậu Tuất 2018", "DMY", None),
    ("", "DMY", None),
]


@pytest.mark.parametrize(("text", "order", "expected"), CASES, ids=[f"{i}:{c[0][:40]}" for i, c in enumerate(CASES)])
def test_parse_date_table(text: str, order: str, expected: dt.date | None) -> None:
    hit = parse_date(text, BOUNDS, order)
    assert (hit.date if hit else None) == expected
    if hit is not None:
        assert clean(text)[hit.start:hit.end] == hit.text


def test_table_is_large() -> None:
    assert len(CASES) >= 70


# --- hit details -----------------------------------------------------------------------------------


def test_hit_fields_numeric_with_time_and_label() -> None:
    hit = parse_date("Ngày đăng 24/08/2022 | 04:30 PM | Lượt xem: 8", BOUNDS)
    assert hit is not None
    assert (hit.form, hit.order, hit.ambiguous, hit.label, hit.has_time) == ("numeric", "DMY", False, "ngay dang", True)
    assert hit.text == "24/08/2022 | 04:30 PM"


@pytest.mark.parametrize(("text", "form", "order"), [
    ("2019-06-12T09:00:00.000Z", "iso", "YMD"),
    ("2024/05/12", "numeric", "YMD"),
    ("ngày 5 tháng 3 năm 2024", "long", None),
    ("Feb 6, 2025", "english", None),
    ("6 Feb 2025", "english", None),
    ("25 04 2019", "numeric", "DMY"),
])
def test_forms(text: str, form: str, order: str | None) -> None:
    hit = parse_date(text, BOUNDS)
    assert hit is not None and (hit.form, hit.order) == (form, order)


@pytest.mark.parametrize(("text", "ambiguous"), [
    ("05/04/2019", True), ("13/04/2019", False), ("04/04/2019", False), ("2019-04-05", False),
])
def test_ambiguous(text: str, ambiguous: bool) -> None:
    hit = parse_date(text, BOUNDS)
    assert hit is not None and hit.ambiguous is ambiguous


def test_header_clock_is_a_plain_hit_with_time() -> None:
    # The structure-aware caller decides to ignore it; here it is just a date with a time.
    hit = parse_date("Thứ hai, 8/4/2019-13:1 PM", BOUNDS)
    assert hit is not None
    assert hit.date == D(2019, 4, 8) and hit.has_time and hit.label is None


def test_iso_has_time_only_with_time() -> None:
    assert parse_date("2019-06-12", BOUNDS).has_time is False  # type: ignore[union-attr]
    assert parse_date("2019-06-12T09:00:00Z", BOUNDS).has_time is True  # type: ignore[union-attr]


# --- labels ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "label"), [
    ("Ngày đăng: 12/05/2024", "ngay dang"),
    ("Ngày đăng 12/05/2024 08:30", "ngay dang"),
    ("Đăng ngày 12/05/2024", "dang ngay"),
    ("Cập nhật: 12/05/2024", "cap nhat"),
    ("Ngày cập nhật: 12/05/2024", "ngay cap nhat"),
    ("Cập nhật lúc 08:30 ngày 12/05/2024", "cap nhat luc"),
    ("Ngày ban hành: 01/02/2024", "ngay ban hanh"),
    ("Ngày xuất bản 01/02/2024", "ngay xuat ban"),
    ("Ngày có hiệu lực: 15/02/2024", "ngay co hieu luc"),
    ("Có hiệu lực từ ngày 01/07/2024", "co hieu luc tu ngay"),
    ("Ngày hết hiệu lực: 31/12/2025", "ngay het hieu luc"),
    ("Hết hạn: 01/07/2024", "het han"),
    ("Ngày xác thực: 15/03/2024", "ngay xac thuc"),
    ("Ngày đăng công báo: 15/03/2024", "ngay dang cong bao"),
    ("Giấy phép số 12/GP-STTTT cấp ngày 03/11/2016", "cap ngay"),
    # A licence number followed by a bare "ngày" is still a licence date.
    ("Giấy phép số 112/GPTTĐT-STTTT, ngày 22/5/2018 của Sở", "cap ngay"),
    ("Giấy phép số 12/GP-STTTT ngày 03/11/2016", "cap ngay"),
    ("CAP NHAT: 12/05/2024", "cap nhat"),
    ("TỪ NGÀY 01/7/2018", "tu ngay"),
    ("Ngày: 12/05/2024", "ngay"),
    ("Hà Nội, ngày 05 tháng 3 năm 2024", "ngay"),
    ("Ngày đăng: Thứ Hai, 12/05/2024", "ngay dang"),
    ("Cập nhật: T2, 12/05/2024", "cap nhat"),
    ("từ ngày 01/7/2018", "tu ngay"),
    ("Posted on Feb 6, 2025", "posted on"),
    # Generic "ngày" in running text is an event or a reference, not a field label.
    ("Sáng ngày 29/3/2018, tại hội trường", None),
    ("Kế hoạch số 95/KH-UBND ngày 12/3/2018 của UBND tỉnh", None),
    # "TU" is the Tỉnh ủy, not an unaccented "từ".
    ("Thực hiện Chỉ thị số 31-CT/TU ngày 09/3/2018 của Tỉnh ủy", None),
    ("(từ ngày 01 đến 15/4/2020)", None),
    ("Thứ Hai, 12/05/2024", None),
    ("Tin mới 12/05/2024", None),
])
def test_labels(text: str, label: str | None) -> None:
    hits = find_dates(text, BOUNDS)
    assert len(hits) == 1
    assert hits[0].label == label


def test_label_sets() -> None:
    assert {"ngay dang", "dang ngay", "ngay cap nhat", "cap nhat", "ngay ban hanh", "ngay xuat ban",
            "ngay"} <= PUBLISH_LABELS
    assert {"ngay co hieu luc", "hieu luc", "ngay het hieu luc", "het han", "cap ngay", "ngay xac thuc",
            "ngay dang cong bao"} <= NON_CONTENT_LABELS
    assert not PUBLISH_LABELS & NON_CONTENT_LABELS
    assert not NEUTRAL_LABELS & (PUBLISH_LABELS | NON_CONTENT_LABELS)
    assert KNOWN_LABELS == PUBLISH_LABELS | NON_CONTENT_LABELS | NEUTRAL_LABELS


def test_brief_label_examples() -> None:
    assert find_dates("Ngày ban hành 17/11/2026", BOUNDS)[0].label == "ngay ban hanh"
    assert find_dates("Cập nhật: Thứ Hai, 12/05/2024", BOUNDS)[0].label == "cap nhat"
    assert find_dates("Ngày ký: 12/05/2024", BOUNDS)[0].label in PUBLISH_LABELS
    # A future effective date is outside the default bounds; with room for it, it is labelled.
    assert find_dates("Ngày có hiệu lực: 01/12/2026", BOUNDS) == []
    hits = find_dates("Ngày có hiệu lực: 01/12/2026", DateBounds(now=NOW, future_days=30))
    assert [(h.date, h.label) for h in hits] == [(D(2026, 12, 1), "ngay co hieu luc")]


def test_parse_date_prefers_labelled_publishing_date() -> None:
    text = "Hiệu lực: 15/02/2024 - Ngày ban hành: 01/02/2024"
    hit = parse_date(text, BOUNDS)
    assert hit is not None and hit.date == D(2024, 2, 1) and hit.label == "ngay ban hanh"
    # Without a publishing label the first hit wins, whatever its label.
    hit = parse_date("Ngày có hiệu lực: 15/02/2024", BOUNDS)
    assert hit is not None and hit.label in NON_CONTENT_LABELS


def test_nfd_and_zero_width_labels() -> None:
    text = unicodedata.normalize("NFD", "Ngày đă\u200bng:\u200b 12/05/2024")
    assert text != unicodedata.normalize("NFC", text)
    hit = parse_date(text, BOUNDS)
    assert hit is not None and hit.label == "ngay dang" and hit.date == D(2024, 5, 12)
    # Offsets refer to the cleaned (NFC, zero-width-free) text.
    assert clean(text)[hit.start:hit.end] == hit.text == "12/05/2024"
    nfd_long = unicodedata.normalize("NFD", "Ngày 05 tháng 03 năm 2024")
    hit = parse_date(nfd_long, BOUNDS)
    assert hit is not None and hit.date == D(2024, 3, 5) and hit.label == "ngay"


# --- find_dates ------------------------------------------------------------------------------------


def test_find_dates_several_hits_in_order() -> None:
    text = ("Ngày ban hành: 01/02/2024 Ngày có hiệu lực: 15/02/2024. Thay thế Quyết định số 422/QĐ-UBND "
            "ngày 27/3/2018; cấp ngày 22/5/2018; 2019-06-11T18:00:00Z")
    hits = find_dates(text, BOUNDS)
    assert [h.date for h in hits] == [D(2024, 2, 1), D(2024, 2, 15), D(2018, 3, 27), D(2018, 5, 22),
                                      D(2019, 6, 12)]
    assert [h.label for h in hits] == ["ngay ban hanh", "ngay co hieu luc", None, "cap ngay", None]
    assert [h.start for h in hits] == sorted(h.start for h in hits)
    cleaned = clean(text)
    assert all(cleaned[h.start:h.end] == h.text for h in hits)


def test_find_dates_range_in_title() -> None:
    hits = find_dates("Đoàn Thanh niên ra quân tình nguyện (từ ngày 01 đến 15/4/2020)", BOUNDS)
    assert [h.date for h in hits] == [D(2020, 4, 15)]


def test_find_dates_anniversary_range() -> None:
    text = "Kỷ niệm ngày Thương binh liệt sỹ (27/7/1947 - 27/7/2022)"
    wide = DateBounds(now=NOW, min_year=1900)
    assert [h.date for h in find_dates(text, wide)] == [D(1947, 7, 27), D(2022, 7, 27)]
    # With the default min_year the historical date is out of bounds.
    assert [h.date for h in find_dates(text, BOUNDS)] == [D(2022, 7, 27)]
    assert [h.date for h in find_dates("(27.7.1999/27.7.2019)", BOUNDS)] == [D(1999, 7, 27), D(2019, 7, 27)]


def test_find_dates_day_range_with_mixed_separators() -> None:
    assert [h.date for h in find_dates("trong 02 ngày từ 10-11/4/2018, tại", BOUNDS)] == [D(2018, 4, 11)]


def test_find_dates_time_is_never_taken_from_the_previous_hit() -> None:
    hits = find_dates("12/05/2024 08:30 13/05/2024", BOUNDS)
    assert [h.text for h in hits] == ["12/05/2024 08:30", "13/05/2024"]
    assert [h.has_time for h in hits] == [True, False]


def test_find_dates_skips_spaced_digits_in_running_text() -> None:
    assert find_dates("thứ năm, 25 04 2019 14:04", BOUNDS) == []
    assert parse_date("thứ năm, 25 04 2019 14:04", BOUNDS) is not None


def test_find_dates_glued_digits_and_document_numbers() -> None:
    text = "ngày 281/11/2016; Số 12/2024/QĐ-UBND; v1.12.4; ĐT 0261.3822.123; 1.442 kết quả; © 2024"
    assert find_dates(text, BOUNDS) == []


def test_find_dates_footer_licence_is_labelled() -> None:
    hits = find_dates("Giấy phép số 12/GP-STTTT do Sở TT&TT cấp ngày 03/11/2016. © 2024", BOUNDS)
    assert len(hits) == 1 and hits[0].label == "cap ngay" and hits[0].label in NON_CONTENT_LABELS


def test_find_dates_no_digit_is_empty() -> None:
    assert find_dates("Văn bản chỉ đạo điều hành " * 50, BOUNDS) == []


def test_bad_order_is_an_error() -> None:
    with pytest.raises(ValueError, match="order"):
        find_dates("12/05/2024", BOUNDS, "YMD")
    with pytest.raises(ValueError, match="order"):
        parse_date("12/05/2024", BOUNDS, "dmy")


# --- MDY vs DMY ------------------------------------------------------------------------------------


def test_mdy_vs_dmy() -> None:
    assert parse_date("4/23/2018 2:05 PM", BOUNDS, "MDY").date == D(2018, 4, 23)  # type: ignore[union-attr]
    assert parse_date("4/23/2018 2:05 PM", BOUNDS, "DMY") is None
    assert find_dates("4/23/2018 2:05 PM", BOUNDS, "DMY") == []
    hit = parse_date("4/5/2018", BOUNDS, "MDY")
    assert hit is not None and hit.date == D(2018, 4, 5) and hit.order == "MDY" and hit.ambiguous
    # Year-first and long forms do not depend on the order.
    assert parse_date("2018-04-05", BOUNDS, "MDY").date == D(2018, 4, 5)  # type: ignore[union-attr]
    assert parse_date("5 tháng 4 năm 2018", BOUNDS, "MDY").date == D(2018, 4, 5)  # type: ignore[union-attr]


# --- infer_order -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("texts", "expected"), [
    (["23/04/2018", "05/04/2018", "4/4/2018"], "DMY"),
    (["4/23/2018 2:05 PM", "4/5/2018 3:05 PM", "12/20/2012 8:55 AM"], "MDY"),
    (["05/04/2018", "04/05/2018", "1/2/2019"], None),
    (["23/04/2018", "4/23/2018"], None),
    (["2018-04-23", "Ngày 23 tháng 4 năm 2018", "Feb 23, 2018"], None),
    (["Ngày đăng 24/08/2022 | 04:30 PM", "Ngày đăng 02/11/2022 | 09:00 AM"], "DMY"),
    (["12/31/9999", "4/5/2018"], "MDY"),
    (["281/11/2016", "45/52/2016"], None),
    ([], None),
    (["Không có ngày", ""], None),
])
def test_infer_order(texts: list[str], expected: str | None) -> None:
    assert infer_order(texts) == expected


def test_infer_order_accepts_a_generator() -> None:
    assert infer_order(t for t in ["13/1/2020", "2/2/2020"]) == "DMY"


# --- iso_to_vn_date --------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("2019-06-12", D(2019, 6, 12)),
    ("2019-06-11T18:00:00Z", D(2019, 6, 12)),
    ("2019-06-11T16:59:59Z", D(2019, 6, 11)),
    ("2026-11-19T22:45:00Z", D(2026, 11, 20)),
    ("2019-06-12T09:00:00.000Z", D(2019, 6, 12)),
    ("2019-06-12T09:00:00.1234567Z", D(2019, 6, 12)),
    ("2026-02-06T07:45:00+07:00", D(2026, 2, 6)),
    ("2026-02-06T01:00:00+09:00", D(2026, 2, 5)),
    ("2019-06-12T23:00:00+0000", D(2019, 6, 13)),
    ("2019-06-12 23:00:00", D(2019, 6, 12)),  # naive: already local
    (" 2019-06-12T17:00:00Z ", D(2019, 6, 13)),
    ("20190612", None),
    ("2019-13-01", None),
    ("2019-06-12T25:00:00", None),
    ("12/06/2019", None),
    ("2019-06-12 garbage", None),
    ("", None),
])
def test_iso_to_vn_date(value: str, expected: dt.date | None) -> None:
    assert iso_to_vn_date(value) == expected


# --- bounds ----------------------------------------------------------------------------------------


def test_bounds_future_days_and_min_year() -> None:
    assert BOUNDS.latest == D(2026, 11, 25)
    assert parse_date("26/11/2026", DateBounds(now=NOW, future_days=2)) is not None
    assert parse_date("25/11/2026", DateBounds(now=NOW, future_days=0)) is None
    assert parse_date("24/11/2026", DateBounds(now=NOW, future_days=0)) is not None
    assert parse_date("15/06/1985", DateBounds(now=NOW, min_year=1980)) is not None
    assert parse_date("31/12/1989", BOUNDS) is None and parse_date("01/01/1990", BOUNDS) is not None


def test_bounds_use_the_vietnam_calendar() -> None:
    # 18:00 UTC on the 24th is already the 25th in Vietnam.
    utc_now = dt.datetime(2026, 11, 24, 18, 0, tzinfo=dt.UTC)
    assert DateBounds(now=utc_now, future_days=0).latest == D(2026, 11, 25)
    assert DateBounds(now=dt.datetime(2026, 11, 24, 10, 0)).latest == D(2026, 11, 25)  # naive = local


def test_sentinel_and_next_year() -> None:
    for text, order in [("31/12/9999", "DMY"), ("12/31/9999", "MDY"), ("9999-12-31", "DMY"), ("01/01/2027", "DMY")]:
        assert parse_date(text, BOUNDS, order) is None
        assert find_dates(text, BOUNDS, order) == []


# --- fallback --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Thg 2 06, 2025", D(2025, 2, 6)),
    ("tháng Hai 6, 2025", D(2025, 2, 6)),
    ("tháng 2 6, 2025", D(2025, 2, 6)),
])
def test_fallback_reads_what_the_fast_path_cannot(text: str, expected: dt.date) -> None:
    assert find_dates(text, BOUNDS) == []
    hit = parse_date(text, BOUNDS)
    assert hit is not None and hit.date == expected and hit.form == "parser" and hit.order is None
    assert hit.text == text and (hit.start, hit.end) == (0, len(text))
    assert parse_date(text, BOUNDS, fallback=False) is None


def test_fallback_respects_bounds() -> None:
    assert parse_date("tháng 12 6, 2027", BOUNDS) is None


def test_fallback_skips_long_strings() -> None:
    text = "Thg 2 06, 2025 " + "nội dung " * 10
    assert len(text) > dates_mod.FALLBACK_MAX_CHARS
    assert parse_date(text, BOUNDS) is None


def test_rejected_candidates_are_final(monkeypatch: pytest.MonkeyPatch) -> None:
    # dateparser alone reads 4/23/2018 month-first even under DMY; parse_date must not ask it.
    assert dateparser_date("4/23/2018 2:05 PM", BOUNDS, "DMY") == D(2018, 4, 23)
    calls: list[str] = []
    monkeypatch.setattr(dates_mod, "dateparser_date", lambda text, bounds, order="DMY": calls.append(text))
    for text in ["4/23/2018 2:05 PM", "31/02/2024", "ngày 281/11/2016", "31/12/9999", "12/05/24"]:
        assert parse_date(text, BOUNDS) is None
    assert calls == []


def test_cheap_prefilters_keep_junk_away_from_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(dates_mod, "dateparser_date", lambda text, bounds, order="DMY": calls.append(text))
    junk = ["© 2024", "Bản quyền 2015-2024", "1.442 kết quả", "Trang 2", "Lượt xem: 12", "Sáng 29-3",
            "Mừng Xuân Mậu Tuất 2018", "2 ngày trước", "Tin tức", "jQuery 1.12.4", "Năm 2024 có 12 tháng"]
    for text in junk:
        assert parse_date(text, BOUNDS) is None
    assert calls == ["Năm 2024 có 12 tháng"]  # year + day-sized number + month word: worth asking


def test_dateparser_alone_refuses_invented_parts() -> None:
    # dateparser reads "06 Thg2 2025" as a day in 2026 and "2 ngày trước" relative to the clock.
    assert dateparser_date("06 Thg2 2025", BOUNDS) is None
    assert dateparser_date("2 ngày trước", BOUNDS) is None
    assert dateparser_date("hôm qua", BOUNDS) is None


# Fast-path strings that dateparser alone also reads: both must give the same date.
CONSISTENCY = [
    ("24/08/2022", "DMY"), ("2/11/2023", "DMY"), ("5/4/2019", "DMY"), ("24-08-2022", "DMY"), ("24.08.2022", "DMY"),
    ("12/05/2024 08:30", "DMY"), ("24/08/2022 | 04:30 PM", "DMY"), ("(05.08.2019 15:52)", "DMY"),
    ("14:04 25-04-2019", "DMY"), ("04:30 PM 24/08/2022", "DMY"), ("6/2/2025 8:30 SA", "DMY"),
    ("6/2/2025 8:30 CH", "DMY"), ("12/05/2024 08h30", "DMY"), ("Thứ 2, 06/01/2025", "DMY"),
    ("CN, 05/01/2025", "DMY"), ("Chủ Nhật, 05/01/2025", "DMY"), ("Thứ năm, 2/11/2023, 19:20 (GMT+7)", "DMY"),
    ("Thứ sáu, 5/4/2019-14:0 PM", "DMY"), ("Thứ hai, 8/4/2019-13:1 PM", "DMY"), ("2019-06-12", "DMY"),
    ("2019-06-12T09:00:00.000Z", "DMY"), ("2026-11-19T22:45:00Z", "DMY"), ("2026-02-06T07:45:00+07:00", "DMY"),
    ("2024/05/12", "DMY"), ("ngày 5 tháng 3 năm 2024", "DMY"), ("Ngày 05 tháng 03 năm 2024", "DMY"),
    ("06 Tháng 02, 2025", "DMY"), ("06 tháng 02 năm 2025", "DMY"), ("thứ sáu, 6 tháng hai 2025", "DMY"),
    ("6 tháng Mười Hai 2024", "DMY"), ("06 Thg 02, 2025", "DMY"), ("Feb 6, 2025", "DMY"),
    ("February 6, 2025", "DMY"), ("6 Feb 2025", "DMY"), ("6th February 2025", "DMY"), ("06-Feb-2025", "DMY"),
    ("25 04 2019 14:04", "DMY"), ("thứ năm, 25 04 2019 14:04", "DMY"), ("4/23/2018 2:05 PM", "MDY"),
    ("12/20/2012 8:55 AM", "MDY"), ("4/5/2018 3:05 PM", "MDY"), ("4/5/2018 3:05 PM", "DMY"),
    ("25/11/2026", "DMY"), ("26/11/2026", "DMY"), ("31/12/9999", "DMY"), ("31/02/2024", "DMY"),
]


def test_fast_path_agrees_with_dateparser() -> None:
    both = 0
    for text, order in CONSISTENCY:
        fast = parse_date(text, BOUNDS, order, fallback=False)
        slow = dateparser_date(text, BOUNDS, order)
        if fast is not None and slow is not None:
            both += 1
            assert fast.date == slow, text
        if fast is None:
            assert slow is None, text  # nothing dateparser reads here may be missed by the fast path
    assert both >= 40
