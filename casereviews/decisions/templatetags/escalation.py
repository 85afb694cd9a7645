"""The case page's link between a CPIR and the SCR it was escalated to (Procedure C 1:
"cases that are initially subject to a CPIR are escalated and managed within the SCR
process"), shown both ways: the CPIR names the SCR, the SCR names the CPIR.

On the case page: `{% load escalation %}{% case_escalation notification %}`."""

from __future__ import annotations

from typing import Any

from django import template

from casereviews.decisions.selectors import escalations_of
from casereviews.notifications.holdings import holds
from casereviews.notifications.models import Notification

register = template.Library()


@register.inclusion_tag("decisions/includes/escalation.html")
def case_escalation(notification: Notification) -> dict[str, Any]:
    """Every escalation of the case (a reopened case may hold more than one), oldest
    first, each with the CPIR decision it escalates."""
    if not notification.reference or not holds(notification, "escalations"):
        return {"escalations": []}
    escalations = list(
        escalations_of(notification)
        .select_related("escalates", "escalates__decided_by", "decided_by")
        .order_by("decided_at", "id")[:10]
    )
    return {"escalations": escalations}
