"""Text patterns the content rules look for in recorded page text (pure; no network, no clock).

Phrases are *folded* (``nd42.textnorm.fold``: lower case, no diacritics, đ→d, punctuation as
spaces) and matched as whole words with ``nd42.textnorm.has_phrase``.  Regular expressions below
run on the *clean* text (diacritics kept) unless their name says ``FOLDED``.
"""

from __future__ import annotations

import re

# Vietnamese phone numbers as portals print them: "0200 3856 210", "(0261) 3544 567", "0261.3544.567",
# "+84 261 3544 567", "1900 1234"; at least 9 digits in all.
PHONE = re.compile(r"(?<![\d/])(?:\+?84[\s.\-]?|\(?0\d{2,3}\)?[\s.\-]?)\d{3,4}[\s.\-]?\d{3,4}"
                   r"(?:[\s.\-]?\d{1,3})?(?![\d/])")
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
# An official (state) mailbox: anything @….gov.vn.
GOV_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@(?:[A-Za-z0-9\-]+\.)*gov\.vn\b", re.IGNORECASE)
# Số ký hiệu: "12/2026/QĐ-UBND", "2390/SKHCN-VP", "45/KH-SNNMT", "03/CT-UBND".
DOC_NUMBER = re.compile(r"\b\d{1,5}/(?:\d{4}/)?[A-ZĐ][A-ZĐ0-9&]*(?:-[A-ZĐ0-9&]+)*\b")


def digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def phones(text: str) -> list[str]:
    return [m.group(0).strip() for m in PHONE.finditer(text) if digits(m.group(0)) >= 9]
