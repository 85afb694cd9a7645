"""Working days in England and Wales.

A working day is a Monday to Friday that is not an England and Wales bank holiday. The bank
holidays come from the ``holidays`` package (``country_holidays("GB", subdiv="ENG")``), which
includes the substitute days and the one-off ones (the Platinum Jubilee on 3 June 2022, the
State Funeral of Queen Elizabeth II on 19 September 2022, the Coronation on 8 May 2023). Wales
(``subdiv="WLS"``) has exactly the same bank holidays; Scotland and Northern Ireland differ.

Counting convention (the same one for every function here):

* The start day is day 0 and ``add_working_days(start, n)`` is the n-th working day *after* it:
  Monday + 1 is Tuesday, Friday + 1 is the next Monday.
* A start day that is not a working day is treated as if the event had happened on the next
  working day: Saturday + 1 is Tuesday (day 0 is Monday), exactly as Monday + 1. So an agency
  asked on a Saturday gets the same due date as one asked on the Monday, and never less time
  than one asked on the Friday. ``add_working_days(d, 0)`` is therefore ``d`` itself when ``d``
  is a working day and the next working day otherwise; the answer is always a working day.
* ``working_days_between(a, b)`` counts the working days after day 0 up to and including ``b``,
  so ``working_days_between(a, add_working_days(a, n)) == n`` for every ``a`` and ``n``.
* ``subtract_working_days(d, n)`` counts backwards: day 0 is ``d`` if it is a working day and
  otherwise the working day before it, and the answer is the n-th working day before that. It
  is the latest working day ``x`` with ``working_days_between(x, d) == n``.

Dates are dates in England: ``london_date`` turns a moment into its Europe/London date, and
``end_of_day`` gives the last microsecond of a London date (when a day-based deadline falls).

No Django import: this module is plain Python so it can be tested and reasoned about alone.
"""

from __future__ import annotations

import functools
from calendar import monthrange
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays

__all__ = [
    "ENGLAND_AND_WALES",
    "LONDON",
    "WorkingCalendar",
    "add_months",
    "add_working_days",
    "bank_holidays",
    "end_of_day",
    "england_and_wales_bank_holidays",
    "is_bank_holiday",
    "is_working_day",
    "london_date",
    "next_working_day",
    "previous_working_day",
    "start_of_day",
    "subtract_working_days",
    "working_days_between",
]

LONDON = ZoneInfo("Europe/London")
_ONE_DAY = timedelta(days=1)
_SATURDAY = 5

# England's table; Wales's is identical (checked in the tests), so "ENG" stands for both.
_COUNTRY = "GB"
_SUBDIVISION = "ENG"
_FIRST_YEAR: int = holidays.country_holidays(_COUNTRY, subdiv=_SUBDIVISION).start_year
_LAST_YEAR: int = holidays.country_holidays(_COUNTRY, subdiv=_SUBDIVISION).end_year


def london_date(moment: datetime) -> date:
    """The date in England at ``moment``, which must be timezone-aware."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"A moment must be timezone-aware, not {moment!r}.")
    return moment.astimezone(LONDON).date()


def end_of_day(day: date) -> datetime:
    """The last microsecond of ``day`` in London, in UTC (23:59:59.999999 GMT or BST)."""
    return datetime.combine(day, time.max, tzinfo=LONDON).astimezone(UTC)


def start_of_day(day: date) -> datetime:
    """Midnight at the start of ``day`` in London, in UTC."""
    return datetime.combine(day, time.min, tzinfo=LONDON).astimezone(UTC)


def add_months(day: date, months: int) -> date:
    """The same day-number ``months`` later, or the last day of a shorter month.

    31 January + 1 month is 28 February, or 29 February in a leap year.
    """
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


@functools.cache
def england_and_wales_bank_holidays(year: int) -> Mapping[date, str]:
    """Return the England and Wales bank holidays of ``year``, by date, with their names.

    Cached per year. Includes the dates a holiday nominally falls on at a weekend (Christmas
    Day on a Saturday) as well as its substitute day; the weekend dates are not working days
    anyway. Raises ``ValueError`` for a year the ``holidays`` package has no table for, rather
    than silently treating every day of it as a working day.
    """
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        raise ValueError(
            f"No bank holiday table for {year}: supported years are {_FIRST_YEAR}-{_LAST_YEAR}."
        )
    table = holidays.country_holidays(_COUNTRY, subdiv=_SUBDIVISION, years=year)
    return MappingProxyType({day: str(name) for day, name in sorted(table.items())})


class WorkingCalendar:
    """Working days: Monday to Friday, less the days ``holidays_for_year`` names.

    ``holidays_for_year`` maps a year to its non-working weekdays (the bank holidays); it
    should be cached, as it is asked once per date looked at. The default is England and
    Wales; a test or a board with extra closure days can pass its own.
    """

    def __init__(
        self,
        holidays_for_year: Callable[[int], Mapping[date, str]] = england_and_wales_bank_holidays,
    ) -> None:
        self._holidays_for_year = holidays_for_year

    def bank_holidays(self, year: int) -> Mapping[date, str]:
        """The bank holidays of ``year``, by date, with their names."""
        return self._holidays_for_year(year)

    def is_bank_holiday(self, d: date) -> bool:
        return d in self._holidays_for_year(d.year)

    def is_working_day(self, d: date) -> bool:
        return d.weekday() < _SATURDAY and not self.is_bank_holiday(d)

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        d += _ONE_DAY
        while not self.is_working_day(d):
            d += _ONE_DAY
        return d

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d``."""
        d -= _ONE_DAY
        while not self.is_working_day(d):
            d -= _ONE_DAY
        return d

    def day_zero(self, d: date) -> date:
        """The day counting starts from: ``d`` if a working day, else the next working day."""
        return d if self.is_working_day(d) else self.next_working_day(d)

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (day 0); see the module docstring.

        Friday + 1 is Monday; Saturday + 1 is Tuesday; any day + 0 is its day 0.
        """
        if n < 0:
            raise ValueError(f"n must be 0 or more, not {n}; use subtract_working_days.")
        d = self.day_zero(start)
        for _ in range(n):
            d = self.next_working_day(d)
        return d

    def subtract_working_days(self, end: date, n: int) -> date:
        """The n-th working day before ``end`` (day 0, or the working day before it)."""
        if n < 0:
            raise ValueError(f"n must be 0 or more, not {n}; use add_working_days.")
        d = end if self.is_working_day(end) else self.previous_working_day(end)
        for _ in range(n):
            d = self.previous_working_day(d)
        return d

    def working_days_between(self, a: date, b: date) -> int:
        """How many working days after ``a``'s day 0 fall on or before ``b``.

        Monday to the next Monday is 5; Friday to Monday is 1; Saturday to Monday is 0. The
        inverse of ``add_working_days``: ``working_days_between(a, add_working_days(a, n))``
        is ``n``. ``b`` before ``a`` is refused rather than given a sign, because "how many
        working days late" and "how many left" read better with the dates in order.
        """
        if b < a:
            raise ValueError(f"{b} is before {a}; pass the earlier date first.")
        count = 0
        d = self.day_zero(a) + _ONE_DAY
        while d <= b:
            if self.is_working_day(d):
                count += 1
            d += _ONE_DAY
        return count


ENGLAND_AND_WALES = WorkingCalendar()

# The England and Wales calendar as plain functions, which is what the rules use.
bank_holidays = ENGLAND_AND_WALES.bank_holidays
is_bank_holiday = ENGLAND_AND_WALES.is_bank_holiday
is_working_day = ENGLAND_AND_WALES.is_working_day
next_working_day = ENGLAND_AND_WALES.next_working_day
previous_working_day = ENGLAND_AND_WALES.previous_working_day
add_working_days = ENGLAND_AND_WALES.add_working_days
subtract_working_days = ENGLAND_AND_WALES.subtract_working_days
working_days_between = ENGLAND_AND_WALES.working_days_between
