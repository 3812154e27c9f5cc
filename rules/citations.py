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
ND13 = "Nghị định 13/2018/NĐ-CP"
TT24 = "Thông tư 24/2011/TT-BTTTT"
TT26 = "Thông tư 26/2020/TT-BTTTT"
TT22 = "Thông tư 22/2023/TT-BTTTT"
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
    ND13: dt.date(2018, 7, 1),  # detailing Law 104/2016, in force with it
    TT22: dt.date(2024, 4, 5),
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
ND42_4_1_D = LegalRef(
    ND42, "Điều 4", "khoản 1, điểm d", Certainty.VERIFIED_2ND, "repealed",
    "Thông tin phổ biến, hướng dẫn thực hiện pháp luật, chế độ, chính sách. " + _ND42_REPEALED_VI,
    "Dissemination of and guidance on laws, regimes and policies. " + _ND42_REPEALED_EN,
)
ND42_4_1_PLANS = LegalRef(
    ND42, "Điều 4", "khoản 1", Certainty.VERIFIED_2ND, "repealed",
    "Chiến lược, chương trình, dự án, đề án, kế hoạch, quy hoạch phát triển kinh tế - xã hội; chương trình, kế hoạch "
    "công tác hằng năm (nội dung đã kiểm chứng qua nguồn thứ cấp; chữ cái điểm \"đ\" CHƯA được xác minh). "
    + _ND42_REPEALED_VI,
    "Strategies, programmes, projects, schemes, plans and master plans; annual work programmes and plans (content "
    "verified in secondary sources; the point letter \"đ\" is UNVERIFIED). " + _ND42_REPEALED_EN,
)
ND42_4_1_FINANCE = LegalRef(
    ND42, "Điều 4", "khoản 1", Certainty.VERIFIED_2ND, "repealed",
    "Báo cáo tài chính năm (quy định mới); thông tin thống kê về ngành, lĩnh vực quản lý (chữ cái các điểm CHƯA được "
    "xác minh). " + _ND42_REPEALED_VI,
    "Annual financial report (a new provision); sector statistics (the point letters are UNVERIFIED). "
    + _ND42_REPEALED_EN,
)
ND42_6_DOMAIN = LegalRef(
    ND42, "Điều 6", "", Certainty.UNVERIFIED, "repealed",
    "Quy định về tên miền, trang thành phần, IPv6 của cổng TTĐT: số điều và nội dung trong Nghị định 42/2022 CHƯA được "
    "xác minh (xem Nghị định 224/2026 Điều 11 khoản 4). " + _ND42_REPEALED_VI,
    "The article on domains, component sites and IPv6: its number and text in Decree 42/2022 are UNVERIFIED (see "
    "Decree 224/2026 Art. 11.4). " + _ND42_REPEALED_EN,
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
ND42_7_2 = LegalRef(
    ND42, "Điều 7", "khoản 2, điểm a, b", Certainty.VERIFIED_2ND, "repealed",
    "Thông tin bằng tiếng Anh: cơ cấu tổ chức, chức năng, nhiệm vụ, quyền hạn; thông tin liên hệ của cán bộ có thẩm "
    "quyền (họ tên, chức vụ, đơn vị, điện thoại, fax, thư điện tử công vụ); phải cập nhật kịp thời. "
    + _ND42_REPEALED_VI,
    "In English: organisational structure, functions, duties and powers; contacts of competent officials (name, "
    "title, unit, phone, fax, official email); to be updated promptly. " + _ND42_REPEALED_EN,
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
ND224_9_1_C = LegalRef(
    ND224, "Điều 9", "khoản 1, điểm c", Certainty.VERIFIED, "in_force",
    "UBND cấp tỉnh, cấp xã: bộ máy hành chính, bản đồ địa giới, điều kiện tự nhiên, lịch sử, văn hóa; tiểu sử tóm tắt "
    "và nhiệm vụ đảm nhiệm của lãnh đạo. Có hiệu lực từ 01/07/2026.",
    "Provincial and commune People's Committees: administrative apparatus, boundary map, natural conditions, history "
    "and culture; leaders' short biographies and portfolios. In force since 01/07/2026.",
)
ND224_9_3 = LegalRef(
    ND224, "Điều 9", "khoản 3", Certainty.VERIFIED, "in_force",
    "Thông tin phải được cập nhật kịp thời ngay khi có sự thay đổi. Có hiệu lực từ 01/07/2026.",
    "Information must be updated promptly as soon as anything changes. In force since 01/07/2026.",
)
ND224_11_3 = LegalRef(
    ND224, "Điều 11", "khoản 3", Certainty.VERIFIED, "in_force",
    "Cổng TTĐT của bộ, tỉnh kết nối với Cổng TTĐT Chính phủ (chinhphu.vn) và nền tảng đo lường, giám sát chuyển đổi "
    "số. Có hiệu lực từ 01/07/2026.",
    "Ministry and provincial portals connect to the Government portal (chinhphu.vn) and the national measurement "
    "platform. In force since 01/07/2026.",
)
ND224_11_4 = LegalRef(
    ND224, "Điều 11", "khoản 4", Certainty.VERIFIED, "in_force",
    "Tên miền quốc gia \".vn\" theo mẫu: bộ tenbonganh.gov.vn; tỉnh tentinhthanh.gov.vn; sở và đơn vị "
    "tencoquan.tentinhthanh.gov.vn; xã, phường tenphuongxa.tentinhthanh.gov.vn; sử dụng IPv6. Có hiệu lực từ "
    "01/07/2026.",
    "The national \".vn\" domain in a set pattern: ministries tenbonganh.gov.vn; provinces tentinhthanh.gov.vn; "
    "departments and units tencoquan.tentinhthanh.gov.vn; communes and wards tenphuongxa.tentinhthanh.gov.vn; IPv6. "
    "In force since 01/07/2026.",
)

ND224_10_3_A = LegalRef(
    ND224, "Điều 10", "khoản 3, điểm a", Certainty.VERIFIED, "in_force",
    "Kênh cung cấp thông tin thuận tiện trên nhiều phương tiện truy cập khác nhau, bao gồm cả thiết bị di động. Có "
    "hiệu lực từ 01/07/2026.",
    "Information channels convenient on different access devices, including mobile. In force since 01/07/2026.",
)
ND224_10_3_C = LegalRef(
    ND224, "Điều 10", "khoản 3, điểm c", Certainty.VERIFIED, "in_force",
    "Bảo đảm an toàn thông tin mạng, tiêu chuẩn hỗ trợ người khuyết tật tiếp cận, quy chuẩn kỹ thuật. Có hiệu lực từ "
    "01/07/2026.",
    "Cyber-security, accessibility standards for people with disabilities, technical regulations. In force since "
    "01/07/2026.",
)
ND224_11_5 = LegalRef(
    ND224, "Điều 11", "khoản 5", Certainty.VERIFIED, "in_force",
    "Dữ liệu đặc tả (metadata) hỗ trợ tìm kiếm, chia sẻ thông tin. Có hiệu lực từ 01/07/2026.",
    "Metadata to support search and sharing. In force since 01/07/2026.",
)
ND224_12 = LegalRef(
    ND224, "Điều 12", "", Certainty.VERIFIED, "in_force",
    "Đo lường, đánh giá định kỳ, liên tục bằng dữ liệu thu thập tự động: mức độ đầy đủ, kịp thời; khả năng tiếp cận, "
    "hiển thị, điều hướng và các chỉ số hiệu năng kỹ thuật. Có hiệu lực từ 01/07/2026.",
    "Periodic, continuous measurement from automatically collected data: completeness and timeliness; accessibility, "
    "display, navigation and technical performance indicators. In force since 01/07/2026.",
)
ND224_21_2_A = LegalRef(
    ND224, "Điều 21", "khoản 2, điểm a", Certainty.VERIFIED, "in_force",
    "Hệ thống hoạt động tin cậy, liên tục. Có hiệu lực từ 01/07/2026.",
    "Reliable, continuous operation. In force since 01/07/2026.",
)
ND224_21_4 = LegalRef(
    ND224, "Điều 21", "khoản 4", Certainty.VERIFIED, "in_force",
    "Bảo đảm an toàn, an ninh mạng, bảo vệ dữ liệu cá nhân, phòng chống tấn công, ứng cứu sự cố (điều khoản chung; "
    "các biện pháp kỹ thuật cụ thể như HTTPS, tiêu đề bảo mật không được nêu tên). Có hiệu lực từ 01/07/2026.",
    "Cyber-security, personal-data protection, attack prevention and incident response (a general clause; specific "
    "technical measures such as HTTPS or security headers are not named). In force since 01/07/2026.",
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
LAW104_19_1_B = LegalRef(
    LAW104, "Điều 19", "khoản 1, điểm b", Certainty.VERIFIED, "in_force",
    "Phải công khai trên cổng TTĐT: văn bản phổ biến, hướng dẫn thực hiện pháp luật, chế độ, chính sách.",
    "Must be published on the portal: dissemination of and guidance on laws, regimes and policies.",
)
LAW104_19_1_C = LegalRef(
    LAW104, "Điều 19", "khoản 1, điểm c", Certainty.VERIFIED, "in_force",
    "Phải công khai trên cổng TTĐT: chiến lược, chương trình, dự án, đề án, kế hoạch, quy hoạch, cách thức và kết quả "
    "thực hiện; kế hoạch công tác hằng năm.",
    "Must be published on the portal: strategies, programmes, projects, schemes, plans and master plans with their "
    "implementation and results; annual work plans.",
)
LAW104_19_1_D = LegalRef(
    LAW104, "Điều 19", "khoản 1, điểm d", Certainty.VERIFIED, "in_force",
    "Phải công khai trên cổng TTĐT: danh mục dự án, chương trình đầu tư công, mua sắm công và kết quả thực hiện; "
    "quản lý vốn vay.",
    "Must be published on the portal: the list of public-investment and public-procurement projects and programmes "
    "and their results; management of loan capital.",
)
LAW104_19_1_E = LegalRef(
    LAW104, "Điều 19", "khoản 1, điểm e", Certainty.VERIFIED, "in_force",
    "Phải công khai trên cổng TTĐT: báo cáo tài chính năm; thông tin thống kê về ngành, lĩnh vực quản lý; danh mục và "
    "kết quả chương trình, đề tài khoa học.",
    "Must be published on the portal: the annual financial report; sector statistics; the list and results of science "
    "programmes and research topics.",
)
LAW104_19_1_G = LegalRef(
    LAW104, "Điều 19", "khoản 1, điểm g", Certainty.VERIFIED, "in_force",
    "Phải công khai trên cổng TTĐT: danh mục thông tin phải được công khai, ghi rõ địa chỉ, hình thức, thời điểm, thời "
    "hạn công khai của từng loại thông tin.",
    "Must be published on the portal: the list of information to be published, with the location, form, time and "
    "duration of publication of each type.",
)
LAW104_19_4 = LegalRef(
    LAW104, "Điều 19", "khoản 4", Certainty.VERIFIED, "in_force",
    "Cổng TTĐT phải được liên kết, tích hợp với cổng, trang TTĐT của cơ quan trực thuộc.",
    "The portal must be linked to and integrated with the portals and websites of subordinate bodies.",
)
LAW104_17_1_C = LegalRef(
    LAW104, "Điều 17", "khoản 1, điểm c", Certainty.VERIFIED, "in_force",
    "Thông tin phải công khai: dự thảo văn bản quy phạm pháp luật lấy ý kiến (việc đăng trên cổng TTĐT không được nêu "
    "riêng ở điểm này).",
    "Information to be made public: draft legal documents put out for comment (publication on the portal is not "
    "stated in this point).",
)
LAW104_17_1_DD = LegalRef(
    LAW104, "Điều 17", "khoản 1, điểm đ", Certainty.VERIFIED, "in_force",
    "Thông tin phải công khai: dự toán, tình hình thực hiện, quyết toán ngân sách (việc đăng trên cổng TTĐT CHƯA được "
    "xác minh).",
    "Information to be made public: budget estimates, execution and settlement (that it must be on the portal is "
    "UNVERIFIED).",
)
LAW104_17_1_G = LegalRef(
    LAW104, "Điều 17", "khoản 1, điểm g", Certainty.VERIFIED, "in_force",
    "Thông tin phải công khai: thông tin về đấu thầu, quy hoạch sử dụng đất, giá đất, thu hồi đất (việc đăng trên cổng "
    "TTĐT không được nêu riêng ở điểm này).",
    "Information to be made public: bidding information, land-use plans, land prices, land recovery (publication on "
    "the portal is not stated in this point).",
)
LAW104_18_4 = LegalRef(
    LAW104, "Điều 18", "khoản 4", Certainty.VERIFIED, "in_force",
    "Khi pháp luật chưa quy định thời hạn: công khai chậm nhất 05 ngày làm việc kể từ ngày tạo ra thông tin.",
    "Where no other law sets a deadline: publish within 5 working days of the information being created.",
)

# ---------------------------------------------------------------------------------------------- Decree 13/2018
ND13_6_3 = LegalRef(
    ND13, "Điều 6", "khoản 3", Certainty.VERIFIED, "in_force",
    "Danh mục thông tin phải được công khai được đăng tại Chuyên mục về tiếp cận thông tin trên cổng TTĐT: tên, số, ký "
    "hiệu, ngày tạo, hình thức, thời điểm, thời hạn công khai, đường dẫn tải về; thường xuyên cập nhật.",
    "The list of information to be published is posted in an access-to-information section of the portal: name, "
    "number, date created, form, time and duration of publication, a download link; regularly updated.",
)

# ---------------------------------------------------------------------------------------------- 43/2011 (legacy)
ND43_6 = LegalRef(
    ND43, "Điều 6", "", Certainty.VERIFIED, "repealed",
    "Tên miền .gov.vn theo mẫu (bộ, tỉnh, sở; huyện tenquanhuyen.tentinhthanh.gov.vn). " + _ND43_VI,
    "The .gov.vn domain pattern (ministries, provinces, departments; districts tenquanhuyen.tentinhthanh.gov.vn). "
    + _ND43_EN,
)
ND43_7 = LegalRef(
    ND43, "Điều 7", "", Certainty.VERIFIED, "repealed",
    "Sử dụng bộ mã ký tự chữ Việt Unicode theo tiêu chuẩn TCVN 6909:2001. " + _ND43_VI,
    "Vietnamese Unicode character set under TCVN 6909:2001. " + _ND43_EN,
)
ND43_27_1 = LegalRef(
    ND43, "Điều 27", "khoản 1", Certainty.VERIFIED, "repealed",
    "Cổng thông tin điện tử hoạt động liên tục 24 giờ trong tất cả các ngày. " + _ND43_VI,
    "The portal runs 24 hours a day, every day. " + _ND43_EN,
)
ND43_15_1_A = LegalRef(
    ND43, "Điều 15", "khoản 1, điểm a", Certainty.VERIFIED, "repealed",
    "Chức năng tìm kiếm thông tin trên cổng. " + _ND43_VI,
    "A search function on the portal. " + _ND43_EN,
)
ND43_17_1_C = LegalRef(
    ND43, "Điều 17", "khoản 1, điểm c", Certainty.VERIFIED, "repealed",
    "Văn bản QPPL, văn bản quản lý hành chính: đăng chậm nhất 02 ngày làm việc kể từ ngày ban hành (cơ quan ban hành). "
    + _ND43_VI,
    "Legal and administrative documents: posted within 2 working days of issue (issuing agency). " + _ND43_EN,
)
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
TT32_16_3_A_HEADER = LegalRef(
    TT32, "Điều 16", "khoản 3, điểm a", Certainty.VERIFIED, "legacy_guidance",
    "Phần đầu trang: hình Quốc huy hoặc biểu trưng và tên đầy đủ bằng tiếng Việt của cơ quan. " + _TT32_VI,
    "Header: the national emblem or the agency's logo and its full Vietnamese name. " + _TT32_EN,
)
TT32_16_3_C = LegalRef(
    TT32, "Điều 16", "khoản 3, điểm c", Certainty.VERIFIED, "legacy_guidance",
    "Chân trang: thông tin về bản quyền và cơ quan chủ quản, tối thiểu tên đơn vị, người chịu trách nhiệm, địa chỉ, "
    "số điện thoại liên hệ, địa chỉ thư điện tử. " + _TT32_VI,
    "Footer: copyright and the managing agency, at least its name, the responsible person, address, phone and email. "
    + _TT32_EN,
)
TT32_15_4 = LegalRef(
    TT32, "Điều 15", "khoản 4", Certainty.VERIFIED, "legacy_guidance",
    "Cổng TTĐT và dịch vụ công mức 3, 4 phải hỗ trợ địa chỉ Internet thế hệ mới IPv6, DNSSEC. " + _TT32_VI,
    "Portals and level-3/4 online services must support IPv6 and DNSSEC. " + _TT32_EN,
)
TT32_17 = LegalRef(
    TT32, "Điều 17", "", Certainty.VERIFIED, "legacy_guidance",
    "Hỗ trợ truy cập bằng thiết bị di động, tối thiểu cho các thông tin chủ yếu. " + _TT32_VI,
    "Mobile access, at least for the main information items. " + _TT32_EN,
)
TT32_18_1 = LegalRef(
    TT32, "Điều 18", "khoản 1", Certainty.VERIFIED, "legacy_guidance",
    "Hỗ trợ người khuyết tật tối thiểu: tương phản màu, không chữ nhấp nháy hoặc tự chạy, văn bản thay thế cho hình "
    "ảnh, nút, biểu đồ, liên kết có nghĩa, đánh dấu tiêu đề, bảng có tiêu đề cột. " + _TT32_VI,
    "Minimum accessibility: colour contrast, no blinking or auto-moving text, text equivalents for images, buttons "
    "and charts, meaningful link text, heading markup, table headers. " + _TT32_EN,
)
TT32_19_4 = LegalRef(
    TT32, "Điều 19", "khoản 4", Certainty.VERIFIED, "legacy_guidance",
    "Thông tin luôn được cập nhật đầy đủ, chính xác, sẵn sàng, có thể truy cập mọi lúc. " + _TT32_VI,
    "Information always complete, accurate, available and accessible at any time. " + _TT32_EN,
)
TT32_20 = LegalRef(
    TT32, "Điều 20", "", Certainty.VERIFIED, "legacy_guidance",
    "Phải sử dụng giao thức HTTPS (quy định cho dịch vụ công trực tuyến mức 3, 4; yêu cầu HTTPS cho mọi trang "
    "CHƯA được xác minh). " + _TT32_VI,
    "HTTPS must be used (stated for level-3/4 online services; an HTTPS requirement for every page is UNVERIFIED). "
    + _TT32_EN,
)
TT32_16_4_B = LegalRef(
    TT32, "Điều 16", "khoản 4, điểm b", Certainty.VERIFIED, "legacy_guidance",
    "Sơ đồ cổng dạng cây văn bản cho người dùng và tập tin XML cho máy tìm kiếm. " + _TT32_VI,
    "Site map as a text tree for users and an XML file for search engines. " + _TT32_EN,
)

# ---------------------------------------------------------------------------------------------- other circulars
TT24_5 = LegalRef(
    TT24, "Điều 5", "", Certainty.VERIFIED, "legacy_guidance",
    "Dữ liệu đặc tả và bộ mã ký tự: áp dụng TCVN 6909:2001 (Unicode tiếng Việt). Hiệu lực sau Nghị định 42/2022 chưa "
    "được xác minh.",
    "Metadata and character set: TCVN 6909:2001 (Vietnamese Unicode). Its force after Decree 42/2022 is not "
    "established.",
)
TT26_5_1 = LegalRef(
    TT26, "Điều 5", "khoản 1", Certainty.VERIFIED, "legacy_guidance",
    "Cổng TTĐT của cơ quan nhà nước áp dụng các tiêu chuẩn hỗ trợ người khuyết tật tại Phụ lục (bắt buộc hoặc khuyến "
    "nghị); nội dung Phụ lục (phiên bản WCAG) CHƯA được đọc.",
    "State portals apply the accessibility standards of the Appendix (mandatory or recommended); the Appendix (the "
    "WCAG version) was NOT read.",
)
TT22_WCAG = LegalRef(
    TT22, "Phụ lục II", "", Certainty.UNVERIFIED, "in_force",
    "Bắt buộc áp dụng tiêu chuẩn WCAG tối thiểu phiên bản 2.0 (nguồn duy nhất là một bài viết thứ cấp, không nêu mức "
    "tuân thủ); hiệu lực sau khi nghị định gốc bị bãi bỏ chưa được xác minh.",
    "WCAG at least version 2.0 is mandatory (the only source is a secondary article, which gives no conformance "
    "level); whether the circular survives its parent decree's repeal is UNVERIFIED.",
)
TT22_GENERAL = LegalRef(
    TT22, "Yêu cầu chung", "", Certainty.VERIFIED_2ND, "in_force",
    "Lưu trữ thông tin dưới dạng dữ liệu có cấu trúc, chia sẻ dưới dạng dịch vụ web; có phương án dự phòng bảo đảm "
    "hoạt động an toàn, liên tục (các mục 5–11 chưa đọc được); hiệu lực sau khi nghị định gốc bị bãi bỏ chưa được xác "
    "minh.",
    "Information stored as structured data and shared as web services; a backup plan for safe, continuous operation "
    "(items 5–11 could not be read); whether the circular survives its parent decree's repeal is UNVERIFIED.",
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

PROVINCIAL_CRITERIA = LegalRef(
    PROVINCIAL, "", "", Certainty.UNVERIFIED, "provincial",
    "Tiêu chí, ngưỡng do tỉnh tự đặt trong hồ sơ kiểm tra (quy chế cổng TTĐT của UBND tỉnh); không có điều khoản "
    "quốc gia tương ứng.",
    "A criterion or threshold the province sets in its inspection profile (the provincial portal regulation); no "
    "national article corresponds.",
)

# Every citation by its constant's name: profiles choose the citations a rule shows by these keys.
BY_KEY: dict[str, LegalRef] = {name: value for name, value in list(globals().items())
                               if isinstance(value, LegalRef) and name.isupper()}
ALL_REFS: tuple[LegalRef, ...] = tuple(BY_KEY.values())


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
