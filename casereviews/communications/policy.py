"""Who may see and take each step of a communication with the family, significant others
or the press (Procedure A 4(v)). The log belongs to the case for its whole life, after
the decision too: the board's Business Manager, Independent Chair and LISG members see
it on every submitted case of their board. The Business Manager or a LISG member drafts;
a LISG member records the LISG's agreement; the Chair approves; the Business Manager or
the person named to deliver it records that it was delivered or held."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from casereviews.accounts.models import User
from casereviews.boards.models import Role
from casereviews.communications.models import Communication
from casereviews.notifications.models import OPEN, Notification, Status
from casereviews.policy import Action, boards_where, register_scope

# The roles whose members see the log and may be named to deliver a communication.
LOG_ROLES = (Role.BUSINESS_MANAGER, Role.INDEPENDENT_CHAIR, Role.LISG_MEMBER)


@register_scope(Notification, Action.COMMUNICATION_VIEW)
def cases_whose_communications_i_see(user: User, action: Action) -> QuerySet[Notification]:
    return Notification.objects.filter(
        ~Q(status=Status.DRAFT), board__in=boards_where(user, *LOG_ROLES)
    ).select_related("board")


@register_scope(Notification, Action.COMMUNICATION_DRAFT)
def cases_i_may_draft_for(user: User, action: Action) -> QuerySet[Notification]:
    """An open case (after it was submitted, before it is closed or withdrawn)."""
    return Notification.objects.filter(
        status__in=OPEN,
        board__in=boards_where(user, Role.BUSINESS_MANAGER, Role.LISG_MEMBER),
    ).select_related("board")


def _of_submitted_cases() -> QuerySet[Communication]:
    return Communication.objects.exclude(notification__status=Status.DRAFT).select_related(
        "notification", "notification__board"
    )


@register_scope(Communication, Action.COMMUNICATION_AGREE)
def communications_my_lisg_agrees(user: User, action: Action) -> QuerySet[Communication]:
    return _of_submitted_cases().filter(
        notification__board__in=boards_where(user, Role.LISG_MEMBER)
    )


@register_scope(Communication, Action.COMMUNICATION_APPROVE)
def communications_i_approve(user: User, action: Action) -> QuerySet[Communication]:
    return _of_submitted_cases().filter(
        notification__board__in=boards_where(user, Role.INDEPENDENT_CHAIR)
    )


@register_scope(Communication, Action.COMMUNICATION_OUTCOME_RECORD)
def communications_i_record_the_outcome_of(user: User, action: Action) -> QuerySet[Communication]:
    return _of_submitted_cases().filter(
        Q(notification__board__in=boards_where(user, Role.BUSINESS_MANAGER))
        | Q(deliverer=user, notification__board__in=boards_where(user, *LOG_ROLES))
    )
