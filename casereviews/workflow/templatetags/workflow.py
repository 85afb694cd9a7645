"""The case page's "what you can do next", status labels, and the Panel's response to a
partnership's rapid review.

On the case page: `{% load workflow %}{% case_actions notification %}`."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from casereviews.boards.models import Role
from casereviews.frameworks.vocabulary import Framework
from casereviews.notifications.models import ASKING_AGENCIES, NOT_OPEN, Notification, Status
from casereviews.notifications.policy import sees_through
from casereviews.policy import Action, may
from casereviews.workflow.guards import step_offered
from casereviews.workflow.panel_notification import panel_notification_of
from casereviews.workflow.services import (
    PANEL_RESPONSE_STATES,
    PANEL_RESPONSES,
    available_transitions,
    panel_response_of,
)
from casereviews.workflow.steps import next_steps
from casereviews.workflow.words import status_sentence as _status_sentence

register = template.Library()

# The link to a record page several steps share, where the step's own label would not fit.
SHARED_PAGE_LABELS = {
    "workflow:partners-decision": "Record your agreement to the safeguarding partners' decision"
}


@register.filter
def status_label(value: str) -> str:
    try:
        return str(Status(value).label)
    except ValueError:
        return value


@register.filter
def status_sentence(notification: Notification) -> str:
    """Where the case stands, as a sentence (`casereviews.workflow.words`)."""
    return _status_sentence(notification)


@register.filter
def question_label(form: Any, name: str) -> str:
    """The label of the field that asks the page's question (the page's heading)."""
    return str(form[name].label)


@register.inclusion_tag("workflow/includes/case_actions.html", takes_context=True)
def case_actions(context: dict[str, Any], notification: Notification) -> dict[str, Any]:
    """Links to the steps this person may take on this case now, less those a guard
    says are never for this case (`step_offered`); the labels come from the transition
    table."""
    request = context["request"]
    user = request.user
    links: list[tuple[str, str]] = []
    # A side step (return, escalate) is offered after the case's next real step, and a
    # step that ends the case (withdraw) last of all.
    side_steps: list[tuple[str, str]] = []
    ending: list[tuple[str, str]] = []
    for transition in available_transitions(user, notification):
        if transition.record_page == "assessments:verify" or transition.notifier_may:
            # The verification page and the notifier's form have their own buttons.
            continue
        if not step_offered(transition.name, notification):
            continue
        page = transition.record_page or "workflow:transition"
        args = [notification.reference] + ([] if transition.record_page else [transition.name])
        url = reverse(page, args=args)
        # Steps that share one record page (a partnership's judgement whether the incident
        # is notifiable, either way; the partners' decision) are one link.
        if url in (known for _, known in (*links, *side_steps, *ending)):
            continue
        label = SHARED_PAGE_LABELS.get(page, transition.label)
        if transition.side_step and transition.target in NOT_OPEN:
            ending.append((label, url))
        elif transition.side_step:
            side_steps.append((label, url))
        else:
            links.append((label, url))
    if (
        notification.framework == "wt-2023"
        and notification.status in PANEL_RESPONSE_STATES
        and sees_through(user, notification, {Role.BUSINESS_MANAGER})
    ):
        links.append(
            (
                "Record the Panel's response",
                reverse("workflow:panel-response", args=[notification.reference]),
            )
        )
    if may(user, Action.LOCAL_AUTHORITY_AWARENESS_RECORD, notification):
        recorded = notification.local_authority_aware_on is not None
        links.append(
            (
                "Correct when the local authority became aware"
                if recorded
                else "Record when the local authority became aware",
                reverse("workflow:local-authority-aware", args=[notification.reference]),
            )
        )
    if notification.status in ASKING_AGENCIES and may(
        user, Action.AGENCY_INFORMATION_REQUEST, notification
    ):
        links.append(
            (
                "Ask the partner agencies for information",
                reverse("decisions:involvement-request", args=[notification.reference]),
            )
        )
    links.extend(next_steps(user, notification))
    return {"links": links + side_steps + ending}


@register.inclusion_tag("workflow/includes/panel_response.html")
def case_panel_response(notification: Notification) -> dict[str, Any]:
    """A partnership's case once its rapid review is with the Panel: whether the Panel
    will carry out a national review, or that its answer is awaited."""
    shown = (
        notification.framework == Framework.WT_2023 and notification.status in PANEL_RESPONSE_STATES
    )
    response = panel_response_of(notification) if shown else None
    return {
        "notified": panel_notification_of(notification)
        if notification.framework == Framework.WT_2023
        else None,
        "shown": shown,
        "response": response,
        "answer": PANEL_RESPONSES[response.national_review] if response else "",
    }
