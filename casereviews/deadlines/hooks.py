"""Which transitions start, meet and cancel which deadlines (DESIGN.md section 5).

A table, read by one hook the workflow calls inside every transition's transaction.
Deadlines not tied to a transition (an agency's return, telling Ofsted and the Panel) are
started and met by the services that record those steps (`casereviews.decisions.services`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from casereviews.deadlines import rules
from casereviews.deadlines.services import (
    configured,
    deadline_record_ended,
    deadline_restart,
    deadlines_cancel,
    deadlines_meet,
    deadlines_start,
    panel_clock_started_at,
    review_completion_rule,
)
from casereviews.frameworks.vocabulary import Framework, framework_of
from casereviews.notifications.models import Notification, ReviewSought, Status
from casereviews.workflow.awareness import AwarenessRecorded, on_awareness_recorded
from casereviews.workflow.services import (
    FrameworkMoved,
    TransitionMade,
    on_framework_move,
    on_transition,
)

R = rules


@dataclass(frozen=True)
class DeadlineEffects:
    starts: tuple[rules.DeadlineRule, ...] = ()
    meets: tuple[str, ...] = ()
    cancels: tuple[str, ...] = ()
    cancels_all: bool = False


# Ofsted and the National Panel are told of every decision (C 1(iii)).
_NO_SCR_DECISION = DeadlineEffects(
    starts=(R.PANEL_TOLD_WITHIN_14_DAYS, R.OFSTED_TOLD_OF_NO_SCR),
    meets=(R.SCR_DECISION_WITHIN_ONE_MONTH.code,),
)
_COMMISSIONED = (R.REVIEW_COMPLETED_WITHIN_SIX_MONTHS,)

EFFECTS: dict[str, DeadlineEffects] = {
    "submit": DeadlineEffects(
        starts=(
            R.VERIFICATION_DUE,
            R.LISG_RECOMMENDATION_DUE,
            R.SCR_DECISION_WITHIN_ONE_MONTH,
        )
    ),
    "verify": DeadlineEffects(meets=(R.VERIFICATION_DUE.code,)),
    # While the notifier answers, the Business Manager is not late: the verification
    # clock stops, and starts again when the notification comes back. The month for the
    # SCR decision keeps running from the original notification.
    "return_for_information": DeadlineEffects(cancels=(R.VERIFICATION_DUE.code,)),
    "resubmit": DeadlineEffects(starts=(R.VERIFICATION_DUE,)),
    # The agencies' returns were for the LISG's discussion: once it has recommended, an
    # agency that has not answered is no longer late (Procedure A 4(i)).
    "lisg_recommend": DeadlineEffects(
        meets=(R.LISG_RECOMMENDATION_DUE.code,), cancels=R.AGENCY_RETURN_CODES
    ),
    "decide_scr": DeadlineEffects(
        starts=(R.OFSTED_AND_PANEL_TOLD, *_COMMISSIONED),
        meets=(R.SCR_DECISION_WITHIN_ONE_MONTH.code,),
    ),
    "decide_cpir": DeadlineEffects(
        starts=(*_NO_SCR_DECISION.starts, *_COMMISSIONED), meets=_NO_SCR_DECISION.meets
    ),
    "decide_other_review": DeadlineEffects(
        starts=(*_NO_SCR_DECISION.starts, *_COMMISSIONED), meets=_NO_SCR_DECISION.meets
    ),
    "decide_no_review": _NO_SCR_DECISION,
    # The SCR replaces the CPIR: its own six months and its own notifications start.
    "escalate_to_scr": DeadlineEffects(
        starts=(R.OFSTED_AND_PANEL_TOLD, *_COMMISSIONED),
        cancels=(
            R.PANEL_TOLD_WITHIN_14_DAYS.code,
            R.OFSTED_TOLD_OF_NO_SCR.code,
            R.REVIEW_COMPLETED_WITHIN_SIX_MONTHS.code,
        ),
    ),
    # A single-agency CPIR goes to neither the LISG nor the Chair (Procedure B 1(i)):
    # their clocks and the agencies' returns for the LISG stop; escalated back to them,
    # the case is considered afresh, as a reopened one is.
    "agree_single_agency": DeadlineEffects(
        cancels=(
            R.LISG_RECOMMENDATION_DUE.code,
            R.SCR_DECISION_WITHIN_ONE_MONTH.code,
            *R.AGENCY_RETURN_CODES,
        )
    ),
    "close_single_agency": DeadlineEffects(cancels_all=True),
    "escalate_single_agency": DeadlineEffects(
        starts=(R.LISG_RECOMMENDATION_DUE, R.SCR_DECISION_WITHIN_ONE_MONTH)
    ),
    "receive_report": DeadlineEffects(meets=(R.REVIEW_COMPLETED_WITHIN_SIX_MONTHS.code,)),
    "withdraw": DeadlineEffects(cancels_all=True),
    "close": DeadlineEffects(cancels_all=True),
    # A reopened case is considered afresh: the LISG recommendation and the decision
    # are due again, counted from the reopening (the original month has passed).
    "reopen": DeadlineEffects(starts=(R.LISG_RECOMMENDATION_DUE, R.SCR_DECISION_WITHIN_ONE_MONTH)),
}


# The type of review each commissioning step starts, for its completion target.
_REVIEW_TYPE = {
    "decide_scr": "scr",
    "escalate_to_scr": "scr",
    "decide_cpir": "cpir",
    "decide_other_review": "other_review",
    # A partnership's local child safeguarding practice review is timed as an SCR.
    "partners_decide_lcspr": "scr",
    "partners_decide_other_review": "other_review",
}


# A safeguarding partnership's case (framework wt-2023): once the Business Manager judges
# the incident notifiable, the Panel is notified within 5 working days of the local
# authority becoming aware (from submission until that day is known; from the judgement
# when a case judged not notifiable is judged notifiable later), and the rapid review sent
# within 15 working days of that notification (docs/deadlines.md). A case judged not
# notifiable has no Panel clock.
PARTNERSHIP_EFFECTS: dict[str, DeadlineEffects] = {
    "judge_notifiable": DeadlineEffects(starts=(R.PANEL_NOTIFIED_WITHIN_5_WORKING_DAYS,)),
    "judge_not_notifiable": DeadlineEffects(cancels=(R.PANEL_NOTIFIED_WITHIN_5_WORKING_DAYS.code,)),
    "notify_panel": DeadlineEffects(
        starts=(R.RAPID_REVIEW_WITHIN_15_WORKING_DAYS,),
        meets=(R.PANEL_NOTIFIED_WITHIN_5_WORKING_DAYS.code,),
    ),
    # The agencies' returns were for the rapid review: once it is sent, an agency that has
    # not answered is no longer late.
    "send_rapid_review": DeadlineEffects(
        meets=(R.RAPID_REVIEW_WITHIN_15_WORKING_DAYS.code,), cancels=R.AGENCY_RETURN_CODES
    ),
    "partners_decide_lcspr": DeadlineEffects(starts=_COMMISSIONED),
    "partners_decide_other_review": DeadlineEffects(starts=_COMMISSIONED),
    "receive_report": DeadlineEffects(meets=(R.REVIEW_COMPLETED_WITHIN_SIX_MONTHS.code,)),
    "withdraw": DeadlineEffects(cancels_all=True),
    "partners_close": DeadlineEffects(cancels_all=True),
    # A reopened case goes back to the rapid review, due again from the reopening.
    "reopen": DeadlineEffects(starts=(R.RAPID_REVIEW_WITHIN_15_WORKING_DAYS,)),
}
EFFECTS_OF: dict[Framework, dict[str, DeadlineEffects]] = {
    Framework.BF_LSCB_2015: EFFECTS,
    Framework.WT_2023: PARTNERSHIP_EFFECTS,
}


@on_transition
def deadlines_follow_transition(made: TransitionMade) -> None:
    case = made.notification
    framework = framework_of(case.framework)
    if (
        made.transition.name == "submit"
        and framework is Framework.BF_LSCB_2015
        and case.review_sought == ReviewSought.INTER_AGENCY_CPIR
    ):
        _crnf_a_recorded(made)
    effects = EFFECTS_OF[framework].get(made.transition.name)
    if effects is None:
        return
    if effects.cancels_all:
        deadlines_cancel(notification=case, at=made.at)
    if effects.cancels:
        deadlines_cancel(notification=case, at=made.at, codes=effects.cancels)
    # A step recorded after it happened (the notification to the Panel, by the date it was
    # sent) meets its deadlines, and starts the next, from when it happened.
    if effects.meets:
        deadlines_meet(notification=case, codes=effects.meets, at=made.happened_at)
    # The month runs from the original notification, even after a return for information;
    # the Panel's 5 working days from the local authority's awareness, known or not yet.
    from_submission = made.transition.name in {"submit", "judge_notifiable"}
    started = case.submitted_at or made.at if from_submission else made.happened_at
    deadlines_start(
        notification=case,
        starts=[
            (
                review_completion_rule(_REVIEW_TYPE[made.transition.name])
                if rule is R.REVIEW_COMPLETED_WITHIN_SIX_MONTHS
                else configured(rule),
                # From the local authority becoming aware, when the form says (s16C).
                panel_clock_started_at(case, started)
                if rule is R.PANEL_NOTIFIED_WITHIN_5_WORKING_DAYS
                else started,
            )
            for rule in effects.starts
        ],
    )


def _crnf_a_recorded(made: TransitionMade) -> None:
    """The 24 hours run from the consultation with the Agency lead or Business Manager,
    which happens before the notification is submitted: the deadline is recorded at
    submission and ended at once, met or late. With no consultation there is no clock."""
    case = made.notification
    if case.consulted_at is None:
        return
    deadline_record_ended(
        notification=case,
        rule=R.CRNF_A_WITHIN_24_HOURS,
        started_at=case.consulted_at,
        ended_at=made.at,
    )


# A case moved to another framework before any decision (`notification_framework_move`):
# its open deadlines end, and the new framework's are started as if it had followed that
# framework from its submission (the month and the five working days run from the original
# notification, the five days from the local authority's awareness when it is known; a
# step the case is now waiting for runs from the move).
_FROM_SUBMISSION = frozenset(
    {
        R.PANEL_NOTIFIED_WITHIN_5_WORKING_DAYS.code,
        R.SCR_DECISION_WITHIN_ONE_MONTH.code,
        R.LISG_RECOMMENDATION_DUE.code,
    }
)
_AFTER_MOVE: dict[tuple[Framework, str], tuple[rules.DeadlineRule, ...]] = {
    # A case moved to a partnership before the Business Manager judged it notifiable has no
    # Panel clock: it starts with that judgement.
    (Framework.WT_2023, Status.RAPID_REVIEW): (R.RAPID_REVIEW_WITHIN_15_WORKING_DAYS,),
    (Framework.BF_LSCB_2015, Status.SUBMITTED): (
        R.VERIFICATION_DUE,
        R.LISG_RECOMMENDATION_DUE,
        R.SCR_DECISION_WITHIN_ONE_MONTH,
    ),
    (Framework.BF_LSCB_2015, Status.RETURNED_FOR_INFORMATION): (
        R.LISG_RECOMMENDATION_DUE,
        R.SCR_DECISION_WITHIN_ONE_MONTH,
    ),
    (Framework.BF_LSCB_2015, Status.UNDER_CONSIDERATION): (
        R.LISG_RECOMMENDATION_DUE,
        R.SCR_DECISION_WITHIN_ONE_MONTH,
    ),
}


@on_framework_move
def deadlines_follow_framework_move(moved: FrameworkMoved) -> None:
    case = moved.notification
    deadlines_cancel(notification=case, at=moved.at)
    deadlines_start(
        notification=case,
        starts=[
            (configured(rule), _started_after_move(case, rule, moved))
            for rule in _AFTER_MOVE.get((Framework(case.framework), case.status), ())
        ],
    )


def _started_after_move(
    case: Notification, rule: rules.DeadlineRule, moved: FrameworkMoved
) -> datetime:
    started = case.submitted_at or moved.at if rule.code in _FROM_SUBMISSION else moved.at
    if rule is R.PANEL_NOTIFIED_WITHIN_5_WORKING_DAYS:
        return panel_clock_started_at(case, started)
    return started


@on_awareness_recorded
def panel_deadline_follows_awareness(recorded: AwarenessRecorded) -> None:
    """The day the local authority became aware, recorded or corrected before the Panel is
    notified: the open 5 working days are counted again from it (ended and started anew,
    so the reminders of the new due moment are sent, and there is one open at a time)."""
    case = recorded.notification
    rule = R.PANEL_NOTIFIED_WITHIN_5_WORKING_DAYS
    started = panel_clock_started_at(case, case.submitted_at or recorded.at)
    deadline_restart(notification=case, rule=configured(rule), started_at=started, at=recorded.at)
