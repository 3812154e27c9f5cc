"""Freshness rules (FR-xxx): is the newest dated item of a listing section recent enough?

Age is counted in calendar days from the newest dated item (the maximum date, never the first row:
listings carry pinned items) to the run day in Vietnam (``vn_today(ctx.now)``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, ClassVar

from nd42.clock import vn_today
from nd42.records import Evidence, Finding, PortalSnapshot, SectionSnapshot, Severity, Status
from rules import citations as cite
from rules.base import KIND_LABELS, ComplianceRule, Option, RuleContext, register

MAX_DATES_IN_EVIDENCE = 10
# Dates up to one day after the run day still count (age 0): the run clock is the crawl *start*,
# and a crawl that runs past midnight sees items posted "tomorrow".  Same tolerance as the
# crawler's date extraction (``future_days = 1``).  Later dates are typos or scheduled items.
FUTURE_TOLERANCE_DAYS = 1


def freshness_options(max_age_days: int, stale_status: str) -> dict[str, Option]:
    return {
        "max_age_days": Option(
            int, max_age_days,
            "Số ngày tối đa kể từ mục mới nhất (tính theo ngày lịch, giờ Việt Nam).",
            "Maximum age in calendar days of the newest dated item (Vietnam time).",
            minimum=0,
        ),
        "stale_status": Option(
            str, stale_status,
            "Kết quả khi chuyên mục quá hạn cập nhật: \"fail\" hoặc \"warn\".",
            "Status when the section is stale: \"fail\" or \"warn\".",
            choices=("fail", "warn"),
        ),
    }


def presence_rule_id(kind: str) -> str:
    """The id of the presence rule of ``kind`` (for messages pointing to it)."""
    from rules.presence import PRESENCE_RULE_IDS  # late: presence imports nothing from here

    return PRESENCE_RULE_IDS.get(kind, "SP-???")


class FreshnessRule(ComplianceRule, abstract=True):
    """Shared logic of the freshness rules; subclasses set ``kind`` and the metadata."""

    kind: ClassVar[str]
    area = "freshness"

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        label_vi, label_en = KIND_LABELS[self.kind]
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        section = snapshot.sections.get(self.kind)
        if section is None:
            presence = presence_rule_id(self.kind)
            yield self.finding(
                ctx, Status.NOT_APPLICABLE,
                f"Không tìm thấy chuyên mục \"{label_vi}\", nên không đánh giá mức độ cập nhật; xem {presence}.",
                f"No {label_en} section was found, so its freshness is not assessed; see {presence}.",
                details={"section_found": False, "presence_rule": presence},
            )
            return
        section_evidence = Evidence(url=section.url, locator=f"via {section.via}", value=section.label)
        if section.state == "unreachable":
            error_class = section.error_class or "unknown"
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Không tải được chuyên mục \"{section.label}\" ({error_class}).",
                f"The section \"{section.label}\" could not be fetched ({error_class}).",
                evidence=[section_evidence], details=self._counts(section), error_class=error_class,
            )
            return
        today = vn_today(ctx.now)
        # A date well after the run day is a typo or a scheduled item; it must not make a section look fresh.
        horizon = today + dt.timedelta(days=FUTURE_TOLERANCE_DAYS)
        future = [i for i in section.dated_items() if i.date is not None and i.date > horizon]
        dated = [i for i in section.dated_items() if i not in future]
        newest = max(dated, key=lambda i: i.date or dt.date.min) if dated else None
        if future and newest is None:
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Mọi mục ghi ngày trong chuyên mục \"{section.label}\" đều sau ngày kiểm tra; không xác định được.",
                f"Every dated item of the section \"{section.label}\" is dated after the run day; undeterminable.",
                evidence=[section_evidence], details={**self._counts(section), "future_dated_count": len(future)},
                error_class="future_dates",
            )
            return
        if section.state == "empty" or newest is None or newest.date is None:
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Chuyên mục \"{section.label}\" không có mục nào ghi ngày; không xác định được lần cập nhật gần nhất.",
                f"The section \"{section.label}\" shows no dated item; its last update cannot be determined.",
                evidence=[section_evidence], details=self._counts(section), error_class="no_dates",
            )
            return

        max_age = int(ctx.options["max_age_days"])
        age = max((today - newest.date).days, 0)
        stale = age > max_age
        status = Status(ctx.options["stale_status"]) if stale else Status.PASS
        dates = [i.date.isoformat() for i in section.items if i.date is not None][:MAX_DATES_IN_EVIDENCE]
        section_evidence.dates = dates
        source = f"date from {newest.date_source or 'listing'}"
        item_evidence = Evidence(
            url=newest.url,
            locator=source + (f" at {newest.date_url}" if newest.date_url else ""),
            value=newest.title,
            snippet=newest.date_text,
            dates=[newest.date.isoformat()],
        )
        details: dict[str, Any] = {
            "max_age_days": max_age,
            "age_days": age,
            "newest_date": newest.date.isoformat(),
            **self._counts(section),
            "stale": stale,
            "future_dated_count": len(future),
            "stale_status": ctx.options["stale_status"],
            "run_day": today.isoformat(),
            "newest_title": newest.title,
            "newest_url": newest.url,
            "newest_date_text": newest.date_text,
            "newest_date_url": newest.date_url,
        }
        when = newest.date.strftime("%d/%m/%Y")
        age_vi, age_en = f"{age} ngày trước", f"{age} days ago"
        if stale:
            message_vi = (f"Chuyên mục \"{section.label}\" chưa được cập nhật: mục mới nhất ngày {when} ({age_vi}), "
                          f"quá hạn {max_age} ngày.")
            message_en = (f"The section \"{section.label}\" is stale: its newest item is dated {when} ({age_en}), "
                          f"beyond the {max_age}-day limit.")
        else:
            message_vi = (f"Chuyên mục \"{section.label}\" được cập nhật: mục mới nhất ngày {when} ({age_vi}), "
                          f"trong hạn {max_age} ngày.")
            message_en = (f"The section \"{section.label}\" is up to date: its newest item is dated {when} "
                          f"({age_en}), within the {max_age}-day limit.")
        yield self.finding(ctx, status, message_vi, message_en, evidence=[section_evidence, item_evidence],
                           details=details)

    @staticmethod
    def _counts(section: SectionSnapshot) -> dict[str, Any]:
        return {"item_count": len(section.items), "dated_count": len(section.dated_items()),
                "section_state": section.state}


@register
class DirectiveDocumentsFresh(FreshnessRule):
    """Directive documents (văn bản chỉ đạo điều hành) are updated within the allowed age.

    **What it checks**
    The newest dated item of the portal's directive-documents listing ("Chỉ đạo điều hành",
    "Văn bản chỉ đạo") is at most ``max_age_days`` calendar days old on the run day (Vietnam time).
    The newest item is the maximum date in the listing, not the first row (pinned items are common).
    Dates more than one day after the run day (typos, scheduled items) are ignored.

    **Why it matters**
    Decree 42/2022 (Art. 4, VERIFIED-2nd) and its successor Decree 224/2026 (Art. 9.3, VERIFIED)
    require information to be updated promptly when it changes; the Law on Access to Information
    (Art. 18.4, VERIFIED) sets a default of 5 working days for publishing information once created.
    Decree 43/2011 (Art. 10.1.c, repealed) listed direction-and-administration information as a
    main section, and most portals still carry it.  A listing whose newest document is months old
    suggests the agency's directions are not being published.

    **Non-compliant**
    Run day 15/09/2026; the newest document is dated 01/08/2026 (45 days > 30): ``fail``.

    **Compliant**
    Run day 15/09/2026; the newest document is dated 10/09/2026 (5 days): ``pass``.  Exactly 30
    days old is still compliant; 31 is not.

    **Remediation**
    Publish directive documents (quyết định, chỉ thị, công văn chỉ đạo) on the portal as soon as they
    are issued, with the issue date shown in the listing.  If the section is no longer used, say
    where the documents are published instead (and configure the portal's section override).
    """

    id = "FR-001"
    name = "freshness.directive-documents"
    kind = "directive_documents"
    title_vi = "Văn bản chỉ đạo điều hành được cập nhật kịp thời"
    title_en = "Directive documents are up to date"
    severity = Severity.HIGH
    legal_refs = (cite.ND42_4_UPDATE, cite.ND224_9_3, cite.LAW104_18_4, cite.ND43_10_1_C)
    options = freshness_options(30, "fail")
    description_vi = ("Mục mới nhất (ngày lớn nhất, không phải dòng đầu tiên) của chuyên mục văn bản chỉ đạo điều hành "
                      "không cũ hơn max_age_days ngày lịch tính đến ngày kiểm tra (giờ Việt Nam).")
    remediation_vi = ("Đăng văn bản chỉ đạo điều hành lên cổng ngay khi ban hành, hiển thị ngày ban hành trong danh "
                      "sách; nếu không còn dùng chuyên mục này, cho biết văn bản được đăng ở đâu.")


@register
class PartyUnionFresh(FreshnessRule):
    """Party and mass-organisation news (Đảng – Đoàn thể) is updated within the allowed age.

    **What it checks**
    The newest dated item of the "Đảng – Đoàn thể" (Party and mass-organisation activities)
    listing is at most ``max_age_days`` calendar days old on the run day (the maximum date, not
    the first row; dates more than one day after the run day are ignored).

    **Why it matters**
    No national legal text requires this section (legal-basis note §5 and R44): it is a common
    convention and a criterion in some provincial portal regulations.  The result is therefore
    a warning by default; a provincial profile that adopts the criterion may set
    ``stale_status = "fail"``.

    **Non-compliant**
    The newest Party-section post is 90 days old with a 30-day limit: ``warn`` (``fail`` under a
    provincial profile that sets it).

    **Compliant**
    The newest post is 12 days old: ``pass``.

    **Remediation**
    Post the activities of the Party cell and mass organisations regularly, or remove an abandoned
    section from the menu if the province does not require it.
    """

    id = "FR-002"
    name = "freshness.party-union"
    kind = "party_union"
    title_vi = "Chuyên mục Đảng – Đoàn thể được cập nhật"
    title_en = "Party and mass-organisation section is up to date"
    severity = Severity.MEDIUM
    legal_refs = (cite.PROVINCIAL_PARTY_UNION,)
    options = freshness_options(30, "warn")
    description_vi = ("Mục mới nhất của chuyên mục Đảng – Đoàn thể không cũ hơn max_age_days ngày. Không có căn cứ "
                      "pháp lý quốc gia; là tiêu chí kiểm tra cấp tỉnh nên mặc định chỉ cảnh báo.")
    remediation_vi = ("Cập nhật thường xuyên hoạt động của chi bộ, công đoàn, đoàn thanh niên; hoặc gỡ chuyên mục "
                      "không còn dùng khỏi menu nếu tỉnh không yêu cầu.")


@register
class NewsFresh(FreshnessRule):
    """News and events (tin tức, sự kiện) are updated within the allowed age.

    **What it checks**
    The newest dated item of the news listing ("Tin tức", "Tin hoạt động", "Tin tức – sự kiện")
    is at most ``max_age_days`` calendar days old on the run day (the maximum date, not the first
    row; dates more than one day after the run day are ignored).

    **Why it matters**
    Decree 42/2022 (Art. 4, VERIFIED-2nd) and Decree 224/2026 (Art. 9.3, VERIFIED) require
    prompt updates; Decree 43/2011 (Art. 10.1.b, repealed) listed news and events as a main
    section.  A news listing untouched for weeks is the most visible sign of an abandoned portal.

    **Non-compliant**
    Run day 15/09/2026; newest news item 01/09/2026 (14 days > 7): ``fail``.

    **Compliant**
    Newest news item 12/09/2026 (3 days): ``pass``.

    **Remediation**
    Publish the agency's activities as news at least weekly, with a visible date on each item.
    """

    id = "FR-003"
    name = "freshness.news"
    kind = "news"
    title_vi = "Tin tức, sự kiện được cập nhật kịp thời"
    title_en = "News is up to date"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND42_4_UPDATE, cite.ND224_9_3, cite.ND43_10_1_B)
    options = freshness_options(7, "fail")
    description_vi = ("Mục mới nhất (ngày lớn nhất) của chuyên mục tin tức không cũ hơn max_age_days ngày lịch tính "
                      "đến ngày kiểm tra.")
    remediation_vi = "Đăng tin hoạt động của cơ quan ít nhất hằng tuần, mỗi tin có ngày đăng hiển thị rõ."


@register
class LegalDisseminationFresh(FreshnessRule):
    """Legal dissemination and guidance (phổ biến, giáo dục pháp luật) is updated within the allowed age.

    **What it checks**
    The newest dated item of the legal-dissemination section ("Phổ biến giáo dục pháp luật",
    "Tuyên truyền pháp luật") is at most ``max_age_days`` calendar days old on the run day (the
    maximum date, not the first row; dates more than one day after the run day are ignored).

    **Why it matters**
    The Law on Access to Information (Art. 19.1.b, VERIFIED) and Decree 42/2022 (Art. 4.1.d,
    VERIFIED-2nd) require dissemination of and guidance on laws and policies on the portal; no
    national text sets how often.  A frequency is a provincial inspection criterion, so this rule
    is off in the national profiles and switched on by a provincial profile with its own limit.

    **Non-compliant**
    Under a provincial profile with a 90-day limit, the newest dissemination post is 150 days old:
    ``fail`` (or ``warn``, as the profile sets).

    **Compliant**
    The newest post is 20 days old: ``pass``.

    **Remediation**
    Post legal-dissemination material (new laws, guidance, Q&A on policies) regularly, with a
    visible date on each item.
    """

    id = "FR-004"
    name = "freshness.legal-dissemination"
    kind = "legal_dissemination"
    title_vi = "Chuyên mục phổ biến, giáo dục pháp luật được cập nhật"
    title_en = "Legal dissemination section is up to date"
    severity = Severity.LOW
    legal_refs = (cite.PROVINCIAL_CRITERIA, cite.LAW104_19_1_B, cite.ND42_4_1_D)
    options = freshness_options(90, "warn")
    description_vi = ("Mục mới nhất của chuyên mục phổ biến, giáo dục pháp luật không cũ hơn max_age_days ngày. Luật "
                      "không quy định tần suất; đây là tiêu chí của tỉnh nên chỉ bật trong hồ sơ cấp tỉnh.")
    remediation_vi = "Đăng thường xuyên tài liệu phổ biến, hướng dẫn pháp luật, chính sách mới, có ngày đăng rõ ràng."
