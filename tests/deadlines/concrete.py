"""Rules counted from a date set for the case need that date before they can be counted."""

from __future__ import annotations

from datetime import date

from casereviews.deadlines.rules import (
    DeadlineRule,
    Unit,
    action_rule,
    agency_return_before_meeting_rule,
    pre_publication_copy_rule,
)


def concrete(rule: DeadlineRule, day: date) -> DeadlineRule:
    """The rule as a case uses it: with `day` as the review's date or the meeting's."""
    if rule.unit is Unit.SET_DATE:
        return action_rule(day)
    if rule.unit is Unit.WORKING_DAYS_BEFORE_DATE:
        return agency_return_before_meeting_rule(day, rule.amount)
    if rule.unit is Unit.CALENDAR_DAYS_BEFORE_DATE:
        return pre_publication_copy_rule(day, rule.amount)
    return rule
