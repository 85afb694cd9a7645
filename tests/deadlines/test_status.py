"""On track, due soon and overdue at their boundaries, and the reminder steps that match them."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from casereviews.deadlines.rules import (
    RULES,
    DeadlineStatus,
    Recipient,
    ReminderCode,
    deadline_status,
    get_rule,
    moment_relative_to,
    reminder_steps,
)
from tests.deadlines.concrete import concrete

LONDON = ZoneInfo("Europe/London")
TICK = timedelta(microseconds=1)

ON_TRACK = DeadlineStatus.ON_TRACK
DUE_SOON = DeadlineStatus.DUE_SOON
OVERDUE = DeadlineStatus.OVERDUE


def london(year, month, day, hour=0, minute=0, second=0, microsecond=0):
    return datetime(year, month, day, hour, minute, second, microsecond, tzinfo=LONDON)


# An agency return requested Monday 2 November 2026: due by the end of Monday 16 November.
AGENCY_DUE = get_rule("agency_return_due").due(london(2026, 11, 2, 9))


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (london(2026, 11, 2, 9), ON_TRACK),
        (london(2026, 11, 12) - TICK, ON_TRACK),  # end of Wednesday 11th
        (london(2026, 11, 12), DUE_SOON),  # start of Thursday: 2 working days before Monday
        (london(2026, 11, 14, 12), DUE_SOON),
        (AGENCY_DUE, DUE_SOON),  # the last microsecond of Monday 16th is still in time
        (AGENCY_DUE + TICK, OVERDUE),  # midnight: overdue
        (london(2027, 1, 1), OVERDUE),
    ],
)
def test_working_day_deadline_status_at_its_boundaries(now, expected):
    """Due soon from the start of the 2nd working day before the due day; overdue after it."""
    assert deadline_status(AGENCY_DUE, now) is expected


def test_the_agency_return_of_these_examples_is_due_by_the_end_of_monday_16_november():
    """Requested Monday 2 November 2026 with 10 working days."""
    assert london(2026, 11, 16, 23, 59, 59, 999999) == AGENCY_DUE


def test_due_soon_counts_back_over_a_bank_holiday_weekend():
    """Due by the end of Tuesday 7 April 2026: due soon from Wednesday 1 April, over Easter."""
    due_at = london(2026, 4, 7, 23, 59, 59, 999999)
    assert deadline_status(due_at, london(2026, 4, 1) - TICK) is ON_TRACK
    assert deadline_status(due_at, london(2026, 4, 1)) is DUE_SOON


def test_due_soon_for_a_deadline_on_a_sunday_counts_back_from_the_friday():
    """A calendar deadline on a Sunday is due soon from the Wednesday: no one works weekends."""
    due_at = get_rule("scr_decision_within_one_month").due(london(2026, 1, 15, 10))
    assert due_at == london(2026, 2, 15, 23, 59, 59, 999999)
    assert deadline_status(due_at, london(2026, 2, 11) - TICK) is ON_TRACK
    assert deadline_status(due_at, london(2026, 2, 11)) is DUE_SOON


def test_due_soon_across_the_clocks_going_forward():
    """Due by the end of Monday 30 March 2026 (BST): due soon from midnight GMT on Thursday."""
    due_at = london(2026, 3, 30, 23, 59, 59, 999999)
    assert due_at.astimezone(UTC) == datetime(2026, 3, 30, 22, 59, 59, 999999, tzinfo=UTC)
    starts = datetime(2026, 3, 26, 0, 0, tzinfo=UTC)  # midnight in London, still GMT
    assert deadline_status(due_at, starts - TICK) is ON_TRACK
    assert deadline_status(due_at, starts) is DUE_SOON


def test_hour_based_deadline_is_due_soon_in_its_last_24_hours():
    """For the CRNF A's 24 hours, due soon is a duration: 24 hours, so from the first minute."""
    rule = get_rule("crnf_a_within_24_hours")
    consulted = london(2026, 4, 2, 15, 30)
    due_at = rule.due(consulted)
    assert deadline_status(due_at, consulted - TICK, due_soon=rule.due_soon) is ON_TRACK
    assert deadline_status(due_at, consulted, due_soon=rule.due_soon) is DUE_SOON
    assert deadline_status(due_at, due_at, due_soon=rule.due_soon) is DUE_SOON
    assert deadline_status(due_at, due_at + TICK, due_soon=rule.due_soon) is OVERDUE


def test_a_custom_due_soon_window():
    """The window may be any duration or any number of working days."""
    due_at = AGENCY_DUE
    assert deadline_status(due_at, due_at - timedelta(hours=3), due_soon=timedelta(hours=2)) == (
        ON_TRACK
    )
    assert deadline_status(due_at, due_at - timedelta(hours=2), due_soon=timedelta(hours=2)) == (
        DUE_SOON
    )
    assert deadline_status(due_at, london(2026, 11, 16) - TICK, due_soon=0) is ON_TRACK
    assert deadline_status(due_at, london(2026, 11, 16), due_soon=0) is DUE_SOON


def test_status_compares_moments_not_wall_clocks():
    """A 'now' given in another zone is compared as the same instant."""
    now = (AGENCY_DUE + TICK).astimezone(ZoneInfo("America/New_York"))
    assert deadline_status(AGENCY_DUE, now) is OVERDUE


def test_status_refuses_a_naive_now():
    """A naive 'now' is a bug (probably a local clock), not a time in London."""
    with pytest.raises(ValueError, match="timezone-aware"):
        deadline_status(AGENCY_DUE, datetime(2026, 11, 16, 12))


# -- reminder steps -------------------------------------------------------------------------


def _any_rule_due_at(rule):
    rule = concrete(rule, date(2026, 12, 1))
    return rule, rule.due(london(2026, 11, 2, 9))


@pytest.mark.parametrize("rule", RULES.values(), ids=lambda rule: rule.code)
def test_every_rule_has_due_soon_overdue_and_escalated_steps_in_order(rule):
    """Reminders: due soon and overdue go to the owner; the escalation to the Business Manager."""
    rule, due_at = _any_rule_due_at(rule)
    steps = reminder_steps(rule)
    assert [step.code for step in steps] == [
        ReminderCode.DUE_SOON,
        ReminderCode.OVERDUE,
        ReminderCode.ESCALATED,
    ]
    assert [step.recipient for step in steps] == [
        Recipient.OWNER,
        Recipient.OWNER,
        Recipient.BUSINESS_MANAGER,
    ]
    moments = [step.fires_at(due_at) for step in steps]
    assert moments == sorted(moments)
    assert moments[0] <= due_at < moments[1] < moments[2]


@pytest.mark.parametrize("rule", RULES.values(), ids=lambda rule: rule.code)
def test_reminders_fire_exactly_when_the_status_changes(rule):
    """The due-soon step fires when the status becomes due soon; overdue when it is overdue."""
    rule, due_at = _any_rule_due_at(rule)
    due_soon_step, overdue_step, _ = reminder_steps(rule)
    soon = due_soon_step.fires_at(due_at)
    late = overdue_step.fires_at(due_at)
    window = rule.due_soon
    assert deadline_status(due_at, soon - TICK, due_soon=window) is ON_TRACK
    assert deadline_status(due_at, soon, due_soon=window) is DUE_SOON
    assert deadline_status(due_at, late - TICK, due_soon=window) is DUE_SOON
    assert deadline_status(due_at, late, due_soon=window) is OVERDUE


def test_escalation_waits_for_a_whole_overdue_working_day():
    """Due end of Monday 16 November: overdue from Tuesday, escalated from Wednesday 00:00."""
    steps = reminder_steps(get_rule("agency_return_due"))
    assert [step.fires_at(AGENCY_DUE) for step in steps] == [
        london(2026, 11, 12),
        london(2026, 11, 17),
        london(2026, 11, 18),
    ]


def test_escalation_skips_the_weekend_and_bank_holidays():
    """Due end of Thursday 24 December 2026: Tuesday 29th is the first overdue working day."""
    due_at = london(2026, 12, 24, 23, 59, 59, 999999)
    escalated = reminder_steps(get_rule("verification_due"))[2]
    assert escalated.fires_at(due_at) == london(2026, 12, 30)


def test_hour_based_escalation_waits_for_the_next_working_day_to_end():
    """CRNF A due 15:30 on Thursday 2 April 2026: escalated once Tuesday 7 April has ended.

    Good Friday and Easter Monday are not working days, so Tuesday is the first whole
    working day the form is overdue.
    """
    rule = get_rule("crnf_a_within_24_hours")
    due_at = rule.due(london(2026, 4, 1, 15, 30))
    assert [step.fires_at(due_at) for step in reminder_steps(rule)] == [
        london(2026, 4, 1, 15, 30),
        london(2026, 4, 2, 15, 30) + TICK,
        london(2026, 4, 8),
    ]


def test_moment_relative_to_reads_offsets_as_documented():
    """timedelta: exact; -n working days: start of that day; +n: end of that working day."""
    assert moment_relative_to(AGENCY_DUE, timedelta(hours=-1)) == AGENCY_DUE - timedelta(hours=1)
    assert moment_relative_to(AGENCY_DUE, 0) == london(2026, 11, 16)
    assert moment_relative_to(AGENCY_DUE, -5) == london(2026, 11, 9)
    assert moment_relative_to(AGENCY_DUE, 2) == london(2026, 11, 19)
