"""The case page's section on communications with the family and the press.

On the case page: `{% load communications %}{% case_communications notification %}`."""

from __future__ import annotations

from typing import Any

from django import template

from casereviews.communications.selectors import CASE_PAGE_ROWS, case_log
from casereviews.notifications.holdings import holds
from casereviews.notifications.models import Notification
from casereviews.policy import Action, may

register = template.Library()


@register.inclusion_tag("communications/includes/case_section.html", takes_context=True)
def case_communications(context: dict[str, Any], notification: Notification) -> dict[str, Any]:
    user = context["request"].user
    if not notification.reference or not may(user, Action.COMMUNICATION_VIEW, notification):
        return {"shown": False}
    found = (
        list(case_log(notification)[: CASE_PAGE_ROWS + 1])
        if holds(notification, "communications")
        else []
    )
    return {
        "shown": True,
        "case": notification,
        "rows": found[:CASE_PAGE_ROWS],
        "more": len(found) > CASE_PAGE_ROWS,
        "may_draft": may(user, Action.COMMUNICATION_DRAFT, notification),
    }
