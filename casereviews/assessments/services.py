"""Writes: storing assessments, tagging themes and recording the verification decision."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.assessments.models import (
    CriteriaAssessment,
    NotificationTheme,
    Outcome,
    Theme,
    VerificationDecision,
)
from casereviews.assessments.selectors import (
    assessment_facts,
    latest_assessment,
    notification_date,
    outcome_agrees,
)
from casereviews.audit.services import audit_record
from casereviews.criteria import InvalidFacts, assess, get_ruleset, parse_facts, ruleset_in_force
from casereviews.kit.refusal import require
from casereviews.notifications.models import Notification
from casereviews.policy import Action
from casereviews.workflow.services import notification_transition, timeline_add


class VerificationRefused(Exception):
    """The decision cannot be recorded as given; `field` is where the message belongs."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def criteria_assessment_refresh(
    *, notification: Notification, by: User, on: date | None = None
) -> CriteriaAssessment | None:
    """Assess the notification's facts and store the answer, unless the latest stored
    assessment already has the same facts and ruleset. Facts the engine refuses are not
    stored (the verification page shows why); returns the latest assessment, if any."""
    facts = assessment_facts(notification)
    # A partnership's case is judged by its framework's ruleset; a 2015 case by the one in
    # force on its notification date (the same procedure, `docs/criteria.md`).
    ruleset = (
        get_ruleset(notification.framework)
        if notification.framework != "bf-lscb-2015"
        else ruleset_in_force(on or notification_date(notification))
    )
    latest = latest_assessment(notification)
    if (
        latest is not None
        and latest.facts == facts
        and (latest.ruleset, latest.ruleset_version) == (ruleset.code, ruleset.version)
    ):
        return latest
    try:
        parsed = parse_facts(facts)
    except InvalidFacts:
        return latest
    answer: dict[str, Any] = assess(parsed, ruleset).as_dict()
    return CriteriaAssessment.objects.create(
        notification=notification,
        ruleset=ruleset.code,
        ruleset_version=ruleset.version,
        facts=facts,
        answer=answer,
        recommendation=answer["recommendation"],
        assessed_at=timezone.now(),
        by=by,
    )


def notification_themes_set(
    *,
    notification: Notification,
    themes: list[Theme],
    by: User,
    request: HttpRequest | None = None,
) -> CriteriaAssessment | None:
    """Tag the notification with exactly these themes, then reassess: the themes decide
    whether similar issues were previously reviewed."""
    with transaction.atomic():
        before = set(notification.theme_tags.values_list("theme__code", flat=True))
        after = {theme.code for theme in themes}
        notification.theme_tags.exclude(theme__code__in=after).delete()
        now = timezone.now()
        for theme in themes:
            if theme.code not in before:
                NotificationTheme.objects.create(
                    notification=notification, theme=theme, tagged_by=by, tagged_at=now
                )
        if before != after:
            audit_record(
                request=request,
                actor=by,
                action="notification.themes_set",
                obj=notification,
                detail={"added": sorted(after - before), "removed": sorted(before - after)},
            )
        return criteria_assessment_refresh(notification=notification, by=by)


def notification_verification_record(
    *,
    notification: Notification,
    outcome: Outcome,
    by: User,
    expected_version: int,
    reason: str = "",
    review_to_consider: str = "",
    message: str = "",
    request: HttpRequest | None = None,
) -> VerificationDecision:
    """Record the Business Manager's decision and make its transition, in one transaction:
    `verify` for the three verified or not-met outcomes, `return_for_information` with
    the message for a return. Disagreeing with the engine needs a reason.

    Raises `VerificationRefused`, or the workflow's `TransitionRefused` and
    `NotificationChanged`; nothing is written when any is raised."""
    require(
        by, Action.NOTIFICATION_VERIFY, notification, message="You cannot verify this notification"
    )
    reason, review_to_consider, message = (
        reason.strip(),
        review_to_consider.strip(),
        message.strip(),
    )
    with transaction.atomic():
        assessment = criteria_assessment_refresh(notification=notification, by=by)
        recommendation = assessment.recommendation if assessment is not None else ""
        agrees = outcome_agrees(outcome, recommendation)
        if outcome == Outcome.RETURNED and not message:
            raise VerificationRefused("message", "Enter what the notifier needs to tell you")
        if outcome == Outcome.NOT_MET and not review_to_consider:
            raise VerificationRefused(
                "review_to_consider", "Enter the review or audit the board should consider"
            )
        if agrees is False and not reason:
            raise VerificationRefused(
                "reason", "Enter why your decision differs from the recommendation"
            )
        transition_reason = message if outcome == Outcome.RETURNED else reason
        notification_transition(
            notification=notification,
            name="return_for_information" if outcome == Outcome.RETURNED else "verify",
            by=by,
            expected_version=expected_version,
            reason=transition_reason,
            request=request,
        )
        decision = VerificationDecision.objects.create(
            notification=notification,
            outcome=outcome,
            engine_recommendation=recommendation,
            assessment=assessment,
            agrees=agrees,
            reason=reason,
            review_to_consider=review_to_consider,
            message=message,
            by=by,
            at=timezone.now(),
        )
        detail_lines = [
            line
            for line in (
                f"Review or audit to consider: {review_to_consider}" if review_to_consider else "",
                f"Reason for differing from the recommendation: {reason}" if reason else "",
                f"Message to the notifier: {message}" if message else "",
            )
            if line
        ]
        timeline_add(
            notification=notification,
            kind=f"verification.{outcome}",
            text=Outcome(outcome).label,
            by=by,
            detail="\n".join(detail_lines),
        )
        audit_record(
            request=request,
            actor=by,
            action="notification.verification",
            obj=notification,
            detail={"outcome": str(outcome), "recommendation": recommendation, "agrees": agrees},
        )
    return decision
