"""Cases of the document rules CT-006..CT-008 (documents invented for the fictitious province of Hòa Lâm)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from nd42.clock import VN_TZ
from nd42.records import ListingItem, PageFetch, SectionSnapshot
from tests.rules.builders._common import BASE, case, page, section, snapshot

Cases = dict[str, dict[str, Any]]
LEGAL = "legal_documents"
DIRECTIVE = "directive_documents"
FULL_HEADERS = ["Số ký hiệu", "Ngày ban hành", "Ngày hiệu lực", "Trích yếu", "Cơ quan ban hành", "Loại văn bản",
                "Tải về"]
TITLES = (
    "Quyết định số 12/2026/QĐ-UBND ban hành Quy chế quản lý nhiệm vụ khoa học và công nghệ cấp tỉnh",
    "Quyết định số 2390/QĐ-UBND phê duyệt danh mục đề tài khoa học năm 2027",
    "Kế hoạch số 45/KH-SKHCN triển khai Ngày Sở hữu trí tuệ Việt Nam năm 2026",
    "Công văn số 811/SKHCN-QLKH về việc đề xuất nhiệm vụ khoa học và công nghệ",
)


def doc(n: int, title: str | None = None, kind: str = LEGAL, **meta: Any) -> ListingItem:
    issued = meta.get("issued")
    date = dt.date.fromisoformat(issued) if isinstance(issued, str) else None
    return ListingItem(title=title or TITLES[n % len(TITLES)], url=f"{BASE}/{kind}/vb-{n + 1}", date=date,
                       date_text=date.strftime("%d/%m/%Y") if date else None, date_source="listing" if date else None,
                       meta=meta)


def listing(kind: str, rows: list[ListingItem], **facts: Any) -> tuple[SectionSnapshot, PageFetch]:
    url = f"{BASE}/{kind.replace('_', '-')}"
    sec = section(kind, rows=rows, url=url, label="Văn bản pháp luật" if kind == LEGAL else "Chỉ đạo điều hành")
    return sec, page(url, "listing", kind=kind, facts={"text": " ".join(r.title for r in rows), **facts})


def detail(item: ListingItem, kind: str = LEGAL, **doc_fact: Any) -> PageFetch:
    assert item.url
    return page(item.url, "article", kind=kind, facts={"text": item.title, "doc": {
        "fields": doc_fact.get("fields", {}), "labels": doc_fact.get("labels", []),
        "dates": doc_fact.get("dates", {}), "files": doc_fact.get("files", [])}})


def snap(*parts: tuple[SectionSnapshot, PageFetch | None], pages: list[PageFetch] | None = None,
         **kwargs: Any) -> Any:
    return snapshot(*(s for s, _ in parts), pages=[p for _, p in parts if p] + (pages or []), **kwargs)


def portal_down() -> dict[str, Any]:
    return case("the portal is unreachable: not determinable", snapshot(home_status=503, home_error="http_5xx"),
                "not_determinable", error_class="http_5xx")


# ---------------------------------------------------------------------------------------------- CT-006
def ct006() -> Cases:
    plain = [doc(n) for n in range(4)]
    # Rows with a number, an issue date and a title only; no effective date, issuer or file anywhere.
    thin = [doc(n, number=TITLES[n].split()[3], issued="2026-09-0" + str(n + 1),
                labels=["so ky hieu", "ngay ban hanh", "trich yeu"]) for n in range(4)]
    thin_details = [detail(item, labels=["Số ký hiệu:", "Ngày ban hành:", "Trích yếu:"],
                           fields={"number": item.meta["number"], "issued": "01/09/2026"}) for item in thin[:3]]
    full_detail = [detail(item, labels=["Số ký hiệu", "Loại văn bản", "Cơ quan ban hành", "Ngày ban hành",
                                        "Ngày hiệu lực", "Trích yếu"],
                          fields={"number": "12/2026/QĐ-UBND", "doc_type": "Quyết định", "issuer": "UBND tỉnh Hòa Lâm",
                                  "issued": "03/09/2026", "effective": "15/09/2026"},
                          dates={"issued": "2026-09-03", "effective": "2026-09-15"},
                          files=[f"{BASE}/files/12-2026-qd-ubnd.pdf"]) for item in plain[:2]]
    return {
        "good": case("the listing table shows all seven fields: pass",
                     snap(listing(LEGAL, plain, tables=[{"headers": FULL_HEADERS, "rows": 4}])), "pass",
                     details={"fields_missing": []}),
        "bad": case("detail pages were read: no effective date, issuer, type column or file anywhere: fail",
                    snap(listing(LEGAL, [doc(n, TITLES[n].replace("Quyết định", "Về việc").replace(
                        "Kế hoạch", "Về việc").replace("Công văn", "Về việc"), **thin[n].meta) for n in range(4)]),
                         pages=thin_details), "fail",
                    details={"fields_missing": ["doc_type", "issuer", "effective", "file"]}),
        "listing-only": case("the same gaps but no detail page could be read: warn (fields may be there)",
                             snap(listing(LEGAL, [doc(n, "Về việc đề xuất nhiệm vụ khoa học", **thin[n].meta)
                                                  for n in range(4)])), "warn",
                             details={"configured_status": "fail"}),
        "from-detail-pages": case(
            "a plain listing of titles; the detail pages show every field and a PDF: pass",
            snap(listing(LEGAL, plain), pages=full_detail), "pass",
            details={"fields_missing": []}),
        "titles-carry-type-and-number": case(
            "titles start with the type and carry the number; table has dates, issuer, file: pass",
            snap(listing(LEGAL, plain, tables=[{"headers": ["Ngày ban hành", "Ngày hiệu lực", "Cơ quan ban hành",
                                                            "Tệp đính kèm"], "rows": 4}])), "pass"),
        "status-column-is-not-effective-date": case(
            "a 'Tình trạng hiệu lực' (status) column is not an effective date: the field is missing, warn",
            snap(listing(LEGAL, plain, tables=[{"headers": ["Số ký hiệu", "Ngày ban hành", "Trích yếu",
                                                            "Cơ quan ban hành", "Tình trạng hiệu lực", "Tải về"],
                                                "rows": 4}])), "warn",
            details={"fields_missing": ["effective"]}),
        "directive-fallback": case("no legal-documents section; the directive documents are judged instead",
                                   snap(listing(DIRECTIVE, plain, tables=[{"headers": FULL_HEADERS, "rows": 4}])),
                                   "pass", details={"section_kind": DIRECTIVE}),
        "absent": case("no documents section at all: not applicable (SP-004)", snapshot(), "not_applicable"),
        "section-unreachable": case("the documents listing timed out: not determinable",
                                    snapshot(section(LEGAL, state="unreachable", error_class="timeout")),
                                    "not_determinable", error_class="timeout"),
        "empty": case("the documents listing is empty and nothing else was read: not determinable",
                      snapshot(section(LEGAL, state="empty")), "not_determinable", error_class="no_items"),
        "portal-unreachable": portal_down(),
    }


# ---------------------------------------------------------------------------------------------- CT-007
def form(region: str, *, search_like: bool = False, text_inputs: int = 1, selects: int = 0) -> dict[str, Any]:
    inputs = [{"name": "sokyhieu", "type": "text", "label": "Số ký hiệu"}]
    inputs += [{"name": f"loai{n}", "type": "select", "label": "Loại văn bản"} for n in range(selects)]
    return {"action": f"{BASE}/van-ban/tim-kiem", "method": "get", "inputs": inputs, "text_inputs": text_inputs,
            "textareas": 0, "selects": selects, "search_like": search_like, "region": region, "submit": "Tìm kiếm"}


def ct007() -> Cases:
    rows = [doc(n) for n in range(4)]
    site_search = form("header", search_like=True)
    return {
        "good": case("a filter form (number + document type) above the list: pass",
                     snap(listing(LEGAL, rows, forms=[site_search, form("main", selects=2)])), "pass",
                     details={"how": "form"}),
        "bad": case("no search form, no search link, no site search: fail", snap(listing(LEGAL, rows)), "fail"),
        "search-link": case("a link 'Tra cứu văn bản' on the listing: pass",
                            snap(listing(LEGAL, rows, links=[{"url": f"{BASE}/tra-cuu-van-ban",
                                                              "label": "Tra cứu văn bản"}])), "pass",
                            details={"how": "link"}),
        "sidebar-search": case("a search box in the listing's sidebar: pass",
                               snap(listing(LEGAL, rows, forms=[form("sidebar", search_like=True)])), "pass"),
        "site-search-only": case("only the portal-wide search box in the header: warn",
                                 snap(listing(LEGAL, rows, forms=[site_search])), "warn"),
        "home-search-only": case("only the home page has a search form: warn",
                                 snap(listing(LEGAL, rows), home_facts={"forms": [site_search]}), "warn"),
        "framed-listing": case("the documents are shown in an embedded frame (its search cannot be read): warn",
                               snap(listing(LEGAL, [], frames=[{"src": "https://vbpl.hoalam.gov.vn/danh-sach",
                                                                "title": "Văn bản"}])), "warn"),
        "absent": case("no legal-documents section: not applicable (SP-004)", snapshot(), "not_applicable"),
        "section-unreachable": case("the listing returned a TLS error: not determinable",
                                    snapshot(section(LEGAL, state="unreachable", error_class="tls")),
                                    "not_determinable", error_class="tls"),
        "portal-unreachable": portal_down(),
    }


# ---------------------------------------------------------------------------------------------- CT-008
def dated(pairs: list[tuple[str, str]], kind: str = LEGAL, start: int = 0) -> list[ListingItem]:
    return [doc(start + n, kind=kind, issued=i, posted=p, sources={"issued": "listing", "posted": "listing"})
            for n, (i, p) in enumerate(pairs)]


def ct008() -> Cases:
    on_time = [("2026-09-01", "2026-09-01"), ("2026-09-03", "2026-09-07"), ("2026-09-04", "2026-09-11"),
               ("2026-09-08", "2026-09-10")]
    late = [*on_time, ("2026-09-04", "2026-09-15")]  # Fri → Tue next-but-one week: 7 working days
    tet = [("2026-02-13", "2026-02-23"), ("2026-02-12", "2026-02-24")]  # across Tết: 1 and 3 working days
    national_day = [("2026-08-28", "2026-09-07")]  # 31/8 (substituted), 1/9, 2/9 off: 3 working days
    new_year = [("2026-12-30", "2027-01-08")]  # 1/1/2027 off: 6 working days
    return {
        "good": case("four documents posted 0–5 working days after issue: pass",
                     snap(listing(LEGAL, dated(on_time))), "pass",
                     details={"measured": 4, "late": 0, "max": 5, "median": 2,
                              "distribution": {"0": 1, "1": 0, "2": 2, "3": 0, "4": 0, "5": 1, "6-10": 0, "11-20": 0,
                                               ">20": 0}}),
        "bad": case("one decision issued Fri 04/09 posted Tue 15/09/2026: 7 working days: fail",
                    snap(listing(LEGAL, dated(late))), "fail", details={"measured": 5, "late": 1, "max": 7}),
        "late-status-warn": case("a profile sets late_status = warn", snap(listing(LEGAL, dated(late))), "warn",
                                 options={"late_status": "warn"}),
        "max-days-override": case("max_working_days raised to 7 by the portal: pass",
                                  snap(listing(LEGAL, dated(late))), "pass", options={"max_working_days": 7}),
        "legacy-two-days": case("the legacy 2-working-day benchmark (43/2011): fail",
                                snap(listing(LEGAL, dated(on_time))), "fail", options={"max_working_days": 2},
                                details={"late": 1}),
        "tet-spanning": case("posted 10–12 calendar days after issue across Tết 2026: 1 and 3 working days, pass",
                             snap(listing(LEGAL, dated(tet)), now=dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN_TZ)),
                             "pass", now=dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN_TZ),
                             details={"max": 3, "median": 2}),
        "national-day-spanning": case("issued 28/08, posted 07/09/2026 (31/8–2/9 off): 3 working days, pass",
                                      snap(listing(LEGAL, dated(national_day))), "pass", details={"max": 3}),
        "new-year-spanning": case("issued 30/12/2026, posted 08/01/2027: 6 working days, fail",
                                  snap(listing(LEGAL, dated(new_year)),
                                       now=dt.datetime(2027, 1, 10, 9, 0, tzinfo=VN_TZ)),
                                  "fail", now=dt.datetime(2027, 1, 10, 9, 0, tzinfo=VN_TZ),
                                  details={"max": 6}),
        "inconsistent-dates": case("one document posted before its issue date is left out; the rest pass",
                                   snap(listing(LEGAL, dated([*on_time, ("2026-09-10", "2026-09-02")]))), "pass",
                                   details={"measured": 4, "inconsistent": 1}),
        "only-inconsistent": case("every date pair is inconsistent: not determinable",
                                  snap(listing(LEGAL, dated([("2026-09-10", "2026-09-02")]))), "not_determinable",
                                  error_class="inconsistent_dates"),
        "both-sections": case("legal and directive documents measured together; a directive of 03/08 posted 24/08/2026 "
                              "took 16 working days (Saturday 22/08 was a working day): fail",
                              snap(listing(LEGAL, dated(on_time)),
                                   listing(DIRECTIVE, dated([("2026-08-03", "2026-08-24")], DIRECTIVE, 10))),
                              "fail", details={"measured": 5, "late": 1, "max": 16}),
        "no-date-pairs": case("documents show an issue date but no posting date: not determinable",
                              snap(listing(LEGAL, [doc(n, issued="2026-09-01") for n in range(3)])),
                              "not_determinable", error_class="no_date_pairs"),
        "absent": case("no documents section: not applicable", snapshot(), "not_applicable"),
        "section-unreachable": case("the only documents listing timed out: not determinable",
                                    snapshot(section(LEGAL, state="unreachable", error_class="timeout")),
                                    "not_determinable", error_class="timeout"),
        "portal-unreachable": portal_down(),
    }



def build() -> dict[str, Cases]:
    return {"CT-006": ct006(), "CT-007": ct007(), "CT-008": ct008()}
