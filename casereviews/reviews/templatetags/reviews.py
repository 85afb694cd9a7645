"""The link from the case page to its review: `{% load reviews %}{% case_review notification %}`."""

from __future__ import annotations

from typing import Any

from django import template

from casereviews.notifications.models import Notification
from casereviews.policy import Action, may

register = template.Library()


@register.inclusion_tag("reviews/includes/case_review.html", takes_context=True)
def case_review(context: dict[str, Any], notification: Notification) -> dict[str, Any]:
    shown = notification.reference is not None and may(
        context["request"].user, Action.REVIEW_VIEW, notification
    )
    return {"shown": shown, "case": notification}
