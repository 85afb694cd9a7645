"""Every deadline rule, across bank holidays, Christmas, month ends and clock changes."""

import dataclasses
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from casereviews.deadlines.calendar import end_of_day
from casereviews.deadlines.rules import (
    RULES,
    DeadlineRule,
    Unit,
    action_rule,
    agency_return_before_meeting_rule,
    agency_return_rule,
    get_rule,
    pre_publication_copy_rule,
)
from tests.deadlines.concrete import concrete

LONDON = ZoneInfo("Europe/London")


def london(year, month, day, hour=0, minute=0, second=0, microsecond=0):
    """A moment given in London wall-clock time."""
    return datetime(year, month, day, hour, minute, second, microsecond, tzinfo=LONDON)


def end_of(year, month, day):
    """The end of a London day, as the rules give it: 23:59:59.999999 local, in UTC."""
    return datetime(year, month, day, 23, 59, 59, 999999, tzinfo=LONDON).astimezone(UTC)


def due(code, started_at):
    return get_rule(code).due(started_at)


# -- the registry ---------------------------------------------------------------------------


def test_the_registry_holds_exactly_the_rules_of_the_design():
    """Ten rules, each filed under its own code."""
    assert set(RULES) == {
        "crnf_a_within_24_hours",
        "scr_decision_within_one_month",
        "panel_told_within_14_days",
        "ofsted_and_panel_told",
        "ofsted_told_of_no_scr",
        "agency_return_due",
        "agency_return_before_meeting",
        "review_completed_within_six_months",
        "verification_due",
        "lisg_recommendation_due",
        "action_due",
        # Issue 11: the SCR report's copy to Ofsted and the Panel before publication.
        "pre_publication_copy",
    }
    assert all(code == rule.code for code, rule in RULES.items())


@pytest.mark.parametrize("rule", RULES.values(), ids=lambda rule: rule.code)
def test_every_rule_says_where_it_comes_from_and_how_it_counts(rule):
    """A Business Manager can read why each deadline is what it is."""
    assert rule.title
    assert rule.starting_event
    assert rule.source
    assert rule.passage
    assert rule.counting
    assert rule.owner_role in {
        "notifier",
        "agency_lead",
        "business_manager",
        "lisg_member",
        "independent_chair",
    }


def test_only_figures_the_procedure_does_not_give_can_be_changed():
    """The procedure's own figures (24 hours, one month) are fixed; national guidance (the
    Panel's 14 days) and local standards (the six-month review, agency returns…) are
    marked so and configurable."""
    local = {code for code, rule in RULES.items() if rule.local_standard}
    national = {code for code, rule in RULES.items() if rule.national_guidance}
    configurable = {code for code, rule in RULES.items() if rule.configurable}
    assert national == {"panel_told_within_14_days", "pre_publication_copy"}
    assert local == {
        "ofsted_and_panel_told",
        "ofsted_told_of_no_scr",
        "agency_return_due",
        "agency_return_before_meeting",
        "verification_due",
        "lisg_recommendation_due",
        "review_completed_within_six_months",
    }
    assert configurable == local | national
    assert {code for code, rule in RULES.items() if rule.from_procedure} == {
        "crnf_a_within_24_hours",
        "scr_decision_within_one_month",
        "action_due",
    }
    for code in configurable:
        source = RULES[code].source + RULES[code].counting
        assert "national guidance" in source.lower() or "local standard" in source.lower()
    with pytest.raises(ValueError, match="cannot be changed"):
        get_rule("crnf_a_within_24_hours").with_amount(48)
    assert get_rule("panel_told_within_14_days").with_amount(10).amount == 10
    assert get_rule("review_completed_within_six_months").with_amount(9).amount == 9
    with pytest.raises(ValueError, match="cannot be changed"):
        get_rule("scr_decision_within_one_month").with_amount(2)
    assert get_rule("ofsted_and_panel_told").with_amount(3).amount == 3
    with pytest.raises(ValueError, match="0 or more"):
        get_rule("ofsted_and_panel_told").with_amount(-1)


def test_a_rule_must_be_consistent():
    """A negative amount, or an anchor on a rule that does not count back, is refused."""
    with pytest.raises(ValueError, match="0 or more"):
        dataclasses.replace(get_rule("verification_due"), amount=-2)
    with pytest.raises(ValueError, match="names another rule"):
        dataclasses.replace(get_rule("lisg_recommendation_due"), unit=Unit.WORKING_DAYS)


def test_an_unknown_code_names_the_known_ones():
    """A typo in a rule code fails loudly."""
    with pytest.raises(KeyError, match="agency_return_due"):
        get_rule("agency_return")


def test_rules_are_frozen():
    """A rule cannot be changed in place by one caller for everyone."""
    with pytest.raises(dataclasses.FrozenInstanceError):
        get_rule("verification_due").amount = 9  # type: ignore[misc]


@pytest.mark.parametrize("rule", RULES.values(), ids=lambda rule: rule.code)
def test_a_naive_start_is_refused(rule):
    """Without a timezone we cannot know which London day the event happened on."""
    rule = concrete(rule, date(2026, 1, 1))
    with pytest.raises(ValueError, match="timezone-aware"):
        rule.due(datetime(2026, 1, 1, 9))


@pytest.mark.parametrize("rule", RULES.values(), ids=lambda rule: rule.code)
def test_answers_are_in_utc(rule):
    """Whatever zone the start is given in, due_at comes back in UTC."""
    rule = concrete(rule, date(2026, 7, 1))
    assert rule.due(london(2026, 6, 1, 9)).tzinfo is UTC


# -- crnf_a_within_24_hours -----------------------------------------------------------------


def test_crnf_a_is_due_24_hours_after_the_consultation_even_on_a_bank_holiday():
    """The CRNF A is due 24 hours after the consultation; bank holidays do not stop the clock."""
    assert due("crnf_a_within_24_hours", london(2026, 4, 2, 15, 30)) == london(2026, 4, 3, 15, 30)


def test_crnf_a_counts_elapsed_hours_when_the_clocks_go_forward():
    """24 hours from 10:00 GMT on Saturday 28 March 2026 is 11:00 BST on the Sunday."""
    assert due("crnf_a_within_24_hours", london(2026, 3, 28, 10)) == london(2026, 3, 29, 11)


def test_crnf_a_counts_elapsed_hours_when_the_clocks_go_back():
    """24 hours from 10:00 BST on Saturday 24 October 2026 is 09:00 GMT on the Sunday."""
    assert due("crnf_a_within_24_hours", london(2026, 10, 24, 10)) == london(2026, 10, 25, 9)


def test_crnf_a_over_christmas_and_a_one_off_bank_holiday():
    """Christmas Eve afternoon gives Christmas Day afternoon; the State Funeral changes nothing."""
    assert due("crnf_a_within_24_hours", london(2026, 12, 24, 16)) == london(2026, 12, 25, 16)
    assert due("crnf_a_within_24_hours", london(2022, 9, 18, 9)) == london(2022, 9, 19, 9)


# -- scr_decision_within_one_month ----------------------------------------------------------


@pytest.mark.parametrize(
    ("notified", "expected"),
    [
        (london(2026, 1, 15, 10), end_of(2026, 2, 15)),  # a Sunday: not moved
        (london(2026, 1, 31, 10), end_of(2026, 2, 28)),  # no 31 February: its last day
        (london(2028, 1, 31, 10), end_of(2028, 2, 29)),  # leap year
        (london(2028, 1, 29, 10), end_of(2028, 2, 29)),
        (london(2026, 3, 3, 10), end_of(2026, 4, 3)),  # Good Friday: not moved
        (london(2026, 11, 25, 10), end_of(2026, 12, 25)),  # Christmas Day: not moved
        (london(2026, 12, 31, 10), end_of(2027, 1, 31)),  # over the year end
        (london(2026, 3, 15, 10), end_of(2026, 4, 15)),  # GMT start, BST end
        (london(2022, 8, 19, 10), end_of(2022, 9, 19)),  # State Funeral: not moved
    ],
)
def test_scr_decision_is_due_one_calendar_month_after_the_notification(notified, expected):
    """The Chair decides by the end of the same day-number next month (or its last day)."""
    assert due("scr_decision_within_one_month", notified) == expected


def test_scr_decision_month_starts_from_the_london_date_not_the_utc_date():
    """Notified at 00:30 BST on 1 April (still 31 March in UTC): due by the end of 1 May."""
    notified = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
    assert due("scr_decision_within_one_month", notified) == end_of(2026, 5, 1)
    assert end_of(2026, 5, 1) == datetime(2026, 5, 1, 22, 59, 59, 999999, tzinfo=UTC)


# -- panel_told_within_14_days --------------------------------------------------------------


@pytest.mark.parametrize(
    ("decided", "expected"),
    [
        (london(2026, 11, 2, 14), end_of(2026, 11, 16)),  # day 0 is the decision day
        (london(2026, 3, 20, 14), end_of(2026, 4, 3)),  # Good Friday: not moved
        (london(2026, 12, 11, 14), end_of(2026, 12, 25)),  # Christmas Day: not moved
        (london(2026, 3, 22, 14), end_of(2026, 4, 5)),  # over the clocks going forward
        (london(2026, 10, 18, 14), end_of(2026, 11, 1)),  # over the clocks going back
        (london(2028, 2, 20, 14), end_of(2028, 3, 5)),  # over 29 February 2028
    ],
)
def test_panel_is_told_within_14_calendar_days_of_a_no_scr_decision(decided, expected):
    """The National Panel must hear of a no-SCR decision by the end of the 14th day after it."""
    assert due("panel_told_within_14_days", decided) == expected


# -- ofsted_and_panel_told ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decided", "expected"),
    [
        (london(2026, 11, 2, 14), end_of(2026, 11, 9)),  # Monday + 5 = Monday
        (london(2026, 4, 2, 14), end_of(2026, 4, 13)),  # over Easter
        (london(2026, 4, 30, 14), end_of(2026, 5, 8)),  # over the early May bank holiday
        (london(2026, 12, 23, 14), end_of(2027, 1, 4)),  # over Christmas and New Year
        (london(2022, 9, 15, 14), end_of(2022, 9, 23)),  # over the State Funeral
        (london(2023, 5, 5, 14), end_of(2023, 5, 15)),  # over the Coronation
        (london(2026, 4, 4, 14), end_of(2026, 4, 14)),  # Saturday: day 0 is Tuesday 7 April
    ],
)
def test_ofsted_and_panel_are_told_within_5_working_days_of_the_decision(decided, expected):
    """The board's own standard: Ofsted and the Panel hear within 5 working days."""
    assert due("ofsted_and_panel_told", decided) == expected


def test_a_board_may_set_its_own_number_of_days_for_telling_ofsted():
    """The procedure gives no number, so the 5 working days can be changed per board."""
    rule = get_rule("ofsted_and_panel_told").with_amount(3)
    assert rule.due(london(2026, 11, 2, 14)) == end_of(2026, 11, 5)


# -- agency_return_due ----------------------------------------------------------------------


def test_agency_return_requested_on_a_monday_is_due_ten_working_days_later():
    """Day 0 is the request day: asked Monday 2 November 2026, due end of Monday 16 November."""
    requested = london(2026, 11, 2, 9, 15)
    assert due("agency_return_due", requested) == end_of(2026, 11, 16)
    assert agency_return_rule().due(requested) == end_of(2026, 11, 16)


def test_agency_return_requested_late_in_the_evening_still_counts_that_day_as_day_zero():
    """Asked at 23:30 on Monday 2 November (GMT), it is still due end of 16 November."""
    assert due("agency_return_due", london(2026, 11, 2, 23, 30)) == end_of(2026, 11, 16)


def test_agency_return_requested_at_the_weekend_counts_from_monday():
    """Asked on Saturday 7 November, day 0 is Monday 9th: due end of Monday 23 November."""
    assert due("agency_return_due", london(2026, 11, 7, 10)) == end_of(2026, 11, 23)


@pytest.mark.parametrize(
    ("requested", "expected"),
    [
        (london(2026, 3, 30, 10), end_of(2026, 4, 15)),  # over Good Friday and Easter Monday
        (london(2026, 4, 27, 10), end_of(2026, 5, 12)),  # over the early May bank holiday
        (london(2026, 12, 18, 10), end_of(2027, 1, 6)),  # over Christmas (28th) and New Year
        (london(2022, 9, 12, 10), end_of(2022, 9, 27)),  # over the State Funeral
        (london(2023, 5, 1, 10), end_of(2023, 5, 17)),  # asked on May Day; over the Coronation
        (london(2026, 3, 20, 10), end_of(2026, 4, 7)),  # over the clocks and Easter
        (london(2026, 10, 19, 10), end_of(2026, 11, 2)),  # over the clocks going back
    ],
)
def test_agency_return_skips_bank_holidays_and_weekends(requested, expected):
    """An agency has 10 working days; bank holidays, one-off ones too, do not count."""
    assert due("agency_return_due", requested) == expected


def test_a_request_can_give_an_agency_more_or_fewer_working_days():
    """The 10 working days are a default; each request may set its own number."""
    assert agency_return_rule(15).due(london(2026, 11, 2, 9)) == end_of(2026, 11, 23)
    assert agency_return_rule(1).due(london(2026, 11, 6, 9)) == end_of(2026, 11, 9)
    assert agency_return_rule(0).due(london(2026, 11, 2, 9)) == end_of(2026, 11, 2)


# -- review_completed_within_six_months -----------------------------------------------------


@pytest.mark.parametrize(
    ("commissioned", "expected"),
    [
        (london(2026, 5, 12, 11), end_of(2026, 11, 12)),  # BST start, GMT end
        (london(2026, 10, 1, 11), end_of(2027, 4, 1)),
        (london(2026, 8, 31, 11), end_of(2027, 2, 28)),  # no 31 February
        (london(2027, 8, 31, 11), end_of(2028, 2, 29)),  # leap year
        (london(2026, 6, 25, 11), end_of(2026, 12, 25)),  # Christmas Day: not moved
        (london(2026, 9, 28, 11), end_of(2027, 3, 28)),  # the Sunday the clocks go forward
    ],
)
def test_review_is_due_six_calendar_months_after_commissioning(commissioned, expected):
    """A review should be complete by the end of the same day-number six months on."""
    assert due("review_completed_within_six_months", commissioned) == expected


# -- verification_due -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("submitted", "expected"),
    [
        (london(2026, 11, 2, 9), end_of(2026, 11, 4)),  # Monday: day 0; due Wednesday
        (london(2026, 11, 5, 16), end_of(2026, 11, 9)),  # Thursday: due Monday
        (london(2026, 4, 2, 9), end_of(2026, 4, 8)),  # before Easter: due Wednesday after
        (london(2026, 12, 24, 14), end_of(2026, 12, 30)),  # Christmas Eve: due 30 December
        (london(2022, 9, 16, 9), end_of(2022, 9, 21)),  # over the State Funeral
        (london(2023, 5, 6, 9), end_of(2023, 5, 11)),  # Saturday before the Coronation
    ],
)
def test_business_manager_verifies_within_2_working_days_of_submission(submitted, expected):
    """The board's own standard: a submitted CRNF A is verified within 2 working days."""
    assert due("verification_due", submitted) == expected


# -- lisg_recommendation_due ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("notified", "expected"),
    [
        # SCR decision due Thursday 11 June; 5 working days before is Thursday 4 June.
        (london(2026, 5, 11, 10), end_of(2026, 6, 4)),
        # Decision due Sunday 15 February: count back from Friday 13th, to Friday 6th.
        (london(2026, 1, 15, 10), end_of(2026, 2, 6)),
        # Decision due Wednesday 6 May; back over the early May bank holiday to 28 April.
        (london(2026, 4, 6, 10), end_of(2026, 4, 28)),
        # Decision due Monday 28 December (a bank holiday): back from 24th to 17 December.
        (london(2026, 11, 28, 10), end_of(2026, 12, 17)),
        # Leap year: decision due Tuesday 29 February 2028; LISG by Tuesday 22 February.
        (london(2028, 1, 31, 10), end_of(2028, 2, 22)),
        # Decision due Monday 19 September 2022 (State Funeral): back from Friday 16th.
        (london(2022, 8, 19, 10), end_of(2022, 9, 9)),
        # Decision due Monday 8 May 2023 (Coronation): back from Friday 5 May, over May Day.
        (london(2023, 4, 8, 10), end_of(2023, 4, 27)),
    ],
)
def test_lisg_recommends_5_working_days_before_the_scr_decision_is_due(notified, expected):
    """The LISG recommends early enough for the Chair to have 5 working days within the month."""
    assert due("lisg_recommendation_due", notified) == expected


def test_the_lisg_deadline_always_comes_before_the_chairs():
    """Whatever the notification date, the LISG's due day precedes the Chair's."""
    start = london(2026, 1, 1, 10)
    for offset in range(0, 730, 3):
        notified = start + timedelta(days=offset)
        lisg = due("lisg_recommendation_due", notified)
        chair = due("scr_decision_within_one_month", notified)
        assert notified < lisg < chair


# -- agency_return_before_meeting ----------------------------------------------------------


def test_an_agency_return_is_due_working_days_before_the_lisg_meeting():
    """Meeting on Thursday 26 November 2026: 5 working days before is Thursday 19
    November, whenever the request was sent; a board's own figure moves it."""
    rule = agency_return_before_meeting_rule(date(2026, 11, 26), 5)
    assert rule.due(london(2026, 11, 2, 9)) == end_of_day(date(2026, 11, 19))
    assert rule.due(london(2026, 11, 18, 16)) == end_of_day(date(2026, 11, 19))
    three = agency_return_before_meeting_rule(date(2026, 11, 26), 3)
    assert three.due(london(2026, 11, 2, 9)) == end_of_day(date(2026, 11, 23))


def test_a_meeting_over_christmas_counts_back_past_the_bank_holidays():
    """Meeting on Tuesday 29 December 2026 (28 December is the Boxing Day substitute):
    counting back 2 working days skips 28, 26, 25 December: Wednesday 23 December."""
    rule = agency_return_before_meeting_rule(date(2026, 12, 29), 2)
    assert rule.due(london(2026, 12, 1, 9)) == end_of_day(date(2026, 12, 23))


def test_the_meeting_rule_needs_the_meetings_date():
    with pytest.raises(ValueError, match="meeting's date"):
        get_rule("agency_return_before_meeting").due(london(2026, 1, 5, 12))


# -- action_due -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due_on", "expected_utc"),
    [
        (date(2026, 12, 25), datetime(2026, 12, 25, 23, 59, 59, 999999, tzinfo=UTC)),
        (date(2026, 3, 29), datetime(2026, 3, 29, 22, 59, 59, 999999, tzinfo=UTC)),  # BST
        (date(2026, 10, 25), datetime(2026, 10, 25, 23, 59, 59, 999999, tzinfo=UTC)),  # GMT
        (date(2023, 5, 8), datetime(2023, 5, 8, 22, 59, 59, 999999, tzinfo=UTC)),
    ],
)
def test_an_action_is_due_by_the_end_of_the_date_the_review_set(due_on, expected_utc):
    """An action is due by the end of its date in London, even a bank holiday or a Sunday."""
    assert action_rule(due_on).due(london(2026, 1, 5, 12)) == expected_utc


def test_the_action_rule_needs_a_date_from_the_review():
    """The registered action rule has no date of its own; action_rule(due_on) gives it one."""
    with pytest.raises(ValueError, match="action_rule"):
        get_rule("action_due").due(london(2026, 1, 5, 12))
    assert action_rule(date(2026, 2, 1)).code == "action_due"


def test_rules_are_plain_data():
    """A rule is a frozen dataclass that can be compared and hashed."""
    assert isinstance(get_rule("verification_due"), DeadlineRule)
    assert agency_return_rule(10) == get_rule("agency_return_due")
    assert hash(action_rule(date(2026, 2, 1))) == hash(action_rule(date(2026, 2, 1)))


def test_the_copy_before_publication_is_due_a_week_before_the_planned_date():
    """National guidance: copies of an SCR report go to Ofsted and the National Panel at
    least one week before publication; a calendar week, not moved off weekends."""
    planned = date(2026, 7, 15)
    started = datetime(2026, 6, 1, 9, tzinfo=UTC)
    assert pre_publication_copy_rule(planned).due(started) == end_of(2026, 7, 8)
    assert pre_publication_copy_rule(planned).national_guidance
    assert pre_publication_copy_rule(planned, 10).due(started) == end_of(2026, 7, 5)
