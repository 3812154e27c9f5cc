"""The hostile cases: one row each — what the server does, the time budget, what the report must say.

Every case is a portal of its own at ``<id>.hostile.test`` (``--resolve`` to 127.0.0.1, except the
DNS cases, which the loopback DNS server answers), built from the ordinary portal of
:mod:`tests.hostile.site` with one thing wrong.  ``home`` says whether the home page must be read
(``read``) or must fail with one of ``errors`` (then every check that needs the crawl is
not_determinable); ``statuses`` pins rule verdicts, ``check`` asserts the rest.  The invariants
every case shares (budget, memory, report, allowed hosts, no traceback) are in tests/test_hostile.py.
"""

from __future__ import annotations

import functools
import random
import struct
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.hostile.server import Entry, Request
from tests.hostile.site import PAGE, Page, article, home, listing, portal, static

DOMAIN = "hostile.test"
EVIL = f"evil.{DOMAIN}"  # the host pages try to send the crawler to; it must never be asked
IDN_PORTAL = "xn--s-ni-v-5n8bub8c"  # sở-nội-vụ
IDN_LINKED = ("xn--bcher-kva", "xn--cng-thng-tin-jib4918h")  # bücher, cổng-thông-tin
PAGE_BUDGET = 30
MB = 1024 * 1024


@dataclass
class Outcome:
    """What one case produced: its snapshot (as JSON), findings, report HTML and the server's log."""

    case: Case
    snapshot: dict[str, Any]
    findings: dict[str, tuple[str, str | None]]  # rule id → (status, error class)
    report: str
    entries: list[Entry]

    def page(self, role: str, kind: str | None = None) -> dict[str, Any] | None:
        return next((p for p in self.snapshot["pages"] if p["role"] == role and (kind is None or p["kind"] == kind)),
                    None)

    def crawl_requests(self) -> list[Entry]:
        return [e for e in self.entries if e.crawl]


Check = Callable[[Outcome], None]


@dataclass(frozen=True)
class Case:
    id: str
    what: str
    handler: Callable[[Request], None]
    budget: float = 6.0  # seconds: the portal's time budget in the registry
    scheme: str = "http"  # http | https | plaintext (an "https" URL on a port that speaks plain HTTP)
    tls: str = "valid"  # the certificate on the HTTPS port: valid | expired | self_signed | wrong_host | refuse
    home: str = "read"  # read | fails
    errors: tuple[str, ...] = ()  # the home page's error class when it fails
    statuses: dict[str, str] = field(default_factory=dict)  # rule id → expected status
    check: Check | None = None
    dns: str | None = None  # not in --resolve: the loopback DNS server says "nxdomain" or never answers ("timeout")
    label: str = ""  # the host's first label when it is not the id

    @property
    def host(self) -> str:
        return f"{self.label or self.id}.{DOMAIN}"


# ---------------------------------------------------------------------------------------------- helpers
@functools.cache
def gzip_bomb(size_mb: int) -> bytes:
    """A gzip stream of ``size_mb`` MB of zeros in about a thousandth of that: one compressed MB block
    repeated (each block starts afresh after a full flush), with the trailer's CRC of the whole."""
    chunk = bytes(MB)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(size_mb):
        crc = zlib.crc32(chunk, crc)
    return (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + block * size_mb + b"\x03\x00"
            + struct.pack("<II", crc, (size_mb * MB) & 0xFFFFFFFF))


def chunked(request: Request, piece: bytes, every: float, limit: int) -> None:
    """A chunked answer that goes on until ``limit`` bytes, the client leaves or the server's cap."""
    request.head(200, {"Content-Type": "text/html; charset=utf-8", "Transfer-Encoding": "chunked"})
    preamble = b"<!DOCTYPE html><html><head><title>Endless</title></head><body>"
    request.send(f"{len(preamble):x}\r\n".encode() + preamble + b"\r\n")  # a chunk too: the framing is valid
    sent, start = 0, time.monotonic()
    frame = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    while sent < limit and not request.stopping and time.monotonic() - start < 30:
        if not request.send(frame):
            return
        sent += len(piece)
        if every:
            time.sleep(every)
    request.send(b"0\r\n\r\n")


def big(request: Request, size: int, *, declared: bool) -> None:
    """``size`` bytes of HTML, with a Content-Length or chunked."""
    piece = b"<p>" + b"x" * 65530 + b"</p>"
    if not declared:
        chunked(request, piece, 0, size)
        return
    request.head(200, {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(size)})
    sent = 0
    while sent < size and request.send(piece[: size - sent]):
        sent += len(piece)


def bomb(ctype: str, size_mb: int, encoded: bool) -> Callable[[Request], None]:
    def serve(request: Request) -> None:
        data = gzip_bomb(size_mb)
        headers = {"Content-Encoding": "gzip"} if encoded else {}
        request.reply(200, data, headers, ctype=ctype)
    return serve


def drip_reply(request: Request) -> None:
    body = home("Sở Nhỏ giọt").encode()
    request.head(200, {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body))})
    request.drip(body, 1.0)


def slow_headers(request: Request) -> None:
    body = home("Sở Chậm").encode()
    head = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n"
            "X-Padding: " + "p" * 200 + "\r\n\r\n").encode()
    request.drip(head + body, 0.3)


def truncated_transfer(request: Request) -> None:
    body = home("Sở Cắt ngang").encode()
    request.head(200, {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body) * 10)})
    request.send(body[: len(body) // 2])


def reset_mid_body(request: Request) -> None:
    body = home("Sở Ngắt").encode() * 4
    request.head(200, {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body))})
    request.send(body[: len(body) // 3])
    time.sleep(0.05)
    request.reset()


def huge_headers(request: Request) -> None:
    lines = [f"X-Junk-{n}: {'j' * 4000}" for n in range(300)]
    lines.append("X-Long: " + "L" * 200_000)
    request.send(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + "\r\n".join(lines) + "\r\n\r\n").encode())
    request.send(home("Sở Tiêu đề lớn").encode())


def garbage_reply(request: Request) -> None:
    request.send(b"SSH-2.0-OpenSSH_9.6\r\n" + random.Random(21).randbytes(4000))


def changing(state: dict[str, int]) -> Callable[[Request], None]:
    """Every answer differs from the last: menu, section URLs, items, dates, and now and then a 500 or a
    redirect to wherever the menu pointed a moment ago."""
    def serve(request: Request) -> None:
        state["n"] = n = state.get("n", 0) + 1
        path = request.path.split("?", 1)[0]
        if path == "/robots.txt":
            request.reply(200, "User-agent: *\nAllow: /\n" if n % 2 else "User-agent: *\nDisallow: /x\n",
                          ctype="text/plain")
        elif path == "/":
            menu = "".join(f'<li><a href="/muc-{n}-{i}">{label} {n}</a></li>'
                           for i, label in enumerate(("Tin tức", "Văn bản chỉ đạo điều hành", "Liên hệ")))
            request.reply(200, home(f"Sở Thay đổi lần {n}", menu=menu))
        elif n % 5 == 0:
            request.reply(500, "<html><body>lỗi tạm thời</body></html>")
        elif n % 7 == 0:
            request.redirect(f"/muc-{n - 3}-0")
        else:
            day = 1 + n % 28
            request.reply(200, listing(f"Mục đổi {n}", f"/bai-{n}", (f"{day:02d}/11/2026", f"{day:02d}/10/2026")))
    return serve


def calendar(request: Request) -> None:
    """Each month links the month before and after, and every day of it: an endless calendar."""
    query = request.path.split("?", 1)[1] if "?" in request.path else "thang=0"
    month = int(query.split("=", 1)[1].split("&", 1)[0] or 0) if query.startswith("thang=") else 0
    days = "".join(f'<a href="/lich?thang={month}&amp;ngay={d}">{d}</a> ' for d in range(1, 31))
    body = (f'<p><a href="/lich?thang={month - 1}">« Tháng trước</a> <a href="/lich?thang={month + 1}">'
            f'Tháng sau »</a></p><div class="calendar">{days}</div>')
    request.reply(200, PAGE.format(title=f"Lịch công tác tháng {month}", body=body))


def pagination(request: Request) -> None:
    """A listing whose next page always has a next page, with undated items that link to more pages."""
    query = request.path.split("?", 1)[1] if "?" in request.path else "page=1"
    page = int(query.removeprefix("page=").split("&", 1)[0] or 1)
    items = "".join(f'<li><a href="/tin-tuc/p{page}-{i}">Tin không ngày số {page}-{i}</a></li>' for i in range(20))
    pager = f'<div class="pager"><a href="/tin-tuc?page={page + 1}">Trang sau</a></div>'
    request.reply(200, f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Tin tức trang {page}
</title></head><body><div id="content"><h1>Tin tức</h1><ul class="list">{items}</ul>{pager}</div></body></html>""")


def trap_item(request: Request) -> None:
    page = request.path.rsplit("/", 1)[-1]
    links = "".join(f'<a href="/tin-tuc/{page}-{i}">Tin tiếp {i}</a> ' for i in range(10))
    request.reply(200, PAGE.format(title=f"Tin {page}", body=f"<p>Không có ngày.</p>{links}"))


def redirect_to(location: str, status: int = 302) -> Callable[[Request], None]:
    return lambda request: request.redirect(location, status)


def redirect_offsite(request: Request) -> None:
    request.redirect(f"http://{EVIL}:{request.server.http_port}/")


def cookie_check(request: Request) -> None:
    """What some anti-DDoS front ends do: a first visit gets a cookie and a redirect to the same URL."""
    if "nd42-check=1" in request.headers.get("cookie", ""):
        request.reply(200, home("Sở Kiểm tra cookie"))
    else:
        request.reply(302, b"", {"Location": "/", "Set-Cookie": "nd42-check=1; Path=/"})


def base(request: Request) -> str:
    return f"http://{EVIL}:{request.server.http_port}"


# ---------------------------------------------------------------------------------------------- content
MALFORMED = """<html><head><title>Sở <b>Lỗi cú pháp</title><meta charset="utf-8"<body>
<div id="header"><h1>Sở Thử nghiệm<h1></div
<nav class=menu><ul><li><a href=/tin-tuc>Tin tức - Sự kiện<li><a href="/lien-he>Liên hệ</a>
<li><a href='/gioi-thieu'>Giới thiệu</ul></nav><table><tr><td><div><p><span></table></div></p></span>
<<<>>> </a></a></a><a href="/tin-tuc" href="/khac" href=>Tin</a><p attr="never closed>
<select><option value="/x"><option><optgroup><frameset></frameset><marquee><blink>
</html></html><body>sau thẻ đóng</body><script>document.write("<div>")</script><style>a{</style>
<div id="footer">Cơ quan chủ quản: Sở Thử nghiệm<!-- chú thích không bao giờ đóng
"""
TRUNCATED = home("Sở Bị cắt")[:900]
WRONG_CHARSET = home("Sở Tài nguyên và Môi trường — bảng mã sai").encode("utf-8")
CP1258 = home("Sở Tài chính tỉnh Hòa Lâm").replace('<meta charset="utf-8">', "").encode("cp1258", "replace")
# TCVN3 (ABC) bytes as windows-1252 shows them: "Cổng thông tin điện tử Sở Khoa học và Công nghệ".
TCVN3 = ("<html><head><title>Cæng th«ng tin ®iÖn tö Së Khoa häc vµ C«ng nghÖ</title>"
         '<style>body{font-family:".VnTime"}</style></head><body>'
         '<div id="header"><font face=".VnTimeH">Së Khoa häc vµ C«ng nghÖ</font></div>'
         '<div class="menu"><ul><li><a href="/tin-tuc">Tin tøc - Sù kiÖn</a></li>'
         '<li><a href="/lien-he">Liªn hÖ</a></li></ul></div>'
         '<div id="content"><p>Th«ng b¸o vÒ viÖc tæ chøc kú thi</p></div></body></html>').encode("cp1252")
BINARY = random.Random(7).randbytes(300_000)
NUL_BYTES = (b'<html><head><meta charset="utf-8"><title>S\xe1\xbb\x9f \x00NUL\x00 \xff\xfe bytes</title></head><body>'
             b'<div class="menu"><ul><li><a href="/tin-tuc\x00x">Tin \x00t\xe1\xbb\xa9c</a></li>'
             b'<li><a href="/lien-he">\xed\xa0\x80 surrogate \xc0\xaf overlong \x01\x02\x03\x1b[31m</a></li></ul></div>'
             b'<div id="content">\xef\xbb\xbf BOM \x00' + b"\x00" * 5000 + b'\x85\x9c\x9d \xe2\x80\xae RLO'
             b' \xf4\x90\x80\x80 beyond U+10FFFF</div><div id="footer">C\xc6\xa1 quan ch\xe1\xbb\xa7 qu\xe1\xba\xa3n'
             b"\x00</div></body></html>")
WAF_403 = ('<html><head><title>Attention Required! | Cloudflare</title></head><body>'
           '<div id="cf-wrapper"><form id="challenge-form" action="/cdn-cgi/l/chk_captcha">'
           '<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1"></script></form></div></body></html>')
WAF_200 = ('<html><head><title>Just a moment...</title></head><body><h1>Checking your browser before accessing '
           'the portal.</h1><p>DDoS protection by Cloudflare</p></body></html>')
TEN_THOUSAND = "".join(f'<li><a href="/muc/{n}">Mục số {n}</a></li>' for n in range(10_000))
TEN_THOUSAND_OUT = "".join(f'<a href="http://{EVIL}/lien-ket/{n}">Liên kết {n}</a>' for n in range(10_000))
DEEP = ("<html><head><title>Sở Lồng sâu</title></head><body>" + "<div>" * 100_000
        + '<a href="/tin-tuc">Tin tức</a>' + "</div>" * 100_000
        + "<ul>" + "<li><ul>" * 5000 + '<li><a href="/lien-he">Liên hệ</a></li>' + "</ul></li>" * 5000 + "</ul>"
        + "</body></html>")
ROW = '<div class="item"><span class="date">20/11/2026</span><a href="/tin/{n}">Tin số {n}</a><p>Tóm tắt.</p></div>'
HUGE_PAGE = home("Sở Trang lớn", main="".join(ROW.format(n=n) for n in range(80_000)))  # 9.3 MB, under the cap
LONG_URLS = home("Sở Địa chỉ dài", menu=f'<li><a href="/{"a" * 1_000_000}">Rất dài</a></li>'
                 f'<li><a href="/tin-tuc?{"q=1&" * 50_000}">Tin tức truy vấn dài</a></li>',
                 main="<p>" + "x" * 2_000_000 + "</p>" + f'<p title="{"t" * 500_000}">thuộc tính dài</p>')
SCHEMES = ("javascript:alert('nd42-xss-js')", "JaVaScRiPt:alert(1)", " javascript:void(0)", "java\tscript:alert(2)",
           "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data:,x", "vbscript:msgbox(1)",
           "mailto:so@hoalam.gov.vn", "tel:+842623555555", "sms:+84900000000", "ftp://evil.hostile.test/file.pdf",
           "file:///etc/passwd", "about:blank", "ws://evil.hostile.test/", "wss://evil.hostile.test/",
           "gopher://evil.hostile.test/", "intent://scan/#Intent;scheme=zxing;end", "blob:http://evil/abc",
           "//evil.hostile.test/giao-thuc-tuong-doi", "http:///ba-gach", "http://[::1", "http://[::1]:1/ipv6",
           "https://user:pass@evil.hostile.test/", "http://127.0.0.1:{port}/dia-chi-ip", "\\\\evil\\share",
           "http://evil.hostile.test:99999/", "chrome://settings", "view-source:http://evil.hostile.test/",
           "market://details?id=x", "skype:x?call", "irc://evil.hostile.test/", "%6A%61%76%61script:alert(3)",
           "&#106;avascript:alert(4)")


def schemes_home(request: Request) -> None:
    links = "".join(f'<li><a href="{s.format(port=request.server.http_port)}">Liên kết {n}</a></li>'
                    for n, s in enumerate(SCHEMES))
    extra = ('<form action="javascript:alert(5)"><input name="q"></form><iframe src="data:text/html,x"></iframe>'
             '<area href="ftp://evil.hostile.test/"><img src="file:///etc/hosts">')
    request.reply(200, home("Sở Lược đồ lạ", menu=links, main=extra))


def idn_links(request: Request) -> None:
    port = request.server.http_port
    links = (f'<li><a href="http://bücher.{DOMAIN}:{port}/">Bücher</a></li>'
             f'<li><a href="http://{IDN_LINKED[0]}.{DOMAIN}:{port}/">Punycode</a></li>'
             f'<li><a href="http://cổng-thông-tin.{DOMAIN}:{port}/tin-tuc">Cổng IDN</a></li>'
             f'<li><a href="http://ЕVIL.{DOMAIN}:{port}/">Homoglyph</a></li>'
             f'<li><a href="http://IDN-LINKS.HOSTILE.TEST:{port}/lien-he">Liên hệ (chữ hoa)</a></li>'
             f'<li><a href="/tin-tức/bài-viết?từ=khóa">Đường dẫn Unicode</a></li>')
    request.reply(200, home("Sở Tên miền quốc tế", menu=links))


def idn_portal(request: Request) -> None:
    port = request.server.http_port
    links = (f'<li><a href="http://sở-nội-vụ.{DOMAIN}:{port}/gioi-thieu">Giới thiệu (Unicode)</a></li>'
             f'<li><a href="http://{IDN_PORTAL}.{DOMAIN}:{port}/lien-he">Liên hệ (punycode)</a></li>')
    request.reply(200, home("Sở Nội vụ", menu=links))


def base_offsite(request: Request) -> None:
    request.reply(200, home("Sở Base", head=f'<base href="{base(request)}/">'))


def offsite_sections(request: Request) -> None:
    request.reply(200, home("Sở Chuyển hướng", main=f'<a href="{base(request)}/van-ban">Văn bản</a>'))


# ---------------------------------------------------------------------------------------------- sitemaps, feeds
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + ']>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://x/&lol9;</loc></url>'
          "</urlset>")
XXE = ('<?xml version="1.0"?>\n<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
       f'<!ENTITY net SYSTEM "http://{EVIL}/xxe">]>\n'
       '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&xxe;</loc></url>'
       "<url><loc>&net;</loc></url></urlset>")
XXE_LATE = ('<?xml version="1.0"?>' + "<!-- " + "pad " * 2000 + " -->"
            '<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://h/&xxe;</loc></url></urlset>')
INVALID_SITEMAP = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                   "<url><loc>/tin-tuc</loc><lastmod>hôm qua</lastmod></url><url><loc>")


def sitemap_loop(request: Request) -> None:
    own = request.base
    path = request.path
    if path == "/sitemap.xml":
        body = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<sitemap><loc>{own}/sitemap.xml</loc></sitemap><sitemap><loc>{own}/sm-1.xml</loc></sitemap>"
                f"<sitemap><loc>http://{EVIL}/sitemap.xml</loc></sitemap>"
                "<sitemap><loc>file:///etc/passwd</loc></sitemap></sitemapindex>")
    else:
        urls = "".join(f"<url><loc>{own}/trang-{n}</loc></url>" for n in range(50_000))
        body = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<sitemap><loc>{own}/sitemap.xml</loc></sitemap><sitemap><loc>{own}/sm-1.xml</loc></sitemap>"
                f"</sitemapindex><urlset>{urls}</urlset>")
    request.reply(200, body, ctype="application/xml")


def hostile_robots(request: Request) -> None:
    port = request.server.http_port
    lines = ["User-agent: *", "Allow: /", f"Sitemap: http://{EVIL}:{port}/sitemap.xml", "Sitemap: file:///etc/passwd",
             "Sitemap: ftp://evil.hostile.test/sitemap.xml", "Sitemap: javascript:alert(1)", "Crawl-delay: 100000",
             "\x00\x01 binary \xff", "Disallow"]
    lines += [f"Sitemap: {request.base}/sitemap-{n}.xml" for n in range(20_000)]
    lines += ["Disallow: /" + "x" * 100_000]
    request.reply(200, "\n".join(lines), ctype="text/plain")


FEED_HOME = home("Sở Nguồn tin", head='<link rel="alternate" type="application/rss+xml" href="/rss.xml">')


# ---------------------------------------------------------------------------------------------- payloads
XSS = '<script>alert("nd42-xss-{n}")</script>'
IMG = '<img src=x onerror=alert("nd42-xss-{n}")>'


def payload_pages() -> dict[str, Page]:
    """Script payloads wherever portal text goes: title, menu labels, URLs, dates, footer, document fields."""
    esc = XSS.replace("<", "&lt;").replace(">", "&gt;")
    menu = (f'<li><a href="/tin-tuc">{IMG.format(n=2)}Tin tức {esc.format(n=3)}</a></li>'
            f'<li><a href="/van-ban-phap-luat">Văn bản quy phạm pháp luật</a></li>'
            '<li><a href="/lien-he?x=&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;">'
            'Liên hệ "onmouseover="alert(5)</a>'
            f'</li><li><a href="javascript:alert(\'nd42-xss-6\')">Giới thiệu</a></li>')
    main = f'<a href="/tim-kiem?q=&lt;svg onload=alert(7)&gt;">Tìm {esc.format(n=8)}</a>'
    footer = f'Cơ quan chủ quản: {esc.format(n=9)} <a href="javascript:alert(10)">Sở</a> &lt;/div&gt;&lt;/body&gt;'
    rows = "".join(f'<tr><td><a href="/van-ban-phap-luat/{n}">Quyết định {esc.format(n=11 + n)}</a></td>'
                   f'<td>{n}/QĐ-&lt;b onclick=alert(1)&gt;</td><td>&lt;script&gt;20/11/2026</td>'
                   f'<td>{esc.format(n=20 + n)} 19/11/2026</td></tr>' for n in range(3))
    legal = ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Văn bản</title></head><body>'
             '<div id="content"><h1>Văn bản quy phạm pháp luật</h1><table><tr><th>Trích yếu</th><th>Số ký hiệu</th>'
             f'<th>Ngày ban hành</th><th>Ngày hiệu lực</th></tr>{rows}</table></div></body></html>')
    doc = ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Quyết định</title></head><body>'
           '<div id="content"><h1>Quyết định</h1><table class="thuoc-tinh">'
           f'<tr><th>Số ký hiệu</th><td>12/QĐ-{esc.format(n=30)}</td></tr>'
           f'<tr><th>Cơ quan ban hành</th><td>{IMG.format(n=31)}</td></tr>'
           f'<tr><th>Ngày ban hành</th><td>{esc.format(n=32)}20/11/2026</td></tr>'
           f'<tr><th>Người ký</th><td>"&gt;&lt;svg/onload=alert(33)&gt;</td></tr></table>'
           f'<a href="javascript:alert(34)">Tải về .pdf</a><a href="/files/{esc.format(n=35)}.pdf">Tệp</a>'
           "</div></body></html>")
    news = listing(f"Tin tức {XSS.format(n=40)}", "/tin-tuc", (f"{esc.format(n=41)} 20/11/2026", "18/11/2026"))
    pages: dict[str, Page] = {"/": home(f"Sở {XSS.format(n=1)}", menu=menu, main=main, footer=footer),
                              "/van-ban-phap-luat": legal, "/tin-tuc": news}
    for n in range(3):
        pages[f"/van-ban-phap-luat/{n}"] = doc
    pages["/tin-tuc/0"] = article(f"Bài {XSS.format(n=42)}", f"{esc.format(n=43)} 20/11/2026")
    return pages


def no_raw_payload(outcome: Outcome) -> None:
    """The report shows the payloads as text: none of them is markup in it (H3 tests this in a browser)."""
    report = outcome.report
    for raw in ("<script>alert(", "onerror=alert", "<svg onload", "<svg/onload", "javascript:alert", "onclick=alert"):
        assert raw not in report, f"{outcome.case.id}: {raw!r} appears raw in the report"
    assert "nd42-xss-1" in report, "the title's payload is shown, as text"


# ---------------------------------------------------------------------------------------------- checks
def describe_check(check: Check) -> str:
    """A check's one-line description (its docstring's first line), for docs/hostile-portals.md."""
    return (check.__doc__ or check.__name__).strip().splitlines()[0].rstrip(".")


def home_error(*classes: str) -> Check:
    def check(outcome: Outcome) -> None:
        page = outcome.page("home")
        assert page is not None and page["error_class"] in classes, (outcome.case.id, page)
    check.__doc__ = f"home page error {' or '.join(classes)}"
    return check


def section(kind: str, state: str, error: str | None = None) -> Check:
    def check(outcome: Outcome) -> None:
        got = outcome.snapshot["sections"].get(kind)
        assert got is not None and got["state"] == state, (outcome.case.id, kind, got)
        if error is not None:
            assert got["error_class"] == error, (outcome.case.id, kind, got)
    check.__doc__ = f"section {kind} {state}" + (f" ({error})" if error else "")
    return check


def discovery(**expected: str) -> Check:
    def check(outcome: Outcome) -> None:
        got = {k: outcome.snapshot["discovery"].get(k) for k in expected}
        assert got == expected, (outcome.case.id, got)
    check.__doc__ = ", ".join(f"{k} {v}" for k, v in expected.items())
    return check


def home_facts(**expected: Any) -> Check:
    def check(outcome: Outcome) -> None:
        page = outcome.page("home")
        got = {k: (page or {}).get("facts", {}).get(k) for k in expected}
        assert got == expected, (outcome.case.id, got)
    check.__doc__ = "home page facts " + ", ".join(f"{k} {v}" for k, v in expected.items())
    return check


def bounded_requests(limit: int) -> Check:
    def check(outcome: Outcome) -> None:
        crawl = outcome.crawl_requests()
        assert len(crawl) <= limit, (outcome.case.id, len(crawl), [e.path for e in crawl][:50])
    check.__doc__ = f"at most {limit} crawl requests"
    return check


def all_of(*checks: Check) -> Check:
    def check(outcome: Outcome) -> None:
        for one in checks:
            one(outcome)
    check.__doc__ = "; ".join(describe_check(one) for one in checks)
    return check


def tls_probe(**expected: Any) -> Check:
    def check(outcome: Outcome) -> None:
        probe = outcome.snapshot["probes"]["tls"]
        got = {k: (probe["chain"]["valid"] if k == "chain_valid" else probe.get(k)) for k in expected}
        assert got == expected, (outcome.case.id, got, probe.get("error"))
    check.__doc__ = "TLS probe " + ", ".join(f"{k} {v}" for k, v in expected.items())
    return check


def no_path_requested(*needles: str) -> Check:
    def check(outcome: Outcome) -> None:
        asked = [e.path for e in outcome.entries if e.path and any(n in e.path for n in needles)]
        assert not asked, (outcome.case.id, asked[:5])
    check.__doc__ = "never requested: " + ", ".join(needles)
    return check


# A home page that drips: each try ends in the download timeout, and whether the last retry's timeout or the
# portal's time budget comes first depends on how busy the machine is; both say "too slow to read".
SLOW = ("timeout", "time_budget")
UNREACHABLE = ("reset", "timeout", "too_large")

CASES: list[Case] = [
    # ---- markup and encodings
    Case("malformed-html", "unclosed and mismatched tags, unquoted and duplicate attributes, stray '<', an "
         "unterminated comment", portal(**{"/": MALFORMED})),
    Case("truncated-html", "the home page stops in the middle of a tag (the transfer itself is complete)",
         portal(**{"/": TRUNCATED})),
    Case("truncated-transfer", "Content-Length promises ten times the bytes sent, then the server closes",
         portal(**{"/": truncated_transfer}), home="fails", errors=("reset",)),
    Case("wrong-charset", "UTF-8 bytes declared ISO-8859-1 in the header",
         portal(**{"/": static(WRONG_CHARSET, ctype="text/html; charset=iso-8859-1")})),
    Case("no-charset", "windows-1258 bytes, no charset in the header or the page",
         portal(**{"/": static(CP1258, ctype="text/html")})),
    Case("tcvn3", "TCVN3 (ABC) bytes in .VnTime fonts, declared windows-1252",
         portal(**{"/": static(TCVN3, ctype="text/html; charset=windows-1252")}), statuses={"UC-002": "fail"}),
    Case("binary-as-html", "300 KB of random bytes served as text/html",
         portal(**{"/": static(BINARY)})),
    Case("nul-bytes", "NUL bytes, invalid UTF-8, surrogates, overlong forms, C1 controls and RLO in the markup",
         portal(**{"/": static(NUL_BYTES)})),
    # ---- size
    Case("page-50mb", "a 50 MB home page with its Content-Length",
         portal(**{"/": lambda r: big(r, 50 * MB, declared=True)}), home="fails", errors=("too_large",)),
    Case("section-50mb-chunked", "a 50 MB news listing, chunked, no Content-Length",
         portal(**{"/tin-tuc": lambda r: big(r, 50 * MB, declared=False)}),
         check=section("news", "unreachable", "too_large")),
    Case("gzip-bomb", "a home page of 1 GB of zeros gzip-compressed to 1 MB (Content-Encoding: gzip)",
         portal(**{"/": bomb("text/html", 1024, encoded=True)}), home="fails", errors=("too_large",)),
    Case("sitemap-gzip-bomb", "sitemap.xml as a raw .gz file that inflates to 1 GB",
         portal(**{"/sitemap.xml": bomb("application/x-gzip", 1024, encoded=False)}),
         check=discovery(sitemap_xml="invalid")),
    Case("feed-bomb", "the advertised RSS feed is a billion-laughs document; the Atom one a gzip bomb",
         portal(**{"/": FEED_HOME, "/rss.xml": static(LAUGHS, ctype="application/rss+xml"),
                   "/atom.xml": bomb("application/atom+xml", 1024, encoded=True)})),
    # ---- slow and broken connections
    Case("endless-chunked", "a chunked home page that never ends, a little every 50 ms",
         portal(**{"/": lambda r: chunked(r, b"<p>" + b"z" * 2000 + b"</p>", 0.05, 10**12)}), budget=8,
         home="fails", errors=SLOW),
    Case("endless-chunked-fast", "a chunked home page that never ends, as fast as the socket takes it",
         portal(**{"/": lambda r: chunked(r, b"<p>" + b"f" * 65000 + b"</p>", 0, 10**12)}),
         home="fails", errors=("too_large",)),
    Case("one-byte-per-second", "headers at once, then the body one byte per second",
         portal(**{"/": drip_reply}), budget=8, home="fails", errors=SLOW),
    Case("slow-headers", "the status line and headers one byte every 0.3 s",
         portal(**{"/": slow_headers}), budget=8, home="fails", errors=SLOW),
    Case("silent", "reads the request and never answers", portal(**{"/": lambda r: r.hold()}), budget=8,
         home="fails", errors=SLOW),
    Case("reset-on-request", "answers the request with a TCP reset", portal(**{"/": lambda r: r.reset()}),
         home="fails", errors=("reset",)),
    Case("reset-mid-body", "a third of the body, then a TCP reset", portal(**{"/": reset_mid_body}),
         home="fails", errors=("reset",)),
    Case("empty-reply", "closes the connection without a byte", portal(**{"/": lambda r: None}),
         home="fails", errors=("reset",)),
    Case("garbage-reply", "an SSH banner and random bytes instead of HTTP", portal(**{"/": garbage_reply}),
         home="fails", errors=("reset",)),
    Case("huge-headers", "300 headers of 4 KB and one of 200 KB", portal(**{"/": huge_headers}),
         home="fails", errors=("reset",)),
    # ---- HTTP errors and WAFs
    Case("http-403", "the home page answers 403", portal(**{"/": static("<h1>Forbidden</h1>", 403)}),
         home="fails", errors=("http_403",)),
    Case("http-429", "429 Too Many Requests with Retry-After: 3600, every time",
         portal(**{"/": static("<h1>Slow down</h1>", 429, headers={"Retry-After": "3600"})}), home="fails",
         errors=("http_429",)),
    Case("http-500", "the home page answers 500", portal(**{"/": static("<h1>Lỗi máy chủ</h1>", 500)}),
         home="fails", errors=("http_500",), statuses={"PF-001": "fail"}),
    Case("http-503", "503 with a Retry-After date in 2099",
         portal(**{"/": static("<h1>Bảo trì</h1>", 503, headers={"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"})}),
         home="fails", errors=("http_503",)),
    Case("waf-challenge", "a Cloudflare challenge page with 403",
         portal(**{"/": static(WAF_403, 403)}), home="fails", errors=("waf",)),
    Case("waf-200", "a 'checking your browser' interstitial with 200", portal(**{"/": static(WAF_200)}),
         home="fails", errors=("waf",)),
    Case("sections-5xx", "the home page is fine; every section answers 500, 502, 503 or 504",
         portal(**{"/tin-tuc": static("x", 500), "/van-ban-chi-dao": static("x", 502),
                   "/gioi-thieu": static("x", 503), "/lien-he": static("x", 504)}),
         check=all_of(section("news", "unreachable", "http_500"), section("contacts", "unreachable", "http_504")),
         statuses={"FR-001": "not_determinable", "FR-003": "not_determinable", "SP-003": "not_determinable",
                   "SP-010": "not_determinable"}),
    # ---- redirects
    Case("redirect-loop", "/ → /a → /b → / …", portal(**{"/": redirect_to("/a"), "/a": redirect_to("/b"),
                                                      "/b": redirect_to("/")}),
         home="fails", errors=("redirect_loop",)),
    Case("redirect-self", "the home page redirects to itself", portal(**{"/": redirect_to("/", 301)}),
         home="fails", errors=("redirect_loop",)),
    Case("redirect-offsite", "the home page redirects to another host", portal(**{"/": redirect_offsite}),
         home="fails", errors=("offsite",)),
    Case("redirect-bad-scheme", "the home page redirects to file:///etc/passwd",
         portal(**{"/": redirect_to("file:///etc/passwd")}), home="fails", errors=("redirect_scheme",)),
    Case("redirect-cookie", "the home page sets a cookie and redirects to itself, then answers (a cookie check)",
         portal(**{"/": cookie_check})),
    Case("section-redirects", "sections redirect to ftp:, data:, javascript:, another host, a protocol-relative "
         "host and a malformed URL", portal(**{"/": offsite_sections, "/tin-tuc": redirect_to(f"ftp://{EVIL}/"),
                                               "/van-ban-chi-dao": redirect_to("data:text/html,<script>1</script>"),
                                               "/gioi-thieu": redirect_to("javascript:alert(1)"),
                                               "/lien-he": lambda r: r.redirect(f"{base(r)}/lien-he"),
                                               "/so-do-site": redirect_to(f"//{EVIL}/so-do"),
                                               "/tim-kiem": redirect_to("http://[::1")}),
         check=all_of(section("news", "unreachable", "redirect_scheme"),
                      section("contacts", "unreachable", "offsite"))),
    Case("meta-refresh-loop", "the home page refreshes to /b, which refreshes back; a section refreshes off-site",
         portal(**{"/": home("Sở Làm mới", head='<meta http-equiv="refresh" content="0; url=/b">'),
                   "/b": home("Sở Làm mới B", head='<meta http-equiv="refresh" content="0;URL=\'/\'">'),
                   "/lien-he": lambda r: r.reply(200, f'<meta http-equiv="refresh" content="0; url={base(r)}/">')})),
    # ---- traps and sizes of structure
    Case("calendar-trap", "an events calendar whose months and days link on for ever",
         portal(**{"/": home("Sở Lịch", menu='<li><a href="/lich?thang=0">Lịch công tác</a></li>'), "/lich": calendar}),
         check=bounded_requests(PAGE_BUDGET + 2)),
    Case("pagination-trap", "a news listing whose next page never ends, undated items that link on",
         portal(**{"/tin-tuc": pagination, "/tin-tuc/p1-0": trap_item, "/tin-tuc/p1-1": trap_item,
                   "/tin-tuc/p1-2": trap_item}), check=bounded_requests(PAGE_BUDGET + 2)),
    Case("links-10000", "10,000 menu entries and 10,000 links off-site on one page",
         portal(**{"/": home("Sở Mười nghìn liên kết", menu=TEN_THOUSAND, main=TEN_THOUSAND_OUT)}),
         check=bounded_requests(PAGE_BUDGET + 2)),
    Case("deep-dom", "100,000 nested <div>s and 5,000 nested lists", portal(**{"/": DEEP}),
         check=home_facts(parse_too_deep=True)),
    Case("long-urls", "a 1 MB href, a 200 KB query, a 2 MB word and a 500 KB attribute",
         portal(**{"/": LONG_URLS})),
    Case("page-9mb", "a 9.3 MB home page (under the 10 MB cap) of 80,000 dated items and links",
         portal(**{"/": HUGE_PAGE}), check=all_of(bounded_requests(PAGE_BUDGET + 2),
                                                 home_facts(parsed_bytes=4 * MB))),
    # ---- links
    Case("non-http-links", "javascript:, data:, vbscript:, mailto:, tel:, ftp:, file:, ws:, blob:, protocol-"
         "relative, credentials, bare IP and malformed links", portal(**{"/": schemes_home})),
    Case("idn-links", "links to IDN hosts (Unicode and punycode), a homoglyph host, Unicode paths",
         portal(**{"/": idn_links})),
    Case("idn-portal", "the portal itself on an IDN name (sở-nội-vụ), linking itself in both forms",
         portal(**{"/": idn_portal}), label=IDN_PORTAL),
    Case("base-href-offsite", "<base href> points every relative link to another host",
         portal(**{"/": base_offsite})),
    # ---- robots.txt and sitemaps
    Case("robots-disallow-all", "robots.txt: Disallow: /", portal(**{"/robots.txt": "User-agent: *\nDisallow: /\n"}),
         home="fails", errors=("robots",)),
    Case("robots-500", "robots.txt answers 500", portal(**{"/robots.txt": static("oops", 500, ctype="text/plain")})),
    Case("robots-hostile", "a 2 MB robots.txt: 20,000 Sitemap lines, off-site, file: and javascript: sitemaps, "
         "binary junk, a 100 KB rule", portal(**{"/robots.txt": hostile_robots}), check=no_path_requested("sitemap-3")),
    Case("sitemap-xml-bomb", "billion laughs in sitemap.xml",
         portal(**{"/sitemap.xml": static(LAUGHS, ctype="application/xml")}), check=discovery(sitemap_xml="invalid")),
    Case("sitemap-xxe", "sitemap.xml with external entities to file:///etc/passwd and another host, one declared "
         "after 8 KB of comment", portal(**{"/sitemap.xml": static(XXE, ctype="application/xml"),
                                            "/robots.txt": "User-agent: *\nSitemap: /late.xml\n",
                                            "/late.xml": static(XXE_LATE, ctype="application/xml")}),
         check=discovery(sitemap_xml="invalid")),
    Case("sitemap-invalid", "a truncated sitemap.xml with relative URLs and a date in words",
         portal(**{"/sitemap.xml": static(INVALID_SITEMAP, ctype="application/xml")})),
    Case("sitemap-loop", "a sitemap index that lists itself, a child that lists it back, an off-site and a file: "
         "child, 50,000 URLs", portal(**{"/sitemap.xml": sitemap_loop, "/sm-1.xml": sitemap_loop}),
         check=bounded_requests(PAGE_BUDGET + 2)),
    # ---- TLS
    Case("tls-expired", "HTTPS with a certificate that expired 20 days before the run",
         portal(), scheme="https", tls="expired", statuses={"TL-004": "fail"}),
    Case("tls-self-signed", "HTTPS with a self-signed certificate", portal(), scheme="https", tls="self_signed",
         statuses={"TL-002": "fail"}, check=tls_probe(chain_valid=False)),
    Case("tls-wrong-host", "HTTPS with a certificate for another host", portal(), scheme="https", tls="wrong_host",
         statuses={"TL-003": "fail"}),
    Case("tls-handshake-failure", "the HTTPS server answers the client hello with a handshake-failure alert",
         portal(), scheme="https", tls="refuse", home="fails", errors=("tls",),
         check=tls_probe(status="failed", error_class="tls_handshake")),
    Case("tls-plaintext", "the HTTPS port answers in plain HTTP", portal(), scheme="plaintext", home="fails",
         errors=("tls",)),
    # ---- DNS
    Case("dns-nxdomain", "the name does not exist (NXDOMAIN from the DNS server)", portal(), dns="nxdomain",
         home="fails", errors=("dns",)),
    Case("dns-timeout", "the DNS server never answers for the name", portal(), dns="timeout", budget=8,
         home="fails", errors=("dns",)),
    # ---- hostile text, moving targets
    Case("script-payloads", "script payloads in the title, menu labels, URLs, dates, footer and document fields",
         portal(**payload_pages()), check=no_raw_payload),
    Case("changing-page", "every answer differs: menu, section URLs, items, dates, robots.txt; now and then a 500 "
         "or a redirect", changing({})),
]

BY_HOST = {case.host: case for case in CASES}
