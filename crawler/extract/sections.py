"""Section discovery: which links on a portal lead to which kind of section.

Labels are folded (see :mod:`crawler.extract.text`) and matched against the synonym lexicon
kept as data in ``lexicon.toml``.  A label matches a kind when that kind's phrases cover a
large enough share of its words: "Chỉ đạo điều hành của Sở Y tế" is a directive-documents
menu entry, while a news title that merely mentions "Đoàn Thanh niên" is not a section.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

from crawler.extract.page import MAX_URL_CHARS, Link, ParsedPage
from crawler.extract.text import fold, slug_words
from crawler.urls import split
from nd42.records import SectionCandidate
from nd42.textnorm import has_phrase

# A label longer than this is an article title, not a menu entry ...
MAX_LABEL_WORDS = 12
# ... unless section phrases cover most of it: Law 104/2016 words its sections at length ("Thông tin
# về dự án, hạng mục đầu tư, đấu thầu, mua sắm công" is a menu entry of 13 words).
LONG_LABEL_WORDS = 18
LONG_LABEL_COVERAGE = 0.6
# A document number or a date in a label makes it a title: "Kế hoạch số 95/KH-UBND", "Lịch 12/3".
_TITLE_MARK = re.compile(r"\d+\s*/\s*\w")
# Share of a label's words the phrases of one kind must cover.
MIN_COVERAGE = 0.3
# How much the place a link was seen adds to its score: menus are where sections live.
VIA_WEIGHT = {
    "override": 10.0,
    "menu": 0.5,
    "dropdown": 0.5,
    "sidebar": 0.4,
    "home": 0.35,
    "sitemap_page": 0.3,
    "header": 0.3,
    "footer": 0.2,
    "body": 0.15,
    "slug": 0.1,
    "sitemap_xml": 0.1,
}


_VIA_RANK = {v: i for i, v in enumerate(("override", "menu", "dropdown", "sidebar", "home", "header", "footer",
                                          "sitemap_page", "body", "slug", "sitemap_xml"))}


@dataclass(frozen=True)
class Phrase:
    kind: str
    words: tuple[str, ...]
    anchored: bool  # must start the label ("^tin": "Tin y tế" but not "Thông tin ...")


@dataclass(frozen=True)
class Lexicon:
    phrases: tuple[Phrase, ...]
    priority: tuple[str, ...]
    ignore: tuple[str, ...] = ()  # folded phrases: a label holding one names no section

    def kinds(self) -> tuple[str, ...]:
        return self.priority


@dataclass(frozen=True)
class LabelMatch:
    kind: str
    coverage: float
    phrase: str
    phrase_words: int


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Load a lexicon file (default: the bundled ``lexicon.toml``)."""
    if path is None:
        raw = resources.files("crawler.extract").joinpath("lexicon.toml").read_text(encoding="utf-8")
    else:
        raw = path.read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    phrases: list[Phrase] = []
    for kind, spec in data["kinds"].items():
        for text in spec["phrases"]:
            anchored = text.startswith("^")
            body = text.lstrip("^")
            # Each phrase also in its "đ dropped" spelling, for slugs a CMS mangled.
            for variant in {fold(body), fold(body.replace("d", "đ"), drop_d=True)}:
                if variant:
                    phrases.append(Phrase(kind, tuple(variant.split()), anchored))
    priority = tuple(data.get("priority", list(data["kinds"])))
    ignore = tuple(fold(text) for text in data.get("ignore", {}).get("phrases", []))
    return Lexicon(tuple(phrases), priority, ignore)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return load_lexicon()


def match_label(label: str, lexicon: Lexicon | None = None, *, folded: bool = False) -> LabelMatch | None:
    """The kind a menu label names, or None.

    Coverage is the share of the label's words inside phrases of one kind; ties go to the
    kind listed first in the lexicon's priority (specific kinds before "news").
    """
    if lexicon is None or lexicon is default_lexicon():
        # A portal's menus repeat on every page and across a fleet: the bundled lexicon's answers are kept.
        return _match_default(label, folded)
    return _match(label, lexicon, folded)


@lru_cache(maxsize=16384)
def _match_default(label: str, folded: bool) -> LabelMatch | None:
    return _match(label, default_lexicon(), folded)


_INDEXES: dict[int, tuple[Lexicon, dict[str, list[tuple[int, Phrase]]]]] = {}


def _by_first_word(lex: Lexicon) -> dict[str, list[tuple[int, Phrase]]]:
    """The lexicon's phrases by their first word, with their place in it (the lexicon is kept alive
    beside its index, so its id is never another lexicon's)."""
    entry = _INDEXES.get(id(lex))
    if entry is None or entry[0] is not lex:
        if len(_INDEXES) >= 8:  # a lexicon loaded per call (tests, tools) must not pile up
            _INDEXES.clear()
        index: dict[str, list[tuple[int, Phrase]]] = {}
        for n, phrase in enumerate(lex.phrases):
            if phrase.words:
                index.setdefault(phrase.words[0], []).append((n, phrase))
        entry = _INDEXES[id(lex)] = (lex, index)
    return entry[1]


def _match(label: str, lex: Lexicon, folded: bool) -> LabelMatch | None:
    if not folded and _TITLE_MARK.search(label):
        return None
    text = label if folded else fold(label)
    words = text.split()
    if not words or len(words) > LONG_LABEL_WORDS:
        return None
    if lex.ignore and has_phrase(text, lex.ignore):
        return None
    n = len(words)
    index = _by_first_word(lex)
    # Only the phrases starting with one of the label's words can match (was: every phrase at every
    # place, profiled); hits are then taken in the lexicon's order, as before, for the same ties.
    hits: list[tuple[int, int, Phrase]] = []
    for i, word in enumerate(words):
        for order, phrase in index.get(word, ()):
            size = len(phrase.words)
            if i + size <= n and (i == 0 or not phrase.anchored) and tuple(words[i:i + size]) == phrase.words:
                hits.append((order, i, phrase))
    covered: dict[str, set[int]] = {}
    best_phrase: dict[str, tuple[int, str]] = {}
    for _order, i, phrase in sorted(hits, key=lambda h: (h[0], h[1])):
        size = len(phrase.words)
        covered.setdefault(phrase.kind, set()).update(range(i, i + size))
        if size > best_phrase.get(phrase.kind, (0, ""))[0]:
            best_phrase[phrase.kind] = (size, " ".join(phrase.words))
    if not covered:
        return None
    rank = {k: i for i, k in enumerate(lex.priority)}
    kind = max(covered, key=lambda k: (len(covered[k]), best_phrase[k][0], -rank.get(k, 99)))
    coverage = len(covered[kind]) / n
    if coverage < MIN_COVERAGE or (n > MAX_LABEL_WORDS and coverage < LONG_LABEL_COVERAGE):
        return None
    size, phrase_text = best_phrase[kind]
    return LabelMatch(kind, coverage, phrase_text, size)


def match_url(url: str, lexicon: Lexicon | None = None) -> LabelMatch | None:
    """Match the last meaningful path segment of a URL (or its query's category) as a label."""
    parts = urlsplit(url)
    segments = [s for s in unquote(parts.path).split("/") if s]
    candidates = []
    if segments:
        last = segments[-1]
        generic = ("index.html", "index.htm", "default.aspx", "allitems.aspx", "index.php")
        if last.lower() in generic and len(segments) > 1:
            last = segments[-2]
        candidates.append(slug_words(last))
    for pair in parts.query.split("&"):
        key, _, value = pair.partition("=")
        if value and key.lower() in ("cat", "category", "chuyenmuc", "cm", "op", "catid", "alias"):
            candidates.append(slug_words(unquote(value)))
    best: LabelMatch | None = None
    for words in candidates:
        match = match_label(words, lexicon, folded=True)
        if match and (best is None or match.coverage > best.coverage):
            best = match
    return best


def score(match: LabelMatch, via: str) -> float:
    # Coverage dominates; a longer matched phrase is more specific; the place breaks ties.
    return round(match.coverage + 0.05 * min(match.phrase_words, 5) + VIA_WEIGHT.get(via, 0.0), 4)


def link_via(link: Link, page_role: str) -> str:
    if page_role == "sitemap_page" and link.region not in ("menu", "header", "footer"):
        return "sitemap_page"
    if link.region == "menu":
        return "dropdown" if link.in_submenu else "menu"
    if link.region in ("sidebar", "footer", "header"):
        return link.region
    if link.region == "related":
        return "body"
    return "home" if link.in_heading else "body"


_NOT_SECTIONS = re.compile(r"\.(rss|xml|atom|pdf|docx?|xlsx?|pptx?|zip|rar|jpe?g|png|gif)$|/(feed|rss)/?$", re.I)


def discover(page: ParsedPage, page_role: str, allowed: Iterable[str], lexicon: Lexicon | None = None,
             external_kinds: tuple[str, ...] = ("procedures",)) -> list[SectionCandidate]:
    """Section candidates among a page's links.

    Links to other hosts are kept only for kinds that may legitimately live elsewhere (online
    public services on dichvucong.gov.vn); everything else must be on the portal's own hosts.
    """
    hosts = set(allowed)
    found: dict[tuple[str, str], SectionCandidate] = {}
    for link in page.links():
        if _NOT_SECTIONS.search(urlsplit(link.url).path):
            continue
        on_site = urlsplit(link.url).netloc.lower() in hosts
        via = link_via(link, page_role)
        match = match_label(link.label) if link.label else None
        if match is None and on_site:
            slug_match = match_url(link.url)
            # A generic label ("Xem thêm") on a link whose URL names the section.
            if slug_match is not None and len(fold(link.label).split()) <= 3:
                match, via = slug_match, "slug" if via == "body" else via
        if match is None:
            continue
        if not on_site and match.kind not in external_kinds:
            continue
        cand = SectionCandidate(match.kind, link.label, link.url, via, score(match, via), match.phrase)
        key = (cand.kind, cand.url)
        if key not in found or found[key].score < cand.score:
            found[key] = cand
    return list(found.values())


def discover_urls(urls: Iterable[str], via: str, allowed: Iterable[str],
                  lexicon: Lexicon | None = None) -> list[SectionCandidate]:
    """Candidates from bare URLs (sitemap.xml entries), matched on their slugs."""
    hosts = set(allowed)
    found: dict[tuple[str, str], SectionCandidate] = {}
    for url in urls:
        if len(url) > MAX_URL_CHARS:
            continue
        if split(url) is None or urlsplit(url).netloc.lower() not in hosts or _NOT_SECTIONS.search(urlsplit(url).path):
            continue
        match = match_url(url, lexicon)
        if match is None:
            continue
        cand = SectionCandidate(match.kind, slug_words(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]),
                                url, via, score(match, via), match.phrase)
        found.setdefault((cand.kind, cand.url), cand)
    return list(found.values())


def best_by_kind(candidates: Iterable[SectionCandidate]) -> dict[str, list[SectionCandidate]]:
    """Candidates grouped by kind, best first, one entry per URL."""
    grouped: dict[str, dict[str, SectionCandidate]] = {}
    for cand in candidates:
        per_kind = grouped.setdefault(cand.kind, {})
        key = cand.url.rstrip("/")
        old = per_kind.get(key)
        if old is None:
            per_kind[key] = cand
            continue
        best = cand if cand.score > old.score else old
        # The same URL seen in a menu and in sitemap.xml: keep the best score, but report the
        # place a visitor finds it and the label they read.
        human = min((old, cand), key=lambda c: _VIA_RANK.get(c.via, 9))
        per_kind[key] = SectionCandidate(best.kind, human.label or best.label, best.url, human.via, best.score,
                                         best.matched)
    return {k: sorted(v.values(), key=lambda c: (-c.score, len(c.url))) for k, v in grouped.items()}
