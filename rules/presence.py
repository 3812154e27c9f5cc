"""Presence rules (SP-xxx): does the portal have a section of each kind the crawler looks for?

One small rule per kind of ``nd42.records.SECTION_KINDS``.  A section is present when the crawler
recorded it and could fetch it (state ``found``/``empty`` for listings, ``page`` for pages; the
procedures section may be an off-site link to dichvucong.gov.vn, still ``page``).  A section
whose fetch failed with 404/410 is missing; any other fetch error leaves presence undeterminable.

The status for a missing section is the option ``missing_status``: ``fail`` where the legal basis
is verified, ``warn`` where it rests only on repealed/legacy texts, and never ``fail`` for the
Party and mass-organisation section (no national basis).

Honest verdicts: a section that was not found is reported as ``fail`` only when every discovery
source was read (the home page's menus, the HTML site map and sitemap.xml; ``snapshot.discovery``).
When one of them is absent or could not be read, absence is not proven and a configured ``fail``
is reported as ``warn``, with ``details["configured_status"] = "fail"`` and the sources searched,
so that an inspector can check by hand.  A section link that returns 404/410 keeps its ``fail``:
the link itself was found, and it is broken.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from nd42.records import Evidence, Finding, PortalSnapshot, Severity, Status
from rules import citations as cite
from rules.base import KIND_LABELS, ComplianceRule, Option, RuleContext, register
from rules.facts import DISCOVERY_SOURCES, discovery_complete

MISSING_ERRORS = ("http_404", "http_410")

# kind -> presence rule id, so that other rules can point to it.
PRESENCE_RULE_IDS: dict[str, str] = {
    "directive_documents": "SP-001",
    "party_union": "SP-002",
    "news": "SP-003",
    "legal_documents": "SP-004",
    "procedures": "SP-005",
    "qa": "SP-006",
    "introduction": "SP-007",
    "organisation": "SP-008",
    "leaders": "SP-009",
    "contacts": "SP-010",
    "sitemap": "SP-011",
    "legal_dissemination": "SP-012",
    "plans": "SP-013",
    "investment": "SP-014",
    "budget": "SP-015",
    "statistics": "SP-016",
    "science": "SP-017",
    "consultation": "SP-018",
    "access_to_information": "SP-019",
}


def missing_status_option(default: str, choices: tuple[str, ...] = ("fail", "warn")) -> dict[str, Option]:
    return {
        "missing_status": Option(
            str, default,
            "Kết quả khi không tìm thấy chuyên mục: " + " hoặc ".join(f"\"{c}\"" for c in choices) + ".",
            "Status when the section is missing: " + " or ".join(f"\"{c}\"" for c in choices) + ".",
            choices=choices,
        ),
    }


class PresenceRule(ComplianceRule, abstract=True):
    """Shared logic of the presence rules; subclasses set ``kind`` and the metadata."""

    kind: ClassVar[str]
    area = "content"

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        label_vi, label_en = KIND_LABELS[self.kind]
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        section = snapshot.sections.get(self.kind)
        tried = [c for c in snapshot.candidates if c.kind == self.kind]
        tried_evidence = [Evidence(url=c.url, locator=f"candidate via {c.via}", value=c.label) for c in tried[:5]]
        if section is not None and section.state != "unreachable":
            yield self.finding(
                ctx, Status.PASS,
                f"Có chuyên mục \"{label_vi}\": \"{section.label}\" ({section.url}).",
                f"The portal has a {label_en} section: \"{section.label}\" ({section.url}).",
                evidence=[Evidence(url=section.url, locator=f"via {section.via}", value=section.label)],
                details={"present": True, "state": section.state, "via": section.via, "url": section.url},
            )
            return
        if section is not None and (section.error_class or "unknown") not in MISSING_ERRORS:
            unknown = section.error_class or "unknown"
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Tìm thấy liên kết \"{section.label}\" nhưng không tải được ({unknown}); chưa xác định được.",
                f"A link \"{section.label}\" was found but could not be fetched ({unknown}); undeterminable.",
                evidence=[Evidence(url=section.url, locator=f"via {section.via}", value=section.label)],
                details={"present": None, "state": section.state, "via": section.via, "url": section.url},
                error_class=unknown,
            )
            return
        status, gated = self.gate_fail(ctx, Status(ctx.options["missing_status"]))
        searched_vi, searched_en = discovery_summary(snapshot.discovery)
        honest: dict[str, Any] = {}
        if section is not None:  # the link exists but leads to 404/410
            # A broken link is strong evidence whatever else was read: the status stays as configured.
            message_vi = (f"Liên kết chuyên mục \"{section.label}\" dẫn tới trang không tồn tại "
                          f"({section.error_class}): thiếu chuyên mục \"{label_vi}\".")
            message_en = (f"The {label_en} link \"{section.label}\" leads to a missing page ({section.error_class}): "
                          f"the section is missing.")
            evidence = [Evidence(url=section.url, locator=f"via {section.via}", value=section.label)]
            details: dict[str, Any] = {"present": False, "state": section.state, "via": section.via,
                                       "url": section.url}
            error_class: str | None = section.error_class
        else:
            message_vi = f"Không tìm thấy chuyên mục \"{label_vi}\" ở các nguồn đã đọc ({searched_vi})."
            message_en = f"No {label_en} section was found in the sources read ({searched_en})."
            evidence = [*tried_evidence, *discovery_evidence(snapshot)]
            details = {"present": False, "candidates": len(tried), "searched": dict(snapshot.discovery),
                       "discovery_complete": discovery_complete(snapshot)}
            error_class = None
            if status is Status.FAIL and not discovery_complete(snapshot):
                status, honest = Status.WARN, {"configured_status": "fail"}
                message_vi += (" Không đọc được đủ cả ba nguồn (menu, trang sơ đồ cổng, sitemap.xml), nên chưa đủ "
                               "căn cứ kết luận là thiếu: chỉ cảnh báo; cần kiểm tra trực tiếp trên cổng.")
                message_en += (" Not all three sources (menus, HTML site map, sitemap.xml) were available and read, so "
                               "absence is not proven: a warning; please check the portal by hand.")
        if gated:
            start = dt.date.fromisoformat(gated["obligation_from"]).strftime("%d/%m/%Y")
            message_vi += f" Nghĩa vụ này có hiệu lực từ {start}, sau ngày kiểm tra, nên chỉ cảnh báo."
            message_en += f" The obligation applies from {start}, after the run day, so this is a warning."
        yield self.finding(ctx, status, message_vi, message_en, evidence=evidence,
                           details={**details, **honest, **gated}, error_class=error_class)


_DISCOVERY_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "menus": {
        "read": ("đã đọc menu và trang chủ", "menus read"),
        "failed": ("không đọc được menu (trang chủ không phân tích được)", "menus could not be read"),
    },
    "sitemap_page": {
        "read": ("đã đọc trang sơ đồ cổng", "HTML site map read"),
        "absent": ("không có trang sơ đồ cổng", "no HTML site map"),
        "failed": ("không tải được trang sơ đồ cổng", "HTML site map could not be fetched"),
    },
    "sitemap_xml": {
        "read": ("đã đọc sitemap.xml", "sitemap.xml read"),
        "absent": ("không có sitemap.xml", "no sitemap.xml"),
        "failed": ("không tải được sitemap.xml", "sitemap.xml could not be fetched"),
        "invalid": ("sitemap.xml không hợp lệ", "sitemap.xml not parseable"),
    },
}
_DISCOVERY_NAMES = {"menus": ("menu", "menus"), "sitemap_page": ("trang sơ đồ cổng", "HTML site map"),
                    "sitemap_xml": ("sitemap.xml", "sitemap.xml")}


def discovery_summary(discovery: Mapping[str, str]) -> tuple[str, str]:
    """What was searched for sections, in words: ("đã đọc menu…; không có sitemap.xml", "menus read; …")."""
    parts_vi, parts_en = [], []
    for source in DISCOVERY_SOURCES:
        state = discovery.get(source)
        words = _DISCOVERY_WORDS[source].get(state or "")
        if words is None:
            name_vi, name_en = _DISCOVERY_NAMES[source]
            words = (f"{name_vi}: không ghi nhận", f"{name_en}: not recorded")
        parts_vi.append(words[0])
        parts_en.append(words[1])
    return "; ".join(parts_vi), "; ".join(parts_en)


def discovery_evidence(snapshot: PortalSnapshot) -> list[Evidence]:
    """One evidence entry per discovery source: where it is (when fetched) and its state."""
    home = snapshot.home()
    urls = {"menus": home.url if home is not None else snapshot.url}
    for role in ("sitemap_page", "sitemap_xml"):
        fetched = snapshot.pages_where(role=role, ok=False)
        if fetched:
            urls[role] = fetched[0].url
    return [Evidence(url=urls.get(source), locator=f"discovery: {source}",
                     value=snapshot.discovery.get(source, "not recorded"))
            for source in DISCOVERY_SOURCES]


@register
class DirectiveDocumentsPresent(PresenceRule):
    """The portal has a directive-documents section (chỉ đạo điều hành).

    **What it checks**
    A "Chỉ đạo điều hành" / "Văn bản chỉ đạo" listing is linked from the portal and can be fetched.

    **Why it matters**
    Decree 43/2011 (Art. 10.1.c, VERIFIED, repealed) listed direction and administration as a main
    section.  Decree 42/2022 and 224/2026 require the administrative documents themselves (42/2022
    Art. 4.1.a), not a section of this name: directives may legitimately sit in the documents
    section.  A missing dedicated section is therefore a warning, not a failure.

    **Non-compliant**
    No menu item, home-page block or site-map entry for directive documents: ``warn``.

    **Compliant**
    The menu links "Chỉ đạo điều hành" to a listing of directives: ``pass``.

    **Remediation**
    Add a "Chỉ đạo điều hành" section, or make sure directives are findable in the documents
    section and set the portal's section override to it.
    """

    id = "SP-001"
    name = "presence.directive-documents"
    kind = "directive_documents"
    title_vi = "Có chuyên mục chỉ đạo điều hành"
    title_en = "Directive-documents section exists"
    severity = Severity.LOW
    legal_refs = (cite.ND43_10_1_C,)
    options = missing_status_option("warn")
    description_vi = ("Cổng có chuyên mục chỉ đạo điều hành. Căn cứ là Nghị định 43/2011 (đã hết hiệu lực), nên thiếu "
                      "chuyên mục chỉ là cảnh báo; văn bản chỉ đạo có thể nằm trong chuyên mục văn bản.")
    remediation_vi = "Thêm chuyên mục \"Chỉ đạo điều hành\" hoặc chỉ rõ văn bản chỉ đạo được đăng ở chuyên mục nào."


@register
class PartyUnionPresent(PresenceRule):
    """The portal has a Party and mass-organisation section (Đảng – Đoàn thể); never a failure.

    **What it checks**
    A "Đảng – Đoàn thể" / "Hoạt động Đảng, đoàn thể" section is linked and can be fetched.

    **Why it matters**
    No national text requires it (legal-basis note §5, R44); some provincial portal regulations
    use it as an inspection criterion.  Its absence is reported as a warning at most (the option
    accepts only ``warn`` or ``not_applicable``).

    **Non-compliant**
    No such section: ``warn`` (information for provincial inspectors).

    **Compliant**
    The menu links "Đảng – Đoàn thể" to a listing: ``pass``.

    **Remediation**
    Only if the province's regulation requires it: add the section and keep it current.
    """

    id = "SP-002"
    name = "presence.party-union"
    kind = "party_union"
    title_vi = "Có chuyên mục Đảng – Đoàn thể"
    title_en = "Party and mass-organisation section exists"
    severity = Severity.INFO
    legal_refs = (cite.PROVINCIAL_PARTY_UNION,)
    options = missing_status_option("warn", ("warn", "not_applicable"))
    description_vi = ("Cổng có chuyên mục Đảng – Đoàn thể. Không có căn cứ pháp lý quốc gia; chỉ là tiêu chí cấp tỉnh "
                      "nên không bao giờ đánh giá không đạt.")
    remediation_vi = "Chỉ khi quy chế của tỉnh yêu cầu: thêm chuyên mục và cập nhật thường xuyên."


@register
class NewsPresent(PresenceRule):
    """The portal has a news section (tin tức, sự kiện).

    **What it checks**
    A news listing ("Tin tức", "Tin hoạt động", "Tin tức – sự kiện") is linked and can be fetched.

    **Why it matters**
    Decree 43/2011 (Art. 10.1.b, VERIFIED, repealed) listed news and events as a main section;
    42/2022 and 224/2026 do not name it.  Missing news is a warning; its freshness is FR-003.

    **Non-compliant**
    No news section anywhere on the portal: ``warn``.

    **Compliant**
    The menu links "Tin tức – Sự kiện" to a listing: ``pass``.

    **Remediation**
    Add a news section with dated articles about the agency's activities.
    """

    id = "SP-003"
    name = "presence.news"
    kind = "news"
    title_vi = "Có chuyên mục tin tức, sự kiện"
    title_en = "News section exists"
    severity = Severity.LOW
    legal_refs = (cite.ND43_10_1_B,)
    options = missing_status_option("warn")
    description_vi = "Cổng có chuyên mục tin tức, sự kiện (căn cứ cũ: Nghị định 43/2011 Điều 10.1.b)."
    remediation_vi = "Thêm chuyên mục tin tức với các bài có ngày đăng."


@register
class LegalDocumentsPresent(PresenceRule):
    """The portal has a legal-documents section (văn bản quy phạm pháp luật, văn bản quản lý).

    **What it checks**
    A documents listing ("Văn bản pháp luật", "Văn bản QPPL", "Hệ thống văn bản") is linked and can
    be fetched.

    **Why it matters**
    Decree 42/2022 Art. 4.1.a (VERIFIED-2nd) and the Law on Access to Information Art. 19.1.a
    (VERIFIED, in force) require legal and administrative documents to be published on the portal.

    **Non-compliant**
    No documents section in the menus, the HTML site map or sitemap.xml, all three
    read: ``fail``; when one of them does not exist or could not be read, absence is not proven: ``warn``.
    A documents link that returns 404: ``fail``.

    **Compliant**
    "Văn bản pháp luật" lists documents with number, issue date and abstract: ``pass``.

    **Remediation**
    Publish a documents section with, for each document, its type, issuer, number, issue and
    effective dates, abstract and a downloadable file, plus a search tool.
    """

    id = "SP-004"
    name = "presence.legal-documents"
    kind = "legal_documents"
    title_vi = "Có chuyên mục văn bản quy phạm pháp luật"
    title_en = "Legal-documents section exists"
    severity = Severity.HIGH
    legal_refs = (cite.ND42_4_1_A, cite.LAW104_19_1_A)
    options = missing_status_option("fail")
    description_vi = "Cổng có chuyên mục văn bản quy phạm pháp luật và văn bản quản lý hành chính."
    remediation_vi = ("Đăng chuyên mục văn bản: hình thức, cơ quan ban hành, số ký hiệu, ngày ban hành, ngày hiệu lực, "
                      "trích yếu, tệp tải về và công cụ tìm kiếm.")


@register
class ProceduresPresent(PresenceRule):
    """The portal has an administrative-procedures / online-services section.

    **What it checks**
    A "Thủ tục hành chính" / "Dịch vụ công" page is linked and can be fetched; a link to the
    National Public Service Portal (dichvucong.gov.vn) or the provincial service portal counts.

    **Why it matters**
    Decree 42/2022 Art. 4.1.c (VERIFIED-2nd), Decree 224/2026 Art. 9.1.a (VERIFIED, in force) and
    the Law on Access to Information Art. 19.1.a (VERIFIED) require procedures and online services
    on the portal, integrated from the National Public Service Portal.

    **Non-compliant**
    No procedures or online-services link in the menus, the HTML site map or sitemap.xml, all three
    read: ``fail``; when one of them does not exist or could not be read, absence is not proven: ``warn``.

    **Compliant**
    The menu item "Dịch vụ công" links to dichvucong.gov.vn: ``pass``.

    **Remediation**
    Link or embed the agency's procedures from the National Public Service Portal.
    """

    id = "SP-005"
    name = "presence.procedures"
    kind = "procedures"
    title_vi = "Có chuyên mục thủ tục hành chính, dịch vụ công"
    title_en = "Procedures and online-services section exists"
    severity = Severity.HIGH
    legal_refs = (cite.ND42_4_1_C, cite.ND224_9_1_A, cite.LAW104_19_1_A)
    options = missing_status_option("fail")
    description_vi = ("Cổng có chuyên mục thủ tục hành chính, dịch vụ công trực tuyến (liên kết tới Cổng Dịch vụ công "
                      "quốc gia cũng được tính).")
    remediation_vi = "Liên kết hoặc tích hợp thủ tục hành chính của cơ quan từ Cổng Dịch vụ công quốc gia."


@register
class QAPresent(PresenceRule):
    """The portal has a Q&A / feedback section (hỏi đáp, phản ánh kiến nghị).

    **What it checks**
    A "Hỏi đáp" / "Hỏi – đáp" / "Phản ánh kiến nghị" page is linked and can be fetched.

    **Why it matters**
    Decree 43/2011 Art. 15.2 (VERIFIED, repealed) required Q&A and feedback with status tracking.
    The legal-basis note found no equivalent in 42/2022, so a missing Q&A section is a warning.

    **Non-compliant**
    No Q&A or feedback page: ``warn``.

    **Compliant**
    "Hỏi đáp" page with a question form and answered items: ``pass``.

    **Remediation**
    Offer a Q&A or feedback page where citizens can ask and follow up, or at least an email address.
    """

    id = "SP-006"
    name = "presence.qa"
    kind = "qa"
    title_vi = "Có chuyên mục hỏi đáp"
    title_en = "Q&A section exists"
    severity = Severity.LOW
    legal_refs = (cite.ND43_15_2,)
    options = missing_status_option("warn")
    description_vi = "Cổng có chuyên mục hỏi đáp, phản ánh kiến nghị (căn cứ cũ: Nghị định 43/2011 Điều 15 khoản 2)."
    remediation_vi = "Có trang hỏi đáp hoặc tiếp nhận phản ánh, kiến nghị; tối thiểu nêu địa chỉ thư điện tử."


@register
class IntroductionPresent(PresenceRule):
    """The portal has an introduction page (functions, duties and powers).

    **What it checks**
    A "Giới thiệu" / "Chức năng, nhiệm vụ" page is linked and can be fetched.

    **Why it matters**
    Decree 42/2022 Art. 4.1.e (VERIFIED-2nd), the Law on Access to Information Art. 19.1.đ
    (VERIFIED) and Decree 224/2026 Art. 9.1.b (VERIFIED) require the agency's functions, duties
    and powers on the portal.

    **Non-compliant**
    No introduction page in the menus, the HTML site map or sitemap.xml, all three
    read: ``fail``; when one of them does not exist or could not be read, absence is not proven: ``warn``.

    **Compliant**
    "Giới thiệu → Chức năng, nhiệm vụ" page: ``pass``.

    **Remediation**
    Publish the agency's functions, duties and powers and a short history.
    """

    id = "SP-007"
    name = "presence.introduction"
    kind = "introduction"
    title_vi = "Có trang giới thiệu chức năng, nhiệm vụ"
    title_en = "Introduction page exists"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND42_4_1_E, cite.LAW104_19_1_DD, cite.ND224_9_1_B)
    options = missing_status_option("fail")
    description_vi = "Cổng có trang giới thiệu chức năng, nhiệm vụ, quyền hạn của cơ quan."
    remediation_vi = "Đăng chức năng, nhiệm vụ, quyền hạn và tóm lược quá trình hình thành của cơ quan."


@register
class OrganisationPresent(PresenceRule):
    """The portal has an organisational-structure page (cơ cấu tổ chức).

    **What it checks**
    A "Cơ cấu tổ chức" / "Sơ đồ tổ chức" page is linked and can be fetched.

    **Why it matters**
    Decree 42/2022 Art. 4.1.e (VERIFIED-2nd), the Law on Access to Information Art. 19.1.đ
    (VERIFIED) and Decree 224/2026 Art. 9.1.b (VERIFIED) require the structure and chart.

    **Non-compliant**
    No structure or chart page in the menus, the HTML site map or sitemap.xml, all three
    read: ``fail``; when one of them does not exist or could not be read, absence is not proven: ``warn``.

    **Compliant**
    "Cơ cấu tổ chức" page listing the units, with a chart: ``pass``.

    **Remediation**
    Publish the organisational structure and chart of the agency and its units.
    """

    id = "SP-008"
    name = "presence.organisation"
    kind = "organisation"
    title_vi = "Có trang cơ cấu tổ chức"
    title_en = "Organisational-structure page exists"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND42_4_1_E, cite.LAW104_19_1_DD, cite.ND224_9_1_B)
    options = missing_status_option("fail")
    description_vi = "Cổng có trang cơ cấu tổ chức, sơ đồ tổ chức của cơ quan và đơn vị trực thuộc."
    remediation_vi = "Đăng cơ cấu tổ chức và sơ đồ tổ chức của cơ quan và các đơn vị trực thuộc."


@register
class LeadersPresent(PresenceRule):
    """The portal has a leaders page (lãnh đạo cơ quan).

    **What it checks**
    A "Lãnh đạo" / "Ban lãnh đạo" page is linked and can be fetched.

    **Why it matters**
    Decree 224/2026 Art. 9.1.b (VERIFIED, in force since 01/07/2026) requires short biographies
    and portfolios of the agency's leaders (for ministries, central agencies, departments).
    Decree 42/2022 has no such item (its Art. 4.1.e covers contact-point officials); before
    01/07/2026 the only basis was the repealed Decree 43/2011 Art. 10.1.a.  A missing leaders page
    on a run day before 01/07/2026 is therefore a ``warn`` even when the profile says ``fail``.

    **Non-compliant**
    No leaders page in the menus, the HTML site map or sitemap.xml, all three read: ``fail``
    (``warn`` on run days before 01/07/2026, and when a discovery source could not be read).

    **Compliant**
    "Lãnh đạo Sở" page with names, titles and portfolios: ``pass``.

    **Remediation**
    Publish each leader's name, title, short biography and portfolio.
    """

    id = "SP-009"
    name = "presence.leaders"
    kind = "leaders"
    title_vi = "Có trang lãnh đạo cơ quan"
    title_en = "Leaders page exists"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND224_9_1_B, cite.ND43_10_1_A)
    options = missing_status_option("fail")
    obligation_from = dt.date(2026, 7, 1)  # 224/2026 in force; 42/2022 never required it
    description_vi = ("Cổng có trang lãnh đạo cơ quan (tiểu sử tóm tắt, nhiệm vụ đảm nhiệm). Nghĩa vụ theo Nghị định "
                      "224/2026 Điều 9.1.b, có hiệu lực từ 01/07/2026; trước ngày đó thiếu trang chỉ là cảnh báo.")
    remediation_vi = "Đăng họ tên, chức vụ, tiểu sử tóm tắt và nhiệm vụ đảm nhiệm của từng lãnh đạo."


@register
class ContactsPresent(PresenceRule):
    """The portal has a contact page (thông tin liên hệ).

    **What it checks**
    A "Liên hệ" / "Thông tin liên hệ" page is linked and can be fetched.

    **Why it matters**
    Decree 42/2022 Art. 4.1.e (VERIFIED-2nd) and the Law on Access to Information Art. 19.1.đ
    (VERIFIED) require the agency's address, phone, fax and email and the contact points.

    **Non-compliant**
    No contact page in the menus, the HTML site map or sitemap.xml, all three
    read: ``fail``; when one of them does not exist or could not be read, absence is not proven: ``warn``.

    **Compliant**
    "Liên hệ" page with address, phone and an official email: ``pass``.

    **Remediation**
    Publish the agency's address, phone, fax and email, and the contact-point officials.
    """

    id = "SP-010"
    name = "presence.contacts"
    kind = "contacts"
    title_vi = "Có trang thông tin liên hệ"
    title_en = "Contact page exists"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND42_4_1_E, cite.LAW104_19_1_DD)
    options = missing_status_option("fail")
    description_vi = "Cổng có trang thông tin liên hệ của cơ quan và đầu mối liên hệ."
    remediation_vi = "Đăng địa chỉ, điện thoại, fax, thư điện tử của cơ quan và cán bộ đầu mối liên hệ."


@register
class SitemapPresent(PresenceRule):
    """The portal has a site-map page (sơ đồ cổng).

    **What it checks**
    A "Sơ đồ cổng" / "Sơ đồ trang" page is linked and can be fetched.

    **Why it matters**
    Circular 32/2017 Art. 16.3.a and 16.4.b (VERIFIED; legacy guidance that predates Decree
    42/2022, current force not established) put the site map in the main menu, as a text tree and
    an XML file.  Missing is a warning.

    **Non-compliant**
    No site-map page: ``warn``.

    **Compliant**
    "Sơ đồ cổng" page with the section tree: ``pass``.

    **Remediation**
    Publish a site-map page (and /sitemap.xml for search engines).
    """

    id = "SP-011"
    name = "presence.sitemap"
    kind = "sitemap"
    title_vi = "Có sơ đồ cổng thông tin"
    title_en = "Site map exists"
    severity = Severity.LOW
    legal_refs = (cite.TT32_16_3_A, cite.TT32_16_4_B)
    options = missing_status_option("warn")
    description_vi = "Cổng có trang sơ đồ cổng (căn cứ: Thông tư 32/2017 Điều 16, hướng dẫn cũ)."
    remediation_vi = "Đăng trang sơ đồ cổng (và tệp /sitemap.xml cho máy tìm kiếm)."


@register
class LegalDisseminationPresent(PresenceRule):
    """The portal has a legal dissemination and guidance section (phổ biến, giáo dục pháp luật).

    **What it checks**
    A "Phổ biến, giáo dục pháp luật" / "Tuyên truyền pháp luật" / "Hướng dẫn thực hiện chính
    sách" listing is linked and can be fetched.

    **Why it matters**
    The Law on Access to Information Art. 19.1.b (VERIFIED, in force) requires dissemination of and
    guidance on laws, regimes and policies on the portal; Decree 42/2022 Art. 4.1.d (VERIFIED-2nd)
    repeats it.  Its freshness is FR-004 (enabled in provincial profiles).

    **Non-compliant**
    No dissemination section in the menus, the HTML site map or sitemap.xml, all three read:
    ``fail``; when one of them does not exist or could not be read: ``warn``.

    **Compliant**
    The menu links "Phổ biến, giáo dục pháp luật" to a listing of guidance articles: ``pass``.

    **Remediation**
    Add a section where the agency explains new laws and policies in its field and how to apply them.
    """

    id = "SP-012"
    name = "presence.legal-dissemination"
    kind = "legal_dissemination"
    title_vi = "Có chuyên mục phổ biến, hướng dẫn thực hiện pháp luật"
    title_en = "Legal dissemination section exists"
    severity = Severity.MEDIUM
    legal_refs = (cite.LAW104_19_1_B, cite.ND42_4_1_D)
    options = missing_status_option("fail")
    description_vi = ("Cổng có chuyên mục phổ biến, giáo dục pháp luật, hướng dẫn thực hiện pháp luật, chế độ, chính "
                      "sách (Luật Tiếp cận thông tin Điều 19 khoản 1 điểm b).")
    remediation_vi = ("Thêm chuyên mục phổ biến, hướng dẫn thực hiện pháp luật, chế độ, chính sách thuộc lĩnh vực cơ "
                      "quan quản lý.")


@register
class PlansPresent(PresenceRule):
    """The portal has a strategies, plans and master-plans section (chiến lược, quy hoạch, kế hoạch).

    **What it checks**
    A "Chiến lược – Quy hoạch – Kế hoạch" / "Quy hoạch, kế hoạch" / "Chương trình, đề án" listing is
    linked and can be fetched.  Whether this year's work plan is published is CT-010.

    **Why it matters**
    The Law on Access to Information Art. 19.1.c (VERIFIED, in force) requires strategies,
    programmes, projects, schemes, plans and master plans, with their implementation and results,
    and the annual work plan, on the portal; Decree 42/2022 Art. 4.1 (VERIFIED-2nd; the point letter
    is UNVERIFIED) repeats it.

    **Non-compliant**
    No plans section in the menus, the HTML site map or sitemap.xml, all three read: ``fail``;
    when one of them does not exist or could not be read: ``warn``.

    **Compliant**
    The menu links "Quy hoạch – Kế hoạch" to a listing of plans and programmes: ``pass``.

    **Remediation**
    Publish the agency's strategies, plans, master plans and programmes, their implementation
    results and the annual work plan in one section.
    """

    id = "SP-013"
    name = "presence.plans"
    kind = "plans"
    title_vi = "Có chuyên mục chiến lược, quy hoạch, kế hoạch"
    title_en = "Strategies and plans section exists"
    severity = Severity.MEDIUM
    legal_refs = (cite.LAW104_19_1_C, cite.ND42_4_1_PLANS)
    options = missing_status_option("fail")
    description_vi = ("Cổng có chuyên mục chiến lược, chương trình, đề án, kế hoạch, quy hoạch và kế hoạch công tác "
                      "hằng năm (Luật Tiếp cận thông tin Điều 19 khoản 1 điểm c).")
    remediation_vi = ("Đăng chiến lược, quy hoạch, kế hoạch, chương trình, đề án, kết quả thực hiện và kế hoạch "
                      "công tác hằng năm trong một chuyên mục.")


@register
class InvestmentPresent(PresenceRule):
    """The portal has a public-investment, bidding and procurement section (đầu tư, đấu thầu, mua sắm công).

    **What it checks**
    A "Dự án đầu tư" / "Đấu thầu, mua sắm công" / "Đầu tư công" listing is linked and can be fetched.

    **Why it matters**
    The Law on Access to Information Art. 19.1.d (VERIFIED, in force) requires the list of
    public-investment and procurement projects and programmes and their results on the portal;
    Art. 17.1.g (VERIFIED) adds bidding information to what must be made public.

    **Non-compliant**
    No investment or procurement section in the menus, the HTML site map or sitemap.xml, all three
    read: ``fail``; when one of them does not exist or could not be read: ``warn``.

    **Compliant**
    The menu links "Đấu thầu – Mua sắm công" to a listing of tender notices and results: ``pass``.

    **Remediation**
    Publish the list of public-investment and procurement projects, their bidding notices and
    results, and how loan capital is managed.
    """

    id = "SP-014"
    name = "presence.investment"
    kind = "investment"
    title_vi = "Có chuyên mục dự án đầu tư, đấu thầu, mua sắm công"
    title_en = "Public investment and procurement section exists"
    severity = Severity.MEDIUM
    legal_refs = (cite.LAW104_19_1_D, cite.LAW104_17_1_G)
    options = missing_status_option("fail")
    description_vi = ("Cổng có chuyên mục danh mục dự án, chương trình đầu tư công, mua sắm công, đấu thầu và kết quả "
                      "thực hiện (Luật Tiếp cận thông tin Điều 19 khoản 1 điểm d).")
    remediation_vi = ("Đăng danh mục dự án, chương trình đầu tư công, mua sắm công, thông tin đấu thầu và kết quả thực "
                      "hiện.")


@register
class BudgetPresent(PresenceRule):
    """The portal has a budget-disclosure section (công khai ngân sách, tài chính); a warning at most by default.

    **What it checks**
    A "Công khai ngân sách" / "Công khai tài chính" / "Dự toán, quyết toán" listing is linked and
    can be fetched.

    **Why it matters**
    The Law on Access to Information Art. 17.1.đ (VERIFIED, in force) requires budget estimates,
    execution and settlement to be made public, but that they must be on the *portal* is UNVERIFIED
    (Art. 19.1 does not list them; the legal-basis note, R26).  A missing section is therefore a
    warning by default.

    **Non-compliant**
    No budget-disclosure section anywhere: ``warn``.

    **Compliant**
    The menu links "Công khai ngân sách" to a listing of budget estimates and settlements: ``pass``.

    **Remediation**
    Publish the budget estimates, execution reports and settlements (and the annual financial
    report) in a budget-disclosure section.
    """

    id = "SP-015"
    name = "presence.budget"
    kind = "budget"
    title_vi = "Có chuyên mục công khai ngân sách, tài chính"
    title_en = "Budget disclosure section exists"
    severity = Severity.LOW
    legal_refs = (cite.LAW104_17_1_DD,)
    options = missing_status_option("warn")
    description_vi = ("Cổng có chuyên mục công khai dự toán, tình hình thực hiện, quyết toán ngân sách. Luật Tiếp "
                      "cận thông tin Điều 17 khoản 1 điểm đ yêu cầu công khai, nhưng việc phải đăng trên cổng chưa "
                      "được xác minh, nên thiếu chuyên mục chỉ là cảnh báo.")
    remediation_vi = ("Đăng dự toán, báo cáo tình hình thực hiện và quyết toán ngân sách trong chuyên mục công khai "
                      "ngân sách.")


@register
class StatisticsPresent(PresenceRule):
    """The portal has a sector-statistics section (thông tin thống kê).

    **What it checks**
    A "Thông tin thống kê" / "Số liệu thống kê" listing is linked and can be fetched.

    **Why it matters**
    The Law on Access to Information Art. 19.1.e (VERIFIED, in force) requires statistics on the
    sector or field the agency manages on the portal; Decree 42/2022 Art. 4.1 (VERIFIED-2nd; the
    point letter is UNVERIFIED) repeats it.

    **Non-compliant**
    No statistics section in the menus, the HTML site map or sitemap.xml, all three read: ``fail``;
    when one of them does not exist or could not be read: ``warn``.

    **Compliant**
    The menu links "Số liệu thống kê" to a listing of statistical reports: ``pass``.

    **Remediation**
    Publish the sector's statistics (data, reports, methodology, period) in a statistics section.
    """

    id = "SP-016"
    name = "presence.statistics"
    kind = "statistics"
    title_vi = "Có chuyên mục thông tin thống kê"
    title_en = "Sector statistics section exists"
    severity = Severity.MEDIUM
    legal_refs = (cite.LAW104_19_1_E, cite.ND42_4_1_FINANCE)
    options = missing_status_option("fail")
    description_vi = ("Cổng có chuyên mục thông tin thống kê về ngành, lĩnh vực quản lý (Luật Tiếp cận thông tin "
                      "Điều 19 khoản 1 điểm e).")
    remediation_vi = "Đăng số liệu, báo cáo thống kê của ngành, lĩnh vực (kèm phương pháp và thời kỳ số liệu)."


@register
class SciencePresent(PresenceRule):
    """The portal has a science-programmes section (chương trình, đề tài khoa học); a warning by default.

    **What it checks**
    A "Chương trình, đề tài khoa học" / "Nhiệm vụ khoa học và công nghệ" listing is linked and can
    be fetched.

    **Why it matters**
    The Law on Access to Information Art. 19.1.e (VERIFIED, in force) requires the list and results
    of science programmes and research topics on the portal.  Many agencies manage no such
    programme, and the crawler cannot tell which, so a missing section is a warning by default; a
    profile for science agencies may set ``missing_status = "fail"``.

    **Non-compliant**
    No science-programmes section anywhere: ``warn``.

    **Compliant**
    The menu links "Đề tài, dự án khoa học" to a listing of topics and their results: ``pass``.

    **Remediation**
    Publish the list of science programmes and research topics (code, name, lead unit, duration)
    and their results after acceptance.
    """

    id = "SP-017"
    name = "presence.science"
    kind = "science"
    title_vi = "Có chuyên mục chương trình, đề tài khoa học"
    title_en = "Science programmes section exists"
    severity = Severity.LOW
    legal_refs = (cite.LAW104_19_1_E,)
    options = missing_status_option("warn")
    description_vi = ("Cổng có chuyên mục danh mục và kết quả chương trình, đề tài khoa học (Luật Tiếp cận thông tin "
                      "Điều 19 khoản 1 điểm e). Nhiều cơ quan không chủ trì đề tài nên mặc định chỉ cảnh báo.")
    remediation_vi = ("Đăng danh mục chương trình, đề tài khoa học (mã số, tên, đơn vị chủ trì, thời gian) và kết quả "
                      "sau nghiệm thu.")


@register
class ConsultationPresent(PresenceRule):
    """The portal has a draft-consultation section (lấy ý kiến dự thảo văn bản); a warning by default.

    **What it checks**
    A "Lấy ý kiến dự thảo" / "Góp ý dự thảo văn bản" listing is linked and can be fetched.
    Whether each draft shows its deadline for comments is CT-012.

    **Why it matters**
    The Law on Access to Information Art. 17.1.c (VERIFIED, in force) requires draft legal
    documents put out for comment to be made public; that this must happen on the portal is not
    stated in that point, so a missing section is a warning by default.

    **Non-compliant**
    No consultation section anywhere: ``warn``.

    **Compliant**
    The menu links "Lấy ý kiến dự thảo văn bản" to a listing of drafts with their deadlines: ``pass``.

    **Remediation**
    Publish drafts put out for comment, with the full text, the deadline and how to send comments.
    """

    id = "SP-018"
    name = "presence.consultation"
    kind = "consultation"
    title_vi = "Có chuyên mục lấy ý kiến dự thảo văn bản"
    title_en = "Draft consultation section exists"
    severity = Severity.LOW
    legal_refs = (cite.LAW104_17_1_C,)
    options = missing_status_option("warn")
    description_vi = ("Cổng có chuyên mục lấy ý kiến góp ý dự thảo văn bản. Luật Tiếp cận thông tin Điều 17 khoản 1 "
                      "điểm c yêu cầu công khai dự thảo nhưng không nêu riêng việc đăng trên cổng, nên thiếu chỉ là "
                      "cảnh báo.")
    remediation_vi = "Đăng dự thảo văn bản lấy ý kiến kèm toàn văn, thời hạn góp ý và cách thức gửi ý kiến."


@register
class AccessToInformationPresent(PresenceRule):
    """The portal has an access-to-information section (chuyên mục tiếp cận thông tin).

    **What it checks**
    A "Tiếp cận thông tin" / "Công khai thông tin" page is linked and can be fetched.  Whether it
    holds the list of information to be published is CT-013.

    **Why it matters**
    Decree 13/2018 Art. 6.3 (VERIFIED, in force) requires the list of information to be published
    to be posted in an access-to-information section of the portal; the Law on Access to
    Information Art. 19.1.g (VERIFIED) requires that list on the portal.

    **Non-compliant**
    No access-to-information section in the menus, the HTML site map or sitemap.xml, all three
    read: ``fail``; when one of them does not exist or could not be read: ``warn``.

    **Compliant**
    The menu links "Tiếp cận thông tin" to a page with the list of information to be published:
    ``pass``.

    **Remediation**
    Add a "Tiếp cận thông tin" section holding the list of information to be published, the
    contact for information requests and the request form.
    """

    id = "SP-019"
    name = "presence.access-to-information"
    kind = "access_to_information"
    title_vi = "Có chuyên mục tiếp cận thông tin"
    title_en = "Access-to-information section exists"
    severity = Severity.MEDIUM
    legal_refs = (cite.LAW104_19_1_G, cite.ND13_6_3)
    options = missing_status_option("fail")
    description_vi = ("Cổng có chuyên mục tiếp cận thông tin, nơi đăng danh mục thông tin phải được công khai (Nghị "
                      "định 13/2018 Điều 6 khoản 3; Luật Tiếp cận thông tin Điều 19 khoản 1 điểm g).")
    remediation_vi = ("Lập chuyên mục \"Tiếp cận thông tin\" gồm danh mục thông tin phải công khai, đầu mối tiếp nhận "
                      "yêu cầu cung cấp thông tin và mẫu phiếu yêu cầu.")
