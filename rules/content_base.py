"""Shared pieces of the content rules (CT-xxx): word search on recorded text, evidence, the section ladder.

Every content rule follows the same ladder: portal unreachable → ``not_determinable``; the section
it needs does not exist → ``not_applicable`` pointing at the presence rule; the section exists but
could not be fetched → ``not_determinable`` with the section's error class; otherwise a verdict.
A ``fail`` needs strong evidence (the page was read and the item is not on it); where the item may
sit on a page the crawler did not open, the rule says ``warn`` and names what it searched.
Phrases are matched on folded text (no diacritics, lower case) as whole words.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit

from nd42.records import Evidence, Finding, PageFetch, PortalSnapshot, SectionSnapshot, Status
from nd42.textnorm import clean, fold
from rules import facts
from rules.base import KIND_LABELS, ComplianceRule, RuleContext
from rules.presence import PRESENCE_RULE_IDS

SNIPPET_WIDTH = 90
MAX_EVIDENCE = 8

# ---------------------------------------------------------------------------------------------- text search
_WORD = re.compile(r"[^\W_]+")


@dataclasses.dataclass(frozen=True)
class Words:
    """A clean text split into words: each word folded, with its place in the text (for snippets).

    Matching word by word keeps phrase matches on whole words (like ``textnorm.has_phrase``) and
    lets a match be shown in the original text, diacritics and all.
    """

    text: str
    folded: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, text: str) -> Words:
        folded: list[str] = []
        spans: list[tuple[int, int]] = []
        for match in _WORD.finditer(text):
            for part in fold(match.group(0)).split():
                folded.append(part)
                spans.append(match.span())
        return cls(text, tuple(folded), tuple(spans))

    def __len__(self) -> int:
        return len(self.folded)

    def find(self, phrase: str) -> Iterator[int]:
        """Indexes of the words where the folded ``phrase`` starts."""
        target = tuple(phrase.split())
        if not target:
            return
        for i in range(len(self.folded) - len(target) + 1):
            if self.folded[i] == target[0] and self.folded[i:i + len(target)] == target:
                yield i

    def first(self, phrases: Iterable[str]) -> tuple[str, int] | None:
        """The earliest match of any of ``phrases``: (phrase, word index)."""
        best: tuple[str, int] | None = None
        for phrase in phrases:
            at = next(self.find(phrase), None)
            if at is not None and (best is None or at < best[1]):
                best = (phrase, at)
        return best

    def found(self, phrases: Iterable[str]) -> list[str]:
        """The phrases that occur at least once, in the order given."""
        return [p for p in phrases if next(self.find(p), None) is not None]

    def capitalised(self, i: int) -> bool:
        start, _ = self.spans[i]
        return self.text[start].isupper()

    def joined(self, i: int) -> bool:
        """True when word ``i`` follows word ``i - 1`` with only spaces between (no comma, dash…)."""
        return i > 0 and not self.text[self.spans[i - 1][1]:self.spans[i][0]].strip()

    def near(self, start: int, phrases: Iterable[str], span: int) -> str | None:
        """One of ``phrases`` starting within ``span`` words after word ``start``."""
        for phrase in phrases:
            if any(start <= at <= start + span for at in self.find(phrase)):
                return phrase
        return None

    def snippet(self, first: int, last: int | None = None, width: int = SNIPPET_WIDTH) -> str:
        """The text around words ``first``..``last`` (inclusive), cut at word boundaries."""
        last = first if last is None else min(last, len(self.spans) - 1)
        start, end = self.spans[first][0], self.spans[last][1]
        return cut(self.text, start, end, width)


def cut(text: str, start: int, end: int, width: int = SNIPPET_WIDTH) -> str:
    """``text[start:end]`` with up to ``width`` characters of context each side, ellipsised."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    while left > 0 and not text[left - 1].isspace() and left < start:
        left += 1
    while right < len(text) and not text[right].isspace() and right > end:
        right -= 1
    out = text[left:right].strip()
    return ("…" if left > 0 else "") + out + ("…" if right < len(text) else "")


def host_of(url: str | None) -> str:
    """The lower-case host of ``url`` without a leading "www." ("" when none)."""
    if not url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def years_in(words: Words, start: int, span: int) -> set[int]:
    """Four-digit years among the ``span`` words after word ``start``."""
    out = set()
    for word in words.folded[start:start + span + 1]:
        if len(word) == 4 and word.isdigit() and word[:2] in ("19", "20"):
            out.add(int(word))
    return out


def join_vi(parts: Sequence[str]) -> str:
    """"a, b và c"."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " và " + parts[-1]


def join_en(parts: Sequence[str], conjunction: str = "and") -> str:
    """"a, b and c" (or another conjunction)."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" {conjunction} " + parts[-1]


# ---------------------------------------------------------------------------------------------- vocabulary
LEADER_TITLES = ("giam doc", "pho giam doc", "chu tich", "pho chu tich", "truong ban", "pho truong ban",
                 "chanh van phong", "bo truong", "thu truong", "cuc truong", "vu truong", "truong phong", "bi thu")
BIOGRAPHY_MARKERS = ("tieu su", "nam sinh", "ngay sinh", "que quan", "trinh do", "qua trinh cong tac")
PORTFOLIO_MARKERS = ("phu trach", "nhiem vu duoc giao", "linh vuc phu trach", "phan cong", "chiu trach nhiem")
PERSON_PREFIXES = ("ong", "ba", "dong chi")
OFFICIAL_TITLES = (*LEADER_TITLES, "chuyen vien", "chanh thanh tra", "can bo dau moi", "can bo tiep nhan")
PHONE_LABELS = ("thoai", "dt", "tel", "hotline", "dd", "mobile")


# ---------------------------------------------------------------------------------------------- base
def section_evidence(section: SectionSnapshot) -> Evidence:
    return Evidence(url=section.url, locator=f"section via {section.via}", value=section.label)


def page_evidence(page: PageFetch, locator: str, value: str | None = None, snippet: str | None = None) -> Evidence:
    return Evidence(url=page.final_url or page.url, locator=locator, value=value, snippet=snippet)


class ContentRule(ComplianceRule, abstract=True):
    """Shared steps of the content rules: the section ladder and the configured statuses."""

    area = "content"

    def status_of(self, ctx: RuleContext, option: str = "missing_status") -> Status:
        return Status(ctx.options[option])

    def section_absent(self, ctx: RuleContext, kind: str, *others: str) -> Finding:
        """``not_applicable``: the section this rule reads does not exist (its presence rule says so)."""
        kinds = (kind, *others)
        presence = ", ".join(PRESENCE_RULE_IDS.get(k, "SP-???") for k in kinds)
        names_vi = " / ".join(f"\"{KIND_LABELS[k][0]}\"" for k in kinds)
        names_en = " or ".join(KIND_LABELS[k][1] for k in kinds)
        return self.finding(
            ctx, Status.NOT_APPLICABLE,
            f"Không tìm thấy chuyên mục {names_vi}, nên không đánh giá nội dung; xem {presence}.",
            f"No {names_en} section was found, so its content is not assessed; see {presence}.",
            details={"section_found": False, "presence_rule": presence},
        )

    def section_unreachable(self, ctx: RuleContext, section: SectionSnapshot, **details: Any) -> Finding:
        error_class = section.error_class or "unknown"
        return self.finding(
            ctx, Status.NOT_DETERMINABLE,
            f"Không tải được chuyên mục \"{section.label}\" ({error_class}); chưa đánh giá được nội dung.",
            f"The section \"{section.label}\" could not be fetched ({error_class}); its content is not assessed.",
            evidence=[section_evidence(section)], details={"section_state": section.state, **details},
            error_class=error_class,
        )

    def pages_not_read(self, ctx: RuleContext, section: SectionSnapshot) -> Finding:
        return self.finding(
            ctx, Status.NOT_DETERMINABLE,
            f"Có chuyên mục \"{section.label}\" nhưng không có trang nào của nó được đọc; chưa đánh giá được.",
            f"The section \"{section.label}\" exists but none of its pages was read; its content is not assessed.",
            evidence=[section_evidence(section)], details={"section_state": section.state},
            error_class="page_not_read",
        )

    def read_section(self, snapshot: PortalSnapshot, ctx: RuleContext, kind: str
                     ) -> tuple[SectionSnapshot, list[PageFetch]] | Finding:
        """The section of ``kind`` and its read pages, or the finding that ends the rule early.

        The ladder every content rule starts with: portal unreachable, section absent
        (``not_applicable``), section unreachable, or no page of it read (``not_determinable``).
        """
        if not snapshot.reachable():
            return self.unreachable_portal(snapshot, ctx)
        section, pages = read_pages(snapshot, kind)
        if section is None:
            return self.section_absent(ctx, kind)
        if section.state == "unreachable":
            return self.section_unreachable(ctx, section)
        if not pages:
            return self.pages_not_read(ctx, section)
        return section, pages


def has_words(folded: str, phrases: Sequence[str]) -> bool:
    padded = f" {folded} "
    return any(f" {p} " in padded for p in phrases)


def read_pages(snapshot: PortalSnapshot, kind: str) -> tuple[SectionSnapshot | None, list[PageFetch]]:
    """The section of ``kind`` and its fetched pages (none when absent or unreachable)."""
    section = snapshot.sections.get(kind)
    if not facts.usable(section):
        return section, []
    return section, facts.section_pages(snapshot, kind)


def page_words(page: PageFetch) -> Words:
    return Words.of(facts.text(page))


def link_labels(page: PageFetch) -> list[tuple[str, str]]:
    """(label, url) of the main-region links of a page."""
    return [(clean(str(link.get("label") or "")), str(link.get("url") or ""))
            for link in facts.fact_list(page, "links")]


def labels_matching(pages: Sequence[PageFetch], phrases: Sequence[str]) -> list[tuple[PageFetch, str, str, str]]:
    """Main links whose label holds one of ``phrases``: (page, label, url, phrase)."""
    out = []
    for page in pages:
        for label, url in link_labels(page):
            phrase = Words.of(label).first(phrases)
            if phrase is not None:
                out.append((page, label, url, phrase[0]))
    return out
