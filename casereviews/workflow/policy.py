"""Which cases a person may act on at all; the transition table narrows it per step."""

from __future__ import annotations

from django.db.models import QuerySet

from casereviews.accounts.models import User
from casereviews.notifications.models import Notification
from casereviews.policy import Action, register_scope, scope


@register_scope(Notification, Action.NOTIFICATION_TRANSITION)
def actionable_notifications(user: User, action: Action) -> QuerySet[Notification]:
    """A person may only act on a case they may see."""
    return scope(user, Action.NOTIFICATION_VIEW)
