from __future__ import annotations

from casereviews.notifications.models import Notification


def status_now(notification: Notification) -> str:
    """The status in the database, not in a copy loaded earlier."""
    return Notification.objects.values_list("status", flat=True).get(pk=notification.pk)
