"""Probe helpers: the search form and query, the results page, the English organisation/contacts links."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from crawler.extract.facts import page_facts
from crawler.extract.page import ParsedPage
from crawler.extract.probes import (
    CONTACT_LABELS,
    ORGANISATION_LABELS,
    best_link,
    search_forms,
    search_query,
    search_result,
    search_url,
)
from crawler.extract.scan import scan

BASE = "https://skhcn.hoalam.gov.vn/"


def test_first_get_search_form_and_its_url() -> None:
    post = {"action": BASE, "method": "post", "search_like": True, "inputs": [{"name": "k", "type": "text"}]}
    get = {"action": BASE + "tim-kiem?old=1", "method": "get", "search_like": True,
           "inputs": [{"name": "p_p_id", "type": "hidden", "value": "3"}, {"name": "q", "type": "search"}]}
    assert search_forms([post]) == (None, True)
    assert search_forms([]) == (None, False)
    form, _ = search_forms([post, get])
    assert form is get
    url, param = search_url(get, "Hội nghị tổng kết công tác")
    parts = urlsplit(url)
    assert param == "q" and parts.path == "/tim-kiem"
    assert parse_qsl(parts.query) == [("p_p_id", "3"), ("q", "Hội nghị tổng kết công tác")]


def test_query_is_the_first_five_words() -> None:
    assert search_query("Hội nghị tổng kết công tác năm 2026 của Sở – “đợt 2”") == "Hội nghị tổng kết công"


def _results(html: str) -> dict[str, object]:
    page = ParsedPage(BASE + "tim-kiem?q=x", html.encode())
    facts = page_facts(page, "search")
    return search_result(scan(page), facts["links"], BASE + "tin-tuc/hoi-nghi-123.html",
                         "Hội nghị tổng kết công tác năm 2026")


def test_search_results_found_by_url_or_title_or_not_at_all() -> None:
    by_url = _results('<html><body><div id="content"><a href="/tin-tuc/hoi-nghi-123.html/">Kết quả 1</a>'
                      '</div></body></html>')
    assert by_url == {"found": True, "matched": "url", "result_links": 1}
    by_title = _results('<html><body><div id="content"><p>Hội nghị tổng kết công tác năm 2026</p></div></body></html>')
    assert by_title["found"] is True and by_title["matched"] == "title"
    none = _results('<html><body><div id="content"><p>Không tìm thấy kết quả</p></div>'
                    '<div class="sidebar"><a href="/tin-tuc/hoi-nghi-123.html">Tin mới</a></div></body></html>')
    assert none["found"] is False  # a sidebar "latest news" link is not a search result


def test_english_organisation_and_contacts_links() -> None:
    links = [{"url": BASE + "en/home", "label": "Home"}, {"url": BASE + "en/about", "label": "About us"},
             {"url": BASE + "en/org", "label": "Organizational structure"},
             {"url": BASE + "en/news/1", "label": "Contact between the two provinces strengthened in 2026 talks"},
             {"url": BASE + "en/contact", "label": "Contact"}]
    assert best_link(links, ORGANISATION_LABELS) == links[2]
    assert best_link(links, CONTACT_LABELS) == links[4]
    assert best_link(links[:1], CONTACT_LABELS) is None
