"""subtree_texts: every element's text in one pass, the same as element_text asked element by element."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.extract.page import ParsedPage, element_text, subtree_texts

TRICKY = (
    "<html><body><div id='d'>a<!-- a comment -->b<script>var x = '12/05/2024';</script>c"
    "<template><p>hidden 01/01/2020</p></template>\u200b<span>e\u0301</span>  <style>p{}</style>d"
    "<ul><li><a href='/1'>Tin <b>một</b></a> <span class='date'>(12/05/2024)</span></li><li><br>x</li></ul>"
    "</div><template><div id='t'>in a template</div></template><noscript><p>ns</p></noscript></body></html>"
)


def _same(page: ParsedPage) -> int:
    texts = subtree_texts(page.tree)
    assert texts is not None
    elements = [el for el in page.tree.iter() if isinstance(el.tag, str)]
    assert [texts[el] for el in elements] == [element_text(el) for el in elements]
    return len(elements)


def test_tricky_markup_gives_the_same_texts() -> None:
    page = ParsedPage("https://sgtvt.hoalam.gov.vn/", TRICKY.encode("utf-8"))
    assert _same(page) > 10
    div = page.tree.get_element_by_id("d")
    texts = subtree_texts(div)
    assert texts is not None and "12/05/2024" in texts[div] and "hidden" not in texts[div]
    assert "var x" not in texts[div] and "p{}" not in texts[div]


def test_an_element_inside_a_template_is_left_to_element_text() -> None:
    page = ParsedPage("https://sgtvt.hoalam.gov.vn/", TRICKY.encode("utf-8"))
    inner = page.tree.get_element_by_id("t")
    assert subtree_texts(inner) is None and element_text(inner) == ""


def test_bench_fleet_pages_give_the_same_texts() -> None:
    fleet_module = pytest.importorskip("bench.fleet")
    fleet = fleet_module.Fleet(portals=1)
    checked = 0
    for path in fleet.paths()[:30]:
        page = fleet.page(0, path)
        if page is not None and "html" in page.content_type:
            checked += _same(ParsedPage("https://so0000.bench-hoalam.gov.vn/", page.body))
    assert checked > 1000


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pages"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the checkout")
def test_real_captured_pages_give_the_same_texts() -> None:
    checked = sum(_same(ParsedPage("https://x.gov.vn/", f.read_bytes())) for f in sorted(CORPUS.glob("*.htm*")))
    assert checked > 5000
