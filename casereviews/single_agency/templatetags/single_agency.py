"""The case page's record of a single-agency CPIR (Procedure B 1(i)).

On the case page: `{% load single_agency %}{% case_single_agency notification %}`."""

from __future__ import annotations

from typing import Any

from django import template

from casereviews.notifications.holdings import holds
from casereviews.notifications.models import Notification
from casereviews.single_agency.selectors import latest_single_agency_review

register = template.Library()


@register.inclusion_tag("single_agency/case_section.html")
def case_single_agency(notification: Notification) -> dict[str, Any]:
    """Shown to whoever sees the case page (its read is audited there)."""
    if not notification.reference or not holds(notification, "single_agency_reviews"):
        return {"review": None}
    return {"review": latest_single_agency_review(notification)}
