"""Deadline rules: which event starts each deadline, how long it runs, and how it is counted.

Every rule is data (a ``DeadlineRule``) with one pure function, ``due(started_at)``, so a
deadline is computed once, when the transition that starts it happens, and stored as
``due_at``; on track / due soon / overdue is then a comparison with the clock, never a flag.

Time conventions, the same for every rule (docs/deadlines.md has worked examples):

* Datetimes in and out are timezone-aware; answers are in UTC. A naive datetime is refused.
* Hour-based rules are due exactly that many elapsed hours later, whatever the clocks do:
  24 hours from 10:00 GMT on the Saturday before the clocks go forward is 11:00 BST.
* Day-, month- and working-day rules count in Europe/London dates: the London date of the
  starting event is day 0, and the deadline is the END of the due day in London
  (23:59:59.999999 local time). A deadline is overdue from the first moment after ``due_at``.
* Calendar-day and calendar-month deadlines are not moved off weekends or bank holidays
  ("within one month" of 15 January 2026 is Sunday 15 February). Working-day deadlines
  follow ``casereviews.deadlines.calendar``: a non-working start day counts as the next
  working day, and the answer is always a working day.
* One calendar month after a date is the same day-number of the next month, or that month's
  last day when it has no such day: 31 January gives 28 February (29 in a leap year).

No Django import: the workflow stores what these functions return.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from types import MappingProxyType

from casereviews.deadlines.calendar import (
    add_months,
    add_working_days,
    end_of_day,
    london_date,
    start_of_day,
    subtract_working_days,
)

#: A deadline is "due soon" from the start of the 2nd working day before its due day...
DUE_SOON_WORKING_DAYS = 2
#: ...or, for an hour-based rule, in the last 24 hours before its due moment.
DUE_SOON_HOURS = timedelta(hours=24)
#: The Business Manager is told once a deadline has been overdue for a whole working day.
ESCALATE_AFTER_WORKING_DAYS = 1


class Unit(StrEnum):
    HOURS = "hours"
    CALENDAR_DAYS = "calendar_days"
    CALENDAR_MONTHS = "calendar_months"
    WORKING_DAYS = "working_days"
    #: ``amount`` working days before the due day of the rule in ``before``.
    WORKING_DAYS_BEFORE = "working_days_before"
    #: The date the review set (``set_date``).
    SET_DATE = "set_date"
    #: ``amount`` working days before a date set for the case (``set_date``: a meeting).
    WORKING_DAYS_BEFORE_DATE = "working_days_before_date"
    #: ``amount`` calendar days before a date set for the case (``set_date``: publication).
    CALENDAR_DAYS_BEFORE_DATE = "calendar_days_before_date"


@dataclass(frozen=True, kw_only=True)
class DeadlineRule:
    """One deadline of the procedure, or one whose figure the procedure does not give:
    national guidance (``national_guidance``: the Panel's 14 days) or a standard the board
    sets itself (``local_standard``). Only those are ``configurable``, per board (or per
    request); a figure from the procedure refuses to change.

    ``passage`` quotes the text the rule rests on and ``source`` says where it is;
    ``counting`` says in plain words which day is day 0 and when the deadline falls.
    ``owner_role`` (a role of DESIGN.md section 2) is who must act.
    """

    code: str
    title: str
    starting_event: str
    owner_role: str
    source: str
    passage: str
    counting: str
    unit: Unit
    amount: int
    local_standard: bool = False
    national_guidance: bool = False
    #: Whether ``with_amount`` may change ``amount`` (per board, or per request).
    configurable: bool = False
    before: DeadlineRule | None = None
    set_date: date | None = None

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError(f"{self.code} needs 0 or more, not {self.amount}.")
        if (self.before is not None) != (self.unit is Unit.WORKING_DAYS_BEFORE):
            raise ValueError(f"{self.code}: only a working-days-before rule names another rule.")
        if self.local_standard and self.national_guidance:
            raise ValueError(f"{self.code}: a figure is national guidance or a local standard.")
        if self.configurable == self.from_procedure and self.unit is not Unit.SET_DATE:
            raise ValueError(
                f"{self.code}: a figure is configurable exactly when the procedure does not "
                "give it."
            )

    @property
    def from_procedure(self) -> bool:
        """Whether the figure is the procedure's own (24 hours, one month)."""
        return not (self.local_standard or self.national_guidance)

    @property
    def hour_based(self) -> bool:
        return self.unit is Unit.HOURS

    @property
    def due_soon(self) -> timedelta | int:
        """The due-soon window: a duration for hour-based rules, else working days."""
        return DUE_SOON_HOURS if self.hour_based else DUE_SOON_WORKING_DAYS

    def due(self, started_at: datetime) -> datetime:
        """When the deadline falls (UTC), for a deadline started at ``started_at``."""
        day0 = london_date(started_at)  # also refuses a naive datetime
        match self.unit:
            case Unit.HOURS:
                # In UTC, so these are elapsed hours even across a clock change.
                return started_at.astimezone(UTC) + timedelta(hours=self.amount)
            case Unit.CALENDAR_DAYS:
                return end_of_day(day0 + timedelta(days=self.amount))
            case Unit.CALENDAR_MONTHS:
                return end_of_day(add_months(day0, self.amount))
            case Unit.WORKING_DAYS:
                return end_of_day(add_working_days(day0, self.amount))
            case Unit.WORKING_DAYS_BEFORE:
                assert self.before is not None  # checked in __post_init__
                anchor_day = london_date(self.before.due(started_at))
                return end_of_day(subtract_working_days(anchor_day, self.amount))
            case Unit.SET_DATE:
                if self.set_date is None:
                    raise ValueError(f"{self.code} needs the review's date: use action_rule().")
                return end_of_day(self.set_date)
            case Unit.WORKING_DAYS_BEFORE_DATE:
                if self.set_date is None:
                    raise ValueError(
                        f"{self.code} needs the meeting's date: "
                        "use agency_return_before_meeting_rule()."
                    )
                return end_of_day(subtract_working_days(self.set_date, self.amount))
            case Unit.CALENDAR_DAYS_BEFORE_DATE:
                if self.set_date is None:
                    raise ValueError(
                        f"{self.code} needs the planned date: use pre_publication_copy_rule()."
                    )
                return end_of_day(self.set_date - timedelta(days=self.amount))

    def with_amount(self, amount: int) -> DeadlineRule:
        """This rule with a board's own figure or a per-request one (configurable rules only)."""
        if not self.configurable:
            raise ValueError(f"{self.code} comes from the procedure and cannot be changed.")
        return dataclasses.replace(self, amount=amount)


_END = "due by the end of that day in London"
_NOT_MOVED = "not moved off weekends or bank holidays"
_WORKING = "day 0 is the London date of the {event}, or the next working day if it is not one"

CRNF_A_WITHIN_24_HOURS = DeadlineRule(
    code="crnf_a_within_24_hours",
    title="Submit the CRNF A within 24 hours of consulting the Agency lead",
    starting_event="The notifier consults their Agency lead or the Business Manager",
    owner_role="notifier",
    source="Procedure, Section B 1(ii)",
    passage=(
        "This should be done within 24 hours of the consultation using Case Review "
        "Notification Form A (CRNF A)."
    ),
    counting=(
        "24 elapsed hours from the moment of the consultation, whatever the day or the clocks "
        "do. A late form is still accepted and its lateness recorded."
    ),
    unit=Unit.HOURS,
    amount=24,
)

SCR_DECISION_WITHIN_ONE_MONTH = DeadlineRule(
    code="scr_decision_within_one_month",
    title="Independent Chair decides whether to hold an SCR",
    starting_event="The notification (CRNF A) is submitted",
    owner_role="independent_chair",
    source="Procedure, Section C 1(ii)",
    passage="Such decisions should be reached within 1 month of the original notification.",
    counting=(
        "Day 0 is the London date of the notification; the due day is the same day-number "
        "next month, or its last day if shorter (31 January -> 28/29 February); "
        f"{_NOT_MOVED}; {_END}."
    ),
    unit=Unit.CALENDAR_MONTHS,
    amount=1,
)

_TELL_PASSAGE = (
    "In turn the LSCB must notify Ofsted and the National Panel of Independent Experts of "
    "their decision."
)

PANEL_TOLD_WITHIN_14_DAYS = DeadlineRule(
    code="panel_told_within_14_days",
    title="Tell the National Panel that no SCR will be held",
    starting_event="The Independent Chair decides not to hold an SCR",
    owner_role="business_manager",
    source=(
        "Procedure, Section C 1(iii), which gives no time; the 14 days are national guidance "
        "(DESIGN.md sections 3 and 5), not the procedure's"
    ),
    passage=_TELL_PASSAGE,
    counting=(
        "National guidance (configurable): 14 calendar days. Day 0 is the London date of the "
        f"decision; the due day is 14 calendar days later, {_NOT_MOVED}; {_END}."
    ),
    unit=Unit.CALENDAR_DAYS,
    amount=14,
    national_guidance=True,
    configurable=True,
)

OFSTED_AND_PANEL_TOLD = DeadlineRule(
    code="ofsted_and_panel_told",
    title="Tell Ofsted and the National Panel of the SCR decision",
    starting_event="The Independent Chair decides whether to hold an SCR",
    owner_role="business_manager",
    source="Procedure, Section C 1(iii); the procedure sets no time: local standard",
    passage=_TELL_PASSAGE,
    counting=(
        "The board's standard (configurable): 5 working days. "
        f"{_WORKING.format(event='decision')}; the due day is the 5th working day after; {_END}."
    ),
    unit=Unit.WORKING_DAYS,
    amount=5,
    local_standard=True,
    configurable=True,
)

OFSTED_TOLD_OF_NO_SCR = DeadlineRule(
    code="ofsted_told_of_no_scr",
    title="Tell Ofsted that no SCR will be held",
    starting_event="The Independent Chair decides not to hold an SCR",
    owner_role="business_manager",
    source="Procedure, Section C 1(iii); the procedure sets no time: local standard",
    passage=_TELL_PASSAGE,
    counting=(
        "The board's standard (configurable): 14 calendar days, the National Panel's, so both "
        "are told together. Day 0 is the London date of the decision; the due day is 14 "
        f"calendar days later, {_NOT_MOVED}; {_END}."
    ),
    unit=Unit.CALENDAR_DAYS,
    amount=14,
    local_standard=True,
    configurable=True,
)

AGENCY_RETURN_DUE = DeadlineRule(
    code="agency_return_due",
    title="Agency sends its summary of information held and skeleton chronology",
    starting_event="The Business Manager sends an involvement request to the agency",
    owner_role="agency_lead",
    source=(
        "Procedure, Section A 4(i), which gives no time; the default of 10 working days: "
        "local standard (DESIGN.md section 5)"
    ),
    passage=(
        "Where agencies verify their involvement, they will be asked to provide a skeleton "
        "chronology and a summary of information held in advance of the discussion at the "
        "SCRSG."
    ),
    counting=(
        "The board's standard (configurable): 10 working days, unless the request sets its "
        f"own. {_WORKING.format(event='request')}; the due day is the n-th working day after; "
        f"{_END}. Requested Monday 2 November 2026: "
        "due by the end of Monday 16 November 2026."
    ),
    unit=Unit.WORKING_DAYS,
    amount=10,
    local_standard=True,
    configurable=True,
)

AGENCY_RETURN_BEFORE_MEETING = DeadlineRule(
    code="agency_return_before_meeting",
    title="Agency sends its answer before the LISG meeting",
    starting_event=(
        "The Business Manager sends an involvement request for a case assigned to a LISG "
        "meeting, or assigns the case to a meeting"
    ),
    owner_role="agency_lead",
    source=(
        "Procedure, Section A 4(i); the 5 working days before the meeting: local standard "
        "(DESIGN.md section 5), set per board"
    ),
    passage=AGENCY_RETURN_DUE.passage,
    counting=(
        "The board's standard (configurable): 5 working days before the meeting. Counting "
        "back, day 0 is the meeting's date (or the working day before it if it is not one); "
        f"the due day is the n-th working day before; {_END}. Meeting on Thursday 26 "
        "November 2026: due by the end of Thursday 19 November 2026."
    ),
    unit=Unit.WORKING_DAYS_BEFORE_DATE,
    amount=5,
    local_standard=True,
    configurable=True,
)

REVIEW_COMPLETED_WITHIN_SIX_MONTHS = DeadlineRule(
    code="review_completed_within_six_months",
    title="Complete the review",
    starting_event="The review (SCR, CPIR or other review) is commissioned",
    owner_role="business_manager",
    source="DESIGN.md section 5; the procedure sets no time: local standard",
    passage="six months from commissioning (review completion)",
    counting=(
        "The board's standard (configurable): 6 calendar months. Day 0 is the London date of "
        "commissioning; the due day is the same day-number six months later, or that month's "
        f"last day if shorter (31 August -> 28/29 February); {_NOT_MOVED}; {_END}."
    ),
    unit=Unit.CALENDAR_MONTHS,
    amount=6,
    local_standard=True,
    configurable=True,
)

VERIFICATION_DUE = DeadlineRule(
    code="verification_due",
    title="Business Manager verifies the notification against the criteria",
    starting_event="The notification (CRNF A) is submitted",
    owner_role="business_manager",
    source="Procedure, Section B 1(ii); the procedure sets no time: local standard",
    passage=(
        "On receipt of Form CRNF A, the LSCB Business Manager will verify that the request "
        "meets the criteria set out above and will notify the LSCB Independent Chair."
    ),
    counting=(
        "The board's standard (configurable): 2 working days. "
        f"{_WORKING.format(event='submission')}; the due day is the 2nd working day after; "
        f"{_END}."
    ),
    unit=Unit.WORKING_DAYS,
    amount=2,
    local_standard=True,
    configurable=True,
)

LISG_RECOMMENDATION_DUE = DeadlineRule(
    code="lisg_recommendation_due",
    title="LISG recommends to the Independent Chair whether to hold an SCR",
    starting_event="The notification (CRNF A) is submitted",
    owner_role="lisg_member",
    source="Procedure, Section C 1(ii); the 5 working days: local standard",
    passage=(
        "Notifications made to the LSCB will be considered by the LISG who will in turn make "
        "their recommendation to the LSCB's Independent Chair as to whether a SCR should be "
        "commissioned. Such decisions should be reached within 1 month of the original "
        "notification."
    ),
    counting=(
        "The board's standard (configurable), so the Chair has 5 working days to decide "
        "within the month: counting back, day 0 is the SCR decision's due day (or the working "
        f"day before it if it is not one); the due day is the 5th working day before; {_END}."
    ),
    unit=Unit.WORKING_DAYS_BEFORE,
    amount=5,
    before=SCR_DECISION_WITHIN_ONE_MONTH,
    local_standard=True,
    configurable=True,
)

ACTION_DUE = DeadlineRule(
    code="action_due",
    title="Complete an action from the review",
    starting_event="The review sets the action and its due date",
    owner_role="agency_lead",
    source="Procedure, Section A 1",
    passage=(
        "have in place rigorous monitoring of actions in order that improvements are sustained."
    ),
    counting=f"The due day is the date the review set, whatever day it is; {_END}.",
    unit=Unit.SET_DATE,
    amount=0,
)

PRE_PUBLICATION_COPY = DeadlineRule(
    code="pre_publication_copy",
    title="Send the SCR report to Ofsted and the National Panel before it is published",
    starting_event="The board sets the date an SCR report is to be published",
    owner_role="business_manager",
    source=(
        "Working Together to Safeguard Children 2015, chapter 4 (national guidance: copies of "
        "SCR reports to Ofsted and the national panel at least one week before publication); "
        "the procedure (A 1, publication in full) gives no time"
    ),
    passage="a clear requirement for all SCRs to be published in full.",
    counting=(
        "National guidance (configurable): 7 calendar days. Counting back from the planned "
        f"publication date, the due day is 7 days before it; {_NOT_MOVED}; {_END}."
    ),
    unit=Unit.CALENDAR_DAYS_BEFORE_DATE,
    amount=7,
    national_guidance=True,
    configurable=True,
)

RULES: Mapping[str, DeadlineRule] = MappingProxyType(
    {
        rule.code: rule
        for rule in (
            CRNF_A_WITHIN_24_HOURS,
            SCR_DECISION_WITHIN_ONE_MONTH,
            PANEL_TOLD_WITHIN_14_DAYS,
            OFSTED_AND_PANEL_TOLD,
            OFSTED_TOLD_OF_NO_SCR,
            AGENCY_RETURN_DUE,
            AGENCY_RETURN_BEFORE_MEETING,
            REVIEW_COMPLETED_WITHIN_SIX_MONTHS,
            VERIFICATION_DUE,
            LISG_RECOMMENDATION_DUE,
            ACTION_DUE,
            PRE_PUBLICATION_COPY,
        )
    }
)


# -- a safeguarding partnership's deadlines (framework wt-2023) -------------------------------
# Both figures are the statutory guidance's own, so neither is configurable. Citations name
# Working Together 2023's chapter and the heading the passage sits under (docs/criteria-
# wt-2023.md says why no paragraph number is given).

PANEL_NOTIFIED_WITHIN_5_WORKING_DAYS = DeadlineRule(
    code="panel_notified_within_5_working_days",
    title="Local authority notifies the Child Safeguarding Practice Review Panel",
    starting_event=(
        "The Business Manager judges the incident notifiable: counted from the day the local "
        "authority became aware of it (the day the notification or the Business Manager "
        "records; until that day is recorded, the notification reaching the safeguarding "
        "partnership), or from a later judgement on new information"
    ),
    owner_role="business_manager",
    source=(
        "Children Act 2004, section 16C(1); Working Together 2023, chapter 5, “Duty on local "
        "authorities to notify incidents to the Child Safeguarding Practice Review Panel”"
    ),
    passage=(
        "The local authority notifies the Panel of a serious incident within five working "
        "days of becoming aware of it, and tells Ofsted."
    ),
    counting=(
        "5 working days. "
        f"{_WORKING.format(event='local authority becoming aware (or of submission)')}; the "
        f"due day is the 5th working day after; {_END}. Aware on Thursday 24 December 2026: "
        "due by the end of Tuesday 5 January 2027 (Christmas Day, the Boxing Day substitute "
        "on Monday 28 December and New Year's Day are not counted)."
    ),
    unit=Unit.WORKING_DAYS,
    amount=5,
)

RAPID_REVIEW_WITHIN_15_WORKING_DAYS = DeadlineRule(
    code="rapid_review_within_15_working_days",
    title="Safeguarding partners complete the rapid review and send it to the Panel",
    starting_event=(
        "The notification to the Child Safeguarding Practice Review Panel is sent (the day "
        "recorded with it)"
    ),
    owner_role="business_manager",
    # The Panel's expectation, not statutory guidance: a national figure the
    # partnership sees but does not change, so not configurable.
    source=(
        "The Child Safeguarding Practice Review Panel's expectation, not statutory guidance: "
        "Panel practice guidance (April 2019), “Rapid review timescales”; Working Together "
        "2023, chapter 5, “Rapid reviews”"
    ),
    passage=(
        "The Panel expects the safeguarding partners to hold a rapid review of the case, "
        "decide whether a local review is appropriate and send the rapid review to the Panel, "
        "within 15 working days."
    ),
    counting=(
        f"15 working days. {_WORKING.format(event='notification to the Panel')}; the due day "
        f"is the 15th working day after; {_END}."
    ),
    unit=Unit.WORKING_DAYS,
    amount=15,
)

#: The deadline set of a safeguarding partnership's case, beside ``RULES`` (2015).
PARTNERSHIP_RULES: Mapping[str, DeadlineRule] = MappingProxyType(
    {
        rule.code: rule
        for rule in (PANEL_NOTIFIED_WITHIN_5_WORKING_DAYS, RAPID_REVIEW_WITHIN_15_WORKING_DAYS)
    }
)


def get_rule(code: str) -> DeadlineRule:
    """The rule with this code, of either framework; ``KeyError`` naming the known codes if
    there is none."""
    try:
        return RULES[code] if code in RULES else PARTNERSHIP_RULES[code]
    except KeyError:
        known = ", ".join((*RULES, *PARTNERSHIP_RULES))
        raise KeyError(f"No deadline rule {code!r}; known: {known}.") from None


def agency_return_rule(working_days: int = AGENCY_RETURN_DUE.amount) -> DeadlineRule:
    """The agency return rule for one request, with that request's number of working days."""
    return AGENCY_RETURN_DUE.with_amount(working_days)


def agency_return_before_meeting_rule(meeting_on: date, working_days_before: int) -> DeadlineRule:
    """The agency return rule for a case assigned to the LISG meeting on ``meeting_on``,
    with the board's number of working days before it."""
    return dataclasses.replace(
        AGENCY_RETURN_BEFORE_MEETING, amount=working_days_before, set_date=meeting_on
    )


#: Both ways an agency's return falls due: met by the answer, cancelled by the LISG's
#: recommendation.
AGENCY_RETURN_CODES = (AGENCY_RETURN_DUE.code, AGENCY_RETURN_BEFORE_MEETING.code)


def action_rule(due_on: date) -> DeadlineRule:
    """The action rule for one action, due by the end of ``due_on`` in London."""
    return dataclasses.replace(ACTION_DUE, set_date=due_on)


def pre_publication_copy_rule(planned_on: date, days: int | None = None) -> DeadlineRule:
    """The copy to Ofsted and the Panel for a report to be published on ``planned_on``,
    ``days`` (the guidance's 7 unless configured) before it."""
    rule = PRE_PUBLICATION_COPY if days is None else PRE_PUBLICATION_COPY.with_amount(days)
    return dataclasses.replace(rule, set_date=planned_on)


# -- status and reminders -------------------------------------------------------------------


class DeadlineStatus(StrEnum):
    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


def moment_relative_to(due_at: datetime, offset: timedelta | int) -> datetime:
    """A moment fixed relative to ``due_at``: a step's firing time, or the due-soon start.

    * a ``timedelta``: exactly that long after ``due_at`` (negative: before);
    * ``-n`` or ``0`` working days: the start, in London, of the n-th working day before the
      due day (day 0 is the due day, or the working day before it if it is not one);
    * ``+n`` working days: the end of the n-th working day after the due day, i.e. once the
      deadline has been overdue for n whole working days.
    """
    if isinstance(offset, timedelta):
        return due_at + offset
    due_day = london_date(due_at)
    if offset <= 0:
        return start_of_day(subtract_working_days(due_day, -offset))
    return end_of_day(add_working_days(due_day, offset)) + timedelta(microseconds=1)


def deadline_status(
    due_at: datetime,
    now: datetime,
    *,
    due_soon: timedelta | int = DUE_SOON_WORKING_DAYS,
) -> DeadlineStatus:
    """On track, due soon or overdue, at ``now``, for a deadline falling at ``due_at``.

    Overdue once ``now`` is after ``due_at``. Due soon from ``moment_relative_to(due_at,
    -due_soon)``: with the default of 2 working days, a deadline due by the end of Monday
    16 November 2026 is due soon from the start of Thursday 12 November. Pass the rule's own
    window (``rule.due_soon``: 24 hours for hour-based rules) to match its reminders.
    """
    london_date(now)  # refuses a naive datetime
    london_date(due_at)
    if now > due_at:
        return DeadlineStatus.OVERDUE
    if now >= moment_relative_to(due_at, -due_soon):
        return DeadlineStatus.DUE_SOON
    return DeadlineStatus.ON_TRACK


def due_soon_window(rule: DeadlineRule, started_at: datetime, due_at: datetime) -> timedelta | int:
    """The rule's due-soon window, narrowed for a deadline no longer than it, so that a
    deadline is never due soon from the moment it starts: the 2 working days
    of verification are on track on the day of submission and due soon from the working
    day before the due day. An hour-based rule keeps its 24 hours (the CRNF A's 24 hours
    are due soon from the start: its first reminder is the one that matters)."""
    window = rule.due_soon
    if isinstance(window, int):
        while window > 0 and moment_relative_to(due_at, -window) <= started_at:
            window -= 1
    return window


class ReminderCode(StrEnum):
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    ESCALATED = "escalated"


class Recipient(StrEnum):
    #: Whoever must act: the rule's ``owner_role`` for the case (notifier, agency, Chair...).
    OWNER = "owner"
    BUSINESS_MANAGER = "business_manager"


@dataclass(frozen=True, kw_only=True)
class ReminderStep:
    """One reminder, fixed relative to the due moment (see ``moment_relative_to``).

    A worker records each (deadline, step code) once, when ``now >= fires_at(due_at)``, so
    a restart or a re-run never sends a step twice. A step whose moment has already passed
    when the deadline starts (a 24-hour deadline is due soon from its first minute) fires
    at once.
    """

    code: ReminderCode
    recipient: Recipient
    offset: timedelta | int

    def fires_at(self, due_at: datetime) -> datetime:
        return moment_relative_to(due_at, self.offset)


def reminder_steps(
    rule: DeadlineRule, due_soon: timedelta | int | None = None
) -> tuple[ReminderStep, ...]:
    """The reminders for ``rule``, in firing order; each agrees with ``deadline_status``.

    due_soon (to the owner, when the status becomes due soon), overdue (to the owner, the
    first moment after the due moment), escalated (to the Business Manager, once overdue
    for a whole working day). ``due_soon``: the deadline's own window
    (``due_soon_window``), the rule's if not given.
    """
    return (
        ReminderStep(
            code=ReminderCode.DUE_SOON,
            recipient=Recipient.OWNER,
            offset=-(rule.due_soon if due_soon is None else due_soon),
        ),
        ReminderStep(
            code=ReminderCode.OVERDUE,
            recipient=Recipient.OWNER,
            offset=timedelta(microseconds=1),
        ),
        ReminderStep(
            code=ReminderCode.ESCALATED,
            recipient=Recipient.BUSINESS_MANAGER,
            offset=ESCALATE_AFTER_WORKING_DAYS,
        ),
    )
