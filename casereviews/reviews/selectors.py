"""Reads of the review's records, for the guards, the pages and the case page."""

from __future__ import annotations

from django.db.models import QuerySet

from casereviews.boards.models import Organisation
from casereviews.deadlines import rules
from casereviews.deadlines.models import Deadline
from casereviews.decisions.models import ReviewType
from casereviews.decisions.selectors import latest_chair_decision, latest_lisg_recommendation
from casereviews.involvement.models import Involvement, InvolvementReturn, ReturnState
from casereviews.notifications.models import Notification
from casereviews.reviews.models import (
    ActionStatus,
    DocumentKind,
    Review,
    ReviewAction,
    ReviewDocument,
    Reviewer,
    ReviewerRole,
)


def review_of(notification: Notification) -> Review | None:
    return Review.objects.filter(notification=notification).first()


def review_planned(notification: Notification) -> tuple[str, str]:
    """The type and methodology of the review as decided, before the review's own record
    says them: the Independent Chair's latest decision, and the methodology the LISG
    recommended for that type (the Chair's decision names none). Empty when undecided."""
    decision = latest_chair_decision(notification)
    if decision is None or decision.decision == ReviewType.NO_REVIEW:
        return "", ""
    recommendation = latest_lisg_recommendation(notification)
    methodology = (
        recommendation.get_methodology_display()
        if recommendation is not None and recommendation.review_type == decision.decision
        else ""
    )
    return decision.get_decision_display(), methodology


def reviewed_agencies(notification: Notification) -> QuerySet[Organisation]:
    """The agencies the review looks at: those that answered that they were involved
    with the child and family (Procedure A 4(i))."""
    involved = InvolvementReturn.objects.filter(
        request__notification=notification,
        state=ReturnState.SUBMITTED,
        involvement=Involvement.INVOLVED,
    ).values("request__organisation")
    return Organisation.objects.filter(pk__in=involved).order_by("name")


def latest_document(review: Review, kind: str) -> ReviewDocument | None:
    return ReviewDocument.objects.filter(review=review, kind=kind).order_by("-version").first()


def has_lead_reviewer(notification: Notification) -> bool:
    return Reviewer.objects.filter(
        review__notification=notification, role=ReviewerRole.LEAD
    ).exists()


def has_terms_of_reference(notification: Notification) -> bool:
    """A terms-of-reference document and the key lines of enquiry."""
    return (
        Review.objects.filter(notification=notification)
        .exclude(lines_of_enquiry="")
        .filter(documents__kind=DocumentKind.TERMS_OF_REFERENCE)
        .exists()
    )


def has_final_report(notification: Notification) -> bool:
    return ReviewDocument.objects.filter(
        review__notification=notification, kind=DocumentKind.FINAL_REPORT
    ).exists()


def has_open_action(notification: Notification) -> bool:
    """An action still to be done, or done and not yet checked as sustained."""
    return (
        ReviewAction.objects.filter(notification=notification)
        .exclude(status=ActionStatus.COMPLETE, sustained_on__isnull=False)
        .exists()
    )


def completion_deadline(notification: Notification) -> Deadline | None:
    """The review's completion target, as the deadline the decision started."""
    return (
        Deadline.objects.filter(
            notification=notification, rule_code=rules.REVIEW_COMPLETED_WITHIN_SIX_MONTHS.code
        )
        .order_by("-started_at", "-id")
        .first()
    )
