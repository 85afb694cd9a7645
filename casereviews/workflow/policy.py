"""Which cases a person may act on at all; the transition table narrows it per step. A
transition is open to the people who see the case through one of its roles, or as its
notifier where the notifier may make it (`casereviews.notifications.policy.case_sight`):
holding a role in the board is not enough."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from casereviews.accounts.models import User
from casereviews.boards.models import Role
from casereviews.frameworks.vocabulary import Framework
from casereviews.notifications.models import Notification
from casereviews.notifications.policy import EVERY_ROLE, case_scope, case_sight
from casereviews.policy import Action
from casereviews.workflow.tables import TABLES
from casereviews.workflow.wt_2023 import BEFORE_THE_PANEL_IS_NOTIFIED, WT_2023_TRANSITIONS


@case_scope(Notification, Action.NOTIFICATION_TRANSITION, roles=EVERY_ROLE)
def actionable_notifications(
    user: User, action: Action, cases: QuerySet[Notification]
) -> QuerySet[Notification]:
    """The cases on which the transition table lets the person take a step now in their
    framework's table (as `services.may_make` reads it, guards aside), in one query: the
    states each step leaves, grouped by the roles that take it."""
    sources: dict[tuple[Framework, frozenset[Role]], set[str]] = {}
    for framework, table in TABLES.items():
        for transition in table.values():
            sources.setdefault((framework, transition.taken_by), set()).update(transition.sources)
    may_act = Q(pk__in=[])
    for (framework, roles), states in sources.items():
        may_act |= Q(framework=framework, status__in=states) & case_sight(user, roles)
    return cases.filter(may_act)


@case_scope(
    Notification,
    Action.PARTNERS_DECISION_RECORD,
    roles=(Role.PARTNER_LOCAL_AUTHORITY, Role.PARTNER_ICB, Role.PARTNER_POLICE),
)
def partners_decidable_notifications(
    user: User, action: Action, cases: QuerySet[Notification]
) -> QuerySet[Notification]:
    """A safeguarding partnership's cases waiting for the partners' decision (the rapid
    review sent, or judged not notifiable), in the boards where the person represents one
    of the three safeguarding partners."""
    return cases.filter(
        framework=Framework.WT_2023,
        status__in=WT_2023_TRANSITIONS["partners_decide_no_review"].sources,
    )


@case_scope(Notification, Action.LOCAL_AUTHORITY_AWARENESS_RECORD, roles=(Role.BUSINESS_MANAGER,))
def awareness_recordable_notifications(
    user: User, action: Action, cases: QuerySet[Notification]
) -> QuerySet[Notification]:
    """A safeguarding partnership's cases (wt-2023) whose notification to the Panel is not
    yet recorded, in the boards where the person is the Business Manager: the day the local
    authority became aware can be recorded or corrected while the 5 working days run."""
    return cases.filter(framework=Framework.WT_2023, status__in=BEFORE_THE_PANEL_IS_NOTIFIED)
