"""One rule for the date of a step: not in the future, and not before what it follows
(the incident, the decision, the request). Forms use `PastDateField` (or the
`not_in_future` validator on a field of their own); services, which must refuse the same
day whatever sent it, use `date_refusal`."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from casereviews.frontend.forms import DateField

PAST_OR_TODAY = "The date must be today or in the past"


def date_refusal(
    day: datetime.date,
    *,
    in_future: str = PAST_OR_TODAY,
    not_before: datetime.date | None = None,
    too_early: str = "",
) -> str:
    """Why `day` cannot be the date of a step ("" if it can): after today, or before
    `not_before` (the day of what it follows)."""
    if day > timezone.localdate():
        return in_future
    if not_before is not None and day < not_before:
        return too_early or f"The date must be on or after {not_before.day} {not_before:%B %Y}"
    return ""


def not_in_future(value: datetime.date | None) -> None:
    """A form validator: the date is today or in the past."""
    if value is not None and value > timezone.localdate():
        raise ValidationError(PAST_OR_TODAY)


class PastDateField(DateField):
    """A date, not in the future; not before what it follows as every `DateField` is,
    through the anchor its page sets (`StepPage.date_anchors`)."""

    def __init__(self, *, in_future: str = PAST_OR_TODAY, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.in_future = in_future

    def validate(self, value: Any) -> None:
        super().validate(value)
        if isinstance(value, datetime.date):
            refusal = date_refusal(value, in_future=self.in_future)
            if refusal:
                raise ValidationError(refusal, code="date_not_possible")
