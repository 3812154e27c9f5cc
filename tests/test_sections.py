"""Section discovery: Vietnamese labels, mangled slugs, menus, dropdowns and the lexicon as data."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.extract.page import ParsedPage
from crawler.extract.sections import best_by_kind, discover, discover_urls, load_lexicon, match_label, match_url
from crawler.extract.text import fold

LABELS = [
    # directive documents
    ("Văn bản chỉ đạo điều hành", "directive_documents"),
    ("Chỉ đạo - Điều hành", "directive_documents"),
    ("Văn bản điều hành", "directive_documents"),
    ("Thông tin chỉ đạo, điều hành", "directive_documents"),
    ("THÔNG TIN CHỈ ĐẠO ĐIỀU HÀNH", "directive_documents"),
    ("Thông báo - Chỉ đạo điều hành", "directive_documents"),
    ("VB chỉ đạo điều hành", "directive_documents"),
    ("Văn bản CĐĐH", "directive_documents"),
    ("Chỉ đạo điều hành của Sở Y tế", "directive_documents"),
    # Party–union
    ("Đảng - Đoàn thể", "party_union"),
    ("Đảng – Đoàn thể", "party_union"),
    ("Hoạt động Đảng, Đoàn thể", "party_union"),
    ("Tin Đảng - Đoàn thể", "party_union"),
    ("Công tác Đảng", "party_union"),
    ("Công đoàn", "party_union"),
    ("Đoàn Thanh niên", "party_union"),
    ("Tin hoạt động Đảng", "party_union"),
    ("Mặt trận và các đoàn thể", "party_union"),
    ("Đảng ủy - Công đoàn", "party_union"),
    # news
    ("Tin tức - Sự kiện", "news"),
    ("Tin hoạt động", "news"),
    ("Tin tức tổng hợp", "news"),
    ("Tin y tế", "news"),
    # legal documents
    ("Văn bản quy phạm pháp luật", "legal_documents"),
    ("Văn bản QPPL", "legal_documents"),
    ("Văn bản pháp quy của tỉnh", "legal_documents"),
    # others
    ("Thủ tục hành chính", "procedures"),
    ("Dịch vụ công trực tuyến", "procedures"),
    ("Hỏi - Đáp", "qa"),
    ("Hỏi đáp trực tuyến", "qa"),
    ("Giới thiệu chung", "introduction"),
    ("Chức năng, nhiệm vụ", "introduction"),
    ("Cơ cấu tổ chức", "organisation"),
    ("Tổ chức bộ máy", "organisation"),
    ("Lãnh đạo Sở", "leaders"),
    ("Ban lãnh đạo", "leaders"),
    ("Liên hệ", "contacts"),
    ("Danh bạ điện thoại", "contacts"),
    ("Sơ đồ site", "sitemap"),
    ("Sơ đồ cổng thông tin", "sitemap"),
    # Law 104/2016 Art. 19 sections
    ("Phổ biến giáo dục pháp luật", "legal_dissemination"),
    ("Tuyên truyền pháp luật", "legal_dissemination"),
    ("PBGDPL", "legal_dissemination"),
    ("Chiến lược, định hướng, quy hoạch, kế hoạch phát triển", "plans"),
    ("Kế hoạch", "plans"),
    ("Quy hoạch", "plans"),
    ("Thông tin về dự án, hạng mục đầu tư, đấu thầu, mua sắm công", "investment"),
    ("Đầu tư công", "investment"),
    ("Thông tin đấu thầu", "investment"),
    ("Công khai ngân sách", "budget"),
    ("Dự toán - Quyết toán", "budget"),
    ("Công khai tài chính", "budget"),
    ("Số liệu thống kê", "statistics"),
    ("Thống kê", "statistics"),
    ("Đề tài khoa học", "science"),
    ("Nhiệm vụ khoa học và công nghệ", "science"),
    ("Kết quả nghiên cứu", "science"),
    ("Lấy ý kiến dự thảo", "consultation"),
    ("Góp ý dự thảo văn bản", "consultation"),
    ("Dự thảo văn bản QPPL", "consultation"),
    ("Lấy ý kiến nhân dân", "consultation"),
    ("Tiếp cận thông tin", "access_to_information"),
    ("Danh mục thông tin phải công khai", "access_to_information"),
    ("Công khai thông tin", "access_to_information"),
    # ... and the old kinds keep their labels next to the new phrases
    ("Văn bản pháp luật", "legal_documents"),
    ("Liên hệ góp ý", "contacts"),
]


@pytest.mark.parametrize(("label", "kind"), LABELS)
def test_labels_name_their_kind(label: str, kind: str) -> None:
    match = match_label(label)
    assert match is not None and match.kind == kind, (label, match)


@pytest.mark.parametrize("label", [
    "Trang chủ", "Thông tin", "Lịch công tác", "Quản lý văn bản và điều hành",
    # Titles of articles mention section words but are not sections.
    "Đoàn Thanh niên tổ chức hiến máu tình nguyện đợt 1 năm 2026 tại trụ sở cơ quan",
    "Công đoàn cơ quan tổ chức giải bóng chuyền hơi chào mừng ngày truyền thống ngành",
    # Visitor counters are widgets, not statistics sections.
    "Thống kê truy cập", "Số lượt truy cập", "Đang online",
    # Document numbers and dates make a label a title.
    "Kế hoạch số 95/KH-UBND", "Quyết toán ngân sách 2025 (12/3)",
    "Kế hoạch tổ chức hội nghị tổng kết công tác năm 2026 của Sở",
    # An agency's name is no science section.
    "Sở Khoa học và Công nghệ tỉnh Hòa Lâm",
    # Long titles stay titles unless section phrases cover most of them.
    "Thông tin về việc tổ chức lễ ký kết hợp tác đầu tư giữa tỉnh và các doanh nghiệp nước ngoài năm nay",
])
def test_non_section_labels(label: str) -> None:
    assert match_label(label) is None


def test_decomposed_unicode_and_zero_width_spaces_fold_the_same() -> None:
    nfd = "Ho\u0323at \u0111o\u0302\u0323ng \u0110a\u0309ng"  # NFD "Hoạt động Đảng"
    assert fold(nfd) == fold("Hoạt động\u200b Đảng") == "hoat dong dang"


@pytest.mark.parametrize(("url", "kind"), [
    ("http://p/hoat-ong-ang-oan-the", "party_union"),  # CMS dropped every "đ"
    ("http://p/hoat-dong-dang-doan-the/", "party_union"),
    ("http://p/chuyen-muc/cong-doan/", "party_union"),
    ("http://p/van-ban-chi-dao-dieu-hanh.html", "directive_documents"),
    ("http://p/VanBan/Lists/ChiDaoDieuHanh/AllItems.aspx", "directive_documents"),
    ("http://p/index.php?mod=tintuc&cat=dang-doan-the", "party_union"),
    ("http://p/tin-tuc-su-kien", "news"),
])
def test_slugs(url: str, kind: str) -> None:
    match = match_url(url)
    assert match is not None and match.kind == kind


def test_article_slugs_are_not_sections() -> None:
    assert match_url("http://p/tin-tuc/doan-thanh-nien-so-to-chuc-hien-mau-tinh-nguyen-dot-mot-nam-2026-123.html") \
        is None


HOME = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Sở X</title></head><body>
<header><div class="clock">Thứ Ba, 24/11/2026</div></header>
<nav id="main-nav"><ul>
  <li><a href="/">Trang chủ</a></li>
  <li><span>Văn bản</span><ul class="sub">
      <li><a href="/van-ban/chi-dao-dieu-hanh">Văn bản chỉ đạo điều hành</a></li>
      <li><a href="/van-ban/qppl">Văn bản QPPL</a></li></ul></li>
  <li><a href="/tin-tuc">Tin tức - Sự kiện</a></li>
  <li><a href="#">Hỏi đáp</a></li>
</ul></nav>
<div class="sidebar"><a href="/hoat-ong-ang-oan-the">Hoạt động Đảng - Đoàn thể</a>
  <a href="https://dichvucong.gov.vn/p/home/dvc-trang-chu.html">Dịch vụ công trực tuyến</a>
  <a href="https://other.gov.vn/van-ban-chi-dao">Văn bản chỉ đạo của tỉnh</a></div>
<main><h2><a href="/tin-tuc">Tin tức</a></h2>
  <a href="/tin-tuc/doan-thanh-nien-to-chuc-hien-mau-tinh-nguyen-nam-2026.html">Đoàn Thanh niên tổ chức hiến máu tình
  nguyện năm 2026 tại trụ sở cơ quan Sở</a></main>
<footer><a href="/so-do-site">Sơ đồ site</a></footer></body></html>"""


def test_discover_menu_dropdown_sidebar_footer_and_offsite() -> None:
    page = ParsedPage("http://portal.test/", HOME.encode())
    cands = best_by_kind(discover(page, "home", {"portal.test", "www.portal.test"}))
    assert cands["directive_documents"][0].url == "http://portal.test/van-ban/chi-dao-dieu-hanh"
    assert cands["directive_documents"][0].via == "dropdown"
    # Off-site directive links are not the portal's own section; dichvucong.gov.vn is kept for procedures.
    assert all("other.gov.vn" not in c.url for c in cands["directive_documents"])
    assert cands["procedures"][0].url.startswith("https://dichvucong.gov.vn/")
    assert cands["party_union"][0].url == "http://portal.test/hoat-ong-ang-oan-the"
    assert cands["party_union"][0].via == "sidebar"
    assert cands["news"][0].via == "menu"
    assert cands["sitemap"][0].via == "footer"
    assert "qa" not in cands  # href="#" leads nowhere
    assert not any("hien-mau" in c.url for cs in cands.values() for c in cs)


def test_discover_urls_from_sitemap_xml() -> None:
    urls = ["http://portal.test/cong-doan/", "http://portal.test/cong-doan/giai-bong-chuyen-hoi-chao-mung-2026/",
            "http://elsewhere.test/dang-doan-the/"]
    cands = discover_urls(urls, "sitemap_xml", {"portal.test"})
    assert [(c.kind, c.url) for c in cands] == [("party_union", "http://portal.test/cong-doan/")]


def test_lexicon_is_data(tmp_path: Path) -> None:
    custom = tmp_path / "lexicon.toml"
    custom.write_text('priority = ["party_union"]\n[kinds.party_union]\nphrases = ["chi doan co so"]\n',
                      encoding="utf-8")
    lex = load_lexicon(custom)
    assert match_label("Chi đoàn cơ sở", lex) is not None
    assert match_label("Công đoàn", lex) is None


def test_ignore_phrases_are_data(tmp_path: Path) -> None:
    custom = tmp_path / "lexicon.toml"
    custom.write_text('priority = ["statistics"]\n[ignore]\nphrases = ["truy cap"]\n'
                      '[kinds.statistics]\nphrases = ["thong ke"]\n', encoding="utf-8")
    lex = load_lexicon(custom)
    assert match_label("Thống kê", lex) is not None
    assert match_label("Thống kê truy cập", lex) is None
