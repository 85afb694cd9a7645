from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from casereviews.outbox.models import OutboxEmail


@dataclass(frozen=True)
class Email:
    """One e-mail to queue; `key` names why it is sent (`OutboxEmail.key`)."""

    key: str
    to: list[str]
    subject: str
    body: str


def outbox_enqueue(*, key: str, to: list[str], subject: str, body: str) -> None:
    """Queue an e-mail for the worker; the same `key` is queued once (one INSERT that
    does nothing if the key is there: no read first, no savepoint)."""
    outbox_enqueue_all([Email(key=key, to=to, subject=subject, body=body)])


def outbox_enqueue_all(emails: Iterable[Email]) -> None:
    """Queue several e-mails in one INSERT; each key already there is left as it is and
    the others are queued, as `outbox_enqueue` would one by one."""
    now = timezone.now()
    OutboxEmail.objects.bulk_create(
        [
            OutboxEmail(
                key=email.key,
                to=email.to,
                subject=email.subject,
                body=email.body,
                next_attempt_at=now,
            )
            for email in emails
        ],
        ignore_conflicts=True,
    )
