"""The decisions' steps on the case page that are not transitions (`workflow.steps`)."""

from __future__ import annotations

from django.urls import reverse

from casereviews.accounts.models import User
from casereviews.decisions.selectors import (
    bodies_told,
    external_bodies_due,
    latest_chair_decision,
)
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
    told = bodies_told(notification, since_decision=latest_chair_decision(notification))
    if external_bodies_due(notification) <= told:
        return None
    return (
        "Record that Ofsted or the National Panel was told",
        reverse("decisions:external-notification", args=[notification.reference]),
    )
