"""Who is told when the Business Manager is to be told: the one place that addresses
them (e-mails of notifications, agencies' answers and deadlines all ask here).

The board's active Business Managers; while one of them is absent, the board's deputies
as well (the procedure's footnote: "where the LSCB Business Manager is unavailable,
please contact" a named second person). Where nobody can be reached (no active Business
Manager and no deputy), the service's administrators are told, so that no notification
is sent into the void."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.boards.models import Board, BusinessManagerAbsence, Role, RoleGrant


def business_managers_active(board: Board) -> QuerySet[User]:
    return User.objects.filter(
        role_grants__board=board, role_grants__role=Role.BUSINESS_MANAGER, is_active=True
    ).distinct()


def business_manager_absent(board: Board, on: date | None = None) -> bool:
    on = on or timezone.localdate()
    return BusinessManagerAbsence.objects.filter(
        board=board,
        starts_on__lte=on,
        ends_on__gte=on,
        person__is_active=True,
        person__role_grants__board=board,
        person__role_grants__role=Role.BUSINESS_MANAGER,
    ).exists()


def business_manager_recipients(board: Board, on: date | None = None) -> list[User]:
    """Everyone to tell in the Business Manager's place today, by id: the Business
    Managers, the deputies while one is absent or none is active, else the
    administrators."""
    managers = list(business_managers_active(board).order_by("id"))
    people = list(managers)
    if not managers or business_manager_absent(board, on):
        deputies = User.objects.filter(
            is_active=True, pk__in=board.bm_deputies.values("person")
        ).order_by("id")
        people += [d for d in deputies if d not in people]
    if not people:
        people = list(User.objects.filter(is_active=True, is_administrator=True).order_by("id"))
    return people


def boards_without_business_manager() -> QuerySet[Board]:
    """Boards no active person holds the Business Manager role in (administrators are
    warned of them)."""
    active_manager = RoleGrant.objects.filter(
        board=OuterRef("pk"), role=Role.BUSINESS_MANAGER, user__is_active=True
    )
    return Board.objects.exclude(Exists(active_manager)).order_by("name")
