"""The registry of guards: the procedure's rules that must hold before a transition.

A guard reads the records of the app that owns them (a LISG recommendation, a Chair
decision, an agency's answer), and that app registers it here, naming the transitions it
guards, so the workflow never imports the layers above it:

    from casereviews.workflow.guards import register_guard

    @register_guard(
        "lisg_recommend",
        code="agency_information_not_requested",
        message="Request information from the partner agencies before …",
    )
    def agency_information_requested(case: Notification) -> bool: ...

The registering module is imported by its app's `AppConfig.ready()`. A transition's
guards (`Transition.guards`) are those registered for it, in the order registered.

A guard registered with `hides_step=True` also decides whether the step is offered at
all: it reads what the case is (a CPIR is never published, only a CPIR is escalated), so
while it fails the step would always be refused, and the case page leaves it out
(`step_offered`). Guards that say what is still to be done (a document to upload, a
record to make) never hide a step: the person is shown the step and told what is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from casereviews.notifications.models import Notification

Holds = Callable[[Notification], bool]


@dataclass(frozen=True)
class Guard:
    """A rule of the procedure that must hold before a transition; `message` is what the
    person sees when it does not."""

    code: str
    message: str
    holds: Holds
    # While it fails, the step is not offered (it would always be refused for this case).
    hides_step: bool = False
    # The form field the refusal belongs to, on a page that has it.
    field: str | None = None


_GUARDS: dict[str, list[Guard]] = {}
# The transition names of the table, set by `casereviews.workflow.transitions`, so a guard
# registered for a transition that does not exist fails at start-up, not silently.
_KNOWN: set[str] = set()


def register_guard(
    *transitions: str,
    code: str,
    message: str,
    hides_step: bool = False,
    field: str | None = None,
) -> Callable[[Holds], Holds]:
    """Guard each of `transitions` with the decorated predicate; `code` names the guard
    (in refusals and tests), `message` is the sentence the person reads; `hides_step`
    says that while it fails the step is not offered at all; `field` is the form
    field a page shows the refusal at."""
    if not transitions:
        raise ValueError(f"Guard {code!r} names no transition")

    def decorator(holds: Holds) -> Holds:
        for name in transitions:
            if _KNOWN and name not in _KNOWN:
                raise LookupError(f"Guard {code!r} names no transition called {name!r}")
            registered = _GUARDS.setdefault(name, [])
            if any(guard.code == code for guard in registered):
                raise ValueError(f"Transition {name!r} already has a guard {code!r}")
            registered.append(Guard(code, message, holds, hides_step, field))
        return holds

    return decorator


def guards_for(transition: str) -> tuple[Guard, ...]:
    return tuple(_GUARDS.get(transition, ()))


def step_offered(transition: str, case: Notification) -> bool:
    """Whether the step is offered on this case: every guard of it that hides the step
    holds (the other guards are checked when the step is taken)."""
    return all(guard.holds(case) for guard in guards_for(transition) if guard.hides_step)


def known_transitions(names: set[str]) -> None:
    """Called once by the transition table with its names."""
    _KNOWN.update(names)
    unknown = set(_GUARDS) - _KNOWN
    if unknown:
        raise LookupError(f"Guards registered for no transition: {sorted(unknown)}")
