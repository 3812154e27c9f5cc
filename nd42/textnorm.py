"""Text normalisation shared by every layer: matching Vietnamese labels, slugs and phrases."""

from __future__ import annotations

import re
import unicodedata

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_NON_WORD = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def clean(text: str) -> str:
    """NFC, zero-width characters removed, whitespace collapsed: for display and snippets."""
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    return _SPACES.sub(" ", text).strip()


def fold(text: str, drop_d: bool = False) -> str:
    """Matching key: NFC, case-folded, diacritics stripped, đ→d, punctuation and spacing collapsed.

    ``drop_d=True`` folds đ to nothing instead, which is how some CMSs mangle slugs
    ("Hoạt động Đảng - Đoàn thể" → ``hoat-ong-ang-oan-the``).
    """
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH).casefold()
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
