"""Technical facts (docs/facts.md, "Technical facts") on small synthetic pages, one fact at a time.

Legacy Vietnamese text is made here the way old portals made it: Vietnamese typed with a TCVN3 (ABC)
or VNI keyboard layout, stored as bytes of those 8-bit code pages and read back as windows-1252;
UTF-8 mojibake is UTF-8 bytes read as windows-1252.  The tables below are the code pages' own,
written out independently of the crawler's patterns.
"""

from __future__ import annotations

import json
import time
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from crawler.extract.a11y import lang_valid
from crawler.extract.facts import page_facts_scan
from crawler.extract.feeds import feed_fact, parse_date
from crawler.extract.libraries import from_banner, from_url
from crawler.extract.page import ParsedPage
from crawler.extract.sitemap import parse_sitemap, robots_facts
from crawler.extract.tech import internal_host, tech_facts
from crawler.extract.vntext import mojibake

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
HOSTS = {"skhcn.hoalam.gov.vn", "www.skhcn.hoalam.gov.vn"}
BASE = "https://skhcn.hoalam.gov.vn/"
SENTENCE = "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. Sở Khoa học và Công nghệ thông báo " \
           "kế hoạch tổ chức hội nghị tổng kết công tác năm 2026 của các đơn vị trực thuộc."

# TCVN 5712:1993 (VN3, the "ABC" keyboard's code page): precomposed letters at 0xA1-0xFE.  Capital toned
# letters have no code: the .VnTimeH fonts draw the small letters' codes as capitals.
TCVN3 = dict(zip(
    "ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ",
    [*range(0xA1, 0xAF), 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB,
     0xCC, 0xCE, 0xCF, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE, 0xDF, 0xE1, 0xE2,
     0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5,
     0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE], strict=True))
# VNI Windows: base letter, then a byte for the hat/breve and tone (lower case; capitals use the capital bytes).
_VNI_TONES = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_HAT_TONES = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE_TONES = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def tcvn3_as_cp1252(text: str) -> str:
    data = bytes(TCVN3.get(c, TCVN3.get(c.lower(), ord(c) if ord(c) < 128 else 63)) for c in text)
    return data.decode("cp1252")


def vni_as_cp1252(text: str) -> str:
    out = []
    for char in text:
        if char in "đĐ":
            out.append("ñ" if char == "đ" else "Ñ")
            continue
        base, *marks = unicodedata.normalize("NFD", char)
        tone = next((m for m in marks if m in _VNI_TONES), "")
        upper = base.isupper()
        if "\u031b" in marks:  # horn: ơ, ư
            piece = ("ô" if base.lower() == "o" else "ö") + _VNI_TONES.get(tone, "")
        elif "\u0302" in marks:
            piece = base.lower() + _VNI_HAT_TONES[tone]
        elif "\u0306" in marks:
            piece = base.lower() + _VNI_BREVE_TONES[tone]
        elif base.lower() == "i" and tone:
            piece = _VNI_I[tone]
        elif base.lower() == "y" and tone == "\u0323":
            piece = "î"
        else:
            piece = base.lower() + _VNI_TONES.get(tone, "")
        out.append(piece.upper() if upper else piece)
    return "".join(out)


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def as_cp1258_text(text: str) -> str:
    """Vietnamese as windows-1258 spells it: letters with hats, breves and horns precomposed, tones apart."""
    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES)) + tones)
    return "".join(out)


def utf8_as_cp1252(text: str) -> str:
    # Browsers map the five bytes windows-1252 leaves undefined to C1 controls; so does this.
    return "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in text.encode("utf-8"))


def page(body: str, *, head: str = "", html_attrs: str = ' lang="vi"', charset: str = '<meta charset="utf-8">') -> str:
    return f"<!DOCTYPE html><html{html_attrs}><head>{charset}<title>Sở Khoa học</title>{head}</head><body>{body}" \
           "</body></html>"


def tech(html: str | bytes, *, url: str = BASE, content_type: str | None = "text/html; charset=utf-8",
         role: str = "content") -> dict[str, Any]:
    body = html.encode("utf-8") if isinstance(html, str) else html
    parsed = ParsedPage(url, body, content_type)
    _facts, found = page_facts_scan(parsed, role, HOSTS)
    result = tech_facts(parsed, body, content_type, found=found, home=role == "home", hosts=HOSTS)
    json.dumps(result)  # everything is JSON
    return result


# ---------------------------------------------------------------------------------------------- test tables
def test_the_code_page_tables_give_the_strings_seen_on_old_portals() -> None:
    assert tcvn3_as_cp1252("Cộng hòa xã hội chủ nghĩa Việt Nam") == "Céng hßa x· héi chñ nghÜa ViÖt Nam"
    assert tcvn3_as_cp1252("Độc lập - Tự do - Hạnh phúc") == "§éc lËp - Tù do - H¹nh phóc"
    assert vni_as_cp1252("Cộng hòa xã hội chủ nghĩa Việt Nam") == "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"
    assert vni_as_cp1252("Độc lập - Tự do - Hạnh phúc") == "Ñoäc laäp - Töï do - Haïnh phuùc"
    assert utf8_as_cp1252("Việt Nam") == "Viá»‡t Nam"


# ---------------------------------------------------------------------------------------------- charset
def test_utf8_page_declared_in_header_and_meta() -> None:
    c = tech(page(f"<p>{SENTENCE}</p>"))["charset"]
    assert c["header"] == "utf-8" and c["meta"] == "utf-8" and c["bom"] is None
    assert c["decodes_utf8"] is True and c["detected"] == "utf-8"
    assert c["legacy_fonts"] == [] and c["mojibake"]["count"] == 0 and c["nfc"] is True
    assert c["replacement_chars"] == 0


def test_meta_http_equiv_charset_and_bom_and_ascii() -> None:
    html = page("<p>Hello</p>", charset='<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">')
    c = tech(b"\xef\xbb\xbf" + html.replace("Sở Khoa học", "Home").encode(), content_type="text/html")["charset"]
    assert c["header"] is None and c["meta"] == "utf-8" and c["bom"] == "utf-8"
    assert c["decodes_utf8"] is True and c["detected"] == "utf-8"  # the BOM is not ASCII
    c = tech(page("<p>Hello</p>", charset="").replace("Sở Khoa học", "Home"), content_type="text/html")["charset"]
    assert c["meta"] is None and c["detected"] == "ascii"


def test_windows_1258_page() -> None:
    # windows-1258 writes tones as combining marks after the vowel: the text comes out decomposed (not NFC).
    text = as_cp1258_text(SENTENCE)
    html = page(f"<p>{text}</p>", charset='<meta charset="windows-1258">').replace("Sở Khoa học", "So KHCN")
    c = tech(html.encode("cp1258"), content_type="text/html; charset=windows-1258")["charset"]
    assert c["header"] == "windows-1258" and c["meta"] == "windows-1258"
    assert c["decodes_utf8"] is False and c["detected"] == "windows-1258"
    assert c["nfc"] is False and c["non_nfc_samples"] and all(not unicodedata.is_normalized("NFC", w)
                                                              for w in c["non_nfc_samples"])


def test_declared_utf8_but_bytes_are_not() -> None:
    body = page("<p>Tiếng Việt: caf\xe9</p>").encode("utf-8").replace(b"caf\xc3\xa9", b"caf\xe9")
    c = tech(body)["charset"]
    assert c["header"] == "utf-8" and c["decodes_utf8"] is False
    assert c["replacement_chars"] >= 1  # the page was read as UTF-8 and one byte could not be
    assert c["detected"] not in (None, "utf-8", "ascii")


def test_legacy_fonts_in_styles_css_and_font_face_not_in_prose() -> None:
    html = page('<p style="font-family: .VnTime, serif">x</p><font face="VNI-Times">y</font>',
                head="<style>h1 { font: bold 14pt '.VnTimeH' } .t { font-family: \"VNI-Helve-Condense\" }</style>")
    fonts = tech(html)["charset"]["legacy_fonts"]
    assert sorted(fonts) == [".VnTime", ".VnTimeH", "VNI-Helve-Condense", "VNI-Times"]
    prose = page("<p>Ngày xưa các cơ quan dùng phông .VnTime và VNI-Times; nay dùng Unicode.</p>" + "x" * 300)
    assert tech(prose)["charset"]["legacy_fonts"] == []


@pytest.mark.parametrize(("convert", "kind"), [(tcvn3_as_cp1252, "tcvn3"), (vni_as_cp1252, "vni"),
                                               (utf8_as_cp1252, "utf8_as_latin1")])
def test_mojibake_of_each_legacy_reading(convert: Any, kind: str) -> None:
    garbled = convert(SENTENCE)
    m = tech(page(f"<div id='content'><p>{garbled}</p></div>"))["charset"]["mojibake"]
    assert m["count"] >= 5, (garbled, m)
    assert max(m["kinds"], key=m["kinds"].get) == kind
    assert len(m["samples"]) == 5 and all(s in garbled for s in m["samples"])


@pytest.mark.parametrize("text", [
    SENTENCE,
    SENTENCE.upper(),
    "UBND XÃ\xa0HÒA LÂM; ĐẢNG ỦY; Phường Đông Hòa; Ngày 24/11/2026; 25°C; Windows® ©2026 «Tin tức» — “trích dẫn”.",
    "Bundesministerium für Bildung, Straße, Größe; français: où, naïve, Noël, déjà vu; Español: año, niño.",
    "Giá 1½ triệu; nhiệt độ 30°C, độ ẩm 80%; diện tích 5 m²; µg; 3 × 4 ÷ 2; điều 5 § 2.",
])
def test_no_mojibake_in_ordinary_text(text: str) -> None:
    assert mojibake(text)["count"] == 0, mojibake(text)


def test_nfd_text_is_reported_with_samples() -> None:
    decomposed = unicodedata.normalize("NFD", "Nghị định số 42/2022/NĐ-CP về cung cấp thông tin")
    c = tech(page(f"<div id='content'><p>{decomposed}</p></div>"))["charset"]
    assert c["nfc"] is False
    assert "Nghị" in [unicodedata.normalize("NFC", s) for s in c["non_nfc_samples"]]


# ---------------------------------------------------------------------------------------------- mobile
@pytest.mark.parametrize(("meta", "expected"), [
    ('<meta name="viewport" content="width=device-width, initial-scale=1">',
     {"content": "width=device-width, initial-scale=1", "device_width": True, "width": None}),
    ('<meta name="viewport" content="width=980">', {"content": "width=980", "device_width": False, "width": 980}),
    ("", None),
])
def test_viewport(meta: str, expected: dict[str, Any] | None) -> None:
    assert tech(page("<p>x</p>", head=meta))["viewport"] == expected


def test_fixed_widths_from_inline_styles_width_attributes_and_style_blocks() -> None:
    css = """body { min-width: 1000px } #wrapper, .khung-chinh { width: 980px; margin: auto }
    .news img { width: 600px } .box { max-width: 1200px } #header { width: 300px }
    @media (min-width: 1200px) { .container { width: 1170px } } @media print { body { width: 700px } }
    @media screen { #page { width: 1024px } } /* #main { width: 2000px } */"""
    html = page('<div id="outer" style="width:1002px"><table width="960"><tr><td>x</td></tr></table>'
                '<table width="100%"><tr><td>y</td></tr></table><div class="main" style="max-width: 900px">z</div>'
                '<div style="display:none"><div class="wrap" style="width:1200px">hidden</div></div></div>',
                head=f"<style>{css}</style>")
    fixed = tech(html)["fixed_widths"]
    got = {(f["px"], f["where"]) for f in fixed}
    assert got == {(1000, "style_block"), (980, "style_block"), (1024, "style_block"), (1002, "inline_style"),
                   (960, "width_attr")}, fixed
    assert any(f["snippet"].startswith("#wrapper, .khung-chinh {") for f in fixed)
    assert tech(page('<div style="width:320px"><img src="/a.png" width="800"></div>'))["fixed_widths"] == []


# ---------------------------------------------------------------------------------------------- outdated technology
def test_ie_compatibility_meta_and_generator() -> None:
    t = tech(page("<p>x</p>", head='<meta http-equiv="X-UA-Compatible" content="IE=8">'
                                    '<meta name="generator" content="Liferay Portal Community Edition 6.2 CE GA5">'))
    assert t["x_ua_compatible"] == "IE=8" and t["generator"] == "Liferay Portal Community Edition 6.2 CE GA5"
    assert tech(page("<p>x</p>"))["x_ua_compatible"] is None


def test_scripts_styles_and_libraries() -> None:
    head = ('<script src="/_layouts/jquery-1.4.4.min.js"></script>'
            '<script src="https://ajax.googleapis.com/ajax/libs/jquery/1.4.2/jquery.min.js"></script>'
            '<script src="/js/jquery.ui-1.8.2/jquery-ui.min.js"></script>'
            '<script src="/js/jquery.fancybox-1.3.4.js"></script><script src="/js/bootstrap-datepicker.js"></script>'
            '<link rel="stylesheet" href="https://maxcdn.bootstrapcdn.com/bootstrap/3.3.7/css/bootstrap.min.css">'
            '<link rel="stylesheet" href="/css/site.css"><style>@import url("/css/print.css");</style>'
            "<script>/*! jQuery UI - v1.10.4 - 2014-01-17 */ var x = 1;</script><script>var y;</script>")
    t = tech(page("<p>x</p>", head=head))
    assert t["scripts"][:2] == [BASE + "_layouts/jquery-1.4.4.min.js",
                                "https://ajax.googleapis.com/ajax/libs/jquery/1.4.2/jquery.min.js"]
    assert len(t["scripts"]) == 5 and t["inline_scripts"] == 2
    assert t["styles"] == ["https://maxcdn.bootstrapcdn.com/bootstrap/3.3.7/css/bootstrap.min.css",
                           BASE + "css/site.css", BASE + "css/print.css"]
    assert [(lib["name"], lib["version"]) for lib in t["libraries"]] == [
        ("jquery", "1.4.4"), ("jquery", "1.4.2"), ("jquery-ui", "1.8.2"), ("bootstrap", "3.3.7"),
        ("jquery-ui", "1.10.4")]
    assert t["libraries"][-1]["source"] == "inline"
    assert t["libraries"][0]["source"] == BASE + "_layouts/jquery-1.4.4.min.js"


@pytest.mark.parametrize(("url", "expected"), [
    ("/js/jquery-1.4.4.min.js", ("jquery", "1.4.4")),
    ("/jquery.ui-1.8.2/ui.core.js", ("jquery-ui", "1.8.2")),
    ("/js/jquery-ui-1.8.2.custom.min.js", ("jquery-ui", "1.8.2")),
    ("https://ajax.googleapis.com/ajax/libs/jqueryui/1.8.2/jquery-ui.min.js", ("jquery-ui", "1.8.2")),
    ("https://cdn.jsdelivr.net/npm/bootstrap@4.3.1/dist/js/bootstrap.bundle.min.js", ("bootstrap", "4.3.1")),
    ("https://cdnjs.cloudflare.com/ajax/libs/twitter-bootstrap/3.3.7/css/bootstrap.min.css", ("bootstrap", "3.3.7")),
    ("/bootstrap-3.3.7/js/bootstrap.min.js", ("bootstrap", "3.3.7")),
    ("/wp-includes/js/jquery/jquery.min.js?ver=3.7.1", ("jquery", "3.7.1")),
    ("/wp-includes/js/jquery/jquery.js?ver=1.12.4-wp", ("jquery", "1.12.4")),
    ("/wp-includes/js/jquery/ui/core.min.js?ver=1.13.2", ("jquery-ui", "1.13.2")),
    ("https://code.jquery.com/jquery-3.5.1.slim.min.js", ("jquery", "3.5.1")),
    ("/js/jquery.ui.core.min.js", ("jquery-ui", None)),
    ("/js/jquery.min.js", ("jquery", None)),
    ("/js/jquery.min.js?v=20200101", ("jquery", None)),
    ("/css/bootstrap.min.css", ("bootstrap", None)),
    ("/js/jquery.fancybox-1.3.4.js", None),
    ("/js/jquery-migrate-1.4.1.min.js", None),
    ("/js/jquery.cookie.js", None),
    ("/js/bootstrap-select-1.13.min.js", None),
    ("https://cdnjs.cloudflare.com/ajax/libs/jquery-cookie/1.4.1/jquery.cookie.min.js", None),
    ("/theme.js?ver=6.4.2", None),
])
def test_library_versions_from_urls(url: str, expected: tuple[str, str | None] | None) -> None:
    assert from_url("https://x.gov.vn" + url if url.startswith("/") else url) == expected


def test_library_banners() -> None:
    assert from_banner("/*! jQuery v1.11.3 | (c) 2005, 2015 jQuery Foundation */") == [("jquery", "1.11.3")]
    assert from_banner("/*!\n * jQuery JavaScript Library v1.4.4\n * http://jquery.com/") == [("jquery", "1.4.4")]
    assert from_banner("/*!\n * Bootstrap v3.3.7 (http://getbootstrap.com)\n */") == [("bootstrap", "3.3.7")]
    assert from_banner("var jQueryVersion = 'v2';") == []


def test_plugins_flash_silverlight_java() -> None:
    body = ('<object classid="clsid:D27CDB6E-AE6D-11cf-96B8-444553540000" width="500"><param name="movie" '
            'value="/banner.swf"><embed src="/banner.swf" type="application/x-shockwave-flash"></object>'
            '<object data="/app.xap" type="application/x-silverlight-2"></object>'
            '<applet code="Clock.class" width="100"></applet>'
            '<object style="height:290px"><param name="movie" value="/flash/intro.swf?x=1"></object>'
            '<script>swfobject.embedSWF("/player.swf", "video", "400", "300", "9.0.0");</script>')
    plugins = tech(page(body))["plugins"]
    kinds = [p["kind"] for p in plugins]
    # The <embed> inside the first <object> is the same plugin: not counted again.
    assert kinds == ["flash", "silverlight", "java", "flash", "flash"], plugins
    assert plugins[0]["snippet"].startswith("<object classid=")
    assert "player.swf" in plugins[-1]["snippet"]
    assert tech(page('<object data="/doc.pdf" type="application/pdf"></object><embed src="/v.mp4">'))["plugins"] == []


def test_frameset() -> None:
    html = ('<html lang="vi"><head><title>Cổng</title></head><frameset cols="20%,80%"><frame src="/menu.html" '
            'title="Menu"><frame src="/main.html"></frameset></html>')
    t = tech(html)
    assert t["frameset"] is True
    assert t["a11y"]["frames"] == 2 and t["a11y"]["frames_untitled"] == 1
    assert tech(page("<p>x</p>"))["frameset"] is False


def test_internal_hosts_in_links_values_scripts_and_comments() -> None:
    body = ('<a href="http://egov2k10/quantri/">Quản trị</a><input type="hidden" name="u" value="http://egov2k10:81">'
            '<img src="http://192.168.1.20/anh.jpg"><a href="https://intranet.sotn.local/">x</a>'
            "<script>var api = 'http:\\/\\/10.0.0.5:8080\\/api';</script>"
            "<!-- old server: http://localhost:8080/portal -->"
            '<a href="http://skhcn.hoalam.gov.vn/tin">own host</a><a href="https://chinhphu.vn/">public</a>'
            '<a href="http://8.8.8.8/">public IP</a><a href="http://www.w3.org/1999/xhtml">ns</a>')
    found = tech(page(body))["internal_hosts"]
    assert [(h["host"], h["where"]) for h in found] == [
        ("egov2k10", "a href"), ("egov2k10", "input value"), ("192.168.1.20", "img src"),
        ("intranet.sotn.local", "a href"), ("10.0.0.5", "script"), ("localhost", "comment")], found
    assert found[1]["url"] == "http://egov2k10:81" and found[4]["url"] == "http://10.0.0.5:8080/api"


@pytest.mark.parametrize(("host", "internal"), [
    ("egov2k10", True), ("localhost", True), ("10.1.2.3", True), ("172.16.0.1", True), ("172.32.0.1", False),
    ("192.168.0.10", True), ("127.0.0.1", True), ("169.254.1.1", True), ("[::1]", True), ("[fe80::1]", True),
    ("portal.lan", True), ("srv.internal", True), ("hoalam.gov.vn", False), ("8.8.8.8", False), ("1234", False),
])
def test_internal_host_names(host: str, internal: bool) -> None:
    assert internal_host(host) is internal


def test_insecure_resources_on_https_pages_only() -> None:
    body = ('<script src="http://cdn.example.vn/a.js"></script>'
            '<link rel="stylesheet" href="http://cdn.example.vn/a.css">'
            '<iframe src="http://maps.example.vn/" title="Bản đồ"></iframe>'
            '<img src="http://cdn.example.vn/a.png" alt=""><video src="http://cdn.example.vn/v.mp4"></video>'
            '<img src="/local.png" alt=""><img src="//cdn.example.vn/b.png" alt="">'
            '<a href="http://chinhphu.vn/">a plain link loads nothing</a>')
    t = tech(page(body))
    assert [(r["tag"], r["active"]) for r in t["insecure_resources"]] == [
        ("script", True), ("link", True), ("iframe", True), ("img", False), ("video", False)]
    assert t["insecure_count"] == 5
    assert tech(page(body), url="http://skhcn.hoalam.gov.vn/")["insecure_resources"] == []
    based = tech(page('<img src="/logo.png" alt="">', head='<base href="http://skhcn.hoalam.gov.vn/">'))
    assert based["insecure_resources"] == [{"url": "http://skhcn.hoalam.gov.vn/logo.png", "tag": "img",
                                            "active": False}]


def test_feeds_and_feed_pages() -> None:
    head = ('<link rel="alternate" type="application/rss+xml" title="Tin mới" href="/rss/tin-moi.rss">'
            '<link rel="alternate" type="application/atom+xml" href="/atom.xml"><link rel="alternate" hreflang="en" '
            'href="/en/">')
    body = '<a href="/feed/">Feed</a><a href="/Pages/RSS.aspx"><img src="/rss.png" alt="RSS"></a>'
    t = tech(page(body, head=head), role="home")
    assert t["feeds"] == [
        {"url": BASE + "rss/tin-moi.rss", "type": "rss", "title": "Tin mới", "via": "link"},
        {"url": BASE + "atom.xml", "type": "atom", "title": None, "via": "link"},
        {"url": BASE + "feed/", "type": "rss", "title": "Feed", "via": "anchor"}]
    assert t["feed_pages"] == [{"url": BASE + "Pages/RSS.aspx", "label": "RSS"}]
    assert "feed_pages" not in tech(page(body))


# ---------------------------------------------------------------------------------------------- accessibility
@pytest.mark.parametrize(("attrs", "lang", "valid"), [
    (' lang="vi"', "vi", True), (' lang="vi-VN"', "vi-VN", True), (' lang="en-us"', "en-us", True),
    (' lang="vn"', "vn", False), (' lang="vie"', "vie", False), (' lang="vi_VN"', "vi_VN", False),
    (' lang=" "', " ", False), ("", None, None), (' lang=""', "", None),
])
def test_lang_and_its_validity(attrs: str, lang: str | None, valid: bool | None) -> None:
    a = tech(page("<p>x</p>", html_attrs=attrs))["a11y"]
    assert a["lang"] == lang and a["lang_valid"] is valid


def test_lang_validity_checks_xml_lang_too() -> None:
    assert lang_valid("vi", "vn") is False and lang_valid(None, "vi") is True and lang_valid(None, None) is None


def test_document_title() -> None:
    assert tech(page("<p>x</p>"))["a11y"]["title"] == "Sở Khoa học"
    blank = "<html lang='vi'><head><title>  </title></head><body><p>x</p></body></html>"
    assert tech(blank)["a11y"]["title"] is None
    assert tech("<html lang='vi'><body><p>x</p></body></html>")["a11y"]["title"] is None


def test_image_alt_follows_axe() -> None:
    body = ('<img src="/1.png"><img src="/2.png" alt=""><img src="/3.png" alt=" "><img src="/4.png" alt="Logo">'
            '<img src="/5.png" aria-label="Quốc huy"><img src="/6.png" title="Bản đồ">'
            '<img src="/7.png" role="presentation"><span id="cap">Chú thích</span>'
            '<img src="/8.png" aria-labelledby="cap"><img src="/9.png" aria-labelledby="none">'
            '<div style="display:none"><img src="/hidden.png"></div><img src="/10.png" hidden>')
    a = tech(page(body))["a11y"]
    assert a["images"] == 9 and a["images_no_alt"] == 3
    assert [s["src"] for s in a["no_alt_samples"]] == [BASE + "1.png", BASE + "3.png", BASE + "9.png"]
    assert a["no_alt_samples"][0]["snippet"] == '<img src="/1.png">' and a["no_alt_samples"][0]["locator"]


def test_form_labels_follow_axe() -> None:
    body = ('<form><label for="q">Từ khóa</label><input id="q" name="q">'
            '<label>Họ tên <input name="ten"></label>'
            '<input name="email" aria-label="Thư điện tử"><span id="l">Điện thoại</span>'
            '<input name="dt" aria-labelledby="l">'
            '<input name="ma" title="Mã xác nhận"><input name="tim" placeholder="Tìm kiếm">'
            '<input name="trong"><textarea name="noi_dung"></textarea><label for="x"></label><input id="x" name="x">'
            '<input type="hidden" name="h"><input type="submit" value="Gửi"><input type="image" src="/go.png" alt="Đi">'
            '<input type="checkbox" name="dong_y"><div style="display:none"><input name="an"></div>'
            '<select name="linh_vuc"><option>Tất cả</option></select>'
            '<label for="s2">Lĩnh vực</label><select id="s2" name="s2"></select></form>')
    a = tech(page(body))["a11y"]
    assert a["inputs"] == 10 and a["inputs_unlabelled"] == 4
    assert [s["name"] for s in a["unlabelled_samples"]] == ["trong", "noi_dung", "x", "dong_y"]
    assert a["unlabelled_samples"][1]["type"] == "textarea" and a["unlabelled_samples"][3]["type"] == "checkbox"
    assert a["selects"] == 2 and a["selects_unlabelled"] == 1 and a["select_samples"][0]["name"] == "linh_vuc"


def test_heading_levels_in_order_with_roles_and_hidden_left_out() -> None:
    body = ('<h1>Sở</h1><h2>Tin tức</h2><h4>Tin mới</h4><div role="heading" aria-level="3">Thông báo</div>'
            '<div role="heading">Văn bản</div><h5 style="display:none">Ẩn</h5><h6 role="presentation">x</h6>'
            '<h3 aria-level="2">Sự kiện</h3>')
    assert tech(page(body))["a11y"]["headings"] == [1, 2, 4, 3, 2, 2]


def test_data_tables_with_and_without_header_cells() -> None:
    body = ('<table id="vb"><tr><th>Số</th><th>Trích yếu</th></tr><tr><td>1</td><td>a</td></tr></table>'
            '<table class="ds"><tr><td>Số</td><td>Trích yếu</td></tr><tr><td>1</td><td>a</td></tr></table>'
            '<table><tr><td><table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table></td></tr></table>'
            '<table role="presentation"><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>'
            '<table><tr><td>một dòng</td><td>hai cột</td></tr></table>'
            '<table><tr><td role="columnheader">A</td><td role="columnheader">B</td></tr><tr><td>1</td><td>2</td></tr>'
            "</table>")
    a = tech(page(body))["a11y"]
    # The layout table holding another is not a data table; the table inside it is.
    assert a["tables"] == 4 and a["tables_no_th"] == 2
    assert a["no_th_samples"][0]["snippet"] == '<table class="ds">'


def test_link_names_follow_axe_and_vague_texts() -> None:
    body = ('<a href="/a">Tin tức</a><a href="/b"><img src="/home.png" alt="Trang chủ"></a>'
            '<a href="/c" aria-label="Tìm"><i class="fa fa-search"></i></a>'
            '<a href="/d" title="Facebook"><i class="fa fa-facebook"></i></a>'
            '<span id="lbl">Liên hệ</span><a href="/e" aria-labelledby="lbl"></a><a href="/f"><span class="sr-only">'
            'Đăng nhập</span></a><a href="/g"></a><a href="/h">&nbsp;</a><a href="/i"><img src="/x.png"></a>'
            '<a href="/j"><img src="/y.png" alt=""></a><a href="/k"><span style="display:none">Ẩn</span></a>'
            '<a href="/l">Xem thêm</a><a href="/m"> Chi tiết </a><a href="/n">»</a><a href="/o">Click here</a>'
            '<a href="/p">Xem thêm các văn bản chỉ đạo điều hành của Sở</a><a name="top"></a>'
            '<div hidden><a href="/q"></a></div>')
    a = tech(page(body))["a11y"]
    assert a["links"] == 16 and a["links_no_name"] == 5
    assert [s["url"] for s in a["no_name_samples"]] == [BASE + c for c in ("g", "h", "i", "j", "k")]
    assert a["links_vague"] == 4 and [s["text"] for s in a["vague_samples"]] == ["Xem thêm", "Chi tiết", "»",
                                                                                 "Click here"]


def test_frame_titles_marquee_and_blink() -> None:
    body = ('<iframe src="https://www.google.com/maps/embed" title="Bản đồ"></iframe><iframe src="/video"></iframe>'
            '<iframe src="/a" title=" "></iframe><iframe src="/b" tabindex="-1"></iframe>'
            '<iframe src="/c" role="presentation"></iframe><iframe src="/d" aria-label="Video"></iframe>'
            '<marquee>Chào mừng</marquee><marquee style="display:none">x</marquee><blink>Mới</blink>')
    a = tech(page(body))["a11y"]
    assert a["frames"] == 5 and a["frames_untitled"] == 2
    assert [s["src"] for s in a["untitled_samples"]] == [BASE + "video", BASE + "a"]
    assert a["marquee"] == 2 and a["blink"] == 1 and a["marquee_samples"][0]["snippet"] == "<marquee>"


def test_clean_page_has_nothing_to_report() -> None:
    html = page('<div id="content"><h1>Sở Khoa học</h1><h2>Tin tức</h2><p>' + SENTENCE + '</p>'
                '<img src="/a.png" alt="Ảnh hội nghị"><a href="/tin/1">Hội nghị tổng kết</a></div>',
                head='<meta name="viewport" content="width=device-width, initial-scale=1">')
    t = tech(html)
    a = t["a11y"]
    assert (a["images_no_alt"], a["inputs_unlabelled"], a["links_no_name"], a["links_vague"], a["frames_untitled"],
            a["tables_no_th"], a["marquee"], a["blink"]) == (0, 0, 0, 0, 0, 0, 0, 0)
    assert a["headings"] == [1, 2] and a["lang_valid"] is True
    assert (t["fixed_widths"], t["plugins"], t["internal_hosts"], t["insecure_resources"], t["libraries"]) == (
        [], [], [], [], [])


# ---------------------------------------------------------------------------------------------- robots, sitemap, feed
def test_robots_facts() -> None:
    good = robots_facts(b"# robots\nUser-agent: *\nDisallow: /admin\nCrawl-delay: 5\nHost: x\n\n"
                        b"User-agent: Googlebot\nAllow: /\nSitemap: https://x/sitemap.xml\n")
    assert good == {"ok": True, "html": False, "parse_errors": 0, "error_lines": [], "disallow_all": False,
                    "user_agents": ["*", "Googlebot"]}
    bad = robots_facts(b"Disallow: /tmp\nUser-agent: *\nDisallow: /\nkhong phai dong hop le\n")
    assert bad["ok"] is False and bad["parse_errors"] == 2 and bad["disallow_all"] is True
    assert bad["error_lines"] == ["Disallow: /tmp", "khong phai dong hop le"]
    assert robots_facts(b"User-agent: *\nDisallow: /\nAllow: /tin-tuc\n")["disallow_all"] is False
    soft = robots_facts("<!DOCTYPE html><html><body>Trang không tồn tại</body></html>".encode())
    assert soft["html"] is True and soft["ok"] is False
    assert robots_facts(b"")["ok"] is True


def test_sitemap_well_formed_and_lastmod() -> None:
    good = parse_sitemap(b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                         b"<url><loc>https://x/a</loc><lastmod>2026-11-01</lastmod></url><url><loc>https://x/b</loc>"
                         b"</url></urlset>")
    assert good.well_formed is True and good.dated == 1 and len(good.urls) == 2
    broken = parse_sitemap(b"<urlset><url><loc>https://x/a & b</loc></url><url><loc>https://x/c</loc>")
    assert broken.well_formed is False and broken.urls  # read anyway, but not well-formed
    index = parse_sitemap(b"<sitemapindex><sitemap><loc>https://x/s1.xml</loc><lastmod>2026-11-01</lastmod>"
                          b"</sitemap></sitemapindex>")
    assert index.well_formed is True and index.dated == 1 and index.children == ["https://x/s1.xml"]


def test_feed_facts() -> None:
    rss = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin</title>'
           b"<item><title>a</title><pubDate>Tue, 24 Nov 2026 08:00:00 +0700</pubDate></item>"
           b"<item><title>b</title><pubDate>20/11/2026 10:30</pubDate></item><item><title>c</title></item>"
           b"</channel></rss>")
    assert feed_fact(rss) == {"ok": True, "kind": "rss", "items": 3, "dated": 2, "newest": "2026-11-24T08:00:00+07:00",
                              "error": None}
    atom = (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><entry><updated>2026-11-20T01:00:00Z</updated>'
            b"</entry></feed>")
    assert feed_fact(atom)["kind"] == "atom" and feed_fact(atom)["newest"] == "2026-11-20T01:00:00+00:00"
    rdf = (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
           b'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel/><item><dc:date>2026-11-02</dc:date></item></rdf:RDF>')
    assert feed_fact(rdf)["kind"] == "rdf" and feed_fact(rdf)["dated"] == 1
    assert feed_fact(b"<rss><channel><item><title>a &</title></item></channel>")["error"] == "not_well_formed"
    assert feed_fact(b"<!DOCTYPE html><html><body>RSS</body></html>")["error"] == "html"
    assert feed_fact(b"Service Unavailable")["error"] == "not_xml"
    assert feed_fact(b"<urlset/>")["error"] == "unexpected_root:urlset"
    assert feed_fact(b'<!DOCTYPE rss [<!ENTITY x "y">]><rss/>')["error"] == "entities_refused"


@pytest.mark.parametrize(("text", "iso"), [
    ("Tue, 24 Nov 2026 08:00:00 GMT", "2026-11-24T08:00:00+00:00"),
    ("2026-11-24T08:00:00+07:00", "2026-11-24T08:00:00+07:00"),
    ("2026-11-24", "2026-11-24T00:00:00+07:00"),
    ("24/11/2026", "2026-11-24T00:00:00+07:00"),
    ("hôm qua", None),
])
def test_feed_dates(text: str, iso: str | None) -> None:
    parsed = parse_date(text)
    assert (parsed.isoformat() if parsed else None) == iso


# ---------------------------------------------------------------------------------------------- real pages
@pytest.mark.corpus
def test_real_pages_cost_and_known_flaws() -> None:
    """The shared corpus (third-party pages, read at run time only): no false mojibake, the known flaws found."""
    if not (CORPUS / "labels.json").is_file():
        pytest.skip("shared corpus not present")
    spent = []
    for path in sorted((CORPUS / "pages").glob("*.html")):
        body = path.read_bytes()
        parsed = ParsedPage("https://portal.example.gov.vn/", body, "text/html; charset=utf-8")
        role = "home" if "_home_" in path.name else "content"
        _facts, found = page_facts_scan(parsed, role, set())
        started = time.perf_counter()
        t = tech_facts(parsed, body, "text/html; charset=utf-8", found=found, home=role == "home")
        spent.append(time.perf_counter() - started)
        json.dumps(t)
        assert t["charset"]["mojibake"]["count"] == 0, (path.name, t["charset"]["mojibake"])
        assert t["charset"]["legacy_fonts"] == [] and t["charset"]["decodes_utf8"], path.name
        if path.name.startswith("daknong_"):
            # SharePoint 2010 portals of Đắk Nông (docs/reference portal-structures §6): IE=8, en-us, old jQuery,
            # the internal egov2k10 host.
            assert t["x_ua_compatible"] == "IE=8" and t["a11y"]["lang"] == "en-us", path.name
            assert any(lib["name"] == "jquery" and lib["version"].startswith("1.") for lib in t["libraries"]
                       if lib["version"]), path.name
            assert any(h["host"] == "egov2k10" for h in t["internal_hosts"]), path.name
        assert t["viewport"] is None or path.name.startswith("soctrang"), path.name
    # Generous: the measured mean is a few milliseconds per page; this only catches an accidental slow path.
    assert sum(spent) / len(spent) < 0.05
