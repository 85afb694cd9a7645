"""Properties of the working-day calendar, checked against the holidays table itself."""

from datetime import date, timedelta

import holidays
from hypothesis import given, settings
from hypothesis import strategies as st

from casereviews.deadlines.calendar import (
    add_working_days,
    is_working_day,
    subtract_working_days,
    working_days_between,
)

FIRST = date(1990, 1, 1)
LAST = date(2079, 12, 31)
# The table built independently of the module under test (its cache, its wrapping).
REFERENCE_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG", years=range(1990, 2082))

dates = st.dates(min_value=FIRST, max_value=LAST)
counts = st.integers(min_value=0, max_value=300)

# No per-example deadline: the first look at a year builds its holiday table.
calendar_settings = settings(deadline=None, max_examples=200)


def reference_is_working_day(d):
    return d.weekday() < 5 and d not in REFERENCE_HOLIDAYS


def reference_add(start, n):
    """Walk forward a day at a time; skip to the first working day, then count n of them."""
    d = start
    while not reference_is_working_day(d):
        d += timedelta(days=1)
    counted = 0
    while counted < n:
        d += timedelta(days=1)
        if reference_is_working_day(d):
            counted += 1
    return d


@calendar_settings
@given(dates)
def test_is_working_day_agrees_with_the_holidays_table(d):
    """A working day is a weekday that the England holidays table does not list."""
    assert is_working_day(d) == reference_is_working_day(d)


@calendar_settings
@given(dates, counts)
def test_adding_working_days_always_lands_on_a_working_day(start, n):
    """Never a weekend or a bank holiday, whatever the start day and n (including 0)."""
    result = add_working_days(start, n)
    assert result.weekday() < 5
    assert result not in REFERENCE_HOLIDAYS


@calendar_settings
@given(dates, counts)
def test_adding_working_days_agrees_with_counting_day_by_day(start, n):
    """The calendar gives the same day as walking the days one by one."""
    assert add_working_days(start, n) == reference_add(start, n)


@calendar_settings
@given(dates, counts, st.integers(min_value=1, max_value=50))
def test_adding_more_working_days_gives_a_strictly_later_day(start, n, more):
    """Monotonic in n: each further working day is a later date."""
    assert add_working_days(start, n + more) > add_working_days(start, n)


@calendar_settings
@given(dates, st.integers(min_value=0, max_value=60), counts)
def test_a_later_start_never_gives_an_earlier_day(start, later_by, n):
    """Monotonic in the start date (equal results happen across weekends and holidays)."""
    later = start + timedelta(days=later_by)
    assert add_working_days(later, n) >= add_working_days(start, n)


@calendar_settings
@given(dates, counts)
def test_working_days_between_inverts_add_working_days(start, n):
    """Counting the working days from start to start + n working days gives n back."""
    assert working_days_between(start, add_working_days(start, n)) == n


@calendar_settings
@given(dates, st.integers(min_value=0, max_value=400))
def test_add_working_days_reaches_the_last_working_day_counted(start, span):
    """between(a, b) working days after a is the last working day on or before b."""
    end = start + timedelta(days=span)
    n = working_days_between(start, end)
    reached = add_working_days(start, n)
    assert reached <= end or n == 0
    assert add_working_days(start, n + 1) > end


@calendar_settings
@given(dates, counts)
def test_subtract_working_days_undoes_add_on_a_working_day(d, n):
    """For a working day d, going back n working days then forward n returns to d."""
    day = add_working_days(d, 0)
    earlier = subtract_working_days(day, n)
    assert is_working_day(earlier)
    assert add_working_days(earlier, n) == day


@calendar_settings
@given(dates, counts)
def test_subtract_working_days_leaves_exactly_n_working_days(d, n):
    """From the answer to d (working day or not) there are exactly n working days."""
    assert working_days_between(subtract_working_days(d, n), d) == n
