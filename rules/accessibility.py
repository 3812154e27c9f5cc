"""Accessibility rules (AC-xxx): what static HTML can decide of WCAG 2.0 A/AA and Circular 32/2017 Art. 18.1.

They read ``facts["tech"]["a11y"]`` of every HTML page fetched (docs/facts.md): the ``<html lang>``,
the title, counts of images without alt text, unlabelled form controls, nameless and vague
links, untitled frames, data tables without header cells, marquee and blink elements, and the
heading levels in document order.  Where axe-core has the same check (html-has-lang,
html-lang-valid, document-title, image-alt, label/select-name, link-name, marquee, blink,
frame-title, heading-order, td-has-header) the verdicts are meant to agree with it:
``tests/browser/test_axe_agreement.py`` runs axe-core in Chromium on the same fixture pages.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from nd42.records import Finding, PageFetch, PortalSnapshot, Severity, Status
from rules import citations as cite
from rules import facts
from rules.base import ComplianceRule, Option, RuleContext, register
from rules.techfacts import (
    PageVerdict,
    count,
    html_pages,
    no_tech_facts,
    part,
    samples,
    status_option,
    summarise,
    text_of,
)

ACCESSIBILITY_REFS = (cite.ND224_10_3_C, cite.TT26_5_1, cite.TT22_WCAG)
# Circular 32/2017 Art. 18.1 names these checks (text equivalents, meaningful links, headings,
# table headers, no blinking or moving text).
ART18_REFS = (*ACCESSIBILITY_REFS, cite.TT32_18_1)

# The two-letter primary language subtags axe-core 4.14 accepts (ISO 639-1, plus the withdrawn
# in, iw, ji, jw, mo, sh and bh): html-lang-valid fails any other two-letter subtag ("vn", "jp").
_ISO639_1 = """
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en
eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik in io is it iu iw
ja ji jv jw ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mo mr ms mt
my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm
sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
"""
ISO639_1 = frozenset(_ISO639_1.split())
# Marks only Vietnamese puts on Latin letters (tones, breve, horn, circumflex) and đ.
_VI_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")
_WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS = 15
VIETNAMESE_SHARE = 0.35


def violation_option(default: str, what_vi: str, what_en: str) -> dict[str, Option]:
    return status_option("violation_status", default, what_vi, what_en)


def a11y_pages(snapshot: PortalSnapshot) -> list[PageFetch]:
    """The fetched HTML pages whose accessibility facts were recorded, home page first."""
    return [p for p in html_pages(snapshot) if part(p, "a11y")]


def content_language(page: PageFetch) -> tuple[str | None, float, int]:
    """``("vi" | "other" | None, share of Vietnamese words, words read)`` from the page's text and title.

    A word is Vietnamese when it carries a Vietnamese tone or vowel mark, or đ: Vietnamese prose
    has them on most syllables, English prose almost never (proper names aside).  Fewer than
    ``MIN_WORDS`` words: undecided.
    """
    a11y = part(page, "a11y")
    text = f"{text_of(a11y.get('title')) or ''} {facts.text(page)}"
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS:
        return None, 0.0, len(words)
    marked = sum(1 for w in words if "đ" in w.lower()
                 or any(c in _VI_MARKS for c in unicodedata.normalize("NFD", w)))
    share = marked / len(words)
    return ("vi" if share >= VIETNAMESE_SHARE else "other"), round(share, 2), len(words)


def lang_problem(lang: str | None, recorded_valid: Any = None, xml_lang: str | None = None
                 ) -> tuple[str, str, str] | None:
    """Why a ``lang`` value is missing or invalid (axe html-has-lang / html-lang-valid), or ``None``.

    ``recorded_valid`` is the crawler's ``lang_valid`` (checked against the whole IANA registry);
    without it two-letter codes are checked against ISO 639-1 and three-letter ones for their form.
    Returns ``(kind, vi, en)``; ``kind`` is ``missing`` or ``invalid``.
    """
    if lang is None or not lang.strip():
        if xml_lang:
            return ("missing", f"thẻ <html> chỉ có xml:lang=\"{xml_lang}\", không có thuộc tính lang (trang HTML cần "
                    "lang)", f"<html> has only xml:lang=\"{xml_lang}\", no lang attribute (HTML pages need lang)")
        return "missing", "thẻ <html> không có thuộc tính lang", "<html> has no lang attribute"
    primary = lang.strip().lower().split("-")[0]
    if isinstance(recorded_valid, bool):
        valid = recorded_valid
    else:
        valid = (len(primary) == 2 and primary in ISO639_1) or (len(primary) == 3 and primary.isascii()
                                                                  and primary.isalpha())
    if valid:
        return None
    hint_vi = " (tiếng Việt là “vi”, không phải “vn”)" if primary in ("vn", "vi_vn") else ""
    hint_en = " (Vietnamese is “vi”, not “vn”)" if primary in ("vn", "vi_vn") else ""
    if "_" in primary:
        hint_vi = " (mã ngôn ngữ dùng dấu gạch ngang: “vi-VN”, không phải “vi_VN”)"
        hint_en = " (language tags use a hyphen: “vi-VN”, not “vi_VN”)"
    return ("invalid", f"lang=\"{lang}\" không phải mã ngôn ngữ hợp lệ{hint_vi}",
            f"lang=\"{lang}\" is not a valid language code{hint_en}")


# ---------------------------------------------------------------------------------------------- AC-001
@register
class PageLanguage(ComplianceRule):
    """Every page declares its language, ``vi`` for Vietnamese content (``<html lang="vi">``).

    **What it checks**
    On every HTML page fetched, the ``lang`` attribute of ``<html>``: missing or empty → fail
    (axe html-has-lang); a primary subtag that is no language code (``vn``, ``vi_VN``) → fail
    (axe html-lang-valid: the crawler checks it against the IANA language subtags axe-core
    accepts); a valid code other than ``vi`` on a page whose text is mostly Vietnamese
    (at least 35 % of its words carry Vietnamese marks) → fail (``en-us`` on Vietnamese
    content).  English pages with ``lang="en"`` pass.  The bad status is ``violation_status``.

    **Why it matters**
    WCAG 2.0 success criterion 3.1.1 (Language of Page, level A), which Circular 26/2020 and
    Circular 22/2023 (WCAG ≥ 2.0, unverified) apply and Decree 224/2026 Art. 10.3.c requires in
    general terms.  Screen readers choose their voice by ``lang``: Vietnamese read with an English
    voice is unintelligible, and browsers offer to "translate from English".

    **Non-compliant**
    ``<html lang="en-us">`` on a SharePoint portal with Vietnamese content; ``<html>`` without
    ``lang``; ``<html lang="vn">``.

    **Compliant**
    ``<html lang="vi">`` (or ``vi-VN``) on Vietnamese pages, ``<html lang="en">`` on the English
    pages.

    **Remediation**
    Set ``lang="vi"`` on the master page/theme's ``<html>`` element (SharePoint: the master page;
    Liferay: the theme's portal_normal template) and ``lang="en"`` on the English site.
    """

    id = "AC-001"
    name = "technical.lang"
    title_vi = "Khai báo ngôn ngữ trang (lang=\"vi\")"
    title_en = "Page language declared (lang=\"vi\")"
    area = "technical"
    severity = Severity.MEDIUM
    legal_refs = ACCESSIBILITY_REFS
    options = violation_option("fail", "trang thiếu hoặc khai báo sai ngôn ngữ",
                               "a page's language is missing or wrong")
    description_vi = ("Thẻ <html> của mọi trang phải có thuộc tính lang hợp lệ; trang có nội dung tiếng Việt phải "
                      "khai báo lang=\"vi\" (hoặc vi-VN). Thiếu lang, mã không hợp lệ (như \"vn\") hoặc khai báo ngôn "
                      "ngữ khác (như en-us) cho nội dung tiếng Việt là không đạt.")
    remediation_vi = ("Đặt lang=\"vi\" cho thẻ <html> trong trang mẫu (master page của SharePoint, portal_normal của "
                      "giao diện Liferay…) và lang=\"en\" cho các trang tiếng Anh.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        pages = a11y_pages(snapshot)
        if not pages:
            yield no_tech_facts(self, snapshot, ctx)
            return
        bad = Status(ctx.options["violation_status"])
        verdicts = [self._page(page, bad) for page in pages]
        yield summarise(
            self, ctx, verdicts,
            what_vi="Ngôn ngữ trang thiếu, không hợp lệ hoặc không khớp nội dung",
            what_en="A missing, invalid or mismatched page language",
            ok_vi="Mọi trang đã kiểm tra đều khai báo đúng ngôn ngữ (lang)",
            ok_en="Every page checked declares its language correctly",
            columns=["lang", "Nội dung / Content", "Tỷ lệ từ tiếng Việt / Vietnamese words"])

    def _page(self, page: PageFetch, bad: Status) -> PageVerdict:
        a11y = part(page, "a11y")
        lang = text_of(a11y.get("lang"))
        language, share, words = content_language(page)
        cells = [lang if lang is not None else "—", {"vi": "tiếng Việt / Vietnamese", "other": "khác / other"}.get(
            language or "", "? (ít chữ / little text)"), f"{share:.0%} / {words}"]
        value = f"lang=\"{lang}\"" if lang is not None else "no lang"
        problem = lang_problem(lang, a11y.get("lang_valid"), text_of(a11y.get("xml_lang")))
        if problem is not None:
            return PageVerdict(page, bad, problem[1], problem[2], locator="html[lang]", value=value, cells=cells,
                               problem=problem[0])
        assert lang is not None
        primary = lang.strip().lower().split("-")[0]
        if language == "vi" and primary != "vi":
            return PageVerdict(page, bad, f"lang=\"{lang}\" trong khi nội dung là tiếng Việt ({share:.0%} số từ có "
                               "dấu tiếng Việt)", f"lang=\"{lang}\" while the content is Vietnamese ({share:.0%} of "
                               "the words carry Vietnamese marks)", locator="html[lang]", value=value, cells=cells,
                               problem="mismatch")
        return PageVerdict(page, Status.PASS, locator="html[lang]", value=value, cells=cells)


# ---------------------------------------------------------------------------------------------- AC-002
@register
class DocumentTitle(ComplianceRule):
    """Every page has a non-empty ``<title>``.

    **What it checks**
    On every HTML page fetched, the text of ``<title>`` (axe document-title): missing or blank →
    ``violation_status`` (fail).  Pages sharing one generic title are listed in the details (a
    hint, not a verdict).

    **Why it matters**
    WCAG 2.0 success criterion 2.4.2 (Page Titled, level A): the title is what a screen reader
    announces first, what a browser tab and a bookmark show, and the link text in search results.
    Basis: Circular 26/2020 Art. 5.1, Circular 22/2023 (WCAG ≥ 2.0, unverified), Decree 224/2026
    Art. 10.3.c.

    **Non-compliant**
    ``<title></title>``, or a page template without a title element.

    **Compliant**
    ``<title>Thông báo tuyển dụng năm 2026 - Sở Khoa học và Công nghệ tỉnh Hòa Lâm</title>``.

    **Remediation**
    Give every page a title naming its content and the agency (most CMSs build it from the
    article or section name: check the theme does not leave it empty).
    """

    id = "AC-002"
    name = "technical.document-title"
    title_vi = "Mỗi trang có tiêu đề (<title>)"
    title_en = "Every page has a title"
    area = "technical"
    severity = Severity.LOW
    legal_refs = ACCESSIBILITY_REFS
    options = violation_option("fail", "trang không có tiêu đề", "a page has no title")
    description_vi = ("Mọi trang phải có thẻ <title> với nội dung không rỗng (tiêu đề trang hiển thị trên thẻ trình "
                      "duyệt, được trình đọc màn hình đọc đầu tiên).")
    remediation_vi = ("Đặt tiêu đề cho từng trang gồm tên nội dung và tên cơ quan; kiểm tra giao diện không để trống "
                      "thẻ <title>.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        pages = a11y_pages(snapshot)
        if not pages:
            yield no_tech_facts(self, snapshot, ctx)
            return
        bad = Status(ctx.options["violation_status"])
        verdicts = []
        titles: dict[str, int] = {}
        for page in pages:
            title = text_of(part(page, "a11y").get("title"))
            if title:
                titles[title] = titles.get(title, 0) + 1
                verdicts.append(PageVerdict(page, Status.PASS, locator="title", value=title, cells=[title]))
            else:
                verdicts.append(PageVerdict(page, bad, "thẻ <title> rỗng hoặc không có", "no or an empty <title>",
                                            locator="head > title", value="(empty)", cells=["—"]))
        shared = {t: n for t, n in titles.items() if n > 1 and len(pages) > 2}
        yield summarise(self, ctx, verdicts, what_vi="Trang không có tiêu đề", what_en="A page without a title",
                        ok_vi="Mọi trang đã kiểm tra đều có tiêu đề", ok_en="Every page checked has a title",
                        columns=["<title>"], details={"shared_titles": shared})


# ---------------------------------------------------------------------------------------------- counted checks
def counted(rule: ComplianceRule, snapshot: PortalSnapshot, ctx: RuleContext, *, total: tuple[str, ...],
            bad_key: tuple[str, ...], samples_key: tuple[str, ...], locator: str, noun_vi: str, noun_en: str,
            what_vi: str, what_en: str, ok_vi: str, ok_en: str, none_vi: str, none_en: str) -> Iterator[Finding]:
    """A check counted by the crawler per page (the ``bad_key`` counts of the ``total`` ones fail, with samples).

    No element of the kind on any page → ``not_applicable`` ("no images").
    """
    if not snapshot.reachable():
        yield rule.unreachable_portal(snapshot, ctx)
        return
    pages = a11y_pages(snapshot)
    if not pages:
        yield no_tech_facts(rule, snapshot, ctx)
        return
    bad = Status(ctx.options["violation_status"])
    verdicts = []
    for page in pages:
        a11y = part(page, "a11y")
        n_total, n_bad = sum(count(a11y.get(k)) for k in total), sum(count(a11y.get(k)) for k in bad_key)
        if n_bad:
            shown = [s for k in samples_key for s in samples(a11y.get(k))][:3]
            verdicts.append(PageVerdict(page, bad, f"{n_bad}/{max(n_total, n_bad)} {noun_vi}",
                                        f"{n_bad} of {max(n_total, n_bad)} {noun_en}", samples=shown,
                                        locator=locator, value=f"{n_bad}/{max(n_total, n_bad)}",
                                        cells=[max(n_total, n_bad), n_bad, " | ".join(shown)],
                                        problem=",".join(k for k in bad_key if count(a11y.get(k)))))
        else:
            verdicts.append(PageVerdict(page, Status.PASS, cells=[n_total, 0, ""]))
    if not any(v.cells[0] for v in verdicts):
        yield rule.finding(ctx, Status.NOT_APPLICABLE, f"{none_vi} ({len(pages)} trang đã kiểm tra).",
                           f"{none_en} ({len(pages)} page(s) checked).", details={"pages_checked": len(pages)})
        return
    yield summarise(rule, ctx, verdicts, what_vi=what_vi, what_en=what_en, ok_vi=ok_vi, ok_en=ok_en,
                    columns=["Tổng / Total", "Lỗi / Failing", "Ví dụ / Samples"])


# ---------------------------------------------------------------------------------------------- AC-003
@register
class ImageAlt(ComplianceRule):
    """Every image has a text alternative (``alt``; ``alt=""`` for decorative images).

    **What it checks**
    On every HTML page fetched, the crawler's count of ``<img>`` elements without a text
    alternative, as axe image-alt decides it: an ``alt`` attribute (empty is fine: decorative), a
    non-empty ``aria-label``, ``aria-labelledby`` or ``title``, or ``role="presentation"``/``none``
    make an image pass; ``alt=" "`` (only spaces) does not.  Any image without → fail
    (``violation_status``), with samples.  No image on any page → ``not_applicable``.

    **Why it matters**
    WCAG 2.0 success criterion 1.1.1 (Non-text Content, level A); Circular 32/2017 Art. 18.1 lists
    text equivalents for images, buttons, charts and image links among the minimum.  A blind
    reader hears "image" or the file name (``IMG_2024.jpg``) instead of the content — often a
    banner carrying the agency's name or a scanned notice.

    **Non-compliant**
    ``<img src="/Banner.jpg">`` with the agency's name in the picture; news thumbnails without
    alt.

    **Compliant**
    ``<img src="/quochuy.png" alt="Quốc huy">``; ``<img src="/line.gif" alt="">`` for a divider.

    **Remediation**
    Fill the CMS's "alternative text" field for every image (news thumbnails too: the title of
    the article is a fine alt), give the theme's logo and banner an alt naming the agency, and
    use ``alt=""`` for decorations.
    """

    id = "AC-003"
    name = "technical.image-alt"
    title_vi = "Ảnh có văn bản thay thế (alt)"
    title_en = "Images have alt text"
    area = "technical"
    severity = Severity.MEDIUM
    legal_refs = ART18_REFS
    options = violation_option("fail", "có ảnh không có văn bản thay thế", "an image has no text alternative")
    description_vi = ("Mọi thẻ <img> phải có văn bản thay thế: thuộc tính alt (alt=\"\" với ảnh trang trí), hoặc "
                      "aria-label, aria-labelledby, title, hoặc role=\"presentation\". Ảnh thiếu văn bản thay thế là "
                      "không đạt.")
    remediation_vi = ("Nhập \"văn bản thay thế\" cho mọi ảnh trong CMS (ảnh đại diện tin bài có thể dùng tiêu đề "
                      "bài), đặt alt nêu tên cơ quan cho logo, banner của giao diện, và alt=\"\" cho ảnh trang trí.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        yield from counted(
            self, snapshot, ctx, total=("images",), bad_key=("images_no_alt",), samples_key=("no_alt_samples",),
            locator="img:not([alt])", noun_vi="ảnh không có văn bản thay thế", noun_en="images have no text "
            "alternative", what_vi="Ảnh không có văn bản thay thế (alt)", what_en="Images without a text alternative",
            ok_vi="Mọi ảnh trên các trang đã kiểm tra đều có văn bản thay thế",
            ok_en="Every image on the pages checked has a text alternative",
            none_vi="Không có ảnh nào trên các trang đã kiểm tra", none_en="No image on the pages checked")


# ---------------------------------------------------------------------------------------------- AC-004
@register
class FormLabels(ComplianceRule):
    """Every form control has an accessible name (a label).

    **What it checks**
    On every HTML page fetched, the crawler's count of ``input``, ``select`` and ``textarea``
    controls without an accessible name, following axe's label and select-name rules as far as
    static HTML allows: a wrapping ``<label>``, a ``<label for>`` with text, ``aria-label``,
    ``aria-labelledby``, ``title``, a ``placeholder`` (inputs and text areas), or
    ``role="presentation"``/``none`` name a control; hidden, submit, reset, button and image
    inputs are left out.  Any unnamed control → fail (``violation_status``), with samples.  No form
    control on any page → ``not_applicable``.

    **Why it matters**
    WCAG 2.0 success criteria 1.3.1 and 4.1.2 (level A); a screen reader announces an unnamed
    search box or question form field as "edit text" and nothing more.  Basis: Circular 26/2020
    Art. 5.1, Circular 22/2023 (unverified), Decree 224/2026 Art. 10.3.c.

    **Non-compliant**
    The header search box ``<input type="text" name="q">`` with a magnifier image as its only
    cue; a Q&A form whose labels are table cells not tied to the fields.

    **Compliant**
    ``<label for="q">Tìm kiếm</label><input id="q" name="q">``, or ``<input name="q"
    aria-label="Tìm kiếm">``.

    **Remediation**
    Tie each field to a visible ``<label for="…">``; where no visible label fits (a search box),
    add ``aria-label``.
    """

    id = "AC-004"
    name = "technical.form-labels"
    title_vi = "Ô nhập liệu có nhãn"
    title_en = "Form controls are labelled"
    area = "technical"
    severity = Severity.MEDIUM
    legal_refs = ACCESSIBILITY_REFS
    options = violation_option("fail", "có ô nhập liệu không có nhãn", "a form control has no accessible name")
    description_vi = ("Mọi ô nhập liệu (input, select, textarea) phải có tên truy cập được: nhãn <label> bao quanh "
                      "hoặc gắn bằng for, aria-label, aria-labelledby, title hoặc placeholder; trừ ô ẩn và các nút "
                      "bấm. Ô không có nhãn là không đạt.")
    remediation_vi = ("Gắn mỗi ô với một nhãn hiển thị <label for=\"…\">; nếu không thể hiển thị nhãn (ô tìm kiếm) "
                      "thì thêm aria-label.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        yield from counted(
            self, snapshot, ctx, total=("inputs", "selects"), bad_key=("inputs_unlabelled", "selects_unlabelled"),
            samples_key=("unlabelled_samples", "select_samples"),
            locator="input, select, textarea", noun_vi="ô nhập liệu không có nhãn", noun_en="form controls have no "
            "accessible name", what_vi="Ô nhập liệu không có nhãn", what_en="Form controls without a label",
            ok_vi="Mọi ô nhập liệu trên các trang đã kiểm tra đều có nhãn",
            ok_en="Every form control on the pages checked has a label",
            none_vi="Không có ô nhập liệu nào trên các trang đã kiểm tra", none_en="No form control on the pages "
            "checked")


# ---------------------------------------------------------------------------------------------- AC-005
def heading_levels(value: Any) -> list[int]:
    """Heading levels in document order, from ints, ``"h2"`` strings or ``{level}`` dicts."""
    out = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, dict):
            item = item.get("level")
        if isinstance(item, str) and re.fullmatch(r"[hH]?[1-6]", item.strip()):
            item = int(item.strip()[-1])
        if isinstance(item, int) and not isinstance(item, bool) and 1 <= item <= 6:
            out.append(item)
    return out


def heading_skips(levels: list[int]) -> list[tuple[int, int]]:
    """``(from, to)`` where a heading goes down more than one level (axe heading-order)."""
    return [(prev, cur) for prev, cur in itertools.pairwise(levels) if cur - prev > 1]


@register
class Headings(ComplianceRule):
    """Pages are structured with headings, without skipped levels.

    **What it checks**
    On every HTML page fetched, the heading levels (``h1``–``h6``) in document order: at least
    one heading and no step down of more than one level (``h2`` followed by ``h4``; axe
    heading-order, whose first heading may be of any level) → pass.  Skipped levels →
    ``skip_status`` (warn: axe files heading-order under best practice); no heading at all →
    ``missing_status`` (warn).

    **Why it matters**
    WCAG 2.0 success criterion 1.3.1 (Info and Relationships, level A) and Circular 32/2017
    Art. 18.1 ("đánh dấu tiêu đề"): screen-reader users move through a page by its headings; a
    page without headings, or whose titles are bold text, has no outline to navigate.

    **Non-compliant**
    Article titles styled with ``<span class="title">``; a news page going from ``<h1>`` to
    ``<h4>``.

    **Compliant**
    ``<h1>`` the page or article title, ``<h2>`` its sections, ``<h3>`` their parts.

    **Remediation**
    Mark the page and section titles with heading elements in order, and style them with CSS
    rather than choosing the level by its look.
    """

    id = "AC-005"
    name = "technical.headings"
    title_vi = "Trang có cấu trúc tiêu đề (h1–h6) đúng thứ bậc"
    title_en = "Headings structure the pages"
    area = "technical"
    severity = Severity.LOW
    legal_refs = ART18_REFS
    options: ClassVar[Mapping[str, Option]] = {
        **status_option("skip_status", "warn", "tiêu đề bị nhảy cấp", "heading levels are skipped"),
        **status_option("missing_status", "warn", "trang không có thẻ tiêu đề nào", "a page has no heading"),
    }
    description_vi = ("Mỗi trang phải có ít nhất một thẻ tiêu đề (h1–h6) và các cấp tiêu đề không bị nhảy khi đi "
                      "xuống (ví dụ h2 sang thẳng h4). Nhảy cấp hoặc không có tiêu đề thì bị cảnh báo.")
    remediation_vi = ("Đánh dấu tiêu đề trang, tiêu đề bài và các mục bằng thẻ h1, h2, h3… theo đúng thứ bậc; định "
                      "dạng bằng CSS thay vì chọn cấp tiêu đề theo cỡ chữ.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        pages = a11y_pages(snapshot)
        if not pages:
            yield no_tech_facts(self, snapshot, ctx)
            return
        skip_status, missing_status = Status(ctx.options["skip_status"]), Status(ctx.options["missing_status"])
        verdicts = []
        for page in pages:
            levels = heading_levels(part(page, "a11y").get("headings"))
            outline = " ".join(f"h{n}" for n in levels[:30])
            skips = heading_skips(levels)
            if not levels:
                verdicts.append(PageVerdict(page, missing_status, "không có thẻ tiêu đề (h1–h6) nào",
                                            "no heading element (h1–h6)", locator="h1–h6", value="0 headings",
                                            cells=[0, "—"], problem="none"))
            elif skips:
                shown = ", ".join(f"h{a} → h{b}" for a, b in skips[:5])
                verdicts.append(PageVerdict(page, skip_status, f"tiêu đề nhảy cấp {shown}",
                                            f"heading levels skipped: {shown}", samples=[outline],
                                            locator="h1–h6", value=shown, cells=[len(levels), outline],
                                            problem="skip"))
            else:
                verdicts.append(PageVerdict(page, Status.PASS, cells=[len(levels), outline]))
        yield summarise(self, ctx, verdicts, what_vi="Cấu trúc tiêu đề thiếu hoặc nhảy cấp",
                        what_en="Missing or skipped heading levels",
                        ok_vi="Các trang đã kiểm tra đều có tiêu đề đúng thứ bậc",
                        ok_en="Every page checked has headings in order",
                        columns=["Số tiêu đề / Headings", "Thứ tự / Outline"])


# ---------------------------------------------------------------------------------------------- AC-006
@register
class TableHeaders(ComplianceRule):
    """Data tables mark their header cells (``<th>``).

    **What it checks**
    On every HTML page fetched, the crawler's count of data tables — at least 2 rows and 2
    columns, not ``role="presentation"``/``none`` and not layout tables holding other tables —
    and of those without any ``<th>`` cell.  Any → ``violation_status`` (warn: which tables are
    data tables is itself a guess; axe's td-has-header is experimental).  No data table on any
    page → ``not_applicable``.

    **Why it matters**
    WCAG 2.0 success criterion 1.3.1 (level A) and Circular 32/2017 Art. 18.1 ("bảng có tiêu đề
    cột"): a screen reader announces the column header with each cell only when the header is
    marked up; document lists and contact tables are read as an unlabelled stream otherwise.

    **Non-compliant**
    A document list whose first row "Số ký hiệu | Ngày ban hành | Trích yếu" is made of ``<td>``
    cells in bold.

    **Compliant**
    The same first row in ``<th scope="col">`` cells (in a ``<thead>``).

    **Remediation**
    Make the header row of data tables ``<th>`` cells (``scope="col"``, or ``scope="row"`` for row
    headers) and stop using tables for layout.
    """

    id = "AC-006"
    name = "technical.table-headers"
    title_vi = "Bảng dữ liệu có ô tiêu đề (th)"
    title_en = "Data tables have header cells"
    area = "technical"
    severity = Severity.LOW
    legal_refs = ART18_REFS
    options = violation_option("warn", "bảng dữ liệu không có ô tiêu đề", "a data table has no header cell")
    description_vi = ("Bảng dữ liệu (từ 2 hàng, 2 cột trở lên, không phải bảng dàn trang) phải có ô tiêu đề <th>; "
                      "bảng thiếu ô tiêu đề bị cảnh báo.")
    remediation_vi = ("Dùng ô <th scope=\"col\"> cho hàng tiêu đề của bảng dữ liệu (danh sách văn bản, danh bạ…) và "
                      "không dùng bảng để dàn trang.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        yield from counted(
            self, snapshot, ctx, total=("tables",), bad_key=("tables_no_th",), samples_key=("no_th_samples",),
            locator="table", noun_vi="bảng dữ liệu không có ô tiêu đề <th>", noun_en="data tables have no <th> cell",
            what_vi="Bảng dữ liệu không có ô tiêu đề", what_en="Data tables without header cells",
            ok_vi="Mọi bảng dữ liệu trên các trang đã kiểm tra đều có ô tiêu đề",
            ok_en="Every data table on the pages checked has header cells",
            none_vi="Không có bảng dữ liệu nào trên các trang đã kiểm tra", none_en="No data table on the pages "
            "checked")


# ---------------------------------------------------------------------------------------------- AC-007
@register
class LinkText(ComplianceRule):
    """Links have a name, and a meaningful one.

    **What it checks**
    On every HTML page fetched, the crawler's counts of links (``<a href>``) without an
    accessible name (no text, ``aria-label``, ``aria-labelledby``, ``title`` or image alt inside:
    axe link-name) → ``violation_status`` (fail), and of links whose whole text is vague ("Xem
    thêm", "Tại đây", "Chi tiết", "Click here", "Read more") → ``vague_status`` (warn only: the
    surrounding text may give the context).  Samples of both in the details.

    **Why it matters**
    WCAG 2.0 success criteria 2.4.4 (Link Purpose, level A) and 4.1.2; Circular 32/2017 Art. 18.1
    asks for meaningful link text or titles.  Screen-reader users list a page's links out of
    context: twenty "Xem thêm" or unnamed icon links tell them nothing.

    **Non-compliant**
    ``<a href="/rss"><img src="rss.png"></a>`` (no alt); social-media icon links drawn with CSS
    and no text.

    **Compliant**
    ``<a href="/tin-tuc/123">Hội nghị tổng kết năm 2025</a>``; an icon link with
    ``aria-label="Facebook của Sở"``.

    **Remediation**
    Give icon links an ``aria-label`` (or an ``alt`` on their image) and make "Xem thêm" links
    say what they lead to (or add the article title in ``aria-label``/visually hidden text).
    """

    id = "AC-007"
    name = "technical.link-text"
    title_vi = "Liên kết có tên và có nghĩa"
    title_en = "Links have meaningful names"
    area = "technical"
    severity = Severity.MEDIUM
    legal_refs = ART18_REFS
    options: ClassVar[Mapping[str, Option]] = {
        **violation_option("fail", "có liên kết không có tên", "a link has no accessible name"),
        "vague_status": Option(str, "warn", "Kết quả khi có liên kết mơ hồ (\"Xem thêm\", \"Tại đây\"): \"warn\" "
                               "hoặc \"pass\" (bỏ qua).", "Status when links have vague texts (\"Xem thêm\", "
                               "\"Click here\"): \"warn\" or \"pass\" (ignored).", choices=("warn", "pass")),
    }
    description_vi = ("Mọi liên kết phải có tên truy cập được (chữ, aria-label, aria-labelledby, title hoặc alt của "
                      "ảnh bên trong); liên kết không tên là không đạt. Liên kết chỉ ghi \"Xem thêm\", \"Tại đây\", "
                      "\"Chi tiết\" bị cảnh báo.")
    remediation_vi = ("Thêm aria-label (hoặc alt cho ảnh) cho liên kết biểu tượng; viết chữ liên kết nêu rõ nơi đến "
                      "thay cho \"Xem thêm\", \"Tại đây\" (hoặc bổ sung tiêu đề bài vào aria-label).")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        pages = a11y_pages(snapshot)
        if not pages:
            yield no_tech_facts(self, snapshot, ctx)
            return
        nameless_status, vague_status = Status(ctx.options["violation_status"]), Status(ctx.options["vague_status"])
        verdicts = []
        for page in pages:
            a11y = part(page, "a11y")
            links, nameless, vague = count(a11y.get("links")), count(a11y.get("links_no_name")), count(
                a11y.get("links_vague"))
            nameless_samples, vague_samples = samples(a11y.get("no_name_samples")), samples(a11y.get("vague_samples"))
            cells = [max(links, nameless + vague), nameless, vague, " | ".join(nameless_samples or vague_samples)]
            if nameless:
                extra_vi = f"; {vague} liên kết mơ hồ" if vague else ""
                extra_en = f"; {vague} vague link text(s)" if vague else ""
                verdicts.append(PageVerdict(page, nameless_status, f"{nameless} liên kết không có tên{extra_vi}",
                                            f"{nameless} link(s) without a name{extra_en}", samples=nameless_samples,
                                            locator="a[href]", value=f"{nameless} nameless", cells=cells,
                                            problem="nameless"))
            elif vague and vague_status is not Status.PASS:
                verdicts.append(PageVerdict(page, vague_status, f"{vague} liên kết chỉ ghi chữ mơ hồ",
                                            f"{vague} link(s) with a vague text", samples=vague_samples,
                                            locator="a[href]", value=f"{vague} vague", cells=cells,
                                            problem="vague"))
            else:
                verdicts.append(PageVerdict(page, Status.PASS, cells=cells))
        if not any(v.cells[0] for v in verdicts):
            yield self.finding(ctx, Status.NOT_APPLICABLE,
                               f"Không có liên kết nào trên các trang đã kiểm tra ({len(pages)} trang).",
                               f"No link on the pages checked ({len(pages)} page(s)).",
                               details={"pages_checked": len(pages)})
            return
        yield summarise(self, ctx, verdicts, what_vi="Liên kết không có tên hoặc có chữ mơ hồ",
                        what_en="Links without a name or with vague texts",
                        ok_vi="Mọi liên kết trên các trang đã kiểm tra đều có tên",
                        ok_en="Every link on the pages checked has a name",
                        columns=["Liên kết / Links", "Không tên / Nameless", "Mơ hồ / Vague", "Ví dụ / Samples"],
                        details={"links_no_name": sum(v.cells[1] for v in verdicts),
                                 "links_vague": sum(v.cells[2] for v in verdicts)})


# ---------------------------------------------------------------------------------------------- AC-008
@register
class NoBlink(ComplianceRule):
    """No scrolling or blinking text (``<marquee>``, ``<blink>``).

    **What it checks**
    On every HTML page fetched, the crawler's count of ``<marquee>`` (axe marquee) and
    ``<blink>`` (axe blink) elements: any → ``violation_status`` (fail).  Text moved by scripts
    or CSS animations is not seen (static reading).

    **Why it matters**
    WCAG 2.0 success criterion 2.2.2 (Pause, Stop, Hide, level A); Circular 32/2017 Art. 18.1
    excludes blinking and auto-moving text.  Scrolling announcements ("chữ chạy") cannot be read
    by people with low vision or attention disorders, nor paused.

    **Non-compliant**
    ``<marquee>Chào mừng kỷ niệm 80 năm Quốc khánh…</marquee>`` in the header.

    **Compliant**
    A static announcement line, or a carousel with a pause button.

    **Remediation**
    Remove ``<marquee>`` and ``<blink>``; show announcements as static text or a list of links.
    """

    id = "AC-008"
    name = "technical.no-blink"
    title_vi = "Không dùng chữ chạy, chữ nhấp nháy"
    title_en = "No marquee or blinking text"
    area = "technical"
    severity = Severity.MEDIUM
    legal_refs = ART18_REFS
    options = violation_option("fail", "trang có chữ chạy hoặc chữ nhấp nháy", "a page has marquee or blink")

    description_vi = ("Không trang nào được dùng chữ chạy (<marquee>) hoặc chữ nhấp nháy (<blink>).")
    remediation_vi = ("Bỏ các thẻ <marquee>, <blink>; hiển thị thông báo dạng chữ tĩnh hoặc danh sách liên kết.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        pages = a11y_pages(snapshot)
        if not pages:
            yield no_tech_facts(self, snapshot, ctx)
            return
        bad = Status(ctx.options["violation_status"])
        verdicts = []
        for page in pages:
            a11y = part(page, "a11y")
            marquee, blink = count(a11y.get("marquee")), count(a11y.get("blink"))
            shown = samples(a11y.get("marquee_samples")) + samples(a11y.get("blink_samples"))
            if marquee or blink:
                found = [f"{marquee} <marquee>" if marquee else "", f"{blink} <blink>" if blink else ""]
                what = ", ".join(f for f in found if f)
                verdicts.append(PageVerdict(page, bad, f"có {what}", f"has {what}", samples=shown,
                                            locator="marquee, blink", value=what, cells=[marquee, blink],
                                            problem=",".join(k for k, n in (("marquee", marquee), ("blink", blink))
                                                             if n)))
            else:
                verdicts.append(PageVerdict(page, Status.PASS, cells=[0, 0]))
        yield summarise(self, ctx, verdicts, what_vi="Chữ chạy hoặc chữ nhấp nháy",
                        what_en="Scrolling or blinking text",
                        ok_vi="Không trang nào có <marquee> hay <blink>", ok_en="No page has <marquee> or <blink>",
                        columns=["<marquee>", "<blink>"])


# ---------------------------------------------------------------------------------------------- AC-009
@register
class FrameTitle(ComplianceRule):
    """Every frame and iframe has a title.

    **What it checks**
    On every HTML page fetched, the crawler's count of ``<iframe>``/``<frame>`` elements without
    a non-empty ``title`` (or ``aria-label``/``aria-labelledby``, or ``role="presentation"``;
    axe frame-title) → ``violation_status`` (fail), with samples (their ``src``).  No frame on any
    page → ``not_applicable``.

    **Why it matters**
    WCAG 2.0 success criterion 4.1.2 (Name, Role, Value, level A): screen readers announce a frame
    by its title; embedded maps, videos, public-service widgets and Google Drive documents are
    otherwise anonymous "frame" regions.  Basis: Circular 26/2020 Art. 5.1, Circular 22/2023
    (unverified), Decree 224/2026 Art. 10.3.c.

    **Non-compliant**
    ``<iframe src="https://www.google.com/maps/embed?…">`` without a title.

    **Compliant**
    ``<iframe src="…" title="Bản đồ trụ sở Sở Khoa học và Công nghệ">``.

    **Remediation**
    Add a ``title`` describing each embedded frame (map, video, form) in the theme and in the
    articles' embed codes.
    """

    id = "AC-009"
    name = "technical.frame-title"
    title_vi = "Khung nhúng (iframe) có tiêu đề"
    title_en = "Frames have titles"
    area = "technical"
    severity = Severity.LOW
    legal_refs = ACCESSIBILITY_REFS
    options = violation_option("fail", "có khung nhúng không có tiêu đề", "a frame has no title")
    description_vi = ("Mọi khung nhúng (<iframe>, <frame>) phải có thuộc tính title không rỗng (hoặc aria-label) mô "
                      "tả nội dung; khung không có tiêu đề là không đạt.")
    remediation_vi = ("Thêm title mô tả cho từng khung nhúng (bản đồ, video, biểu mẫu) trong giao diện và trong mã "
                      "nhúng của bài viết.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        yield from counted(
            self, snapshot, ctx, total=("frames",), bad_key=("frames_untitled",), samples_key=("untitled_samples",),
            locator="iframe, frame", noun_vi="khung nhúng không có tiêu đề", noun_en="frames have no title",
            what_vi="Khung nhúng không có tiêu đề", what_en="Frames without a title",
            ok_vi="Mọi khung nhúng trên các trang đã kiểm tra đều có tiêu đề",
            ok_en="Every frame on the pages checked has a title",
            none_vi="Không có khung nhúng nào trên các trang đã kiểm tra", none_en="No frame on the pages checked")
