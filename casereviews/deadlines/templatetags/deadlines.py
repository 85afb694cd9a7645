"""The case page's deadlines: `{% load deadlines %}{% case_deadlines notification %}`."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import template

from casereviews.deadlines.calendar import LONDON
from casereviews.deadlines.selectors import deadlines_of_case
from casereviews.notifications.models import Notification

register = template.Library()


@register.inclusion_tag("deadlines/includes/case_deadlines.html")
def case_deadlines(notification: Notification) -> dict[str, Any]:
    return {"rows": deadlines_of_case(notification), "show_case": False}


@register.filter
def due_moment(value: datetime) -> str:
    """A due moment in London, GOV.UK style: "end of Monday 16 November 2026" for a
    day-based deadline, "3:30pm on Friday 3 April 2026" for an hour-based one."""
    local = value.astimezone(LONDON)
    day = f"{local:%A} {local.day} {local:%B %Y}"
    if local.time() == time.max:
        return f"end of {day}"
    hour = local.hour % 12 or 12
    minutes = f":{local:%M}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'} on {day}"
