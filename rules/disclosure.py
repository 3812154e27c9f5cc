"""Disclosure rules (CT-009..CT-013): public-service integration, the year's work plan, the financial report,
consultation deadlines and the access-to-information list.

The shared ladder and word search are in :mod:`rules.content_base`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any, ClassVar

from nd42.clock import vn_today
from nd42.records import Evidence, Finding, PageFetch, PortalSnapshot, Severity, Status
from nd42.textnorm import clean, fold
from rules import citations as cite
from rules import facts
from rules.base import KIND_LABELS, Option, RuleContext, register
from rules.content_base import (
    ContentRule,
    Words,
    cut,
    has_words,
    host_of,
    labels_matching,
    link_labels,
    page_evidence,
    page_words,
    read_pages,
    section_evidence,
    years_in,
)
from rules.presence import missing_status_option

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
        gate = self.read_section(snapshot, ctx, "access_to_information")
        if isinstance(gate, Finding):
            yield gate
            return
        _section, pages = gate
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
