"""Encoding facts of a page: declared charsets, whether the bytes are UTF-8, legacy Vietnamese fonts and
encodings (TCVN3/ABC, VNI, windows-1258), mojibake and Unicode normalisation (TCVN 6909:2001).

Everything here is cheap on purpose: the body bytes are decoded once by C code (``bytes.decode``)
and searched with a few regular expressions; the text patterns run over text the page scan already
collected.  BeautifulSoup's ``UnicodeDammit`` only sees a 4 KB sample, and only when the bytes are
not UTF-8 (the rare case).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

SAMPLES = 5
FONTS_CAP = 10
_DETECT_SAMPLE = 4096
_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([^\s;\"']+)", re.IGNORECASE)
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16le"), (b"\xfe\xff", "utf-16be"))
_NON_ASCII = re.compile(rb"[\x80-\xff]")

# Legacy Vietnamese fonts: text typed in TCVN3 (ABC) or VNI bytes only reads right in these fonts.  Each
# pattern is tried only where its literal prefix occurs (bytes.find), which keeps the search at C speed.
_LEGACY_FONTS = (
    (b".Vn", re.compile(rb"\.Vn[A-Z][A-Za-z0-9]*(?: (?:Schoolbook|Narrow|Bold|Condensed|Black))?")),
    (b"VNI-", re.compile(rb"VNI-[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)*")),
    (b"VPS", re.compile(rb"VPS[ -](?:Times|Arial|Helvetica|Courier|Avant)[A-Za-z-]*")),
)
# A font name is only a font when it sits in a font declaration (style, CSS or <font face>), not in prose.
_FONT_CONTEXT_RE = re.compile(rb"font|face\s*=", re.IGNORECASE)
_WORDISH = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.")
# UTF-8 read as windows-1252 (or latin-1): a lead byte shown as Â..Æ, Ì, á, â followed by continuation
# bytes 0x80-0xBF shown as windows-1252 punctuation or latin-1 C1 controls.
_CONT = "".join(sorted({bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(0x80, 0xC0)}
                       | {chr(b) for b in range(0x80, 0xA0)}))
_CONT_NO_NBSP = _CONT.replace("\xa0", "")
_CONT_CLASS = "[" + re.escape(_CONT) + "]"
_CONT_NO_NBSP_CLASS = "[" + re.escape(_CONT_NO_NBSP) + "]"
# Ã and Ì are Vietnamese letters that may end a word before a no-break space ("XÃ&nbsp;"): not with NBSP.
_UTF8_AS_LATIN1 = (f"[ÂÄÅÆ]{_CONT_CLASS}|[ÃÌ]{_CONT_NO_NBSP_CLASS}|á[º»]{_CONT_CLASS}|â€{_CONT_CLASS}|â‚¬")
# TCVN3 (ABC) read as windows-1252: its vowels live at 0xA1-0xBE, shown as ¡..¾ inside words ("c¸c", "H¹nh",
# "§iÒu"); the symbols TCVN3 leaves unused (¯ ° ± ² ³ ´ º) are left out, « » only count between letters
# (they are quotation marks too), ® and © only before a letter (Windows®, ©2026).
_LETTER = "A-Za-zÀ-ÿ"
_TCVN_MARKS = "¡¢£¤¥¦§¨ª¬\xad¶¸¹¼½¾"
# µ (à) and · (ã) end syllables ("lµ", "x·"): only after a letter, so that "µg" and "· Tin" do not count.
_TCVN3 = (f"[{_LETTER}][{_TCVN_MARKS}µ·]|[{_TCVN_MARKS}®©][{_LETTER}]|[{_LETTER}][«»][{_LETTER}]")
# VNI read as windows-1252: a vowel followed by a VNI tone byte (ø huyền, û hỏi, õ ngã, ä/å/ü hat or breve
# plus tone; ï nặng and ë breve plus nặng only before a Vietnamese final or the word's end, since French and
# German write "naïve", "Noël"), ơ/ư (ô, ö) followed by a tone byte, or ñ (đ) starting a word.
_VNI = ("[aeiouyAEIOUY][øûõäåüØÛÕÄÅÜ]|[aeiouyAEIOUY][ïëÏË](?=[cmnptiouyCMNPTIOUY]|[^A-Za-zÀ-ÿ]|$)"
        "|[ôöÔÖ][ùøûõïÙØÛÕÏ]|(?<![A-Za-zÀ-ÿ])[ñÑ][aeiouyAEIOUYâêôÂÊÔöÖ]")
_MOJIBAKE = re.compile(f"(?P<utf8_as_latin1>{_UTF8_AS_LATIN1})|(?P<tcvn3>{_TCVN3})|(?P<vni>{_VNI})")
_SPACE = re.compile(r"\s")
# windows-1258 writes tones as combining marks after the vowel (0xCC 0xEC 0xD2 0xDE 0xF2).
_CP1258_TONES = re.compile("[aeiouyâêôăơưAEIOUYÂÊÔĂƠƯ][\u0300\u0301\u0303\u0309\u0323]")


def header_charset(content_type: str | None) -> str | None:
    match = _CHARSET_RE.search(content_type or "")
    return match.group(1).strip().lower() if match else None


def meta_charset(charset_attr: str | None, http_equiv_content: str | None) -> str | None:
    """``<meta charset>`` or the charset of ``<meta http-equiv=Content-Type content=...>``."""
    if charset_attr is not None and charset_attr.strip():
        return charset_attr.strip().strip("\"'").lower()
    return header_charset(http_equiv_content)


def bom(body: bytes) -> str | None:
    for mark, name in _BOMS:
        if body.startswith(mark):
            return name
    return None


def decodes_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def detect(body: bytes, is_utf8: bool) -> str | None:
    """The encoding the bytes look like (informational: the rules judge declarations and ``decodes_utf8``)."""
    first = _NON_ASCII.search(body)
    if first is None:
        return "ascii"
    if is_utf8:
        return "utf-8"
    start = max(first.start() - 256, 0)
    sample = body[start: start + _DETECT_SAMPLE]
    if len(_CP1258_TONES.findall(sample.decode("cp1258", "replace"))) >= 3:
        return "windows-1258"
    from bs4.dammit import UnicodeDammit  # imported here: only non-UTF-8 pages need it

    guess = UnicodeDammit(sample, is_html=False).original_encoding
    return str(guess).lower() if guess else None


def legacy_fonts(body: bytes) -> list[str]:
    """Legacy Vietnamese font names used in font declarations of the raw page (styles, CSS, ``<font face>``)."""
    out: list[str] = []
    for prefix, pattern in _LEGACY_FONTS:
        pos = body.find(prefix)
        while pos != -1 and len(out) < FONTS_CAP:
            match = pattern.match(body, pos)
            # Part of a longer token (base64 data, "xVPS") is no font name.
            if match and (pos == 0 or body[pos - 1] not in _WORDISH):
                name = match.group(0).decode("latin-1")
                if name not in out and _FONT_CONTEXT_RE.search(body, max(pos - 200, 0), pos):
                    out.append(name)
            pos = body.find(prefix, pos + 1)
    return out


def mojibake(text: str) -> dict[str, Any]:
    """Words of ``text`` that show TCVN3, VNI or UTF-8 bytes read as windows-1252/latin-1."""
    kinds = {"utf8_as_latin1": 0, "tcvn3": 0, "vni": 0}
    samples: list[str] = []
    last_start = -1
    for match in _MOJIBAKE.finditer(text):
        start, end = _word_span(text, match.start(), match.end())
        if start == last_start:
            continue  # one word, several patterns: counted once
        last_start = start
        kinds[match.lastgroup or "tcvn3"] += 1
        if len(samples) < SAMPLES:
            samples.append(text[start:end][:80])
    return {"count": sum(kinds.values()), "samples": samples, "kinds": kinds}


def _word_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    match = _SPACE.search(text, end)
    return start, match.start() if match else len(text)


def nfc(text: str) -> tuple[bool, list[str]]:
    """Whether ``text`` is NFC, and up to 5 words that are not."""
    if unicodedata.is_normalized("NFC", text):
        return True, []
    samples: list[str] = []
    for word in text.split():
        if not word.isascii() and not unicodedata.is_normalized("NFC", word):
            samples.append(word[:80])
            if len(samples) >= SAMPLES:
                break
    return False, samples


def charset_facts(body: bytes, content_type: str | None, meta: str | None, text: str) -> dict[str, Any]:
    """``tech.charset`` (docs/facts.md): ``text`` is the raw (not normalised) text the page scan read."""
    is_utf8 = decodes_utf8(body)
    normal, non_nfc = nfc(text)
    return {
        "header": header_charset(content_type),
        "meta": meta,
        "bom": bom(body),
        "decodes_utf8": is_utf8,
        "detected": detect(body, is_utf8),
        "replacement_chars": text.count("\ufffd"),
        "legacy_fonts": legacy_fonts(body),
        "mojibake": mojibake(text),
        "nfc": normal,
        "non_nfc_samples": non_nfc,
    }
