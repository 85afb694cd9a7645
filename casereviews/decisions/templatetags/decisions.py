"""The Independent Chair's decision on the case page, with the decision letter and who
was told of it. `{% load decisions %}{% case_decision notification %}`."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import BooleanField, ExpressionWrapper, Q

from casereviews.decisions.models import ExternalNotification
from casereviews.decisions.selectors import decision_shown
from casereviews.notifications.models import DECIDED_OR_LATER, Notification
from casereviews.policy import Action, may

register = template.Library()


@register.inclusion_tag("decisions/includes/case_decision.html", takes_context=True)
def case_decision(context: dict[str, Any], notification: Notification) -> dict[str, Any]:
    """Once decided: the decision, what it commissions, the reasons (with any reason for
    deciding against a "must", shown wherever the decision is), the letter; for the
    Business Manager, who was told and the documents sent. Nothing before (no query)."""
    if notification.status not in DECIDED_OR_LATER:
        return {"shown": False}
    decision = decision_shown(notification)
    if decision is None:
        return {"shown": False}
    user = context["request"].user
    records = may(user, Action.EXTERNAL_NOTIFICATION_RECORD, notification)
    told = (
        list(
            ExternalNotification.objects.filter(notification=notification)
            .only("pk", "body", "told_at", "how", "body_reference", "notification_id")
            .annotate(kept=ExpressionWrapper(~Q(document=""), output_field=BooleanField()))
            .order_by("-told_at", "-id")[:20]
        )
        if records
        else []
    )
    return {
        "shown": True,
        "case": notification,
        "decision": decision,
        "records": records,
        "told": told,
    }
