"""Which cases a person may act on at all; the transition table narrows it per step."""

from __future__ import annotations

from django.db.models import QuerySet

from casereviews.accounts.models import User
from casereviews.notifications.models import Notification
from casereviews.policy import Action, register_scope, scope
from casereviews.workflow.services import available_transitions


@register_scope(Notification, Action.NOTIFICATION_TRANSITION)
def actionable_notifications(user: User, action: Action) -> QuerySet[Notification]:
    """The cases, among those the person may see, on which the transition table lets
    them take a step now."""
    visible = scope(user, Action.NOTIFICATION_VIEW)
    actionable = [case.pk for case in visible if available_transitions(user, case)]
    return visible.filter(pk__in=actionable)
