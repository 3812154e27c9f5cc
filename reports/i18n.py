"""User-facing strings of the reports, Vietnamese first, English alongside."""

from __future__ import annotations

STATUS = {
    "pass": {"vi": "Đạt", "en": "Pass"},
    "fail": {"vi": "Không đạt", "en": "Fail"},
    "warn": {"vi": "Cảnh báo", "en": "Warning"},
    "not_determinable": {"vi": "Không xác định được", "en": "Not determinable"},
    "not_applicable": {"vi": "Không áp dụng", "en": "Not applicable"},
    "error": {"vi": "Lỗi", "en": "Error"},
}
KIND = {
    "directive_documents": {"vi": "Văn bản chỉ đạo điều hành", "en": "Directive documents"},
    "party_union": {"vi": "Đảng – Đoàn thể", "en": "Party–union"},
    "news": {"vi": "Tin tức", "en": "News"},
    "legal_documents": {"vi": "Văn bản quy phạm pháp luật", "en": "Legal documents"},
    "procedures": {"vi": "Thủ tục hành chính, dịch vụ công", "en": "Procedures and online services"},
    "qa": {"vi": "Hỏi đáp", "en": "Q&A"},
    "introduction": {"vi": "Giới thiệu", "en": "Introduction"},
    "organisation": {"vi": "Cơ cấu tổ chức", "en": "Organisation"},
    "leaders": {"vi": "Lãnh đạo", "en": "Leaders"},
    "contacts": {"vi": "Liên hệ", "en": "Contacts"},
    "sitemap": {"vi": "Sơ đồ cổng", "en": "Site map"},
    "legal_dissemination": {"vi": "Phổ biến, giáo dục pháp luật", "en": "Legal dissemination"},
    "plans": {"vi": "Chiến lược, quy hoạch, kế hoạch", "en": "Strategies and plans"},
    "investment": {"vi": "Đầu tư, đấu thầu, mua sắm công", "en": "Investment, bidding, procurement"},
    "budget": {"vi": "Công khai ngân sách", "en": "Budget disclosure"},
    "statistics": {"vi": "Thông tin thống kê", "en": "Statistics"},
    "science": {"vi": "Chương trình, đề tài khoa học", "en": "Science programmes"},
    "consultation": {"vi": "Lấy ý kiến dự thảo", "en": "Draft consultation"},
    "access_to_information": {"vi": "Tiếp cận thông tin", "en": "Access to information"},
}
UI = {
    "report": {"vi": "Báo cáo kiểm tra cổng/trang thông tin điện tử", "en": "Portal compliance report"},
    "run_time": {"vi": "Thời điểm kiểm tra", "en": "Run time"},
    "landing": {"vi": "Trang chủ thực tế", "en": "Landing page"},
    "profile": {"vi": "Hồ sơ pháp lý", "en": "Legal profile"},
    "score": {"vi": "Điểm", "en": "Score"},
    "score_note": {"vi": "Chỉ kết quả \"Không đạt\" làm giảm điểm; \"Không xác định được\" nghĩa là công cụ không "
                           "kiểm tra được, không phải vi phạm.",
                   "en": "Only \"fail\" counts against the score; \"not determinable\" means the scanner could not "
                         "check, not a violation."},
    "unreachable": {"vi": "Không truy cập được trang chủ của cổng.",
                    "en": "The portal's home page could not be reached."},
    "findings": {"vi": "Kết quả theo nhóm", "en": "Findings by area"},
    "freshness": {"vi": "Cập nhật thông tin", "en": "Freshness"},
    "content": {"vi": "Nội dung", "en": "Content"},
    "functions": {"vi": "Chức năng hỗ trợ", "en": "Supporting functions"},
    "layout": {"vi": "Giao diện, bố cục", "en": "Layout"},
    "technical": {"vi": "Kỹ thuật", "en": "Technical"},
    "evidence": {"vi": "Bằng chứng", "en": "Evidence"},
    "legal": {"vi": "Căn cứ pháp lý", "en": "Legal basis"},
    "unverified": {"vi": "căn cứ chưa được kiểm chứng", "en": "basis not verified"},
    "sections": {"vi": "Chuyên mục", "en": "Sections"},
    "found_via": {"vi": "Tìm thấy qua", "en": "Found via"},
    "newest_items": {"vi": "Các mục mới nhất", "en": "Newest items"},
    "date": {"vi": "Ngày", "en": "Date"},
    "title": {"vi": "Tiêu đề", "en": "Title"},
    "date_text": {"vi": "Văn bản chứa ngày", "en": "Date read from"},
    "crawl": {"vi": "Quá trình thu thập", "en": "Crawl"},
    "pages": {"vi": "Các trang đã tải", "en": "Pages fetched"},
    "robots_on": {"vi": "Tuân thủ robots.txt", "en": "robots.txt obeyed"},
    "robots_off": {"vi": "KHÔNG tuân thủ robots.txt (theo lựa chọn của người kiểm tra)",
                   "en": "robots.txt NOT obeyed (the inspector's choice)"},
    "footer": {"vi": "Báo cáo được tạo tự động; trạng thái \"Không xác định được\" không phải là vi phạm.",
               "en": "Generated automatically; \"not determinable\" is not a violation."},
    "portal": {"vi": "Cổng", "en": "Portal"},
    "severity": {"vi": "Mức độ", "en": "Severity"},
    "summary": {"vi": "Tóm tắt theo quy tắc", "en": "Summary by rule"},
    "rule": {"vi": "Quy tắc", "en": "Rule"},
    "status": {"vi": "Kết quả", "en": "Status"},
    "area": {"vi": "Nhóm", "en": "Area"},
    "run_kind": {"vi": "Loại lượt chạy", "en": "Run kind"},
    "kind_check": {"vi": "kiểm tra một cổng", "en": "ad-hoc check"},
    "kind_nightly": {"vi": "kiểm tra định kỳ hằng đêm", "en": "nightly run"},
    "kind_recheck": {"vi": "đánh giá lại dữ liệu đã lưu (không thu thập lại)",
                     "en": "re-evaluation of stored data (no recrawl)"},
    "source_run": {"vi": "dữ liệu của lượt", "en": "data of run"},
    "extends": {"vi": "Kế thừa hồ sơ", "en": "Extends profile"},
    "replaced": {"vi": "Văn bản đã được thay thế", "en": "Instrument replaced"},
    "replaced_on": {"vi": "Thay thế từ ngày", "en": "Replaced on"},
    "carried": {"vi": "Quy tắc vẫn áp dụng, không đổi, theo hồ sơ",
                "en": "Rules that carry over unchanged into profile"},
    "changed": {"vi": "Quy tắc vẫn áp dụng nhưng với mức/ngưỡng khác theo hồ sơ",
                "en": "Rules that carry over with other settings into profile"},
    "dropped": {"vi": "Quy tắc không còn trong hồ sơ", "en": "Rules not carried over into profile"},
    "none": {"vi": "không có", "en": "none"},
    "certainty_legend": {
        "vi": "Độ tin cậy của căn cứ: VERIFIED — đã đọc văn bản gốc; VERIFIED-2nd — đã đọc trích dẫn nguyên văn ở "
              "nguồn thứ cấp; UNVERIFIED — chưa kiểm chứng, cần người kiểm tra xác nhận. Tình trạng hiệu lực tính "
              "theo ngày kiểm tra.",
        "en": "Certainty of the basis: VERIFIED — the text itself was read; VERIFIED-2nd — a verbatim quote was read "
              "in a secondary source; UNVERIFIED — not verified, to be confirmed by the inspector. Standing is as of "
              "the run day."},
    "details": {"vi": "Chi tiết", "en": "Details"},
    "distribution": {"vi": "Phân bố (số ngày làm việc: số văn bản)", "en": "Distribution (working days: documents)"},
    "print_hint": {"vi": "In báo cáo: dùng chức năng In của trình duyệt (Ctrl+P).",
                   "en": "To print: use the browser's Print (Ctrl+P)."},
}
# Sub-groups of the technical findings, by rule-id prefix, in reading order.
TOPIC = {
    "TL": {"vi": "HTTPS và chứng thư số", "en": "HTTPS and certificates"},
    "NW": {"vi": "IPv6 và DNS", "en": "IPv6 and DNS"},
    "DM": {"vi": "Tên miền", "en": "Domain name"},
    "UC": {"vi": "Bảng mã tiếng Việt (Unicode TCVN 6909:2001)", "en": "Vietnamese encoding (Unicode, TCVN 6909:2001)"},
    "MB": {"vi": "Hiển thị trên thiết bị di động", "en": "Mobile display"},
    "AC": {"vi": "Hỗ trợ người khuyết tật", "en": "Accessibility"},
    "OT": {"vi": "Công nghệ lỗi thời", "en": "Outdated technology"},
    "SM": {"vi": "robots.txt, sơ đồ XML, RSS", "en": "robots.txt, XML site map, feeds"},
    "PF": {"vi": "Hoạt động và hiệu năng", "en": "Availability and performance"},
    "SH": {"vi": "Tiêu đề bảo mật HTTP", "en": "HTTP security headers"},
}
AREA_INTRO = {
    "freshness": {"vi": "Các chuyên mục có được cập nhật thường xuyên không (ngày của mục mới nhất).",
                  "en": "Whether sections are kept up to date (the date of the newest item)."},
    "content": {"vi": "Các thông tin bắt buộc phải công khai trên cổng.",
                "en": "The information the portal must publish."},
    "functions": {"vi": "Các chức năng hỗ trợ: tìm kiếm, in, liên kết, tiếng Anh, hỏi đáp.",
                  "en": "Supporting functions: search, print, links, English pages, Q&A."},
    "layout": {"vi": "Bố cục: đầu trang, menu chính, chân trang.", "en": "Layout: header, main menu, footer."},
    "technical": {"vi": "Tiêu chuẩn kỹ thuật.", "en": "Technical standards."},
}


def text(key: str, lang: str) -> str:
    return UI[key][lang]
