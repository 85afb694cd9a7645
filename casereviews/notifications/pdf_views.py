"""The notification (CRNF A) as a PDF for the case file."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from casereviews.notifications import prepared
from casereviews.notifications.models import Notification
from casereviews.policy import Action, get_in_scope_or_404
from casereviews.policy.views import PolicyMixin
from casereviews.prepared.views import PrepareView


class NotificationPdfView(PolicyMixin, PrepareView):
    """The submitted CRNF A as a PDF for the case file, prepared by the worker
    (casereviews/prepared). Its download is audited like a read."""

    permission = Action.NOTIFICATION_VIEW
    scoped = True

    def to_prepare(self, request: HttpRequest, **kwargs: Any) -> tuple[str, dict[str, Any]]:
        notification: Notification = get_in_scope_or_404(
            request.user, Action.NOTIFICATION_VIEW, reference=kwargs["reference"]
        )
        return prepared.KIND, {"case": notification.reference}
