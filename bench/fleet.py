"""A synthetic fleet of department portals for the benchmarks (issue 7): N portals of about 40 pages.

Each portal looks like a Vietnamese provincial department's portal: a mega-menu of ~120 links, a
sidebar of linked sites, a footer with the agency's address, an ASP.NET-style ``__VIEWSTATE`` and
inline scripts (what makes real pages heavy), section listings of dated items (``dd/mm/yyyy``) and
articles with a posting date, related items and several paragraphs of Vietnamese text.  HTML pages
are 60-200 KB (uniform per page, deterministic), like the real pages measured (avg 138 KB).

Pages are a pure function of ``(seed, portal, path, version)``, so the fleet server generates them on
demand instead of keeping gigabytes on disk; ``python -m bench.fleet --out DIR`` writes what a run
needs (the registry, ``fleet.json``) and, with ``--html``, every page of the fleet as files to look at.

A page's version is the last night ``k <= night`` at which it changed (night 1: version 0); with
``change_share`` s a listing or article changes at a night with probability s (by hash, reproducible).
"""

from __future__ import annotations

import argparse
import base64
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import random
from email.utils import format_datetime
from pathlib import Path

DOMAIN = "bench-hoalam.gov.vn"
TODAY = dt.date(2026, 11, 24)
SECTIONS = (  # (path, label, items listed)
    ("/tin-tuc-su-kien", "Tin tức - Sự kiện", 20),
    ("/van-ban-chi-dao-dieu-hanh", "Văn bản chỉ đạo điều hành", 15),
    ("/dang-doan-the", "Đảng - Đoàn thể", 12),
    ("/van-ban-quy-pham-phap-luat", "Văn bản quy phạm pháp luật", 12),
    ("/thong-bao", "Thông báo", 10),
    ("/ke-hoach-chuong-trinh", "Kế hoạch - Chương trình công tác", 8),
    ("/pho-bien-giao-duc-phap-luat", "Phổ biến giáo dục pháp luật", 10),
    ("/du-an-dau-tu", "Dự án đầu tư - Đấu thầu", 10),
    ("/cong-khai-ngan-sach", "Công khai ngân sách", 8),
    ("/so-lieu-thong-ke", "Số liệu thống kê", 8),
    ("/nghien-cuu-khoa-hoc", "Nghiên cứu khoa học", 8),
    ("/lay-y-kien-du-thao", "Lấy ý kiến dự thảo văn bản", 8),
    ("/tiep-can-thong-tin", "Tiếp cận thông tin", 6),
)
CONTENT = (
    ("/gioi-thieu", "Giới thiệu chung"),
    ("/co-cau-to-chuc", "Cơ cấu tổ chức"),
    ("/lanh-dao", "Lãnh đạo Sở"),
    ("/lien-he", "Liên hệ"),
    ("/thu-tuc-hanh-chinh", "Thủ tục hành chính"),
    ("/hoi-dap", "Hỏi đáp trực tuyến"),
    ("/so-do-cong", "Sơ đồ cổng thông tin"),
)
SUBMENU = 9  # sub-menu entries of each top menu: category listings (/chuyen-muc/N-M)
UNDATED = (2, 5)  # sections whose listings show no dates
ARTICLES_PER_SECTION = 4  # 6 x 4 articles, 6 listings, 7 content pages, 108 categories, home, robots.txt, sitemap
DEPARTMENTS = ("Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Xây dựng", "Sở Y tế", "Sở Công Thương",
               "Sở Giáo dục và Đào tạo", "Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ",
               "Sở Văn hóa, Thể thao và Du lịch", "Sở Tài nguyên", "Sở Giao thông vận tải")
_TEXT = (
    "triển khai thực hiện kế hoạch cải cách hành chính năm 2026 trên địa bàn tỉnh nhằm nâng cao chất "
    "lượng phục vụ người dân và doanh nghiệp đẩy mạnh chuyển đổi số trong cơ quan nhà nước tăng cường kỷ "
    "luật kỷ cương hành chính rà soát đơn giản hóa thủ tục công khai minh bạch thông tin theo quy định "
    "của Nghị định số 42/2022/NĐ-CP về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà "
    "nước trên môi trường mạng ủy ban nhân dân tỉnh chỉ đạo các sở ban ngành huyện thành phố phối hợp tổ "
    "chức hội nghị sơ kết đánh giá kết quả công tác quý ba và phương hướng nhiệm vụ thời gian tới"
)
WORDS = tuple(_TEXT.split())
MENU = ("Trang chủ", "Giới thiệu", "Tin tức", "Văn bản", "Thủ tục hành chính", "Dịch vụ công", "Chuyên mục",
        "Thông tin tuyên truyền", "Hỏi đáp", "Liên hệ", "Thống kê", "Đa phương tiện")


def host(index: int) -> str:
    return f"so{index:04d}.{DOMAIN}"


def _rng(*parts: object) -> random.Random:
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _unit(*parts: object) -> float:
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _dmy(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


@dataclasses.dataclass(frozen=True)
class Page:
    body: bytes
    content_type: str
    etag: str
    last_modified: str


@dataclasses.dataclass(frozen=True)
class Fleet:
    portals: int = 200
    seed: int = 42
    change_share: float = 0.0
    min_kb: int = 60
    max_kb: int = 200

    # ------------------------------------------------------------------ structure
    def hosts(self) -> list[str]:
        return [host(i) for i in range(self.portals)]

    def index_of(self, name: str) -> int | None:
        label = name.split(".", 1)[0]
        if not (name.endswith("." + DOMAIN) and label.startswith("so") and label[2:].isdigit()):
            return None
        index = int(label[2:])
        return index if index < self.portals else None

    def paths(self) -> list[str]:
        out = ["/", "/robots.txt", "/sitemap.xml"]
        for path, _label, _n in SECTIONS:
            out.append(path)
            out += [f"{path}/bai-{k}" for k in range(ARTICLES_PER_SECTION)]
        out += [p for p, _ in CONTENT]
        out += [f"/chuyen-muc/{n}-{m}" for n in range(len(MENU)) for m in range(SUBMENU)]
        return out

    def version(self, index: int, path: str, night: int) -> int:
        if path in ("/", "/robots.txt", "/sitemap.xml") or not self.change_share:
            return 0
        for k in range(night, 1, -1):
            if _unit(self.seed, index, path, k) < self.change_share:
                return k - 1
        return 0

    def page(self, index: int, path: str, night: int = 1) -> Page | None:
        if path not in self._path_set:
            return None
        version = self.version(index, path, night)
        if path == "/robots.txt":
            body = f"User-agent: *\nAllow: /\nSitemap: http://{host(index)}/sitemap.xml\n".encode()
            kind = "text/plain; charset=utf-8"
        elif path == "/sitemap.xml":
            urls = "".join(f"<url><loc>http://{host(index)}{p}</loc></url>" for p in self.paths() if p.count("/") <= 1
                           and not p.endswith((".txt", ".xml")))
            body = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                    f'sitemap/0.9">{urls}</urlset>').encode()
            kind = "application/xml; charset=utf-8"
        else:
            body = self._html(index, path, version).encode("utf-8")
            kind = "text/html; charset=utf-8"
        key = f"{self.seed}|{index}|{path}|{version}".encode()
        etag = '"' + hashlib.sha1(key, usedforsecurity=False).hexdigest()[:20] + '"'
        modified = dt.datetime.combine(TODAY - dt.timedelta(days=30 - version), dt.time(8), tzinfo=dt.UTC)
        return Page(body, kind, etag, format_datetime(modified, usegmt=True))

    @functools.cached_property
    def _path_set(self) -> frozenset[str]:
        return frozenset(self.paths())

    # ------------------------------------------------------------------ HTML
    def _name(self, index: int) -> str:
        return f"{DEPARTMENTS[index % len(DEPARTMENTS)]} tỉnh Hòa Lâm (đơn vị {index})"

    def _item_date(self, index: int, section: int, k: int, version: int) -> dt.date:
        return TODAY - dt.timedelta(days=(index + 3 * section + 2 * k) % 25 + k - min(version, k))

    def _title(self, rng: random.Random, label: str, k: int) -> str:
        return f"{label}: {_sentence(rng, rng.randint(8, 16))[:-1]} (số {k + 1})"

    def _html(self, index: int, path: str, version: int) -> str:
        rng = _rng(self.seed, index, path, version)
        target = int(rng.uniform(self.min_kb, self.max_kb) * 1024)
        name = self._name(index)
        parts: list[str] = []
        if path == "/":
            title, main = name, self._home(index, rng, version)
        elif any(path == s[0] for s in SECTIONS):
            s = next(i for i, sec in enumerate(SECTIONS) if sec[0] == path)
            title, main = SECTIONS[s][1], self._listing(index, s, rng, version)
        elif path.startswith("/chuyen-muc/"):
            n, m = (int(x) for x in path.rsplit("/", 1)[1].split("-"))
            title, main = self._category(index, n, m, rng, version)
        elif path.rsplit("/", 1)[0] in {s[0] for s in SECTIONS}:
            base = path.rsplit("/", 1)[0]
            s = next(i for i, sec in enumerate(SECTIONS) if sec[0] == base)
            k = int(path.rsplit("-", 1)[1])
            title, main = self._article(index, s, k, rng, version)
        else:
            label = dict(CONTENT)[path]
            title, main = label, self._content(index, label, rng)
        parts.append(self._head(title, rng))
        parts.append(self._header(index, name, rng))
        parts.append('<div class="container"><div class="row"><div class="col-md-9" id="content">')
        parts.append(main)
        parts.append('</div><div class="col-md-3" id="sidebar">')
        parts.append(self._sidebar(index, rng, version))
        parts.append("</div></div></div>")
        parts.append(self._footer(name))
        html = "".join(parts)
        pad = target - len(html.encode("utf-8")) - 200
        tail = self._viewstate(rng, pad) if pad > 0 else ""
        return html + tail + "</body></html>"

    def _head(self, title: str, rng: random.Random) -> str:
        css = "".join(f'<link rel="stylesheet" href="/Portals/_default/skins/hoalam/css/m{n}.css?v=2026">'
                      for n in range(12))
        style = "".join(f".menu-{n} a{{color:#{rng.randrange(0xFFFFFF):06x};padding:{n % 9}px 12px}}"
                        for n in range(120))
        return ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"<title>{title}</title>{css}<style>{style}</style>"
                '<script src="/Resources/libraries/jQuery/03_07_01/jquery.js"></script>'
                '<script src="/Resources/libraries/bootstrap/5.3.3/bootstrap.min.js"></script>'
                "</head><body>")

    def _header(self, index: int, name: str, rng: random.Random) -> str:
        items = []
        links = [*(s[:2] for s in SECTIONS), *CONTENT]
        for n, top in enumerate(MENU):
            sub = "".join(
                f'<li><a href="/chuyen-muc/{n}-{m}">{top} - {_sentence(rng, 3)[:-1]}</a></li>' for m in range(SUBMENU))
            href, label = links[n % len(links)]
            items.append(f'<li class="menu-{n} dropdown"><a href="{href}">{label if n else "Trang chủ"}</a>'
                         f'<ul class="dropdown-menu">{sub}</ul></li>')
        return (f'<div id="header"><div class="banner"><img src="/images/logo.png" alt="Logo {name}">'
                f'<h1>{name}</h1><p class="slogan">Cổng thông tin điện tử</p></div>'
                f'<nav class="menu navbar"><ul class="nav">{"".join(items)}</ul></nav>'
                '<form action="/tim-kiem" method="get" class="search"><label for="q">Tìm kiếm</label>'
                '<input id="q" name="q" type="text"><button type="submit">Tìm</button></form></div>')

    def _item(self, index: int, s: int, k: int, rng: random.Random, version: int, *, summary: bool) -> str:
        path, label, _n = SECTIONS[s]
        d = self._item_date(index, s, k, version)
        href = f"{path}/bai-{k % ARTICLES_PER_SECTION}"
        text = f'<p class="summary">{_sentence(rng, 40)}</p>' if summary else ""
        # Some sections list no dates (as many portals do): a crawler has to open their item pages.
        date = "" if s in UNDATED else f'<span class="date">{_dmy(d)}</span>'
        return f'<li class="news-item"><a href="{href}">{self._title(rng, label, k)}</a>{date}{text}</li>'

    def _home(self, index: int, rng: random.Random, version: int) -> str:
        blocks = []
        for s, (path, label, _n) in enumerate(SECTIONS):
            items = "".join(self._item(index, s, k, rng, version, summary=False) for k in range(6))
            blocks.append(f'<div class="block"><h2><a href="{path}">{label}</a></h2><ul>{items}</ul>'
                          f'<a class="more" href="{path}">Xem tiếp</a></div>')
        return '<div class="home">' + "".join(blocks) + "</div>"

    def _listing(self, index: int, s: int, rng: random.Random, version: int) -> str:
        _path, label, n = SECTIONS[s]
        # Older items lead to the served articles again (a portal of ~40 pages: no 404s for the crawler).
        items = "".join(self._item(index, s, k, rng, version, summary=True) for k in range(n))
        return (f'<h1 class="title">{label}</h1><ul class="list-news">{items}</ul>'
                f'<div class="pager"><span>Trang 1</span></div>')

    def _category(self, index: int, n: int, m: int, rng: random.Random, version: int) -> tuple[str, str]:
        s = (n + m) % len(SECTIONS)
        label = f"{MENU[n]} - chuyên mục {m + 1}"
        items = "".join(self._item(index, s, k, rng, version, summary=True) for k in range(8))
        return label, f'<h1 class="title">{label}</h1><ul class="list-news">{items}</ul>'

    def _article(self, index: int, s: int, k: int, rng: random.Random, version: int) -> tuple[str, str]:
        _path, label, _n = SECTIONS[s]
        d = self._item_date(index, s, k, version)
        title = self._title(rng, label, k)
        paras = "".join(f"<p>{_sentence(rng, rng.randint(40, 90))}</p>" for _ in range(rng.randint(6, 20)))
        related = "".join(self._item(index, s, j, rng, version, summary=False)
                          for j in range(ARTICLES_PER_SECTION) if j != k)
        return title, (f'<div class="article"><h1 class="title">{title}</h1>'
                       f'<p class="date">Ngày đăng: {_dmy(d)} 08:{k:02d}</p><div class="body">{paras}</div>'
                       f'<p class="author">Phòng Văn phòng Sở</p><div class="related"><h3>Tin liên quan</h3>'
                       f"<ul>{related}</ul></div></div>")

    def _content(self, index: int, label: str, rng: random.Random) -> str:
        paras = "".join(f"<p>{_sentence(rng, rng.randint(30, 60))}</p>" for _ in range(6))
        return (f'<h1 class="title">{label}</h1>{paras}<p>Địa chỉ: Số {index + 1} đường Lê Lợi, thành phố Hòa Lâm. '
                f"Điện thoại: 0262.38{index % 10000:04d}. Email: vanphong@{host(index)}</p>")

    def _sidebar(self, index: int, rng: random.Random, version: int) -> str:
        sites = "".join(f'<li><a href="https://so{(index + n) % 997:04d}.{DOMAIN}/">{DEPARTMENTS[n % 12]}</a></li>'
                        for n in range(1, 25))
        latest = "".join(self._item(index, n % len(SECTIONS), n % ARTICLES_PER_SECTION, rng, version, summary=False)
                         for n in range(10))
        sections = "".join(f'<li><a href="{path}">{label}</a></li>' for path, label, _n in SECTIONS)
        return (f'<div class="box"><h3>Chuyên mục</h3><ul>{sections}</ul></div>'
                f'<div class="box"><h3>Tin mới nhất</h3><ul>{latest}</ul></div>'
                f'<div class="box"><h3>Liên kết website</h3><ul>{sites}</ul></div>'
                '<div class="box"><a href="https://dichvucong.gov.vn/">Cổng Dịch vụ công quốc gia</a></div>')

    def _footer(self, name: str) -> str:
        return (f'<div id="footer"><p>Cơ quan chủ quản: {name}</p><p>Địa chỉ: Số 1 đường Lê Lợi, thành phố '
                "Hòa Lâm</p><p>Người chịu trách nhiệm chính: Giám đốc Sở</p><p>Giấy phép số 12/GP-TTĐT</p></div>")

    def _viewstate(self, rng: random.Random, size: int) -> str:
        # What makes real portal pages heavy: ASP.NET view state and inline scripts (not text, not links).
        raw = rng.randbytes(size * 3 // 4)
        state = base64.b64encode(raw).decode()
        half = len(state) // 2
        return (f'<form id="Form" method="post"><input type="hidden" name="__VIEWSTATE" value="{state[:half]}">'
                f'</form><script>var dnn = {{"vars": "{state[half:]}"}};</script>')


def registry_toml(fleet: Fleet, port: int) -> str:
    lines = ['[defaults]\nprofile = "nd42-2022"\n']
    for i, name in enumerate(fleet.hosts()):
        lines.append(f'[[portal]]\nid = "so{i:04d}"\nname = "{fleet._name(i)}"\nurl = "http://{name}:{port}/"\n'
                     f'level = "department"\nparent = "https://hoalam.gov.vn/"\nagency = "UBND tỉnh Hòa Lâm"\n')
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--portals", type=int, default=200)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--port", type=int, default=8442, help="the port the fleet server will listen on")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--html", action="store_true", help="also write every page (night 1) under OUT/html/HOST/")
    args = ap.parse_args(argv)
    fleet = Fleet(args.portals, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "registry.toml").write_text(registry_toml(fleet, args.port), encoding="utf-8")
    (args.out / "fleet.json").write_text(json.dumps(dataclasses.asdict(fleet) | {"port": args.port}), encoding="utf-8")
    total = 0
    if args.html:
        for i, name in enumerate(fleet.hosts()):
            for path in fleet.paths():
                page = fleet.page(i, path)
                assert page is not None
                file = args.out / "html" / name / (path.strip("/") or "index.html")
                file.parent.mkdir(parents=True, exist_ok=True)
                file.write_bytes(page.body)
                total += len(page.body)
    print(f"{args.out}: {fleet.portals} portals x {len(fleet.paths())} URLs"
          + (f", {total / 1e6:.1f} MB of pages" if args.html else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
