"""Named legal citations used by the rules.

Every constant here is backed by ``legal-basis.md`` (the project's legal research note) and
carries that note's certainty tag: VERIFIED (text read), VERIFIED-2nd (verbatim quote read in a
secondary source) or UNVERIFIED.  Do not add an article that the note does not support.

Standing: ``in_force``, ``repealed`` (still cited because the obligation carried over or as the
benchmark portals were built to), ``legacy_guidance`` (a guidance circular that predates Decree
42/2022 and whose current force is not established) or ``provincial`` (a provincial inspection
criterion, no national basis).  Findings carry the standing *on the run day* (:func:`refs_as_of`):
a repealed instrument was ``in_force`` before its repeal, and an instrument not yet in force on
the run day is ``not_yet_in_force`` (Decree 224/2026 before 01/07/2026).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from nd42.clock import vn_today
from nd42.records import Certainty, LegalRef

ND42 = "Nghị định 42/2022/NĐ-CP"
ND224 = "Nghị định 224/2026/NĐ-CP"
LAW104 = "Luật Tiếp cận thông tin 104/2016/QH13"
ND43 = "Nghị định 43/2011/NĐ-CP"
TT32 = "Thông tư 32/2017/TT-BTTTT"
PROVINCIAL = "Tiêu chí kiểm tra cấp tỉnh (quy chế cổng TTĐT của UBND tỉnh; không có căn cứ quốc gia)"

# When an instrument stopped being in force: before that day a "repealed" citation was in force.
REPEALED_ON: dict[str, dt.date] = {
    ND42: dt.date(2026, 7, 1),  # 224/2026 Art. 90.2.b
    ND43: dt.date(2022, 8, 15),  # replaced by 42/2022, in force 15/8/2022
}
# When an instrument came into force: before that day an "in_force" citation was not yet law.
IN_FORCE_FROM: dict[str, dt.date] = {
    ND224: dt.date(2026, 7, 1),  # legal-basis note §0: in force 01/07/2026
    ND42: dt.date(2022, 8, 15),
    LAW104: dt.date(2018, 7, 1),
}
NOT_YET_IN_FORCE = "not_yet_in_force"

_ND42_REPEALED_VI = "Hết hiệu lực từ 01/07/2026 (Nghị định 224/2026/NĐ-CP, Điều 90 khoản 2)."
_ND42_REPEALED_EN = "Ceased to be in force on 01/07/2026 (Decree 224/2026/NĐ-CP, Art. 90.2)."
_ND43_VI = "Đã bị Nghị định 42/2022/NĐ-CP thay thế (15/8/2022); dùng làm chuẩn tham chiếu cũ."
_ND43_EN = "Replaced by Decree 42/2022/NĐ-CP on 15/8/2022; cited as the legacy benchmark."

# ---------------------------------------------------------------------------------------------- 42/2022
ND42_4_1_A = LegalRef(
    ND42, "Điều 4", "khoản 1, điểm a", Certainty.VERIFIED_2ND, "repealed",
    "Văn bản QPPL và văn bản quản lý hành chính (hình thức, số ký hiệu, ngày ban hành, ngày hiệu lực, trích yếu, "
    "tệp tải về, công cụ tìm kiếm). " + _ND42_REPEALED_VI,
    "Legal and administrative documents with type, number, dates, abstract, download and search. "
    + _ND42_REPEALED_EN,
)
ND42_4_1_C = LegalRef(
    ND42, "Điều 4", "khoản 1, điểm c", Certainty.VERIFIED_2ND, "repealed",
    "Thủ tục hành chính, dịch vụ công trực tuyến, tích hợp từ Cổng Dịch vụ công quốc gia. " + _ND42_REPEALED_VI,
    "Administrative procedures and online services, integrated from the National Public Service Portal. "
    + _ND42_REPEALED_EN,
)
ND42_4_1_E = LegalRef(
    ND42, "Điều 4", "khoản 1, điểm e", Certainty.VERIFIED_2ND, "repealed",
    "Chức năng, nhiệm vụ, quyền hạn, cơ cấu tổ chức, sơ đồ tổ chức; địa chỉ, điện thoại, thư điện tử của cơ quan; "
    "đầu mối liên hệ. " + _ND42_REPEALED_VI,
    "Functions, duties, powers, structure and chart; the agency's address, phone and email; contact-point "
    "officials. " + _ND42_REPEALED_EN,
)
ND42_4_UPDATE = LegalRef(
    ND42, "Điều 4", "", Certainty.VERIFIED_2ND, "repealed",
    "Thông tin phải được cập nhật kịp thời khi có thay đổi (khoản cụ thể chưa xác định). " + _ND42_REPEALED_VI,
    "Information must be updated promptly after changes (exact clause not established). " + _ND42_REPEALED_EN,
)
ND42_7_1 = LegalRef(
    ND42, "Điều 7", "khoản 1", Certainty.VERIFIED_2ND, "repealed",
    "Chức năng tìm kiếm, liên kết đến cổng của cơ quan nhà nước khác, in ấn và lưu trữ mỗi tin, bài. "
    + _ND42_REPEALED_VI,
    "Search, links to other state agencies' portals, print and save for each article. " + _ND42_REPEALED_EN,
)

# ---------------------------------------------------------------------------------------------- 224/2026
ND224_9_1_A = LegalRef(
    ND224, "Điều 9", "khoản 1, điểm a", Certainty.VERIFIED, "in_force",
    "Thủ tục hành chính, dịch vụ công trực tuyến, quy trình giải quyết công việc, tích hợp từ Cổng DVC quốc gia. "
    "Có hiệu lực từ 01/07/2026.",
    "Administrative procedures, online services and work processes, integrated from the National Public Service "
    "Portal. In force since 01/07/2026.",
)
ND224_9_1_B = LegalRef(
    ND224, "Điều 9", "khoản 1, điểm b", Certainty.VERIFIED, "in_force",
    "Bộ, cơ quan ngang bộ, cục, sở: sơ đồ, cơ cấu tổ chức, chức năng, nhiệm vụ, quyền hạn; quá trình hình thành; "
    "tiểu sử tóm tắt và nhiệm vụ của lãnh đạo. Có hiệu lực từ 01/07/2026.",
    "Ministries, central agencies, departments: chart, structure, functions, duties, powers; history; leaders' "
    "short biographies and portfolios. In force since 01/07/2026.",
)
ND224_9_3 = LegalRef(
    ND224, "Điều 9", "khoản 3", Certainty.VERIFIED, "in_force",
    "Thông tin phải được cập nhật kịp thời ngay khi có sự thay đổi. Có hiệu lực từ 01/07/2026.",
    "Information must be updated promptly as soon as anything changes. In force since 01/07/2026.",
)

# ---------------------------------------------------------------------------------------------- Law 104/2016
LAW104_19_1_A = LegalRef(
    LAW104, "Điều 19", "khoản 1, điểm a", Certainty.VERIFIED, "in_force",
    "Phải công khai trên cổng TTĐT: văn bản QPPL, điều ước quốc tế, thủ tục hành chính, quy trình giải quyết công "
    "việc.",
    "Must be published on the portal: legal documents, treaties, administrative procedures and work processes.",
)
LAW104_19_1_DD = LegalRef(
    LAW104, "Điều 19", "khoản 1, điểm đ", Certainty.VERIFIED, "in_force",
    "Chức năng, nhiệm vụ, quyền hạn, cơ cấu tổ chức, sơ đồ tổ chức; địa chỉ, điện thoại, fax, thư điện tử của cơ "
    "quan và của người tiếp nhận yêu cầu cung cấp thông tin.",
    "Functions, duties, powers, structure and chart; the address, phone, fax and email of the agency and of the "
    "person receiving information requests.",
)
LAW104_18_4 = LegalRef(
    LAW104, "Điều 18", "khoản 4", Certainty.VERIFIED, "in_force",
    "Khi pháp luật chưa quy định thời hạn: công khai chậm nhất 05 ngày làm việc kể từ ngày tạo ra thông tin.",
    "Where no other law sets a deadline: publish within 5 working days of the information being created.",
)

# ---------------------------------------------------------------------------------------------- 43/2011 (legacy)
ND43_10_1_A = LegalRef(
    ND43, "Điều 10", "khoản 1, điểm a", Certainty.VERIFIED, "repealed",
    "Thông tin giới thiệu: cơ cấu, sơ đồ tổ chức, chức năng, quá trình hình thành, tiểu sử tóm tắt của lãnh đạo. "
    + _ND43_VI,
    "Introduction: structure, chart, functions, history and leaders' short biographies. " + _ND43_EN,
)
ND43_10_1_B = LegalRef(
    ND43, "Điều 10", "khoản 1, điểm b", Certainty.VERIFIED, "repealed",
    "Tin tức, sự kiện. " + _ND43_VI, "News and events. " + _ND43_EN,
)
ND43_10_1_C = LegalRef(
    ND43, "Điều 10", "khoản 1, điểm c", Certainty.VERIFIED, "repealed",
    "Thông tin chỉ đạo, điều hành (ý kiến chỉ đạo, lịch làm việc của lãnh đạo). " + _ND43_VI,
    "Direction and administration (directions issued, leaders' work calendar). " + _ND43_EN,
)
ND43_15_2 = LegalRef(
    ND43, "Điều 15", "khoản 2", Certainty.VERIFIED, "repealed",
    "Hỏi đáp, tiếp nhận phản ánh kiến nghị và theo dõi tình trạng xử lý (tối thiểu có địa chỉ thư điện tử). "
    + _ND43_VI,
    "Q&A and feedback, with processing-status tracking (at least an email address). " + _ND43_EN,
)

# ---------------------------------------------------------------------------------------------- Circular 32/2017
_TT32_VI = ("Thông tư hướng dẫn có hiệu lực từ 01/06/2018, trước Nghị định 42/2022 (hướng dẫn cũ; hiệu lực hiện nay "
            "chưa được xác minh).")
_TT32_EN = ("Guidance circular in force since 01/06/2018, predating Decree 42/2022 (legacy guidance; whether it is "
            "still in force is not established).")
TT32_16_3_A = LegalRef(
    TT32, "Điều 16", "khoản 3, điểm a", Certainty.VERIFIED, "legacy_guidance",
    "Menu chính có Trang chủ, Giới thiệu, Dịch vụ công trực tuyến, Sơ đồ cổng thông tin điện tử. " + _TT32_VI,
    "Main menu with Home, About, Online public services and Site map. " + _TT32_EN,
)
TT32_16_4_B = LegalRef(
    TT32, "Điều 16", "khoản 4, điểm b", Certainty.VERIFIED, "legacy_guidance",
    "Sơ đồ cổng dạng cây văn bản cho người dùng và tập tin XML cho máy tìm kiếm. " + _TT32_VI,
    "Site map as a text tree for users and an XML file for search engines. " + _TT32_EN,
)

# ---------------------------------------------------------------------------------------------- provincial
PROVINCIAL_PARTY_UNION = LegalRef(
    PROVINCIAL, "", "", Certainty.UNVERIFIED, "provincial",
    "Không có điều khoản quốc gia nào (42/2022, 224/2026, 43/2011, Luật 104/2016, Nghị định 13/2018, Thông tư "
    "32/2017) yêu cầu chuyên mục Đảng – Đoàn thể (phụ lục Thông tư 22/2023 chưa được đọc); đây là quy ước/tiêu chí "
    "kiểm tra cấp tỉnh (ví dụ quy chế cổng TTĐT của Bình Phước 959/QĐ-UBND, Thừa Thiên Huế 54/2023/QĐ-UBND, Thái "
    "Nguyên 01/2026/QĐ-UBND; nội dung các quy chế này chưa được đọc).",
    "No national article (42/2022, 224/2026, 43/2011, Law 104/2016, Decree 13/2018, Circular 32/2017) requires a "
    "Party and mass-organisation section (the appendices of Circular 22/2023 were not read); it is a provincial "
    "convention / inspection criterion (e.g. the portal regulations of Bình Phước 959/QĐ-UBND, Thừa Thiên Huế "
    "54/2023/QĐ-UBND, Thái Nguyên 01/2026/QĐ-UBND, whose bodies were not read).",
)

ALL_REFS: tuple[LegalRef, ...] = (
    ND42_4_1_A, ND42_4_1_C, ND42_4_1_E, ND42_4_UPDATE, ND42_7_1,
    ND224_9_1_A, ND224_9_1_B, ND224_9_3,
    LAW104_19_1_A, LAW104_19_1_DD, LAW104_18_4,
    ND43_10_1_A, ND43_10_1_B, ND43_10_1_C, ND43_15_2,
    TT32_16_3_A, TT32_16_4_B,
    PROVINCIAL_PARTY_UNION,
)


def standing_on(ref: LegalRef, day: dt.date) -> str:
    """The standing of ``ref`` on ``day`` (a re-check of a stored snapshot uses the crawl's day)."""
    starts = IN_FORCE_FROM.get(ref.instrument)
    if ref.standing in ("in_force", "repealed") and starts is not None and day < starts:
        return NOT_YET_IN_FORCE
    repealed_on = REPEALED_ON.get(ref.instrument)
    if ref.standing == "repealed" and repealed_on is not None and day < repealed_on:
        return "in_force"
    return ref.standing


def refs_as_of(refs: Iterable[LegalRef], now: dt.datetime) -> list[LegalRef]:
    """The citations with their standing on the run day (Vietnam time).

    A citation of an instrument repealed after the run day (a snapshot of June 2026 re-checked with
    its own clock) was ``in_force`` then; one of an instrument not yet in force is
    ``not_yet_in_force``.  Certainty and notes are unchanged.
    """
    day = vn_today(now)
    out = []
    for ref in refs:
        standing = standing_on(ref, day)
        out.append(ref if standing == ref.standing else dataclasses.replace(ref, standing=standing))
    return out
