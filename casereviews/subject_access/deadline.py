"""When a subject access request must be answered.

UK GDPR Article 12(3): the controller answers "without undue delay and in any event
within one month of receipt of the request"; "that period may be extended by two
further months where necessary, taking into account the complexity and number of the
requests", and the person must be told of the extension, with the reasons, within one
month of receipt. The ICO's guidance on time limits counts the month from the day the
request is received to the corresponding calendar date of the next month (the last day
of that month when it has no such date), moved to the next working day when that date
falls on a weekend or a bank holiday.
"""

from __future__ import annotations

import datetime

from casereviews.deadlines.calendar import WorkingCalendar, add_months

ONE_MONTH = 1
# The month, and the two further months of an extension.
EXTENDED_MONTHS = 3
_CALENDAR = WorkingCalendar()


def due_on(received_on: datetime.date, *, extended: bool = False) -> datetime.date:
    day = add_months(received_on, EXTENDED_MONTHS if extended else ONE_MONTH)
    return day if _CALENDAR.is_working_day(day) else _CALENDAR.next_working_day(day)
