"""Which transition table a case follows: the one of its framework (`Notification.framework`,
`casereviews.frameworks`). The 2015 table is `casereviews.workflow.transitions`; the
Working Together 2023 one is `casereviews.workflow.wt_2023`."""

from __future__ import annotations

from casereviews.boards.models import Role
from casereviews.frameworks.vocabulary import Framework, framework_of
from casereviews.notifications.models import Notification, Status
from casereviews.workflow.transitions import TRANSITIONS, Transition
from casereviews.workflow.wt_2023 import WT_2023_TRANSITIONS

TABLES: dict[Framework, dict[str, Transition]] = {
    Framework.BF_LSCB_2015: TRANSITIONS,
    Framework.WT_2023: WT_2023_TRANSITIONS,
}


def table_of(case: Notification | str) -> dict[str, Transition]:
    """The transitions of a case's framework (or of a framework's code)."""
    code = case if isinstance(case, str) else case.framework
    return TABLES[framework_of(code)]


def transition_of(case: Notification, name: str) -> Transition:
    try:
        return table_of(case)[name]
    except KeyError:
        raise LookupError(f"No transition called {name!r} in {case.framework}") from None


def transitions_available_from(case: Notification) -> list[Transition]:
    return [t for t in table_of(case).values() if case.status in t.sources]


def awaiting_by_framework(role: Role) -> dict[Framework, frozenset[Status]]:
    """For each framework, the states of its table in which a case waits for `role`'s
    work: the sources of the steps on the case's way that they take or prepare."""
    return {
        framework: frozenset(
            status
            for t in table.values()
            if not t.side_step and (role in t.roles or role in t.prepared_by)
            for status in t.sources
        )
        for framework, table in TABLES.items()
    }
