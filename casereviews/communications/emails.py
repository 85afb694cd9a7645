"""Telling the people whose step is next on a communication: the LISG members when a
draft needs the LISG's agreement, the Independent Chair when it needs approval, and the
person named to deliver it once it is approved. Queued in the step's transaction, keyed
by the step, the communication and the person, so each is sent exactly once; each carries
the case's reference and a link, never the child's identity or the message itself."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse

from casereviews.accounts.models import User
from casereviews.communications.models import Communication
from casereviews.kit.emails import step_emails


def communication_link(communication: Communication) -> str:
    reference = communication.notification.reference
    return settings.SERVICE_URL + reverse(
        "communications:detail", args=[reference, communication.pk]
    )


def communication_emails(
    *, communication: Communication, step: str, people: Iterable[User], subject: str, line: str
) -> list[User]:
    """Returns those who have no address."""
    return step_emails(
        key=f"communication-{step}:{communication.pk}",
        people=people,
        subject=subject,
        lines=[line],
        links=[("Open the communication", communication_link(communication))],
    )
