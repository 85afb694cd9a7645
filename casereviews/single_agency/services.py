"""Recording a single-agency CPIR (Procedure B 1(i)) and its outcome. Each records its
record and makes the matching transition in one transaction, so a refused step leaves no
record behind; escalating it back to the board's chain marks the record escalated."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.boards.models import Organisation
from casereviews.kit.refusal import require
from casereviews.notifications.models import Notification
from casereviews.policy import Action
from casereviews.single_agency.codes import Code
from casereviews.single_agency.models import SingleAgencyReview
from casereviews.single_agency.selectors import latest_single_agency_review
from casereviews.workflow.services import (
    TransitionMade,
    TransitionRefused,
    notification_transition,
    on_transition,
)


def single_agency_review_record(
    *,
    notification: Notification,
    by: User,
    expected_version: int,
    agency: Organisation,
    agency_representative: str,
    agreed_on: date,
    request: HttpRequest | None = None,
) -> SingleAgencyReview:
    """The agency's representative and the Business Manager (`by`) agreed that the case
    is a single-agency CPIR; transition `agree_single_agency`."""
    with transaction.atomic():
        require(by, Action.SINGLE_AGENCY_CPIR_RECORD, notification)
        if agreed_on > timezone.localdate():
            raise TransitionRefused(
                "The date they agreed must be today or in the past",
                code=Code.AGREED_ON,
                field="agreed_on",
            )
        review = SingleAgencyReview.objects.create(
            notification=notification,
            agency=agency,
            agency_representative=agency_representative.strip(),
            agreed_on=agreed_on,
            business_manager=by,
            recorded_at=timezone.now(),
        )
        notification_transition(
            notification=notification,
            name="agree_single_agency",
            by=by,
            expected_version=expected_version,
            reason=f"Agreed with {review.agency_representative} of {agency.name}",
            request=request,
        )
    return review


def single_agency_outcome_record(
    *,
    notification: Notification,
    by: User,
    expected_version: int,
    outcome: str,
    learning: str,
    outcome_on: date,
    request: HttpRequest | None = None,
) -> SingleAgencyReview:
    """The board records the agency's review's outcome and learning and closes the case;
    transition `close_single_agency`."""
    with transaction.atomic():
        require(by, Action.SINGLE_AGENCY_CPIR_RECORD, notification)
        review = latest_single_agency_review(notification)
        if review is None or not review.is_open:
            raise TransitionRefused(
                "There is no open single-agency CPIR on this case", code=Code.NO_REVIEW
            )
        if not review.agreed_on <= outcome_on <= timezone.localdate():
            agreed = review.agreed_on
            raise TransitionRefused(
                f"The date of the outcome must be between {agreed.day} {agreed:%B %Y}, when "
                "the single-agency CPIR was agreed, and today",
                code=Code.OUTCOME_ON,
                field="outcome_on",
            )
        SingleAgencyReview.objects.filter(pk=review.pk).update(
            outcome=outcome.strip(),
            learning=learning.strip(),
            outcome_on=outcome_on,
            outcome_recorded_by=by,
            outcome_recorded_at=timezone.now(),
        )
        notification_transition(
            notification=notification,
            name="close_single_agency",
            by=by,
            expected_version=expected_version,
            reason=outcome,
            request=request,
        )
        review.refresh_from_db()
    return review


@on_transition
def mark_escalated(made: TransitionMade) -> None:
    """Escalated to the LISG and the Chair, the agency's review no longer closes the case."""
    if made.transition.name != "escalate_single_agency":
        return
    review = latest_single_agency_review(made.notification)
    if review is not None and review.is_open:
        SingleAgencyReview.objects.filter(pk=review.pk).update(escalated_at=made.at)
