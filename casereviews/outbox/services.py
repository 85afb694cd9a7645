from __future__ import annotations

from django.utils import timezone

from casereviews.outbox.models import OutboxEmail


def outbox_enqueue(*, key: str, to: list[str], subject: str, body: str) -> None:
    """Queue an e-mail for the worker; the same `key` is queued once (one INSERT that
    does nothing if the key is there: no read first, no savepoint)."""
    OutboxEmail.objects.bulk_create(
        [OutboxEmail(key=key, to=to, subject=subject, body=body, next_attempt_at=timezone.now())],
        ignore_conflicts=True,
    )
