"""The agencies' part of the case page and the agency lead's requests on the home page.

`{% load involvement %}{% case_agencies notification %}` and `{% requests_for_my_agency %}`."""

from __future__ import annotations

from typing import Any

from django import template

from casereviews.frameworks.vocabulary import Framework, vocabulary
from casereviews.involvement.models import DisclosureDecision
from casereviews.involvement.selectors import (
    latest_go_ahead,
    meeting_of,
    no_longer_awaited,
    requests_for_agency_lead,
    unanswered_requests,
)
from casereviews.notifications.holdings import holds
from casereviews.notifications.models import ASKING_AGENCIES, Notification, Status
from casereviews.policy import Action, may

register = template.Library()


@register.inclusion_tag("involvement/includes/case_agencies.html", takes_context=True)
def case_agencies(context: dict[str, Any], notification: Notification) -> dict[str, Any]:
    """For those who see the agencies' answers (need to know): the meeting, the agencies
    yet to answer, the Business Manager's reason to go ahead, and the links."""
    user = context["request"].user
    if not may(user, Action.CASE_PAPERS_VIEW, notification):
        return {"shown": False}
    considering = notification.status in ASKING_AGENCIES
    unanswered = unanswered_requests(notification)
    lapsed = no_longer_awaited(notification, unanswered)
    waiting = [request for request in unanswered if request.pk not in lapsed]
    return {
        "shown": True,
        "case": notification,
        "meeting": meeting_of(notification) if holds(notification, "lisg_meeting") else None,
        "waiting": waiting,
        "not_answered": [request for request in unanswered if request.pk in lapsed],
        "go_ahead": latest_go_ahead(notification) if holds(notification, "go_ahead") else None,
        "answers_for": vocabulary(notification.framework).answers_for,
        "lisg_meetings": notification.framework == Framework.BF_LSCB_2015,
        # A LISG meeting is the 2015 procedure's (Procedure A 4(v)).
        "may_assign": notification.status == Status.UNDER_CONSIDERATION
        and may(user, Action.LISG_MEETING_ASSIGN, notification),
        "disclosures": DisclosureDecision.objects.filter(notification=notification)
        .select_related("holding_agency", "decided_by")
        .order_by("-decided_at", "-id")[:50]
        if holds(notification, "disclosure_decisions")
        else [],
        "may_disclose": may(user, Action.DISCLOSURE_DECISION_RECORD, notification),
        "may_go_ahead": considering
        and bool(waiting)
        and may(user, Action.LISG_GO_AHEAD_RECORD, notification),
    }


@register.inclusion_tag("involvement/includes/my_requests.html", takes_context=True)
def requests_for_my_agency(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    board = getattr(request, "board", None)
    return {"requests": requests_for_agency_lead(request.user, board), "board": board}
