"""Vietnamese working days: weekends and public holidays excluded (pure; no clock, no network).

Public holidays, Tết included, come from the maintained ``holidays`` library
(``holidays.country_holidays("VN")``), which also knows the government's substituted days: a
weekday given as a day off (31/08/2026, in exchange for Saturday 22/08/2026) is a holiday, and the
Saturday worked instead is a working day.  Holiday sets are computed once per year and cached.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

import holidays

SATURDAY = 5


@dataclasses.dataclass(frozen=True)
class YearCalendar:
    """One year's public holidays (date → Vietnamese name) and the weekend days worked instead."""

    year: int
    holidays: dict[dt.date, str]
    weekend_workdays: frozenset[dt.date]


@functools.lru_cache(maxsize=32)
def year_calendar(year: int) -> YearCalendar:
    table = holidays.country_holidays("VN", years=year, language="vi")
    days = {day: str(name) for day, name in table.items() if day.year == year}
    worked = frozenset(d for d in getattr(table, "weekend_workdays", ()) if d.year == year)
    return YearCalendar(year, days, worked)


def holiday_name(day: dt.date) -> str | None:
    """The public holiday on ``day`` (Vietnamese name), or None."""
    return year_calendar(day.year).holidays.get(day)


def is_working_day(day: dt.date) -> bool:
    """Monday–Friday and not a public holiday, or a weekend day the government made a working day."""
    calendar = year_calendar(day.year)
    if day.weekday() >= SATURDAY:
        return day in calendar.weekend_workdays
    return day not in calendar.holidays


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end == start``).

    This is how a deadline "within N working days of the issue date" is counted: a document issued
    on a Friday and posted on the next Monday took 1 working day.  ``end`` before ``start`` is an
    error (the caller decides what inconsistent dates mean).
    """
    if end < start:
        raise ValueError(f"end {end.isoformat()} is before start {start.isoformat()}")
    count = 0
    day = start + dt.timedelta(days=1)
    while day <= end:
        count += is_working_day(day)
        day += dt.timedelta(days=1)
    return count


def holidays_between(start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    """The public holidays after ``start`` up to and including ``end``, in date order."""
    out = []
    for year in range(start.year, end.year + 1):
        out += [(d, n) for d, n in year_calendar(year).holidays.items() if start < d <= end]
    return sorted(out)
