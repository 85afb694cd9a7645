from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.views.generic import DetailView, ListView

from casereviews.audit.services import audit_record
from casereviews.notifications.models import Notification, Status
from casereviews.notifications.selectors import notifications_visible_to
from casereviews.notifications.summary import crnf_sections
from casereviews.policy import SIGNED_IN, Action, get_in_scope_or_404, may
from casereviews.policy.views import PolicyMixin


class MyNotificationsView(PolicyMixin, ListView[Notification]):
    """The notifications this person has written, in every board."""

    permission = SIGNED_IN
    template_name = "notifications/mine.html"
    context_object_name = "notifications"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Notification]:
        return notifications_visible_to(self.user).filter(notifier=self.user)


class BoardNotificationsView(PolicyMixin, ListView[Notification]):
    """Every submitted notification of the current board, for its Business Manager."""

    permission = Action.NOTIFICATION_LIST_BOARD
    template_name = "notifications/board.html"
    context_object_name = "notifications"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Notification]:
        return notifications_visible_to(self.user, self.board).exclude(status=Status.DRAFT)


class NotificationDetailView(PolicyMixin, DetailView[Notification]):
    """The case page and the notifier's status page: the CRNF A and its timeline. Every
    read is audited. Possible duplicates are shown to the board's Business Manager only."""

    permission = Action.NOTIFICATION_VIEW
    scoped = True
    template_name = "notifications/detail.html"
    context_object_name = "notification"

    def get_object(self, queryset: QuerySet[Notification] | None = None) -> Notification:
        notification: Notification = get_in_scope_or_404(
            self.request.user, Action.NOTIFICATION_VIEW, reference=self.kwargs["reference"]
        )
        audit_record(request=self.request, action="notification.read", obj=notification)
        return notification

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        notification = self.object
        context["sections"] = crnf_sections(notification)
        context["timeline"] = notification.timeline.select_related("by")
        if may(self.user, Action.NOTIFICATION_LIST_BOARD, board=notification.board):
            context["duplicates"] = notification.possible_duplicates.order_by("reference")
        context["may_edit"] = may(self.user, Action.NOTIFICATION_EDIT_DRAFT, notification)
        return context
