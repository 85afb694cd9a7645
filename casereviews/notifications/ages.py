"""A child's age at the incident, which the criteria and the form both need."""

from __future__ import annotations

import datetime

ADULT_MESSAGE = (
    "The child was 18 or over at the time of the incident. This form is for children: "
    "for an adult, consider a Safeguarding Adults Review"
)


def age_on(born: datetime.date, on: datetime.date) -> int:
    """Whole years from `born` to `on` (a birthday on 29 February counts from 1 March)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
