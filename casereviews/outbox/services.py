from __future__ import annotations

from django.utils import timezone

from casereviews.outbox.models import OutboxEmail


def outbox_enqueue(*, key: str, to: list[str], subject: str, body: str) -> OutboxEmail:
    """Queue an e-mail for the worker; the same `key` is queued once."""
    email, _ = OutboxEmail.objects.get_or_create(
        key=key,
        defaults={"to": to, "subject": subject, "body": body, "next_attempt_at": timezone.now()},
    )
    return email
