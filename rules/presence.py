"""Presence rules (SP-xxx): does the portal have a section of each kind the crawler looks for?

One small rule per kind of ``nd42.records.SECTION_KINDS``.  A section is present when the crawler
recorded it and could fetch it (state ``found``/``empty`` for listings, ``page`` for pages; the
procedures section may be an off-site link to dichvucong.gov.vn, still ``page``).  A section
whose fetch failed with 404/410 is missing; any other fetch error leaves presence undeterminable.

The status for a missing section is the option ``missing_status``: ``fail`` where the legal basis
is verified, ``warn`` where it rests only on repealed/legacy texts, and never ``fail`` for the
Party and mass-organisation section (no national basis).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

from nd42.records import Evidence, Finding, PortalSnapshot, Severity, Status
from rules import citations as cite
from rules.base import KIND_LABELS, ComplianceRule, Option, RuleContext, register

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
        if section is not None:  # the link exists but leads to 404/410
            message_vi = (f"Liên kết chuyên mục \"{section.label}\" dẫn tới trang không tồn tại "
                          f"({section.error_class}): thiếu chuyên mục \"{label_vi}\".")
            message_en = (f"The {label_en} link \"{section.label}\" leads to a missing page ({section.error_class}): "
                          f"the section is missing.")
            evidence = [Evidence(url=section.url, locator=f"via {section.via}", value=section.label)]
            details = {"present": False, "state": section.state, "via": section.via, "url": section.url}
            error_class: str | None = section.error_class
        else:
            message_vi = f"Không tìm thấy chuyên mục \"{label_vi}\" (menu, trang chủ, sơ đồ cổng)."
            message_en = f"No {label_en} section was found (menus, home page, site map)."
            evidence = tried_evidence
            details = {"present": False, "candidates": len(tried)}
            error_class = None
        if gated:
            start = dt.date.fromisoformat(gated["obligation_from"]).strftime("%d/%m/%Y")
            message_vi += f" Nghĩa vụ này có hiệu lực từ {start}, sau ngày kiểm tra, nên chỉ cảnh báo."
            message_en += f" The obligation applies from {start}, after the run day, so this is a warning."
        yield self.finding(ctx, status, message_vi, message_en, evidence=evidence, details={**details, **gated},
                           error_class=error_class)


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
    No documents section is linked, or its link returns 404: ``fail``.

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
    No procedures or online-services link anywhere: ``fail``.

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
    No introduction page: ``fail``.

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
    No structure or chart page: ``fail``.

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
    No leaders page: ``fail`` (``warn`` on run days before 01/07/2026).

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
    No contact page: ``fail``.

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
