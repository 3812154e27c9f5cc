"""Vietnamese working days (rules/calendar.py): weekends, Tết, 30/4–1/5, 2/9, substituted days."""

from __future__ import annotations

import datetime as dt

import pytest

from rules import calendar
from rules.calendar import holiday_name, holidays_between, is_working_day, working_days_between

D = dt.date


def test_weekends_are_not_working_days() -> None:
    assert is_working_day(D(2026, 9, 18))  # Friday
    assert not is_working_day(D(2026, 9, 19))  # Saturday
    assert not is_working_day(D(2026, 9, 20))  # Sunday
    assert is_working_day(D(2026, 9, 21))  # Monday


@pytest.mark.parametrize("day", [D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19), D(2026, 2, 20)])
def test_tet_2026_is_16_to_20_february(day: dt.date) -> None:
    assert not is_working_day(day)
    assert holiday_name(day)


def test_around_tet_2026() -> None:
    assert is_working_day(D(2026, 2, 13))  # the Friday before
    assert is_working_day(D(2026, 2, 23))  # the Monday after
    # Issued on the Friday before Tết, posted on the Monday after: nine calendar days, one working day.
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1
    assert [d for d, _ in holidays_between(D(2026, 2, 13), D(2026, 2, 23))] == [
        D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19), D(2026, 2, 20)]


def test_reunification_and_labour_day() -> None:
    assert not is_working_day(D(2026, 4, 30))  # Thursday
    assert not is_working_day(D(2026, 5, 1))  # Friday
    assert working_days_between(D(2026, 4, 29), D(2026, 5, 4)) == 1  # Wed → next Mon


def test_national_day_and_the_substituted_day_off() -> None:
    assert not is_working_day(D(2026, 9, 2))
    assert not is_working_day(D(2026, 9, 1))
    # 31/08/2026 (Monday) was given as a day off in exchange for working Saturday 22/08/2026.
    assert not is_working_day(D(2026, 8, 31))
    assert is_working_day(D(2026, 8, 22))
    assert working_days_between(D(2026, 8, 28), D(2026, 9, 3)) == 1  # Fri → Thu: only 3/9 counts
    assert working_days_between(D(2026, 8, 21), D(2026, 8, 24)) == 2  # the worked Saturday counts


def test_substituted_day_2025() -> None:
    assert not is_working_day(D(2025, 5, 2))  # Friday off, in exchange for Saturday 26/04/2025
    assert is_working_day(D(2025, 4, 26))


def test_hung_kings_observed_on_monday() -> None:
    assert not is_working_day(D(2026, 4, 27))  # 10/3 lunar fell on Sunday 26/04/2026


def test_range_across_new_year() -> None:
    # Wed 30/12/2026 → Mon 04/01/2027: 31/12 counts, 1/1/2027 (Fri) is New Year, then a weekend.
    assert working_days_between(D(2026, 12, 30), D(2027, 1, 4)) == 2
    assert [d for d, _ in holidays_between(D(2026, 12, 30), D(2027, 1, 4))] == [D(2027, 1, 1)]


def test_same_day_and_reversed_ranges() -> None:
    assert working_days_between(D(2026, 9, 15), D(2026, 9, 15)) == 0
    assert working_days_between(D(2026, 9, 18), D(2026, 9, 20)) == 0  # posted over the weekend
    with pytest.raises(ValueError, match="before"):
        working_days_between(D(2026, 9, 15), D(2026, 9, 14))


def test_holiday_sets_are_cached_per_year() -> None:
    calendar.year_calendar.cache_clear()
    working_days_between(D(2026, 1, 1), D(2026, 12, 31))
    info = calendar.year_calendar.cache_info()
    assert info.misses == 1 and info.hits > 300
