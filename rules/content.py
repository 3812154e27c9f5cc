"""Content rules about the agency itself (CT-001..CT-003): functions and duties, organisation, leaders.

The shared ladder and word search are in :mod:`rules.content_base`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, ClassVar

from nd42.records import Evidence, Finding, PageFetch, PortalSnapshot, Severity, Status
from nd42.textnorm import clean, fold
from rules import citations as cite
from rules import facts
from rules.base import RuleContext, register
from rules.content_base import (
    BIOGRAPHY_MARKERS,
    LEADER_TITLES,
    PORTFOLIO_MARKERS,
    ContentRule,
    Words,
    cut,
    join_en,
    join_vi,
    labels_matching,
    link_labels,
    page_evidence,
    page_words,
    read_pages,
    section_evidence,
)
from rules.presence import missing_status_option

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
        gate = self.read_section(snapshot, ctx, "introduction")
        if isinstance(gate, Finding):
            yield gate
            return
        section, pages = gate
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
        gate = self.read_section(snapshot, ctx, "leaders")
        if isinstance(gate, Finding):
            yield gate
            return
        section, pages = gate
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
