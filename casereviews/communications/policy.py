"""Who may see and take each step of a communication with the family, significant others
or the press (Procedure A 4(v)). The log belongs to the case for its whole life, after
the decision too: the board's Business Manager and Independent Chair see it on every
submitted case of their board, a LISG member on the cases before their meeting (the rule
of sight, `casereviews.notifications.policy.case_sight`). The Business Manager or a LISG
member drafts; a LISG member of the meeting that has the case, not conflicted in it,
records the LISG's agreement; the Chair approves; the Business Manager or the person
named to deliver it records that it was delivered or held."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from casereviews.accounts.models import User
from casereviews.boards.models import Role
from casereviews.communications.models import Communication
from casereviews.notifications.models import OPEN, Notification, Status
from casereviews.notifications.policy import case_scope
from casereviews.policy import Action, boards_where

# The roles whose members see the log and may be named to deliver a communication.
LOG_ROLES = (Role.BUSINESS_MANAGER, Role.INDEPENDENT_CHAIR, Role.LISG_MEMBER)


@case_scope(Notification, Action.COMMUNICATION_VIEW, roles=LOG_ROLES)
def cases_whose_communications_i_see(
    user: User, action: Action, cases: QuerySet[Notification]
) -> QuerySet[Notification]:
    return cases.select_related("board")


@case_scope(
    Notification,
    Action.COMMUNICATION_DRAFT,
    roles=(Role.BUSINESS_MANAGER, Role.LISG_MEMBER),
)
def cases_i_may_draft_for(
    user: User, action: Action, cases: QuerySet[Notification]
) -> QuerySet[Notification]:
    """An open case (after it was submitted, before it is closed or withdrawn)."""
    return cases.filter(status__in=OPEN).select_related("board")


def _of_submitted_cases(communications: QuerySet[Communication]) -> QuerySet[Communication]:
    return communications.exclude(notification__status=Status.DRAFT).select_related(
        "notification", "notification__board"
    )


@case_scope(
    Communication, Action.COMMUNICATION_AGREE, roles=(Role.LISG_MEMBER,), case="notification"
)
def communications_my_lisg_agrees(
    user: User, action: Action, communications: QuerySet[Communication]
) -> QuerySet[Communication]:
    return _of_submitted_cases(communications)


@case_scope(
    Communication,
    Action.COMMUNICATION_APPROVE,
    roles=(Role.INDEPENDENT_CHAIR,),
    case="notification",
)
def communications_i_approve(
    user: User, action: Action, communications: QuerySet[Communication]
) -> QuerySet[Communication]:
    return _of_submitted_cases(communications)


@case_scope(
    Communication, Action.COMMUNICATION_OUTCOME_RECORD, roles=LOG_ROLES, case="notification"
)
def communications_i_record_the_outcome_of(
    user: User, action: Action, communications: QuerySet[Communication]
) -> QuerySet[Communication]:
    """The Business Manager, any of the case's; anyone else who sees the log, the ones
    they were named to deliver."""
    return _of_submitted_cases(communications).filter(
        Q(notification__board__in=boards_where(user, Role.BUSINESS_MANAGER)) | Q(deliverer=user)
    )
