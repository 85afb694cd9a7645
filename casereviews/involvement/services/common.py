from __future__ import annotations

from django.db.models import Model

from casereviews.accounts.models import User
from casereviews.notifications.models import Notification
from casereviews.policy import Action, may
from casereviews.workflow.services import TransitionRefused


def permitted(user: User, action: Action, obj: Model) -> None:
    """Refuse, as the workflow does, a person the policy does not allow."""
    if not may(user, action, obj):
        raise TransitionRefused("You cannot do this to this case", code="not_permitted")


def status_now(notification: Notification) -> str:
    """The status in the database, not in a copy loaded earlier."""
    return Notification.objects.values_list("status", flat=True).get(pk=notification.pk)
