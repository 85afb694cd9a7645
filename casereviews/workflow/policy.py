"""Which cases a person may act on at all; the transition table narrows it per step."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from casereviews.accounts.models import User
from casereviews.boards.models import Role
from casereviews.frameworks.vocabulary import Framework
from casereviews.notifications.models import Notification
from casereviews.policy import Action, boards_where, register_scope, scope
from casereviews.workflow.tables import TABLES
from casereviews.workflow.wt_2023 import BEFORE_THE_PANEL_IS_NOTIFIED


@register_scope(Notification, Action.NOTIFICATION_TRANSITION)
def actionable_notifications(user: User, action: Action) -> QuerySet[Notification]:
    """The cases, among those the person may see, on which the transition table lets
    them take a step now in their framework's table (as `services.may_make` reads it,
    guards aside), in one query."""
    may_act = Q(pk__in=[])
    for framework, table in TABLES.items():
        for transition in table.values():
            who = Q(board__in=boards_where(user, *transition.roles))
            if transition.notifier_may:
                who |= Q(notifier=user)
            may_act |= Q(framework=framework, status__in=transition.sources) & who
    return scope(user, Action.NOTIFICATION_VIEW).filter(may_act)


@register_scope(Notification, Action.LOCAL_AUTHORITY_AWARENESS_RECORD)
def awareness_recordable_notifications(user: User, action: Action) -> QuerySet[Notification]:
    """A safeguarding partnership's cases (wt-2023) whose notification to the Panel is not
    yet recorded, in the boards where the person is the Business Manager: the day the local
    authority became aware can be recorded or corrected while the 5 working days run."""
    return scope(user, Action.NOTIFICATION_VIEW).filter(
        board__in=boards_where(user, Role.BUSINESS_MANAGER),
        framework=Framework.WT_2023,
        status__in=BEFORE_THE_PANEL_IS_NOTIFIED,
    )
