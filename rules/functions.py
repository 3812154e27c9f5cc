"""Supporting-function rules (FN-xxx): Q&A, search, links to state portals, print, English pages.

They read what the crawler recorded (docs/facts.md): the forms and text of the Q&A and contact
pages, the active probes (``probes["search"]``, ``probes["english"]``), the home page's external
links and the ``print`` fact of the article pages it opened.  A probe that could not run leaves the
function undeterminable; it is never a failure.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from nd42.records import Evidence, Finding, PageFetch, PortalSnapshot, Severity, Status
from nd42.textnorm import fold, has_phrase
from rules import citations as cite
from rules import facts
from rules.base import ComplianceRule, Option, RuleContext, register
from rules.domain import Host, parent_host, parse_host, portal_host
from rules.patterns import EMAIL

MISSING_ERRORS = ("http_404", "http_410")
DOC_KINDS = ("legal_documents", "directive_documents", "consultation")
# Links on a Q&A page that lead to the question form itself (often a separate page).
QUESTION_LINKS = ("gui cau hoi", "dat cau hoi", "tao cau hoi", "gui phan anh", "gui kien nghi", "gui gop y",
                  "gui y kien", "phan anh kien nghi truc tuyen")


def status_option(key: str, default: str, what_vi: str, what_en: str) -> dict[str, Option]:
    return {key: Option(str, default, f"Kết quả khi {what_vi}: \"fail\" hoặc \"warn\".",
                        f"Status when {what_en}: \"fail\" or \"warn\".", choices=("fail", "warn"))}


def home_read_error(snapshot: PortalSnapshot) -> str | None:
    """Why the home page's regions (menus, header, footer, links) were not read, or ``None``."""
    if snapshot.discovery.get("menus") == "failed":
        return "home_not_parsed"
    return None


def page_error_class(page: PageFetch) -> str:
    if page.error_class:
        return page.error_class
    return f"http_{page.status}" if page.status is not None else "unknown"


def external_links(snapshot: PortalSnapshot) -> list[dict[str, Any]] | None:
    """The home page's links to other hosts; ``None`` when the crawler recorded none at all (old snapshot)."""
    home = facts.home_facts(snapshot)
    links = home.get("links")
    # The home page's "links" is {"external": [...]} (its main-region list is not kept there).
    if not isinstance(links, dict) or "external" not in links:
        return None
    value = links.get("external")
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, dict) and isinstance(v.get("url"), str)]


def home_internal_links(snapshot: PortalSnapshot) -> list[dict[str, Any]]:
    """The home page's main-region links and menu entries (both may point to other hosts on some portals)."""
    home = facts.home_facts(snapshot)
    out = [dict(v, where="main") for v in home.get("links", []) if isinstance(v, dict)] \
        if isinstance(home.get("links"), list) else []
    menu = facts.layout(snapshot, "menu").get("entries", [])
    if isinstance(menu, list):
        out += [dict(v, where="menu") for v in menu if isinstance(v, dict)]
    return [v for v in out if isinstance(v.get("url"), str)]


def _form_summary(form: dict[str, Any]) -> str:
    labels = [str(i.get("label") or i.get("name") or "") for i in form.get("inputs", []) if isinstance(i, dict)]
    labels = [label for label in labels if label]
    return (f"{form.get('method', 'get').upper()} {form.get('action', '')}; textareas {form.get('textareas', 0)}, "
            f"text inputs {form.get('text_inputs', 0)}" + (f"; fields: {', '.join(labels[:8])}" if labels else ""))


# ---------------------------------------------------------------------------------------------- FN-001
@register
class QAForm(ComplianceRule):
    """Citizens can send a question or feedback to the agency (hỏi đáp, phản ánh kiến nghị).

    **What it checks**
    The Q&A section's fetched pages (kind ``qa``): a form with a text area, or with at least two
    text fields that is not a search box, or at least an email address in the page text passes.
    Without a Q&A section, a form with a text area on the contact page passes (with a note).  When
    the Q&A page only links to the form ("Gửi câu hỏi") or embeds it in a frame, the form itself was
    not read: ``warn``.  No Q&A and no contact section: ``not_applicable`` (see SP-006, SP-010).

    **Why it matters**
    Decree 43/2011 Art. 15.2 (VERIFIED, repealed) required a Q&A and feedback function with
    processing-status tracking, or at least an email address.  The legal-basis note found no
    equivalent in Decree 42/2022, so a missing function is a warning by default.

    **Non-compliant**
    The "Hỏi đáp" page lists old answers but has no form, no "Gửi câu hỏi" link and no email
    address: ``warn``.

    **Compliant**
    "Hỏi đáp" page with a form (họ tên, email, tiêu đề, nội dung câu hỏi in a text area): ``pass``.

    **Remediation**
    Offer a question / feedback form on the Q&A page (name, contact, question text), publish the
    answers, and give at least an email address where questions are received.
    """

    id = "FN-001"
    name = "functions.qa-form"
    title_vi = "Có chức năng gửi câu hỏi, phản ánh kiến nghị"
    title_en = "Questions and feedback can be submitted"
    area = "functions"
    severity = Severity.LOW
    legal_refs = (cite.ND43_15_2,)
    options = status_option("missing_status", "warn", "không có chức năng gửi câu hỏi",
                            "no way to submit a question was found")
    description_vi = ("Trang hỏi đáp có biểu mẫu gửi câu hỏi (ô nhập nội dung, hoặc ít nhất hai ô nhập không phải ô "
                      "tìm "
                      "kiếm) hoặc ít nhất một địa chỉ thư điện tử; nếu không có chuyên mục hỏi đáp, biểu mẫu góp ý "
                      "trên "
                      "trang liên hệ cũng được tính.")
    remediation_vi = ("Có biểu mẫu gửi câu hỏi, phản ánh trên trang hỏi đáp (họ tên, thông tin liên hệ, nội dung), "
                      "đăng "
                      "câu trả lời, và tối thiểu nêu địa chỉ thư điện tử tiếp nhận câu hỏi.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        qa = snapshot.sections.get("qa")
        if qa is not None and qa.state == "unreachable" and (qa.error_class or "unknown") not in MISSING_ERRORS:
            error_class = qa.error_class or "unknown"
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Không tải được trang hỏi đáp \"{qa.label}\" ({error_class}); chưa xác định được.",
                f"The Q&A page \"{qa.label}\" could not be fetched ({error_class}); undeterminable.",
                evidence=[Evidence(url=qa.url, locator=f"Q&A section via {qa.via}", value=qa.label)],
                details={"qa_section": True, "url": qa.url}, error_class=error_class)
            return
        if facts.usable(qa):
            yield from self._judge_qa(snapshot, ctx)
            return
        contacts = snapshot.sections.get("contacts")
        if not facts.usable(contacts) or contacts is None:
            if contacts is not None:  # the contact link failed; a 404 means it does not exist either
                error_class = contacts.error_class or "unknown"
                if error_class not in MISSING_ERRORS:
                    yield self.finding(
                        ctx, Status.NOT_DETERMINABLE,
                        f"Không có chuyên mục hỏi đáp; không tải được trang liên hệ ({error_class}).",
                        f"No Q&A section; the contact page could not be fetched ({error_class}).",
                        evidence=[Evidence(url=contacts.url, locator=f"contacts via {contacts.via}")],
                        details={"qa_section": False, "contacts_section": True}, error_class=error_class)
                    return
            yield self.finding(
                ctx, Status.NOT_APPLICABLE,
                "Không tìm thấy chuyên mục hỏi đáp và trang liên hệ; xem SP-006 và SP-010.",
                "Neither a Q&A section nor a contact page was found; see SP-006 and SP-010.",
                details={"qa_section": False, "contacts_section": False, "presence_rules": ["SP-006", "SP-010"]})
            return
        pages = facts.section_pages(snapshot, "contacts")
        if not pages:
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                "Không có chuyên mục hỏi đáp; trang liên hệ chưa được tải nên không kiểm tra được biểu mẫu góp ý.",
                "No Q&A section; the contact page was not fetched, so no feedback form could be looked for.",
                evidence=[Evidence(url=contacts.url, locator=f"contacts via {contacts.via}")],
                details={"qa_section": False, "contacts_section": True}, error_class="not_fetched")
            return
        for page in pages:
            for form in facts.forms(page):
                if int(form.get("textareas") or 0) >= 1 and not form.get("search_like"):
                    yield self.finding(
                        ctx, Status.PASS,
                        "Không có chuyên mục hỏi đáp riêng, nhưng trang liên hệ có biểu mẫu góp ý (có ô nhập nội "
                        "dung).",
                        "There is no separate Q&A section, but the contact page has a feedback form (with a text "
                        "area).",
                        evidence=[Evidence(url=page.url, locator=f"form in the {form.get('region') or 'page'} region "
                                           "of the contact page", value=_form_summary(form))],
                        details={"qa_section": False, "via": "contacts_form", "form_action": form.get("action")})
                    return
        yield self.finding(
            ctx, Status(ctx.options["missing_status"]),
            "Không có chuyên mục hỏi đáp và trang liên hệ không có biểu mẫu góp ý (ô nhập nội dung); không gửi được "
            "câu "
            "hỏi trên cổng.",
            "There is no Q&A section and the contact page has no feedback form (no text area): questions cannot "
            "be submitted on the portal.",
            evidence=[Evidence(url=p.url, locator="contact page: forms read", value=f"{len(facts.forms(p))} form(s)")
                      for p in pages[:3]],
            details={"qa_section": False, "via": None, "contact_pages": len(pages)})

    def _judge_qa(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        qa = snapshot.sections["qa"]
        pages = facts.section_pages(snapshot, "qa")
        section_evidence = Evidence(url=qa.url, locator=f"Q&A section via {qa.via}", value=qa.label)
        if not pages:
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Có chuyên mục hỏi đáp \"{qa.label}\" nhưng trang chưa được tải; chưa xác định được.",
                f"A Q&A section \"{qa.label}\" exists but its page was not fetched; undeterminable.",
                evidence=[section_evidence], details={"qa_section": True, "url": qa.url}, error_class="not_fetched")
            return
        for page in pages:
            for form in facts.forms(page):
                textareas, inputs = int(form.get("textareas") or 0), int(form.get("text_inputs") or 0)
                in_page = form.get("region") in (None, "main", "sidebar")
                if (textareas >= 1 and not form.get("search_like")) or (
                        inputs >= 2 and not form.get("search_like") and in_page):
                    yield self.finding(
                        ctx, Status.PASS,
                        f"Trang hỏi đáp \"{qa.label}\" có biểu mẫu gửi câu hỏi.",
                        f"The Q&A page \"{qa.label}\" has a question form.",
                        evidence=[Evidence(url=page.url, locator=f"form in the {form.get('region') or 'page'} region",
                                           value=_form_summary(form), snippet=form.get("submit"))],
                        details={"qa_section": True, "via": "form", "form_action": form.get("action"),
                                 "textareas": textareas, "text_inputs": inputs})
                    return
        for page in pages:
            match = EMAIL.search(facts.text(page))
            if match:
                yield self.finding(
                    ctx, Status.PASS,
                    f"Trang hỏi đáp \"{qa.label}\" không có biểu mẫu nhưng nêu địa chỉ thư điện tử tiếp nhận câu hỏi "
                    f"({match.group(0)}).",
                    f"The Q&A page \"{qa.label}\" has no form but gives an email address for questions "
                    f"({match.group(0)}).",
                    evidence=[Evidence(url=page.url, locator="Q&A page text", value=match.group(0))],
                    details={"qa_section": True, "via": "email", "email": match.group(0)})
                return
        hints: list[Evidence] = []
        for page in pages:
            for link in facts.fact_list(page, "links"):
                phrase = has_phrase(fold(str(link.get("label") or "")), QUESTION_LINKS)
                if phrase:
                    hints.append(Evidence(url=str(link.get("url")), locator=f"link on the Q&A page {page.url}",
                                          value=str(link.get("label"))))
            hints += [Evidence(url=str(f.get("src")), locator=f"frame on the Q&A page {page.url}",
                               value=str(f.get("title") or "")) for f in facts.fact_list(page, "frames")
                      if f.get("src")]
        if hints:
            yield self.finding(
                ctx, Status.WARN,
                f"Trang hỏi đáp \"{qa.label}\" không có biểu mẫu, nhưng có liên kết hoặc khung nhúng có thể dẫn tới "
                "biểu "
                f"mẫu gửi câu hỏi (\"{hints[0].value}\"); trang đó chưa được đọc, cần kiểm tra thủ công.",
                f"The Q&A page \"{qa.label}\" has no form, but a link or frame may lead to a question form "
                f"(\"{hints[0].value}\"); that page was not read: check by hand.",
                evidence=[section_evidence, *hints[:5]],
                details={"qa_section": True, "via": "linked", "linked": [h.url for h in hints[:5]]})
            return
        yield self.finding(
            ctx, Status(ctx.options["missing_status"]),
            f"Trang hỏi đáp \"{qa.label}\" không có biểu mẫu gửi câu hỏi, không có liên kết tới biểu mẫu và không nêu "
            "địa "
            f"chỉ thư điện tử (đã đọc {len(pages)} trang).",
            f"The Q&A page \"{qa.label}\" has no question form, no link to one and no email address ({len(pages)} "
            "page(s) read).",
            evidence=[section_evidence] + [Evidence(url=p.url, locator="Q&A page: forms, links and text read",
                                                    value=f"{len(facts.forms(p))} form(s)") for p in pages[:3]],
            details={"qa_section": True, "via": None, "pages_read": len(pages)})


# ---------------------------------------------------------------------------------------------- FN-002
@register
class SearchWorks(ComplianceRule):
    """The portal's search box finds a title the portal itself lists.

    **What it checks**
    The search probe (``probes["search"]``): the crawler submitted the home page's search form
    with the first words of the newest news title (else of any listed item) and looked for that
    item (its link or its title) on the results page.  Found: ``pass``.  The results page came back
    without it: ``fail`` (option ``not_found_status``).  No search form on the home page:
    ``missing_status``.  When the probe could not run (a POST-only or script form, no listed title
    to look for, robots.txt, page budget, a failed fetch, or no probe recorded) the result is
    ``not_determinable`` with that reason as its error class: a person has to try the search.

    **Why it matters**
    Decree 42/2022 Art. 7.1 (VERIFIED-2nd) requires a search function that finds the portal's
    content "đầy đủ và chính xác" (fully and accurately); Decree 43/2011 Art. 15.1.a (VERIFIED,
    repealed) required search too.  A box that returns nothing for the portal's own titles is no
    search function for a citizen.

    **Non-compliant**
    Searching "Hội nghị tổng kết công tác năm" returns "Không tìm thấy kết quả" although the news
    item of that title is on the home page: ``fail``.  No search box at all: ``fail``.

    **Compliant**
    The results page for the query links to the news item: ``pass``.

    **Remediation**
    Provide a full-text search over news, documents and pages (a GET form such as
    ``/tim-kiem?q=…``), keep its index current, and check that new items are findable the day they
    are published.
    """

    id = "FN-002"
    name = "functions.search-works"
    title_vi = "Chức năng tìm kiếm hoạt động"
    title_en = "Search finds the portal's own content"
    area = "functions"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND42_7_1, cite.ND43_15_1_A)
    options: ClassVar[Mapping[str, Option]] = {
        **status_option("missing_status", "fail", "trang chủ không có ô tìm kiếm", "the home page has no search box"),
        **status_option("not_found_status", "fail", "tìm kiếm không trả về tiêu đề đã biết",
                        "the search does not return the known title"),
    }
    description_vi = ("Ô tìm kiếm trên trang chủ được thử với vài từ đầu tiên của một tiêu đề mà cổng đang đăng; kết "
                      "quả "
                      "phải có bài đó (liên kết hoặc tiêu đề).")
    remediation_vi = ("Cung cấp chức năng tìm kiếm toàn văn (tin bài, văn bản, trang), cập nhật chỉ mục thường xuyên "
                      "để "
                      "bài mới đăng tìm được ngay.")

    REASONS: ClassVar[dict[str, tuple[str, str]]] = {
        "post_only": ("ô tìm kiếm chỉ gửi bằng POST hoặc bằng script nên không thử tự động được",
                      "the search box only submits by POST or by script, so it could not be tried automatically"),
        "no_known_title": ("không có tiêu đề nào trong các danh sách để tìm thử",
                           "no listed title was available to search for"),
        "disallowed": ("robots.txt không cho phép truy cập trang kết quả tìm kiếm",
                       "robots.txt disallows the search results page"),
        "budget": ("đã hết số trang được phép tải trước khi thử tìm kiếm", "the page budget ran out before the search"),
        "failed": ("không tải được trang kết quả tìm kiếm", "the search results page could not be fetched"),
        "no_probe": ("chưa thử chức năng tìm kiếm (không có kết quả thăm dò)", "the search was not tried (no probe)"),
    }

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        probe = facts.probe(snapshot, "search")
        status = str(probe.get("status") or "no_probe")
        form_evidence = Evidence(url=probe.get("form_url") or snapshot.home_url, locator="search form",
                                 value=f"{probe.get('action') or '?'} ?{probe.get('param') or '?'}=")
        details: dict[str, Any] = {key: probe.get(key) for key in (
            "status", "query", "expected_title", "expected_url", "result_url", "http_status", "found", "action",
            "param", "error_class")}
        details["probe_status"] = details.pop("status")
        details["fetch_error_class"] = details.pop("error_class")
        if status == "probed" and probe.get("found") is not None:
            query, result_url = probe.get("query") or "", probe.get("result_url") or ""
            result = self._result_facts(snapshot, result_url)
            details["matched"] = result.get("matched")
            details["result_links"] = result.get("result_links")
            query_evidence = Evidence(url=result_url, locator="search results page", value=f"query: {query}",
                                      snippet=f"expected: {probe.get('expected_title')} ({probe.get('expected_url')})")
            if probe.get("found"):
                how = {"url": "liên kết tới bài", "title": "tiêu đề bài"}.get(str(result.get("matched")), "bài")
                yield self.finding(
                    ctx, Status.PASS,
                    f"Tìm kiếm \"{query}\" trả về bài \"{probe.get('expected_title')}\" (nhận ra qua {how}).",
                    f"Searching for \"{query}\" returns the item \"{probe.get('expected_title')}\" (recognised by "
                    f"its {result.get('matched') or 'link or title'}).",
                    evidence=[form_evidence, query_evidence], details=details)
                return
            count = result.get("result_links")
            shown_vi = f"; trang kết quả có {count} liên kết" if isinstance(count, int) else ""
            shown_en = f"; the results page has {count} link(s)" if isinstance(count, int) else ""
            yield self.finding(
                ctx, Status(ctx.options["not_found_status"]),
                f"Tìm kiếm \"{query}\" không trả về bài \"{probe.get('expected_title')}\" mà cổng đang đăng "
                f"({probe.get('expected_url')}){shown_vi}.",
                f"Searching for \"{query}\" does not return the item \"{probe.get('expected_title')}\" that the portal "
                f"lists ({probe.get('expected_url')}){shown_en}.",
                evidence=[form_evidence, query_evidence], details=details)
            return
        if status == "no_form":
            error = home_read_error(snapshot)
            if error:
                yield self.finding(
                    ctx, Status.NOT_DETERMINABLE,
                    "Không phân tích được trang chủ nên không biết có ô tìm kiếm hay không.",
                    "The home page could not be parsed, so whether it has a search box is unknown.",
                    details=details, error_class=error)
                return
            yield self.finding(
                ctx, Status(ctx.options["missing_status"]),
                "Trang chủ không có ô tìm kiếm (không thấy biểu mẫu hay đường dẫn tìm kiếm ở phần đầu trang, menu, "
                "nội dung hay chân trang).",
                "The home page has no search box (no search form or search URL in the header, menus, body or "
                "footer).",
                evidence=[Evidence(url=snapshot.home_url or snapshot.url, locator="home page: forms read",
                                   value=f"{len(facts.forms(facts.home_page(snapshot)))} form(s), none for search")],
                details=details)
            return
        reason_vi, reason_en = self.REASONS.get(status, (f"thăm dò tìm kiếm trả về \"{status}\"",
                                                         f"the search probe reported \"{status}\""))
        if status == "probed":  # probed, but no verdict recorded
            status = "no_result"
            reason_vi, reason_en = "thăm dò không ghi nhận kết quả", "the probe recorded no result"
        if details["fetch_error_class"]:
            reason_vi += f" ({details['fetch_error_class']})"
            reason_en += f" ({details['fetch_error_class']})"
        yield self.finding(
            ctx, Status.NOT_DETERMINABLE,
            f"Chưa đánh giá được chức năng tìm kiếm: {reason_vi}; cần thử bằng tay.",
            f"The search function could not be judged: {reason_en}; try it by hand.",
            evidence=[form_evidence] if probe.get("form_url") or probe.get("action") else [],
            details=details, error_class=status)

    @staticmethod
    def _result_facts(snapshot: PortalSnapshot, url: str) -> dict[str, Any]:
        for page in snapshot.pages_where(role="search"):
            if url in (page.url, page.final_url):
                value = page.facts.get("search_result", {})
                return value if isinstance(value, dict) else {}
        return {}


# ---------------------------------------------------------------------------------------------- FN-003
def _is_chinhphu(host: Host) -> bool:
    return host.name == "chinhphu.vn" or host.name.endswith(".chinhphu.vn")


@register
class StateLinks(ComplianceRule):
    """The home page links to the Government portal (chinhphu.vn) and to the parent portal.

    **What it checks**
    The home page's links to other hosts (``<a>``, image-map ``<area>`` and the ``<option>`` values
    of "Liên kết website" selectors), plus its main-region links and menu entries: one must go to
    ``chinhphu.vn`` (or a subdomain such as ``vanban.chinhphu.vn``), and one to the parent portal.
    The parent is the configured ``portal.parent``; otherwise it is derived from the host (for
    ``skhcn.hoalam.gov.vn`` it is ``hoalam.gov.vn``).  Ministries and provinces (or a three-label
    ``.gov.vn`` host with no level configured) only need chinhphu.vn.  When no parent can be
    derived (an IP address, a domain outside ``.gov.vn``) and none is configured, only chinhphu.vn
    is checked and the best result is ``warn`` ("parent unknown").

    **Why it matters**
    Decree 42/2022 Art. 7.1 (VERIFIED-2nd) requires links to other relevant state agencies'
    portals; the Law on Access to Information Art. 19.4 (VERIFIED) requires portals to be linked
    with those of related bodies; Decree 224/2026 Art. 11.3 (VERIFIED) connects ministry and
    provincial portals to the Government portal.  The links let a citizen move between the levels
    of government and check that a site belongs to the state network.

    **Non-compliant**
    The department's home page links to dichvucong.gov.vn and to the ministry, but neither to
    chinhphu.vn nor to hoalam.gov.vn: ``fail``.

    **Compliant**
    A "Liên kết website" box with "Cổng TTĐT Chính phủ" (https://chinhphu.vn) and "Cổng TTĐT tỉnh
    Hòa Lâm" (https://hoalam.gov.vn): ``pass``.

    **Remediation**
    Add visible links (not only entries of a script-filled selector) to the Government portal
    chinhphu.vn and to the parent province or ministry portal, and configure the parent in the
    portal registry.
    """

    id = "FN-003"
    name = "functions.state-links"
    title_vi = "Liên kết tới Cổng TTĐT Chính phủ và cổng cấp trên"
    title_en = "Links to the Government portal and the parent portal"
    area = "functions"
    severity = Severity.LOW
    legal_refs = (cite.ND42_7_1, cite.LAW104_19_4, cite.ND224_11_3)
    options = status_option("missing_status", "fail", "thiếu liên kết bắt buộc", "a required link is missing")
    description_vi = ("Trang chủ có liên kết tới Cổng TTĐT Chính phủ (chinhphu.vn) và tới cổng của cơ quan cấp trên "
                      "(cổng tỉnh hoặc bộ, theo cấu hình hoặc suy ra từ tên miền); bộ và tỉnh chỉ cần chinhphu.vn.")
    remediation_vi = ("Đặt liên kết hiển thị rõ (không chỉ trong hộp chọn nạp bằng script) tới chinhphu.vn và cổng "
                      "TTĐT "
                      "của tỉnh hoặc bộ chủ quản; khai báo cổng cấp trên trong danh mục cổng.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        external = external_links(snapshot)
        error = home_read_error(snapshot) or ("not_recorded" if external is None else None)
        if error or external is None:
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                "Không đọc được các liên kết của trang chủ; chưa xác định được.",
                "The home page's links were not read; undeterminable.",
                evidence=[Evidence(url=snapshot.home_url or snapshot.url, locator="home page links")],
                details={"reason": error}, error_class=error or "not_recorded")
            return
        host, _ = portal_host(snapshot)
        parent, parent_source = parent_host(snapshot, host)
        links = [dict(v, where=f"external {v.get('tag') or 'a'}") for v in external] + home_internal_links(snapshot)
        gov: dict[str, Any] | None = None
        par: dict[str, Any] | None = None
        for link in links:
            link_host = parse_host(str(link["url"]))
            if link_host is None:
                continue
            if gov is None and _is_chinhphu(link_host):
                gov = link
            if par is None and parent is not None and link_host.name == parent.name:
                par = link
        same_host = parent is not None and host is not None and host.name == parent.name
        details: dict[str, Any] = {
            "chinhphu": gov["url"] if gov else None,
            "parent_host": parent.name if parent else None,
            "parent_source": parent_source,
            "parent": par["url"] if par else ("same_host" if same_host else None),
            "external_links": len(external),
        }
        evidence = [Evidence(url=str(link["url"]), locator=f"home page, {link['where']} link",
                             value=str(link.get("label") or "")) for link in (gov, par) if link]
        searched_en = (f"{len(external)} links to other hosts on the home page (links, image maps, link selectors), "
                       "its main-region links and menu entries")
        searched_vi = (f"{len(external)} liên kết ra ngoài trên trang chủ (liên kết, bản đồ ảnh, hộp chọn liên kết "
                       "website), liên kết vùng nội dung và menu")
        searched = Evidence(url=snapshot.home_url or snapshot.url, locator="home page links", value=searched_en)
        parent_ok = par is not None or same_host or parent_source == "top_level"
        if parent_source == "unknown":
            details["parent"] = "unknown"
            if gov is not None:
                yield self.finding(
                    ctx, Status.WARN,
                    f"Trang chủ có liên kết tới Cổng TTĐT Chính phủ; không xác định được cổng cấp trên (địa chỉ "
                    f"{host.display if host else '?'} không thuộc .gov.vn và chưa cấu hình cổng cấp trên) nên chưa "
                    "kiểm "
                    "tra liên kết tới cổng cấp trên.",
                    f"The home page links to the Government portal; the parent portal is unknown (the address "
                    f"{host.display if host else '?'} is not under .gov.vn and no parent is configured), so the link "
                    "to it was not checked.",
                    evidence=evidence, details=details)
                return
        elif gov is not None and parent_ok:
            parent_vi = (" (cổng nằm trên cùng tên miền với cổng cấp trên)" if same_host and par is None else "")
            if parent_source == "top_level":
                message_vi = ("Trang chủ có liên kết tới Cổng TTĐT Chính phủ (chinhphu.vn); cổng cấp bộ, tỉnh không "
                              "cần liên kết cấp trên khác.")
                message_en = ("The home page links to the Government portal (chinhphu.vn); a ministry or provincial "
                              "portal needs no other parent link.")
            else:
                parent_name = parent.name if parent else ""
                message_vi = f"Trang chủ có liên kết tới chinhphu.vn và cổng cấp trên {parent_name}{parent_vi}."
                parent_en = " (the portal is hosted on its parent's host)" if same_host and par is None else ""
                message_en = f"The home page links to chinhphu.vn and to the parent portal {parent_name}{parent_en}."
            yield self.finding(ctx, Status.PASS, message_vi, message_en, evidence=evidence, details=details)
            return
        missing_vi, missing_en = [], []
        if gov is None:
            missing_vi.append("Cổng TTĐT Chính phủ (chinhphu.vn)")
            missing_en.append("the Government portal (chinhphu.vn)")
        if parent is not None and not parent_ok:
            missing_vi.append(f"cổng cấp trên ({parent.name})")
            missing_en.append(f"the parent portal ({parent.name})")
        details["missing"] = missing_en
        yield self.finding(
            ctx, Status(ctx.options["missing_status"]),
            f"Trang chủ không có liên kết tới {' và '.join(missing_vi)}; đã tìm trong {searched_vi}.",
            f"The home page has no link to {' and '.join(missing_en)}; searched {searched_en}.",
            evidence=[*evidence, searched], details=details)


# ---------------------------------------------------------------------------------------------- FN-004
@register
class PrintFunction(ComplianceRule):
    """Article pages offer a print function.

    **What it checks**
    The ``print`` fact of the article pages the crawler opened (news articles and document detail
    pages): a print link or button ("In bài", "Bản in", "Print"), a ``window.print()`` call, or a
    print style sheet (``media="print"`` / ``@media print``).  Any found: ``pass``.  None found
    on a news article (or another article that is not a document detail page): ``fail``.  When only
    document detail pages were read, their lack of a print button is weaker evidence (Art. 7.1
    speaks of each news item or article): ``warn``.  No article page read: ``not_determinable``
    (``no_article``).

    **Why it matters**
    Decree 42/2022 Art. 7.1 (VERIFIED-2nd) requires a function to print and save each news item or
    article ("in ấn và lưu trữ cho mỗi tin, bài").  Citizens and officials print notices and
    guidance; a page that prints with menus and banners cut across pages is hard to use on paper.

    **Non-compliant**
    The news article "Hòa Lâm tổ chức Hội nghị chuyển đổi số" has no print link, no
    ``window.print`` and no print style sheet: ``fail``.

    **Compliant**
    The article has a "🖨 In bài" link calling ``window.print()``: ``pass``.

    **Remediation**
    Add a print button to every article template (``window.print()`` with a print style sheet that
    hides menus and banners), and a save / download option where possible.
    """

    id = "FN-004"
    name = "functions.print"
    title_vi = "Bài viết có chức năng in"
    title_en = "Articles can be printed"
    area = "functions"
    severity = Severity.LOW
    legal_refs = (cite.ND42_7_1,)
    options = status_option("missing_status", "fail", "bài viết không có chức năng in", "articles have no print "
                                                                                        "function")
    description_vi = ("Trang bài viết có chức năng in: liên kết, nút \"In bài\", \"Bản in\", lệnh window.print() hoặc "
                      "bảng "
                      "định dạng khi in (media print).")
    remediation_vi = ("Thêm nút in vào mẫu trang bài viết (window.print() kèm định dạng in ẩn menu, banner) và chức "
                      "năng "
                      "lưu, tải về nếu có thể.")

    HOW: ClassVar[dict[str, tuple[str, str]]] = {
        "window.print": ("lệnh window.print()", "a window.print() call"),
        "print_link": ("liên kết/nút in", "a print link or button"),
        "print_css": ("bảng định dạng khi in", "a print style sheet"),
    }

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        checked = [(p, p.facts["print"]) for p in facts.article_pages(snapshot)
                   if isinstance(p.facts.get("print"), dict)]
        for page, fact in checked:
            if fact.get("found"):
                how_vi, how_en = self.HOW.get(str(fact.get("how")), ("chức năng in", "a print function"))
                yield self.finding(
                    ctx, Status.PASS,
                    f"Trang bài viết có {how_vi} ({page.url}).",
                    f"The article page has {how_en} ({page.url}).",
                    evidence=[Evidence(url=page.url, locator=f"article page ({page.kind or 'article'}): "
                                                             f"{fact.get('how')}",
                                       snippet=fact.get("snippet"))],
                    details={"found": True, "how": fact.get("how"), "pages_checked": len(checked), "url": page.url})
                return
        if not checked:
            failed = [p for p in snapshot.pages_where(role="article", ok=False) if not p.ok]
            if facts.article_pages(snapshot):
                error_class = "not_recorded"
                message = ("Các trang bài viết đã mở không có dữ liệu về chức năng in (ảnh chụp cũ); chưa kiểm tra "
                           "được.",
                           "The article pages opened carry no print facts (an older snapshot); not checked.")
            elif failed:
                error_class = page_error_class(failed[0])
                message = (f"Không tải được trang bài viết nào ({error_class}); chưa kiểm tra được chức năng in.",
                           f"No article page could be fetched ({error_class}); the print function was not checked.")
            else:
                error_class = "no_article"
                message = ("Không mở trang bài viết nào nên chưa kiểm tra được chức năng in.",
                           "No article page was opened, so the print function was not checked.")
            yield self.finding(ctx, Status.NOT_DETERMINABLE, *message,
                               evidence=[Evidence(url=p.url, locator="article page", value=page_error_class(p))
                                         for p in failed[:3]],
                               details={"found": None, "pages_checked": 0}, error_class=error_class)
            return
        articles = [p for p, _ in checked if p.kind not in DOC_KINDS]
        evidence = [Evidence(url=p.url, locator=f"article page ({p.kind or 'article'}): print link, window.print, "
                             "print CSS looked for") for p, _ in checked[:5]]
        details = {"found": False, "pages_checked": len(checked), "articles_checked": len(articles),
                   "urls": [p.url for p, _ in checked[:10]]}
        if not articles:
            details["configured_status"] = ctx.options["missing_status"]
            yield self.finding(
                ctx, Status.WARN,
                f"Không thấy chức năng in trên {len(checked)} trang chi tiết văn bản đã đọc; chưa mở trang tin bài "
                "nào, "
                "cần kiểm tra thủ công một tin bài.",
                f"No print function on the {len(checked)} document detail page(s) read; no news article was opened: "
                "check one by hand.",
                evidence=evidence, details=details)
            return
        yield self.finding(
            ctx, Status(ctx.options["missing_status"]),
            f"Không thấy chức năng in (liên kết \"In bài\", window.print(), định dạng in) trên {len(checked)} trang "
            "bài "
            "viết đã đọc.",
            f"No print function (a \"Print\" link, window.print(), a print style sheet) on the {len(checked)} article "
            "page(s) read.",
            evidence=evidence, details=details)


# ---------------------------------------------------------------------------------------------- FN-005
@register
class EnglishPages(ComplianceRule):
    """The portal has English pages on the organisation and on the officials' contacts.

    **What it checks**
    The English probe (``probes["english"]``): the crawler followed the home page's language switch
    or English link, then, on the English home page, the best link to the organisation / functions
    ("About us", "Organization", "Functions") and to the contacts ("Contact us", "Directory").  Both
    fetched: ``pass``.  Either missing (no such link, or it returns 404): ``missing_status``, naming
    which.  No English link on the home page: ``missing_status``.  The English home page could not
    be fetched, the page budget ran out, or a page failed with a network error:
    ``not_determinable``.

    **Why it matters**
    Decree 42/2022 Art. 7.2 (VERIFIED-2nd) requires, in English, the organisational structure,
    functions, duties and powers of the agency (point a) and the contacts of its competent
    officials — name, title, unit, phone, fax, official email (point b), updated promptly.  Whether
    this carries over into Decree 224/2026 is not established; the nd224-2026 profile warns only.

    **Non-compliant**
    The "EN" flag leads to an English home page with news only, no "About us" or "Contact" page:
    ``fail``.

    **Compliant**
    "English" → "About us" (organisation, functions) and "Contact us" (officials' names, titles,
    phones, emails): ``pass``.

    **Remediation**
    Publish English pages on the organisation, functions and duties and on the officials' contacts,
    link them from an English home page reached by a visible language switch, and update them when
    the Vietnamese pages change.
    """

    id = "FN-005"
    name = "functions.english-pages"
    title_vi = "Có trang tiếng Anh về tổ chức và liên hệ"
    title_en = "English pages on the organisation and contacts"
    area = "functions"
    severity = Severity.LOW
    legal_refs = (cite.ND42_7_2,)
    options = status_option("missing_status", "fail", "thiếu trang tiếng Anh", "the English pages are missing")
    description_vi = ("Cổng có phiên bản tiếng Anh với trang cơ cấu tổ chức, chức năng, nhiệm vụ và trang thông tin "
                      "liên "
                      "hệ của cán bộ có thẩm quyền (Nghị định 42/2022 Điều 7 khoản 2).")
    remediation_vi = ("Đăng bằng tiếng Anh cơ cấu tổ chức, chức năng, nhiệm vụ, quyền hạn và thông tin liên hệ của "
                      "cán bộ "
                      "có thẩm quyền; đặt nút chuyển ngôn ngữ rõ ràng trên trang chủ và cập nhật khi bản tiếng Việt "
                      "thay "
                      "đổi.")

    PARTS: ClassVar[dict[str, tuple[str, str]]] = {
        "organisation": ("trang tổ chức, chức năng", "organisation / functions page"),
        "contacts": ("trang liên hệ cán bộ", "officials' contacts page"),
    }

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        probe = facts.probe(snapshot, "english")
        status = str(probe.get("status") or "no_probe")
        link = probe.get("link") if isinstance(probe.get("link"), dict) else {}
        home = probe.get("home") if isinstance(probe.get("home"), dict) else {}
        details: dict[str, Any] = {"probe_status": status, "link": link.get("url") if link else None,
                                   "english_home": home.get("url") if home else None}
        link_evidence = [Evidence(url=link.get("url"), locator="language link on the home page",
                                  value=link.get("label"))] if link else []
        if status == "no_link":
            error = home_read_error(snapshot)
            if error:
                yield self.finding(
                    ctx, Status.NOT_DETERMINABLE,
                    "Không phân tích được trang chủ nên không biết có liên kết tiếng Anh hay không.",
                    "The home page could not be parsed, so whether it links to English pages is unknown.",
                    details=details, error_class=error)
                return
            details["missing"] = ["english_link"]
            yield self.finding(
                ctx, Status(ctx.options["missing_status"]),
                "Trang chủ không có liên kết chuyển sang tiếng Anh (nút ngôn ngữ, \"English\", \"EN\", "
                "hreflang=\"en\", "
                "đường dẫn /en/).",
                "The home page has no link to English pages (language switch, \"English\", \"EN\", hreflang=\"en\", "
                "an /en/ path).",
                evidence=[Evidence(url=snapshot.home_url or snapshot.url, locator="home page: language links looked "
                                                                                  "for")],
                details=details)
            return
        if status != "probed" or not home or not home.get("ok"):
            reason = {"failed": ("không tải được trang chủ tiếng Anh", "the English home page could not be fetched"),
                      "budget": ("đã hết số trang được phép tải", "the page budget ran out"),
                      "no_probe": ("chưa thăm dò trang tiếng Anh", "the English pages were not probed")}
            error_class = status if status != "probed" else "english_home_failed"
            reason_vi, reason_en = reason.get(status, ("không tải được trang chủ tiếng Anh",
                                                       "the English home page could not be fetched"))
            fetch_error = probe.get("error_class")
            if fetch_error:
                reason_vi, reason_en = f"{reason_vi} ({fetch_error})", f"{reason_en} ({fetch_error})"
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Chưa đánh giá được trang tiếng Anh: {reason_vi}.",
                f"The English pages could not be judged: {reason_en}.",
                evidence=link_evidence, details={**details, "fetch_error_class": fetch_error}, error_class=error_class)
            return
        evidence = [*link_evidence, Evidence(url=home.get("url"), locator="English home page")]
        missing: list[str] = []
        for part in ("organisation", "contacts"):
            entry = probe.get(part) if isinstance(probe.get(part), dict) else None
            details[part] = entry.get("url") if entry else None
            if entry is None:
                missing.append(part)
                continue
            if entry.get("ok"):
                evidence.append(Evidence(url=entry.get("url"), locator=f"English {part} page",
                                         value=entry.get("label")))
                continue
            page = self._page(snapshot, str(entry.get("url") or ""))
            error_class = str(entry.get("error_class") or "")
            if not error_class:
                # Fetched fine but not read as a page (e.g. a PDF or an image behind the link).
                error_class = ("not_html" if page.ok else page_error_class(page)) if page is not None else "unknown"
            if error_class in MISSING_ERRORS:
                missing.append(part)
                evidence.append(Evidence(url=entry.get("url"), locator=f"English {part} link", value=error_class))
                continue
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Không tải được {self.PARTS[part][0]} tiếng Anh \"{entry.get('label')}\" ({error_class}).",
                f"The English {self.PARTS[part][1]} \"{entry.get('label')}\" could not be fetched ({error_class}).",
                evidence=[*evidence, Evidence(url=entry.get("url"), locator=f"English {part} link",
                                              value=entry.get("label"))],
                details=details, error_class=error_class)
            return
        details["missing"] = missing
        if not missing:
            yield self.finding(
                ctx, Status.PASS,
                "Cổng có trang tiếng Anh về tổ chức, chức năng và về thông tin liên hệ.",
                "The portal has English pages on its organisation and functions and on its contacts.",
                evidence=evidence, details=details)
            return
        yield self.finding(
            ctx, Status(ctx.options["missing_status"]),
            f"Trang chủ tiếng Anh ({home.get('url')}) không dẫn tới "
            f"{' và '.join(self.PARTS[m][0] for m in missing)} (không có liên kết hoặc trang không tồn tại).",
            f"The English home page ({home.get('url')}) leads to no "
            f"{' and no '.join(self.PARTS[m][1] for m in missing)} (no link, or the page does not exist).",
            evidence=evidence, details=details)

    @staticmethod
    def _page(snapshot: PortalSnapshot, url: str) -> PageFetch | None:
        for page in snapshot.pages:
            if url in (page.url, page.final_url):
                return page
        return None
