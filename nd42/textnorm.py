"""Text normalisation shared by every layer: matching Vietnamese labels, slugs and phrases."""

from __future__ import annotations

import re
import unicodedata

_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ZERO_WIDTH = dict.fromkeys(map(ord, _ZERO_WIDTH_CHARS), None)
_NON_WORD = re.compile(r"[^0-9a-z]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _visible(text: str) -> str:
    # str.translate with a dict goes character by character in Python objects: ~20 x slower than these
    # six searches, and real text seldom has any (profiled: clean was 13 % of a bench night).
    return text.translate(_ZERO_WIDTH) if any(c in text for c in _ZERO_WIDTH_CHARS) else text


def clean(text: str) -> str:
    """NFC, zero-width characters removed, whitespace collapsed: for display and snippets."""
    # split() and strip() break on exactly the characters ``\s`` matches (Unicode whitespace), faster.
    return " ".join(_visible(unicodedata.normalize("NFC", text)).split())


def fold(text: str, drop_d: bool = False) -> str:
    """Matching key: NFC, case-folded, diacritics stripped, đ→d, punctuation and spacing collapsed.

    ``drop_d=True`` folds đ to nothing instead, which is how some CMSs mangle slugs
    ("Hoạt động Đảng - Đoàn thể" → ``hoat-ong-ang-oan-the``).
    """
    text = _visible(unicodedata.normalize("NFC", text)).casefold()
    text = text.replace("đ", "" if drop_d else "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", text).strip()


def slug_words(path_segment: str) -> str:
    """A URL path segment as a folded phrase: ``/hoat-dong-dang_doan-the.aspx`` → ``hoat dong dang doan the``."""
    segment = re.sub(r"\.(aspx?|html?|php|jsp)$", "", path_segment, flags=re.IGNORECASE)
    # SharePoint list names are CamelCase: ChiDaoDieuHanh → Chi Dao Dieu Hanh.
    segment = _CAMEL.sub(" ", segment)
    return fold(segment)


def has_phrase(folded: str, phrases: tuple[str, ...] | list[str]) -> str | None:
    """The first of ``phrases`` (already folded) found as whole words in ``folded`` text, or None."""
    padded = f" {folded} "
    for phrase in phrases:
        if f" {phrase} " in padded:
            return phrase
    return None
