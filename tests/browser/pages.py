"""Fixture pages of the axe-core agreement test: good and bad for each overlapping check, and mixed ones.

Each page is a complete HTML document served on 127.0.0.1.  Nothing in them points off the
loopback server (no external images, frames or scripts), so the browser never leaves it; links
to other hosts are only ``href``s, which nothing follows.
"""

from __future__ import annotations

VI = ("<p>Sở Khoa học và Công nghệ tỉnh Hòa Lâm là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, thực hiện chức năng "
      "tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về khoa học và công nghệ, bao gồm hoạt động khoa học và "
      "công nghệ, phát triển tiềm lực khoa học và công nghệ, tiêu chuẩn, đo lường, chất lượng.</p>")
EN = ("<p>The Department of Science and Technology of Hoa Lam province advises the Provincial People's Committee on "
      "the state management of science and technology, including research, standards, measurement and quality.</p>")
TITLE = "Sở Khoa học và Công nghệ tỉnh Hòa Lâm"


def doc(body: str, *, html: str = ' lang="vi"', title: str | None = TITLE, head: str = "") -> str:
    """A complete page: ``html`` is the ``<html>`` element's attributes, ``title`` None leaves out ``<title>``."""
    title_tag = f"<title>{title}</title>" if title is not None else ""
    return (f"<!DOCTYPE html>\n<html{html}>\n<head><meta charset=\"utf-8\">{title_tag}{head}</head>\n"
            f"<body>\n<main>\n<h1>{TITLE}</h1>\n{body}\n</main>\n</body>\n</html>\n")


def rows(n: int, cols: int, *, th: bool) -> str:
    head = "".join(f"<{'th' if th else 'td'}>Cột {c + 1}</{'th' if th else 'td'}>" for c in range(cols))
    body = "".join("<tr>" + "".join(f"<td>Ô {r + 1}.{c + 1}</td>" for c in range(cols)) + "</tr>" for r in range(n))
    return f"<tr>{head}</tr>{body}"


PAGES: dict[str, str] = {
    # ------------------------------------------------------------------ lang (html-has-lang, html-lang-valid)
    "lang-vi": doc(VI),
    "lang-vi-region": doc(VI, html=' lang="vi-VN"'),
    "lang-missing": doc(VI, html=""),
    "lang-empty": doc(VI, html=' lang=""'),
    "lang-blank": doc(VI, html=' lang="  "'),
    "lang-vn": doc(VI, html=' lang="vn"'),
    "lang-underscore": doc(VI, html=' lang="vi_VN"'),
    "lang-three-letter": doc(VI, html=' lang="vie"'),
    "lang-xml-only": doc(VI, html=' xml:lang="vi"'),
    "lang-en-on-english": doc(EN, html=' lang="en"', title="Department of Science and Technology"),
    # axe passes en-us (a valid code); AC-001 also fails it on Vietnamese text (WCAG 3.1.1): beyond axe.
    "lang-en-us-on-vietnamese": doc(VI, html=' lang="en-us"'),
    # ------------------------------------------------------------------ document-title
    "title-missing": doc(VI, title=None),
    "title-blank": doc(VI, title="   "),
    # ------------------------------------------------------------------ image-alt
    "img-good": doc(VI + '<img src="/img/quochuy.png" alt="Quốc huy"><img src="/img/line.gif" alt="">'
                    '<img src="/img/a.png" role="presentation"><img src="/img/b.png" aria-label="Biểu đồ">'
                    '<img src="/img/c.png" title="Ảnh hội nghị"><span id="cap">Sơ đồ tổ chức</span>'
                    '<img src="/img/d.png" aria-labelledby="cap">'),
    "img-bad": doc(VI + '<img src="/img/banner.jpg"><img src="/img/tin1.jpg" alt=" ">'
                   '<img src="/img/ok.png" alt="Tin 1">'),
    "img-hidden": doc(VI + '<div style="display:none"><img src="/img/hidden.png"></div>'
                      '<img src="/img/h2.png" hidden><img src="/img/ok.png" alt="Tin">'),
    "img-aria-hidden": doc(VI + '<div aria-hidden="true"><img src="/img/x.png"></div>'),
    # ------------------------------------------------------------------ label, select-name
    "form-good": doc(VI + '<form action="/tim-kiem"><label for="q">Tìm kiếm</label><input id="q" name="q">'
                     '<label>Họ tên <input name="ten"></label><input name="k" aria-label="Từ khóa">'
                     '<span id="lbl">Email</span><input name="email" type="email" aria-labelledby="lbl">'
                     '<input name="dt" title="Số điện thoại"><textarea name="nd" placeholder="Nội dung"></textarea>'
                     '<label for="lv">Lĩnh vực</label><select id="lv"><option>Tất cả</option></select>'
                     '<input type="hidden" name="t" value="1"><input type="submit" value="Gửi">'
                     '<input type="image" src="/img/go.png" alt="Tìm"><button>Gửi</button></form>'),
    "form-bad": doc(VI + '<form action="/tim-kiem"><input name="q"><textarea name="nd"></textarea>'
                    '<label for="khac">Tiêu đề</label><input id="tieude" name="tieude">'
                    '<label for="rong"></label><input id="rong" name="rong"></form>'),
    "select-bad": doc(VI + '<form><select name="linhvuc"><option>Tất cả</option></select>'
                      '<select name="nam" title="Năm"><option>2026</option></select></form>'),
    "form-placeholder-only": doc(VI + '<form action="/tim-kiem"><input name="q" placeholder="Nhập từ khóa"></form>'),
    "form-hidden-control": doc(VI + '<form><div style="display:none"><input name="x"></div>'
                               '<input name="y" aria-label="Tìm"></form>'),
    # ------------------------------------------------------------------ link-name
    "link-good": doc(VI + '<a href="/tin-tuc">Tin tức</a><a href="/rss"><img src="/img/rss.png" alt="RSS"></a>'
                     '<a href="/fb" aria-label="Facebook của Sở"></a><a href="/yt" title="YouTube"></a>'
                     '<span id="l1">Liên hệ</span><a href="/lien-he" aria-labelledby="l1"></a>'
                     '<a name="top"></a>'),
    "link-bad": doc(VI + '<a href="/rss"><img src="/img/rss.png"></a><a href="/fb" class="icon-facebook"></a>'
                    '<a href="/tin-tuc">Tin tức</a>'),
    "link-vague": doc(VI + '<a href="/tin-tuc/1">Xem thêm</a><a href="/tin-tuc/2">Chi tiết</a>'
                      '<a href="/tin-tuc">Tin tức</a>'),
    # ------------------------------------------------------------------ marquee, blink
    "marquee": doc(VI + "<marquee>Chào mừng kỷ niệm 80 năm Cách mạng tháng Tám và Quốc khánh 2/9</marquee>"),
    "blink": doc(VI + "<p><blink>Mới</blink> Thông báo tuyển dụng năm 2026</p>"),
    # ------------------------------------------------------------------ frame-title
    "frame-good": doc(VI + '<iframe src="about:blank" title="Bản đồ trụ sở"></iframe>'
                      '<iframe src="about:blank" aria-label="Video giới thiệu"></iframe>'),
    "frame-bad": doc(VI + '<iframe src="about:blank"></iframe><iframe src="about:blank" title=""></iframe>'
                     '<iframe src="about:blank" title="Bản đồ"></iframe>'),
    "frame-negative-tabindex": doc(VI + '<iframe src="about:blank" tabindex="-1"></iframe>'),
    # ------------------------------------------------------------------ heading-order
    "headings-good": doc(VI + "<h2>Tin tức</h2><h3>Hoạt động</h3><h2>Thông báo</h2>"),
    "headings-skip": doc(VI + "<h2>Tin tức</h2><h4>Hoạt động</h4>"),
    "headings-role": doc(VI + '<h2>Tin tức</h2><div role="heading" aria-level="4">Hoạt động</div>'),
    "headings-up": doc(VI + "<h2>Tin tức</h2><h3>Hoạt động</h3><h4>Chi tiết</h4><h2>Văn bản</h2>"),
    # ------------------------------------------------------------------ td-has-header (tables of 3 × 3 and more)
    "table-th": doc(VI + f'<table border="1">{rows(4, 3, th=True)}</table>'),
    "table-no-th": doc(VI + f'<table border="1">{rows(4, 3, th=False)}</table>'),
    "table-layout": doc(VI + f'<table role="presentation">{rows(4, 3, th=False)}</table>'),
    # ------------------------------------------------------------------ mixed
    "portal-good": doc(
        VI + '<form action="/tim-kiem" role="search"><label for="s">Tìm kiếm</label><input id="s" name="q">'
        '<button>Tìm</button></form><img src="/img/logo.png" alt="Logo Sở Khoa học và Công nghệ">'
        '<h2>Tin tức</h2><ul><li><a href="/tin-tuc/1">Hội nghị tổng kết năm 2025</a></li></ul>'
        f'<h2>Văn bản</h2><table><caption>Văn bản mới</caption>{rows(3, 3, th=True)}</table>'
        '<iframe src="about:blank" title="Bản đồ trụ sở"></iframe>',
        head='<meta name="viewport" content="width=device-width, initial-scale=1">'),
    "portal-sharepoint": doc(
        VI + '<table width="980"><tr><td><img src="/_layouts/images/banner.jpg"></td></tr><tr><td>'
        '<input type="text" name="ctl00$q" class="ms-sbplain"><a href="/Pages/search.aspx"><img src="/go.gif"></a>'
        '</td></tr></table><marquee>Chào mừng Đại hội đại biểu Đảng bộ tỉnh</marquee>'
        '<h3>Tin nổi bật</h3><a href="/Pages/tin1.aspx">Xem thêm</a>'
        '<iframe src="about:blank"></iframe>', html=' lang="en-us"', title="Trang chủ"),
}
