from __future__ import annotations

from casereviews.notifications.models import Notification
from casereviews.single_agency.models import SingleAgencyReview


def latest_single_agency_review(notification: Notification) -> SingleAgencyReview | None:
    return (
        SingleAgencyReview.objects.filter(notification=notification)
        .select_related("agency", "business_manager", "outcome_recorded_by")
        .order_by("-recorded_at", "-id")
        .first()
    )
