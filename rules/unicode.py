"""Unicode rules (UC-xxx): UTF-8, legacy Vietnamese encodings and fonts, NFC text (TCVN 6909:2001).

They read ``facts["tech"]["charset"]`` of every HTML page fetched (docs/facts.md): the charset of the
``Content-Type`` header and of the ``<meta>`` tag, the byte-order mark, whether the bytes decode as
UTF-8, legacy fonts named in markup and CSS, mojibake counts and whether the text is NFC.  The
basis (Decree 43/2011 Art. 7, Circular 24/2011 Art. 5) is the legacy benchmark that Decree 42/2022
replaced; the obligation to use Vietnamese Unicode (TCVN 6909:2001) is what portals were built to.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from nd42.records import Evidence, Finding, PageFetch, PortalSnapshot, Severity, Status
from rules import citations as cite
from rules.base import ComplianceRule, Option, RuleContext, register
from rules.techfacts import (
    PageVerdict,
    count,
    html_pages,
    no_tech_facts,
    part,
    samples,
    shorten,
    status_option,
    summarise,
    text_of,
)

# WHATWG Encoding Standard labels of UTF-8 (what browsers accept as a UTF-8 declaration).
UTF8_LABELS = frozenset(("utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"))
# Vietnamese 8-bit encodings that predate Unicode: a page declaring one is legacy Vietnamese.
LEGACY_ENCODINGS = frozenset(("windows-1258", "cp1258", "x-cp1258", "viscii", "csviscii", "tcvn", "tcvn3",
                              "tcvn-5712", "tcvn5712-1", "x-viet-tcvn5712", "vni", "x-viet-vni", "x-viet-vps", "vps"))


def charset_name(value: Any) -> str | None:
    """A declared charset as a lower-case label without quotes; ``None`` when not declared."""
    text = text_of(value)
    if not text:
        return None
    return text.strip("\"' ").lower() or None


def bom_name(value: Any) -> str | None:
    """The byte-order mark's encoding (a bare ``true`` is a UTF-8 BOM, the only one HTML pages carry)."""
    if value is True:
        return "utf-8"
    return charset_name(value)


def is_utf8(name: str) -> bool:
    return name in UTF8_LABELS


def declarations(charset: dict[str, Any]) -> list[tuple[str, str]]:
    """``(where, label)`` of every charset declaration of a page: BOM, HTTP header, meta tag."""
    out = []
    for where, value in (("BOM", bom_name(charset.get("bom"))), ("Content-Type", charset_name(charset.get("header"))),
                         ("<meta>", charset_name(charset.get("meta")))):
        if value:
            out.append((where, value))
    return out


def _yes_no(value: Any) -> str:
    return "có / yes" if value is True else "không / no" if value is False else "?"


def font_family(name: str) -> str:
    """Which legacy Vietnamese font family a font name belongs to (for the message)."""
    lowered = name.strip().lower()
    if lowered.startswith(".vn"):
        return "TCVN3 (ABC)"
    if lowered.startswith("vni"):
        return "VNI"
    if lowered.startswith("vps"):
        return "VPS"
    return "legacy"


def font_names(value: Any) -> list[str]:
    out = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, dict):
            item = item.get("font") or item.get("name")
        if isinstance(item, str) and item.strip() and item.strip() not in out:
            out.append(item.strip())
    return out


# ---------------------------------------------------------------------------------------------- UC-001
@register
class Utf8(ComplianceRule):
    """Pages are encoded and declared as UTF-8 (Vietnamese Unicode, TCVN 6909:2001).

    **What it checks**
    Every HTML page fetched (the home page first): the charset of the ``Content-Type`` header, of
    the ``<meta charset>`` (or ``http-equiv``) tag and of a byte-order mark, and whether the bytes
    decode as UTF-8.  UTF-8 declared (by one or several of them, none contradicting) and bytes
    that decode → the page passes.  Declared UTF-8 but invalid bytes → fail; any other charset
    declared (windows-1258, iso-8859-1 …) → fail; nothing declared, bytes not UTF-8 → fail;
    nothing declared but the bytes decode as UTF-8 → ``undeclared_status`` (warn): the browser has
    to guess.  The finding is the worst page.

    **Why it matters**
    Decree 43/2011 Art. 7 and Circular 24/2011 Art. 5 require the Vietnamese Unicode character set
    of TCVN 6909:2001 (legacy benchmark; Decree 42/2022 replaced the decree).  A page in another
    encoding, or undeclared, shows broken Vietnamese letters in some browsers and cannot be
    searched or reused as Unicode text.

    **Non-compliant**
    ``Content-Type: text/html; charset=windows-1258``; or ``<meta charset="utf-8">`` on a page
    saved in a legacy encoding (its bytes are not UTF-8); or a page with Vietnamese bytes that are
    not UTF-8 and no declaration at all.

    **Compliant**
    ``Content-Type: text/html; charset=utf-8`` and ``<meta charset="utf-8">``, the content saved
    as UTF-8.

    **Remediation**
    Save templates and content as UTF-8, send ``charset=utf-8`` in the ``Content-Type`` header and
    put ``<meta charset="utf-8">`` first in ``<head>``; convert legacy content with a converter
    (e.g. Unikey's "Chuyển mã").
    """

    id = "UC-001"
    name = "technical.utf8"
    title_vi = "Trang dùng bảng mã UTF-8"
    title_en = "Pages are UTF-8"
    area = "technical"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND43_7, cite.TT24_5)
    options = status_option("undeclared_status", "warn", "trang không khai báo bảng mã (nhưng nội dung là UTF-8)",
                            "a page declares no charset (its bytes are UTF-8)")
    description_vi = ("Mọi trang HTML đã tải phải dùng bảng mã Unicode UTF-8: bảng mã khai báo trong tiêu đề HTTP "
                      "Content-Type, trong thẻ <meta charset> và dấu BOM đều là UTF-8 (hoặc chỉ khai báo ở một chỗ) và "
                      "nội dung giải mã được theo UTF-8. Khai báo bảng mã khác (windows-1258, iso-8859-1…) hoặc nội "
                      "dung không phải UTF-8 là không đạt; không khai báo gì thì bị cảnh báo.")
    remediation_vi = ("Lưu mẫu giao diện và nội dung ở dạng UTF-8; cấu hình máy chủ gửi \"Content-Type: text/html; "
                      "charset=utf-8\" và đặt <meta charset=\"utf-8\"> ở đầu thẻ <head>; chuyển mã nội dung cũ sang "
                      "Unicode (ví dụ chức năng chuyển mã của Unikey).")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        pages = html_pages(snapshot)
        if not pages:
            yield no_tech_facts(self, snapshot, ctx)
            return
        undeclared = Status(ctx.options["undeclared_status"])
        verdicts = [self._page(page, undeclared) for page in pages]
        yield summarise(
            self, ctx, verdicts,
            what_vi="Bảng mã ký tự không phải UTF-8 hoặc không được khai báo",
            what_en="A charset other than UTF-8, or no declared charset,",
            ok_vi="Mọi trang đã kiểm tra đều khai báo và dùng bảng mã UTF-8",
            ok_en="Every page checked declares and uses UTF-8",
            columns=["Content-Type charset", "<meta charset>", "BOM", "Giải mã UTF-8 / Decodes as UTF-8",
                     "Đoán / Detected"])

    def _page(self, page: PageFetch, undeclared: Status) -> PageVerdict:
        charset = part(page, "charset")
        declared = declarations(charset)
        decodes = charset.get("decodes_utf8")
        detected = charset_name(charset.get("detected"))
        cells = [charset_name(charset.get("header")) or "—", charset_name(charset.get("meta")) or "—",
                 bom_name(charset.get("bom")) or "—", _yes_no(decodes),
                 detected or "—"]
        shown = ", ".join(f"{where}: {label}" for where, label in declared)
        other = [(where, label) for where, label in declared if not is_utf8(label)]
        if other:
            what = ", ".join(f"{label} ({where})" for where, label in other)
            return PageVerdict(page, Status.FAIL, f"khai báo bảng mã {what}", f"declares {what}", locator="charset",
                               value=shown, cells=cells)
        if declared:
            if decodes is False:
                guess_vi = f" (có thể là {detected})" if detected and not is_utf8(detected) else ""
                guess_en = f" (probably {detected})" if detected and not is_utf8(detected) else ""
                return PageVerdict(page, Status.FAIL, f"khai báo UTF-8 nhưng nội dung không giải mã được theo UTF-8"
                                   f"{guess_vi}", f"declares UTF-8 but its bytes do not decode as UTF-8{guess_en}",
                                   locator="charset", value=shown, cells=cells)
            return PageVerdict(page, Status.PASS, "UTF-8", "UTF-8", locator="charset", value=shown, cells=cells)
        if decodes is False:
            guess = f" ({detected})" if detected else ""
            return PageVerdict(page, Status.FAIL, f"không khai báo bảng mã và nội dung không phải UTF-8{guess}",
                               f"declares no charset and its bytes are not UTF-8{guess}", locator="charset",
                               value=detected or "", cells=cells)
        return PageVerdict(page, undeclared, "không khai báo bảng mã ở tiêu đề HTTP lẫn thẻ <meta> (trình duyệt phải "
                           "đoán)", "declares no charset in the HTTP header or a <meta> tag (browsers must guess)",
                           locator="charset", value="", cells=cells)


# ---------------------------------------------------------------------------------------------- UC-002
@register
class LegacyVietnamese(ComplianceRule):
    """No legacy Vietnamese encodings or fonts (TCVN3/ABC, VNI, windows-1258) and no garbled text.

    **What it checks**
    Every HTML page fetched: legacy Vietnamese fonts named in the markup or CSS (TCVN3/ABC
    ``.VnTime``, ``.VnArial``…, VNI ``VNI-Times``…), a legacy Vietnamese charset declared in the
    header or meta tag (windows-1258, VISCII, TCVN 5712, VNI) or detected in undeclared non-UTF-8
    bytes, or mojibake — UTF-8 read as another encoding ("Viá»‡t Nam"), or TCVN3 or VNI bytes
    shown as Latin-1 — at least ``min_mojibake`` (3) times in the text.  Any of these →
    ``legacy_status`` (fail).  Fewer mojibake hits are reported in the details only (a stray
    string is no evidence of a legacy encoding).

    **Why it matters**
    Decree 43/2011 Art. 7 and Circular 24/2011 Art. 5 require Vietnamese Unicode (TCVN 6909:2001).
    Text typed in TCVN3 or VNI only reads correctly with those fonts installed; for everyone else,
    search engines and screen readers it is garbage.

    **Non-compliant**
    ``<font face=".VnTime">Th«ng b¸o</font>``; ``font-family: "VNI-Times"`` in a stylesheet;
    ``<meta charset="windows-1258">``; article text full of "Ä‘" and "á»".

    **Compliant**
    Unicode text in ordinary fonts (Arial, Times New Roman, Roboto …), declared UTF-8.

    **Remediation**
    Convert the legacy text to Unicode (Unikey "Chuyển mã": TCVN3 or VNI → Unicode dựng sẵn),
    remove the legacy font names from templates, styles and articles, and re-save broken articles
    from their source documents.
    """

    id = "UC-002"
    name = "technical.legacy-vietnamese"
    title_vi = "Không dùng bảng mã, phông chữ tiếng Việt cũ (TCVN3, VNI)"
    title_en = "No legacy Vietnamese encodings or fonts"
    area = "technical"
    severity = Severity.HIGH
    legal_refs = (cite.ND43_7, cite.TT24_5)
    options: ClassVar[Mapping[str, Option]] = {
        **status_option("legacy_status", "fail", "trang dùng phông, bảng mã tiếng Việt cũ hoặc có chữ lỗi mã",
                        "a page uses legacy Vietnamese fonts or encodings, or shows mojibake"),
        "min_mojibake": Option(int, 3, "Số chuỗi ký tự lỗi mã (mojibake) tối thiểu trên một trang để kết luận.",
                               "The number of mojibake strings on a page that counts as evidence.", minimum=1),
    }
    description_vi = ("Không trang nào dùng phông chữ tiếng Việt cũ (TCVN3/ABC như .VnTime, .VnArial; VNI như "
                      "VNI-Times), khai báo bảng mã tiếng Việt cũ (windows-1258, VISCII, TCVN, VNI) hoặc hiển thị chữ "
                      "lỗi mã (ví dụ \"Viá»‡t Nam\") từ ngưỡng cấu hình trở lên.")
    remediation_vi = ("Chuyển toàn bộ văn bản cũ sang Unicode dựng sẵn (ví dụ Unikey: TCVN3 hoặc VNI → Unicode), bỏ "
                      "tên phông cũ khỏi mẫu giao diện, CSS và bài viết; đăng lại các bài bị lỗi mã từ văn bản gốc.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        pages = html_pages(snapshot)
        if not pages:
            yield no_tech_facts(self, snapshot, ctx)
            return
        bad = Status(ctx.options["legacy_status"])
        minimum = int(ctx.options["min_mojibake"])
        verdicts = [self._page(page, bad, minimum) for page in pages]
        fonts = sorted({f for page in pages for f in font_names(part(page, "charset").get("legacy_fonts"))})
        yield summarise(
            self, ctx, verdicts,
            what_vi="Phông chữ, bảng mã tiếng Việt cũ hoặc chữ lỗi mã",
            what_en="Legacy Vietnamese fonts or encodings, or mojibake,",
            ok_vi="Không thấy phông chữ, bảng mã tiếng Việt cũ hay chữ lỗi mã",
            ok_en="No legacy Vietnamese fonts or encodings and no mojibake were found",
            columns=["Phông cũ / Legacy fonts", "Bảng mã cũ / Legacy charset", "Lỗi mã / Mojibake"],
            details={"legacy_fonts": fonts, "min_mojibake": minimum})

    def _page(self, page: PageFetch, bad: Status, minimum: int) -> PageVerdict:
        charset = part(page, "charset")
        fonts = font_names(charset.get("legacy_fonts"))
        legacy = [(where, label) for where, label in declarations(charset) if label in LEGACY_ENCODINGS]
        detected = charset_name(charset.get("detected"))
        if not legacy and charset.get("decodes_utf8") is False and detected in LEGACY_ENCODINGS:
            # Undeclared, but the bytes read as windows-1258 give Vietnamese (the crawler's test).
            legacy.append(("bytes", detected or ""))
        mojibake = charset.get("mojibake")
        mojibake = mojibake if isinstance(mojibake, dict) else {}
        hits = count(mojibake.get("count"))
        garbled = samples(mojibake.get("samples"))
        cells = [", ".join(fonts) or "—", ", ".join(f"{label} ({where})" for where, label in legacy) or "—", hits]
        found_vi: list[str] = []
        found_en: list[str] = []
        shown: list[str] = []
        if fonts:
            families = sorted({font_family(f) for f in fonts})
            found_vi.append(f"phông {', '.join(families)}: {', '.join(fonts[:5])}")
            found_en.append(f"{', '.join(families)} fonts {', '.join(fonts[:5])}")
            shown += [shorten(s) for s in samples(charset.get("legacy_fonts"))
                      if s not in fonts]  # markup snippets, when recorded, besides the names
        declared = [(where, label) for where, label in legacy if where != "bytes"]
        if declared:
            what = ", ".join(f"{label} ({where})" for where, label in declared)
            found_vi.append(f"khai báo bảng mã {what}")
            found_en.append(f"declares {what}")
        elif legacy:
            found_vi.append(f"nội dung ở bảng mã {legacy[0][1]} (không khai báo)")
            found_en.append(f"its bytes are {legacy[0][1]} (undeclared)")
        if hits >= minimum:
            found_vi.append(f"{hits} chuỗi chữ lỗi mã")
            found_en.append(f"{hits} mojibake string(s)")
            shown += garbled
        if found_vi:
            return PageVerdict(page, bad, "; ".join(found_vi), "; ".join(found_en), samples=shown[:3],
                               locator="fonts, charset and text", value="; ".join(found_en), cells=cells)
        note_vi = f"{hits} chuỗi nghi lỗi mã (dưới ngưỡng {minimum})" if hits else ""
        note_en = f"{hits} possible mojibake string(s) (below {minimum})" if hits else ""
        return PageVerdict(page, Status.PASS, note_vi, note_en, samples=garbled if hits else [], cells=cells)


# ---------------------------------------------------------------------------------------------- UC-003
@register
class NormalisedText(ComplianceRule):
    """The text is Unicode in composed form (NFC, "Unicode dựng sẵn").

    **What it checks**
    Every HTML page fetched: the crawler's ``nfc`` fact says whether the page's text is in
    Unicode Normalization Form C.  Decomposed letters (a base letter followed by combining marks,
    "Unicode tổ hợp", e.g. typed with a "tổ hợp" input method or pasted from some editors) →
    ``non_nfc_status`` (warn), with samples.  Pages where the fact was not recorded are left out;
    none recorded → ``not_determinable``.

    **Why it matters**
    TCVN 6909:2001 (Decree 43/2011 Art. 7, Circular 24/2011 Art. 5) is the Unicode repertoire;
    composed and decomposed letters look alike but compare differently, so decomposed text is
    missed by the portal's own search, by search engines and by document indexes, and some fonts
    draw the marks misplaced.

    **Non-compliant**
    "Vie\\u0302\\u0323t Nam" (e + combining circumflex + combining dot below) in an article.

    **Compliant**
    "Việt Nam" with precomposed letters (U+1EC7).

    **Remediation**
    Set input methods to "Unicode dựng sẵn" (Unikey: bảng mã Unicode), normalise text to NFC when
    it is saved (most CMSs have a filter for it) and convert the existing articles.
    """

    id = "UC-003"
    name = "technical.nfc"
    title_vi = "Văn bản ở dạng Unicode dựng sẵn (NFC)"
    title_en = "Text is in NFC"
    area = "technical"
    severity = Severity.LOW
    legal_refs = (cite.ND43_7, cite.TT24_5)
    options = status_option("non_nfc_status", "warn", "trang có chữ Unicode tổ hợp (không phải NFC)",
                            "a page has decomposed (non-NFC) text")
    description_vi = ("Văn bản trên các trang phải ở dạng Unicode dựng sẵn (chuẩn hóa NFC); chữ ở dạng Unicode tổ "
                      "hợp (chữ cái cộng dấu rời) bị cảnh báo kèm ví dụ.")
    remediation_vi = ("Đặt bộ gõ ở chế độ Unicode dựng sẵn, chuẩn hóa văn bản về NFC khi lưu (bộ lọc của CMS) và "
                      "chuyển đổi các bài đã đăng.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        pages = html_pages(snapshot)
        if not pages:
            yield no_tech_facts(self, snapshot, ctx)
            return
        bad = Status(ctx.options["non_nfc_status"])
        verdicts = []
        for page in pages:
            charset = part(page, "charset")
            nfc = charset.get("nfc")
            if not isinstance(nfc, bool):
                continue
            if nfc:
                verdicts.append(PageVerdict(page, Status.PASS, cells=["NFC"]))
            else:
                shown = samples(charset.get("non_nfc_samples"))
                verdicts.append(PageVerdict(page, bad, "chữ Unicode tổ hợp (không phải NFC)",
                                            "decomposed (non-NFC) text", samples=shown, locator="text",
                                            value=" | ".join(shown), cells=["NFD / không NFC"]))
        if not verdicts:
            home = snapshot.home()
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                "Không có dữ liệu về dạng chuẩn hóa Unicode của văn bản trên các trang; không đánh giá được.",
                "Whether the pages' text is NFC was not recorded; nothing could be judged.",
                details={"pages_checked": 0, "pages_with_tech": len(pages)},
                evidence=[] if home is None else [Evidence(url=home.url, locator="facts.tech.charset.nfc")],
                error_class="nfc_not_recorded")
            return
        yield summarise(
            self, ctx, verdicts,
            what_vi="Chữ Unicode tổ hợp (không phải dạng dựng sẵn NFC)",
            what_en="Decomposed Unicode text (not NFC)",
            ok_vi="Văn bản trên các trang đã kiểm tra đều ở dạng Unicode dựng sẵn (NFC)",
            ok_en="The text of every page checked is NFC",
            columns=["Dạng / Form"])


