"""Steps on the case page that are not transitions of the table (recording that Ofsted
and the National Panel were told, asking the agencies), offered by the app that owns their
records, which registers them here so the workflow never imports the layers above it:

    @register_next_step
    def external_notification_step(user, case) -> tuple[str, str] | None: ...

The registering module is imported by its app's `AppConfig.ready()`; a step returns its
label and address, or None while it is not for this person or not needed."""

from __future__ import annotations

from collections.abc import Callable

from casereviews.accounts.models import User
from casereviews.notifications.models import Notification

NextStep = Callable[[User, Notification], tuple[str, str] | None]

_STEPS: list[NextStep] = []


def register_next_step(step: NextStep) -> NextStep:
    _STEPS.append(step)
    return step


def next_steps(user: User, notification: Notification) -> list[tuple[str, str]]:
    return [found for step in _STEPS if (found := step(user, notification)) is not None]
