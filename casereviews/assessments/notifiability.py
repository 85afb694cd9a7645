"""Whether a safeguarding partnership's incident is notifiable to the Child Safeguarding
Practice Review Panel (framework wt-2023): the Business Manager's (or a deputy's) judgement,
with the criteria engine's answer beside the question.

The local authority must notify the Panel of a serious child safeguarding incident
(Children Act 2004 s16C(1); Working Together 2023, chapter 5). Not every referral to a
partnership is one, so the judgement comes first: judged notifiable, the Panel's 5 working
days start (from the day the local authority became aware, `casereviews.deadlines.hooks`);
judged not notifiable, the case goes to the partners' decision on another form of learning
review or none, and no notification to the Panel or rapid review is asked of it. A case
judged not notifiable can be judged notifiable later, on new information: the clock starts
then. Departing from the engine's answer needs a reason.

The judgement is a `VerificationDecision` (outcome notifiable / not notifiable), the
2015 verification's record, so every Business Manager judgement on receipt is one history.
"""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.assessments.models import Outcome, VerificationDecision
from casereviews.assessments.services import VerificationRefused, criteria_assessment_refresh
from casereviews.audit.services import audit_record
from casereviews.boards.models import Role
from casereviews.criteria.wt2023 import PartnershipRecommendation
from casereviews.notifications.models import Notification, Status
from casereviews.notifications.policy import sees_through
from casereviews.workflow.guards import register_guard
from casereviews.workflow.services import TransitionRefused, notification_transition, timeline_add

P = PartnershipRecommendation
# The engine's answers that say the incident is notifiable. With too little information
# to rule it out, judging it not notifiable departs from the engine (as the 2015
# verification treats "insufficient information" as an SCR until ruled out).
ENGINE_NOTIFIABLE = frozenset(
    {P.LCSPR_CRITERIA_MET, P.SERIOUS_INCIDENT_NOTIFIABLE, P.INSUFFICIENT_INFORMATION}
)
PARTNERSHIP_RECOMMENDATION_LABELS: dict[str, str] = {
    P.LCSPR_CRITERIA_MET: "A serious child safeguarding case that meets the criteria for an "
    "LCSPR: notify the Panel and hold a rapid review",
    P.SERIOUS_INCIDENT_NOTIFIABLE: "A serious child safeguarding case: notify the Panel and "
    "hold a rapid review",
    P.INSUFFICIENT_INFORMATION: "Not enough information to rule out a serious child "
    "safeguarding case",
    P.OTHER_REVIEW: "Not a serious child safeguarding case: another form of learning review",
    P.NO_REVIEW: "Not a serious child safeguarding case: no review",
}
JUDGEMENTS = (Outcome.NOTIFIABLE, Outcome.NOT_NOTIFIABLE)
# Where the judgement can be recorded: on receipt, or later on new information.
JUDGED_FROM = frozenset({Status.SUBMITTED, Status.NOT_NOTIFIABLE})


def notifiability_agrees(notifiable: bool, recommendation: str) -> bool | None:
    """Does the judgement agree with the engine? None without an assessment."""
    if not recommendation:
        return None
    return notifiable == (recommendation in ENGINE_NOTIFIABLE)


def latest_judgement(notification: Notification) -> VerificationDecision | None:
    return (
        VerificationDecision.objects.filter(notification=notification, outcome__in=JUDGEMENTS)
        .order_by("-at", "-id")
        .first()
    )


@register_guard(
    "notify_panel",
    code="not_judged_notifiable",
    message="Record that the incident is notifiable to the Panel before recording the "
    "notification to it",
)
def judged_notifiable(case: Notification) -> bool:
    judgement = latest_judgement(case)
    return judgement is not None and judgement.outcome == Outcome.NOTIFIABLE


def notifiability_record(
    *,
    notification: Notification,
    notifiable: bool,
    by: User,
    expected_version: int,
    reason: str = "",
    request: HttpRequest | None = None,
) -> VerificationDecision:
    """Record whether the incident is notifiable, and make its step (`judge_notifiable`,
    whose deadlines hook starts the Panel's 5 working days, or `judge_not_notifiable`), in
    one transaction. Raises `VerificationRefused` (a reason is needed to depart from the
    engine), or the workflow's `TransitionRefused` and `NotificationChanged`; nothing is
    written when any is raised."""
    if not sees_through(by, notification, {Role.BUSINESS_MANAGER}):
        raise TransitionRefused("You cannot do this to this case", code="not_permitted")
    reason = reason.strip()
    outcome = Outcome.NOTIFIABLE if notifiable else Outcome.NOT_NOTIFIABLE
    with transaction.atomic():
        assessment = criteria_assessment_refresh(notification=notification, by=by)
        recommendation = assessment.recommendation if assessment is not None else ""
        agrees = notifiability_agrees(notifiable, recommendation)
        if agrees is False and not reason:
            raise VerificationRefused(
                "reason", "Enter why your judgement differs from the criteria engine's answer"
            )
        notification_transition(
            notification=notification,
            name="judge_notifiable" if notifiable else "judge_not_notifiable",
            by=by,
            expected_version=expected_version,
            reason=reason,
            request=request,
        )
        judgement = VerificationDecision.objects.create(
            notification=notification,
            outcome=outcome,
            engine_recommendation=recommendation,
            assessment=assessment,
            agrees=agrees,
            reason=reason,
            by=by,
            at=timezone.now(),
        )
        timeline_add(
            notification=notification,
            kind=f"notifiability.{outcome}",
            text=Outcome(outcome).label,
            by=by,
            detail=f"Reason for differing from the criteria engine: {reason}" if reason else "",
        )
        audit_record(
            request=request,
            actor=by,
            action="notification.notifiability",
            obj=notification,
            detail={"outcome": str(outcome), "recommendation": recommendation, "agrees": agrees},
        )
    return judgement
