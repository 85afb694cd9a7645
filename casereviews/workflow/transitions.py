"""The lifecycle of a case as one declarative table (DESIGN.md section 3).

Each `Transition` names its source states, its target, who may make it (roles in the
case's board, or the notification's own notifier), whether it needs a reason, and the
guards that encode the procedure. `casereviews.workflow.services.notification_transition`
is the only code that applies one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from casereviews.boards.models import Role
from casereviews.notifications.models import Notification, Status

S = Status


@dataclass(frozen=True)
class Guard:
    """A rule of the procedure that must hold before a transition; `message` is what the
    person sees when it does not."""

    code: str
    message: str
    holds: Callable[[Notification], bool]


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[Status]
    target: Status
    roles: frozenset[Role] = frozenset()
    notifier_may: bool = False
    needs_reason: bool = False
    guards: tuple[Guard, ...] = field(default=())


def _t(
    name: str,
    label: str,
    sources: set[Status],
    target: Status,
    roles: set[Role] | None = None,
    **options: object,
) -> Transition:
    return Transition(name, label, frozenset(sources), target, frozenset(roles or ()), **options)  # type: ignore[arg-type]


BM = {Role.BUSINESS_MANAGER}

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        _t("submit", "Submit notification", {S.DRAFT}, S.SUBMITTED, notifier_may=True),
        _t(
            "resubmit",
            "Send the notification back to the board",
            {S.RETURNED_FOR_INFORMATION},
            S.SUBMITTED,
            notifier_may=True,
        ),
        _t(
            "return_for_information",
            "Return to the notifier for more information",
            {S.SUBMITTED},
            S.RETURNED_FOR_INFORMATION,
            BM,
            needs_reason=True,
        ),
        _t("verify", "Verify and start consideration", {S.SUBMITTED}, S.UNDER_CONSIDERATION, BM),
        _t(
            "withdraw",
            "Withdraw the notification",
            {S.SUBMITTED, S.RETURNED_FOR_INFORMATION, S.UNDER_CONSIDERATION},
            S.WITHDRAWN,
            BM,
            needs_reason=True,
        ),
    )
}


def get_transition(name: str) -> Transition:
    try:
        return TRANSITIONS[name]
    except KeyError:
        raise LookupError(f"No transition called {name!r}") from None


def transitions_from(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources]
