"""Reads for the verification page: the assessment, the agreement rule and similar cases."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from casereviews.assessments.models import (
    CriteriaAssessment,
    Outcome,
    PastReview,
    Theme,
    VerificationDecision,
)
from casereviews.criteria import InvalidFacts, Recommendation, parse_facts
from casereviews.notifications.crnf.description import fact_answer_text
from casereviews.notifications.models import Notification, Status
from casereviews.workflow.models import StatusChange

R = Recommendation
# The outcomes that agree with each recommendation. A discretionary SCR leaves the board
# free to commission an SCR or an alternative review, so every outcome agrees with it.
AGREEING: dict[str, frozenset[Outcome]] = {
    R.SCR_MANDATORY: frozenset({Outcome.VERIFIED_SCR}),
    R.SCR_EXPECTED: frozenset({Outcome.VERIFIED_SCR}),
    R.INSUFFICIENT_INFORMATION: frozenset({Outcome.VERIFIED_SCR}),
    R.CPIR: frozenset({Outcome.VERIFIED_CPIR}),
    R.CPIR_GOOD_PRACTICE: frozenset({Outcome.VERIFIED_CPIR}),
    R.SCR_DISCRETIONARY: frozenset({Outcome.VERIFIED_SCR, Outcome.VERIFIED_CPIR, Outcome.NOT_MET}),
    R.OTHER_REVIEW: frozenset({Outcome.NOT_MET}),
    R.NO_REVIEW: frozenset({Outcome.NOT_MET}),
}


def outcome_agrees(outcome: str, recommendation: str) -> bool | None:
    """Does the decision agree with the engine? None when the question does not arise:
    a return for information decides nothing, and without an assessment there is nothing
    to agree with."""
    if outcome == Outcome.RETURNED or not recommendation:
        return None
    return outcome in AGREEING.get(recommendation, frozenset())


def notification_date(notification: Notification) -> date:
    """The day the case was notified: its first submission. The ruleset in force then is
    the one it is judged by."""
    first = (
        StatusChange.objects.filter(notification=notification, transition="submit")
        .order_by("at", "id")
        .values_list("at", flat=True)
        .first()
    )
    moments = [m for m in (first, notification.submitted_at) if m is not None]
    return timezone.localdate(min(moments)) if moments else timezone.localdate()


def similar_past_reviews(notification: Notification) -> QuerySet[PastReview]:
    """The board's earlier reviews sharing at least one of the notification's themes."""
    themes = notification.theme_tags.values("theme")
    return (
        PastReview.objects.filter(board=notification.board_id, themes__in=themes)
        .distinct()
        .prefetch_related("themes")
    )


def similar_past_notifications(notification: Notification) -> QuerySet[Notification]:
    """Earlier notifications of the same board sharing a theme (never drafts)."""
    themes = notification.theme_tags.values("theme")
    return (
        Notification.objects.filter(board=notification.board_id, theme_tags__theme__in=themes)
        .exclude(pk=notification.pk)
        .exclude(status=Status.DRAFT)
        .distinct()
        .order_by("-submitted_at")
    )


def assessment_facts(notification: Notification) -> dict[str, Any]:
    """The facts the engine is given: the notifier's, and "similar issues previously
    reviewed" when the board's library holds a review sharing a theme of the case."""
    facts = dict(notification.criteria_facts or {})
    if similar_past_reviews(notification).exists():
        facts["similar_issues_previously_reviewed"] = True
    return facts


def facts_problem(notification: Notification) -> str:
    """Why the engine cannot assess the facts, or "" when it can."""
    try:
        parse_facts(assessment_facts(notification))
    except InvalidFacts as error:
        return str(error)
    return ""


def latest_assessment(notification: Notification) -> CriteriaAssessment | None:
    return (
        CriteriaAssessment.objects.filter(notification=notification)
        .order_by("-assessed_at", "-id")
        .first()
    )


def latest_return(notification: Notification) -> VerificationDecision | None:
    """The last return for information, while the notification is still returned."""
    if notification.status != Status.RETURNED_FOR_INFORMATION:
        return None
    return (
        VerificationDecision.objects.filter(notification=notification, outcome=Outcome.RETURNED)
        .order_by("-at", "-id")
        .first()
    )


def themes_all() -> QuerySet[Theme]:
    return Theme.objects.all()


RECOMMENDATION_LABELS: dict[str, str] = {
    R.SCR_MANDATORY: "A Serious Case Review must be commissioned (Regulation 5(2))",
    R.SCR_EXPECTED: "A Serious Case Review should be commissioned (death in a listed setting)",
    R.INSUFFICIENT_INFORMATION: "Not enough information to rule out a Serious Case Review",
    R.CPIR: "A Child Protection Incident Review (CPIR)",
    R.CPIR_GOOD_PRACTICE: "A CPIR to share good practice",
    R.SCR_DISCRETIONARY: "The board may commission a Serious Case Review or another review",
    R.OTHER_REVIEW: "A review or audit of practice by one or more agencies",
    R.NO_REVIEW: "No review",
}

FACT_LABELS: dict[str, str] = {
    "abuse_or_neglect": "Abuse or neglect",
    "child_died": "The child died",
    "suspected_suicide": "Suspected suicide",
    "seriously_harmed": "The child was seriously harmed",
    "inter_agency_concern": "Concern about how agencies worked together",
    "death_setting": "Where the child died",
    "age_years": "Age at the incident",
    "standards_not_met": "Standards not met",
    "learning": "Learning identified",
    "good_practice": "Good practice to share",
    "similar_issues_previously_reviewed": "Similar issues previously reviewed",
    "domestic_homicide": "Domestic homicide",
    "adult_at_risk": "An adult at risk",
    "mappa_offender": "A MAPPA offender",
    "criminal_proceedings": "Criminal proceedings",
    "coroner_inquest": "Coroner's inquest",
}


# The facts that only a death raises: left out of the summary for a child who lived.
ONLY_IF_THE_CHILD_DIED = frozenset({"suspected_suicide", "death_setting"})


def _value_label(value: Any) -> str:
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    if isinstance(value, list):
        return ", ".join(_value_label(v) for v in value) or "None identified"
    return str(value).replace("_", " ").capitalize()


def facts_summary(facts: dict[str, Any]) -> list[tuple[str, str]]:
    """The facts given, in the engine's order, as (question, answer) for a summary list;
    unknown facts read "Not known"."""
    rows = []
    for name, label in FACT_LABELS.items():
        if name in ONLY_IF_THE_CHILD_DIED and facts.get("child_died") is False:
            continue  # a living child: how and where a death happened is not asked
        value = facts.get(name)
        if value is None or value == "unknown":
            rows.append((label, "Not known"))
            continue
        # The form's own words for its answer (so "none" is never shown as "None").
        text = fact_answer_text(name, value)
        rows.append((label, text.replace("\n", "; ") if text else _value_label(value)))
    return rows


def missing_labels(missing: list[str]) -> list[str]:
    return [FACT_LABELS.get(name, name) for name in missing]
