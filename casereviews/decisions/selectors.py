"""Reads of the procedure records, for the workflow's guards and the case page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import OuterRef, QuerySet
from django.utils import timezone

from casereviews.assessments.models import CriteriaAssessment
from casereviews.assessments.selectors import RECOMMENDATION_LABELS, latest_assessment
from casereviews.boards.models import Organisation
from casereviews.criteria import Recommendation
from casereviews.deadlines import rules
from casereviews.deadlines.calendar import london_date
from casereviews.deadlines.models import Deadline, DeadlineState
from casereviews.decisions.models import (
    ChairDecision,
    ExternalBody,
    ExternalNotification,
    InvolvementRequest,
    LisgRecommendation,
    ReviewType,
)
from casereviews.notifications.models import Notification


def board_partners(notification: Notification) -> list[Organisation]:
    """The board's partner agencies, by name: those a review can be commissioned from."""
    return list(notification.board.partners.order_by("name"))


def latest_chair_decision(notification: Notification) -> ChairDecision | None:
    return (
        ChairDecision.objects.filter(notification=notification)
        .order_by("-decided_at", "-id")
        .first()
    )


def latest_lisg_recommendation(notification: Notification) -> LisgRecommendation | None:
    return (
        LisgRecommendation.objects.filter(notification=notification)
        .select_related("meeting")
        .order_by("-recorded_at", "-id")
        .first()
    )


def recommendation_shown(notification: Notification) -> LisgRecommendation | None:
    """The latest recommendation with the agencies it names, for a page (bounded)."""
    return (
        LisgRecommendation.objects.filter(notification=notification)
        .select_related("commissioning_agency")
        .prefetch_related("other_review_agencies")
        .order_by("-recorded_at", "-id")
        .first()
    )


def decision_shown(notification: Notification) -> ChairDecision | None:
    """The latest decision with what it commissioned and who decided, for a page or a
    document (bounded)."""
    return (
        ChairDecision.objects.filter(notification=notification)
        .select_related("commissioning_agency", "decided_by")
        .prefetch_related("other_review_agencies")
        .order_by("-decided_at", "-id")
        .first()
    )


def agency_information_requested(notification: Notification) -> bool:
    return InvolvementRequest.objects.filter(notification=notification).exists()


def bodies_told(notification: Notification, *, since_decision: ChairDecision | None) -> set[str]:
    """Which external bodies were recorded as told of the (latest) decision."""
    told = ExternalNotification.objects.filter(notification=notification)
    if since_decision is not None:
        told = told.filter(recorded_at__gte=since_decision.decided_at)
    return set(told.values_list("body", flat=True))


def scr_held(notification: Notification) -> bool:
    decision = latest_chair_decision(notification)
    return decision is not None and decision.decision == ReviewType.SCR


def external_bodies_due(notification: Notification) -> set[str]:
    """Who must be told of the latest decision: Ofsted and the National Panel, of every
    decision, SCR or not (Procedure C 1(iii))."""
    return {ExternalBody.OFSTED, ExternalBody.NATIONAL_PANEL}


def earliest_told_on(notification: Notification) -> tuple[date, str]:
    """The first day Ofsted or the National Panel can have been told of the decision,
    and what happened that day: the day the Independent Chair decided (C 1(iii): the
    board tells them of the decision), or, with no decision recorded, the day the case
    was notified."""
    decision = latest_chair_decision(notification)
    if decision is not None:
        return timezone.localdate(decision.decided_at), "when the Independent Chair decided"
    notified = notification.submitted_at or notification.created_at
    return timezone.localdate(notified), "when the case was notified"


def engine_recommendation(notification: Notification) -> str:
    """The criteria engine's latest recommendation for the case; empty without one."""
    assessment = latest_assessment(notification)
    return assessment.recommendation if assessment is not None else ""


@dataclass(frozen=True)
class EngineAnswer:
    """The stored assessment, as the Chair and the LISG read it beside their form."""

    assessment: CriteriaAssessment
    label: str
    findings: list[dict[str, str]]
    advisories: list[dict[str, str]]

    @property
    def must(self) -> bool:
        return self.assessment.recommendation == Recommendation.SCR_MANDATORY


def engine_answer(notification: Notification) -> EngineAnswer | None:
    assessment = latest_assessment(notification)
    if assessment is None:
        return None
    answer = assessment.answer if isinstance(assessment.answer, dict) else {}
    return EngineAnswer(
        assessment=assessment,
        label=RECOMMENDATION_LABELS.get(assessment.recommendation, assessment.recommendation),
        findings=list(answer.get("findings", [])),
        advisories=list(answer.get("advisories", [])),
    )


@dataclass(frozen=True)
class DecisionDue:
    """When the Chair's decision is due (one month from the notification, C 1(ii)) and
    how many days are left: negative once it is overdue."""

    due_at: datetime
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return -self.days_left


def decision_due(notification: Notification, *, now: datetime | None = None) -> DecisionDue | None:
    deadline = (
        Deadline.objects.filter(
            notification=notification,
            rule_code=rules.SCR_DECISION_WITHIN_ONE_MONTH.code,
            state=DeadlineState.OPEN,
        )
        .order_by("-started_at", "-id")
        .first()
    )
    if deadline is None:
        return None
    # Counted in London dates, as the rule is: due "today" leaves 0 days.
    days_left = (london_date(deadline.due_at) - london_date(now or timezone.now())).days
    return DecisionDue(due_at=deadline.due_at, days_left=days_left)


def escalations_of(notification: Notification | OuterRef) -> QuerySet[ChairDecision]:
    """The case's Chair decisions that escalate a CPIR to an SCR (Procedure C 1); also
    what the case page asks the case holds (`notifications.holdings`)."""
    return ChairDecision.objects.filter(notification=notification, escalates__isnull=False)
