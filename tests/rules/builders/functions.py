"""Cases of the supporting-function (FN-xxx) rules, on an invented Hòa Lâm department portal."""

from __future__ import annotations

from typing import Any

from nd42.records import PageFetch, PortalSnapshot
from tests.rules.builders._common import case, page, section, snapshot

HOST = "https://skhcn.hoalam.gov.vn"
HOME = f"{HOST}/"
PORTAL = {"name": "Sở Khoa học và Công nghệ tỉnh Hòa Lâm", "level": "department", "parent": "https://hoalam.gov.vn/"}
UNREACHABLE: dict[str, Any] = {"home_status": None, "home_error": "timeout"}

Cases = dict[str, dict[str, Any]]


def hoalam(*sections: Any, url: str = HOME, portal: dict[str, Any] | None = None, **kw: Any) -> PortalSnapshot:
    """A snapshot of the department portal (configured name, level and parent unless given)."""
    return snapshot(*sections, url=url, portal=PORTAL if portal is None else portal, **kw)


def form(*, textareas: int = 0, text_inputs: int = 0, search_like: bool = False, region: str = "main",
         method: str = "post", action: str = f"{HOST}/hoi-dap/gui-cau-hoi", labels: tuple[str, ...] = (),
         submit: str = "Gửi câu hỏi") -> dict[str, Any]:
    inputs = [{"name": f"f{n}", "type": "text", "label": label} for n, label in enumerate(labels)]
    return {"action": action, "method": method, "inputs": inputs, "text_inputs": text_inputs, "textareas": textareas,
            "selects": 0, "search_like": search_like, "region": region, "submit": submit}


SEARCH_BOX = form(text_inputs=1, search_like=True, region="header", method="get", action=f"{HOST}/tim-kiem",
                  labels=("Từ khóa",), submit="Tìm kiếm")
QA_TEXT = ("Hỏi đáp trực tuyến. Câu hỏi: Thủ tục đăng ký hoạt động chuyển giao công nghệ gồm những giấy tờ gì? "
           "Trả lời: Theo Nghị định số 76/2018/NĐ-CP, hồ sơ gồm văn bản đề nghị và hợp đồng chuyển giao công nghệ.")


# ---------------------------------------------------------------------------------------------- FN-001
def qa_site(*, page_facts: dict[str, Any] | None = None, contacts: dict[str, Any] | None = None,
            qa: bool = True, **kw: Any) -> PortalSnapshot:
    sections, pages = [], []
    if qa:
        sections.append(section("qa", url=f"{HOST}/hoi-dap", label="Hỏi đáp"))
        pages.append(page(f"{HOST}/hoi-dap", "content", kind="qa", facts=page_facts or {}))
    if contacts is not None:
        sections.append(section("contacts", url=f"{HOST}/lien-he", label="Liên hệ"))
        pages.append(page(f"{HOST}/lien-he", "content", kind="contacts", facts=contacts))
    return hoalam(*sections, pages=pages, **kw)


def fn001() -> Cases:
    question_form = form(textareas=1, text_inputs=3, labels=("Họ và tên", "Số điện thoại", "Tiêu đề"))
    contacts_text = ("Sở Khoa học và Công nghệ tỉnh Hòa Lâm. Địa chỉ: Số 8 đường Trần Phú, phường Hòa Bình. "
                     "Điện thoại: 0200 3856 210. Email: skhcn@hoalam.gov.vn")
    return {
        "good": case("the Q&A page has a question form with a text area: pass",
                     qa_site(page_facts={"text": QA_TEXT, "forms": [SEARCH_BOX, question_form]}), "pass",
                     details={"via": "form", "textareas": 1}),
        "bad": case("the Q&A page lists old answers, no form, no link to one, no email: warn (legacy basis)",
                    qa_site(page_facts={"text": QA_TEXT, "forms": [SEARCH_BOX]}), "warn",
                    details={"qa_section": True, "via": None}),
        "bad-fail-option": case("the same with missing_status = fail (a provincial profile): fail",
                                qa_site(page_facts={"text": QA_TEXT}), "fail", options={"missing_status": "fail"}),
        "two-text-fields": case("a form with name, email and question title as text inputs (no text area): pass",
                                qa_site(page_facts={"text": QA_TEXT, "forms": [form(text_inputs=3)]}), "pass",
                                details={"via": "form", "text_inputs": 3}),
        "search-form-only": case("only the site search box (two text fields, search-like): not a question form: "
                                 "warn",
                                 qa_site(page_facts={"text": QA_TEXT, "forms": [
                                     form(text_inputs=2, search_like=True, region="main", method="get",
                                          labels=("Từ khóa", "Lĩnh vực"), submit="Tra cứu")]}), "warn"),
        "email-only": case("no form, but the page gives a mailbox for questions (43/2011 Art. 15.2 minimum): pass",
                           qa_site(page_facts={"text": QA_TEXT + " Mọi câu hỏi xin gửi về hộp thư "
                                                                 "hoidap.skhcn@hoalam.gov.vn."}), "pass",
                           details={"via": "email", "email": "hoidap.skhcn@hoalam.gov.vn"}),
        "linked-form": case("no form on the listing, but a \"Gửi câu hỏi\" link to a page not read: warn",
                            qa_site(page_facts={"text": QA_TEXT, "links": [
                                {"url": f"{HOST}/hoi-dap/dat-cau-hoi", "label": "Gửi câu hỏi"},
                                {"url": f"{HOST}/hoi-dap/123", "label": "Thủ tục chuyển giao công nghệ"}]}),
                            "warn", details={"via": "linked", "linked": [f"{HOST}/hoi-dap/dat-cau-hoi"]}),
        "iframe-form": case("the Q&A page embeds the provincial feedback system in a frame: warn (not read)",
                            qa_site(page_facts={"text": "Hỏi đáp", "frames": [
                                {"src": "https://pakn.hoalam.gov.vn/gui-phan-anh", "title": "Phản ánh kiến nghị"}]}),
                            "warn", details={"via": "linked"}),
        "contacts-form": case("no Q&A section; the contact page has a feedback form with a text area: pass",
                              qa_site(qa=False, contacts={"text": contacts_text, "forms": [
                                  form(textareas=1, text_inputs=2, action=f"{HOST}/lien-he/gop-y",
                                       labels=("Họ tên", "Email"), submit="Gửi góp ý")]}), "pass",
                              details={"qa_section": False, "via": "contacts_form"}),
        "contacts-no-form": case("no Q&A section; the contact page has an email but no form: warn",
                                 qa_site(qa=False, contacts={"text": contacts_text, "forms": [SEARCH_BOX]}), "warn",
                                 details={"qa_section": False}),
        "neither-section": case("neither a Q&A nor a contact section: not applicable (SP-006, SP-010)",
                                qa_site(qa=False), "not_applicable"),
        "qa-timeout": case("the Q&A link timed out: not determinable",
                           hoalam(section("qa", url=f"{HOST}/hoi-dap", state="unreachable", error_class="timeout",
                                          label="Hỏi đáp")),
                           "not_determinable", error_class="timeout"),
        "qa-404-contacts-form": case("the Q&A link returns 404 (no Q&A): the contact page's form counts: pass",
                                     snapshot_with(
                                         qa_site(qa=False, contacts={"forms": [form(textareas=1)]}),
                                         section("qa", url=f"{HOST}/hoi-dap", state="unreachable",
                                                 error_class="http_404")),
                                     "pass", details={"via": "contacts_form"}),
        "qa-not-fetched": case("a Q&A section is recorded but its page was not fetched: not determinable",
                               hoalam(section("qa", url=f"{HOST}/hoi-dap", label="Hỏi - Đáp")), "not_determinable",
                               error_class="not_fetched"),
        "portal-unreachable": case("the portal is unreachable: not determinable",
                                   hoalam(**UNREACHABLE), "not_determinable", error_class="timeout"),
    }


def snapshot_with(snap: PortalSnapshot, *sections: Any) -> PortalSnapshot:
    for sec in sections:
        snap.sections[sec.kind] = sec
    return snap


# ---------------------------------------------------------------------------------------------- FN-002
NEWS_TITLE = "Hội nghị tổng kết công tác khoa học và công nghệ năm 2025"
NEWS_URL = f"{HOST}/tin-tuc/hoi-nghi-tong-ket-cong-tac-khcn-nam-2025"
RESULT_URL = f"{HOST}/tim-kiem?q=H%E1%BB%99i+ngh%E1%BB%8B+t%E1%BB%95ng+k%E1%BA%BFt+c%C3%B4ng+t%C3%A1c"


def search_probe(status: str = "probed", found: bool | None = True, **extra: Any) -> dict[str, Any]:
    probe: dict[str, Any] = {"status": status, "form_url": HOME, "action": f"{HOST}/tim-kiem", "param": "q",
                             "query": "Hội nghị tổng kết công tác", "expected_title": NEWS_TITLE,
                             "expected_url": NEWS_URL, "result_url": RESULT_URL, "http_status": 200, "found": found,
                             "error_class": None}
    if status != "probed":
        probe.update(result_url=None, http_status=None, found=None)
    if status in ("no_form", "no_known_title"):
        probe.update(form_url=None, action=None, param=None, query=None)
    probe.update(extra)
    return probe


def search_site(probe: dict[str, Any] | None, *, matched: str | None = "url", result_links: int = 12,
                **kw: Any) -> PortalSnapshot:
    pages: list[PageFetch] = []
    if probe and probe.get("status") == "probed":
        pages.append(page(RESULT_URL, "search", facts={
            "text": "Kết quả tìm kiếm", "search_result": {"found": bool(probe.get("found")), "matched": matched,
                                                          "result_links": result_links}}))
    return hoalam(pages=pages, probes={"search": probe} if probe else {}, home_facts={"forms": [SEARCH_BOX]}, **kw)


def fn002() -> Cases:
    out: Cases = {
        "good": case("the results page links to the news item searched for: pass",
                     search_site(search_probe()), "pass", details={"found": True, "matched": "url"}),
        "bad": case("the results page does not show the portal's own news item: fail",
                    search_site(search_probe(found=False), matched=None, result_links=0), "fail",
                    details={"found": False, "result_links": 0, "query": "Hội nghị tổng kết công tác"}),
        "found-by-title": case("the results page shows the title (not the link): pass",
                               search_site(search_probe(), matched="title"), "pass", details={"matched": "title"}),
        "not-found-warn-option": case("not_found_status = warn (a profile that tolerates index lag): warn",
                                      search_site(search_probe(found=False), matched=None),
                                      "warn", options={"not_found_status": "warn"}),
        "no-form": case("no search box on the home page: fail (missing_status)",
                        search_site(search_probe("no_form")), "fail", details={"probe_status": "no_form"}),
        "no-form-warn-option": case("no search box, missing_status = warn: warn",
                                    search_site(search_probe("no_form")), "warn", options={"missing_status": "warn"}),
        "no-form-home-not-parsed": case("no form recorded because the home page was not parsed: not determinable",
                                        search_site(search_probe("no_form"),
                                                    discovery={"menus": "failed", "sitemap_page": "absent",
                                                               "sitemap_xml": "absent"}),
                                        "not_determinable", error_class="home_not_parsed"),
        "no-probe": case("no search probe recorded (older snapshot): not determinable",
                         search_site(None), "not_determinable", error_class="no_probe"),
        "probed-no-result": case("probe status probed but no verdict recorded: not determinable",
                                 search_site(search_probe(found=None)), "not_determinable", error_class="no_result"),
        "portal-unreachable": case("the portal is unreachable: not determinable",
                                   hoalam(**UNREACHABLE), "not_determinable", error_class="timeout"),
    }
    for status, why in (("post_only", "the search box posts a WebForms form (__VIEWSTATE)"),
                        ("no_known_title", "no listing item to search for"),
                        ("disallowed", "robots.txt disallows /tim-kiem"),
                        ("budget", "the page budget was spent first")):
        out[status.replace("_", "-")] = case(f"{why}: not determinable ({status})",
                                             search_site(search_probe(status)), "not_determinable",
                                             error_class=status, details={"probe_status": status})
    out["failed"] = case("the results page timed out: not determinable (failed; the fetch error in details)",
                         search_site(search_probe("failed", error_class="timeout")), "not_determinable",
                         error_class="failed", details={"fetch_error_class": "timeout"})
    return out


# ---------------------------------------------------------------------------------------------- FN-003
def link(url: str, label: str, tag: str = "a") -> dict[str, Any]:
    return {"url": url, "label": label, "tag": tag}


CHINHPHU = link("https://chinhphu.vn/", "Cổng TTĐT Chính phủ", "option")
PARENT = link("https://hoalam.gov.vn/", "Cổng TTĐT tỉnh Hòa Lâm", "option")
OTHERS = [link("https://dichvucong.gov.vn/p/home/dvc-trang-chu.html", "Cổng Dịch vụ công quốc gia"),
          link("https://most.gov.vn/", "Bộ Khoa học và Công nghệ", "option"),
          link("https://baohoalam.vn/", "Báo Hòa Lâm", "option")]


def links_site(*external: dict[str, Any], url: str = HOME, portal: dict[str, Any] | None = None,
               **kw: Any) -> PortalSnapshot:
    return hoalam(url=url, portal=portal, home_facts={"links": {"external": list(external)}}, **kw)


def fn003() -> Cases:
    no_parent = {"name": PORTAL["name"], "level": "department"}
    return {
        "good": case("a \"Liên kết website\" selector with chinhphu.vn and the province portal: pass",
                     links_site(*OTHERS, CHINHPHU, PARENT), "pass",
                     details={"chinhphu": "https://chinhphu.vn/", "parent": "https://hoalam.gov.vn/",
                              "parent_source": "configured"}),
        "bad": case("links to dichvucong.gov.vn, the ministry and the newspaper only: fail",
                    links_site(*OTHERS), "fail",
                    details={"missing": ["the Government portal (chinhphu.vn)", "the parent portal (hoalam.gov.vn)"]}),
        "only-chinhphu": case("chinhphu.vn but not the province portal: fail",
                              links_site(*OTHERS, CHINHPHU), "fail",
                              details={"missing": ["the parent portal (hoalam.gov.vn)"]}),
        "only-parent": case("the province portal but not chinhphu.vn: fail",
                            links_site(*OTHERS, PARENT), "fail",
                            details={"missing": ["the Government portal (chinhphu.vn)"]}),
        "chinhphu-subdomain-www-parent": case(
            "vanban.chinhphu.vn counts as the Government portal; www.hoalam.gov.vn as the parent: pass",
            links_site(link("https://vanban.chinhphu.vn/", "Hệ thống văn bản Chính phủ"),
                       link("http://www.hoalam.gov.vn/wps/portal", "UBND tỉnh Hòa Lâm", "area")), "pass"),
        "baochinhphu-is-not-chinhphu": case("baochinhphu.vn (the Government newspaper) is not chinhphu.vn: fail",
                                            links_site(link("https://baochinhphu.vn/", "Báo Điện tử Chính phủ"),
                                                       PARENT), "fail"),
        "parent-derived": case("no parent configured: hoalam.gov.vn is derived from skhcn.hoalam.gov.vn: pass",
                               links_site(CHINHPHU, PARENT, portal=no_parent), "pass",
                               details={"parent_source": "derived", "parent_host": "hoalam.gov.vn"}),
        "parent-derived-missing": case("no parent configured, derived hoalam.gov.vn not linked: fail",
                                       links_site(CHINHPHU, *OTHERS, portal=no_parent), "fail",
                                       details={"parent_source": "derived"}),
        "province-top-level": case("a provincial portal needs only chinhphu.vn: pass",
                                   links_site(CHINHPHU, url="https://hoalam.gov.vn/",
                                              portal={"name": "Ủy ban nhân dân tỉnh Hòa Lâm", "level": "province"}),
                                   "pass", details={"parent_source": "top_level"}),
        "province-no-chinhphu": case("a provincial portal without a chinhphu.vn link: fail",
                                     links_site(*OTHERS, url="https://hoalam.gov.vn/",
                                                portal={"level": "province"}), "fail"),
        "three-labels-no-level": case("x.gov.vn with no level configured is taken as top level: chinhphu.vn only",
                                      links_site(CHINHPHU, url="https://bkhcn.gov.vn/", portal={}), "pass",
                                      details={"parent_source": "top_level"}),
        "parent-unknown": case("a non-gov domain, no parent configured: chinhphu.vn found, warn (parent unknown)",
                               links_site(CHINHPHU, url="https://skhcn-hoalam.com.vn/", portal={}), "warn",
                               details={"parent": "unknown", "parent_source": "unknown"}),
        "parent-unknown-ip": case("an IP-literal portal, no parent configured, chinhphu.vn found: warn",
                                  links_site(CHINHPHU, url="http://203.0.113.25/", portal={}), "warn",
                                  details={"parent": "unknown"}),
        "parent-unknown-no-chinhphu": case("parent unknown and no chinhphu.vn link: fail",
                                           links_site(*OTHERS, url="https://skhcn-hoalam.com.vn/", portal={}),
                                           "fail"),
        "same-host-as-parent": case("the department lives on the province's host (hoalam.gov.vn/skhcn): the parent "
                                    "link is internal; chinhphu.vn found: pass",
                                    links_site(CHINHPHU, url="https://hoalam.gov.vn/skhcn/"), "pass",
                                    details={"parent": "same_host"}),
        "menu-link-counts": case("chinhphu.vn linked from a menu entry (not in links.external): pass",
                                 hoalam(home_facts={"links": {"external": [PARENT]}, "layout": {"menu": {
                                     "found": True, "entries": [{"label": "Chính phủ", "url": "https://chinhphu.vn",
                                                                 "level": 2}]}}}), "pass"),
        "not-recorded": case("no link facts recorded (an older snapshot): not determinable",
                             hoalam(home_facts={"title": "Sở Khoa học và Công nghệ"}), "not_determinable",
                             error_class="not_recorded"),
        "home-not-parsed": case("the home page was not parsed as HTML: not determinable",
                                links_site(discovery={"menus": "failed", "sitemap_page": "absent",
                                                      "sitemap_xml": "absent"}),
                                "not_determinable", error_class="home_not_parsed"),
        "portal-unreachable": case("the portal is unreachable: not determinable",
                                   hoalam(**UNREACHABLE), "not_determinable", error_class="timeout"),
    }


# ---------------------------------------------------------------------------------------------- FN-004
def article(n: int, *, found: bool | None, how: str | None = None, snippet: str | None = None,
            kind: str = "news", status: int | None = 200, error_class: str | None = None) -> PageFetch:
    slug = "van-ban" if kind != "news" else "tin-tuc"
    fact = {} if found is None else {"print": {"found": found, "how": how, "snippet": snippet}}
    return page(f"{HOST}/{slug}/bai-{n}", "article", kind=kind, status=status, error_class=error_class,
                facts={"text": "Sáng 12/9, Sở Khoa học và Công nghệ tỉnh Hòa Lâm tổ chức hội nghị chuyển đổi số.",
                       "date_stage": "meta", **fact})


def print_site(*articles: PageFetch, status: str = "probed") -> PortalSnapshot:
    return hoalam(pages=list(articles), probes={"print": {"status": status, "pages": [a.url for a in articles]}})


def fn004() -> Cases:
    return {
        "good": case("the news article has an \"In bài\" link calling window.print(): pass",
                     print_site(article(1, found=True, how="window.print",
                                        snippet='<a href="javascript:window.print()">In bài</a>')), "pass",
                     details={"found": True, "how": "window.print"}),
        "bad": case("the news article has no print link, window.print or print style sheet: fail",
                    print_site(article(1, found=False)), "fail", details={"found": False, "articles_checked": 1}),
        "print-css": case("only a print style sheet (<link media=\"print\">): pass",
                          print_site(article(1, found=True, how="print_css",
                                             snippet='<link rel="stylesheet" media="print" href="/css/print.css">')),
                          "pass", details={"how": "print_css"}),
        "second-page-prints": case("a document page without print, then a news article with a \"Bản in\" link: pass",
                                   print_site(article(1, found=False, kind="legal_documents"),
                                              article(2, found=True, how="print_link", snippet="Bản in")), "pass",
                                   details={"pages_checked": 2}),
        "documents-only": case("only document detail pages were opened and none prints: warn (news not read)",
                               print_site(article(1, found=False, kind="legal_documents"),
                                          article(2, found=False, kind="directive_documents")), "warn",
                               details={"articles_checked": 0, "configured_status": "fail"}),
        "no-article": case("no article page was opened: not determinable",
                           print_site(status="no_article"), "not_determinable", error_class="no_article"),
        "article-failed": case("the only article page timed out: not determinable",
                               print_site(article(1, found=None, status=None, error_class="timeout")),
                               "not_determinable", error_class="timeout"),
        "not-recorded": case("article pages without a print fact (an older snapshot): not determinable",
                             print_site(article(1, found=None)), "not_determinable", error_class="not_recorded"),
        "portal-unreachable": case("the portal is unreachable: not determinable",
                                   hoalam(**UNREACHABLE), "not_determinable", error_class="timeout"),
    }


# ---------------------------------------------------------------------------------------------- FN-005
EN_HOME = f"{HOST}/en/"
EN_ORG = f"{HOST}/en/about-us"
EN_CONTACTS = f"{HOST}/en/contact-us"


def english_probe(status: str = "probed", *, org: bool | None = True, contacts: bool | None = True,
                  home_ok: bool = True, **extra: Any) -> dict[str, Any]:
    probe: dict[str, Any] = {
        "status": status, "link": {"url": EN_HOME, "label": "English"},
        "home": {"url": EN_HOME, "status": 200 if home_ok else 503, "ok": home_ok},
        "organisation": None if org is None else {"url": EN_ORG, "label": "About us", "ok": org},
        "contacts": None if contacts is None else {"url": EN_CONTACTS, "label": "Contact us", "ok": contacts},
        "error_class": None,
    }
    if status == "no_link":
        probe.update(link=None, home=None, organisation=None, contacts=None)
    if status in ("failed", "budget"):
        probe.update(home=None, organisation=None, contacts=None)
    probe.update(extra)
    return probe


def english_site(probe: dict[str, Any] | None, *pages: PageFetch, **kw: Any) -> PortalSnapshot:
    return hoalam(pages=list(pages), probes={"english": probe} if probe else {}, **kw)


def en_page(url: str, kind: str, *, status: int | None = 200, error_class: str | None = None) -> PageFetch:
    return page(url, "english", kind=kind, status=status, error_class=error_class,
                facts={"text": "Department of Science and Technology of Hoa Lam Province"} if status == 200 else {})


def fn005() -> Cases:
    ok_pages = (en_page(EN_HOME, "english_home"), en_page(EN_ORG, "english_organisation"),
                en_page(EN_CONTACTS, "english_contacts"))
    return {
        "good": case("English home → About us and Contact us, both fetched: pass",
                     english_site(english_probe(), *ok_pages), "pass", details={"missing": []}),
        "bad": case("the English home page has news only: no organisation or contacts page: fail",
                    english_site(english_probe(org=None, contacts=None), ok_pages[0]), "fail",
                    details={"missing": ["organisation", "contacts"]}),
        "contacts-missing": case("About us exists, no contacts page: fail (details say which)",
                                 english_site(english_probe(contacts=None), *ok_pages[:2]), "fail",
                                 details={"missing": ["contacts"]}),
        "organisation-404": case("the About us link returns 404: fail",
                                 english_site(english_probe(org=False), ok_pages[0],
                                              en_page(EN_ORG, "english_organisation", status=404), ok_pages[2]),
                                 "fail", details={"missing": ["organisation"]}),
        "organisation-timeout": case("the About us page timed out: not determinable",
                                     english_site(english_probe(org=False), ok_pages[0],
                                                  en_page(EN_ORG, "english_organisation", status=None,
                                                          error_class="timeout"), ok_pages[2]),
                                     "not_determinable", error_class="timeout"),
        "organisation-budget": case("the page budget ran out before About us was fetched: not determinable",
                                    english_site(english_probe(org=False, organisation={
                                        "url": EN_ORG, "label": "About us", "ok": False, "error_class": "budget"}),
                                                 ok_pages[0], ok_pages[2]),
                                    "not_determinable", error_class="budget"),
        "organisation-not-html": case("\"About us\" leads to a PDF (fetched, not a page): not determinable",
                                      english_site(english_probe(org=False), ok_pages[0],
                                                   en_page(EN_ORG, "english_organisation"), ok_pages[2]),
                                      "not_determinable", error_class="not_html"),
        "no-link": case("no language switch or English link on the home page: fail",
                        english_site(english_probe("no_link")), "fail", details={"missing": ["english_link"]}),
        "no-link-nd224-warn": case("no English link under a profile that warns (nd224-2026 sets missing_status "
                                   "warn): warn", english_site(english_probe("no_link")), "warn",
                                   options={"missing_status": "warn"}),
        "no-link-home-not-parsed": case("no English link recorded because the home page was not parsed: "
                                        "not determinable",
                                        english_site(english_probe("no_link"),
                                                     discovery={"menus": "failed", "sitemap_page": "absent",
                                                                "sitemap_xml": "absent"}),
                                        "not_determinable", error_class="home_not_parsed"),
        "english-home-failed": case("the English home page could not be fetched: not determinable",
                                    english_site(english_probe("failed", error_class="http_5xx")),
                                    "not_determinable", error_class="failed",
                                    details={"fetch_error_class": "http_5xx"}),
        "budget": case("the page budget ran out before the English pages: not determinable",
                       english_site(english_probe("budget")), "not_determinable", error_class="budget"),
        "no-probe": case("no English probe recorded (an older snapshot): not determinable",
                         english_site(None), "not_determinable", error_class="no_probe"),
        "portal-unreachable": case("the portal is unreachable: not determinable",
                                   hoalam(**UNREACHABLE), "not_determinable", error_class="timeout"),
    }


def build() -> dict[str, Cases]:
    return {"FN-001": fn001(), "FN-002": fn002(), "FN-003": fn003(), "FN-004": fn004(), "FN-005": fn005()}
