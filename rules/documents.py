"""Document rules (CT-006..CT-008): the legal-documents listing's metadata, search tool and timeliness.

They read the documents sections (``legal_documents``, else ``directive_documents``): the listing
pages' tables and forms, the items' labelled fields (``ListingItem.meta``) and the detail pages the
crawler opened (role ``article`` with a ``doc`` fact).  Working days come from
:mod:`rules.calendar` (weekends and Vietnamese public holidays excluded).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterator
from typing import Any, ClassVar

from nd42.clock import vn_today
from nd42.records import Evidence, Finding, ListingItem, PageFetch, PortalSnapshot, SectionSnapshot, Severity, Status
from nd42.textnorm import clean, fold
from rules import calendar, facts, patterns
from rules import citations as cite
from rules.base import Option, RuleContext, register
from rules.content_base import ContentRule, Words, has_words, link_labels, section_evidence
from rules.presence import missing_status_option

DOC_KINDS = ("legal_documents", "directive_documents")

# Canonical fields of a document (Decree 42/2022 Art. 4.1.a) and the (folded) labels that name them.
FIELDS = ("doc_type", "issuer", "number", "issued", "effective", "abstract", "file")
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "doc_type": ("loai van ban", "hinh thuc van ban", "the loai", "hinh thuc", "loai vb"),
    "issuer": ("co quan ban hanh", "don vi ban hanh", "noi ban hanh", "cap ban hanh", "co quan bh"),
    "number": ("so ky hieu", "so hieu", "ky hieu", "so van ban", "so vb", "so kh"),
    "issued": ("ngay ban hanh", "ban hanh ngay", "ngay ky", "ngay bh"),
    "effective": ("ngay hieu luc", "ngay co hieu luc", "hieu luc tu", "ngay bat dau hieu luc"),
    "abstract": ("trich yeu", "noi dung", "tom tat"),
    "file": ("tai ve", "tep dinh kem", "tai lieu dinh kem", "dinh kem", "file", "download", "tep tin", "tai file"),
}
# Headers that name a field only when they are the whole header ("Số", "Loại", "Cơ quan").
EXACT_LABELS = {"so": "number", "loai": "doc_type", "co quan": "issuer", "tep": "file"}
META_FIELDS = {"doc_type": "doc_type", "issuer": "issuer", "number": "number", "issued": "issued",
               "effective": "effective", "abstract": "abstract", "files": "file"}
FIELD_NAMES = {
    "doc_type": ("hình thức văn bản", "document type"), "issuer": ("cơ quan ban hành", "issuer"),
    "number": ("số ký hiệu", "number"), "issued": ("ngày ban hành", "issue date"),
    "effective": ("ngày hiệu lực", "effective date"), "abstract": ("trích yếu", "abstract"),
    "file": ("tệp tải về", "downloadable file"),
}
TYPE_WORDS = ("quyet dinh", "nghi quyet", "chi thi", "cong van", "thong bao", "ke hoach", "thong tu", "nghi dinh",
              "bao cao", "huong dan", "luat", "phap lenh", "thong tu lien tich", "to trinh", "chuong trinh")


def fields_of_label(label: str) -> list[str]:
    """The canonical fields a (raw or folded) label names: "Số/Ký hiệu" → ["number"]."""
    folded = fold(label)
    if folded in EXACT_LABELS:
        return [EXACT_LABELS[folded]]
    return [field for field, phrases in FIELD_LABELS.items() if has_words(folded, phrases)]


def choose_section(snapshot: PortalSnapshot) -> tuple[SectionSnapshot | None, str | None]:
    """The documents section to judge: legal documents, else directive documents; and a note why."""
    legal = snapshot.sections.get("legal_documents")
    directive = snapshot.sections.get("directive_documents")
    if facts.usable(legal):
        return legal, None
    if facts.usable(directive):
        return directive, "legal_documents unreachable" if legal is not None else "no legal_documents section"
    return legal or directive, None


def detail_pages(snapshot: PortalSnapshot, kind: str | None) -> list[PageFetch]:
    """The documents' detail pages that were read (role article with a ``doc`` fact)."""
    return [p for p in facts.article_pages(snapshot, kind) if isinstance(p.facts.get("doc"), dict)]


def parse_day(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def vn_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


# ============================================================================================== CT-006
@register
class DocumentMetadata(ContentRule):
    """Each legal document shows its type, issuer, number, issue and effective dates, abstract and file.

    **What it checks**
    In the legal-documents section (else the directive-documents section), the fields shown for
    the documents: the listing's column headers, the labelled fields of each row and of the detail
    pages the crawler opened (up to 3).  Required: document type (hình thức), issuer (cơ quan ban
    hành), number (số ký hiệu), issue date, effective date, abstract (trích yếu) and a downloadable
    file.  Also counted: the number when at least half the titles carry one ("12/2026/QĐ-UBND");
    the type when at least half the titles start with one ("Quyết định …"); the abstract when the
    items have titles (titles are read as abstracts); the file when the listing or a detail page
    links to a PDF/DOC file.

    **Why it matters**
    Decree 42/2022 Art. 4.1.a (VERIFIED-2nd) requires each document to state its type, issuing
    authority, number, issue date, effective date and abstract, with a downloadable file; the Law
    on Access to Information Art. 19.1.a (VERIFIED, in force) requires the documents on the portal.

    **Non-compliant**
    The detail pages were read and none shows an effective date: ``fail``.  The same gap when no
    detail page could be read (the field may be there): ``warn``.

    **Compliant**
    A table "Số ký hiệu | Ngày ban hành | Ngày hiệu lực | Trích yếu | Cơ quan ban hành | Loại văn bản
    | Tải về": ``pass``.

    **Remediation**
    Show all seven fields in the documents listing or on each document's page, and attach the
    signed file (PDF) to every document; synchronise with the national legal-documents database.
    """

    id = "CT-006"
    name = "content.document-metadata"
    title_vi = "Văn bản có đủ thông tin: hình thức, cơ quan ban hành, số ký hiệu, ngày, trích yếu, tệp"
    title_en = "Documents show type, issuer, number, dates, abstract and file"
    severity = Severity.HIGH
    legal_refs = (cite.ND42_4_1_A, cite.LAW104_19_1_A)
    options = missing_status_option("fail")
    description_vi = ("Mỗi văn bản trong chuyên mục văn bản nêu rõ hình thức, cơ quan ban hành, số ký hiệu, ngày ban "
                      "hành, ngày hiệu lực, trích yếu và có tệp tải về (đọc từ tiêu đề cột, nhãn trường của từng dòng "
                      "và trang chi tiết). Thiếu trường khi đã đọc trang chi tiết thì không đạt; khi chưa đọc được "
                      "trang chi tiết thì chỉ cảnh báo.")
    remediation_vi = ("Hiển thị đủ bảy trường trong danh sách hoặc trang chi tiết của từng văn bản và đính kèm tệp văn "
                      "bản đã ký (PDF); đồng bộ với Cơ sở dữ liệu quốc gia về văn bản pháp luật.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        section, note = choose_section(snapshot)
        if section is None:
            yield self.section_absent(ctx, "legal_documents", "directive_documents")
            return
        if section.state == "unreachable":
            yield self.section_unreachable(ctx, section)
            return
        listing = facts.section_pages(snapshot, section.kind)
        details_read = detail_pages(snapshot, section.kind)
        items = section.items
        if not items and not details_read and not any(facts.fact_list(p, "tables") for p in listing):
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Chuyên mục \"{section.label}\" không có văn bản nào được đọc; không đánh giá được thông tin văn bản.",
                f"No document of the section \"{section.label}\" was read; the document fields cannot be assessed.",
                evidence=[section_evidence(section)], details={"item_count": 0, "section_kind": section.kind},
                error_class="no_items",
            )
            return
        where: dict[str, list[str]] = {f: [] for f in FIELDS}

        def saw(field: str, place: str) -> None:
            if place not in where[field] and len(where[field]) < 4:
                where[field].append(place)

        for page in listing:
            for table in facts.fact_list(page, "tables"):
                for header in table.get("headers", []):
                    for field in fields_of_label(str(header)):
                        saw(field, f"listing column \"{clean(str(header))}\"")
            if facts.fact_list(page, "files"):
                saw("file", "file links on the listing")
        for item in items:
            for key, field in META_FIELDS.items():
                if item.meta.get(key):
                    saw(field, f"item field ({item.meta.get('sources', {}).get(key, 'listing')})")
            for label in item.meta.get("labels", []) or []:
                for field in fields_of_label(str(label)):
                    saw(field, f"item label \"{label}\"")
        for page in details_read:
            doc = page.facts["doc"]
            for key in (doc.get("fields") or {}):
                if key in META_FIELDS:
                    saw(META_FIELDS[key], "detail page field")
            for label in doc.get("labels") or []:
                for field in fields_of_label(str(label)):
                    saw(field, f"detail page label \"{clean(str(label))}\"")
            for key, value in (doc.get("dates") or {}).items():
                if value and key in ("issued", "effective"):
                    saw(key, "detail page date")
            if doc.get("files") or facts.fact_list(page, "files"):
                saw("file", "file links on the detail page")
        titles = [item.title for item in items if item.title]
        if titles:
            numbered = [item for item in items if item.title and (
                patterns.DOC_NUMBER.search(item.title) or patterns.DOC_NUMBER.search(str(item.meta.get("number", ""))))]
            if len(numbered) * 2 >= len(titles):
                saw("number", f"number in {len(numbered)}/{len(titles)} titles")
            typed = [t for t in titles if (Words.of(t).first(TYPE_WORDS) or ("", -1))[1] == 0]
            if len(typed) * 2 >= len(titles):
                saw("doc_type", f"type word at the start of {len(typed)}/{len(titles)} titles")
            saw("abstract", "titles read as abstracts")
        found = [f for f in FIELDS if where[f]]
        missing = [f for f in FIELDS if not where[f]]
        details: dict[str, Any] = {
            "section_kind": section.kind, "fields_found": {f: where[f] for f in found}, "fields_missing": missing,
            "item_count": len(items), "detail_pages": [p.url for p in details_read],
            "listing_pages": [p.url for p in listing],
        }
        if note:
            details["note"] = note
        evidence = [section_evidence(section)]
        evidence += [Evidence(url=p.url, locator="detail page: labels",
                              value=" | ".join(clean(str(x)) for x in p.facts["doc"].get("labels") or [])[:200])
                     for p in details_read[:3]]
        for page in listing[:1]:
            for table in facts.fact_list(page, "tables")[:1]:
                evidence.append(Evidence(url=page.url, locator="listing table",
                                         value=" | ".join(clean(str(h)) for h in table.get("headers", []))))
        label = section.label
        if not missing:
            yield self.finding(
                ctx, Status.PASS,
                f"Văn bản trong chuyên mục \"{label}\" có đủ hình thức, cơ quan ban hành, số ký hiệu, ngày ban hành, "
                "ngày hiệu lực, trích yếu và tệp tải về.",
                f"Documents in \"{label}\" show type, issuer, number, issue and effective dates, abstract and file.",
                evidence=evidence, details=details,
            )
            return
        missing_vi = ", ".join(FIELD_NAMES[f][0] for f in missing)
        missing_en = ", ".join(FIELD_NAMES[f][1] for f in missing)
        if details_read:
            status = self.status_of(ctx)
            how_vi = f"đã đọc danh sách và {len(details_read)} trang chi tiết"
            how_en = f"the listing and {len(details_read)} detail pages were read"
        else:
            status = Status.WARN
            details["configured_status"] = ctx.options["missing_status"]
            how_vi = "chỉ đọc được danh sách, chưa đọc được trang chi tiết nào, nên chỉ cảnh báo"
            how_en = "only the listing was read, no detail page, so this is a warning"
        yield self.finding(
            ctx, status,
            f"Văn bản trong chuyên mục \"{label}\" thiếu: {missing_vi} ({how_vi}).",
            f"Documents in \"{label}\" lack: {missing_en} ({how_en}).",
            evidence=evidence, details=details,
        )


# ============================================================================================== CT-007
SEARCH_LINK_PHRASES = ("tra cuu", "tim kiem van ban", "tim kiem nang cao", "tra cuu van ban")
SITE_REGIONS = ("header", "menu", "footer")


def is_document_search(form: dict[str, Any]) -> bool:
    """A search or filter form in the page's own content (not the site-wide box in the header)."""
    if form.get("region") in SITE_REGIONS:
        return False
    text_inputs, selects = form.get("text_inputs") or 0, form.get("selects") or 0
    return bool(form.get("search_like")) or (text_inputs >= 1 and selects >= 1)


@register
class DocumentSearch(ContentRule):
    """The documents section offers a document search tool (tìm kiếm, tra cứu văn bản).

    **What it checks**
    On the legal-documents listing pages: a search or filter form in the page content (a search
    box, or a text field with a drop-down such as "Loại văn bản", "Cơ quan ban hành"), or a link
    "Tra cứu văn bản" / "Tìm kiếm nâng cao".  The site-wide search box in the header does not
    count: it searches the whole portal, not the documents by number, type or date.

    **Why it matters**
    Decree 42/2022 Art. 4.1.a (VERIFIED-2nd) requires a document search tool with the documents.

    **Non-compliant**
    The listing has no search form or search link: ``fail``.  Only the portal-wide search box in
    the header: ``warn``.

    **Compliant**
    Above the list: "Số ký hiệu [ ] Loại văn bản [▼] Năm ban hành [▼] [Tìm kiếm]": ``pass``.

    **Remediation**
    Add a document search to the documents section, by number, type, issuer, field and issue date.
    """

    id = "CT-007"
    name = "content.document-search"
    title_vi = "Có công cụ tìm kiếm văn bản"
    title_en = "A document search tool is provided"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND42_4_1_A,)
    options = missing_status_option("fail")
    description_vi = ("Trang danh sách văn bản có công cụ tìm kiếm, lọc văn bản (ô tìm kiếm hoặc trường nhập kèm danh "
                      "sách chọn) hoặc liên kết \"Tra cứu văn bản\". Ô tìm kiếm chung của cổng ở đầu trang chỉ được "
                      "cảnh báo.")
    remediation_vi = ("Bổ sung công cụ tìm kiếm văn bản theo số ký hiệu, loại văn bản, cơ quan ban hành, lĩnh vực và "
                      "ngày ban hành trong chuyên mục văn bản.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        section = snapshot.sections.get("legal_documents")
        if section is None:
            yield self.section_absent(ctx, "legal_documents")
            return
        if section.state == "unreachable":
            yield self.section_unreachable(ctx, section)
            return
        pages = facts.section_pages(snapshot, "legal_documents")
        if not pages:
            yield self.pages_not_read(ctx, section)
            return
        details: dict[str, Any] = {"listing_pages": [p.url for p in pages]}
        for page in pages:
            for form in facts.forms(page):
                if is_document_search(form):
                    inputs = [clean(str(i.get("label") or i.get("name") or "")) for i in form.get("inputs", [])
                              if isinstance(i, dict)]
                    details.update({"how": "form", "form_action": form.get("action"),
                                    "form_region": form.get("region")})
                    yield self.finding(
                        ctx, Status.PASS,
                        f"Chuyên mục \"{section.label}\" có công cụ tìm kiếm văn bản ({page.url}).",
                        f"The section \"{section.label}\" has a document search form ({page.url}).",
                        evidence=[Evidence(url=page.url, locator=f"form in {form.get('region') or 'page'}",
                                           value=str(form.get("action") or ""),
                                           snippet=", ".join(i for i in inputs if i)[:200] or None)],
                        details=details,
                    )
                    return
        links = [(page, label, url) for page in pages for label, url in link_labels(page)
                 if Words.of(label).first(SEARCH_LINK_PHRASES)]
        menu = [entry for entry in facts.layout(snapshot, "menu").get("entries", []) if isinstance(entry, dict)
                and Words.of(str(entry.get("label") or "")).first(("tra cuu van ban", "tim kiem van ban"))]
        if links or menu:
            if links:
                page, label, url = links[0]
                evidence = [Evidence(url=url, locator=f"link on {page.url}", value=label)]
            else:
                label, url = clean(str(menu[0].get("label") or "")), str(menu[0].get("url") or "")
                evidence = [Evidence(url=url, locator="home page menu", value=label)]
            details.update({"how": "link", "link": url})
            yield self.finding(
                ctx, Status.PASS,
                f"Có liên kết tra cứu văn bản \"{label}\" ({url}).",
                f"A document search link \"{label}\" is provided ({url}).",
                evidence=evidence, details=details,
            )
            return
        site_wide = [(page.url, form) for page in [*pages, *(p for p in [facts.home_page(snapshot)] if p)]
                     for form in facts.forms(page) if form.get("search_like")]
        frames = [(page.url, frame) for page in pages for frame in facts.fact_list(page, "frames")]
        if site_wide or frames:
            if frames:
                details.update({"how": None, "frames": [str(f.get("src") or "") for _, f in frames[:5]]})
                message_vi = (f"Danh sách văn bản \"{section.label}\" nằm trong khung nhúng "
                              f"({frames[0][1].get('src')}); không đọc được công cụ tìm kiếm bên trong, cần kiểm tra.")
                message_en = (f"The documents listing \"{section.label}\" is inside an embedded frame "
                              f"({frames[0][1].get('src')}); a search tool inside it could not be read: please check.")
                evidence = [Evidence(url=url, locator="frame", value=str(f.get("src") or "")) for url, f in frames[:3]]
            else:
                details.update({"how": None, "site_search": str(site_wide[0][1].get("action") or "")})
                message_vi = ("Chỉ có ô tìm kiếm chung của cổng, không có công cụ tìm kiếm văn bản trong chuyên mục "
                              f"\"{section.label}\".")
                message_en = (f"Only the portal-wide search box exists; the section \"{section.label}\" has no "
                              "document search.")
                evidence = [Evidence(url=url, locator=f"site search form in {f.get('region') or 'page'}",
                                     value=str(f.get("action") or "")) for url, f in site_wide[:2]]
            yield self.finding(ctx, Status.WARN, message_vi, message_en, evidence=evidence, details=details)
            return
        details["how"] = None
        yield self.finding(
            ctx, self.status_of(ctx),
            f"Chuyên mục \"{section.label}\" không có công cụ tìm kiếm văn bản (đã xem biểu mẫu, liên kết của "
            f"{len(pages)} trang danh sách và trang chủ).",
            f"The section \"{section.label}\" has no document search (forms and links of {len(pages)} listing "
            "pages and the home page searched).",
            evidence=[section_evidence(section)], details=details,
        )


# ============================================================================================== CT-008
BUCKETS = (("0", 0, 0), ("1", 1, 1), ("2", 2, 2), ("3", 3, 3), ("4", 4, 4), ("5", 5, 5), ("6-10", 6, 10),
           ("11-20", 11, 20), (">20", 21, None))
MAX_DOCUMENTS = 20
TABLE_COLUMNS = ["Văn bản / Document", "Ngày ban hành / Issued", "Ngày đăng / Posted", "Ngày làm việc / Working days",
                 "Ngày nghỉ lễ / Holidays", "Đường dẫn / URL"]


def bucket(days: int) -> str:
    for name, low, high in BUCKETS:
        if days >= low and (high is None or days <= high):
            return name
    return ">20"


def date_texts(snapshot: PortalSnapshot, item: ListingItem) -> str:
    """The raw date texts behind an item's issued/posted dates, when its detail page recorded them."""
    for page in detail_pages(snapshot, None):
        if item.url and page.url == item.url:
            fields = page.facts["doc"].get("fields") or {}
            parts = [f"{k}: {clean(str(fields[k]))}" for k in ("issued", "posted") if fields.get(k)]
            if parts:
                return "; ".join(parts)
    return item.date_text or ""


@register
class DocumentTimeliness(ContentRule):
    """Documents are posted within 5 working days of their issue date (Law 104/2016 Art. 18.4).

    **What it checks**
    For every item of the legal-documents and directive-documents listings that shows both an
    issue date (ngày ban hành) and a posting date (ngày đăng, ngày cập nhật) on its row or detail
    page: the delay in Vietnamese working days after the issue date up to the posting date
    (weekends and public holidays, Tết included, are not counted; a document posted on its issue
    day has a delay of 0).  Any delay above ``max_working_days`` (5) gives ``late_status``.  A
    posting date before the issue date (or after the run day) is inconsistent and left out.  The
    finding reports the distribution of delays, not only the verdict.

    **Why it matters**
    The Law on Access to Information Art. 18.4 (VERIFIED, in force) sets 5 working days from the
    information's creation as the default deadline for publication; Decree 43/2011 Art. 17.1.c
    (VERIFIED, repealed) gave the issuing agency 2 working days for legal documents.

    **Non-compliant**
    A decision issued on Friday 04/09/2026 and posted on Tuesday 15/09/2026: 7 working days
    (more than 5): ``fail``.

    **Compliant**
    Issued Friday 13/02/2026, posted Monday 23/02/2026: 1 working day (16–20/02 is Tết): ``pass``.

    **Remediation**
    Post each document on the portal within 5 working days of its issue (2 for the issuing agency
    under the legacy benchmark), and show both the issue date and the posting date.
    """

    id = "CT-008"
    name = "content.document-timeliness"
    title_vi = "Văn bản được đăng trong 05 ngày làm việc kể từ ngày ban hành"
    title_en = "Documents are posted within 5 working days of issue"
    severity = Severity.HIGH
    legal_refs = (cite.LAW104_18_4, cite.ND43_17_1_C)
    options: ClassVar[dict[str, Option]] = {
        "max_working_days": Option(
            int, 5,
            "Số ngày làm việc tối đa từ ngày ban hành đến ngày đăng (không tính thứ Bảy, Chủ nhật, ngày lễ, Tết).",
            "Maximum working days from issue to posting (weekends and Vietnamese public holidays excluded).",
            minimum=0,
        ),
        "late_status": Option(
            str, "fail",
            "Kết quả khi có văn bản đăng chậm: \"fail\" hoặc \"warn\".",
            "Status when a document was posted late: \"fail\" or \"warn\".",
            choices=("fail", "warn"),
        ),
    }
    description_vi = ("Số ngày làm việc (không tính thứ Bảy, Chủ nhật, ngày lễ, Tết) từ ngày ban hành đến ngày đăng "
                      "của mỗi văn bản có đủ hai ngày không vượt quá max_working_days (mặc định 05, Luật Tiếp cận "
                      "thông tin Điều 18 khoản 4). Báo cáo phân bố số ngày, không chỉ kết luận.")
    remediation_vi = ("Đăng văn bản lên cổng chậm nhất 05 ngày làm việc kể từ ngày ban hành và hiển thị cả ngày ban "
                      "hành, ngày đăng.")

    KINDS: ClassVar[tuple[str, ...]] = DOC_KINDS

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        sections = [s for k in self.KINDS if (s := snapshot.sections.get(k)) is not None]
        if not sections:
            yield self.section_absent(ctx, *self.KINDS)
            return
        readable = [s for s in sections if s.state != "unreachable"]
        if not readable:
            yield self.section_unreachable(ctx, sections[0])
            return
        limit = int(ctx.options["max_working_days"])
        horizon = vn_today(ctx.now) + dt.timedelta(days=1)
        measured: list[dict[str, Any]] = []
        inconsistent: list[dict[str, Any]] = []
        seen: set[str] = set()
        for section in readable:
            for item in section.items:
                issued, posted = parse_day(item.meta.get("issued")), parse_day(item.meta.get("posted"))
                if issued is None or posted is None:
                    continue
                key = item.url or f"{section.kind}:{item.title}"
                if key in seen:
                    continue
                seen.add(key)
                row: dict[str, Any] = {"title": item.title, "url": item.url, "kind": section.kind,
                                       "issued": issued.isoformat(), "posted": posted.isoformat()}
                if posted < issued or posted > horizon:
                    row["reason"] = "posted_before_issued" if posted < issued else "posted_after_run_day"
                    inconsistent.append(row)
                    continue
                row["working_days"] = calendar.working_days_between(issued, posted)
                row["calendar_days"] = (posted - issued).days
                row["holidays"] = [name for _, name in calendar.holidays_between(issued, posted)]
                row["date_text"] = date_texts(snapshot, item)
                measured.append(row)
        base_details: dict[str, Any] = {
            "max_working_days": limit, "measured": len(measured), "inconsistent": len(inconsistent),
            "inconsistent_documents": inconsistent[:MAX_DOCUMENTS],
            "sections": [{"kind": s.kind, "url": s.url, "items": len(s.items)} for s in readable],
        }
        if not measured:
            error_class = "inconsistent_dates" if inconsistent else "no_date_pairs"
            if inconsistent:
                message_vi = (f"{len(inconsistent)} văn bản có ngày đăng trước ngày ban hành (hoặc sau ngày kiểm tra); "
                              "không có cặp ngày hợp lệ để tính thời gian đăng.")
                message_en = (f"{len(inconsistent)} documents show a posting date before their issue date (or after "
                              "the run day); no consistent date pair to measure.")
            else:
                message_vi = ("Không văn bản nào hiển thị đồng thời ngày ban hành và ngày đăng; không tính được thời "
                              "gian đăng.")
                message_en = "No document shows both an issue date and a posting date; the delay cannot be measured."
            yield self.finding(ctx, Status.NOT_DETERMINABLE, message_vi, message_en,
                               evidence=[section_evidence(s) for s in readable],
                               details=base_details, error_class=error_class)
            return
        delays = [int(r["working_days"]) for r in measured]
        late = sorted((r for r in measured if r["working_days"] > limit), key=lambda r: -int(r["working_days"]))
        median = statistics.median(delays)
        distribution = {name: 0 for name, _, _ in BUCKETS}
        for days in delays:
            distribution[bucket(days)] += 1
        shown = (late + [r for r in measured if r not in late])[:MAX_DOCUMENTS]
        details = {
            **base_details,
            "late": len(late),
            "median": int(median) if float(median).is_integer() else median,
            "max": max(delays),
            "distribution": distribution,
            "documents": [{k: r[k] for k in ("title", "url", "issued", "posted", "working_days", "calendar_days",
                                             "holidays")} for r in shown],
            "table": {
                "columns": TABLE_COLUMNS,
                "rows": [[r["title"], vn_date(parse_day(r["issued"]) or dt.date.min),
                          vn_date(parse_day(r["posted"]) or dt.date.min), r["working_days"],
                          ", ".join(dict.fromkeys(r["holidays"])), r["url"] or ""] for r in shown],
            },
            "late_status": ctx.options["late_status"],
        }
        stats_vi = f"trung vị {details['median']}, lớn nhất {details['max']} ngày làm việc"
        stats_en = f"median {details['median']}, maximum {details['max']} working days"
        off_days = list(dict.fromkeys(name for r in measured for name in r["holidays"]))
        details["holidays_excluded"] = off_days
        if off_days:
            shown_off = ", ".join(off_days[:5]) + (", …" if len(off_days) > 5 else "")
            stats_vi += f"; đã trừ ngày nghỉ lễ: {shown_off}"
            stats_en += f"; public holidays excluded: {shown_off}"
        if not late:
            yield self.finding(
                ctx, Status.PASS,
                f"{len(measured)} văn bản có đủ ngày ban hành và ngày đăng đều được đăng trong {limit} ngày làm việc "
                f"({stats_vi}).",
                f"Every document showing both an issue and a posting date ({len(measured)}) was posted within {limit} "
                f"working days ({stats_en}).",
                evidence=[section_evidence(s) for s in readable], details=details,
            )
            return
        worst = late[0]
        evidence = []
        for row in late[:MAX_DOCUMENTS]:
            issued, posted = parse_day(row["issued"]), parse_day(row["posted"])
            assert issued is not None and posted is not None
            off = ", ".join(dict.fromkeys(row["holidays"]))
            snippet = (f"ban hành {vn_date(issued)}; đăng {vn_date(posted)}; {row['working_days']} ngày làm việc / "
                       f"{row['calendar_days']} ngày lịch" + (f" (nghỉ: {off})" if off else ""))
            if row["date_text"]:
                snippet += f" [trên trang: {row['date_text']}]"
            evidence.append(Evidence(url=row["url"], locator=f"{row['kind']} item: issued/posted", value=row["title"],
                                     snippet=snippet, dates=[row["issued"], row["posted"]]))
        yield self.finding(
            ctx, self.status_of(ctx, "late_status"),
            f"{len(late)}/{len(measured)} văn bản đăng chậm quá {limit} ngày làm việc sau ngày ban hành ({stats_vi}); "
            f"chậm nhất: \"{worst['title']}\" ({worst['working_days']} ngày làm việc).",
            f"{len(late)} of {len(measured)} documents were posted more than {limit} working days after issue "
            f"({stats_en}); the latest: \"{worst['title']}\" ({worst['working_days']} working days).",
            evidence=evidence, details=details,
        )

