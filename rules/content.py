"""Content rules (CT-001..CT-005, CT-009..CT-013): does a section hold what the law says it must?

The presence rules (SP-xxx) say whether a section exists; these rules read what the crawler
recorded of it (page text, tables, images, links, listing titles: docs/facts.md) and look for the
required items.  Phrases are matched on folded text (no diacritics, lower case) as whole words.

Every rule follows the same ladder: portal unreachable → ``not_determinable``; the section it
needs does not exist → ``not_applicable`` pointing at the presence rule; the section exists but
could not be fetched → ``not_determinable`` with the section's error class; otherwise a verdict.
A ``fail`` needs strong evidence (the page was read and the item is not on it); where the item may
sit on a page the crawler did not open, the rule says ``warn`` and names what it searched.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, ClassVar
from urllib.parse import urlsplit

from nd42.clock import vn_today
from nd42.records import Evidence, Finding, PageFetch, PortalSnapshot, SectionSnapshot, Severity, Status
from nd42.textnorm import clean, fold
from rules import citations as cite
from rules import facts, patterns
from rules.base import KIND_LABELS, ComplianceRule, Option, RuleContext, register
from rules.presence import PRESENCE_RULE_IDS, missing_status_option

SNIPPET_WIDTH = 90
MAX_EVIDENCE = 8

# ---------------------------------------------------------------------------------------------- text search
_WORD = re.compile(r"[^\W_]+")


@dataclasses.dataclass(frozen=True)
class Words:
    """A clean text split into words: each word folded, with its place in the text (for snippets).

    Matching word by word keeps phrase matches on whole words (like ``textnorm.has_phrase``) and
    lets a match be shown in the original text, diacritics and all.
    """

    text: str
    folded: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, text: str) -> Words:
        folded: list[str] = []
        spans: list[tuple[int, int]] = []
        for match in _WORD.finditer(text):
            for part in fold(match.group(0)).split():
                folded.append(part)
                spans.append(match.span())
        return cls(text, tuple(folded), tuple(spans))

    def __len__(self) -> int:
        return len(self.folded)

    def find(self, phrase: str) -> Iterator[int]:
        """Indexes of the words where the folded ``phrase`` starts."""
        target = tuple(phrase.split())
        if not target:
            return
        for i in range(len(self.folded) - len(target) + 1):
            if self.folded[i] == target[0] and self.folded[i:i + len(target)] == target:
                yield i

    def first(self, phrases: Iterable[str]) -> tuple[str, int] | None:
        """The earliest match of any of ``phrases``: (phrase, word index)."""
        best: tuple[str, int] | None = None
        for phrase in phrases:
            at = next(self.find(phrase), None)
            if at is not None and (best is None or at < best[1]):
                best = (phrase, at)
        return best

    def found(self, phrases: Iterable[str]) -> list[str]:
        """The phrases that occur at least once, in the order given."""
        return [p for p in phrases if next(self.find(p), None) is not None]

    def capitalised(self, i: int) -> bool:
        start, _ = self.spans[i]
        return self.text[start].isupper()

    def joined(self, i: int) -> bool:
        """True when word ``i`` follows word ``i - 1`` with only spaces between (no comma, dash…)."""
        return i > 0 and not self.text[self.spans[i - 1][1]:self.spans[i][0]].strip()

    def near(self, start: int, phrases: Iterable[str], span: int) -> str | None:
        """One of ``phrases`` starting within ``span`` words after word ``start``."""
        for phrase in phrases:
            if any(start <= at <= start + span for at in self.find(phrase)):
                return phrase
        return None

    def snippet(self, first: int, last: int | None = None, width: int = SNIPPET_WIDTH) -> str:
        """The text around words ``first``..``last`` (inclusive), cut at word boundaries."""
        last = first if last is None else min(last, len(self.spans) - 1)
        start, end = self.spans[first][0], self.spans[last][1]
        return cut(self.text, start, end, width)


def cut(text: str, start: int, end: int, width: int = SNIPPET_WIDTH) -> str:
    """``text[start:end]`` with up to ``width`` characters of context each side, ellipsised."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    while left > 0 and not text[left - 1].isspace() and left < start:
        left += 1
    while right < len(text) and not text[right].isspace() and right > end:
        right -= 1
    out = text[left:right].strip()
    return ("…" if left > 0 else "") + out + ("…" if right < len(text) else "")


def host_of(url: str | None) -> str:
    """The lower-case host of ``url`` without a leading "www." ("" when none)."""
    if not url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def years_in(words: Words, start: int, span: int) -> set[int]:
    """Four-digit years among the ``span`` words after word ``start``."""
    out = set()
    for word in words.folded[start:start + span + 1]:
        if len(word) == 4 and word.isdigit() and word[:2] in ("19", "20"):
            out.add(int(word))
    return out


def join_vi(parts: Sequence[str]) -> str:
    """"a, b và c"."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " và " + parts[-1]


def join_en(parts: Sequence[str], conjunction: str = "and") -> str:
    """"a, b and c" (or another conjunction)."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" {conjunction} " + parts[-1]


# ---------------------------------------------------------------------------------------------- vocabulary
LEADER_TITLES = ("giam doc", "pho giam doc", "chu tich", "pho chu tich", "truong ban", "pho truong ban",
                 "chanh van phong", "bo truong", "thu truong", "cuc truong", "vu truong", "truong phong", "bi thu")
BIOGRAPHY_MARKERS = ("tieu su", "nam sinh", "ngay sinh", "que quan", "trinh do", "qua trinh cong tac")
PORTFOLIO_MARKERS = ("phu trach", "nhiem vu duoc giao", "linh vuc phu trach", "phan cong", "chiu trach nhiem")
PERSON_PREFIXES = ("ong", "ba", "dong chi")
OFFICIAL_TITLES = (*LEADER_TITLES, "chuyen vien", "chanh thanh tra", "can bo dau moi", "can bo tiep nhan")
PHONE_LABELS = ("thoai", "dt", "tel", "hotline", "dd", "mobile")


# ---------------------------------------------------------------------------------------------- base
def section_evidence(section: SectionSnapshot) -> Evidence:
    return Evidence(url=section.url, locator=f"section via {section.via}", value=section.label)


def page_evidence(page: PageFetch, locator: str, value: str | None = None, snippet: str | None = None) -> Evidence:
    return Evidence(url=page.final_url or page.url, locator=locator, value=value, snippet=snippet)


class ContentRule(ComplianceRule, abstract=True):
    """Shared steps of the content rules: the section ladder and the configured statuses."""

    area = "content"

    def status_of(self, ctx: RuleContext, option: str = "missing_status") -> Status:
        return Status(ctx.options[option])

    def section_absent(self, ctx: RuleContext, kind: str, *others: str) -> Finding:
        """``not_applicable``: the section this rule reads does not exist (its presence rule says so)."""
        kinds = (kind, *others)
        presence = ", ".join(PRESENCE_RULE_IDS.get(k, "SP-???") for k in kinds)
        names_vi = " / ".join(f"\"{KIND_LABELS[k][0]}\"" for k in kinds)
        names_en = " or ".join(KIND_LABELS[k][1] for k in kinds)
        return self.finding(
            ctx, Status.NOT_APPLICABLE,
            f"Không tìm thấy chuyên mục {names_vi}, nên không đánh giá nội dung; xem {presence}.",
            f"No {names_en} section was found, so its content is not assessed; see {presence}.",
            details={"section_found": False, "presence_rule": presence},
        )

    def section_unreachable(self, ctx: RuleContext, section: SectionSnapshot, **details: Any) -> Finding:
        error_class = section.error_class or "unknown"
        return self.finding(
            ctx, Status.NOT_DETERMINABLE,
            f"Không tải được chuyên mục \"{section.label}\" ({error_class}); chưa đánh giá được nội dung.",
            f"The section \"{section.label}\" could not be fetched ({error_class}); its content is not assessed.",
            evidence=[section_evidence(section)], details={"section_state": section.state, **details},
            error_class=error_class,
        )

    def pages_not_read(self, ctx: RuleContext, section: SectionSnapshot) -> Finding:
        return self.finding(
            ctx, Status.NOT_DETERMINABLE,
            f"Có chuyên mục \"{section.label}\" nhưng không có trang nào của nó được đọc; chưa đánh giá được.",
            f"The section \"{section.label}\" exists but none of its pages was read; its content is not assessed.",
            evidence=[section_evidence(section)], details={"section_state": section.state},
            error_class="page_not_read",
        )


def read_pages(snapshot: PortalSnapshot, kind: str) -> tuple[SectionSnapshot | None, list[PageFetch]]:
    """The section of ``kind`` and its fetched pages (none when absent or unreachable)."""
    section = snapshot.sections.get(kind)
    if not facts.usable(section):
        return section, []
    return section, facts.section_pages(snapshot, kind)


def page_words(page: PageFetch) -> Words:
    return Words.of(facts.text(page))


def link_labels(page: PageFetch) -> list[tuple[str, str]]:
    """(label, url) of the main-region links of a page."""
    return [(clean(str(link.get("label") or "")), str(link.get("url") or ""))
            for link in facts.fact_list(page, "links")]


def labels_matching(pages: Sequence[PageFetch], phrases: Sequence[str]) -> list[tuple[PageFetch, str, str, str]]:
    """Main links whose label holds one of ``phrases``: (page, label, url, phrase)."""
    out = []
    for page in pages:
        for label, url in link_labels(page):
            phrase = Words.of(label).first(phrases)
            if phrase is not None:
                out.append((page, label, url, phrase[0]))
    return out


# ============================================================================================== CT-001
# "Nội dung đang được cập nhật": a page under construction is not a hub, however short.
PLACEHOLDER_PHRASES = ("dang cap nhat", "dang duoc cap nhat", "dang xay dung", "dang hoan thien")

@register
class IntroductionDuties(ContentRule):
    """The introduction page states the agency's functions and duties (chức năng, nhiệm vụ, quyền hạn).

    **What it checks**
    The text of the pages of the introduction section ("Giới thiệu", "Chức năng, nhiệm vụ") is
    searched for the words "chức năng" (functions) and "nhiệm vụ" (duties); "quyền hạn" (powers)
    is reported in the details.  An introduction page that is only a short hub of links (under 400
    characters of text, or a link labelled "Chức năng, nhiệm vụ") is given the benefit of the doubt:
    the duties may be on the linked page, which the crawler did not open.  A page that says it is
    "đang cập nhật" (being updated) is not a hub.

    **Why it matters**
    Decree 42/2022 Art. 4.1.e (VERIFIED-2nd), the Law on Access to Information Art. 19.1.đ
    (VERIFIED, in force) and Decree 224/2026 Art. 9.1.b (VERIFIED, in force since 01/07/2026)
    require the agency's functions, duties and powers on the portal.

    **Non-compliant**
    "Giới thiệu" shows only a welcome message and a photo of the building: ``fail``.  A hub page
    linking to "Chức năng nhiệm vụ": ``warn`` (check the linked page).

    **Compliant**
    "Sở Khoa học và Công nghệ là cơ quan chuyên môn … có chức năng tham mưu … Nhiệm vụ và quyền
    hạn: 1. Trình Ủy ban nhân dân tỉnh …": ``pass``.

    **Remediation**
    Publish the decision on the agency's functions, duties, powers and organisation as text on the
    introduction page (not only as a scanned file), with a short history of the agency.
    """

    id = "CT-001"
    name = "content.introduction-duties"
    title_vi = "Trang giới thiệu nêu chức năng, nhiệm vụ, quyền hạn"
    title_en = "Introduction states functions and duties"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND42_4_1_E, cite.LAW104_19_1_DD, cite.ND224_9_1_B)
    options = missing_status_option("fail")
    description_vi = ("Nội dung trang giới thiệu có nêu chức năng và nhiệm vụ (ghi nhận thêm quyền hạn) của cơ quan. "
                      "Trang chỉ gồm các liên kết (dưới 400 ký tự, hoặc có liên kết \"Chức năng, nhiệm vụ\") thì chỉ "
                      "cảnh báo vì nội dung có thể nằm ở trang con.")
    remediation_vi = ("Đăng quyết định quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức dưới dạng văn bản "
                      "trên trang giới thiệu (không chỉ tệp scan), kèm tóm lược quá trình hình thành của cơ quan.")

    HUB_TEXT_CHARS: ClassVar[int] = 400

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        section, pages = read_pages(snapshot, "introduction")
        if section is None:
            yield self.section_absent(ctx, "introduction")
            return
        if section.state == "unreachable":
            yield self.section_unreachable(ctx, section)
            return
        if not pages:
            yield self.pages_not_read(ctx, section)
            return
        found: dict[str, tuple[PageFetch, Words, int]] = {}
        for page in pages:
            words = page_words(page)
            for phrase in ("chuc nang", "nhiem vu", "quyen han"):
                at = next(words.find(phrase), None)
                if at is not None and phrase not in found:
                    found[phrase] = (page, words, at)
        text_length = sum(len(facts.text(p)) for p in pages)
        details: dict[str, Any] = {
            "functions": "chuc nang" in found, "duties": "nhiem vu" in found, "powers": "quyen han" in found,
            "pages": [p.url for p in pages], "text_length": text_length,
        }
        evidence = [page_evidence(page, "main text", phrase, words.snippet(at, at + 1))
                    for phrase, (page, words, at) in found.items()]
        if "chuc nang" in found and "nhiem vu" in found:
            powers_vi = ", quyền hạn" if "quyen han" in found else " (không thấy nêu \"quyền hạn\")"
            powers_en = ", powers" if "quyen han" in found else " (\"quyền hạn\", powers, not mentioned)"
            yield self.finding(
                ctx, Status.PASS,
                f"Trang giới thiệu \"{section.label}\" nêu chức năng, nhiệm vụ{powers_vi}.",
                f"The introduction \"{section.label}\" states the agency's functions, duties{powers_en}.",
                evidence=evidence, details=details,
            )
            return
        hub_links = labels_matching(pages, ("chuc nang", "nhiem vu"))
        missing_vi = " và ".join(w for w, k in (("\"chức năng\"", "chuc nang"), ("\"nhiệm vụ\"", "nhiem vu"))
                                 if k not in found)
        missing_en = " and ".join(w for w, k in (("\"chức năng\" (functions)", "chuc nang"),
                                                 ("\"nhiệm vụ\" (duties)", "nhiem vu")) if k not in found)
        where = ", ".join(p.url for p in pages)
        placeholder = any(page_words(p).first(PLACEHOLDER_PHRASES) for p in pages)
        details["placeholder"] = placeholder
        if not placeholder and (hub_links or text_length < self.HUB_TEXT_CHARS):
            evidence += [page_evidence(page, "main link", label, url) for page, label, url, _ in hub_links[:5]]
            details["hub"] = True
            details["hub_links"] = [url for _, _, url, _ in hub_links[:5]]
            why_vi = (f"có liên kết \"{hub_links[0][1]}\"" if hub_links
                      else f"trang chỉ có {text_length} ký tự, có thể là trang dẫn")
            why_en = (f"it links to \"{hub_links[0][1]}\"" if hub_links
                      else f"the page has only {text_length} characters of text and may be a hub")
            yield self.finding(
                ctx, Status.WARN,
                f"Trang giới thiệu ({where}) không nêu {missing_vi}, nhưng {why_vi}: chức năng, nhiệm vụ có thể nằm "
                "ở trang con chưa được đọc; cần kiểm tra.",
                f"The introduction ({where}) does not mention {missing_en}, but {why_en}: the duties may be on a "
                "linked page that was not read; please check.",
                evidence=evidence or [section_evidence(section)], details=details,
            )
            return
        details["hub"] = False
        placeholder_vi = " Trang ghi nội dung \"đang cập nhật\"." if placeholder else ""
        placeholder_en = " The page says its content is \"being updated\"." if placeholder else ""
        yield self.finding(
            ctx, self.status_of(ctx),
            f"Trang giới thiệu ({where}) không nêu {missing_vi} của cơ quan (đã đọc {text_length} ký tự nội "
            f"dung).{placeholder_vi}",
            f"The introduction ({where}) does not mention {missing_en} of the agency ({text_length} characters of "
            f"text read).{placeholder_en}",
            evidence=evidence or [page_evidence(p, "main text", snippet=cut(facts.text(p), 0, 0, 160))
                                  for p in pages[:3]],
            details=details,
        )


# ============================================================================================== CT-002
CHART_WORDS = ("so do", "co cau", "to chuc", "org", "chart", "sodo", "so do to chuc")
# Slug forms seen in file names ("sodotochuc.jpg", "co-cau-to-chuc.png" folds to words already).
CHART_SLUGS = ("sodo", "tochuc", "cocau", "orgchart", "chart")
UNIT_WORDS = (("van", "phong"), ("thanh", "tra"), ("chi", "cuc"), ("trung", "tam"), ("uy", "ban"), ("phong",),
              ("ban",), ("vu",), ("cuc",), ("so",))
MIN_UNITS = 3


def chart_match(item: dict[str, Any], *keys: str) -> str | None:
    """The chart word found in an image's alt/src (or a file's label/url), or None."""
    for key in keys:
        value = str(item.get(key) or "")
        if not value:
            continue
        folded = Words.of(value)
        phrase = folded.first(CHART_WORDS)
        if phrase is not None:
            return phrase[0]
        if key in ("src", "url"):
            compact = fold(value).replace(" ", "")
            slug = next((s for s in CHART_SLUGS if s in compact), None)
            if slug is not None:
                return slug
    return None


def named_units(words: Words, agency: str = "") -> dict[str, int]:
    """Distinct units named in the text ("Phòng Kế hoạch – Tài chính", "Chi cục Tiêu chuẩn…").

    A unit word counts only when it and the next word are capitalised, as unit names are written:
    this keeps "nhiệm vụ", "dịch vụ", "cơ sở", "các phòng chuyên môn" out of the count.  The
    agency's own name (``agency``, folded) is not one of its units.  Returns unit → word index.
    """
    out: dict[str, int] = {}
    n = len(words)
    i = 0
    while i < n:
        size = next((len(u) for u in UNIT_WORDS if tuple(words.folded[i:i + len(u)]) == u), 0)
        if not size or not words.capitalised(i) or i + size >= n or not words.capitalised(i + size) \
                or not words.joined(i + size):
            i += 1
            continue
        end = i + size
        while end < n and end - i < size + 3 and words.joined(end):
            end += 1
        key = " ".join(words.folded[i:end])
        if not (agency and f"{agency} ".startswith(f"{key} ")):
            out.setdefault(key, i)
        i = end
    return out


@register
class OrganisationStructure(ContentRule):
    """The organisational structure is published: a chart, or the units listed by name.

    **What it checks**
    On the pages of the organisation section ("Cơ cấu tổ chức", "Sơ đồ tổ chức"; when there is
    none, the introduction pages): an image whose alt text or file name says it is a chart ("sơ đồ",
    "cơ cấu", "tổ chức", "org", "chart"), or a chart file, or the text names at least 3 units
    ("Văn phòng Sở", "Thanh tra Sở", "Phòng Quản lý khoa học", "Chi cục …", "Trung tâm …").
    A unit word counts only before a capitalised name, so "nhiệm vụ" or "các phòng chuyên môn" are
    not units.

    **Why it matters**
    Decree 42/2022 Art. 4.1.e (VERIFIED-2nd), the Law on Access to Information Art. 19.1.đ
    (VERIFIED, in force) and Decree 224/2026 Art. 9.1.b (VERIFIED, in force) require the
    organisational structure and chart of the agency and its units.

    **Non-compliant**
    "Cơ cấu tổ chức" shows one sentence and no chart: ``fail``.  With no organisation section and
    an introduction that names no unit, when the site map could not be read: ``warn``.

    **Compliant**
    An image "so-do-to-chuc-2026.png", or text listing "Văn phòng Sở, Thanh tra Sở, Phòng Kế
    hoạch – Tài chính, Chi cục Tiêu chuẩn Đo lường Chất lượng": ``pass``.

    **Remediation**
    Publish the chart (an image with alt text, or a file) and list the agency's units with their
    heads and contacts.
    """

    id = "CT-002"
    name = "content.organisation-structure"
    title_vi = "Công bố cơ cấu tổ chức, sơ đồ tổ chức"
    title_en = "Organisational structure or chart is published"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND42_4_1_E, cite.LAW104_19_1_DD, cite.ND224_9_1_B)
    options = missing_status_option("fail")
    description_vi = ("Trang cơ cấu tổ chức (hoặc trang giới thiệu khi không có) có sơ đồ tổ chức (ảnh, tệp) hoặc nêu "
                      "tên ít nhất 3 đơn vị trực thuộc (Văn phòng, Thanh tra, Phòng, Chi cục, Trung tâm…).")
    remediation_vi = ("Đăng sơ đồ tổ chức (ảnh có chú thích hoặc tệp) và danh sách các đơn vị trực thuộc kèm người "
                      "đứng đầu, thông tin liên hệ.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        org, org_pages = read_pages(snapshot, "organisation")
        intro, intro_pages = read_pages(snapshot, "introduction")
        if org is None and intro is None:
            yield self.section_absent(ctx, "organisation", "introduction")
            return
        pages = org_pages or intro_pages
        source = "organisation" if org_pages else "introduction"
        agency = fold(str(snapshot.portal.get("name") or snapshot.name or ""))
        details: dict[str, Any] = {"source": source if pages else None, "pages": [p.url for p in pages]}
        chart: list[Evidence] = []
        units: dict[str, tuple[PageFetch, Words, int]] = {}
        for page in pages:
            for image in facts.fact_list(page, "images"):
                word = chart_match(image, "alt", "src")
                if word is not None:
                    chart.append(page_evidence(page, "image", str(image.get("src") or ""),
                                               f"alt=\"{clean(str(image.get('alt') or ''))}\" ({word})"))
            for file in facts.fact_list(page, "files"):
                word = chart_match(file, "label", "url")
                if word is not None:
                    chart.append(page_evidence(page, "file", str(file.get("url") or ""),
                                               f"{clean(str(file.get('label') or ''))} ({word})"))
            words = page_words(page)
            for key, at in named_units(words, agency).items():
                units.setdefault(key, (page, words, at))
        details.update({"chart": bool(chart), "units": sorted(units), "unit_count": len(units)})
        if chart or len(units) >= MIN_UNITS:
            evidence = chart[:3] + [page_evidence(page, "main text", key, words.snippet(at, at + 3))
                                    for key, (page, words, at) in list(units.items())[:5]]
            how_vi = ("có sơ đồ tổ chức" if chart else "") + (" và " if chart and len(units) >= MIN_UNITS else "") + (
                f"nêu {len(units)} đơn vị" if len(units) >= MIN_UNITS else "")
            how_en = ("shows an organisation chart" if chart else "") + (
                " and " if chart and len(units) >= MIN_UNITS else "") + (
                f"names {len(units)} units" if len(units) >= MIN_UNITS else "")
            fallback = source == "introduction"
            note_vi = " (đọc từ trang giới thiệu vì không có trang cơ cấu tổ chức)" if fallback else ""
            note_en = " (read on the introduction, as there is no organisation page)" if fallback else ""
            yield self.finding(ctx, Status.PASS, f"Cơ cấu tổ chức được công bố: {how_vi}{note_vi}.",
                               f"The organisational structure is published: it {how_en}{note_en}.",
                               evidence=evidence, details=details)
            return
        if org is not None and org.state == "unreachable":
            yield self.section_unreachable(ctx, org, **details)
            return
        if not pages:
            read = org or intro
            assert read is not None
            yield self.pages_not_read(ctx, read)
            return
        status = self.status_of(ctx)
        where = ", ".join(p.url for p in pages)
        message_vi = (f"Không thấy sơ đồ tổ chức, cũng không thấy tên đủ {MIN_UNITS} đơn vị trực thuộc (tìm thấy "
                      f"{len(units)}) trên {where}.")
        message_en = (f"No organisation chart and fewer than {MIN_UNITS} named units ({len(units)} found) on "
                      f"{where}.")
        if source == "introduction" and status is Status.FAIL and not facts.discovery_complete(snapshot):
            # Only the introduction was read: a structure page may exist that discovery could not see.
            status = Status.WARN
            details["configured_status"] = "fail"
            message_vi += (" Không có trang cơ cấu tổ chức và không đọc được đủ sơ đồ cổng, sitemap.xml, nên chỉ "
                           "cảnh báo (xem SP-008).")
            message_en += (" There is no organisation page and the site map or sitemap.xml could not be read, so "
                           "this is a warning (see SP-008).")
        evidence = [page_evidence(p, "main text", snippet=cut(facts.text(p), 0, 0, 160)) for p in pages[:3]]
        yield self.finding(ctx, status, message_vi, message_en, evidence=evidence, details=details)


# ============================================================================================== CT-003
@register
class LeadersBiographies(ContentRule):
    """The leaders page gives each leader's title, a short biography and portfolio (Decree 224/2026).

    **What it checks**
    The text of the leaders pages ("Lãnh đạo Sở", "Ban Giám đốc") is searched for (a) a leader's
    title ("Giám đốc", "Phó Giám đốc", "Chủ tịch", "Trưởng ban", "Chánh Văn phòng", …), (b)
    biography markers ("Tiểu sử", "Năm sinh", "Quê quán", "Trình độ", "Quá trình công tác") and
    (c) portfolio markers ("Phụ trách", "Lĩnh vực phụ trách", "Nhiệm vụ được giao", "Phân công").
    A page that lists the leaders as links ("Ông Nguyễn Văn A – Giám đốc") without (b) or (c) is a
    ``warn``: the biographies are likely on the linked pages, which the crawler did not open.

    **Why it matters**
    Decree 224/2026 Art. 9.1.b and 9.1.c (VERIFIED, in force since 01/07/2026) require short
    biographies and portfolios of the agency's leaders; Decree 43/2011 Art. 10.1.a (VERIFIED,
    repealed) required biographies.  Decree 42/2022 has no such item, so on run days before
    01/07/2026 a configured ``fail`` is reported as ``warn``.

    **Non-compliant**
    The page lists names and titles only, with no biography and no portfolio: ``fail`` (``warn``
    before 01/07/2026).

    **Compliant**
    "Giám đốc Sở: Ông Nguyễn Văn An. Năm sinh: 1972. Quê quán: … Trình độ: Tiến sĩ … Lĩnh vực
    phụ trách: lãnh đạo, điều hành chung …": ``pass``.

    **Remediation**
    For each leader publish the full name, title, a short biography (year of birth, home town,
    education, career) and the fields and units they are in charge of; keep it current after each
    change of assignments.
    """

    id = "CT-003"
    name = "content.leaders-biographies"
    title_vi = "Lãnh đạo có tiểu sử tóm tắt và nhiệm vụ đảm nhiệm"
    title_en = "Leaders' biographies and portfolios are published"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND224_9_1_B, cite.ND224_9_1_C, cite.ND43_10_1_A)
    options = missing_status_option("fail")
    obligation_from = dt.date(2026, 7, 1)  # 224/2026 in force; 42/2022 never required it
    description_vi = ("Trang lãnh đạo nêu chức vụ, tiểu sử tóm tắt (năm sinh, quê quán, trình độ, quá trình công tác) "
                      "và nhiệm vụ đảm nhiệm (lĩnh vực phụ trách) của lãnh đạo. Nghĩa vụ theo Nghị định 224/2026, có "
                      "hiệu lực từ 01/07/2026; trước ngày đó chỉ cảnh báo.")
    remediation_vi = ("Với mỗi lãnh đạo: đăng họ tên, chức vụ, tiểu sử tóm tắt (năm sinh, quê quán, trình độ, quá "
                      "trình công tác) và lĩnh vực, đơn vị phụ trách; cập nhật ngay khi phân công lại.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        section, pages = read_pages(snapshot, "leaders")
        if section is None:
            yield self.section_absent(ctx, "leaders")
            return
        if section.state == "unreachable":
            yield self.section_unreachable(ctx, section)
            return
        if not pages:
            yield self.pages_not_read(ctx, section)
            return
        groups = {"titles": LEADER_TITLES, "biography": BIOGRAPHY_MARKERS, "portfolio": PORTFOLIO_MARKERS}
        found: dict[str, list[str]] = {g: [] for g in groups}
        evidence: list[Evidence] = []
        for page in pages:
            words = page_words(page)
            for group, phrases in groups.items():
                for phrase in words.found(phrases):
                    if phrase not in found[group]:
                        found[group].append(phrase)
                        if len([e for e in evidence if e.locator == f"main text: {group}"]) < 2:
                            at = next(words.find(phrase))
                            evidence.append(page_evidence(page, f"main text: {group}", phrase, words.snippet(at)))
        missing = [g for g in groups if not found[g]]
        details: dict[str, Any] = {"leader_titles": found["titles"], "biography_markers": found["biography"],
                                   "portfolio_markers": found["portfolio"], "missing": missing,
                                   "pages": [p.url for p in pages]}
        if not missing:
            yield self.finding(
                ctx, Status.PASS,
                f"Trang lãnh đạo \"{section.label}\" nêu chức vụ, tiểu sử tóm tắt và nhiệm vụ đảm nhiệm.",
                f"The leaders page \"{section.label}\" gives titles, short biographies and portfolios.",
                evidence=evidence, details=details,
            )
            return
        names = {"titles": ("chức vụ lãnh đạo", "leaders' titles"),
                 "biography": ("tiểu sử tóm tắt", "biographies"),
                 "portfolio": ("nhiệm vụ đảm nhiệm", "portfolios")}
        missing_vi = join_vi([names[g][0] for g in missing])
        missing_en = join_en([names[g][1] for g in missing], "or")
        person_links = [(page, label, url) for page in pages for label, url in link_labels(page)
                        if Words.of(label).first((*LEADER_TITLES, "ong", "ba"))]
        where = ", ".join(p.url for p in pages)
        if len(person_links) >= 2:
            details["person_links"] = [url for _, _, url in person_links[:10]]
            evidence += [page_evidence(page, "main link", label, url) for page, label, url in person_links[:5]]
            yield self.finding(
                ctx, Status.WARN,
                f"Trang lãnh đạo ({where}) chưa có {missing_vi}, nhưng có {len(person_links)} liên kết tới từng lãnh "
                "đạo: tiểu sử có thể nằm ở các trang đó (chưa được đọc); cần kiểm tra.",
                f"The leaders page ({where}) shows no {missing_en}, but links to {len(person_links)} leaders: the "
                "biographies are probably on those pages, which were not read; please check.",
                evidence=evidence, details=details,
            )
            return
        status, gated = self.gate_fail(ctx, self.status_of(ctx))
        message_vi = f"Trang lãnh đạo ({where}) không có {missing_vi}."
        message_en = f"The leaders page ({where}) has no {missing_en}."
        if gated:
            start = dt.date.fromisoformat(gated["obligation_from"]).strftime("%d/%m/%Y")
            message_vi += f" Nghĩa vụ (Nghị định 224/2026) áp dụng từ {start}, sau ngày kiểm tra, nên chỉ cảnh báo."
            message_en += f" The obligation (Decree 224/2026) applies from {start}, after the run day: a warning."
        evidence = evidence or [page_evidence(p, "main text", snippet=cut(facts.text(p), 0, 0, 160)) for p in pages]
        yield self.finding(ctx, status, message_vi, message_en, evidence=evidence, details={**details, **gated})


# ============================================================================================== CT-004
ADDRESS_LABELS = ("dia chi", "tru so")
NOT_POSTAL = ("thu", "email", "e", "mail", "website", "web", "trang", "ip", "cong", "url")
FIELD_STOPS = ("dien", "dt", "tel", "fax", "email", "e", "hotline", "website", "web")
FAX_RE = re.compile(r"\bfax\b\s*(?:[:.]\s*)?((?:\+84|\(?0)[\d\s().\-]{6,18}\d)", re.IGNORECASE)


@dataclasses.dataclass
class ContactItem:
    value: str
    where: str
    url: str
    snippet: str


def find_address(words: Words) -> tuple[str, str] | None:
    """(address, snippet) after "Địa chỉ:" / "Trụ sở:", or a "số 12 đường …" form."""
    for label in ADDRESS_LABELS:
        for at in words.find(label):
            start = at + len(label.split())
            if start < len(words) and words.folded[start] == "lien" and words.folded[start + 1:start + 2] == ("he",):
                start += 2
            if start >= len(words) or words.folded[start] in NOT_POSTAL:
                continue  # "địa chỉ thư điện tử", "địa chỉ email": not a postal address
            end = start
            while end < len(words) and end - start < 14 and words.folded[end] not in FIELD_STOPS:
                end += 1
            if end - start >= 2:
                first, last = words.spans[start][0], words.spans[end - 1][1]
                return words.text[first:last].strip(" ,;-–"), words.snippet(at, end - 1, 30)
    for at in words.find("so"):
        follow = words.folded[at + 1:at + 3]
        if len(follow) == 2 and follow[0][:1].isdigit() and follow[1] in ("duong", "pho"):
            end = min(at + 10, len(words) - 1)
            return words.text[words.spans[at][0]:words.spans[end][1]], words.snippet(at, end, 30)
    return None


def classify_numbers(text: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Phone-shaped numbers split into (phones, faxes) by the nearest label before each one."""
    phones, faxes = [], []
    for match in patterns.PHONE.finditer(text):
        number = match.group(0).strip()
        if patterns.digits(number) < 9:
            continue
        before = fold(text[max(0, match.start() - 30):match.start()]).split()
        label = next((w for w in reversed(before) if w == "fax" or w in PHONE_LABELS), None)
        if label == "fax":
            faxes.append((number, match.start()))
            at = len(before) - 1 - before[::-1].index("fax")
            if at > 0 and before[at - 1] in PHONE_LABELS:  # "ĐT/Fax: …" is both
                phones.append((number, match.start()))
        else:
            phones.append((number, match.start()))
    return phones, faxes


@register
class AgencyContacts(ContentRule):
    """The agency's address, phone, fax and email are published.

    **What it checks**
    The text of the contacts pages ("Liên hệ", "Thông tin liên hệ") and the home page's footer is
    searched for: an address ("Địa chỉ: …", "Trụ sở: …", "số 12 đường …"; "địa chỉ thư điện tử"
    is not an address), a phone number (any Vietnamese number not labelled "Fax"), a fax number
    ("Fax: …") and an email address.  The fax alone missing is a warning by default (option
    ``fax_missing_status``): many agencies no longer run a fax line.

    **Why it matters**
    Decree 42/2022 Art. 4.1.e (VERIFIED-2nd) and the Law on Access to Information Art. 19.1.đ
    (VERIFIED, in force) require the agency's address, phone, fax and email on the portal.

    **Non-compliant**
    The footer says "Sở Khoa học và Công nghệ tỉnh Hòa Lâm" with a phone number only, and there is
    no contact page: ``fail`` (no address, no email).

    **Compliant**
    "Địa chỉ: Số 12 đường Trần Hưng Đạo, phường Hòa Bình. Điện thoại: 0261 3544 567. Fax: 0261
    3544 568. Email: skhcn@hoalam.gov.vn": ``pass``.

    **Remediation**
    Publish the full postal address, switchboard phone, fax (if any) and the official email both on
    a contact page and in the footer of every page.
    """

    id = "CT-004"
    name = "content.agency-contacts"
    title_vi = "Có địa chỉ, điện thoại, fax, thư điện tử của cơ quan"
    title_en = "Agency address, phone, fax and email are published"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND42_4_1_E, cite.LAW104_19_1_DD)
    options = missing_status_option("fail") | {
        "fax_missing_status": Option(
            str, "warn",
            "Kết quả khi chỉ thiếu số fax: \"warn\", \"fail\" hoặc \"pass\".",
            "Status when only the fax number is missing: \"warn\", \"fail\" or \"pass\".",
            choices=("warn", "fail", "pass"),
        ),
    }
    description_vi = ("Trang liên hệ hoặc chân trang có địa chỉ, số điện thoại, số fax và địa chỉ thư điện tử của cơ "
                      "quan. Chỉ thiếu fax thì mặc định cảnh báo.")
    remediation_vi = ("Đăng đầy đủ địa chỉ trụ sở, số điện thoại, số fax (nếu có) và thư điện tử công vụ trên trang "
                      "liên hệ và ở chân trang.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        section, pages = read_pages(snapshot, "contacts")
        sources: list[tuple[str, str, str]] = [("contacts page", p.final_url or p.url, facts.text(p)) for p in pages]
        footer = clean(str(facts.layout(snapshot, "footer").get("text") or ""))
        home = snapshot.home()
        if footer:
            sources.append(("footer", home.url if home else snapshot.url, footer))
        if not sources:
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                "Không đọc được trang liên hệ và không thấy chân trang; không đánh giá được thông tin liên hệ.",
                "No contact page was read and no footer text was found; the contacts cannot be assessed.",
                evidence=[section_evidence(section)] if section else [],
                details={"contacts_section": section.state if section else None, "footer": False},
                error_class="no_text",
            )
            return
        items: dict[str, ContactItem] = {}
        for where, url, text in sources:
            words = Words.of(text)
            address = find_address(words)
            if address and "address" not in items:
                items["address"] = ContactItem(address[0], where, url, address[1])
            phones, faxes = classify_numbers(text)
            if phones and "phone" not in items:
                items["phone"] = ContactItem(phones[0][0], where, url, cut(text, phones[0][1], phones[0][1], 40))
            fax = FAX_RE.search(text)
            if "fax" not in items and (fax or faxes):
                value, at = (fax.group(1), fax.start()) if fax else faxes[0]
                items["fax"] = ContactItem(value.strip(), where, url, cut(text, at, at, 40))
            emails = patterns.EMAIL.findall(text)
            if emails and "email" not in items:
                official = [e for e in emails if patterns.GOV_EMAIL.fullmatch(e)]
                chosen = (official or emails)[0]
                at = text.find(chosen)
                items["email"] = ContactItem(chosen, where, url, cut(text, at, at + len(chosen), 40))
        order = ("address", "phone", "fax", "email")
        missing = [k for k in order if k not in items]
        names = {"address": ("địa chỉ", "address"), "phone": ("điện thoại", "phone"), "fax": ("fax", "fax"),
                 "email": ("thư điện tử", "email")}
        details: dict[str, Any] = {
            "found": {k: {"value": v.value, "where": v.where, "url": v.url} for k, v in items.items()},
            "missing": missing,
            "searched": [{"where": where, "url": url, "chars": len(text)} for where, url, text in sources],
        }
        evidence = [Evidence(url=v.url, locator=f"{v.where}: {k}", value=v.value, snippet=v.snippet)
                    for k, v in items.items()]
        searched_vi = ", ".join(("trang liên hệ " if w == "contacts page" else "chân trang ") + u
                                for w, u, _ in sources)
        searched_en = ", ".join(f"{w} {u}" for w, u, _ in sources)
        if not missing:
            yield self.finding(
                ctx, Status.PASS,
                "Có đủ địa chỉ, điện thoại, fax và thư điện tử của cơ quan "
                f"(thư điện tử: {items['email'].value}).",
                f"The agency's address, phone, fax and email are all published (email: {items['email'].value}).",
                evidence=evidence, details=details,
            )
            return
        missing_vi = join_vi([names[k][0] for k in missing])
        missing_en = join_en([names[k][1] for k in missing])
        if missing == ["fax"]:
            status = self.status_of(ctx, "fax_missing_status")
            yield self.finding(
                ctx, status,
                f"Có địa chỉ, điện thoại, thư điện tử nhưng không thấy số fax (đã tìm: {searched_vi}).",
                f"Address, phone and email are published, but no fax number was found (searched: {searched_en}).",
                evidence=evidence, details=details,
            )
            return
        status = self.status_of(ctx)
        message_vi = f"Thiếu {missing_vi} của cơ quan (đã tìm: {searched_vi})."
        verb = "is" if len(missing) == 1 else "are"
        message_en = f"The agency's {missing_en} {verb} missing (searched: {searched_en})."
        if section is not None and section.state == "unreachable" and status is Status.FAIL:
            status = Status.WARN
            details["configured_status"] = "fail"
            message_vi += f" Trang liên hệ không tải được ({section.error_class}), nên chỉ cảnh báo."
            message_en += f" The contact page could not be fetched ({section.error_class}), so this is a warning."
            evidence.append(section_evidence(section))
        yield self.finding(ctx, status, message_vi, message_en, evidence=evidence, details=details)


# ============================================================================================== CT-005
NAME_HEADERS = ("ho ten", "ho va ten", "can bo", "ten can bo")
PHONE_HEADERS = ("dien thoai", "dt", "so dien thoai", "di dong", "tel")
EMAIL_HEADERS = ("email", "e mail", "thu dien tu", "hop thu")
TITLE_HEADERS = ("chuc vu", "chuc danh")
OFFICIAL_WINDOW = 250


@dataclasses.dataclass
class Official:
    name: str
    title: str | None
    phone: str | None
    email: str | None
    url: str
    snippet: str

    @property
    def official_email(self) -> bool:
        return bool(self.email and patterns.GOV_EMAIL.fullmatch(self.email))

    @property
    def complete(self) -> bool:
        return bool(self.title and self.phone and self.official_email)


# Common Vietnamese family names (folded): a capitalised run starting with one is a personal name.
SURNAMES = frozenset((
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo", "duong",
    "ly", "dinh", "dao", "trinh", "mai", "truong", "luong", "lam", "ha", "ta", "cao", "doan", "vuong", "chau", "thai",
    "to", "kieu", "trieu", "luu", "quach", "la", "tong", "giang", "hua", "khuc", "lai", "nong", "luc", "thach",
    "ton", "bach", "kim", "mac", "hong", "van", "au", "khong", "lo", "ninh", "quang", "thieu", "tu",
))
# A name right after these words is a street or place ("đường Lê Lợi", "số 5 Ông Ích Khiêm", "tỉnh Hà Tĩnh").
PLACE_WORDS = frozenset(("duong", "pho", "so", "quan", "huyen", "tinh", "phuong", "xa", "thi", "tran", "ngo", "hem",
                         "kiet", "thon", "ap", "khu", "cau", "cho", "nga"))


def name_run(words: Words, start: int, limit: int = 5) -> int:
    """How many capitalised words, separated only by spaces, follow from ``start``."""
    end = start
    while (end < len(words) and end - start < limit and words.capitalised(end) and not words.folded[end].isdigit()
           and (end == start or words.joined(end))):
        end += 1
    return end - start


def person_at(words: Words, i: int) -> int | None:
    """The end (word index) of a person's name starting at word ``i``, or None.

    "Ông/Bà/Đồng chí" and two capitalised words, or a family name and two more capitalised words
    ("Trần Văn Bình").  A title alone ("Giám đốc Sở") is not a person: the law asks for the
    official's name.  Street and place names ("đường Lê Lợi", "Bà Rịa – Vũng Tàu") are not people.
    """
    if not words.capitalised(i) or (i > 0 and (words.folded[i - 1] in PLACE_WORDS or words.folded[i - 1].isdigit())):
        return None
    for prefix in PERSON_PREFIXES:
        size = len(prefix.split())
        if tuple(words.folded[i:i + size]) == tuple(prefix.split()) and i + size < len(words) \
                and words.joined(i + size):
            run = name_run(words, i + size)
            if run >= 2:
                return i + size + run
    if words.folded[i] in SURNAMES:
        run = name_run(words, i)
        if run >= 3:
            return i + run
    return None


def officials_in_text(page: PageFetch) -> list[Official]:
    """People named in a page's text with a phone and/or an email in the 250 characters after the name."""
    text = facts.text(page)
    words = Words.of(text)
    people: list[tuple[int, int]] = []  # word spans [start, end) of names
    i = 0
    while i < len(words):
        end = person_at(words, i)
        if end is None:
            i += 1
            continue
        people.append((i, end))
        i = end
    out: list[Official] = []
    for n, (first, last) in enumerate(people):
        position = words.spans[first][0]
        # The details after a name belong to it until the next name starts.
        stop = min(position + OFFICIAL_WINDOW, words.spans[people[n + 1][0]][0] if n + 1 < len(people) else len(text))
        after = text[position:stop]
        phones, _ = classify_numbers(after)
        emails = patterns.EMAIL.findall(after)
        if not phones and not emails:
            continue
        around = text[max(0, position - 60):stop]
        around_words = Words.of(around)
        seen = around_words.first(OFFICIAL_TITLES)
        title = None if seen is None else around_words.text[
            around_words.spans[seen[1]][0]:around_words.spans[seen[1] + len(seen[0].split()) - 1][1]]
        official_emails = [e for e in emails if patterns.GOV_EMAIL.fullmatch(e)]
        out.append(Official(name=text[position:words.spans[last - 1][1]], title=title,
                            phone=phones[0][0] if phones else None, email=(official_emails or emails or [None])[0],
                            url=page.final_url or page.url, snippet=cut(text, position, stop, 40)))
    return out


def official_tables(page: PageFetch) -> list[dict[str, Any]]:
    """Tables of officials: a name column and a phone or email column, with rows."""
    out = []
    for table in facts.fact_list(page, "tables"):
        headers = [fold(str(h)) for h in table.get("headers", []) if isinstance(h, str)]
        rows = table.get("rows", 0)
        has = {
            kind: any(has_words(h, phrases) for h in headers)
            for kind, phrases in (("name", NAME_HEADERS), ("phone", PHONE_HEADERS), ("email", EMAIL_HEADERS),
                                  ("title", TITLE_HEADERS))
        }
        if has["name"] and (has["phone"] or has["email"]) and isinstance(rows, int) and rows > 0:
            out.append({"headers": table.get("headers", []), "rows": rows, **has})
    return out


def has_words(folded: str, phrases: Sequence[str]) -> bool:
    padded = f" {folded} "
    return any(f" {p} " in padded for p in phrases)


@register
class ContactOfficials(ContentRule):
    """Contact-point officials are published with name, title, phone and official email.

    **What it checks**
    On the contacts pages (and the leaders and organisation pages): a table of officials (a "Họ
    tên"/"Cán bộ" column and a phone or email column, with rows), or a person named in the text
    ("Ông/Bà/Đồng chí" and a capitalised name, or a full name such as "Trần Văn Bình") followed,
    within 250 characters, by a phone number and an email; the title ("Chánh Văn phòng",
    "chuyên viên") is looked for around the name.  A title with no name ("Chịu trách nhiệm: Giám
    đốc Sở") is not an official.  ``pass`` needs at least one official with a name, a title, a phone and
    an official (``@….gov.vn``) email.  Officials found with a private mailbox (gmail, yahoo) or
    without a phone: ``warn``.

    **Why it matters**
    Decree 42/2022 Art. 4.1.e (VERIFIED-2nd) requires the name, title, unit, phone and official
    email of the contact-point officials; the Law on Access to Information Art. 19.1.đ (VERIFIED, in
    force) requires the contacts of the person receiving information requests.

    **Non-compliant**
    The contact page gives only the agency's switchboard: ``fail``.  "Bà Lê Thị Hoa, chuyên viên,
    0912 345 678, hoale.skhcn@gmail.com": ``warn`` (not an official mailbox).

    **Compliant**
    "Đầu mối tiếp nhận yêu cầu cung cấp thông tin: Ông Trần Văn Bình – Chánh Văn phòng, ĐT: 0261
    3544 570, email: binhtv@skhcn.hoalam.gov.vn": ``pass``.

    **Remediation**
    Publish, for each contact point (information requests, press, IT), the official's name, title,
    unit, phone and a mailbox on the agency's .gov.vn mail system.
    """

    id = "CT-005"
    name = "content.contact-officials"
    title_vi = "Có thông tin cán bộ đầu mối liên hệ"
    title_en = "Contact-point officials are published"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND42_4_1_E, cite.LAW104_19_1_DD)
    options = missing_status_option("fail")
    description_vi = ("Có ít nhất một cán bộ đầu mối với họ tên, chức vụ, số điện thoại và thư điện tử công vụ "
                      "(@….gov.vn) trên trang liên hệ (hoặc trang lãnh đạo, cơ cấu tổ chức). Có cán bộ nhưng dùng thư "
                      "điện tử cá nhân hoặc thiếu điện thoại thì cảnh báo.")
    remediation_vi = ("Đăng họ tên, chức vụ, đơn vị, số điện thoại và thư điện tử công vụ (.gov.vn) của cán bộ đầu mối "
                      "(tiếp nhận yêu cầu cung cấp thông tin, phát ngôn, kỹ thuật).")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        contacts, contact_pages = read_pages(snapshot, "contacts")
        if contacts is None:
            yield self.section_absent(ctx, "contacts")
            return
        pages = contact_pages + read_pages(snapshot, "leaders")[1] + read_pages(snapshot, "organisation")[1]
        officials: list[Official] = []
        tables: list[tuple[PageFetch, dict[str, Any]]] = []
        for page in pages:
            officials += officials_in_text(page)
            tables += [(page, t) for t in official_tables(page)]
        complete = [o for o in officials if o.complete]
        gov_in_tables = [
            (page, t) for page, t in tables
            if t["title"] and t["phone"] and t["email"] and patterns.GOV_EMAIL.search(facts.text(page))
        ]
        details: dict[str, Any] = {
            "officials": [dataclasses.asdict(o) | {"official_email": o.official_email} for o in officials[:10]],
            "official_count": len(officials),
            "complete_count": len(complete),
            "tables": [{"url": p.url, **t} for p, t in tables[:5]],
            "pages": [p.url for p in pages],
        }
        evidence = [Evidence(url=o.url, locator="main text: official", value=o.name, snippet=o.snippet)
                    for o in (complete or officials)[:MAX_EVIDENCE]]
        evidence += [page_evidence(p, "table", " | ".join(str(h) for h in t["headers"]), f"{t['rows']} rows")
                     for p, t in tables[:3]]
        if complete or gov_in_tables:
            first = complete[0] if complete else None
            who_vi = f"{first.name} ({first.title}, {first.phone}, {first.email})" if first else "bảng cán bộ"
            who_en = f"{first.name} ({first.title}, {first.phone}, {first.email})" if first else "a table of officials"
            yield self.finding(
                ctx, Status.PASS,
                f"Có thông tin cán bộ đầu mối với họ tên, chức vụ, điện thoại và thư điện tử công vụ: {who_vi}.",
                f"Contact-point officials are published with name, title, phone and official email: {who_en}.",
                evidence=evidence, details=details,
            )
            return
        if officials or tables:
            gaps_vi, gaps_en = [], []
            if officials and not any(o.official_email for o in officials):
                gaps_vi.append("thư điện tử không phải hộp thư công vụ .gov.vn")
                gaps_en.append("the emails are not official .gov.vn mailboxes")
            if officials and not any(o.phone for o in officials):
                gaps_vi.append("không có số điện thoại")
                gaps_en.append("no phone number")
            if officials and not any(o.title for o in officials):
                gaps_vi.append("không nêu chức vụ")
                gaps_en.append("no title")
            if not officials:
                gaps_vi.append("bảng thiếu cột chức vụ, điện thoại hoặc thư điện tử công vụ")
                gaps_en.append("the table lacks a title, phone or official-email column")
            if not gaps_vi:  # each item is somewhere, but no single official has them all
                gaps_vi.append("không cán bộ nào có đủ chức vụ, điện thoại và thư điện tử công vụ")
                gaps_en.append("no single official has a title, a phone and an official email")
            count = len(officials) or len(tables)
            yield self.finding(
                ctx, Status.WARN,
                f"Có thông tin cán bộ liên hệ ({count}) nhưng {'; '.join(gaps_vi)}.",
                f"Contact officials are published ({count}), but {'; '.join(gaps_en)}.",
                evidence=evidence, details=details,
            )
            return
        if contacts.state == "unreachable" and not pages:
            yield self.section_unreachable(ctx, contacts)
            return
        if not pages:
            yield self.pages_not_read(ctx, contacts)
            return
        status = self.status_of(ctx)
        where = ", ".join(p.url for p in pages)
        message_vi = f"Không thấy cán bộ đầu mối nào (họ tên kèm điện thoại, thư điện tử) trên {where}."
        message_en = f"No contact-point official (a name with a phone and email) was found on {where}."
        if contacts.state == "unreachable" and status is Status.FAIL:
            status = Status.WARN
            details["configured_status"] = "fail"
            message_vi += f" Trang liên hệ không tải được ({contacts.error_class}), nên chỉ cảnh báo."
            message_en += f" The contact page could not be fetched ({contacts.error_class}), so this is a warning."
        evidence = [page_evidence(p, "main text", snippet=cut(facts.text(p), 0, 0, 160)) for p in pages[:3]]
        yield self.finding(ctx, status, message_vi, message_en, evidence=evidence, details=details)


# ============================================================================================== CT-009
NATIONAL_SERVICE_HOST = "dichvucong.gov.vn"
PROVINCIAL_SERVICE_HOST = re.compile(r"^(dichvucong|dvc|dvctt|motcua|congdichvucong)\.[a-z0-9-]+\.gov\.vn$")


def service_portal(host: str) -> str | None:
    """"national" / "provincial" when ``host`` is a public-service portal, else None."""
    if host == NATIONAL_SERVICE_HOST or host.endswith("." + NATIONAL_SERVICE_HOST):
        return "national"
    if PROVINCIAL_SERVICE_HOST.match(host):
        return "provincial"
    return None


@register
class ProceduresIntegrated(ContentRule):
    """Procedures and online services link to the National or the provincial Public Service Portal.

    **What it checks**
    The procedures section's own URL, the links, frames and forms of its page, the home page's
    links to other sites and its menu are searched for a link to the National Public Service Portal
    (``dichvucong.gov.vn`` or a subdomain) or a provincial one (``dichvucong.<tỉnh>.gov.vn``,
    ``dvc.…``, ``dvctt.…``, ``motcua.…``, ``congdichvucong.…``).

    **Why it matters**
    Decree 42/2022 Art. 4.1.c (VERIFIED-2nd) and Decree 224/2026 Art. 9.1.a (VERIFIED, in force)
    require procedures and online services to be integrated from the National Public Service
    Portal (or the ministry's or province's), so citizens file in one place.

    **Non-compliant**
    "Thủ tục hành chính" lists procedures as Word files on the agency's own site, with no link to
    any public-service portal: ``fail``.

    **Compliant**
    The menu item "Dịch vụ công" goes to dichvucong.hoalam.gov.vn, or the procedures page embeds
    dichvucong.gov.vn in a frame: ``pass``.

    **Remediation**
    Link each procedure to its page on the National (or provincial) Public Service Portal, or embed
    the portal's procedure list, instead of keeping a separate copy.
    """

    id = "CT-009"
    name = "content.procedures-integrated"
    title_vi = "Thủ tục hành chính tích hợp từ Cổng Dịch vụ công"
    title_en = "Procedures are integrated from the Public Service Portal"
    severity = Severity.HIGH
    legal_refs = (cite.ND42_4_1_C, cite.ND224_9_1_A)
    options = missing_status_option("fail")
    description_vi = ("Chuyên mục thủ tục hành chính, trang của nó hoặc trang chủ có liên kết (hoặc khung nhúng, biểu "
                      "mẫu) tới Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) hoặc cổng dịch vụ công cấp tỉnh.")
    remediation_vi = ("Liên kết từng thủ tục tới trang tương ứng trên Cổng Dịch vụ công quốc gia (hoặc cấp tỉnh), hoặc "
                      "nhúng danh mục thủ tục từ cổng đó, thay vì duy trì bản sao riêng.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        section = snapshot.sections.get("procedures")
        if section is None:
            yield self.section_absent(ctx, "procedures")
            return
        candidates: list[tuple[str, str, str | None]] = [(section.url, "procedures section URL", section.label)]
        pages = facts.section_pages(snapshot, "procedures") if facts.usable(section) else []
        for page in pages:
            candidates += [(str(x.get("url") or ""), "procedures page: link", clean(str(x.get("label") or "")))
                           for x in facts.fact_list(page, "links")]
            candidates += [(str(x.get("src") or ""), "procedures page: frame", clean(str(x.get("title") or "")))
                           for x in facts.fact_list(page, "frames")]
            candidates += [(str(x.get("action") or ""), "procedures page: form", None) for x in facts.forms(page)]
        candidates += [(str(x.get("url") or ""), "home page: external link", clean(str(x.get("label") or "")))
                       for x in facts.external_links(snapshot)]
        candidates += [(str(x.get("url") or ""), "home page: menu", clean(str(x.get("label") or "")))
                       for x in facts.layout(snapshot, "menu").get("entries", []) if isinstance(x, dict)]
        hits = [(url, where, label, kind) for url, where, label in candidates
                if (kind := service_portal(host_of(url))) is not None]
        details: dict[str, Any] = {
            "found": [{"url": u, "where": w, "portal": k} for u, w, _, k in hits[:10]],
            "links_searched": len(candidates), "section_state": section.state, "section_url": section.url,
        }
        if hits:
            url, where, _, kind = hits[0]
            kind_vi = "Cổng Dịch vụ công quốc gia" if kind == "national" else "cổng dịch vụ công cấp tỉnh"
            kind_en = "the National Public Service Portal" if kind == "national" else "the provincial service portal"
            yield self.finding(
                ctx, Status.PASS,
                f"Thủ tục hành chính được liên kết tới {kind_vi}: {host_of(url)} ({where}).",
                f"Procedures are linked to {kind_en}: {host_of(url)} ({where}).",
                evidence=[Evidence(url=u, locator=w, value=lab) for u, w, lab, _ in hits[:5]], details=details,
            )
            return
        if section.state == "unreachable":
            yield self.section_unreachable(ctx, section, **details)
            return
        yield self.finding(
            ctx, self.status_of(ctx),
            f"Không thấy liên kết nào tới Cổng Dịch vụ công quốc gia hay cổng dịch vụ công cấp tỉnh (đã xem "
            f"{len(candidates)} liên kết: chuyên mục \"{section.label}\", trang của nó, trang chủ).",
            f"No link to the National or a provincial Public Service Portal was found ({len(candidates)} links "
            f"searched: the section \"{section.label}\", its page, the home page).",
            evidence=[section_evidence(section)], details=details,
        )


# ============================================================================================== CT-010 / CT-011
@dataclasses.dataclass
class TitleHit:
    text: str
    url: str | None
    where: str
    snippet: str


def listing_titles(snapshot: PortalSnapshot, kinds: Sequence[str]) -> Iterator[tuple[str, str, str | None]]:
    """(kind, title, url) of the items of ``kinds``."""
    for kind in kinds:
        section = snapshot.sections.get(kind)
        if section is None:
            continue
        for item in section.items:
            yield kind, item.title, item.url


def search_documents(snapshot: PortalSnapshot, title_kinds: Sequence[str], page_kinds: Sequence[str],
                     match: Callable[[Words], int | None]) -> tuple[list[TitleHit], list[dict[str, Any]]]:
    """Apply ``match(words) -> word index | None`` to listing titles and page texts; (hits, searched)."""
    hits: list[TitleHit] = []
    searched: list[dict[str, Any]] = []
    for kind in title_kinds:
        section = snapshot.sections.get(kind)
        if not facts.usable(section):
            continue
        assert section is not None
        searched.append({"kind": kind, "url": section.url, "items": len(section.items)})
        for item in section.items:
            words = Words.of(item.title)
            at = match(words)
            if at is not None:
                hits.append(TitleHit(item.title, item.url, f"{kind} listing item", words.snippet(at, at + 6)))
    for kind in page_kinds:
        for page in read_pages(snapshot, kind)[1]:
            searched.append({"kind": kind, "url": page.url, "page": True})
            texts = [facts.text(page)] + [clean(str(f.get("label") or "")) for f in facts.fact_list(page, "files")]
            texts += [label for label, _ in link_labels(page)]
            for text in texts:
                words = Words.of(text)
                at = match(words)
                if at is not None:
                    hits.append(TitleHit(text if len(text) < 200 else words.snippet(at, at + 6),
                                         page.final_url or page.url, f"{kind} page text", words.snippet(at, at + 6)))
                    break
    return hits, searched


def run_years(ctx: RuleContext, grace_days: int) -> tuple[int, ...]:
    today = vn_today(ctx.now)
    if (today - dt.date(today.year, 1, 1)).days < grace_days:
        return today.year, today.year - 1
    return (today.year,)


@register
class AnnualWorkPlan(ContentRule):
    """This year's work plan or programme is published (kế hoạch, chương trình công tác năm).

    **What it checks**
    The titles of the items of the plans, directive-documents, legal-documents and news listings,
    and the text, files and links of the plans pages, are searched for "kế hoạch" or "chương
    trình" together with "công tác", "nhiệm vụ" or "hoạt động" and the run year ("Kế hoạch công tác
    năm 2026").  In January and February (option ``grace_days``, 59 days after 1 January) last
    year's plan also counts: the new one is often adopted in the first weeks.

    **Why it matters**
    The Law on Access to Information Art. 19.1.c (VERIFIED, in force) and Decree 42/2022 Art. 4.1
    (VERIFIED-2nd; point letter UNVERIFIED) require the annual work plan on the portal.

    **Non-compliant**
    The plans section was read and lists only the 2021–2025 master plan: ``fail``.  No plans
    section, and no such title on the first page of the documents listings: ``warn`` (only those
    first pages were searched).

    **Compliant**
    "Kế hoạch công tác năm 2026 của Sở Khoa học và Công nghệ" in the plans listing: ``pass``.

    **Remediation**
    Publish the year's work programme or plan in the plans section as soon as it is adopted.
    """

    id = "CT-010"
    name = "content.annual-work-plan"
    title_vi = "Công bố kế hoạch, chương trình công tác năm"
    title_en = "This year's work plan is published"
    severity = Severity.MEDIUM
    legal_refs = (cite.LAW104_19_1_C, cite.ND42_4_1_PLANS)
    options = missing_status_option("fail") | {
        "grace_days": Option(
            int, 59,
            "Số ngày đầu năm (tính từ 01/01) mà kế hoạch của năm trước vẫn được chấp nhận.",
            "Days after 1 January during which last year's plan still counts.",
            minimum=0,
        ),
    }
    description_vi = ("Tìm kế hoạch hoặc chương trình công tác (nhiệm vụ, hoạt động) của năm kiểm tra trong tiêu đề "
                      "các chuyên mục kế hoạch, văn bản, tin tức và nội dung trang kế hoạch. Trong grace_days ngày đầu "
                      "năm, kế hoạch năm trước vẫn được tính.")
    remediation_vi = "Đăng chương trình, kế hoạch công tác năm ở chuyên mục kế hoạch ngay sau khi được ban hành."

    TITLE_KINDS: ClassVar[tuple[str, ...]] = ("plans", "directive_documents", "legal_documents", "news")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        years = run_years(ctx, int(ctx.options["grace_days"]))

        def match(words: Words) -> int | None:
            for anchor in ("ke hoach", "chuong trinh"):
                for at in words.find(anchor):
                    # "Kế hoạch số 15/KH-SKHCN ngày 10/01/2026 về thực hiện nhiệm vụ năm 2026": the number and
                    # date may sit between the words, so look 16 words ahead.
                    if words.near(at, ("cong tac", "nhiem vu", "hoat dong"), 16) and years_in(words, at, 18) & set(
                            years):
                        return at
            return None

        hits, searched = search_documents(snapshot, self.TITLE_KINDS, ("plans",), match)
        details: dict[str, Any] = {"years": list(years), "searched": searched,
                                   "found": [{"title": h.text, "url": h.url, "where": h.where} for h in hits[:5]]}
        years_text = " hoặc ".join(str(y) for y in years)
        years_en = " or ".join(str(y) for y in years)
        if hits:
            hit = hits[0]
            yield self.finding(
                ctx, Status.PASS,
                f"Có kế hoạch/chương trình công tác năm {years_text}: \"{hit.text}\".",
                f"A work plan or programme for {years_en} is published: \"{hit.text}\".",
                evidence=[Evidence(url=h.url, locator=h.where, value=h.text, snippet=h.snippet) for h in hits[:5]],
                details=details,
            )
            return
        if not searched:
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                "Không đọc được chuyên mục kế hoạch, văn bản hay tin tức nào; không tìm được kế hoạch công tác năm.",
                "No plans, documents or news listing was read; the annual work plan could not be looked for.",
                details=details, error_class="no_listing",
            )
            return
        evidence = [Evidence(url=s["url"], locator=f"searched: {s['kind']}",
                             value=f"{s['items']} item titles" if "items" in s else "page text") for s in searched]
        plans = snapshot.sections.get("plans")
        where_vi = ", ".join(KIND_LABELS[k][0] for k in dict.fromkeys(s["kind"] for s in searched))
        where_en = ", ".join(KIND_LABELS[k][1] for k in dict.fromkeys(s["kind"] for s in searched))
        message_vi = f"Không thấy kế hoạch/chương trình công tác năm {years_text} (đã tìm trong: {where_vi})."
        message_en = f"No work plan or programme for {years_en} was found (searched: {where_en})."
        if facts.usable(plans):
            yield self.finding(ctx, self.status_of(ctx), message_vi, message_en, evidence=evidence, details=details)
            return
        details["plans_section"] = plans.state if plans else None
        yield self.finding(
            ctx, Status.WARN,
            message_vi + " Không có (hoặc không tải được) chuyên mục kế hoạch; chỉ trang đầu của các danh sách văn bản "
            "được đọc, nên chỉ cảnh báo.",
            message_en + " There is no readable plans section and only the first page of the document listings was "
            "read, so this is a warning.",
            evidence=evidence, details=details,
        )


@register
class AnnualFinancialReport(ContentRule):
    """The annual financial report or budget settlement is published (báo cáo tài chính năm); a warning by default.

    **What it checks**
    The titles of the items of the budget, investment, documents, plans and statistics listings,
    and the text, files and links of the budget and access-to-information pages, are searched for
    "báo cáo tài chính" (or "quyết toán" with "năm") and a year that is last year or this year
    ("Báo cáo tài chính năm 2025", "Công khai quyết toán ngân sách năm 2025").

    **Why it matters**
    The Law on Access to Information Art. 19.1.e (VERIFIED, in force) requires the annual financial
    report on the portal; Decree 42/2022 Art. 4.1 (VERIFIED-2nd; point letter UNVERIFIED) made it a
    new item.  Only the first page of each listing is read, so a report published months ago may
    be missed: not finding it is a warning by default.

    **Non-compliant**
    No title mentions a financial report or settlement for last year or this year: ``warn``.

    **Compliant**
    "Báo cáo tài chính năm 2025" in the budget-disclosure listing: ``pass``.

    **Remediation**
    Publish the annual financial report (and the budget settlement) in the budget-disclosure
    section once approved.
    """

    id = "CT-011"
    name = "content.annual-financial-report"
    title_vi = "Công bố báo cáo tài chính năm"
    title_en = "The annual financial report is published"
    severity = Severity.MEDIUM
    legal_refs = (cite.LAW104_19_1_E, cite.ND42_4_1_FINANCE)
    options = missing_status_option("warn")
    description_vi = ("Tìm báo cáo tài chính (hoặc quyết toán) năm trước hoặc năm nay trong tiêu đề các chuyên mục "
                      "ngân sách, đầu tư, văn bản, kế hoạch, thống kê và nội dung trang ngân sách, tiếp cận thông tin. "
                      "Chỉ trang đầu của danh sách được đọc nên mặc định chỉ cảnh báo.")
    remediation_vi = ("Đăng báo cáo tài chính năm (và quyết toán ngân sách) ở chuyên mục công khai ngân sách khi được "
                      "duyệt.")

    TITLE_KINDS: ClassVar[tuple[str, ...]] = ("budget", "investment", "legal_documents", "directive_documents", "plans",
                                              "statistics")
    PAGE_KINDS: ClassVar[tuple[str, ...]] = ("budget", "access_to_information")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        year = vn_today(ctx.now).year
        years = {year - 1, year}

        def match(words: Words) -> int | None:
            for at in words.find("bao cao tai chinh"):
                if years_in(words, at, 10) & years:
                    return at
            for at in words.find("quyet toan"):
                if words.near(max(at - 6, 0), ("nam",), 14) and years_in(words, max(at - 6, 0), 16) & years:
                    return at
            return None

        hits, searched = search_documents(snapshot, self.TITLE_KINDS, self.PAGE_KINDS, match)
        details: dict[str, Any] = {"years": sorted(years), "searched": searched,
                                   "found": [{"title": h.text, "url": h.url, "where": h.where} for h in hits[:5]]}
        if hits:
            hit = hits[0]
            yield self.finding(
                ctx, Status.PASS,
                f"Có báo cáo tài chính/quyết toán năm {year - 1} hoặc {year}: \"{hit.text}\".",
                f"A financial report or settlement for {year - 1} or {year} is published: \"{hit.text}\".",
                evidence=[Evidence(url=h.url, locator=h.where, value=h.text, snippet=h.snippet) for h in hits[:5]],
                details=details,
            )
            return
        if not searched:
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                "Không đọc được chuyên mục ngân sách, văn bản, kế hoạch hay thống kê nào; không tìm được báo cáo tài "
                "chính năm.",
                "No budget, documents, plans or statistics listing was read; the annual financial report could not "
                "be looked for.",
                details=details, error_class="no_listing",
            )
            return
        where_vi = ", ".join(KIND_LABELS[k][0] for k in dict.fromkeys(s["kind"] for s in searched))
        where_en = ", ".join(KIND_LABELS[k][1] for k in dict.fromkeys(s["kind"] for s in searched))
        yield self.finding(
            ctx, self.status_of(ctx),
            f"Không thấy báo cáo tài chính hay quyết toán năm {year - 1} hoặc {year} (đã tìm trong trang đầu của: "
            f"{where_vi}).",
            f"No financial report or settlement for {year - 1} or {year} was found (searched the first page of: "
            f"{where_en}).",
            evidence=[Evidence(url=s["url"], locator=f"searched: {s['kind']}",
                               value=f"{s['items']} item titles" if "items" in s else "page text") for s in searched],
            details=details,
        )


# ============================================================================================== CT-012
DEADLINE_PHRASES = ("han gop y", "thoi han", "het han", "den het ngay", "truoc ngay", "den ngay")
DEADLINE_RE = re.compile(r"\b(?:han gop y|thoi han|het han|den het ngay|truoc ngay|den ngay)\b(?: [a-z]+){0,4}? "
                         r"(\d{1,2}) (?:thang )?(\d{1,2})\b")
ENOUGH_SHARE = 0.8


@register
class ConsultationDeadlines(ContentRule):
    """Drafts put out for comment show their deadline (thời hạn góp ý).

    **What it checks**
    Each item of the consultation listing ("Lấy ý kiến dự thảo") has a deadline when the crawler
    read a deadline field ("Hạn góp ý", "Thời hạn lấy ý kiến", "Ngày kết thúc") on its row or its
    detail page, or its title says "hạn góp ý", "thời hạn", "hết hạn", "đến hết ngày", "trước
    ngày" or "đến ngày" followed by a date.  ``pass`` when at least 80 % of the items have one.

    **Why it matters**
    The Law on Access to Information Art. 17.1.c (VERIFIED, in force) requires drafts put out for
    comment to be made public; a draft without a deadline does not tell citizens until when they
    may comment (Decree 43/2011 Art. 10.1.i, repealed, listed the deadline explicitly).

    **Non-compliant**
    Six drafts listed, none with a deadline: ``fail``.  Two of six with a deadline: ``warn``.

    **Compliant**
    "Dự thảo Quyết định … (Hạn góp ý: 30/10/2026)" for every draft: ``pass``.

    **Remediation**
    Show the deadline for comments on each draft (in the listing and on its page), with the full
    text and how to send comments.
    """

    id = "CT-012"
    name = "content.consultation-deadlines"
    title_vi = "Dự thảo lấy ý kiến có thời hạn góp ý"
    title_en = "Draft consultations show their deadline"
    severity = Severity.LOW
    legal_refs = (cite.LAW104_17_1_C,)
    options = missing_status_option("fail")
    description_vi = ("Mỗi dự thảo trong chuyên mục lấy ý kiến có thời hạn góp ý (trường \"Hạn góp ý\" hoặc tiêu đề "
                      "ghi \"đến hết ngày …\"). Đạt khi ít nhất 80% dự thảo có thời hạn; có một phần thì cảnh báo.")
    remediation_vi = ("Ghi rõ thời hạn góp ý cho từng dự thảo (trong danh sách và trang chi tiết), kèm toàn văn và "
                      "cách gửi ý kiến.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        section = snapshot.sections.get("consultation")
        if section is None:
            yield self.section_absent(ctx, "consultation")
            return
        if section.state == "unreachable":
            yield self.section_unreachable(ctx, section)
            return
        if not section.items:
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Chuyên mục \"{section.label}\" không có dự thảo nào; không đánh giá được thời hạn góp ý.",
                f"The section \"{section.label}\" lists no draft; deadlines cannot be assessed.",
                evidence=[section_evidence(section)], details={"item_count": 0}, error_class="no_items",
            )
            return
        rows: list[dict[str, Any]] = []
        for item in section.items:
            how, value = None, None
            if item.meta.get("deadline"):
                how, value = "meta", str(item.meta["deadline"])
            else:
                match = DEADLINE_RE.search(fold(item.title))
                if match:
                    how, value = "title", match.group(0)
            rows.append({"title": item.title, "url": item.url, "deadline": value, "how": how})
        with_deadline = [r for r in rows if r["deadline"]]
        share = len(with_deadline) / len(rows)
        details: dict[str, Any] = {"item_count": len(rows), "with_deadline": len(with_deadline),
                                   "share": round(share, 2), "items": rows[:20]}
        evidence = [Evidence(url=r["url"], locator=f"deadline from {r['how']}" if r["how"] else "no deadline",
                             value=r["title"], snippet=r["deadline"])
                    for r in (with_deadline[:3] + [r for r in rows if not r["deadline"]][:5])]
        counts_vi = f"{len(with_deadline)}/{len(rows)} dự thảo có thời hạn góp ý"
        counts_en = f"{len(with_deadline)} of {len(rows)} drafts show a deadline"
        if with_deadline and share >= ENOUGH_SHARE:
            status = Status.PASS
        elif with_deadline:
            status = Status.WARN
        else:
            status = self.status_of(ctx)
        yield self.finding(ctx, status, f"Chuyên mục \"{section.label}\": {counts_vi}.",
                           f"The section \"{section.label}\": {counts_en}.", evidence=evidence, details=details)


# ============================================================================================== CT-013
LIST_PHRASES = ("danh muc thong tin", "thong tin phai cong khai", "thong tin phai duoc cong khai",
                "thong tin cong khai")
LIST_COLUMNS = ("hinh thuc", "thoi diem", "thoi han", "ngay", "duong dan", "dia chi", "so ky hieu", "tai ve")
MIN_COLUMNS = 2


@register
class AccessToInformationList(ContentRule):
    """The access-to-information section holds the list of information to be published.

    **What it checks**
    The pages of the access-to-information section ("Tiếp cận thông tin") mention "danh mục thông
    tin" (or "thông tin phải công khai") and show a list: a table with rows, at least 3 files or at
    least 5 links.  ``pass`` when the table's headers include at least 2 of: form, time, duration,
    date, link/location, number, download ("hình thức", "thời điểm", "thời hạn", "ngày", "đường
    dẫn", "địa chỉ", "số ký hiệu", "tải về"); a list without those columns is a ``warn``, and so is
    a page that only links to the list.

    **Why it matters**
    Decree 13/2018 Art. 6.3 (VERIFIED, in force) requires the list of information to be published,
    posted in the access-to-information section, with the name, number, date created, form, time
    and duration of publication and a download link of each item; the Law on Access to Information
    Art. 19.1.g (VERIFIED) requires the list on the portal.

    **Non-compliant**
    "Tiếp cận thông tin" shows only the request form: ``fail``.  A list of 12 file links with no
    columns for form or time of publication: ``warn``.

    **Compliant**
    A table "Danh mục thông tin phải được công khai" with columns "Tên thông tin | Số ký hiệu |
    Hình thức công khai | Thời điểm công khai | Thời hạn | Tải về": ``pass``.

    **Remediation**
    Publish the list of information to be published as a table giving, for each item, its name,
    number, date, the form, time and duration of publication and a download link; update it
    whenever information is added.
    """

    id = "CT-013"
    name = "content.access-to-information-list"
    title_vi = "Có danh mục thông tin phải được công khai"
    title_en = "The list of information to be published is posted"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND13_6_3, cite.LAW104_19_1_G)
    options = missing_status_option("fail")
    description_vi = ("Chuyên mục tiếp cận thông tin có danh mục thông tin phải được công khai (bảng, tệp hoặc danh "
                      "sách liên kết), bảng có các cột như hình thức, thời điểm, thời hạn công khai, đường dẫn tải về.")
    remediation_vi = ("Đăng danh mục thông tin phải công khai dạng bảng: tên, số ký hiệu, ngày tạo, hình thức, thời "
                      "điểm, thời hạn công khai, đường dẫn tải về; cập nhật khi có thông tin mới.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        section, pages = read_pages(snapshot, "access_to_information")
        if section is None:
            yield self.section_absent(ctx, "access_to_information")
            return
        if section.state == "unreachable":
            yield self.section_unreachable(ctx, section)
            return
        if not pages:
            yield self.pages_not_read(ctx, section)
            return
        best: dict[str, Any] | None = None
        named_on: list[tuple[PageFetch, Words, int, str]] = []
        for page in pages:
            words = page_words(page)
            phrase = words.first(LIST_PHRASES)
            if phrase is not None:
                named_on.append((page, words, phrase[1], phrase[0]))
            tables = [t for t in facts.fact_list(page, "tables") if isinstance(t.get("rows"), int) and t["rows"] > 0]
            files = facts.fact_list(page, "files")
            links = facts.fact_list(page, "links")
            shapes: list[dict[str, Any] | None] = [*tables] or [None]
            for table in shapes:
                headers = [str(h) for h in (table or {}).get("headers", []) if isinstance(h, str)]
                columns = [c for c in LIST_COLUMNS if any(has_words(fold(h), (c,)) for h in headers)]
                listed = bool(table) or len(files) >= 3 or len(links) >= 5
                candidate = {"page": page, "table": table, "headers": headers, "columns": columns,
                             "files": len(files), "links": len(links), "listed": listed, "named": phrase is not None}
                if best is None or _list_rank(candidate) > _list_rank(best):
                    best = candidate
        assert best is not None
        page = best["page"]
        details: dict[str, Any] = {
            "list_named": bool(named_on), "listed": best["listed"], "table_headers": best["headers"],
            "columns_found": best["columns"], "files": best["files"], "links": best["links"],
            "pages": [p.url for p in pages],
        }
        evidence = [page_evidence(p, "main text", phrase, words.snippet(at, at + 5)) for p, words, at, phrase in
                    named_on[:2]]
        if best["table"]:
            evidence.append(page_evidence(page, "table", " | ".join(best["headers"]), f"{best['table']['rows']} rows"))
        if named_on and best["listed"]:
            if len(best["columns"]) >= MIN_COLUMNS:
                yield self.finding(
                    ctx, Status.PASS,
                    f"Có danh mục thông tin phải công khai, có các cột: {', '.join(best['headers'])}.",
                    f"The list of information to be published is posted, with the columns: "
                    f"{', '.join(best['headers'])}.",
                    evidence=evidence, details=details,
                )
                return
            shape_vi = (f"bảng {best['table']['rows']} dòng" if best["table"]
                        else f"{best['files']} tệp, {best['links']} liên kết")
            shape_en = (f"a table of {best['table']['rows']} rows" if best["table"]
                        else f"{best['files']} files, {best['links']} links")
            yield self.finding(
                ctx, Status.WARN,
                f"Có danh mục thông tin ({shape_vi}) nhưng không thấy các cột hình thức, thời điểm, thời hạn công "
                "khai, đường dẫn tải về.",
                f"A list of information is posted ({shape_en}) but without columns for the form, time and duration "
                "of publication or a download link.",
                evidence=evidence, details=details,
            )
            return
        hub = labels_matching(pages, LIST_PHRASES)
        if hub:
            details["list_links"] = [url for _, _, url, _ in hub[:5]]
            yield self.finding(
                ctx, Status.WARN,
                f"Trang tiếp cận thông tin có liên kết \"{hub[0][1]}\" nhưng danh mục nằm ở trang khác chưa được đọc; "
                "cần kiểm tra.",
                f"The access-to-information page links to \"{hub[0][1]}\", but the list itself is on a page that "
                "was not read; please check.",
                evidence=evidence + [page_evidence(p, "main link", label, url) for p, label, url, _ in hub[:3]],
                details=details,
            )
            return
        where = ", ".join(p.url for p in pages)
        yield self.finding(
            ctx, self.status_of(ctx),
            f"Chuyên mục tiếp cận thông tin ({where}) không có danh mục thông tin phải được công khai.",
            f"The access-to-information section ({where}) does not post the list of information to be published.",
            evidence=evidence or [page_evidence(p, "main text", snippet=cut(facts.text(p), 0, 0, 160))
                                  for p in pages[:3]],
            details=details,
        )


def _list_rank(candidate: dict[str, Any]) -> tuple[bool, bool, int, bool]:
    return candidate["named"] and candidate["listed"], candidate["listed"], len(candidate["columns"]), bool(
        candidate["table"])
