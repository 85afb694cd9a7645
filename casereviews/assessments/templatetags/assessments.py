"""Tags for the case page: the return message for the notifier, the verify link for the
Business Manager."""

from __future__ import annotations

from typing import Any

from django import template

from casereviews.assessments.selectors import latest_return
from casereviews.notifications.models import Notification
from casereviews.policy import Action, may

register = template.Library()


@register.inclusion_tag("assessments/includes/return_message.html")
def verification_return(notification: Notification) -> dict[str, Any]:
    return {"return_decision": latest_return(notification)}


@register.inclusion_tag("assessments/includes/verify_link.html", takes_context=True)
def verify_link(context: dict[str, Any], notification: Notification) -> dict[str, Any]:
    user = context["request"].user
    return {
        "notification": notification,
        "may_verify": may(user, Action.NOTIFICATION_VERIFY, notification),
    }
