"""Shared parts of the demo portals: the portal record, dates, texts, items and the site builder.

The portals themselves live in one module each (``liferay``, ``sharepoint``, ``nukeviet``, ``html5``,
``commune``, ``dnn``); ``nd42.demo.portals`` assembles them.  Standard library only: the demo runs
wherever nd42 is installed.  :class:`Net` says how a portal answers on the network (its HTTPS
certificate, redirect, HSTS, DNS records, IPv6 listener, compression, caching): the server reads it.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import email.utils
import hashlib
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from html import escape
from typing import Any

from nd42.demo import expect as _expect

ORIGIN = "@@ORIGIN@@"  # replaced by the served origin (http://HOST:PORT, from the Host header) when served
KINDS = ("directive_documents", "party_union", "news", "legal_documents")
# The listing kinds of Law 104/2016 Art. 19 (issue 3); their truth sits in truth["listings"] so that the
# freshness yardstick over KINDS keeps its meaning.
NEW_LISTING_KINDS = ("legal_dissemination", "plans", "investment", "budget", "statistics", "science",
                     "consultation")
CONTENT_KINDS = ("introduction", "organisation", "leaders", "contacts", "procedures", "qa", "sitemap",
                 "access_to_information")
FRESH_DAYS = {"directive_documents": 30, "party_union": 30, "news": 7, "legal_documents": 30,
              "legal_dissemination": 90}
# Generation-side gap: newest ages are ≤ 20 days (news ≤ 3) or ≥ 120 days, never in between, so any
# staleness threshold from 21 (news 4) to 119 days gives the same verdicts.
FRESH_MAX = {"directive_documents": 20, "party_union": 20, "news": 3, "legal_documents": 20,
             "legal_dissemination": 20}
STALE_MIN = 120
HTML = "text/html; charset=utf-8"
DVC_URL = "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html"
DVC_HOALAM = "https://dichvucong.hoalam.gov.vn/"  # the province's own public-service portal (not served)
CHINHPHU = "https://chinhphu.vn/"
PARENT = "https://hoalam.gov.vn/"  # the province portal: every demo agency's parent (not served)
VN_TZ = dt.timezone(dt.timedelta(hours=7))  # Vietnam has kept UTC+7 without DST since 1975

# A tiny but well-formed one-page PDF: attachments exist so that a crawler that follows them gets 200.
_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
        b"endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n")

# Placeholders of a search endpoint's page shell, filled per request by the server.
QUERY = "@@QUERY@@"
RESULTS = "@@RESULTS@@"


@dataclasses.dataclass(frozen=True)
class SearchEndpoint:
    """A site search the server answers dynamically (GET ``path`` with ``param``).

    ``path`` may carry fixed query pairs (``/index.php?language=vi&nv=seek``) that a request must hold.
    Results are the ``items`` (title, url) whose folded title contains the folded query; a ``broken``
    search never finds anything, as a CMS with a lost search index does.
    """

    path: str
    param: str
    items: tuple[tuple[str, str], ...]
    shell: str  # the whole results page, with QUERY and RESULTS placeholders
    row: str = '<li><a href="@@URL@@">@@TITLE@@</a></li>'
    wrap: tuple[str, str] = ('<ul class="search-results">', "</ul>")
    empty: str = "<p>Không tìm thấy kết quả nào phù hợp với từ khóa đã nhập.</p>"
    broken: bool = False


CERTIFICATES = ("valid", "expired", "expiring", "wrong_host", "self_signed")  # nd42.demo.tls.KINDS


@dataclasses.dataclass(frozen=True)
class Net:
    """How a portal answers on the network: what the TLS, redirect, DNS and IPv6 probes meet.

    ``certificate`` is the kind of certificate its HTTPS endpoint presents (``nd42.demo.tls``),
    ``None`` when nothing listens there (the connection is refused).  ``http`` is what plain HTTP
    does: serve the portal (``site``) or answer every path with a 301 to HTTPS (``redirect``); the
    crawler starts where the portal is served (https when plain HTTP only redirects).  With
    ``aaaa``, the DNS zone publishes ``::1`` and the IPv6 listener on the same ports serves the
    portal (``site``), a web server's default page (``default``), or refuses (``refused``).
    """

    certificate: str | None = None
    legacy_tls: bool = False  # the HTTPS endpoint also accepts TLS 1.0 and 1.1
    http: str = "site"
    hsts: str | None = None  # Strict-Transport-Security on HTTPS answers
    aaaa: bool = False
    ipv6: str | None = None
    dnssec: bool = False  # answers carry an RRSIG and the AD flag
    gzip: bool = False  # HTML and XML gzip-compressed for clients that accept it
    validators: bool = False  # ETag and Last-Modified on every answer
    cache_control: str | None = None

    def __post_init__(self) -> None:
        if self.certificate is not None and self.certificate not in CERTIFICATES:
            raise ValueError(f"unknown certificate kind {self.certificate!r}")
        if self.http not in ("site", "redirect"):
            raise ValueError(f"http must be 'site' or 'redirect', not {self.http!r}")
        if self.certificate is None and (self.http == "redirect" or self.hsts or self.legacy_tls):
            raise ValueError("redirect, HSTS and legacy TLS need an HTTPS endpoint")
        if self.aaaa != (self.ipv6 is not None) or self.ipv6 not in (None, "site", "default", "refused"):
            raise ValueError("AAAA and the IPv6 listener go together (site, default or refused)")

    @property
    def crawl(self) -> str:
        """The scheme of the portal's URL: where its pages are served."""
        return "https" if self.http == "redirect" else "http"


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
    hostname: str = ""  # the public name a crawler reaches it by (with --resolve HOST:127.0.0.1)
    level: str | None = None  # nd42.records.LEVELS
    parent: str | None = None  # the parent portal's URL
    searches: tuple[SearchEndpoint, ...] = ()
    net: Net = Net()
    # path → the status a file is served with when it is not 200 (a night-2 page that answers 500); its body
    # is the error page.  Empty on night 1.
    statuses: dict[str, int] = dataclasses.field(default_factory=dict)


def search_fold(text: str) -> str:
    """Diacritic-insensitive matching key of a search: lower case, đ→d, punctuation as spaces."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


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
    posted_age: int | None = None  # documents: days before today they were posted (None: not shown)
    deadline_age: int | None = None  # consultations: days before today comments close (negative: future)


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
        self.listings: dict[str, dict[str, Any]] = {}
        self.traps: list[str] = []
        self.statuses: dict[str, int] = {}
        self.changes: dict[str, Any] | None = None

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

    def error(self, path: str, status: int, body: str) -> None:
        """``path`` answers ``status`` (4xx/5xx) with ``body``: a page the CMS fails to render.

        A page generated before is replaced: the link to it stays wherever the site had it.
        """
        if not 400 <= status < 600:
            raise ValueError(f"{self.pid}: {path}: an error page answers 4xx or 5xx, not {status}")
        self.files.pop(path, None)
        self.add(path, body)
        self.statuses[path] = status

    def night_changes(self, *, summary_vi: str, summary_en: str,
                      new_failures: Mapping[str, Sequence[str]] | None = None,
                      fixed: Mapping[str, Sequence[str]] | None = None, changed: Sequence[str] = (),
                      added: Sequence[str] = (), removed: Sequence[str] = (), network: Mapping[str, Any] | None = None
                      ) -> None:
        """What this night's build changed against night 1 of the same day, as the portal's module states it.

        ``new_failures`` and ``fixed`` map rule ids to the profiles where the rule turns fail (from any other
        status) or stops failing; ``changed``, ``added`` and ``removed`` are the paths whose answer differs;
        ``network`` the :class:`Net` fields with their new values.  :func:`nd42.demo.nights.compare` checks every
        word of it against the two builds, so the statement cannot drift from the content.
        """
        self.changes = {
            "summary_vi": summary_vi, "summary_en": summary_en,
            "new_failures": {r: list(p) for r, p in (new_failures or {}).items()},
            "fixed": {r: list(p) for r, p in (fixed or {}).items()},
            "pages": {"changed": sorted(changed), "added": sorted(added), "removed": sorted(removed)},
            "network": dict(network or {}),
        }

    def section(self, kind: str, label: str, via: str, pages: list[str], items: list[_Item], *,
                date_order: str = "DMY", dates_on_listing: bool = True) -> None:
        newest = max(items, key=lambda it: (-it.age, it.hour, it.minute))
        if kind in FRESH_MAX:
            if sum(1 for it in items if it.age == newest.age) != 1:
                raise ValueError(f"{self.pid}/{kind}: the newest day must hold one item")
            if FRESH_MAX[kind] < newest.age < STALE_MIN:
                raise ValueError(f"{self.pid}/{kind}: newest age {newest.age} falls in the fresh/stale gap")
        record = {
            "present": True, "label": label, "url": pages[0], "pages": pages, "reachable_via": via,
            "newest_date": self.day(newest.age).isoformat(), "newest_url": newest.url, "age_days": newest.age,
            "date_order": date_order, "dates_on_listing": dates_on_listing,
            "items": [{"url": it.url, "title": it.title, "date": self.day(it.age).isoformat(), "pinned": it.pinned}
                      for it in items],
        }
        (self.sections if kind in KINDS else self.listings)[kind] = record

    def listing(self, kind: str, label: str, via: str, path: str, items: list[_Item], *,
                url: Callable[[str, int, _Item], str], listing: Callable[[str, list[_Item]], str],
                article: Callable[[str, _Item], str], date_order: str = "DMY") -> None:
        """One of the Art. 19 listings: URLs, the listing page, one page per item, and the truth.

        The callables get the kind first, so that one function serves every listing of a portal.
        """
        for i, it in enumerate(items):
            it.url = url(kind, i, it)
        self.add(path, listing(kind, items))
        for it in items:
            self.add(it.url, article(kind, it))
        self.section(kind, label, via, [path], items, date_order=date_order)

    def portal(self, *, landing: str, content: dict[str, str | None], site: dict[str, Any], hostname: str,
               level: str, discovery: dict[str, str], probes: dict[str, Any], outcomes: Mapping[str, str],
               notes: Mapping[str, str], presence: Mapping[str, str] | None = None,
               searches: Sequence[SearchEndpoint] = (), net: Net = Net(),
               tech: Mapping[str, Any] | None = None) -> DemoPortal:
        """The portal and its truth; ``outcomes`` are the non-derived expectations (see ``expect``).

        ``presence`` overrides the presence state derived from the content (``broken``: a link that 404s;
        ``error``: a link that answers 5xx).
        ``net`` says how it is served (TLS, redirect, DNS, IPv6, compression, caching); ``tech`` records
        where its technical traps are, for the tests that check the served content behind the verdicts.
        """
        sections = {k: self.sections.get(k, {"present": False}) for k in KINDS}
        listings = {k: self.listings.get(k, {"present": False}) for k in NEW_LISTING_KINDS}
        verdicts = {f"{k}_fresh": (s["age_days"] <= FRESH_DAYS[k]) if s["present"] else None
                    for k, s in {**sections, "legal_dissemination": listings["legal_dissemination"]}.items()}
        contents = {k: content.get(k) for k in CONTENT_KINDS}
        states = {k: "present" if s["present"] else "absent" for k, s in {**sections, **listings}.items()}
        states |= {k: "present" if v else "absent" for k, v in contents.items()}
        states |= dict(presence or {})
        truth: dict[str, Any] = {
            "id": self.pid, "name": self.name, "cms": self.cms, "home": "/", "landing": landing,
            "today": self.today.isoformat(), "hostname": hostname, "level": level, "parent": PARENT,
            "sections": sections, "listings": listings, "content": contents, "verdicts": verdicts, "site": site,
            "traps": self.traps, "discovery": discovery, "probes": probes,
            "network": {**dataclasses.asdict(net), "crawl": net.crawl,
                        "dns": {"a": ["127.0.0.1"], "aaaa": ["::1"] if net.aaaa else [], "signed": net.dnssec}},
            "tech": dict(tech or {}),
        }
        truth["expect"] = _expect.build(truth, outcomes, states, self.today)
        truth["expect_notes"] = dict(notes)
        if self.changes is not None:
            truth["changes"] = self.changes
        return DemoPortal(self.pid, self.name, self.cms, self.files, self.ctypes, self.redirects, truth,
                          dict(self.extra_headers), self.server, dict(self.redirect_status), hostname, level,
                          PARENT, tuple(searches), net, dict(self.statuses))


DOC_TYPES = {"QĐ": "Quyết định", "NQ": "Nghị quyết", "CT": "Chỉ thị", "CV": "Công văn", "KH": "Kế hoạch",
             "TB": "Thông báo"}


def _doc_type(it: _Item) -> str:
    """The document type named by the code in its số ký hiệu ("12/2026/QĐ-UBND" → "Quyết định")."""
    code = it.number.rsplit("/", 1)[-1].split("-", 1)[0]
    return DOC_TYPES.get(code, "Văn bản")


def _post_promptly(items: Sequence[_Item]) -> None:
    """Posting dates 0–1 calendar day after issue: at most one working day, whatever the weekday or holiday."""
    for i, it in enumerate(items):
        it.posted_age = it.age - (i % 2 if i and it.age >= 1 else 0)


def _post_late(it: _Item, days: int) -> None:
    """A posting ``days`` calendar days after issue; ≥ 28 days is > 5 working days even across Tết."""
    if days < 28:
        raise ValueError("a late posting must be at least 28 calendar days after issue")
    it.posted_age = it.age - days


def _plain_body(item: _Item, place: str) -> str:
    """A short body for the Art. 19 items (plans, budgets, statistics…): no other dates in it."""
    return (f"<p>{_e(place)} đăng tải nội dung: {_e(item.title)}.</p><p>Toàn văn tài liệu được đính kèm dưới "
            "đây. Tổ chức, cá nhân có nhu cầu tìm hiểu thêm liên hệ Văn phòng để được hướng dẫn.</p>")


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



# ---------------------------------------------------------------------------------------------- legacy text
def windows_1258(text: str) -> bytes:
    """``text`` in the Vietnamese Windows code page, as Windows applications of the 2000s wrote it.

    The code page holds few precomposed letters: a letter it lacks (``ệ``) is written as the closest
    letter it has (``ê``) followed by combining tone marks, so the decoded text is not NFC.
    """
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        rest = []
        for mark in marks:
            joined = unicodedata.normalize("NFC", base + mark)
            try:
                joined.encode("cp1258")
            except UnicodeEncodeError:
                rest.append(mark)
                continue
            base = joined
        out += (base + "".join(rest)).encode("cp1258")
    return bytes(out)


# TCVN3 (ABC), the 8-bit Vietnamese font encoding of the .Vn* fonts: each byte is shown as its
# windows-1252 character once the font is missing or the text is copied into a Unicode page.
_TCVN3 = dict(zip(
    "àáảãạ" "ăằắẳẵặ" "âầấẩẫậ" "đ" "èéẻẽẹ" "êềếểễệ" "ìíỉĩị" "òóỏõọ" "ôồốổỗộ" "ơờớởỡợ" "ùúủũụ" "ưừứửữự" "ỳýỷỹỵ" "Đ",
    "µ¸¶·¹" "¨»¾¼½Æ" "©ÇÊÈÉË" "®" "ÌÐÎÏÑ" "ªÒÕÓÔÖ" "×ÝØÜÞ" "ßãáâä" "«åèæçé" "¬êíëìî" "ïóñòô" "\xadõøö÷ù" "úýûüþ" "§",
    strict=True))


def tcvn3(text: str) -> str:
    """Vietnamese text as a page set in ``.VnTime`` shows it once read as Unicode ("Th«ng b¸o")."""
    shown = []
    for char in unicodedata.normalize("NFC", text):
        if char in _TCVN3:
            shown.append(_TCVN3[char])
        elif char.isascii():
            shown.append(char)
        else:  # capitals with marks need the .VnTimeH font: the demo texts avoid them
            raise ValueError(f"no TCVN3 form for {char!r} in .VnTime")
    return "".join(shown)


# ---------------------------------------------------------------------------------------------- feeds
RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"


def _rss(title: str, link: str, items: Sequence[tuple[str, str, dt.datetime | None]], *, escape_text: bool = True
         ) -> str:
    """An RSS 2.0 channel; items are (title, path, publication time or None: no pubDate).

    ``escape_text=False`` writes titles raw, as hand-made feed templates do ("GD&ĐT" breaks the XML).
    """
    def text(value: str) -> str:
        return _e(value) if escape_text else value

    rows = "".join(
        f"<item><title>{text(t)}</title><link>{ORIGIN}{_e(path)}</link><guid>{ORIGIN}{_e(path)}</guid>"
        + (f"<pubDate>{email.utils.format_datetime(when)}</pubDate>" if when else "") + "</item>"
        for t, path, when in items)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>{text(title)}</title><link>{ORIGIN}{_e(link)}</link><language>vi</language>{rows}"
            "</channel></rss>\n")


def _atom(title: str, path: str, items: Sequence[tuple[str, str, dt.datetime]]) -> str:
    rows = "".join(f'<entry><title>{_e(t)}</title><link href="{ORIGIN}{_e(p)}"/><id>{ORIGIN}{_e(p)}</id>'
                   f"<updated>{when.isoformat()}</updated></entry>" for t, p, when in items)
    newest = max(when for _, _, when in items).isoformat()
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f'<title>{_e(title)}</title><link href="{ORIGIN}/"/><link rel="self" href="{ORIGIN}{_e(path)}"/>'
            f"<id>{ORIGIN}{_e(path)}</id><updated>{newest}</updated>{rows}</feed>\n")


def _published(site: _Site, it: _Item) -> dt.datetime:
    return dt.datetime.combine(site.day(it.age), dt.time(it.hour, it.minute), VN_TZ)


def _blob(seed: str, size: int) -> str:
    """``size`` characters of base64 that look random but are the same for the same seed (view states)."""
    chunks: list[str] = []
    block, length = seed.encode(), 0
    while length < size:
        block = hashlib.sha256(block).digest()
        chunks.append(base64.b64encode(block * 3).decode())
        length += len(chunks[-1])
    return "".join(chunks)[:size]
