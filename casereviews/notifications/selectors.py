"""Reads of notifications for pages; every list goes through the policy's scope."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Lower, Trim
from django.urls import reverse

from casereviews.accounts.models import User
from casereviews.boards.contacts import business_manager_recipients
from casereviews.boards.models import Board, Role
from casereviews.frameworks.vocabulary import DEFAULT_FRAMEWORK
from casereviews.notifications.models import NOT_OPEN, Child, Notification, Status
from casereviews.notifications.policy import viewable_in_board
from casereviews.policy import Action, board_roles, scope

# The order of every list of submitted cases, newest first; the indexes on
# `Notification` match it (its last key, the id, makes each row's place unique).
NEWEST_SUBMITTED_FIRST = ("-submitted_at", "-id")
# A notifier's own list holds drafts, which have no submission time yet.
NEWEST_STARTED_FIRST = ("-created_at", "-id")
# Only what the tables of cases show (notifications/includes/notification_table.html).
LIST_COLUMNS = (
    "reference",
    "status",
    "framework",
    "created_at",
    "submitted_at",
    "submitted_on_time",
    "imported_at",
    "organisation__name",
)


def notifications_visible_to(user: User, board: Board | None = None) -> QuerySet[Notification]:
    if board is None:
        return scope(user, Action.NOTIFICATION_VIEW)
    return viewable_in_board(user, board).select_related("organisation")


def notification_list(queryset: QuerySet[Notification]) -> QuerySet[Notification]:
    """A queryset of cases narrowed to the columns a list of them shows."""
    return queryset.select_related(None).select_related("organisation").only(*LIST_COLUMNS)


def board_notifications(user: User, board: Board, *, status: str = "") -> QuerySet[Notification]:
    """The submitted cases of a board this person may see, optionally in one status."""
    queryset = notifications_visible_to(user, board).exclude(status=Status.DRAFT)
    if status:
        queryset = queryset.filter(status=status)
    return notification_list(queryset)


def my_notifications(user: User) -> QuerySet[Notification]:
    """The notifications this person has written, drafts included, in every board."""
    return notification_list(scope(user, Action.NOTIFICATION_VIEW).filter(notifier=user))


@dataclass(frozen=True)
class WaitingItem:
    """One thing waiting that is not a case of its own: a communication, a meeting, an
    action; `text` is its link, `detail` what waits."""

    text: str
    url: str
    detail: str = ""


@dataclass
class AttentionSection:
    title: str
    empty: str
    notifications: list[Notification] = field(default_factory=list)
    link_text: str = ""
    link_url: str = ""
    row_url_name: str = "notifications:detail"
    items: list[WaitingItem] = field(default_factory=list)

    @property
    def waiting(self) -> bool:
        return bool(self.notifications or self.items)


def attention_sections(user: User, board: Board | None) -> list[AttentionSection]:
    """The home page: what needs this person's attention in this board, role by role.
    The staff's lists of cases whose next step is theirs are the workflow's
    (`casereviews.workflow.selectors.waiting_sections`)."""
    if board is None:
        return []
    roles = board_roles(user).get(board.pk, frozenset())
    visible = notification_list(notifications_visible_to(user, board))
    submitted = visible.exclude(status=Status.DRAFT).order_by(*NEWEST_SUBMITTED_FIRST)
    sections = []
    if roles & {Role.NOTIFIER, Role.AGENCY_LEAD, Role.BUSINESS_MANAGER}:
        sections.append(
            AttentionSection(
                "Your notifications",
                "You have no notifications in progress.",
                list(
                    visible.filter(notifier=user)
                    .exclude(status=Status.CLOSED)
                    .order_by(*NEWEST_STARTED_FIRST)[:10]
                ),
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
                    submitted.filter(organisation=user.organisation_id)
                    .exclude(status=Status.CLOSED)
                    .exclude(notifier=user)[:10]
                ),
            )
        )
    if Role.BUSINESS_MANAGER in roles:
        sections.append(
            AttentionSection(
                "Notifications to verify",
                "There are no notifications waiting to be verified.",
                # Verification is the 2015 procedure's step; a partnership's case waits
                # for the notification to the Panel instead (`workflow.selectors`).
                list(submitted.filter(status=Status.SUBMITTED, framework=DEFAULT_FRAMEWORK)[:20]),
                "All cases of the board",
                reverse("notifications:board"),
                row_url_name="assessments:verify",
            )
        )
    return sections


def notification_possible_duplicates(notification: Notification) -> QuerySet[Notification]:
    """Open notifications of the same board for a child with the same name (ignoring case
    and surrounding spaces) and date of birth. For the Business Manager only.

    One query of fixed shape, however many children the notification names: a join of
    its children with theirs (on the indexed date of birth), not a condition per child."""
    same_child_here = Child.objects.annotate(name_key=Lower(Trim("full_name"))).filter(
        notification=notification.pk,
        date_of_birth=OuterRef("date_of_birth"),
        name_key=OuterRef("name_key"),
    )
    theirs = (
        Child.objects.filter(notification=OuterRef("pk"), date_of_birth__isnull=False)
        .annotate(name_key=Lower(Trim("full_name")))
        .filter(Exists(same_child_here))
    )
    return (
        Notification.objects.filter(board=notification.board_id)
        .exclude(pk=notification.pk)
        .exclude(status__in=NOT_OPEN)  # a case no longer open cannot be duplicated
        .filter(Exists(theirs))
        .order_by("reference")
    )


def business_managers(board: Board) -> list[User]:
    """Whom to tell in the Business Manager's place: `boards.contacts` decides (the
    deputies while absent, the administrators when nobody else can be reached)."""
    return business_manager_recipients(board)
