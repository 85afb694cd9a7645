"""Writes of the learning app: the lessons library and the briefings of partners."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.assessments.models import NotificationTheme, PastReview, ReviewType, Theme
from casereviews.audit.services import audit_record
from casereviews.decisions.models import ChairDecision
from casereviews.decisions.models import ReviewType as Decision
from casereviews.learning.models import Briefing
from casereviews.notifications.models import Notification
from casereviews.reviews.models import PublicationForm, Recommendation, Review

# The library's type of review for each Chair decision that commissions one.
LIBRARY_TYPE = {
    Decision.SCR: ReviewType.SCR,
    Decision.CPIR: ReviewType.CPIR,
    Decision.OTHER_REVIEW: ReviewType.OTHER,
}


def decision_in_force(notification: Notification) -> ChairDecision | None:
    """The Chair's decision that stands: the latest (an escalation to an SCR replaces
    the CPIR decision it escalates)."""
    return (
        ChairDecision.objects.filter(notification=notification)
        .order_by("-decided_at", "-id")
        .first()
    )


def _from_the_review(notification: Notification) -> dict[str, str]:
    """What the review's records say of its lessons: its key lines of enquiry, its
    recommendations in their order, and where its report was published."""
    review = (
        Review.objects.filter(notification=notification)
        .select_related("publication")
        .only(
            "lines_of_enquiry",
            "publication__form",
            "publication__web_address",
            "publication__published_on",
        )
        .first()
    )
    if review is None:
        return {}
    recommendations = Recommendation.objects.filter(review=review).order_by("number")
    held = {
        "key_findings": (
            f"The review's key lines of enquiry:\n{review.lines_of_enquiry.strip()}"
            if review.lines_of_enquiry.strip()
            else ""
        ),
        "recommendations": "\n".join(
            f"{number}. {text.strip()}"
            for number, text in recommendations.values_list("number", "text")
        ),
    }
    publication = getattr(review, "publication", None)
    if (
        publication is not None
        and publication.form in (PublicationForm.FULL, PublicationForm.SUMMARY)
        and publication.published_on
    ):
        held["published_url"] = publication.web_address
    return {name: text for name, text in held.items() if text}


def lesson_from_closed_case(*, notification: Notification, at: datetime.datetime) -> None:
    """Put a case closed after a review into its board's library, with the case's themes,
    its key findings and recommendations taken from the review's records (its key lines
    of enquiry and its recommendations) and the address where its report was published.
    A case closed again after reopening keeps its entry, and what was written on it: the
    review's records fill only what is still empty. A case closed after a decision of no
    review held no review, and adds nothing."""
    decision = decision_in_force(notification)
    if decision is None or decision.decision not in LIBRARY_TYPE:
        return
    review_type = LIBRARY_TYPE[Decision(decision.decision)]
    found = {
        "board_id": notification.board_id,
        "title": f"{notification.reference}: {review_type.label}",
        "year": timezone.localdate(at).year,
        "type": review_type,
    }
    entry, _ = PastReview.objects.update_or_create(
        notification=notification, defaults=found, create_defaults={**found, "added_at": at}
    )
    tagged = NotificationTheme.objects.filter(notification=notification).values("theme")
    entry.themes.set(Theme.objects.filter(pk__in=tagged))
    held = _from_the_review(notification)
    empty = [name for name in held if not getattr(entry, name).strip()]
    for name in empty:
        setattr(entry, name, held[name])
    if empty:
        entry.save(update_fields=empty)


@transaction.atomic
def lesson_findings_record(
    *,
    request: HttpRequest,
    entry: PastReview,
    key_findings: str,
    recommendations: str,
    published_url: str,
) -> None:
    entry.key_findings = key_findings
    entry.recommendations = recommendations
    entry.published_url = published_url
    entry.save(update_fields=["key_findings", "recommendations", "published_url"])
    audit_record(request=request, action="lesson.findings_recorded", obj=entry)


@transaction.atomic
def briefing_record(
    *,
    request: HttpRequest,
    by: User,
    entry: PastReview,
    what: str,
    to_whom: str,
    given_on: datetime.date,
) -> Briefing:
    briefing = Briefing.objects.create(
        past_review=entry,
        what=what,
        to_whom=to_whom,
        given_on=given_on,
        recorded_by=by,
        recorded_at=timezone.now(),
    )
    audit_record(
        request=request,
        action="lesson.briefing_recorded",
        obj=entry,
        detail={"briefing": briefing.pk},
    )
    return briefing
