"""An ordinary small portal for the hostile cases to spoil: a home page with a menu of the usual
sections, listings with dated items, article pages, contacts, a site map and a search page.

A case takes :func:`portal` and overrides some of its paths (with a page or a handler of its own),
so that every case still has something for the crawler to read around the one thing that is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from tests.hostile.server import Handler, Request

HOME = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>{head}</head><body>
<div id="header"><h1>{title}</h1>
<form action="/tim-kiem" method="get"><input type="text" name="q" placeholder="Tìm kiếm"><button>Tìm</button></form>
</div>
<nav class="menu"><ul>
<li><a href="/tin-tuc">Tin tức - Sự kiện</a></li>
<li><a href="/van-ban-chi-dao">Văn bản chỉ đạo điều hành</a></li>
<li><a href="/gioi-thieu">Giới thiệu</a></li>
<li><a href="/lien-he">Liên hệ</a></li>
<li><a href="/so-do-site">Sơ đồ site</a></li>
{menu}
</ul></nav>
<div id="content"><p>Chào mừng đến với cổng thông tin điện tử.</p>{main}</div>
<div id="footer">{footer}</div></body></html>"""
FOOTER = "Cơ quan chủ quản: Sở Thử nghiệm tỉnh Hòa Lâm. Địa chỉ: Số 1 đường Lê Lợi. Điện thoại: 0262 3 555 555."
LISTING = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{label}</title></head><body>
<div id="content"><h1>{label}</h1><ul class="list">{items}</ul>{pager}</div></body></html>"""
ARTICLE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title></head><body>
<div id="content"><h1>{title}</h1><p class="date">Ngày đăng: {date}</p><p>Nội dung bài viết.</p>
<a href="javascript:window.print()">In bài</a></div></body></html>"""
PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title></head><body>
<div id="content"><h1>{title}</h1>{body}</div></body></html>"""
DATES = ("20/11/2026", "18/11/2026", "15/11/2026")

Page = str | bytes | Handler


def home(title: str = "Sở Thử nghiệm tỉnh Hòa Lâm", *, menu: str = "", main: str = "", footer: str = FOOTER,
         head: str = "") -> str:
    """The home page; the arguments are raw HTML, so that a case can put anything in them."""
    return HOME.format(title=title, menu=menu, main=main, footer=footer, head=head)


def listing(label: str, prefix: str, dates: tuple[str, ...] = DATES, pager: str = "") -> str:
    items = "".join(f'<li><a href="{prefix}/{n}">{escape(label)}: tin số {n} trong tháng</a> '
                    f'<span class="date">{d}</span></li>' for n, d in enumerate(dates))
    return LISTING.format(label=escape(label), items=items, pager=pager)


def article(title: str, date: str) -> str:
    return ARTICLE.format(title=escape(title), date=date)


def pages() -> dict[str, Page]:
    """Path → page of the ordinary portal."""
    out: dict[str, Page] = {
        "/": home(),
        "/robots.txt": "User-agent: *\nAllow: /\n",
        "/tin-tuc": listing("Tin tức - Sự kiện", "/tin-tuc"),
        "/van-ban-chi-dao": listing("Văn bản chỉ đạo điều hành", "/van-ban-chi-dao"),
        "/gioi-thieu": PAGE.format(title="Giới thiệu", body="<p>Chức năng, nhiệm vụ, quyền hạn của Sở.</p>"),
        "/lien-he": PAGE.format(title="Liên hệ", body="<p>Địa chỉ: Số 1 đường Lê Lợi. Điện thoại: 0262 3 555 555. "
                                                     "Email: so@hoalam.gov.vn</p>"),
        "/so-do-site": PAGE.format(title="Sơ đồ site", body='<ul><li><a href="/tin-tuc">Tin tức</a></li>'
                                                          '<li><a href="/lien-he">Liên hệ</a></li></ul>'),
        "/tim-kiem": PAGE.format(title="Kết quả tìm kiếm", body="<p>Không có kết quả.</p>"),
    }
    for prefix in ("/tin-tuc", "/van-ban-chi-dao"):
        for n, date in enumerate(DATES):
            out[f"{prefix}/{n}"] = article(f"Tin số {n}", date)
    return out


def content_type(path: str) -> str:
    if path.endswith(".txt"):
        return "text/plain; charset=utf-8"
    if path.endswith(".xml"):
        return "application/xml"
    return "text/html; charset=utf-8"


def portal(**overrides: Page | None) -> Handler:
    """A handler serving the ordinary portal with ``overrides`` (path → page; None removes the path).
    Paths are matched without their query string unless the query is spelled out."""
    table = pages()
    for path, page in overrides.items():
        if page is None:
            table.pop(path, None)
        else:
            table[path] = page

    def serve(request: Request) -> None:
        page = table.get(request.path)
        if page is None:
            page = table.get(request.path.split("?", 1)[0])
        if page is None:
            request.reply(404, "<html><body><h1>404</h1></body></html>")
        elif callable(page):
            page(request)
        else:
            request.reply(200, page, ctype=content_type(request.path.split("?", 1)[0]))
    return serve


def static(body: bytes | str, status: int = 200, ctype: str = "text/html; charset=utf-8",
           headers: dict[str, str] | None = None) -> Callable[[Request], None]:
    return lambda request: request.reply(status, body, headers, ctype=ctype)
