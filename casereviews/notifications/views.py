from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.views.generic import DetailView, ListView

from casereviews.audit.services import audit_record
from casereviews.frontend.keyset import keyset_page
from casereviews.notifications.crnf_cache import crnf_fragment
from casereviews.notifications.holdings import holds, with_holdings
from casereviews.notifications.models import Notification, Status
from casereviews.notifications.selectors import (
    NEWEST_STARTED_FIRST,
    NEWEST_SUBMITTED_FIRST,
    board_notifications,
    my_notifications,
)
from casereviews.policy import SIGNED_IN, Action, answer_together, get_in_scope_or_404, may
from casereviews.policy.views import PolicyMixin


class MyNotificationsView(PolicyMixin, ListView[Notification]):
    """The notifications this person has written, in every board."""

    permission = SIGNED_IN
    template_name = "notifications/mine.html"
    context_object_name = "notifications"

    def get_queryset(self) -> QuerySet[Notification]:
        return my_notifications(self.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        page = keyset_page(
            cast("QuerySet[Notification]", self.object_list),
            ordering=NEWEST_STARTED_FIRST,
            request=self.request,
        )
        return super().get_context_data(object_list=page.rows, page=page, **kwargs)


class BoardNotificationsView(PolicyMixin, ListView[Notification]):
    """Every submitted notification of the current board, for its Business Manager."""

    permission = Action.NOTIFICATION_LIST_BOARD
    template_name = "notifications/board.html"
    context_object_name = "notifications"

    def get_queryset(self) -> QuerySet[Notification]:
        # The policy has checked the role in the current board, so there is one.
        assert self.board is not None
        self.status = self.request.GET.get("status", "")
        if self.status not in Status.values or self.status == Status.DRAFT:
            self.status = ""
        return board_notifications(self.user, self.board, status=self.status)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        page = keyset_page(
            cast("QuerySet[Notification]", self.object_list),
            ordering=NEWEST_SUBMITTED_FIRST,
            request=self.request,
        )
        return super().get_context_data(
            object_list=page.rows,
            page=page,
            status=self.status,
            statuses=[(value, label) for value, label in Status.choices if value != Status.DRAFT],
            may_import=may(self.user, Action.CASES_IMPORT, board=self.board),
            **kwargs,
        )


# What the case page's sections ask the policy about the case (its own template tags, each
# in its app), answered together in one query instead of one query each. One missing here
# is still answered, by a query of its own; `tests/frontend/test_list_costs.py` bounds
# the page's queries.
CASE_PAGE_QUESTIONS = (
    Action.NOTIFICATION_VIEW,
    Action.NOTIFICATION_EDIT_DRAFT,
    Action.NOTIFICATION_VERIFY,
    Action.LOCAL_AUTHORITY_AWARENESS_RECORD,
    Action.AGENCY_INFORMATION_REQUEST,
    Action.EXTERNAL_NOTIFICATION_RECORD,
    Action.REVIEW_VIEW,
    Action.CASE_PAPERS_VIEW,
    Action.LISG_MEETING_ASSIGN,
    Action.DISCLOSURE_DECISION_RECORD,
    Action.LISG_GO_AHEAD_RECORD,
    Action.COMMUNICATION_VIEW,
    Action.COMMUNICATION_DRAFT,
)


class NotificationDetailView(PolicyMixin, DetailView[Notification]):
    """The case page and the notifier's status page: the CRNF A and its timeline. Every
    read is audited. Possible duplicates are shown to the board's Business Manager only."""

    permission = Action.NOTIFICATION_VIEW
    scoped = True
    template_name = "notifications/detail.html"
    context_object_name = "notification"

    def get_object(self, queryset: QuerySet[Notification] | None = None) -> Notification:
        # Read with what it holds, so that a section with nothing to show asks nothing.
        notification: Notification = get_in_scope_or_404(
            self.request.user,
            Action.NOTIFICATION_VIEW,
            reading=with_holdings,
            reference=self.kwargs["reference"],
        )
        audit_record(request=self.request, action="notification.read", obj=notification)
        return notification

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        notification = self.object
        answer_together(self.user, notification, CASE_PAGE_QUESTIONS)
        context["crnf"] = crnf_fragment(notification)
        context["timeline"] = notification.timeline.select_related("by")
        if holds(notification, "possible_duplicates") and may(
            self.user, Action.NOTIFICATION_LIST_BOARD, board=notification.board
        ):
            context["duplicates"] = notification.possible_duplicates.order_by("reference")
        context["may_edit"] = may(self.user, Action.NOTIFICATION_EDIT_DRAFT, notification)
        return context
