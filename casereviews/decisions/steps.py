"""The decisions' steps on the case page that are not transitions (`workflow.steps`)."""

from __future__ import annotations

from django.db.models import Subquery
from django.urls import reverse

from casereviews.accounts.models import User
from casereviews.decisions.models import ChairDecision, ExternalNotification
from casereviews.decisions.selectors import external_bodies_due
from casereviews.notifications.models import DECIDED_OR_LATER, Notification
from casereviews.policy import Action, may
from casereviews.workflow.steps import register_next_step


@register_next_step
def external_notification_step(user: User, notification: Notification) -> tuple[str, str] | None:
    """Offered once the Chair has decided, until both Ofsted and the National Panel are
    recorded as told of the latest decision (Procedure C 1(iii))."""
    if notification.status not in DECIDED_OR_LATER or not may(
        user, Action.EXTERNAL_NOTIFICATION_RECORD, notification
    ):
        return None
    # One read: the bodies recorded as told since the latest decision.
    latest = ChairDecision.objects.filter(notification=notification).order_by("-decided_at", "-id")
    told = set(
        ExternalNotification.objects.filter(
            notification=notification,
            recorded_at__gte=Subquery(latest.values("decided_at")[:1]),
        ).values_list("body", flat=True)
    )
    if external_bodies_due(notification) <= told:
        return None
    return (
        "Record that Ofsted or the National Panel was told",
        reverse("decisions:external-notification", args=[notification.reference]),
    )
