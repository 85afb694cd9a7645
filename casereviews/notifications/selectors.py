"""Reads of notifications for pages; every list goes through the policy's scope."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.urls import reverse

from casereviews.accounts.models import User
from casereviews.boards.models import Board, Role
from casereviews.notifications.models import NOT_OPEN, Notification, Status
from casereviews.policy import Action, board_roles, scope


def notifications_visible_to(user: User, board: Board | None = None) -> QuerySet[Notification]:
    queryset = scope(user, Action.NOTIFICATION_VIEW)
    return queryset.filter(board=board) if board is not None else queryset


@dataclass
class AttentionSection:
    title: str
    empty: str
    notifications: list[Notification] = field(default_factory=list)
    link_text: str = ""
    link_url: str = ""
    row_url_name: str = "notifications:detail"


def attention_sections(user: User, board: Board | None) -> list[AttentionSection]:
    """The home page: what needs this person's attention in this board, role by role.
    The staff's lists of cases whose next step is theirs are the workflow's
    (`casereviews.workflow.selectors.waiting_sections`)."""
    if board is None:
        return []
    roles = board_roles(user).get(board.pk, frozenset())
    visible = notifications_visible_to(user, board)
    sections = []
    if roles & {Role.NOTIFIER, Role.AGENCY_LEAD, Role.BUSINESS_MANAGER}:
        sections.append(
            AttentionSection(
                "Your notifications",
                "You have no notifications in progress.",
                list(visible.filter(notifier=user).exclude(status=Status.CLOSED)[:10]),
                "All your notifications",
                reverse("notifications:mine"),
            )
        )
    if Role.AGENCY_LEAD in roles:
        sections.append(
            AttentionSection(
                "Notifications from your organisation",
                "There are no notifications from your organisation.",
                list(
                    visible.filter(organisation=user.organisation_id)
                    .exclude(status__in=(Status.DRAFT, Status.CLOSED))
                    .exclude(notifier=user)[:10]
                ),
            )
        )
    if Role.BUSINESS_MANAGER in roles:
        sections.append(
            AttentionSection(
                "Notifications to verify",
                "There are no notifications waiting to be verified.",
                list(visible.filter(status=Status.SUBMITTED)[:20]),
                row_url_name="assessments:verify",
            )
        )
    return sections


def notification_possible_duplicates(notification: Notification) -> QuerySet[Notification]:
    """Open notifications of the same board for a child with the same name (ignoring case
    and surrounding spaces) and date of birth. For the Business Manager only."""
    same_child = Q()
    for child in notification.children.exclude(date_of_birth=None):
        same_child |= Q(
            children__full_name__iexact=child.full_name.strip(),
            children__date_of_birth=child.date_of_birth,
        )
    if not same_child:
        return Notification.objects.none()
    return (
        Notification.objects.filter(same_child, board=notification.board_id)
        .exclude(pk=notification.pk)
        .exclude(status__in=NOT_OPEN)  # a case no longer open cannot be duplicated
        .distinct()
        .order_by("reference")
    )


def business_managers(board: Board) -> QuerySet[User]:
    return User.objects.filter(
        role_grants__board=board, role_grants__role=Role.BUSINESS_MANAGER, is_active=True
    ).distinct()
