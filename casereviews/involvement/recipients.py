"""Who is told about a case: the one place that answers it for the agencies asked (their
leads, else the agency's secure address) and for the people of a case (never one who
declared a conflict of interest in it). An agency nobody can be told is named before it
would be asked, and is not asked."""

from __future__ import annotations

from collections.abc import Iterable

from casereviews.accounts.models import User
from casereviews.boards.models import Board, Organisation, Role
from casereviews.notifications.models import Notification

HOW_TO_REACH = (
    "Ask the service's administrators to register a safeguarding lead for the agency or to "
    "add the agency's secure e-mail address, then ask it."
)


def agency_leads(organisation: Organisation, board: Board) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            organisation=organisation,
            role_grants__board=board,
            role_grants__role=Role.AGENCY_LEAD,
        )
        .distinct()
        .order_by("email")
    )


def agency_addresses(organisation: Organisation, board: Board) -> list[str]:
    """Where a request to the agency goes: each active lead in the board, or, with none,
    the agency's secure address; empty when nobody can be told."""
    leads = [lead.email for lead in agency_leads(organisation, board)]
    if leads:
        return leads
    return [organisation.secure_email] if organisation.secure_email else []


def unreachable(organisations: Iterable[Organisation], board: Board) -> list[Organisation]:
    """The agencies nobody can be told of a request (no lead and no secure address), in
    one query however many are asked about."""
    listed = list(organisations)
    led = set(
        User.objects.filter(
            is_active=True,
            organisation__in=[o.pk for o in listed if not o.secure_email],
            role_grants__board=board,
            role_grants__role=Role.AGENCY_LEAD,
        ).values_list("organisation", flat=True)
    )
    return [o for o in listed if not o.secure_email and o.pk not in led]


def not_conflicted(notification: Notification, people: Iterable[User]) -> list[User]:
    """The people of a case's e-mail or pick-list, less anyone who declared a conflict
    of interest in the case (they no longer see it) and anyone no longer active."""
    conflicted = set(notification.lisg_conflicts.values_list("member_id", flat=True))
    return [p for p in people if p.is_active and p.pk not in conflicted]


def names(organisations: Iterable[Organisation]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    listed = [o.name for o in organisations]
    if len(listed) <= 1:
        return "".join(listed)
    return f"{', '.join(listed[:-1])} and {listed[-1]}"
