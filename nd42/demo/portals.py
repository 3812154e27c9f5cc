"""Bundled synthetic demo portals: six fictional agencies of the fictional province of Hòa Lâm.

Each portal imitates one CMS family seen on real Vietnamese government portals (see
``../shared/reference/portal-structures.md``) and sets the date traps real portals set.  Everything
is written here; agencies, people, numbers and texts are invented.

* ``hoalam-skhcn``   Liferay 6.2-like "Trang": header clock, pinned old Party item first, Party list over
  two pages, mangled slug ``/hoat-ong-ang-oan-the``, a "Tin mới" sidebar beside a stale list.
* ``hoalam-snnmt``   SharePoint 2010-like: ``/`` answers 302, WebForms fields, ``lang="en-us"``, raw list
  views with month-first dates (the newest one ambiguous), a 12/31/9999 expiry column, dropdowns.
* ``hoalam-sxd``     NukeViet-like (PHP, layout tables): weekday dates, "Cập nhật:", directive list sorted by
  title, Party section only on the HTML site map, no legal-documents section.
* ``hoalam-bqlkcn``  modern HTML5: news listing without visible dates, ``<time datetime="…Z">`` one UTC day
  behind, Party section only in sitemap.xml, titles with date ranges.
* ``hoalam-xakhelam`` commune, static: four-entry menu, directive section only in a home box, long-form dates,
  and the portal-level failure: a footer without owner, responsible person or licence.
* ``hoalam-sgddt``   DotNetNuke-like: sections only in the left sidebar, a broken-format header clock, a
  sitemap at ``/SiteMap.aspx`` named in robots.txt, a future effective date.

Every date is ``today`` minus a fixed age, so the verdicts do not depend on the day; the one exception is
the SharePoint directive list, whose newest age (0–20 days, always fresh) is chosen so that its date reads
both ways (day ≤ 12).  Same ``today``, same bytes.  Standard library only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

ORIGIN = "@@ORIGIN@@"  # replaced by the served origin (http://127.0.0.1:PORT) when a file is served
KINDS = ("directive_documents", "party_union", "news", "legal_documents")
CONTENT_KINDS = ("introduction", "organisation", "leaders", "contacts", "procedures", "qa", "sitemap")
FRESH_DAYS = {"directive_documents": 30, "party_union": 30, "news": 7, "legal_documents": 30}
# Generation-side gap: newest ages are ≤ 20 days (news ≤ 3) or ≥ 120 days, never in between, so any
# staleness threshold from 21 (news 4) to 119 days gives the same verdicts.
FRESH_MAX = {"directive_documents": 20, "party_union": 20, "news": 3, "legal_documents": 20}
STALE_MIN = 120
HTML = "text/html; charset=utf-8"
DVC_URL = "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html"
VN_TZ = dt.timezone(dt.timedelta(hours=7))  # Vietnam has kept UTC+7 without DST since 1975

# A tiny but well-formed one-page PDF: attachments exist so that a crawler that follows them gets 200.
_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
        b"endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n")


@dataclasses.dataclass(frozen=True)
class DemoPortal:
    """One synthetic portal: what to serve and the facts a crawler should find on it."""

    id: str
    name: str
    cms: str
    files: dict[str, bytes]  # "/path" or "/path?query" (decoded, as written in the links) → body
    content_types: dict[str, str]  # same keys → Content-Type (with charset for text)
    redirects: dict[str, str]  # path → 302 target; the target may start with ORIGIN
    truth: dict[str, Any]
    headers: dict[str, str] = dataclasses.field(default_factory=dict)  # extra headers on every response
    server: str = "Apache"  # the Server header, as the imitated stack sends it
    redirect_status: dict[str, int] = dataclasses.field(default_factory=dict)  # path → 301/302 (default 302)


# ---------------------------------------------------------------------------------------------- dates
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def _wd(d: dt.date, *, lower: bool = False) -> str:
    name = WEEKDAYS[d.weekday()]
    # Real portals write "Thứ ba" as often as "Thứ Ba".
    return name[:4] + name[4:].lower() if lower else name


def _dmy(d: dt.date) -> str:
    return f"{d:%d/%m/%Y}"


def _dmy_bare(d: dt.date) -> str:
    return f"{d.day}/{d.month}/{d.year}"


def _mdy(d: dt.date) -> str:
    return f"{d.month}/{d.day}/{d.year}"


def _long(d: dt.date) -> str:
    return f"ngày {d.day} tháng {d.month} năm {d.year}"


def _hm12(hour: int, minute: int, am: str = "AM", pm: str = "PM") -> str:
    return f"{(hour - 1) % 12 + 1:02d}:{minute:02d} {pm if hour >= 12 else am}"


def _iso_local(d: dt.date, hour: int, minute: int) -> str:
    return dt.datetime(d.year, d.month, d.day, hour, minute, tzinfo=VN_TZ).isoformat()


def _iso_utc(d: dt.date, hour: int, minute: int) -> str:
    moment = dt.datetime(d.year, d.month, d.day, hour, minute, tzinfo=VN_TZ).astimezone(dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _can_chi(year: int) -> str:
    """The lunar year's name ("Bính Ngọ" for 2026) for the stale Tết marquees."""
    stems = ("Canh", "Tân", "Nhâm", "Quý", "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ")
    branches = ("Thân", "Dậu", "Tuất", "Hợi", "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi")
    return f"{stems[year % 10]} {branches[year % 12]}"


# ---------------------------------------------------------------------------------------------- text
_D_BAR = str.maketrans({"đ": "d", "Đ": "D"})


def _fold(text: str, *, keep_d: bool = True) -> str:
    text = text.translate(_D_BAR) if keep_d else text.replace("đ", "").replace("Đ", "")
    text = unicodedata.normalize("NFD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _slug(text: str, limit: int = 70) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _fold(text)).strip("-")[:limit].rstrip("-")


def _e(text: str) -> str:
    return escape(text, quote=True)


# ---------------------------------------------------------------------------------------------- texts
# (document type code, title) pairs; the titles are written for this project.
DIRECTIVE_TITLES = (
    ("CV", "Về việc triển khai kế hoạch chuyển đổi số năm {y}"),
    ("CT", "Chỉ thị về tăng cường kỷ luật, kỷ cương hành chính trong cơ quan"),
    ("KH", "Kế hoạch kiểm tra công tác cải cách hành chính năm {y}"),
    ("TB", "Thông báo kết luận của Giám đốc Sở tại cuộc họp giao ban"),
    ("CV", "Về việc rà soát, cập nhật danh mục thủ tục hành chính"),
    ("KH", "Kế hoạch thực hành tiết kiệm, chống lãng phí năm {y}"),
    ("CV", "Về việc báo cáo kết quả thực hiện nhiệm vụ trọng tâm"),
    ("TB", "Thông báo lịch tiếp công dân định kỳ của lãnh đạo Sở"),
    ("CV", "Về việc đôn đốc giải ngân vốn đầu tư công"),
    ("KH", "Kế hoạch tuyên truyền, phổ biến, giáo dục pháp luật"),
    ("CV", "Về việc chấn chỉnh công tác văn thư, lưu trữ"),
    ("QĐ", "Quyết định kiện toàn Ban biên tập Trang thông tin điện tử"),
    ("CV", "Về việc sử dụng chữ ký số trên văn bản điện tử"),
    ("CV", "Về việc chủ động ứng phó với mưa lũ, sạt lở đất"),
    ("KH", "Kế hoạch tổ chức các hoạt động chào mừng ngày truyền thống ngành"),
)
PARTY_TITLES = (
    "Chi bộ Văn phòng sinh hoạt chuyên đề về phong cách làm việc khoa học",
    "Công đoàn cơ sở thăm hỏi đoàn viên có hoàn cảnh khó khăn",
    "Đoàn Thanh niên ra quân hưởng ứng Ngày Chủ nhật xanh",
    "Đảng bộ cơ quan sơ kết công tác xây dựng Đảng",
    "Hội nghị học tập, quán triệt nghị quyết của Tỉnh ủy",
    "Chi đoàn cơ quan tổ chức hiến máu tình nguyện",
    "Công đoàn phát động phong trào thi đua lao động giỏi",
    "Kết nạp đảng viên mới tại Chi bộ Phòng Quản lý chuyên ngành",
    "Ban Nữ công tổ chức tọa đàm nhân ngày Phụ nữ Việt Nam",
    "Đoàn Thanh niên tổ chức giải cầu lông chào mừng ngày thành lập Đoàn",
    "Kiểm tra việc thực hiện nhiệm vụ của đảng viên",
    "Trao Huy hiệu Đảng cho đảng viên lão thành",
    "Công đoàn tổ chức chương trình Tết sum vầy cho người lao động",
    "Chi bộ đánh giá, xếp loại chất lượng đảng viên cuối năm",
    "Đoàn viên thanh niên tham gia chiến dịch tình nguyện hè",
    "Hội thi tìm hiểu lịch sử Đảng bộ tỉnh Hòa Lâm",
)
LEGAL_TITLES = (
    ("QĐ", "Quyết định ban hành Quy chế phối hợp quản lý nhà nước trong lĩnh vực chuyên ngành"),
    ("NQ", "Nghị quyết quy định mức hỗ trợ đối với các dự án ứng dụng công nghệ"),
    ("QĐ", "Quyết định quy định giá dịch vụ sự nghiệp công sử dụng ngân sách nhà nước"),
    ("QĐ", "Quyết định sửa đổi, bổ sung một số điều của Quy định phân cấp quản lý"),
    ("NQ", "Nghị quyết quy định nội dung, mức chi thực hiện nhiệm vụ chuyên môn"),
    ("QĐ", "Quyết định bãi bỏ một số quyết định quy phạm pháp luật của UBND tỉnh"),
    ("QĐ", "Quyết định ban hành Quy định về quản lý, vận hành hệ thống thông tin"),
    ("NQ", "Nghị quyết quy định chính sách khuyến khích đổi mới sáng tạo"),
    ("QĐ", "Quyết định quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở"),
    ("QĐ", "Quyết định ban hành Quy chế quản lý cụm công nghiệp trên địa bàn tỉnh"),
    ("QĐ", "Quyết định quy định định mức kinh tế - kỹ thuật"),
)


def _pick(pool: Sequence[Any], start: int, n: int) -> list[Any]:
    return [pool[(start + i) % len(pool)] for i in range(n)]


# ---------------------------------------------------------------------------------------------- items
@dataclasses.dataclass
class _Item:
    kind: str
    title: str
    age: int  # days before today of the Vietnam-local post or issue date
    url: str = ""
    hour: int = 8
    minute: int = 30
    number: str = ""  # số ký hiệu, for documents
    pinned: bool = False
    views: int = 0
    effective_age: int | None = None  # documents: days before today they take effect (negative: future)


def _times(i: int) -> tuple[int, int]:
    """A deterministic spread of posting times through the working day."""
    return 7 + (i * 5 + 1) % 10, (i * 17 + 5) % 60


def _items(kind: str, ages: Sequence[int], titles: Sequence[str], *, numbers: Sequence[str] = ()) -> list[_Item]:
    out = []
    for i, age in enumerate(ages):
        hour, minute = _times(i)
        out.append(_Item(kind, titles[i], age, hour=hour, minute=minute, number=numbers[i] if numbers else "",
                         views=17 + (i * 37) % 400))
    return out


def _doc_items(kind: str, today: dt.date, ages: Sequence[int], pool: Sequence[tuple[str, str]], start: int,
               org: str) -> list[_Item]:
    """Documents with a số ký hiệu whose number falls with age and whose year is the issue year."""
    items = []
    for i, (code, title) in enumerate(_pick(pool, start, len(ages))):
        day = today - dt.timedelta(days=ages[i])
        hour, minute = _times(i)
        if kind == "legal_documents":
            number = f"{40 - (ages[i] * 7) % 37}/{day.year}/{code}-{'HĐND' if code == 'NQ' else 'UBND'}"
        else:
            number = f"{2400 - ages[i] * 6 - i}/{code}-{org}" if code in ("CV", "TB") else \
                f"{320 - ages[i] // 2 - i}/{code}-{org}"
        items.append(_Item(kind, title.format(y=day.year), ages[i], hour=hour, minute=minute, number=number,
                           views=9 + (i * 29) % 300, effective_age=ages[i] - 10 - (i % 3) * 5))
    return items


# ---------------------------------------------------------------------------------------------- site builder
class _Site:
    """Collects the files of one portal and the truth about them."""

    def __init__(self, pid: str, name: str, cms: str, today: dt.date, *, server: str,
                 extra_headers: dict[str, str] | None = None) -> None:
        self.pid, self.name, self.cms, self.today, self.server = pid, name, cms, today, server
        self.extra_headers = extra_headers or {}
        self.files: dict[str, bytes] = {}
        self.ctypes: dict[str, str] = {}
        self.redirects: dict[str, str] = {}
        self.redirect_status: dict[str, int] = {}
        self.sections: dict[str, dict[str, Any]] = {}
        self.traps: list[str] = []

    def day(self, age: int) -> dt.date:
        return self.today - dt.timedelta(days=age)

    def add(self, path: str, body: str | bytes, ctype: str = HTML) -> None:
        if path in self.files:
            raise ValueError(f"{self.pid}: {path} generated twice")
        self.files[path] = body.encode("utf-8") if isinstance(body, str) else body
        self.ctypes[path] = ctype

    def redirect(self, path: str, target: str, status: int = 302) -> None:
        self.redirects[path] = target
        self.redirect_status[path] = status

    def section(self, kind: str, label: str, via: str, pages: list[str], items: list[_Item], *,
                date_order: str = "DMY", dates_on_listing: bool = True) -> None:
        newest = max(items, key=lambda it: (-it.age, it.hour, it.minute))
        if sum(1 for it in items if it.age == newest.age) != 1:
            raise ValueError(f"{self.pid}/{kind}: the newest day must hold one item")
        if FRESH_MAX[kind] < newest.age < STALE_MIN:
            raise ValueError(f"{self.pid}/{kind}: newest age {newest.age} falls in the fresh/stale gap")
        self.sections[kind] = {
            "present": True, "label": label, "url": pages[0], "pages": pages, "reachable_via": via,
            "newest_date": self.day(newest.age).isoformat(), "newest_url": newest.url, "age_days": newest.age,
            "date_order": date_order, "dates_on_listing": dates_on_listing,
            "items": [{"url": it.url, "title": it.title, "date": self.day(it.age).isoformat(), "pinned": it.pinned}
                      for it in items],
        }

    def portal(self, *, landing: str, content: dict[str, str | None], site: dict[str, Any]) -> DemoPortal:
        sections = {k: self.sections.get(k, {"present": False}) for k in KINDS}
        verdicts = {f"{k}_fresh": (s["age_days"] <= FRESH_DAYS[k]) if s["present"] else None
                    for k, s in sections.items()}
        truth = {"id": self.pid, "name": self.name, "cms": self.cms, "home": "/", "landing": landing,
                 "today": self.today.isoformat(), "sections": sections,
                 "content": {k: content.get(k) for k in CONTENT_KINDS}, "verdicts": verdicts, "site": site,
                 "traps": self.traps}
        return DemoPortal(self.pid, self.name, self.cms, self.files, self.ctypes, self.redirects, truth,
                          dict(self.extra_headers), self.server, dict(self.redirect_status))


def _related(items: list[_Item], idx: int, today: dt.date, fmt: Callable[[dt.date], str],
             *, newer: int = 2, older: int = 3) -> list[tuple[_Item, str]]:
    """Neighbours of item ``idx`` in date order with their shown dates: the "Tin khác" trap."""
    ordered = sorted(items, key=lambda it: it.age)
    pos = ordered.index(items[idx])
    picks = ordered[max(0, pos - newer):pos] + ordered[pos + 1:pos + 1 + older]
    return [(it, fmt(today - dt.timedelta(days=it.age))) for it in picks]


def _body(item: _Item, site: _Site, place: str, signer: str) -> str:
    """Two or three paragraphs that mention other dates than the post date (earlier and later)."""
    d = site.day(item.age)
    before, after = d - dt.timedelta(days=17 + item.age % 6), d + dt.timedelta(days=28 + item.age % 4)
    n = 100 + (item.age * 13) % 800
    if item.kind == "news":
        return (f"<p>Sáng {d.day}-{d.month}, tại {_e(place)}, đoàn công tác do {_e(signer)} dẫn đầu đã làm việc về "
                f"nội dung: {_e(item.title.lower())}.</p><p>Theo Kế hoạch số {n}/KH-UBND ngày {_dmy(before)} của "
                f"Ủy ban nhân dân tỉnh, các đơn vị hoàn thành nhiệm vụ và gửi báo cáo trước ngày {_dmy(after)}.</p>"
                "<p>Tại buổi làm việc, các đại biểu đã trao đổi, thống nhất nhiều giải pháp cụ thể.</p>")
    if item.kind == "party_union":
        return (f"<p>Thực hiện Hướng dẫn số {n}-HD/ĐU ngày {_dmy(before)} của Đảng ủy cơ quan, {_e(place)} đã tổ "
                f"chức hoạt động với sự tham gia của đông đảo đảng viên, đoàn viên.</p><p>Đợt sinh hoạt kéo dài "
                f"đến hết ngày {_dmy(after)}; kết quả được báo cáo tại hội nghị sơ kết.</p>")
    return (f"<p>Căn cứ Quyết định số {n}/QĐ-UBND ngày {_dmy(before)} của Ủy ban nhân dân tỉnh Hòa Lâm; "
            f"{_e(place)} đề nghị các đơn vị triển khai thực hiện nghiêm túc nội dung văn bản.</p><p>Các đơn vị "
            f"báo cáo kết quả về Văn phòng trước ngày {_dmy(after)} để tổng hợp.</p>")


def _robots(disallow: Sequence[str], sitemap: str | None = None) -> str:
    lines = ["User-agent: *", *(f"Disallow: {p}" for p in disallow)]
    if sitemap:
        lines += ["", f"Sitemap: {ORIGIN}{sitemap}"]
    return "\n".join(lines) + "\n"


def _urlset(paths: Sequence[str], lastmod: str | None = None) -> str:
    mod = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
    rows = "".join(f"<url><loc>{ORIGIN}{_e(p)}</loc>{mod}</url>" for p in paths)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{rows}</urlset>\n")


XML = "application/xml; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
PDF = "application/pdf"


# ============================================================================================== Liferay
def _liferay(today: dt.date) -> DemoPortal:
    """Liferay 6.2-like "Trang" of a Sở: asset-publisher lists, header clock, pinned item, two-page Party list."""
    name = "Sở Khoa học và Công nghệ tỉnh Hòa Lâm"
    site = _Site("hoalam-skhcn", name, "liferay", today, server="Apache-Coyote/1.1", extra_headers={
        "Liferay-Portal": "Liferay Portal Community Edition 6.2 CE GA5 (Newton / Build 6204 / January 6, 2016)"})
    g = "/web/guest"
    paths = {"directive_documents": f"{g}/van-ban-chi-dao-dieu-hanh",
             "legal_documents": f"{g}/van-ban-quy-pham-phap-luat",
             "news": f"{g}/tin-tuc-su-kien",
             # The real slug bug: the CMS dropped every "đ" of "Hoạt động Đảng - Đoàn thể".
             "party_union": f"{g}/hoat-ong-ang-oan-the"}
    labels = {"directive_documents": "Văn bản chỉ đạo điều hành", "legal_documents": "Văn bản quy phạm pháp luật",
              "news": "Tin tức - Sự kiện", "party_union": "Hoạt động Đảng - Đoàn thể"}
    content = {"introduction": f"{g}/gioi-thieu-chung", "organisation": f"{g}/co-cau-to-chuc",
               "leaders": f"{g}/lanh-dao-so", "contacts": f"{g}/lien-he", "procedures": f"{g}/thu-tuc-hanh-chinh",
               "qa": f"{g}/hoi-dap", "sitemap": f"{g}/so-do-cong"}
    clock = f"{_wd(today)}, {_dmy(today)}"

    news_titles = ("Nghiệm thu đề tài nghiên cứu ứng dụng công nghệ sinh học trong nông nghiệp",
                   "Trao giấy chứng nhận cho 12 doanh nghiệp khoa học và công nghệ",
                   "Hội thảo giải pháp thúc đẩy đổi mới sáng tạo trong doanh nghiệp nhỏ và vừa",
                   "Tổng kết Hội thi Sáng tạo kỹ thuật tỉnh Hòa Lâm lần thứ IX",
                   "Kiểm tra đo lường, chất lượng xăng dầu dịp cuối năm",
                   "Ký kết chương trình phối hợp với Trường Đại học Hòa Lâm",
                   "Khảo sát mô hình nhà kính công nghệ cao tại xã Khê Lâm",
                   "Tập huấn xây dựng và áp dụng hệ thống quản lý chất lượng theo TCVN ISO 9001",
                   "Đoàn công tác của Bộ làm việc về phát triển thị trường công nghệ",
                   "Phát động cuộc thi ảnh về đổi mới sáng tạo",
                   "Giao ban công tác tháng, triển khai nhiệm vụ tháng tới")
    news = _items("news", (1, 2, 4, 6, 9, 13, 18, 22, 30, 41, 55), news_titles)
    news[0].hour, news[0].minute = 16, 30
    party = _items("party_union", (9, 16, 24, 35, 47, 60, 74, 90, 103, 118, 131, 145, 170), _pick(PARTY_TITLES, 0, 13))
    pinned = _Item("party_union", "Chi bộ Sở ban hành Quy định về chuẩn mực đạo đức của cán bộ, đảng viên", 400,
                   hour=9, minute=0, pinned=True, views=2311)
    party_shown = [pinned, *party]
    directive = _doc_items("directive_documents", today, (3, 10, 17, 26, 38, 52, 66, 81, 97, 115), DIRECTIVE_TITLES,
                           0, "SKHCN")
    legal = _doc_items("legal_documents", today, (150, 190, 230, 262, 300, 345, 400, 470, 520), LEGAL_TITLES, 0, "")
    legal[1].effective_age = -37  # takes effect in the future: effective dates never count
    for kind, items in (("news", news), ("party_union", party_shown), ("directive_documents", directive),
                        ("legal_documents", legal)):
        for i, it in enumerate(items):
            it.url = f"{paths[kind]}/-/view_content/{2_900_000 - it.age * 11 - i}-{_slug(it.title, 60)}"

    def menu_item(label: str, href: str, children: Sequence[tuple[str, str]] = ()) -> str:
        sub = "".join(f'<li class="lfr-nav-item"><a href="{h}" role="menuitem">{_e(t)}</a></li>' for t, h in children)
        sub = f'<ul class="child-menu" role="menu">{sub}</ul>' if children else ""
        return (f'<li class="lfr-nav-item{" dropdown" if children else ""}"><a href="{h_(href)}" role="menuitem">'
                f"<span>{_e(label)}</span></a>{sub}</li>")

    def h_(href: str) -> str:
        return _e(href)

    nav = ('<nav class="sort-pages modify-pages navbar site-navigation" id="navigation" role="navigation">'
           '<ul aria-label="Các trang" class="nav nav-collapse" role="menubar">'
           + menu_item("Trang chủ", "/")
           + menu_item("Giới thiệu", content["introduction"] or "", (
               ("Giới thiệu chung", content["introduction"] or ""), ("Cơ cấu tổ chức", content["organisation"] or ""),
               ("Lãnh đạo Sở", content["leaders"] or "")))
           + menu_item(labels["news"], paths["news"])
           + menu_item("Văn bản", paths["legal_documents"], (
               (labels["directive_documents"], paths["directive_documents"]),
               (labels["legal_documents"], paths["legal_documents"])))
           + menu_item(labels["party_union"], paths["party_union"])
           + menu_item("Thủ tục hành chính", content["procedures"] or "")
           + menu_item("Hỏi đáp", content["qa"] or "")
           + menu_item("Liên hệ", content["contacts"] or "")
           + "</ul></nav>")
    newest_news = "".join(f'<li><a href="{_e(it.url)}">{_e(it.title)}</a> <span class="date">'
                          f"({_dmy(site.day(it.age))})</span></li>" for it in news[:5])
    sidebar = ('<div class="col-right"><div class="portlet-boundary box-tin-moi"><h2 class="portlet-title">Tin mới</h2>'
               f'<ul class="list-tin-moi">{newest_news}</ul></div>'
               '<div class="portlet-boundary box-lien-ket"><h2 class="portlet-title">Liên kết website</h2>'
               '<select onchange="window.open(this.value)"><option>-- Chọn liên kết --</option>'
               f'<option value="{DVC_URL}">Cổng Dịch vụ công quốc gia</option>'
               '<option value="https://chinhphu.vn">Cổng Thông tin điện tử Chính phủ</option></select></div>'
               '<div class="portlet-boundary box-thong-ke"><h2 class="portlet-title">Thống kê truy cập</h2>'
               "<p>Đang truy cập: 27</p><p>Tổng: 1.204.377</p></div></div>")

    def page(title: str, main: str, *, right: bool = True) -> str:
        return (
            '<!DOCTYPE html>\n<html class="aui ltr" dir="ltr" lang="vi-VN"><head>'
            f"<title>{_e(title)} - Sở Khoa học và Công nghệ tỉnh Hòa Lâm</title>"
            '<meta content="text/html; charset=UTF-8" http-equiv="content-type">'
            '<link href="/html/themes/classic/images/favicon.ico" rel="Shortcut Icon">'
            '<link href="/combo/?browserId=other&amp;minifierType=css&amp;languageId=vi_VN&amp;b=6205&amp;'
            't=1452073015000&amp;/html/css/main.css" rel="stylesheet" type="text/css">'
            '<script src="/html/js/barebone.jsp?browserId=other&amp;themeId=hoalam_WAR_hoalamtheme&amp;'
            'colorSchemeId=01&amp;minifierType=js&amp;languageId=vi_VN&amp;b=6205&amp;t=1452073015000"></script>'
            '<script>var Liferay = {Browser: {}, ThemeDisplay: {getLanguageId: function() {return "vi_VN";}, '
            'getPathMain: function() {return "/c";}, getScopeGroupId: function() {return "20182";}}}; '
            "var themeDisplay = Liferay.ThemeDisplay;</script></head>"
            '<body class="yui3-skin-sam controls-visible guest-site signed-out public-page site">'
            '<div class="container-fluid" id="wrapper"><header id="banner" role="banner">'
            f'<div class="top-bar"><div class="egov_date">{clock}</div>'
            '<a class="sign-in" href="/c/portal/login?p_l_id=10180" rel="nofollow">Đăng nhập</a></div>'
            '<div class="site-title"><a href="/"><img alt="Biểu trưng Sở Khoa học và Công nghệ" height="80" '
            'src="/documents/20182/0/logo-skhcn.png"></a><h1>TRANG THÔNG TIN ĐIỆN TỬ<br>SỞ KHOA HỌC VÀ CÔNG NGHỆ '
            "TỈNH HÒA LÂM</h1></div>"
            '<div class="marquee"><marquee scrollamount="3">Chào mừng kỷ niệm Ngày Khoa học và Công nghệ Việt Nam '
            "18/5</marquee></div>"
            f"{nav}</header>"
            f'<div class="row-fluid" id="content"><div class="col-main" id="column-1">{main}</div>'
            f"{sidebar if right else ''}</div>"
            '<footer id="footer" role="contentinfo"><p class="site-name">TRANG THÔNG TIN ĐIỆN TỬ SỞ KHOA HỌC VÀ CÔNG '
            "NGHỆ TỈNH HÒA LÂM</p><p>Cơ quan chủ quản: Sở Khoa học và Công nghệ tỉnh Hòa Lâm</p>"
            "<p>Chịu trách nhiệm nội dung: Ông Lê Quang Vinh - Giám đốc Sở, Trưởng Ban biên tập</p>"
            "<p>Giấy phép số 26/GP-TTĐT do Sở Thông tin và Truyền thông tỉnh Hòa Lâm cấp ngày 14/06/2019</p>"
            "<p>Địa chỉ: Số 18 đường Trần Hưng Đạo, phường Hòa Lâm, tỉnh Hòa Lâm. Điện thoại: 0200 3822 145. "
            'Email: skhcn@hoalam.gov.vn</p><p>Ghi rõ nguồn "Trang thông tin điện tử Sở KH&amp;CN Hòa Lâm" khi phát '
            f'hành lại thông tin từ website này.</p><p><a href="{content["sitemap"]}">Sơ đồ cổng</a> | '
            '<a href="#banner">Về đầu trang</a></p></footer></div></body></html>')

    def portlet(pid: str, title: str, inner: str) -> str:
        return (f'<div class="portlet-boundary portlet-asset-publisher" id="p_p_id_{pid}_">'
                f'<section class="portlet"><header class="portlet-topper"><h2 class="portlet-title">{_e(title)}</h2>'
                f'</header><div class="portlet-content">{inner}</div></section></div>')

    def meta(it: _Item, english: bool = False) -> str:
        return (f"Ngày đăng {_dmy(site.day(it.age))} | {_hm12(it.hour, it.minute)} | "
                f"{'View count' if english else 'Lượt xem'}: {it.views}")

    def news_row(it: _Item) -> str:
        pin = '<span class="icon-pushpin" title="Tin ghim"></span> ' if it.pinned else ""
        return (f'<div class="news-item{" pinned" if it.pinned else ""}">{pin}<a class="asset-title" '
                f'href="{_e(it.url)}">{_e(it.title)}</a><div class="metadata">{meta(it)}</div>'
                f'<p class="asset-summary">{_e(it.title)}.</p></div>')

    # News and Party listings: asset publishers; the Party one is paginated (10 rows per page).
    site.add(paths["news"], page(labels["news"], portlet("101_INSTANCE_tintuc", labels["news"],
                                                         "".join(news_row(it) for it in news))))
    instance = "101_INSTANCE_dangdoanthe"
    page2 = (f"{paths['party_union']}?p_p_id={instance}&p_p_lifecycle=0&p_p_state=normal&p_p_mode=view"
             f"&_{instance}_cur=2")
    chunks = [party_shown[:10], party_shown[10:]]
    for n, chunk in enumerate(chunks, 1):
        pager = ('<div class="taglib-page-iterator"><ul class="pager lfr-pagination-buttons">'
                 + (f'<li><a href="{_e(paths["party_union"])}">Đầu</a></li><li><a href="{_e(paths["party_union"])}">'
                    "Trước</a></li>" if n == 2 else
                    f'<li class="disabled"><a href="javascript:;">Đầu</a></li><li><a href="{_e(page2)}">Tiếp</a></li>')
                 + f'</ul><small class="search-results">Showing {10 * (n - 1) + 1} - {10 * (n - 1) + len(chunk)} of '
                 f"{len(party_shown)} results.</small></div>")
        site.add(paths["party_union"] if n == 1 else page2,
                 page(labels["party_union"], portlet(instance, labels["party_union"],
                                                     "".join(news_row(it) for it in chunk) + pager)))
    site.section("news", labels["news"], "menu", [paths["news"]], news)
    site.section("party_union", labels["party_union"], "menu", [paths["party_union"], page2], party_shown)

    # Document tables: issue date column; the legal one also has effective dates (one in the future).
    def doc_table(items: list[_Item], legal_cols: bool) -> str:
        head = ("<tr><th>Số/Ký hiệu</th><th>Ngày ban hành</th>" + ("<th>Ngày hiệu lực</th>" if legal_cols else "")
                + "<th>Trích yếu</th><th>Tải về</th></tr>")
        rows = "".join(
            f"<tr><td>{_e(it.number)}</td><td>{_dmy(site.day(it.age))}</td>"
            + (f"<td>{_dmy(site.day(it.effective_age or 0))}</td>" if legal_cols else "")
            + f'<td><a href="{_e(it.url)}">{_e(it.title)}</a></td><td><a href="{_e(attachment(it))}">'
            '<img alt="Tải về" src="/html/themes/classic/images/file_system/small/pdf.png"></a></td></tr>'
            for it in items)
        return (f'<table class="table table-bordered table-striped vbpq"><thead>{head}</thead>'
                f"<tbody>{rows}</tbody></table>")

    def attachment(it: _Item) -> str:
        return f"/documents/20182/0/{it.number.replace('/', '_')}.pdf"

    for kind, items in (("directive_documents", directive), ("legal_documents", legal)):
        site.add(paths[kind], page(labels[kind], portlet("vbpq_WAR_egovportlet", labels[kind],
                                                         doc_table(items, kind == "legal_documents"))))
        site.section(kind, labels[kind], "menu", [paths[kind]], items)
        for it in items:
            site.add(attachment(it), _PDF, PDF)
    site.traps += [
        f'header clock "{clock}" (div.egov_date) on every page, same day format as the items',
        f'"Tin mới" sidebar with fresh news dates beside the stale legal-documents list ({labels["legal_documents"]})',
        "Party list: a pinned item 400 days old comes first; the list spans two pages (p_p_id pager)",
        "Party listing slug mangled to /hoat-ong-ang-oan-the; label and slug disagree",
        "legal documents: an effective date in the future (Ngày hiệu lực column)",
        'articles: "Tin khác" with newer and older dated items; bodies cite earlier and later dates',
    ]

    # Article and document pages.
    for kind, items in (("news", news), ("party_union", party_shown), ("directive_documents", directive),
                        ("legal_documents", legal)):
        dated = [it for it in items]
        for i, it in enumerate(items):
            d = site.day(it.age)
            others = "".join(f'<li><a href="{_e(o.url)}">{_e(o.title)}</a> <span class="date">({shown})</span></li>'
                             for o, shown in _related(dated, i, today, _dmy))
            if kind in ("news", "party_union"):
                head = f'<h1 class="header-title">{_e(it.title)}</h1><div class="metadata">{meta(it, True)}</div>'
            else:
                eff = site.day(it.effective_age or 0)
                head = (f'<h1 class="header-title">{_e(it.title)}</h1><table class="table vbpq-detail">'
                        f"<tr><th>Số/Ký hiệu</th><td>{_e(it.number)}</td></tr>"
                        f"<tr><th>Ngày ban hành</th><td>{_dmy(d)}</td></tr>"
                        f"<tr><th>Ngày có hiệu lực</th><td>{_dmy(eff)}</td></tr>"
                        "<tr><th>Cơ quan ban hành</th><td>"
                        f"{'Ủy ban nhân dân tỉnh Hòa Lâm' if kind == 'legal_documents' else name}</td></tr>"
                        "<tr><th>Người ký</th><td>Lê Quang Vinh</td></tr>"
                        f'<tr><th>Tệp đính kèm</th><td><a href="{_e(attachment(it))}">'
                        f"{_e(attachment(it).rsplit('/', 1)[1])}</a></td></tr></table>")
            main = (f'<div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="{_e(paths[kind])}">'
                    f"{_e(labels[kind])}</a></div>"
                    f'<div class="journal-content-article">{head}<div class="journal-body">'
                    f"{_body(it, site, name, 'Giám đốc Sở Lê Quang Vinh')}</div></div>"
                    f'<div class="tin-khac"><h3>Tin khác</h3><ul>{others}</ul></div>')
            site.add(it.url, page(it.title, main))

    # Content pages, home, login, robots and sitemap.
    pages_text = {
        "introduction": ("Giới thiệu chung", "<p>Sở Khoa học và Công nghệ là cơ quan chuyên môn thuộc Ủy ban nhân "
                         "dân tỉnh Hòa Lâm, tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về khoa học, công "
                         "nghệ, đổi mới sáng tạo, chuyển đổi số và tiêu chuẩn, đo lường, chất lượng.</p>"),
        "organisation": ("Cơ cấu tổ chức", "<ul><li>Văn phòng Sở</li><li>Thanh tra Sở</li><li>Phòng Quản lý khoa "
                         "học</li><li>Phòng Chuyển đổi số</li><li>Chi cục Tiêu chuẩn Đo lường Chất lượng</li>"
                         "<li>Trung tâm Ứng dụng tiến bộ khoa học và công nghệ</li></ul>"),
        "leaders": ("Lãnh đạo Sở", "<ul><li>Giám đốc: Ông Lê Quang Vinh - ĐT: 0200 3822 145</li><li>Phó Giám đốc: "
                    "Bà Nguyễn Thị Thu Hà - ĐT: 0200 3822 146</li><li>Phó Giám đốc: Ông Trần Minh Khôi - ĐT: "
                    "0200 3822 147</li></ul>"),
        "contacts": ("Liên hệ", "<p>Văn phòng Sở Khoa học và Công nghệ tỉnh Hòa Lâm</p><p>Địa chỉ: Số 18 đường Trần "
                     "Hưng Đạo, phường Hòa Lâm</p><p>Điện thoại: 0200 3822 145 - Fax: 0200 3822 199</p>"
                     "<p>Email: skhcn@hoalam.gov.vn</p>"),
        "procedures": ("Thủ tục hành chính", "<p>Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của Sở: "
                       "đăng ký hoạt động khoa học và công nghệ, cấp giấy chứng nhận doanh nghiệp khoa học và công "
                       f'nghệ, ...</p><p>Nộp hồ sơ trực tuyến tại <a href="{DVC_URL}">Cổng Dịch vụ công quốc gia'
                       "</a>.</p>"),
        "qa": ("Hỏi đáp", "<dl><dt>Hỏi: Doanh nghiệp cần hồ sơ gì để được công nhận doanh nghiệp khoa học và công "
               "nghệ?</dt><dd>Đáp: Hồ sơ gồm đơn đề nghị, giấy chứng nhận đăng ký doanh nghiệp và phương án sản xuất, "
               "kinh doanh sản phẩm hình thành từ kết quả khoa học và công nghệ.</dd></dl>"),
    }
    for k, (title, text) in pages_text.items():
        site.add(content[k] or "", page(title, f'<div class="journal-content-article"><h1>{title}</h1>{text}</div>'))
    tree = [("Trang chủ", "/"), ("Giới thiệu chung", content["introduction"]),
            ("Cơ cấu tổ chức", content["organisation"]),
            ("Lãnh đạo Sở", content["leaders"]), (labels["news"], paths["news"]),
            (labels["directive_documents"], paths["directive_documents"]),
            (labels["legal_documents"], paths["legal_documents"]), (labels["party_union"], paths["party_union"]),
            ("Thủ tục hành chính", content["procedures"]), ("Hỏi đáp", content["qa"]), ("Liên hệ", content["contacts"])]
    site.add(content["sitemap"] or "", page("Sơ đồ cổng", '<h1>Sơ đồ cổng</h1><ul class="sitemap">' + "".join(
        f'<li><a href="{_e(h or "")}">{_e(t)}</a></li>' for t, h in tree) + "</ul>"))
    home_news = "".join(f'<li><a href="{_e(it.url)}">{_e(it.title)}</a><span class="date">{meta(it)}</span></li>'
                        for it in news[:6])
    home_docs = "".join(f'<li><a href="{_e(it.url)}">{_e(it.number)}: {_e(it.title)}</a></li>' for it in directive[:4])
    site.add("/", page(name, f'<div class="hot-news"><a href="{_e(news[0].url)}"><img alt="{_e(news[0].title)}" '
                             f'src="/documents/20182/0/anh-tin-noi-bat.jpg"></a><h2>{_e(news[0].title)}</h2></div>'
                             + portlet("101_INSTANCE_home", "Tin tức - Sự kiện", f"<ul>{home_news}</ul>")
                             + portlet("101_INSTANCE_vbmoi", "Văn bản mới", f"<ul>{home_docs}</ul>")
                             + f'<p class="banner-dvc"><a href="{DVC_URL}">Dịch vụ công trực tuyến</a></p>'))
    site.add("/c/portal/login", page("Đăng nhập", "<h1>Đăng nhập</h1><form><input name=\"login\"></form>",
                                     right=False))
    site.add("/robots.txt", _robots(["/c/", "/group/", "/web/guest/tim-kiem"], "/sitemap.xml"), TEXT)
    site.add("/sitemap.xml", _urlset(["/", *[h or "" for _, h in tree[1:]]]), XML)
    return site.portal(landing="/", content=dict(content), site={
        "lang": "vi-VN", "viewport": False, "robots_txt": True, "sitemap_xml": "/sitemap.xml",
        "sitemap_page": content["sitemap"], "robots_disallowed_linked": "/c/portal/login?p_l_id=10180",
        "footer": {"owner": True, "responsible": True, "licence": True}})


# ============================================================================================== SharePoint
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _ambiguous_age(today: dt.date) -> int:
    """The newest age (0–20 days) of the SharePoint directive list: its date must read both ways.

    Day ≤ 12 and day ≠ month, so "M/D/YYYY" is also a valid D/M date; preferably one whose D/M
    reading lies in the past (a misreading that cannot be rejected as a future date).
    """
    ok = [a for a in range(21) if (d := today - dt.timedelta(days=a)).day <= 12 and d.day != d.month]
    past = [a for a in ok if (d := today - dt.timedelta(days=a)).day < d.month]
    return (past or ok)[0]


def _over_twelve_age(today: dt.date, after: int) -> int:
    """The first age after ``after`` whose day is > 12: the row that settles the list's month-first order."""
    return next(a for a in range(after + 1, after + 40) if (today - dt.timedelta(days=a)).day > 12)


def _sharepoint(today: dt.date) -> DemoPortal:
    """SharePoint 2010-like "Trang" of a Sở: 302 home, WebForms fields, raw M/D/YYYY list views, dropdowns."""
    name = "Sở Nông nghiệp và Môi trường tỉnh Hòa Lâm"
    site = _Site("hoalam-snnmt", name, "sharepoint", today, server="Microsoft-IIS/7.5", extra_headers={
        "X-UA-Compatible": "IE=8", "MicrosoftSharePointTeamServices": "14.0.0.7015", "X-Powered-By": "ASP.NET",
        "SPRequestGuid": "5b1f0c2e-7a3d-4f51-9c1e-2d6b8e4a9f10"})
    paths = {"directive_documents": "/VanBan/Lists/ChiDaoDieuHanh/AllItems.aspx",
             "legal_documents": "/VanBan/Lists/VanBanQPPL/AllItems.aspx",
             "news": "/Trang/tin-tuc.aspx", "party_union": "/Trang/tin-dang-doan-the.aspx"}
    labels = {"directive_documents": "Chỉ đạo - Điều hành", "legal_documents": "Văn bản QPPL",
              "news": "Tin hoạt động", "party_union": "Tin Đảng - Đoàn thể"}
    content: dict[str, str | None] = {
        "introduction": "/Trang/gioi-thieu.aspx", "organisation": "/Trang/co-cau-to-chuc.aspx",
        "leaders": "/Trang/lanh-dao-so.aspx", "contacts": "/Trang/lien-he.aspx", "procedures": DVC_URL, "qa": None,
        "sitemap": "/Trang/so-do-site.aspx"}

    amb = _ambiguous_age(today)
    directive_ages = sorted({amb, _over_twelve_age(today, amb), 60, 85, 112, 140, 175, 210, 260, 320})
    directive = _doc_items("directive_documents", today, directive_ages, DIRECTIVE_TITLES, 3, "SNNMT")
    legal = _doc_items("legal_documents", today, (210, 244, 275, 318, 366, 402, 455, 530), LEGAL_TITLES, 4, "")
    news_titles = ("Kiểm tra tiến độ gieo trồng vụ Đông tại các xã ven sông",
                   "Hội nghị triển khai công tác phòng, chống thiên tai năm tới",
                   "Ra quân thu gom rác thải nhựa tại khu vực hồ Khê Lâm",
                   "Tập huấn quy trình cấp mã số vùng trồng cho hợp tác xã",
                   "Cấp giấy chứng nhận quyền sử dụng đất lần đầu cho 350 hộ dân",
                   "Thanh tra việc chấp hành pháp luật về bảo vệ môi trường tại cụm công nghiệp",
                   "Trồng mới 120 ha rừng phòng hộ đầu nguồn",
                   "Hội thảo phát triển chuỗi giá trị cây ăn quả đặc sản",
                   "Triển khai bản đồ số cảnh báo sạt lở đất",
                   "Tổng kết mô hình nông nghiệp tuần hoàn",
                   "Kiểm tra công tác tiêm phòng gia súc, gia cầm đợt hai")
    news = _items("news", (0, 2, 3, 5, 8, 12, 15, 21, 28, 36, 47), news_titles)
    party = _items("party_union", (160, 176, 199, 230, 262, 301, 338, 372, 415, 460), _pick(PARTY_TITLES, 5, 10))
    for n, it in enumerate(sorted(news + party, key=lambda x: -x.age)):
        it.url = f"/TinTuc/Lists/Posts/Post.aspx?ID={1100 + n}"
    list_paths = {"directive_documents": "/VanBan/Lists/ChiDaoDieuHanh", "legal_documents": "/VanBan/Lists/VanBanQPPL"}
    for kind, items in (("directive_documents", directive), ("legal_documents", legal)):
        for n, it in enumerate(sorted(items, key=lambda x: -x.age)):
            it.url = f"{list_paths[kind]}/DispForm.aspx?ID={31 + n}"

    def mdy_time(d: dt.date, it: _Item) -> str:
        return f"{_mdy(d)} {it.hour % 12 or 12}:{it.minute:02d} {'PM' if it.hour >= 12 else 'AM'}"

    digest = (f"0x6C1D9E3B8A0F47E2B5D4C3A29180F7E6D5C4B3A2918070F6E5D4C3B2A1908F7E6D5C4B3A291807,"
              f"{today.day:02d} {_EN_MONTHS[today.month - 1]} {today.year} 02:15:07 -0000")

    def menu() -> str:
        def dyn(title: str, children: Sequence[tuple[str, str]]) -> str:
            # Headings without a URL render as spans in SharePoint's AspMenu: only the dropdown items link.
            sub = "".join(f'<li class="dynamic"><a class="dynamic menu-item" href="{_e(h)}"><span class="additional-'
                          f'background"><span class="menu-item-text">{_e(t)}</span></span></a></li>'
                          for t, h in children)
            return (f'<li class="static dynamic-children"><span class="static dynamic-children menu-item">'
                    f'<span class="additional-background"><span class="menu-item-text">{_e(title)}</span></span>'
                    f'</span><ul class="dynamic">{sub}</ul></li>')

        def link(title: str, href: str) -> str:
            return (f'<li class="static"><a class="static menu-item" href="{_e(href)}"><span class="additional-'
                    f'background"><span class="menu-item-text">{_e(title)}</span></span></a></li>')

        return ('<div class="s4-tn" id="zz1_TopNavigationMenuV4"><div class="menu horizontal menu-horizontal">'
                '<ul class="root static">' + link("Trang chủ", "/Pages/default.aspx")
                + dyn("Giới thiệu", (("Giới thiệu chung", content["introduction"] or ""),
                                     ("Cơ cấu tổ chức", content["organisation"] or ""),
                                     ("Lãnh đạo Sở", content["leaders"] or "")))
                + dyn("Tin tức", ((labels["news"], paths["news"]), (labels["party_union"], paths["party_union"])))
                + dyn("Văn bản", ((labels["directive_documents"], paths["directive_documents"]),
                                  (labels["legal_documents"], paths["legal_documents"])))
                + link("Dịch vụ công trực tuyến", DVC_URL) + link("Liên hệ", content["contacts"] or "")
                + "</ul></div></div>")

    latest = "".join(f'<li><a href="{_e(it.url)}">{_e(it.title)}</a> <span class="ShowDate">'
                     f"({_dmy(site.day(it.age))})</span></li>" for it in news[:5])
    sidebar = ('<div class="ms-WPBody right-box"><div class="box-title">Tin mới cập nhật</div>'
               f'<ul class="tin-moi">{latest}</ul></div>'
               '<div class="ms-WPBody right-box"><div class="box-title">Liên kết</div>'
               f'<a href="{DVC_URL}"><img src="/PublishingImages/banner-dvc.png" alt="Dịch vụ công"></a></div>')

    def page(title: str, main: str, action: str) -> str:
        return (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
            '<html dir="ltr" lang="en-us" xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
            '<meta http-equiv="X-UA-Compatible" content="IE=8"><meta name="GENERATOR" content="Microsoft SharePoint">'
            '<meta name="progid" content="SharePoint.WebPartPage.Document">'
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta http-equiv="Expires" '
            f'content="0"><title>{_e(title)}</title>'
            '<link rel="stylesheet" type="text/css" href="/_layouts/1033/styles/Themable/corev4.css?rev=p63%2BuzTeSJc'
            '22nyGU6qRvg%3D%3D"><script type="text/javascript" src="/_layouts/1033/init.js?rev=BJDmyeIdiUR%2B8Ka'
            'WHXbT5g%3D%3D"></script><script type="text/javascript" src="/Style%20Library/js/jquery-1.4.4.min.js">'
            '</script><script type="text/javascript">var _spPageContextInfo = {webServerRelativeUrl: "\\u002f", '
            "webLanguage: 1033, currentLanguage: 1033, webUIVersion:4, userId:0, alertsEnabled:false, "
            "siteServerRelativeUrl: \"\\u002f\", allowSilverlightPrompt:'True'};</script></head>"
            '<body scroll="no" onload="javascript:_spBodyOnLoadWrapper();" class="v4master">'
            f'<form name="aspnetForm" method="post" action="{_e(action)}" id="aspnetForm">'
            '<div><input type="hidden" name="MSOWebPartPage_PostbackSource" id="MSOWebPartPage_PostbackSource" '
            'value="">'
            '<input type="hidden" name="MSOTlPn_SelectedWpId" id="MSOTlPn_SelectedWpId" value="">'
            '<input type="hidden" name="MSOTlPn_View" id="MSOTlPn_View" value="0">'
            '<input type="hidden" name="MSOGallery_SelectedLibrary" id="MSOGallery_SelectedLibrary" value="">'
            f'<input type="hidden" name="__REQUESTDIGEST" id="__REQUESTDIGEST" value="{digest}">'
            '<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUBMA9kFgJmD2QWAgIBD2QWBAIBD2QWAg'
            'IRD2QWAgIDDxYCHgdWaXNpYmxlaGQCAw9kFgYCAQ9kFgQFIGdfN2Q1YTJjNGVfM2UxYl80ZjliXzlkOGNfMWEyYjNjNGQ1ZTZmDw'
            'UMTGFjVmlldC5MYWNWaWV0U1BMaXN0ZBYCZg8WAh4EVGV4dGVkZGQYAQUeX19Db250cm9sc1JlcXVpcmVQb3N0QmFja0tleV9fFgE'
            'FKWN0bDAwJFBsYWNlSG9sZGVyU2VhcmNoQXJlYSRjdGwwMSRjdGwwMA=="></div>'
            "<!-- internal host: http://egov2k10:81/ -->"
            '<div id="s4-workspace"><div id="s4-bodyContainer"><div id="s4-titlerow"><div class="banner">'
            '<a href="/Pages/default.aspx"><img src="/PublishingImages/logo.png" alt="Logo"></a>'
            "<h1>TRANG THÔNG TIN ĐIỆN TỬ SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH HÒA LÂM</h1>"
            '<a class="login" href="/_layouts/Authenticate.aspx?Source=%2FPages%2Fdefault%2Easpx">Sign In</a></div>'
            f"{menu()}</div>"
            '<div id="MSO_ContentTable"><table width="100%" cellpadding="0" cellspacing="0"><tr>'
            f'<td class="main-zone" valign="top">{main}</td><td class="right-zone" valign="top" width="280">'
            f"{sidebar}</td></tr></table></div>"
            '<div class="footer"><p><b>TRANG THÔNG TIN ĐIỆN TỬ SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH HÒA LÂM</b></p>'
            "<p>Cơ quan quản lý: Sở Nông nghiệp và Môi trường tỉnh Hòa Lâm</p>"
            "<p>Chịu trách nhiệm chính: Ông Phạm Văn Thắng - Phó Giám đốc Sở</p>"
            "<p>Giấy phép số 42/GP-TTĐT do Cục Phát thanh, truyền hình và thông tin điện tử cấp ngày 19/09/2014</p>"
            "<p>Địa chỉ: Số 5 đường Lý Thường Kiệt, phường Hòa Lâm, tỉnh Hòa Lâm - Điện thoại: 0200 3856 210 - "
            "Fax: 0200 3856 211 - Email: snnmt@hoalam.gov.vn</p>"
            f'<p><a href="{content["sitemap"]}">Sơ đồ site</a></p></div></div></div></form></body></html>')

    def wp(title: str, inner: str) -> str:
        return (f'<div class="ms-webpart-zone"><table class="s4-wpTopTable" width="100%"><tr><td>'
                f'<div class="ms-WPHeader"><h3 class="ms-standardheader ms-WPTitle">{_e(title)}</h3></div>'
                f'<div class="ms-WPBody">{inner}</div></td></tr></table></div>')

    # Raw list views: month-first dates, one expiry column of 12/31/9999; the directive view is in ID order
    # (oldest first) and its newest date reads both ways, the legal view is newest first.
    def list_view(kind: str, items: list[_Item]) -> str:
        head = ('<tr valign="top" class="ms-viewheadertr ms-vhltr">' + "".join(
            f'<th class="ms-vh2" nowrap="nowrap" scope="col"><div class="ms-vh-div">{c}</div></th>'
            for c in ("Số ký hiệu", "Trích yếu", "Ngày ban hành", "Ngày hết hiệu lực", "ItemStatus", "ReadCounter"))
            + "</tr>")
        rows = "".join(
            f'<tr class="{"ms-alternating" if n % 2 else ""}"><td class="ms-vb2">{_e(it.number)}</td>'
            '<td class="ms-vb-title"><table class="ms-unselectedtitle itx" cellspacing="0"><tr><td class="ms-vb">'
            f'<a onfocus="OnLink(this)" href="{_e(it.url)}" target="_self">{_e(it.title)}</a></td></tr></table></td>'
            f'<td class="ms-vb2"><nobr>{mdy_time(site.day(it.age), it)}</nobr></td>'
            '<td class="ms-vb2"><nobr>12/31/9999</nobr></td><td class="ms-vb2">Approved</td>'
            f'<td class="ms-vb2">{it.views}</td></tr>'
            for n, it in enumerate(items))
        return wp(labels[kind], f'<table summary="{_e(labels[kind])}" class="ms-listviewtable" cellpadding="1" '
                  f'cellspacing="0" border="0" width="100%">{head}{rows}</table>'
                  f'<table class="ms-bottompaging"><tr><td class="ms-paging">1 - {len(items)}</td></tr></table>')

    directive_shown = sorted(directive, key=lambda x: -x.age)
    legal_shown = sorted(legal, key=lambda x: x.age)
    for kind, items in (("directive_documents", directive_shown), ("legal_documents", legal_shown)):
        site.add(paths[kind], page(labels[kind], list_view(kind, items), paths[kind]))
        site.section(kind, labels[kind], "dropdown", [paths[kind]], items, date_order="MDY")
        for it in items:
            d, eff = site.day(it.age), site.day(it.effective_age or 0)
            item_id = it.url.rsplit("=", 1)[1]
            att = f"{list_paths[kind]}/Attachments/{item_id}/{it.number.replace('/', '_')} {it.age}.pdf"
            fields = (("Số ký hiệu", _e(it.number)), ("Trích yếu", _e(it.title)), ("Ngày ban hành", mdy_time(d, it)),
                      ("Ngày hiệu lực", _mdy(eff)), ("Ngày hết hiệu lực", "12/31/9999"),
                      ("Người ký", "Phạm Văn Thắng"),
                      ("Tệp đính kèm", f'<a href="{_e(att)}">{_e(att.rsplit("/")[-1])}</a>'))
            form = ('<table class="ms-formtable" cellpadding="0" cellspacing="0" width="100%">' + "".join(
                f'<tr><td class="ms-formlabel" valign="top"><h3 class="ms-standardheader"><nobr>{k}</nobr></h3></td>'
                f'<td class="ms-formbody" valign="top">{v}</td></tr>' for k, v in fields) + "</table>"
                f'<div class="ms-descriptiontext">Tạo lúc {mdy_time(d, it)} bởi Quản trị hệ thống<br>Sửa lần cuối lúc '
                f"{_mdy(today - dt.timedelta(days=1))} 9:12 AM bởi Quản trị hệ thống</div>")
            site.add(it.url, page(it.title, wp(labels[kind], form), it.url))
            site.add(att, _PDF, PDF)

    # Publishing pages with content-query lists (D/M dates) and blog-style posts.
    def news_list(items: list[_Item]) -> str:
        return '<div class="cqwp-tin">' + "".join(
            f'<div class="item"><a class="title" href="{_e(it.url)}">{_e(it.title)}</a> <span class="ShowDate">'
            f'({_dmy(site.day(it.age))})</span><p class="desc">{_e(it.title)}.</p></div>' for it in items) + "</div>"

    for kind, items in (("news", news), ("party_union", party)):
        site.add(paths[kind], page(labels[kind], wp(labels[kind], news_list(items)), paths[kind]))
        site.section(kind, labels[kind], "dropdown", [paths[kind]], items)
        for i, it in enumerate(items):
            d = site.day(it.age)
            others = "".join(f'<li><a href="{_e(o.url)}">{_e(o.title)}</a> <span class="ShowDate">({s})</span></li>'
                             for o, s in _related(items, i, today, _dmy))
            post = (f'<div class="ms-PostTitle"><h1>{_e(it.title)}</h1></div><div class="date-post">Ngày đăng: '
                    f"{_dmy(d)} {_hm12(it.hour, it.minute, 'SA', 'CH')}</div>"
                    f'<div class="ms-PostBody">{_body(it, site, name, "Phó Giám đốc Sở Phạm Văn Thắng")}</div>'
                    f'<div class="other-news"><h3>Các tin đã đưa</h3><ul>{others}</ul></div>')
            site.add(it.url, page(it.title, wp(labels[kind], post), it.url))
    site.traps += [
        "/ answers 302 to an absolute /Pages/default.aspx; lang=en-us; X-UA-Compatible IE=8; WebForms hidden fields",
        f"__REQUESTDIGEST carries today's date ({digest.split(',')[1]})",
        f"directive list view: M/D/YYYY h:mm AM/PM, oldest first; the newest date ({_mdy(site.day(amb))}) is a valid "
        "D/M date too; another row has a day > 12",
        "12/31/9999 expiry column in both list views; DispForm pages show a 'Sửa lần cuối' of yesterday",
        "Party list (stale) beside a 'Tin mới cập nhật' sidebar of fresh news dates",
        "all four sections are dropdown items under headings that are not links",
        "news and Party posts share one list: /TinTuc/Lists/Posts/Post.aspx?ID=…",
    ]

    # Content pages, home (after the redirect), login, robots; no sitemap.xml.
    texts = {
        "introduction": ("Giới thiệu chung", "<p>Sở Nông nghiệp và Môi trường là cơ quan chuyên môn thuộc Ủy ban "
                         "nhân dân tỉnh Hòa Lâm, tham mưu quản lý nhà nước về nông nghiệp, lâm nghiệp, thủy lợi, "
                         "đất đai, tài nguyên nước, môi trường và phòng, chống thiên tai.</p>"),
        "organisation": ("Cơ cấu tổ chức", "<ul><li>Văn phòng Sở</li><li>Thanh tra Sở</li><li>Phòng Kế hoạch - Tài "
                         "chính</li><li>Phòng Quản lý đất đai</li><li>Chi cục Kiểm lâm</li><li>Chi cục Thủy lợi</li>"
                         "</ul>"),
        "leaders": ("Lãnh đạo Sở", "<ul><li>Giám đốc: Ông Hoàng Đức Thịnh</li><li>Phó Giám đốc: Ông Phạm Văn Thắng"
                    "</li><li>Phó Giám đốc: Bà Vũ Thị Mai Anh</li></ul>"),
        "contacts": ("Liên hệ", "<p>Địa chỉ: Số 5 đường Lý Thường Kiệt, phường Hòa Lâm, tỉnh Hòa Lâm</p>"
                     "<p>Điện thoại: 0200 3856 210</p><p>Email: snnmt@hoalam.gov.vn</p>"),
    }
    for k, (title, text) in texts.items():
        path = content[k] or ""
        site.add(path, page(title, wp(title, text), path))
    tree = [("Trang chủ", "/Pages/default.aspx"), ("Giới thiệu chung", content["introduction"]),
            ("Cơ cấu tổ chức", content["organisation"]), ("Lãnh đạo Sở", content["leaders"]),
            (labels["news"], paths["news"]), (labels["party_union"], paths["party_union"]),
            (labels["directive_documents"], paths["directive_documents"]),
            (labels["legal_documents"], paths["legal_documents"]), ("Liên hệ", content["contacts"])]
    sitemap_path = content["sitemap"] or ""
    site.add(sitemap_path, page("Sơ đồ site", wp("Sơ đồ site", "<ul>" + "".join(
        f'<li><a href="{_e(h or "")}">{_e(t)}</a></li>' for t, h in tree) + "</ul>"), sitemap_path))
    home = (wp("Tin hoạt động", news_list(news[:5]))
            + wp("Văn bản chỉ đạo, điều hành mới", "<ul>" + "".join(
                f'<li><a href="{_e(it.url)}">{_e(it.number)} - {_e(it.title)}</a></li>'
                for it in sorted(directive, key=lambda x: x.age)[:4]) + "</ul>")
            + f'<p><a href="{DVC_URL}">Thủ tục hành chính - Dịch vụ công trực tuyến</a></p>')
    site.add("/Pages/default.aspx", page(name, home, "/Pages/default.aspx"))
    site.redirect("/", f"{ORIGIN}/Pages/default.aspx")
    site.redirect("/default.aspx", f"{ORIGIN}/Pages/default.aspx")
    site.add("/_layouts/Authenticate.aspx", page("Sign In", "<h1>Sign In</h1>", "/_layouts/Authenticate.aspx"))
    site.add("/robots.txt", _robots(["/_layouts/", "/_vti_bin/", "/_catalogs/"]), TEXT)
    return site.portal(landing="/Pages/default.aspx", content=content, site={
        "lang": "en-us", "viewport": False, "robots_txt": True, "sitemap_xml": None, "sitemap_page": sitemap_path,
        "robots_disallowed_linked": "/_layouts/Authenticate.aspx?Source=%2FPages%2Fdefault%2Easpx",
        "footer": {"owner": True, "responsible": True, "licence": True}})


# ============================================================================================== NukeViet
def _nukeviet(today: dt.date) -> DemoPortal:
    """NukeViet-like (PHP, layout tables) "Trang" of a Sở: query URLs, weekday dates, a title-sorted list."""
    name = "Sở Xây dựng tỉnh Hòa Lâm"
    site = _Site("hoalam-sxd", name, "nukeviet", today, server="Apache/2.4.6 (CentOS) PHP/5.6.40",
                 extra_headers={"X-Powered-By": "PHP/5.6.40"})
    q = "/index.php?language=vi&nv="
    paths = {"directive_documents": f"{q}laws&op=van-ban-dieu-hanh", "news": f"{q}news&op=tin-hoat-dong",
             "party_union": f"{q}news&op=cong-tac-dang"}
    labels = {"directive_documents": "Văn bản điều hành", "news": "Tin hoạt động", "party_union": "Công tác Đảng"}
    content: dict[str, str | None] = {
        "introduction": f"{q}about&op=gioi-thieu.html", "organisation": f"{q}about&op=co-cau-to-chuc.html",
        "leaders": None, "contacts": f"{q}contact", "procedures": f"{q}news&op=thu-tuc-hanh-chinh", "qa": None,
        "sitemap": f"{q}sitemap"}
    clock = f"{_wd(today)}, {_dmy(today)}"

    directive = _doc_items("directive_documents", today, (8, 19, 33, 47, 62, 90, 130, 170, 220, 300, 360),
                           DIRECTIVE_TITLES, 6, "SXD")
    directive_shown = sorted(directive, key=lambda it: _fold(it.title))
    if directive_shown[0].age == min(it.age for it in directive):
        raise ValueError("the title-sorted list must not start with its newest item")
    news_titles = ("Kiểm tra chất lượng công trình trường học trước mùa mưa",
                   "Hội nghị tập huấn Luật Xây dựng sửa đổi cho cán bộ cấp xã",
                   "Thẩm định thiết kế cơ sở dự án đường liên xã Khê Lâm - Vân Hà",
                   "Công bố quy hoạch chung đô thị Hòa Lâm đến năm 2040",
                   "Kiểm tra an toàn lao động tại các công trường nhà cao tầng",
                   "Cấp chứng chỉ hành nghề hoạt động xây dựng trực tuyến",
                   "Rà soát nhà ở xã hội cho công nhân khu công nghiệp",
                   "Khởi công cầu Bến Đá trên tuyến tỉnh lộ 7",
                   "Tổng kết công tác quản lý vật liệu xây dựng",
                   "Hướng dẫn thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ",
                   "Sơ kết 6 tháng thực hiện chương trình phát triển đô thị",
                   "Giao ban công tác quản lý trật tự xây dựng")
    news = _items("news", (135, 150, 171, 199, 228, 256, 290, 331, 368, 402, 437, 480), news_titles)
    party = _items("party_union", (12, 26, 41, 58, 77, 99, 140, 180), _pick(PARTY_TITLES, 9, 8))
    for kind, items in (("news", news), ("party_union", party)):
        for i, it in enumerate(items):
            it.url = f"{paths[kind]}/{_slug(it.title, 60)}-{4800 - it.age * 3 - i}.html"
    for i, it in enumerate(directive):
        it.url = f"{q}laws&op=detail/{_slug(it.title, 50)}-{760 - it.age - i}"

    def when(it: _Item) -> str:
        return f"{_wd(site.day(it.age))}, {_dmy(site.day(it.age))} {it.hour:02d}:{it.minute:02d}"

    menu = [("Trang chủ", "/"), ("Giới thiệu", content["introduction"] or ""), (labels["news"], paths["news"]),
            (labels["directive_documents"], paths["directive_documents"]),
            ("Thủ tục hành chính", content["procedures"] or ""), ("Liên hệ", content["contacts"] or "")]
    nav = ('<table class="menu" width="100%" cellpadding="0" cellspacing="0"><tr>' + "".join(
        f'<td class="menu-item"><a href="{_e(h)}">{_e(t)}</a></td>' for t, h in menu) + "</tr></table>")
    counter = "".join(f"<td>{c}</td>" for c in "0434363")  # one digit per cell, as some counters render
    left = ('<div class="block"><div class="block-title">Chuyên mục</div><ul>'
            f'<li><a href="{_e(paths["news"])}">{labels["news"]}</a></li>'
            f'<li><a href="{_e(paths["directive_documents"])}">{labels["directive_documents"]}</a></li>'
            f'<li><a href="{_e(content["procedures"] or "")}">Thủ tục hành chính</a></li></ul></div>'
            '<div class="block"><div class="block-title">Liên kết website</div><select name="lienket">'
            f'<option value="{DVC_URL}">Cổng Dịch vụ công quốc gia</option></select></div>'
            '<div class="block"><div class="block-title">SỐ LƯỢT TRUY CẬP</div><table class="counter"><tr>'
            f"{counter}</tr></table></div>")

    def page(title: str, main: str) -> str:
        return (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            '<html xmlns="http://www.w3.org/1999/xhtml" lang="vi"><head>'
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            f'<meta name="generator" content="NukeViet v4.5"><title>{_e(title)} - Sở Xây dựng Hòa Lâm</title>'
            '<link rel="StyleSheet" href="/themes/default/css/style.css" type="text/css">'
            '<script type="text/javascript">var nv_base_siteurl="/",nv_lang_data="vi",nv_name_variable="nv",'
            'nv_fc_variable="op",nv_lang_variable="language",nv_my_ofs=7;</script>'
            '<script type="text/javascript" src="/assets/js/jquery/jquery.min.js?t=1.11.3"></script></head><body>'
            '<table id="wrapper" width="1000" align="center" cellpadding="0" cellspacing="0"><tr>'
            '<td colspan="2" class="header"><img src="/uploads/banner-sxd.jpg" width="1000" height="150" '
            'alt="Trang thông tin điện tử Sở Xây dựng tỉnh Hòa Lâm">'
            f'<div class="today">Hôm nay: {clock}</div></td></tr>'
            f'<tr><td colspan="2">{nav}</td></tr>'
            f'<tr><td class="left" width="230" valign="top">{left}</td><td class="main" valign="top">{main}</td></tr>'
            '<tr><td colspan="2" class="footer"><p><strong>TRANG THÔNG TIN ĐIỆN TỬ SỞ XÂY DỰNG TỈNH HÒA LÂM</strong>'
            "</p><p>Cơ quan chủ quản: Sở Xây dựng tỉnh Hòa Lâm</p>"
            "<p>Chịu trách nhiệm nội dung: Bà Đặng Thị Hồng Nhung - Phó Giám đốc Sở</p>"
            "<p>Giấy phép số 15/GP-STTTT do Sở Thông tin và Truyền thông tỉnh Hòa Lâm cấp ngày 03/11/2016</p>"
            "<p>Địa chỉ: Số 9 đường Nguyễn Trãi, phường Hòa Lâm. Điện thoại: 0200 3821 606. Email: "
            f'sxd@hoalam.gov.vn</p><p><a href="{_e(content["sitemap"] or "")}">Sơ đồ site</a> | '
            '<a href="/admin/" rel="nofollow">Quản trị</a> | Phát triển trên nền NukeViet</p>'
            "</td></tr></table></body></html>")

    def title_bar(text: str) -> str:
        return f'<table class="title-bar" width="100%"><tr><td><h2>{_e(text)}</h2></td></tr></table>'

    # News (two pages) and Party (site map only) lists: "Cập nhật: Thứ Hai, 12/05/2024 08:30".
    def news_rows(items: list[_Item]) -> str:
        return '<table class="news-list" width="100%" cellpadding="4">' + "".join(
            f'<tr><td class="thumb" width="110"><img src="/uploads/news/thumb-{n}.jpg" width="100" alt=""></td>'
            f'<td><h3><a href="{_e(it.url)}">{_e(it.title)}</a></h3><div class="time">Cập nhật: {when(it)}</div>'
            f"<p>{_e(it.title)}.</p></td></tr>" for n, it in enumerate(items)) + "</table>"

    page2 = f"{paths['news']}/page-2"
    site.add(paths["news"], page(labels["news"], title_bar(labels["news"]) + news_rows(news[:8])
                                 + f'<div class="generate_page"><strong>1</strong> <a href="{_e(page2)}">2</a> '
                                 f'<a href="{_e(page2)}">Trang sau</a></div>'))
    site.add(page2, page(labels["news"], title_bar(labels["news"]) + news_rows(news[8:])
                         + f'<div class="generate_page"><a href="{_e(paths["news"])}">1</a> <strong>2</strong></div>'))
    site.section("news", labels["news"], "menu", [paths["news"], page2], news)
    site.add(paths["party_union"], page(labels["party_union"], title_bar(labels["party_union"]) + news_rows(party)))
    site.section("party_union", labels["party_union"], "sitemap_page", [paths["party_union"]], party)

    # Directive documents sorted by title, A to Z: the newest is somewhere in the middle.
    rows = "".join(f"<tr><td>{n}</td><td>{_e(it.number)}</td><td>{_dmy(site.day(it.age))}</td>"
                   f'<td><a href="{_e(it.url)}">{_e(it.title)}</a></td></tr>'
                   for n, it in enumerate(directive_shown, 1))
    site.add(paths["directive_documents"], page(labels["directive_documents"], title_bar(labels["directive_documents"])
                                                 + '<p class="sort">Sắp xếp theo: Trích yếu (A-Z)</p>'
                                                 '<table class="laws" border="1" width="100%" cellpadding="4">'
                                                 "<tr><th>STT</th><th>Số hiệu</th><th>Ngày ban hành</th>"
                                                 f"<th>Trích yếu</th></tr>{rows}</table>"))
    site.section("directive_documents", labels["directive_documents"], "menu", [paths["directive_documents"]],
                 directive_shown)
    site.traps += [
        f'header "Hôm nay: {clock}" above a stale news list (two pages: …/page-2)',
        "directive list sorted by title (A-Z): its first row is not the newest",
        'Party section ("Công tác Đảng") linked only from the HTML site map (footer "Sơ đồ site"); no sitemap.xml',
        'dates as "Cập nhật: Thứ Hai, 12/05/2024 08:30"; a typo date "281/11/2016" in an old article',
        "footer licence 'cấp ngày 03/11/2016'; visitor counter one digit per cell; no legal-documents section",
        "an unknown index.php query answers 404 (there is no bare /index.php)",
    ]

    for kind, items in (("news", news), ("party_union", party)):
        for i, it in enumerate(items):
            others = "".join(f'<li><a href="{_e(o.url)}">{_e(o.title)}</a> <span class="time">({s})</span></li>'
                             for o, s in _related(items, i, today, _dmy))
            typo = ("<p>Dự án được phê duyệt chủ trương đầu tư theo Quyết định số 12/QĐ-UBND ngày 281/11/2016.</p>"
                    if kind == "news" and i == len(items) - 1 else "")
            main = (f'<div class="news-detail"><h1>{_e(it.title)}</h1><div class="time">{when(it)}</div>'
                    f'<div class="bodytext">{_body(it, site, name, "Phó Giám đốc Sở Đặng Thị Hồng Nhung")}{typo}'
                    f'</div><div class="related"><h3>Tin khác</h3><ul>{others}</ul></div></div>')
            site.add(it.url, page(it.title, main))
    for it in directive:
        d, eff = site.day(it.age), site.day(it.effective_age or 0)
        att = f"/uploads/laws/{_slug(it.number)}.pdf"
        main = (f'<div class="laws-detail"><h1>{_e(it.title)}</h1><table class="info" border="1" cellpadding="4">'
                f"<tr><td>Số hiệu</td><td>{_e(it.number)}</td></tr><tr><td>Ngày ban hành</td><td>{_dmy(d)}</td></tr>"
                f"<tr><td>Ngày có hiệu lực</td><td>{_dmy(eff)}</td></tr><tr><td>Người ký</td><td>Ngô Thanh Bình</td>"
                f'</tr><tr><td>Tải về</td><td><a href="{_e(att)}">{_e(att.rsplit("/", 1)[1])}</a></td></tr></table>'
                f'<div class="bodytext">{_body(it, site, name, "Giám đốc Sở Ngô Thanh Bình")}</div></div>')
        site.add(it.url, page(it.title, main))
        site.add(att, _PDF, PDF)

    texts = {
        "introduction": ("Giới thiệu", "<p>Sở Xây dựng tỉnh Hòa Lâm là cơ quan chuyên môn thuộc Ủy ban nhân dân "
                         "tỉnh, tham mưu quản lý nhà nước về quy hoạch, kiến trúc, hoạt động đầu tư xây dựng, phát "
                         "triển đô thị, nhà ở, vật liệu xây dựng và giao thông vận tải.</p>"),
        "organisation": ("Cơ cấu tổ chức", "<table border=\"1\"><tr><td>Văn phòng Sở</td></tr><tr><td>Thanh tra Sở"
                         "</td></tr><tr><td>Phòng Quản lý xây dựng</td></tr><tr><td>Phòng Quản lý giao thông</td>"
                         "</tr><tr><td>Trung tâm Kiểm định chất lượng xây dựng</td></tr></table>"),
        "contacts": ("Liên hệ", "<p>Sở Xây dựng tỉnh Hòa Lâm - Số 9 đường Nguyễn Trãi, phường Hòa Lâm</p><p>Điện "
                     "thoại: 0200 3821 606 - Email: sxd@hoalam.gov.vn</p><form><textarea name=\"noidung\"></textarea>"
                     "</form>"),
        "procedures": ("Thủ tục hành chính", "<p>Thủ tục cấp giấy phép xây dựng, cấp chứng chỉ hành nghề, thẩm định "
                       f'thiết kế.</p><p><a href="{DVC_URL}">Nộp hồ sơ trực tuyến</a></p>'),
    }
    for k, (title, text) in texts.items():
        site.add(content[k] or "", page(title, title_bar(title) + text))
    tree = [("Trang chủ", "/"), ("Giới thiệu", content["introduction"]), ("Cơ cấu tổ chức", content["organisation"]),
            ("Tin tức", None), (labels["news"], paths["news"]), (labels["party_union"], paths["party_union"]),
            (labels["directive_documents"], paths["directive_documents"]),
            ("Thủ tục hành chính", content["procedures"]), ("Liên hệ", content["contacts"])]
    site.add(content["sitemap"] or "", page("Sơ đồ site", title_bar("Sơ đồ site") + '<ul class="sitemap">' + "".join(
        f'<li><a href="{_e(h)}">{_e(t)}</a></li>' if h else f"<li><strong>{_e(t)}</strong></li>" for t, h in tree)
        + "</ul>"))
    site.add("/", page(name, title_bar("Tin mới") + news_rows(news[:5]) + title_bar("Văn bản điều hành mới")
                       + "<ul>" + "".join(f'<li><a href="{_e(it.url)}">{_e(it.number)}</a></li>'
                                          for it in sorted(directive, key=lambda x: x.age)[:3]) + "</ul>"))
    site.add("/admin/", page("Quản trị", "<h1>Đăng nhập quản trị</h1>"))
    site.add("/robots.txt", _robots(["/admin/", "/includes/", "/install/", "/vendor/"]), TEXT)
    return site.portal(landing="/", content=content, site={
        "lang": "vi", "viewport": False, "robots_txt": True, "sitemap_xml": None, "sitemap_page": content["sitemap"],
        "robots_disallowed_linked": "/admin/", "footer": {"owner": True, "responsible": True, "licence": True}})


# ============================================================================================== HTML5
def _html5(today: dt.date) -> DemoPortal:
    """A modern HTML5 "Trang": semantic markup, an undated news listing, UTC timestamps, a sitemap.xml-only section."""
    name = "Ban Quản lý các khu công nghiệp tỉnh Hòa Lâm"
    site = _Site("hoalam-bqlkcn", name, "html5", today, server="nginx", extra_headers={
        "X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin"})
    paths = {"directive_documents": "/van-ban/chi-dao-dieu-hanh/", "legal_documents": "/van-ban/quy-pham-phap-luat/",
             "news": "/tin-tuc/", "party_union": "/doan-thanh-nien/"}
    labels = {"directive_documents": "Văn bản chỉ đạo điều hành", "legal_documents": "Văn bản pháp quy",
              "news": "Tin tức", "party_union": "Đoàn Thanh niên"}
    content: dict[str, str | None] = {
        "introduction": "/gioi-thieu/", "organisation": "/gioi-thieu/co-cau-to-chuc/",
        "leaders": "/gioi-thieu/lanh-dao-ban/", "contacts": "/lien-he/", "procedures": DVC_URL, "qa": "/hoi-dap/",
        "sitemap": None}

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
                                              (labels["legal_documents"], paths["legal_documents"])))
                + li("Thủ tục hành chính", DVC_URL) + li("Hỏi đáp", content["qa"] or "")
                + li("Liên hệ", content["contacts"] or "") + li("Tìm kiếm", "/tim-kiem/") + "</ul></nav>")

    events = (("Hội nghị xúc tiến đầu tư vào các khu công nghiệp", 8), ("Đối thoại doanh nghiệp quý IV", 15))
    aside = ('<aside class="sidebar"><section><h2>Sự kiện sắp diễn ra</h2><ul>' + "".join(
        f'<li>{_e(t)} - <time datetime="{(today + dt.timedelta(days=d)).isoformat()}">{dmy_in(d)}</time></li>'
        for t, d in events) + "</ul></section></aside>")

    def page(title: str, main: str) -> str:
        return (
            '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)} | Ban Quản lý các KCN Hòa Lâm</title>"
            '<link rel="stylesheet" href="/assets/site.css"></head><body>'
            '<header class="site-header"><a class="brand" href="/"><img src="/assets/logo.svg" alt="Logo Ban Quản lý '
            'các khu công nghiệp tỉnh Hòa Lâm" width="64" height="64"><span>TRANG THÔNG TIN ĐIỆN TỬ<br>BAN QUẢN LÝ CÁC '
            f"KHU CÔNG NGHIỆP TỈNH HÒA LÂM</span></a>{nav()}</header>"
            f'<div class="layout"><main id="main">{main}</main>{aside}</div>'
            '<footer class="site-footer"><p>Cơ quan chủ quản: Ban Quản lý các khu công nghiệp tỉnh Hòa Lâm</p>'
            "<p>Chịu trách nhiệm nội dung: Ông Vương Đình Khải - Phó Trưởng ban</p>"
            "<p>Giấy phép số 08/GP-TTĐT do Sở Thông tin và Truyền thông tỉnh Hòa Lâm cấp ngày 21/03/2022</p>"
            "<p>Địa chỉ: Tầng 4, Trung tâm Hành chính tỉnh, phường Hòa Lâm · Điện thoại: 0200 3898 012 · "
            'Email: <a href="mailto:bqlkcn@hoalam.gov.vn">bqlkcn@hoalam.gov.vn</a></p></footer></body></html>')

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

    def doc_table(items: list[_Item], legal_cols: bool) -> str:
        head = ("<tr><th>Số ký hiệu</th><th>Trích yếu</th><th>Ngày ban hành</th>"
                + ("<th>Ngày hiệu lực</th>" if legal_cols else "") + "</tr>")
        body = "".join(
            f'<tr><td>{_e(it.number)}</td><td><a href="{_e(it.url)}">{_e(it.title)}</a></td><td><time datetime="'
            f'{_iso_local(site.day(it.age), it.hour, it.minute)}">{_dmy(site.day(it.age))}</time></td>'
            + (f"<td>{_dmy(site.day(it.effective_age or 0))}</td>" if legal_cols else "") + "</tr>"
            for it in items)
        return f'<table class="docs"><thead>{head}</thead><tbody>{body}</tbody></table>'

    for kind, items in (("directive_documents", directive), ("legal_documents", legal)):
        site.add(paths[kind], page(labels[kind], f"<h1>{labels[kind]}</h1>"
                                                 + doc_table(items, kind == "legal_documents")))
        site.section(kind, labels[kind], "menu", [paths[kind]], items)
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
            main = (f'{crumbs(kind)}<article class="post"><h1>{_e(it.title)}</h1><p class="meta">Ngày đăng: {stamp}'
                    f"</p>{extra}{_body(it, site, name, 'Trưởng ban Trịnh Quốc Bảo')}</article>"
                    f'<section class="related"><h2>Tin liên quan</h2><ul>{others}</ul></section>')
            site.add(it.url, page(it.title, main))

    texts = {
        "introduction": ("Giới thiệu", "<p>Ban Quản lý các khu công nghiệp tỉnh Hòa Lâm là cơ quan trực thuộc Ủy "
                         "ban nhân dân tỉnh, thực hiện chức năng quản lý nhà nước trực tiếp đối với các khu công "
                         "nghiệp trên địa bàn tỉnh.</p>"),
        "organisation": ("Cơ cấu tổ chức", "<ul><li>Văn phòng</li><li>Phòng Quản lý đầu tư</li><li>Phòng Quản lý "
                         "doanh nghiệp</li><li>Phòng Quản lý quy hoạch và xây dựng</li></ul>"),
        "leaders": ("Lãnh đạo Ban", "<ul><li>Trưởng ban: Ông Trịnh Quốc Bảo</li><li>Phó Trưởng ban: Ông Vương Đình "
                    "Khải</li><li>Phó Trưởng ban: Bà Lý Thanh Tâm</li></ul>"),
        "contacts": ("Liên hệ", "<address>Tầng 4, Trung tâm Hành chính tỉnh, phường Hòa Lâm<br>Điện thoại: 0200 "
                     "3898 012<br>Email: bqlkcn@hoalam.gov.vn</address>"),
        "qa": ("Hỏi đáp", "<details><summary>Thời hạn cấp giấy chứng nhận đăng ký đầu tư là bao lâu?</summary><p>"
               "Không quá 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.</p></details>"),
    }
    for k, (title, text) in texts.items():
        site.add(content[k] or "", page(title, f"<h1>{title}</h1>{text}"))
    site.add("/van-ban/", page("Văn bản", "<h1>Văn bản</h1><ul>" + "".join(
        f'<li><a href="{_e(paths[k])}">{_e(labels[k])}</a></li>' for k in ("directive_documents", "legal_documents"))
        + "</ul>"))
    site.add("/tim-kiem/", page("Tìm kiếm", '<h1>Tìm kiếm</h1><form role="search"><input type="search" name="q">'
                                           "</form>"))
    home = ('<section class="featured"><h2>Tin tức nổi bật</h2>' + "".join(
        f'<article><h3><a href="{_e(it.url)}">{_e(it.title)}</a></h3></article>' for it in news[:4]) + "</section>"
        f'<section class="dvc"><a href="{DVC_URL}">Dịch vụ công trực tuyến</a></section>')
    site.add("/", page(name, home))
    site.add("/robots.txt", _robots(["/tim-kiem/", "/admin/"], "/sitemap.xml"), TEXT)
    listed = ["/", "/gioi-thieu/", content["organisation"] or "", content["leaders"] or "", paths["news"], "/van-ban/",
              paths["directive_documents"], paths["legal_documents"], paths["party_union"], content["qa"] or "",
              content["contacts"] or ""]
    site.add("/sitemap.xml", _urlset(listed, f"{today.isoformat()}T03:00:00+07:00"), XML)
    return site.portal(landing="/", content=content, site={
        "lang": "vi", "viewport": True, "robots_txt": True, "sitemap_xml": "/sitemap.xml", "sitemap_page": None,
        "robots_disallowed_linked": "/tim-kiem/", "footer": {"owner": True, "responsible": True, "licence": True}})


# ============================================================================================== commune
def _commune(today: dt.date) -> DemoPortal:
    """A small static commune site: four-entry menu, the directive section only in a home-page box.

    Its portal-level failure: the footer names no owner agency, no person responsible for the content and
    no licence (Decree 42 requires them); there is no robots.txt, no sitemap, no ``lang`` and no viewport.
    """
    name = "Ủy ban nhân dân xã Khê Lâm"
    site = _Site("hoalam-xakhelam", name, "static", today, server="nginx/1.14.0")
    paths = {"directive_documents": "/chi-dao-dieu-hanh.html", "news": "/tin-tuc.html"}
    labels = {"directive_documents": "Thông tin chỉ đạo, điều hành", "news": "Tin tức"}
    content: dict[str, str | None] = {"introduction": "/gioi-thieu.html", "contacts": "/lien-he.html"}
    tet = today - dt.timedelta(days=280)

    directive_titles = ("Thông báo lịch tiếp công dân của Chủ tịch UBND xã",
                        "Kế hoạch ra quân tổng vệ sinh môi trường trên địa bàn xã",
                        "Về việc tăng cường phòng, chống dịch bệnh trên đàn gia súc",
                        "Kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở các thôn",
                        "Về việc thu Quỹ phòng, chống thiên tai năm {y}",
                        "Thông báo kết luận của Chủ tịch UBND xã tại cuộc họp giao ban",
                        "Kế hoạch kiểm tra hoạt động kinh doanh dịch vụ karaoke",
                        "Về việc rà soát hộ nghèo, hộ cận nghèo",
                        "Kế hoạch tuyển chọn, gọi công dân nhập ngũ")
    codes = ("TB", "KH", "CV", "KH", "CV", "TB", "KH", "CV", "KH")
    ages = (6, 15, 29, 44, 63, 88, 120, 160, 201)
    directive = _doc_items("directive_documents", today, ages, list(zip(codes, directive_titles, strict=True)), 0,
                           "UBND")
    news_titles = ("Hội nghị tổng kết công tác dân số năm",
                   "Thôn Khê Thượng ra mắt mô hình đường hoa nông thôn mới",
                   "Tổ chức tiêm phòng vắc xin lở mồm long móng đợt một",
                   "Trao quà cho các gia đình chính sách nhân ngày Thương binh - Liệt sĩ",
                   "Khai giảng lớp dạy nghề trồng nấm cho phụ nữ",
                   "Xã Khê Lâm đón bằng công nhận đạt chuẩn nông thôn mới nâng cao",
                   "Ra quân làm đường giao thông nội đồng",
                   "Hội thi văn nghệ chào mừng Ngày Quốc tế Phụ nữ")
    news = _items("news", (140, 158, 181, 213, 247, 289, 322, 366), news_titles)
    for it in directive:
        it.url = f"/van-ban/{_slug(it.number)}.html"
    for it in news:
        it.url = f"/tin-tuc/{_slug(it.title, 60)}.html"

    def dotted(it: _Item) -> str:
        d = site.day(it.age)
        return f"({d:%d.%m.%Y} {it.hour:02d}:{it.minute:02d})"

    # The fourth menu entry points at a page that was never published: it answers 404.
    menu = (("Trang chủ", "/"), ("Giới thiệu", "/gioi-thieu.html"), ("Tin tức", paths["news"]),
            ("Hỏi đáp", "/hoi-dap.html"))

    def page(title: str, main: str) -> str:
        return (
            '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html><head>'
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            f"<title>{_e(title)}</title></head><body>"
            '<div id="top"><img src="/images/banner.jpg" width="980" alt="Trang thông tin điện tử xã Khê Lâm"></div>'
            '<div id="menu">' + " | ".join(f'<a href="{h}">{t}</a>' for t, h in menu) + "</div>"
            f'<marquee>Nhiệt liệt chào mừng Xuân {_can_chi(tet.year)} {tet.year}</marquee>'
            f'<div id="main">{main}</div>'
            '<div id="footer">Bản quyền © 2019 Ủy ban nhân dân xã Khê Lâm, tỉnh Hòa Lâm.<br>Địa chỉ: thôn Khê Trung, '
            "xã Khê Lâm, tỉnh Hòa Lâm - Điện thoại: 0200 3765 118 - "
            '<a href="/lien-he.html">Liên hệ</a><br>Thiết kế: Công ty TNHH Giải pháp số Sao Khuê'
            "</div></body></html>")

    box_rows = "".join(f'<li><a href="{_e(it.url)}">{_e(it.number)} - {_e(it.title)}</a><br><i>Ban hành '
                       f"{_long(site.day(it.age))}</i></li>" for it in directive[:5])
    news_box = "".join(f'<li><a href="{_e(it.url)}">{_e(it.title)}</a> <span>{dotted(it)}</span></li>'
                       for it in news[:4])
    home = (f'<table width="100%"><tr><td valign="top" width="60%"><div class="box"><h2>Tin tức</h2><ul>{news_box}'
            '</ul></div></td><td valign="top"><div class="box box-chidao">'
            f'<h2><a href="{paths["directive_documents"]}">{labels["directive_documents"]}</a></h2><ul>{box_rows}</ul>'
            f'<p><a href="{paths["directive_documents"]}">Xem thêm »</a></p></div>'
            f'<div class="box"><a href="{DVC_URL}">Dịch vụ công trực tuyến</a></div></td></tr></table>')
    site.add("/", page(name, home))
    listing = "".join(f'<tr><td>{_e(it.number)}</td><td><a href="{_e(it.url)}">{_e(it.title)}</a></td>'
                      f"<td>{_dmy(site.day(it.age))}</td></tr>" for it in directive)
    site.add(paths["directive_documents"], page(labels["directive_documents"], f"<h1>{labels['directive_documents']}"
                                                 "</h1><table border=\"1\" cellpadding=\"3\"><tr><th>Số, ký hiệu</th>"
                                                 f"<th>Trích yếu</th><th>Ngày ban hành</th></tr>{listing}</table>"))
    site.section("directive_documents", labels["directive_documents"], "home", [paths["directive_documents"]],
                 directive)
    news_rows = "".join(f'<p><a href="{_e(it.url)}"><b>{_e(it.title)}</b></a> {dotted(it)}</p>' for it in news)
    site.add(paths["news"], page(labels["news"], f"<h1>{labels['news']}</h1>{news_rows}"))
    site.section("news", labels["news"], "menu", [paths["news"]], news)
    site.traps += [
        "directive section only as a home-page box (not in the four-entry menu); the box shows long-form dates "
        "('Ban hành ngày 5 tháng 3 năm 2024')",
        "documents carry a place-and-date line in long form ('Khê Lâm, ngày … tháng … năm …')",
        "dotted dates '(05.08.2024 15:52)'; 'Sáng 29-3' in bodies; stale Tết marquee",
        "menu entry 'Hỏi đáp' links /hoi-dap.html, which answers 404; 'Liên hệ' is linked from the footer only",
        "portal-level failure: footer without 'Cơ quan chủ quản', 'Chịu trách nhiệm' or licence; no robots.txt "
        "(404), no sitemap, no lang attribute, no viewport; no Party or legal-documents section",
    ]
    for i, it in enumerate(news):
        others = "".join(f'<li><a href="{_e(o.url)}">{_e(o.title)}</a> {s}</li>'
                         for o, s in _related(news, i, today, lambda d: f"({d:%d.%m.%Y})"))
        d = site.day(it.age)
        site.add(it.url, page(it.title, f"<h1>{_e(it.title)}</h1><p><i>Đăng lúc {it.hour:02d}:{it.minute:02d} ngày "
                                        f"{_dmy(d)}</i></p>{_body(it, site, 'xã Khê Lâm', 'Chủ tịch UBND xã')}"
                                        f"<h3>Các tin đã đưa</h3><ul>{others}</ul>"))
    for it in directive:
        d = site.day(it.age)
        site.add(it.url, page(it.title, '<table width="100%"><tr><td align="center">ỦY BAN NHÂN DÂN<br><b>XÃ KHÊ LÂM'
                                        f'</b><br>Số: {_e(it.number)}</td><td align="center"><b>CỘNG HÒA XÃ HỘI CHỦ '
                                        "NGHĨA VIỆT NAM</b><br>Độc lập - Tự do - Hạnh phúc<br><i>Khê Lâm, "
                                        f"{_long(d)}</i></td></tr></table><h1>{_e(it.title)}</h1>"
                                        f"{_body(it, site, 'Ủy ban nhân dân xã', 'Chủ tịch UBND xã')}"
                                        "<p>CHỦ TỊCH<br>Hà Văn Sơn</p>"))
    site.add("/gioi-thieu.html", page("Giới thiệu", "<h1>Giới thiệu</h1><p>Xã Khê Lâm có diện tích tự nhiên 42,6 km2, "
                                                    "gồm 9 thôn. Chủ tịch UBND xã: Ông Hà Văn Sơn. Phó Chủ tịch: Bà "
                                                    "Lương Thị Hạnh.</p>"))
    site.add("/lien-he.html", page("Liên hệ", "<h1>Liên hệ</h1><p>Ủy ban nhân dân xã Khê Lâm, thôn Khê Trung. Điện "
                                              "thoại: 0200 3765 118. Email: xakhelam@hoalam.gov.vn</p>"))
    return site.portal(landing="/", content=content, site={
        "lang": None, "viewport": False, "robots_txt": False, "sitemap_xml": None, "sitemap_page": None,
        "robots_disallowed_linked": None, "broken_menu_link": "/hoi-dap.html",
        "footer": {"owner": False, "responsible": False, "licence": False}})


# ============================================================================================== DNN
def _dnn(today: dt.date) -> DemoPortal:
    """DotNetNuke-like "Trang" of a Sở: sections only in the left pane, unpadded dates, a broken header clock."""
    name = "Sở Giáo dục và Đào tạo tỉnh Hòa Lâm"
    site = _Site("hoalam-sgddt", name, "dnn", today, server="Microsoft-IIS/8.5", extra_headers={
        "X-Powered-By": "ASP.NET", "X-AspNet-Version": "4.0.30319"})
    paths = {"news": "/tabid/57/Default.aspx", "directive_documents": "/tabid/63/Default.aspx",
             "legal_documents": "/tabid/64/Default.aspx", "party_union": "/tabid/65/Default.aspx"}
    labels = {"news": "Tin tức - Sự kiện", "directive_documents": "Chỉ đạo điều hành",
              "legal_documents": "Văn bản QPPL", "party_union": "Hoạt động Đảng, Đoàn thể"}
    content: dict[str, str | None] = {
        "introduction": "/tabid/54/Default.aspx", "organisation": "/tabid/55/Default.aspx",
        "leaders": "/tabid/56/Default.aspx", "contacts": "/tabid/72/Default.aspx",
        "procedures": "/tabid/70/Default.aspx", "qa": "/tabid/71/Default.aspx", "sitemap": "/tabid/99/Default.aspx"}
    # The real clock widgets print 24-hour values with AM/PM and unpadded minutes ("12:0 PM").
    clock = f"{_wd(today, lower=True)}, {_dmy_bare(today)}-12:0 PM"

    news_titles = ("Hội nghị triển khai nhiệm vụ năm học mới khối giáo dục thường xuyên",
                   "Học sinh Hòa Lâm đoạt 3 huy chương tại kỳ thi Olympic khu vực",
                   "Kiểm tra công tác tuyển sinh đầu cấp tại các trường trung học",
                   "Tập huấn chương trình giáo dục phổ thông cho giáo viên cốt cán",
                   "Trao học bổng cho học sinh dân tộc thiểu số vượt khó",
                   "Hội thi giáo viên dạy giỏi cấp tỉnh bậc tiểu học",
                   "Khánh thành điểm trường mầm non thôn Khê Hạ",
                   "Tổng kết năm học và khen thưởng học sinh giỏi",
                   "Triển khai học bạ số cho học sinh tiểu học",
                   "Kiểm tra an toàn trường học mùa mưa bão")
    news = _items("news", (3, 4, 7, 11, 16, 24, 33, 45, 61, 80), news_titles)
    tags = ("Chi bộ", "Công đoàn", "Đoàn Thanh niên")
    party = _items("party_union", (5, 13, 22, 37, 52, 70, 96, 130, 171), _pick(PARTY_TITLES, 2, 9))
    directive = _doc_items("directive_documents", today, (240, 262, 291, 330, 365, 399, 441, 500), DIRECTIVE_TITLES,
                           4, "SGDĐT")
    legal = _doc_items("legal_documents", today, (11, 39, 71, 126, 188, 256, 333, 420), LEGAL_TITLES, 2, "")
    legal[0].effective_age = -20
    mids = {"news": 420, "party_union": 431, "directive_documents": 440, "legal_documents": 441}
    for kind, items in (("news", news), ("party_union", party), ("directive_documents", directive),
                        ("legal_documents", legal)):
        tab = paths[kind].split("/")[2]
        for i, it in enumerate(items):
            it.url = (f"/tabid/{tab}/ctl/ArticleView/mid/{mids[kind]}/articleId/{5200 - it.age * 2 - i}/"
                      f"{_slug(it.title, 50)}.aspx")

    top = (("Trang chủ", "/", ()), ("Giới thiệu", content["introduction"] or "", (
        ("Cơ cấu tổ chức", content["organisation"] or ""), ("Lãnh đạo Sở", content["leaders"] or ""))),
        (labels["news"], paths["news"], ()), ("Thủ tục hành chính", content["procedures"] or "", ()),
        ("Hỏi đáp", content["qa"] or "", ()), ("Liên hệ", content["contacts"] or "", ()))
    nav = '<ul id="dnn_dnnNAV_ctldnnNAV" class="topNav">' + "".join(
        f'<li><a href="{_e(h)}">{_e(t)}</a>'
        + ("<ul>" + "".join(f'<li><a href="{_e(sh)}">{_e(st)}</a></li>' for st, sh in sub) + "</ul>" if sub else "")
        + "</li>" for t, h, sub in top) + "</ul>"
    notices = "".join(f'<li><a href="{_e(it.url)}">{_e(it.title)}</a> <span class="ShowDate">'
                      f"({_dmy_bare(site.day(it.age))})</span></li>" for it in news[:4])
    left = ('<div id="dnn_LeftPane" class="LeftPane"><div class="DnnModule DnnModule-DNN_HTML"><div class="box">'
            '<div class="box-title"><span id="dnn_ctr380_dnnTITLE_titleLabel" class="Head">Danh mục</span></div>'
            "<ul>" + "".join(f'<li><a href="{_e(paths[k])}">{_e(labels[k])}</a></li>'
                             for k in ("directive_documents", "legal_documents", "party_union")) + "</ul></div></div>"
            '<div class="DnnModule"><div class="box"><div class="box-title"><span class="Head">Thông báo</span></div>'
            f'<ul>{notices}</ul></div></div></div>')

    def page(title: str, main: str, tab: str) -> str:
        return (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            '<html xml:lang="vi-VN" lang="vi-VN" xmlns="http://www.w3.org/1999/xhtml"><head id="Head">'
            "<!--**********************************************************************************-->"
            "<!-- DNN Platform - http://www.dnnsoftware.com                                        -->"
            "<!--**********************************************************************************-->"
            '<meta content="text/html; charset=UTF-8" http-equiv="Content-Type">'
            f"<title>{_e(title)} - Sở Giáo dục và Đào tạo Hòa Lâm</title>"
            '<link href="/Portals/_default/Skins/SGDDT/skin.css?cdv=41" type="text/css" rel="stylesheet">'
            '<script src="/Resources/libraries/jQuery/01_09_01/jquery.js?cdv=41" type="text/javascript"></script>'
            '</head><body id="Body">'
            f'<form method="post" action="{_e(tab)}" id="Form" enctype="multipart/form-data">'
            '<div class="aspNetHidden"><input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="">'
            '<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="U2tpbjpTR0REVDtUYWI6NTc7TGFuZzp2aS1WTj'
            'tQb3J0YWw6MDtNb2R1bGVzOjM4MCw0MjAsNDMxLDQ0MCw0NDE7Q2FjaGU6MQ=="></div>'
            '<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" '
            'value="CA0B0334"></div>'
            '<div id="dnn_wrapper"><div class="header"><a href="/"><img src="/Portals/0/logo-sgddt.png" '
            'alt="Sở Giáo dục và Đào tạo tỉnh Hòa Lâm"></a><span class="site-title">TRANG THÔNG TIN ĐIỆN TỬ '
            "SỞ GIÁO DỤC "
            f'VÀ ĐÀO TẠO TỈNH HÒA LÂM</span><span id="dnn_dnnCURRENTDATE_lblDate" class="DateToken">{clock}</span>'
            '<a id="dnn_dnnLOGIN_loginLink" href="/Login.aspx?returnurl=%2f" rel="nofollow">Đăng nhập</a></div>'
            f'{nav}<table class="layout" width="100%"><tr><td valign="top" width="250">{left}</td>'
            f'<td valign="top"><div id="dnn_ContentPane" class="ContentPane">{main}</div></td></tr></table>'
            '<div class="footer"><p>TRANG THÔNG TIN ĐIỆN TỬ SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH HÒA LÂM</p>'
            "<p>Cơ quan chủ quản: Sở Giáo dục và Đào tạo tỉnh Hòa Lâm</p>"
            "<p>Trưởng Ban biên tập: Ông Nguyễn Hữu Phước - Phó Giám đốc Sở</p>"
            "<p>Giấy phép số 05/GP-STTTT do Sở Thông tin và Truyền thông tỉnh Hòa Lâm cấp ngày 12/07/2017</p>"
            "<p>Địa chỉ: Số 2 đường Hùng Vương, phường Hòa Lâm. Điện thoại: 0200 3852 233. Email: "
            f'sgddt@hoalam.gov.vn</p><p><a href="{content["sitemap"]}">Sơ đồ cổng</a> · Copyright 2017 by Sở GD&amp;ĐT'
            "</p></div></div></form></body></html>")

    def module(mid: int, title: str, inner: str) -> str:
        return (f'<div class="DnnModule DnnModule-{mid}"><a name="{mid}"></a><div class="box">'
                f'<div class="box-title"><h2 id="dnn_ctr{mid}_dnnTITLE_titleLabel" class="Head">{_e(title)}</h2></div>'
                f'<div id="dnn_ctr{mid}_ContentPane">{inner}</div></div></div>')

    # Lists with unpadded dates; Party items carry a category tag.
    def news_list(kind: str, items: list[_Item]) -> str:
        return "".join(
            '<div class="article-item">'
            f'{"<span class=tag>[" + tags[n % 3] + "]</span> " if kind == "party_union" else ""}'
            f'<a class="title" href="{_e(it.url)}">{_e(it.title)}</a><div class="date">Ngày cập nhật: '
            f"{_dmy_bare(site.day(it.age))}</div></div>" for n, it in enumerate(items))

    for kind, items in (("news", news), ("party_union", party)):
        site.add(paths[kind], page(labels[kind], module(mids[kind], labels[kind], news_list(kind, items)), paths[kind]))
        site.section(kind, labels[kind], "menu" if kind == "news" else "sidebar", [paths[kind]], items)

    def doc_table(items: list[_Item], legal_cols: bool) -> str:
        head = ("<tr><th>Số hiệu</th><th>Ngày ban hành</th>" + ("<th>Ngày hiệu lực</th>" if legal_cols else "")
                + "<th>Trích yếu</th></tr>")
        return (f'<table class="grid" border="1" cellpadding="3">{head}' + "".join(
            f"<tr><td>{_e(it.number)}</td><td>{_dmy_bare(site.day(it.age))}</td>"
            + (f"<td>{_dmy_bare(site.day(it.effective_age or 0))}</td>" if legal_cols else "")
            + f'<td><a href="{_e(it.url)}">{_e(it.title)}</a></td></tr>' for it in items) + "</table>")

    for kind, items in (("directive_documents", directive), ("legal_documents", legal)):
        site.add(paths[kind], page(labels[kind], module(mids[kind], labels[kind],
                                                        doc_table(items, kind == "legal_documents")), paths[kind]))
        site.section(kind, labels[kind], "sidebar", [paths[kind]], items)
    site.traps += [
        f'header clock in a broken format "{clock}" on every page, above a stale directive list',
        "directive, legal and Party sections only in the left pane ('Danh mục'); a 'Thông báo' box of fresh dates "
        "beside them",
        "unpadded D/M/YYYY dates ('5/4/2026'); Party items tagged [Công đoàn], [Đoàn Thanh niên]",
        "sitemap named in robots.txt at /SiteMap.aspx (not /sitemap.xml); /Default.aspx answers 301 to /",
        "newest legal document takes effect in the future; a 'Copyright 2017' footer year",
    ]
    for kind, items in (("news", news), ("party_union", party), ("directive_documents", directive),
                        ("legal_documents", legal)):
        for i, it in enumerate(items):
            d = site.day(it.age)
            others = "".join(f'<li><a href="{_e(o.url)}">{_e(o.title)}</a> <span class="ShowDate">({s})</span></li>'
                             for o, s in _related(items, i, today, _dmy_bare))
            doc = ""
            if kind in ("directive_documents", "legal_documents"):
                doc = (f"<p>Số hiệu: {_e(it.number)} - Ngày ban hành: {_dmy_bare(d)} - Ngày hiệu lực: "
                       f"{_dmy_bare(site.day(it.effective_age or 0))}</p>")
            main = module(mids[kind], labels[kind], (
                f'<h1 class="article-title">{_e(it.title)}</h1><div class="article-date">{_wd(d)}, {_dmy(d)} '
                f'{it.hour:02d}:{it.minute:02d}</div>{doc}<div class="article-body">'
                f"{_body(it, site, name, 'Giám đốc Sở Mai Xuân Trường')}</div>"
                f'<div class="other"><h3>Các tin đã đưa</h3><ul>{others}</ul></div>'))
            site.add(it.url, page(it.title, main, it.url))

    texts = {
        "introduction": ("Giới thiệu", "<p>Sở Giáo dục và Đào tạo tỉnh Hòa Lâm tham mưu, giúp Ủy ban nhân dân tỉnh "
                         "quản lý nhà nước về giáo dục mầm non, giáo dục phổ thông, giáo dục thường xuyên và giáo dục "
                         "nghề nghiệp trên địa bàn tỉnh.</p>"),
        "organisation": ("Cơ cấu tổ chức", "<ul><li>Văn phòng Sở</li><li>Thanh tra Sở</li><li>Phòng Giáo dục phổ "
                         "thông</li><li>Phòng Giáo dục mầm non</li><li>Phòng Khảo thí và Kiểm định chất lượng</li>"
                         "</ul>"),
        "leaders": ("Lãnh đạo Sở", "<ul><li>Giám đốc: Ông Mai Xuân Trường</li><li>Phó Giám đốc: Ông Nguyễn Hữu "
                    "Phước</li><li>Phó Giám đốc: Bà Tạ Thị Kim Oanh</li></ul>"),
        "contacts": ("Liên hệ", "<p>Số 2 đường Hùng Vương, phường Hòa Lâm. Điện thoại: 0200 3852 233. Email: "
                     "sgddt@hoalam.gov.vn</p>"),
        "procedures": ("Thủ tục hành chính", "<p>Thủ tục công nhận trường đạt chuẩn quốc gia, cấp bản sao văn bằng, "
                       f'chuyển trường.</p><p><a href="{DVC_URL}">Cổng Dịch vụ công quốc gia</a></p>'),
        "qa": ("Hỏi đáp", "<p><b>Hỏi:</b> Thủ tục xin cấp bản sao bằng tốt nghiệp?</p><p><b>Đáp:</b> Nộp đơn tại "
               "Bộ phận một cửa của Sở hoặc trực tuyến.</p>"),
    }
    for k, (title, text) in texts.items():
        path = content[k] or ""
        site.add(path, page(title, module(380, title, text), path))
    tree = [("Trang chủ", "/"), *((t, h) for t, h, _ in top[1:]), ("Cơ cấu tổ chức", content["organisation"] or ""),
            ("Lãnh đạo Sở", content["leaders"] or ""),
            *((labels[k], paths[k]) for k in ("directive_documents", "legal_documents", "party_union"))]
    sitemap_page = content["sitemap"] or ""
    site.add(sitemap_page, page("Sơ đồ cổng", module(380, "Sơ đồ cổng", "<ul>" + "".join(
        f'<li><a href="{_e(h)}">{_e(t)}</a></li>' for t, h in tree) + "</ul>"), sitemap_page))
    home = (module(420, "Tin tức - Sự kiện", news_list("news", news[:5]))
            + module(421, "Liên kết", f'<a href="{DVC_URL}"><img src="/Portals/0/dichvucong.png" '
                                      'alt="Dịch vụ công trực tuyến"></a>'))
    site.add("/", page(name, home, "/"))
    site.redirect("/Default.aspx", "/", status=301)
    site.add("/Login.aspx", page("Đăng nhập", module(380, "Đăng nhập", "<input name=\"username\">"), "/Login.aspx"))
    site.add("/robots.txt", _robots(["/admin/", "/Login.aspx", "/DesktopModules/", "/Providers/"], "/SiteMap.aspx"),
             TEXT)
    site.add("/SiteMap.aspx", _urlset(["/", *(h for _, h in tree[1:])]), "text/xml; charset=utf-8")
    return site.portal(landing="/", content=content, site={
        "lang": "vi-VN", "viewport": False, "robots_txt": True, "sitemap_xml": "/SiteMap.aspx",
        "sitemap_page": sitemap_page, "robots_disallowed_linked": "/Login.aspx?returnurl=%2f",
        "footer": {"owner": True, "responsible": True, "licence": True}})


# ============================================================================================== entry point
def build_portals(today: dt.date) -> dict[str, DemoPortal]:
    """The demo portals for a given Vietnam-local day, keyed by id (deterministic: same day, same bytes)."""
    portals = [build(today) for build in (_liferay, _sharepoint, _nukeviet, _html5, _commune, _dnn)]
    return {p.id: p for p in portals}
