"""The content of a serious incident notification for the national form, from the case.

Under Working Together 2023 (framework wt-2023) the local authority notifies the Child
Safeguarding Practice Review Panel of a serious incident through the national online form
(Children Act 2004 s16C; WT 2023 chapter 5). The service does not send that form: it
gathers, on one page, what the case already holds in the order a person filling it in
needs it, and who must be told (the Panel, Ofsted, and the Secretary of State where a
looked-after child died). Reading it is audited like any read of the case.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.generic import View

from casereviews.audit.services import audit_record
from casereviews.frameworks.vocabulary import Framework
from casereviews.notifications.models import LookedAfter, Notification
from casereviews.policy import Action, get_in_scope_or_404
from casereviews.policy.views import PolicyMixin

_ABUSE = {"known": "Known", "suspected": "Suspected", "not_suspected": "Not suspected"}


def _yes_no(value: object) -> str:
    if value is True:
        return "Yes"
    return "No" if value is False else "Not known"


def panel_notification_content(notification: Notification) -> dict[str, Any]:
    """What the national form asks, from the case: the child, the incident, what is known
    of abuse or neglect, and who must be told."""
    facts = notification.criteria_facts or {}
    child = notification.subject_child
    looked_after = child is not None and child.looked_after == LookedAfter.NOW
    died = facts.get("child_died") is True or facts.get("suspected_suicide") is True
    abuse = facts.get("abuse_or_neglect")
    tell = ["The Child Safeguarding Practice Review Panel", "Ofsted"]
    if looked_after and died:
        tell.append("The Secretary of State (a looked-after child has died)")
    return {
        "child": child,
        "local_authority": (child.local_authority if child else "") or "Not given",
        "rows": [
            ("Date of the incident", notification.incident_date),
            # The Panel's 5 working days count from it (s16C; docs/deadlines.md).
            (
                "Date the local authority became aware",
                notification.local_authority_aware_on or "Not recorded yet",
            ),
            ("The child died", _yes_no(died if died else facts.get("child_died"))),
            ("The child was seriously harmed", _yes_no(facts.get("seriously_harmed"))),
            ("Abuse or neglect", _ABUSE.get(str(abuse), "Not known")),
            ("Looked after", child.get_looked_after_display() if child else "Not given"),
            (
                "Child protection plan",
                child.get_child_protection_plan_display() if child else "Not given",
            ),
            (
                "Open to children's social care",
                child.get_open_to_social_care_display() if child else "Not given",
            ),
        ],
        "what_happened": notification.what_happened,
        "tell": tell,
    }


class PanelNotificationView(PolicyMixin, View):
    """The notification's content for the national form, for a safeguarding partnership's
    case; any other case answers "not found"."""

    permission = Action.NOTIFICATION_VIEW
    scoped = True

    def get(self, request: HttpRequest, reference: str) -> HttpResponse:
        notification: Notification = get_in_scope_or_404(
            request.user, Action.NOTIFICATION_VIEW, reference=reference
        )
        if notification.framework != Framework.WT_2023:
            raise Http404("Not found")
        audit_record(
            request=request, action="notification.panel_notification_read", obj=notification
        )
        return render(
            request,
            "notifications/panel_notification.html",
            {"notification": notification, **panel_notification_content(notification)},
        )
