"""Worked examples of the England and Wales working-day calendar."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest

from casereviews.deadlines.calendar import (
    WorkingCalendar,
    add_months,
    add_working_days,
    bank_holidays,
    end_of_day,
    england_and_wales_bank_holidays,
    is_bank_holiday,
    is_working_day,
    london_date,
    next_working_day,
    previous_working_day,
    start_of_day,
    subtract_working_days,
    working_days_between,
)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2022, 6, 3), "Platinum Jubilee of Elizabeth II"),
        (date(2022, 9, 19), "State Funeral of Queen Elizabeth II"),
        (date(2023, 5, 8), "Coronation of Charles III"),
        (date(2026, 4, 3), "Good Friday"),
        (date(2026, 4, 6), "Easter Monday"),
        (date(2026, 5, 4), "May Day"),
        (date(2026, 12, 28), "Boxing Day (observed)"),
        (date(2020, 5, 8), "May Day"),
        (date(2011, 4, 29), "Wedding of William and Catherine"),
        (date(1999, 12, 31), "Millennium Celebrations"),
    ],
)
def test_one_off_moved_and_substitute_bank_holidays_are_not_working_days(day, name):
    """One-off bank holidays, moved ones and substitute days are all non-working days."""
    assert is_bank_holiday(day)
    assert not is_working_day(day)
    assert bank_holidays(day.year)[day] == name


def test_the_moved_may_day_of_2020_is_a_working_day_on_its_usual_monday():
    """In 2020 the early May bank holiday moved to Friday 8 May, so Monday 4 May was worked."""
    assert is_working_day(date(2020, 5, 4))


def test_christmas_2026_has_its_substitute_on_monday_28_december():
    """Christmas Day 2026 is a Friday and Boxing Day a Saturday, so Monday 28th is the holiday."""
    assert not is_working_day(date(2026, 12, 25))
    assert not is_working_day(date(2026, 12, 28))
    assert is_working_day(date(2026, 12, 29))
    assert next_working_day(date(2026, 12, 24)) == date(2026, 12, 29)


def test_the_2026_england_and_wales_table_is_exactly_the_published_bank_holidays():
    """2026 working-day exclusions on weekdays are the eight gov.uk bank holidays."""
    weekdays_off = sorted(d for d in bank_holidays(2026) if d.weekday() < 5)
    assert weekdays_off == [
        date(2026, 1, 1),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 5, 4),
        date(2026, 5, 25),
        date(2026, 8, 31),
        date(2026, 12, 25),
        date(2026, 12, 28),
    ]


def test_wales_has_the_same_bank_holidays_as_england_and_scotland_does_not():
    """'ENG' stands for England and Wales only because the two tables are identical."""
    years = range(1980, 2061)
    england = holidays.country_holidays("GB", subdiv="ENG", years=years)
    wales = holidays.country_holidays("GB", subdiv="WLS", years=years)
    scotland = holidays.country_holidays("GB", subdiv="SCT", years=years)
    assert set(england) == set(wales)
    assert set(england) != set(scotland)
    assert not is_bank_holiday(date(2026, 1, 2))  # 2 January is a Scottish holiday only


def test_the_holiday_table_is_cached_per_year():
    """Each year's holidays are computed once."""
    assert england_and_wales_bank_holidays(2026) is england_and_wales_bank_holidays(2026)


def test_a_year_without_a_holiday_table_is_refused_not_assumed_all_working():
    """Beyond the holidays package's range we refuse rather than miss a bank holiday."""
    with pytest.raises(ValueError, match="2101"):
        is_working_day(date(2101, 1, 3))


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 11, 2), 0, date(2026, 11, 2)),  # Monday + 0: the start day itself
        (date(2026, 11, 2), 1, date(2026, 11, 3)),  # Monday + 1: Tuesday
        (date(2026, 11, 6), 1, date(2026, 11, 9)),  # Friday + 1: Monday
        (date(2026, 11, 7), 0, date(2026, 11, 9)),  # Saturday + 0: day 0 is Monday
        (date(2026, 11, 7), 1, date(2026, 11, 10)),  # Saturday + 1: Tuesday, as Monday + 1
        (date(2026, 11, 8), 1, date(2026, 11, 10)),  # Sunday + 1: Tuesday
        (date(2026, 11, 2), 10, date(2026, 11, 16)),  # Monday + 10: Monday fortnight
        (date(2026, 4, 2), 1, date(2026, 4, 7)),  # Thursday before Easter + 1: Tuesday
        (date(2026, 4, 3), 0, date(2026, 4, 7)),  # Good Friday: day 0 is Tuesday after Easter
        (date(2026, 4, 30), 1, date(2026, 5, 1)),
        (date(2026, 5, 1), 1, date(2026, 5, 5)),  # Friday + 1 over the early May bank holiday
        (date(2026, 12, 24), 1, date(2026, 12, 29)),  # Christmas Eve + 1: Tuesday 29th
        (date(2022, 9, 16), 1, date(2022, 9, 20)),  # over the State Funeral
        (date(2023, 5, 5), 1, date(2023, 5, 9)),  # over the Coronation
    ],
)
def test_add_working_days_counts_the_start_as_day_zero(start, n, expected):
    """The start day is day 0; a non-working start counts from the next working day."""
    assert add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (date(2026, 11, 2), date(2026, 11, 2), 0),
        (date(2026, 11, 2), date(2026, 11, 16), 10),
        (date(2026, 11, 6), date(2026, 11, 9), 1),  # Friday to Monday
        (date(2026, 11, 7), date(2026, 11, 9), 0),  # Saturday to Monday: Monday is day 0
        (date(2026, 11, 7), date(2026, 11, 8), 0),
        (date(2026, 4, 2), date(2026, 4, 7), 1),  # over Easter
    ],
)
def test_working_days_between_counts_days_after_day_zero(a, b, expected):
    """Working days after a's day 0, up to and including b."""
    assert working_days_between(a, b) == expected


def test_working_days_between_refuses_dates_out_of_order():
    """A later first date is a mistake, not a negative count."""
    with pytest.raises(ValueError, match="before"):
        working_days_between(date(2026, 11, 3), date(2026, 11, 2))


@pytest.mark.parametrize(
    ("end", "n", "expected"),
    [
        (date(2026, 11, 16), 10, date(2026, 11, 2)),
        (date(2026, 11, 16), 0, date(2026, 11, 16)),
        (date(2026, 11, 14), 0, date(2026, 11, 13)),  # Saturday: day 0 is the Friday before
        (date(2026, 11, 14), 5, date(2026, 11, 6)),
        (date(2026, 4, 7), 1, date(2026, 4, 2)),  # back over Easter
    ],
)
def test_subtract_working_days_counts_back_from_the_last_working_day(end, n, expected):
    """Counting back, day 0 is the end day, or the working day before it if it is not one."""
    assert subtract_working_days(end, n) == expected


def test_negative_counts_are_refused():
    """add and subtract take n >= 0; the direction is in the name."""
    with pytest.raises(ValueError, match="0 or more"):
        add_working_days(date(2026, 11, 2), -1)
    with pytest.raises(ValueError, match="0 or more"):
        subtract_working_days(date(2026, 11, 2), -1)


def test_next_and_previous_working_day_are_strictly_after_and_before():
    """next/previous never return the day given, even when it is a working day."""
    assert next_working_day(date(2026, 11, 2)) == date(2026, 11, 3)
    assert previous_working_day(date(2026, 4, 7)) == date(2026, 4, 2)


def test_a_calendar_can_be_given_other_closure_days():
    """A WorkingCalendar takes its holidays from the function it is given."""
    closed = date(2026, 11, 3)
    calendar = WorkingCalendar(lambda year: {closed: "Office move"} if year == 2026 else {})
    assert not calendar.is_working_day(closed)
    assert calendar.add_working_days(date(2026, 11, 2), 1) == date(2026, 11, 4)


# -- dates in England -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 1, 15), 1, date(2026, 2, 15)),
        (date(2026, 12, 31), 1, date(2027, 1, 31)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 7, 15), 6, date(2027, 1, 15)),
        (date(2026, 5, 1), 0, date(2026, 5, 1)),
    ],
)
def test_add_months_keeps_the_day_number_or_clamps_to_the_month_end(day, months, expected):
    """A calendar month later is the same day-number, or the last day of a shorter month."""
    assert add_months(day, months) == expected


def test_end_and_start_of_day_follow_the_london_clock():
    """The end of a London day is 23:59:59.999999 GMT in winter and BST in summer."""
    assert end_of_day(date(2026, 1, 5)) == datetime(2026, 1, 5, 23, 59, 59, 999999, tzinfo=UTC)
    assert end_of_day(date(2026, 7, 5)) == datetime(2026, 7, 5, 22, 59, 59, 999999, tzinfo=UTC)
    # The days the clocks change are 23 and 25 hours long.
    tick = timedelta(microseconds=1)
    spring, autumn = date(2026, 3, 29), date(2026, 10, 25)
    assert end_of_day(spring) - start_of_day(spring) == timedelta(hours=23) - tick
    assert end_of_day(autumn) - start_of_day(autumn) == timedelta(hours=25) - tick
    assert start_of_day(date(2026, 10, 25)) == datetime(2026, 10, 24, 23, 0, tzinfo=UTC)
    assert end_of_day(date(2026, 10, 25)) == datetime(2026, 10, 25, 23, 59, 59, 999999, tzinfo=UTC)


def test_london_date_is_the_date_in_england():
    """23:30 UTC on 31 March 2026 is already 1 April in London (BST)."""
    assert london_date(datetime(2026, 3, 31, 23, 30, tzinfo=UTC)) == date(2026, 4, 1)
    assert london_date(datetime(2026, 1, 31, 23, 30, tzinfo=UTC)) == date(2026, 1, 31)
    new_york = datetime(2026, 1, 31, 20, 0, tzinfo=ZoneInfo("America/New_York"))
    assert london_date(new_york) == date(2026, 2, 1)


def test_london_date_refuses_a_naive_datetime():
    """A naive datetime has no place in England's calendar until its zone is known."""
    with pytest.raises(ValueError, match="timezone-aware"):
        london_date(datetime(2026, 1, 1, 12))
