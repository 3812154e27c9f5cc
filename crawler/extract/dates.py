"""Vietnamese date extraction: the one place where portal text becomes calendar dates.

Every date the crawler reports comes from here, so this module is strict on purpose: a string that
only *looks* like a date ("Số 12/2024/QĐ-UBND", "jQuery 1.12.4", "0261.3822.123", "281/11/2016",
"31/12/9999") must not become one.  A wrong date makes a stale section look fresh, which is worse
than no date.

Two paths:

* The fast path is a handful of precompiled regular expressions for the forms real portals print
  (``dd/mm/yyyy`` with optional time and weekday, ``yyyy-mm-dd[Thh:mm[Z|±hh:mm]]``, "ngày 5 tháng 3
  năm 2024", "Feb 6, 2025", ...).  :func:`find_dates` uses only this path, so it can run over long
  texts.
* :func:`parse_date` reads one short string (a date cell); when the fast path finds nothing it may
  ask ``dateparser`` (languages vi and en), which is about a hundred times slower, and only for
  strings that could hold a full date the regexes do not know (a year, a day number and a month word).

Offsets: all functions first normalise their input with :func:`crawler.extract.text.clean` (NFC,
zero-width characters removed, whitespace collapsed and stripped).  ``DateHit.start``/``end`` index
into ``clean(text)`` and ``DateHit.text == clean(text)[start:end]``; they are *not* offsets into the
raw input.

The clock is always a parameter (:class:`DateBounds`); nothing here reads the real time.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from crawler.extract.text import clean, fold
from nd42.clock import VN_TZ, vn_today

__all__ = [
    "KNOWN_LABELS",
    "NEUTRAL_LABELS",
    "NON_CONTENT_LABELS",
    "PUBLISH_LABELS",
    "DateBounds",
    "DateHit",
    "dateparser_date",
    "find_dates",
    "infer_order",
    "iso_to_vn_date",
    "parse_date",
]

ORDERS = ("DMY", "MDY")
#: Strings longer than this never reach dateparser: a date cell is short, a paragraph is not one.
FALLBACK_MAX_CHARS = 80

# --------------------------------------------------------------------------------------------------
# Labels
# --------------------------------------------------------------------------------------------------

PUBLISH_LABELS: frozenset[str] = frozenset({
    "ngay dang", "dang ngay", "ngay dang tin", "ngay dang bai", "ngay dang tai", "dang tai ngay",
    "thoi gian dang", "dang luc", "dang vao",
    "ngay cap nhat", "cap nhat", "cap nhat luc", "cap nhat ngay", "cap nhat lan cuoi", "thoi gian cap nhat",
    # "Ngày ký" is kept here, not in NON_CONTENT_LABELS: a document's issue date *is* its signing date
    # in Vietnamese administrative practice, so it is read like "Ngày ban hành".  Both are at most the
    # posting date, so they can make a section look older, never fresher, than it is.
    "ngay ban hanh", "ngay xuat ban", "xuat ban ngay", "ngay phat hanh", "ngay ky", "ngay van ban",
    "ngay tao", "ngay gui", "ngay hoi", "ngay tra loi",
    # Bare "Ngày:" is a field label ("Ngày: 12/05/2024", "Hà Nội, ngày 05 tháng 3 năm 2024"); it only
    # counts when it starts its own phrase, see _SEGMENT_ONLY_LABELS.
    "ngay",
    "posted", "posted on", "published", "published on", "updated", "date",
})

NON_CONTENT_LABELS: frozenset[str] = frozenset({
    # Legal effect, not publication: effective dates are often weeks after (or before) posting.
    "ngay co hieu luc", "ngay hieu luc", "hieu luc", "co hieu luc", "hieu luc tu ngay", "co hieu luc tu ngay",
    "ngay het hieu luc", "het hieu luc", "het hieu luc ngay", "ngay het han", "het han", "han",
    # Deadlines (consultations, Q&A answers due): usually in the future and set, not posted.
    "thoi han", "han chot", "han nop", "han gop y", "han xu ly", "han tra loi", "ngay ket thuc",
    # Footer licences ("Giấy phép số 12/GP-STTTT cấp ngày 03/11/2016") and ID-style issue dates.
    "cap ngay", "ngay cap",
    # vbpl.vn's "Ngày xác thực" is a clerical stamp of the database copy, applied in bulk and
    # independently of when the portal posted the document.
    "ngay xac thuc",
    # The Official Gazette's own publication date: someone else's publication, not this portal's.
    "ngay dang cong bao", "dang cong bao",
})

NEUTRAL_LABELS: frozenset[str] = frozenset({
    # Ranges and programme dates: known, so that they are not mistaken for an unlabelled date near
    # a title, yet neither a posting date nor excluded.
    "tu ngay", "den ngay", "ke tu ngay", "truoc ngay", "sau ngay", "ngay bat dau",
})

KNOWN_LABELS: frozenset[str] = PUBLISH_LABELS | NON_CONTENT_LABELS | NEUTRAL_LABELS

# Labels so generic that they only count when they are the whole phrase before the date: "Sáng
# ngày 29/3/2018" and "Kế hoạch số 95/KH-UBND ngày 12/3/2018" are events and references, not fields.
_SEGMENT_ONLY_LABELS = frozenset({"ngay", "han", "date"})
_MAX_LABEL_WORDS = max(len(label.split()) for label in KNOWN_LABELS)
_LABEL_LAST_WORDS = frozenset(label.rsplit(None, 1)[-1] for label in KNOWN_LABELS)
_LABEL_WINDOW = 48

# --------------------------------------------------------------------------------------------------
# Regular expressions
# --------------------------------------------------------------------------------------------------

_DIGIT = re.compile(r"\d")

# "tháng Năm" (May) is left out on purpose: "Báo cáo kết quả 6 tháng năm 2024" is a six-month
# report, not 6 May, and that phrase is far more common on government portals than May in words.
_VN_MONTH_WORDS = {
    "giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12,
}
_EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}


def _alternation(words: Iterable[str]) -> str:
    # Longest first, so that "mười một" wins over "mười" and "september" over "sep".
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_VN_MONTH = _alternation(_VN_MONTH_WORDS)
_EN_MONTH = rf"(?:{_alternation(_EN_MONTHS)})(?![^\W\d_])"

# One pass over the text: the branches are tried in this order at each position.  A leading digit
# or dot before a candidate means it is the tail of a longer number ("281/11/2016", "1.12.4").  The
# first lookahead lists every character a match can start with (digits, initials of English months):
# it lets the engine skip other positions without trying six branches, three times faster on prose.
_DATE_RE = re.compile(
    r"(?=[\dadfjmnosADFJMNOS])(?<![\d.])(?:"
    # ISO 8601, zero-padded, with optional time and zone.
    r"(?P<iso_y>\d{4})-(?P<iso_m>\d{2})-(?P<iso_d>\d{2})"
    r"(?P<iso_t>[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?P<iso_z>Z|[+-]\d{2}(?::?\d{2})?)?)?(?![\d/])"
    # Year first, unpadded or with slashes/dots: 2024/5/12, 2024.05.12, 2024-5-12.
    r"|(?P<ymd_y>\d{4})(?P<ymd_s>[/.\-])(?P<ymd_m>\d{1,2})(?P=ymd_s)(?P<ymd_d>\d{1,2})(?!\d)(?![.\-/]\d)"
    # a/b/yyyy with one separator used twice; "/QĐ-UBND" after it makes it a document number.
    r"|(?P<num_a>\d{1,2})(?P<num_s>[/.\-])(?P<num_b>\d{1,2})(?P=num_s)(?P<num_y>\d{4})"
    r"(?!\d)(?!\.\d)(?!/[^\W\d_])"
    # Vietnamese long form: 5 tháng 3 năm 2024, 06 Tháng 02, 2025, 6 Thg2 2025, 6 tháng Giêng 2025.
    rf"|(?P<vn_d>\d{{1,2}})\s*(?:tháng|thg\.?)\s*(?P<vn_m>\d{{1,2}}|{_VN_MONTH})"
    r"(?:\s*,\s*|\s+năm\s+|\s*[/\-]\s*|\s+)(?P<vn_y>\d{4})(?!\d)"
    # English, day first: 6 Feb 2025, 6th February, 2025, 06-Feb-2025.
    rf"|(?P<end_d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+|\s*-\s*)(?P<end_m>{_EN_MONTH})\.?"
    r"(?:\s*,\s*|\s+|\s*-\s*)(?P<end_y>\d{4})(?!\d)"
    # English, month first: Feb 6, 2025, February 06 2025.
    rf"|(?<![^\W\d_])(?P<enm_m>{_EN_MONTH})\.?\s*(?P<enm_d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)"
    r"(?P<enm_y>\d{4})(?!\d)"
    r")",
    re.IGNORECASE,
)

# "25 04 2019 14:04": only trusted in a short date cell, never in running text ("Tổ 25 04 2019 hộ").
_SPACED_RE = re.compile(r"(?<![\d.])(?P<a>\d{1,2}) (?P<b>\d{1,2}) (?P<y>\d{4})(?!\d)")

# Anything shaped like n/n/n, n.n.n or n-n-n that the fast path did not accept means "a date was
# written here and it is invalid" (31/02/2024, 4/23/2018 under DMY, 281/11/2016): dateparser is then
# not asked, because it is lenient exactly where we want to refuse.
_NUMERIC_TRIPLE = re.compile(r"\d+\s*([/.\-])\s*\d+\s*\1\s*\d+")

_TIME = r"(?P<h>\d{1,2})(?::(?P<mi>\d{1,2})(?::\d{1,2})?|h(?P<mh>\d{2}))(?!\d)"
_AMPM = r"(?:[AP]\.?M\.?|SA|CH)(?![^\W\d_])"
_TIME_AFTER = re.compile(rf"\s*(?:[,|\-–—]\s*|(?:vào\s+)?lúc\s+)?{_TIME}(?:\s*{_AMPM})?", re.IGNORECASE)
_TIME_BEFORE = re.compile(rf"(?<![\d:.]){_TIME}(?:\s*{_AMPM})?\s*(?:[,|\-–—]\s*)?(?:ngày\s+)?$", re.IGNORECASE)
_TIME_BEFORE_WINDOW = 24

# Weekday names and day prefixes between a label and its date: "Ngày đăng: Thứ Hai, 12/05/2024".
_WEEKDAY_TAIL = re.compile(
    r"(?<!\w)(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|t[2-7]|cn|mùng|mồng"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)[\s,.:\-|]*$",
    re.IGNORECASE,
)
_TRAILING_PUNCT = " \t:|,;-–—(["
_LAST_PHRASE = re.compile(r"([^\W_][\w\s]*)$")
_LICENCE_TAIL = re.compile(r"giấy\s+phép\b[^.;]{0,60}\bngày[\s:]*$", re.IGNORECASE)
_LICENCE_WINDOW = 90

# dateparser is only worth asking when a full date could be there: a plausible year, a day-sized
# number and a month word.  Everything else (copyright years, counts, "Sáng 29-3") stops here.
_FALLBACK_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")
_FALLBACK_DAY = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")
_FALLBACK_MONTH = re.compile(rf"th[aá]ng|thg|{_EN_MONTH}", re.IGNORECASE)

_ISO_VALUE = re.compile(
    r"\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?\s*",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------------------------------
# Public types
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateBounds:
    """What counts as a plausible content date for one crawl.

    ``now`` is the crawl start (aware; a naive value is taken as Vietnam time).  Dates before
    ``min_year`` or after Vietnam's today + ``future_days`` are rejected: SharePoint's "31/12/9999",
    announced event dates and typos.  One day of slack absorbs time-zone slips of portals.
    """

    now: dt.datetime
    min_year: int = 1990
    future_days: int = 1

    @functools.cached_property
    def latest(self) -> dt.date:
        """The last acceptable date (Vietnam calendar)."""
        return vn_today(self.now) + dt.timedelta(days=self.future_days)

    def accepts(self, day: dt.date) -> bool:
        """True when ``day`` is inside the bounds."""
        return self.min_year <= day.year and day <= self.latest


@dataclass(frozen=True)
class DateHit:
    """One date found in a text; offsets and ``text`` refer to ``clean(input)``."""

    date: dt.date
    text: str
    start: int
    end: int
    form: str  # numeric | long | iso | english | parser
    order: str | None  # DMY | MDY | YMD for numeric and iso forms
    ambiguous: bool
    label: str | None
    has_time: bool


# --------------------------------------------------------------------------------------------------
# Fast path
# --------------------------------------------------------------------------------------------------


def _check_order(order: str) -> None:
    if order not in ORDERS:
        raise ValueError(f"order must be one of {ORDERS}, not {order!r}")


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _valid_time(m: re.Match[str]) -> bool:
    minute = m.group("mi") if m.group("mi") is not None else m.group("mh")
    # "14:0 PM" is a 24-hour value with a stray PM: still a time, and the date does not depend on it.
    return int(m.group("h")) <= 23 and int(minute) <= 59


def _label_before(text: str, start: int) -> str | None:
    """The known label ending just before ``start`` (weekday names and punctuation skipped)."""
    lo = max(0, start - _LABEL_WINDOW)
    window = text[lo:start].rstrip(_TRAILING_PUNCT)
    if not window:
        return None
    weekday = _WEEKDAY_TAIL.search(window)
    if weekday is not None:
        window = window[: weekday.start()].rstrip(_TRAILING_PUNCT)
    # Only the last phrase counts: a label never spans punctuation ("… (từ ngày 01 đến" ends in "đến").
    phrase = _LAST_PHRASE.search(window)
    if phrase is None:
        return None
    # Folding is the costly step: first check that the last word can end a label at all.
    if fold(phrase.group(1).rsplit(None, 1)[-1]) not in _LABEL_LAST_WORDS:
        return None
    raw_words = phrase.group(1).split()
    words = fold(phrase.group(1)).split()
    if lo > 0 and phrase.start() == 0 and words:
        words, raw_words = words[1:], raw_words[1:]  # the window may have cut the first word in half
    if not words:
        return None
    if words[-1] == "ngay" and _LICENCE_TAIL.search(text, max(0, start - _LICENCE_WINDOW), start):
        # "Giấy phép số 112/GPTTĐT-STTTT, ngày 22/5/2018": a licence date even without "cấp".
        return "cap ngay"
    accented = not phrase.group(1).isascii()
    for n in range(min(_MAX_LABEL_WORDS, len(words)), 0, -1):
        candidate = " ".join(words[-n:])
        if candidate not in KNOWN_LABELS or (n < len(words) and candidate in _SEGMENT_ONLY_LABELS):
            continue
        first = raw_words[-n] if len(raw_words) == len(words) else ""
        if accented and len(first) > 1 and first.isascii() and first.isupper():
            # In accented text an unaccented capitalised word is an abbreviation: "Chỉ thị số
            # 31-CT/TU ngày 09/3/2018" is the Tỉnh ủy (TU), not "từ ngày".
            continue
        return candidate
    return None


def _read(m: re.Match[str], order: str) -> tuple[dt.date | None, str, str | None, bool, bool]:
    """(date, form, order, ambiguous, has_time) of one regex match; date None when impossible."""
    g = m.group
    if g("iso_y") is not None:
        if g("iso_t") is not None:
            return iso_to_vn_date(m.group(0)), "iso", "YMD", False, True
        return _make_date(int(g("iso_y")), int(g("iso_m")), int(g("iso_d"))), "iso", "YMD", False, False
    if g("ymd_y") is not None:
        return _make_date(int(g("ymd_y")), int(g("ymd_m")), int(g("ymd_d"))), "numeric", "YMD", False, False
    if g("num_a") is not None:
        a, b = int(g("num_a")), int(g("num_b"))
        day, month = (a, b) if order == "DMY" else (b, a)
        ambiguous = a <= 12 and b <= 12 and a != b
        return _make_date(int(g("num_y")), month, day), "numeric", order, ambiguous, False
    if g("vn_d") is not None:
        raw = g("vn_m")
        month = int(raw) if raw.isdigit() else _VN_MONTH_WORDS[" ".join(raw.lower().split())]
        return _make_date(int(g("vn_y")), month, int(g("vn_d"))), "long", None, False, False
    if g("end_d") is not None:
        month = _EN_MONTHS[g("end_m").lower()]
        return _make_date(int(g("end_y")), month, int(g("end_d"))), "english", None, False, False
    month = _EN_MONTHS[g("enm_m").lower()]
    return _make_date(int(g("enm_y")), month, int(g("enm_d"))), "english", None, False, False


def _scan(text: str, bounds: DateBounds, order: str) -> tuple[list[DateHit], bool]:
    """Fast-path hits of an already cleaned text, and whether a date-shaped string was rejected."""
    hits: list[DateHit] = []
    rejected = False
    prev_end = 0
    for m in _DATE_RE.finditer(text):
        if m.start() < prev_end:  # inside the time a previous hit was extended over
            continue
        day, form, hit_order, ambiguous, has_time = _read(m, order)
        if day is None or not bounds.accepts(day):
            rejected = True
            continue
        start, end = m.span()
        if not has_time:  # ISO values carry their own time
            after = _TIME_AFTER.match(text, end)
            if after is not None and _valid_time(after):
                end, has_time = after.end(), True
            # A time may also come first ("14:04 25-04-2019"), but never from the previous hit.
            lo = max(prev_end, start - _TIME_BEFORE_WINDOW)
            before = _TIME_BEFORE.search(text[lo:start])
            if before is not None and _valid_time(before):
                start, has_time = lo + before.start(), True
        hits.append(DateHit(day, text[start:end], start, end, form, hit_order, ambiguous,
                            _label_before(text, start), has_time))
        prev_end = end
    return hits, rejected


def find_dates(text: str, bounds: DateBounds, order: str = "DMY") -> list[DateHit]:
    """All valid dates in a (possibly long) text, in order of appearance.  Fast path only.

    ``order`` says how numeric ``a/b/yyyy`` is read: "DMY" (Vietnamese default) or "MDY" (raw
    SharePoint list views).  Year-first forms are always read year-month-day.  Offsets refer to
    ``clean(text)``.  Impossible dates, dates outside ``bounds`` and digits glued to a candidate are
    dropped silently.
    """
    _check_order(order)
    if not _DIGIT.search(text):
        return []
    return _scan(clean(text), bounds, order)[0]


def parse_date(text: str, bounds: DateBounds, order: str = "DMY", *, fallback: bool = True) -> DateHit | None:
    """The date of one short string (a date element or cell), e.g. "Thứ Hai, 12/05/2024 08:30".

    The fast path goes first; among its hits the first one labelled as a publishing date wins,
    else the first hit.  Then, for short strings only (≤ ``FALLBACK_MAX_CHARS``): the spaced form
    "25 04 2019", then dateparser (unless ``fallback`` is False).  Neither is tried when the string
    holds a date-shaped number that the fast path rejected (impossible, out of bounds or in the
    wrong order): that rejection is final.
    """
    _check_order(order)
    if not _DIGIT.search(text):
        return None
    cleaned = clean(text)
    hits, rejected = _scan(cleaned, bounds, order)
    if hits:
        return next((h for h in hits if h.label in PUBLISH_LABELS), hits[0])
    if rejected or len(cleaned) > FALLBACK_MAX_CHARS or _NUMERIC_TRIPLE.search(cleaned):
        return None
    spaced = _SPACED_RE.search(cleaned)
    if spaced is not None:
        return _read_spaced(cleaned, spaced, bounds, order)
    if not fallback:
        return None
    day = _dateparser_day(cleaned, bounds, order)
    if day is None:
        return None
    return DateHit(day, cleaned, 0, len(cleaned), "parser", None, False, None, _has_time(cleaned))


def _read_spaced(text: str, m: re.Match[str], bounds: DateBounds, order: str) -> DateHit | None:
    a, b = int(m.group("a")), int(m.group("b"))
    day, month = (a, b) if order == "DMY" else (b, a)
    date = _make_date(int(m.group("y")), month, day)
    if date is None or not bounds.accepts(date):
        return None
    start, end, has_time = m.start(), m.end(), False
    after = _TIME_AFTER.match(text, end)
    if after is not None and _valid_time(after):
        end, has_time = after.end(), True
    return DateHit(date, text[start:end], start, end, "numeric", order, a <= 12 and b <= 12 and a != b,
                   _label_before(text, start), has_time)


def _has_time(text: str) -> bool:
    return any(_valid_time(m) for m in re.finditer(_TIME, text))


# --------------------------------------------------------------------------------------------------
# dateparser fallback
# --------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _dateparser(order: str, base: dt.datetime) -> Any:
    # Imported lazily: dateparser takes ~0.3 s to import and most crawls never need it.
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["vi", "en"], settings={
        "DATE_ORDER": order,
        # Otherwise the vi locale's own order overrides DATE_ORDER and "4/23/2018" flips.
        "PREFER_LOCALE_DATE_ORDER": False,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RELATIVE_BASE": base,
        "TIMEZONE": "Asia/Ho_Chi_Minh",
        "RETURN_AS_TIMEZONE_AWARE": True,
    })


def _dateparser_day(text: str, bounds: DateBounds, order: str) -> dt.date | None:
    years = {int(y) for y in _FALLBACK_YEAR.findall(text)}
    if not any(bounds.min_year <= y <= bounds.latest.year for y in years):
        return None
    if not _FALLBACK_DAY.search(text) or not _FALLBACK_MONTH.search(text):
        return None
    return dateparser_date(text, bounds, order)


def dateparser_date(text: str, bounds: DateBounds, order: str = "DMY") -> dt.date | None:
    """dateparser alone (vi, en) on one string, as Vietnam-local date within ``bounds``.

    This is the fallback of :func:`parse_date` without the fast path and without its pre-filters;
    benchmarks and consistency tests compare the fast path against it.  dateparser fills missing
    parts from the clock and reads relative phrases ("2 ngày trước"); such readings are refused by
    requiring that the year and the day it returns are written in the text.
    """
    _check_order(order)
    base = bounds.now.astimezone(VN_TZ).replace(tzinfo=None) if bounds.now.tzinfo else bounds.now
    try:
        found: dt.datetime | None = _dateparser(order, base).get_date_data(text).date_obj
    except (ValueError, OverflowError):
        return None
    if found is None:
        return None
    day = found.astimezone(VN_TZ).date() if found.tzinfo is not None else found.date()
    numbers = {int(n) for n in re.findall(r"\d+", text)}
    # "06 Thg2 2025" comes back as 2026-05-01: a year or day that is not in the text is invented.
    if found.year not in numbers or found.day not in numbers or not bounds.accepts(day):
        return None
    return day


# --------------------------------------------------------------------------------------------------
# Order inference and ISO values
# --------------------------------------------------------------------------------------------------

_ORDER_RE = re.compile(r"(?<![\d.])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?!\d)")


def infer_order(texts: Iterable[str]) -> str | None:
    """Decide DMY vs MDY for numeric dates that belong together (one listing).

    "DMY" if some ``a/b/yyyy`` has a > 12 and none has b > 12; "MDY" if some has b > 12 and none
    a > 12; None when nothing decides (all ≤ 12, or contradictory).  Candidates with both parts > 12
    are noise and do not vote.
    """
    day_first = month_first = False
    for text in texts:
        if not _DIGIT.search(text):
            continue
        for m in _ORDER_RE.finditer(text):
            a, b = int(m.group(1)), int(m.group(3))
            if a > 31 or b > 31 or (a > 12 and b > 12):
                continue
            day_first |= a > 12
            month_first |= b > 12
        if day_first and month_first:
            return None
    if day_first:
        return "DMY"
    if month_first:
        return "MDY"
    return None


def iso_to_vn_date(value: str) -> dt.date | None:
    """ISO 8601 date or date-time → Vietnam-local calendar date; None when ``value`` is not one.

    With "Z" or an offset the instant is converted to Asia/Ho_Chi_Minh before the date is taken
    ("2019-06-11T18:00:00Z" → 2019-06-12); a naive value is already local.  Only the extended form
    (with dashes) is accepted, so ids like "20190612" are not dates.
    """
    m = _ISO_VALUE.fullmatch(value)
    if m is None:
        return None
    day, clock, zone = m.groups()
    try:
        if clock is None:
            return dt.date.fromisoformat(day)
        moment = dt.datetime.fromisoformat(f"{day}T{clock.replace(',', '.')}{(zone or '').upper()}")
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(VN_TZ).date()
