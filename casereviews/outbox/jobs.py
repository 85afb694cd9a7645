"""Delivering queued e-mails. An e-mail is marked sent after the SMTP server accepts it,
so a crash between the two sends it again on restart (at least once, never lost)."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.utils import timezone

from casereviews.outbox.models import OutboxEmail
from casereviews.worker.jobs import register_job

logger = logging.getLogger("casereviews.outbox")
BATCH = 50


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** (attempts - 1), 3600))


@register_job("deliver_outbox")
def deliver_outbox() -> int:
    sent = 0
    for _ in range(BATCH):
        with transaction.atomic():
            due = OutboxEmail.objects.filter(sent_at=None, next_attempt_at__lte=timezone.now())
            if connection.features.has_select_for_update_skip_locked:
                # Several workers on PostgreSQL each take different e-mails.
                due = due.select_for_update(skip_locked=True)
            email = due.order_by("next_attempt_at", "id").first()
            if email is None:
                break
            email.attempts += 1
            try:
                EmailMessage(
                    email.subject, email.body, settings.DEFAULT_FROM_EMAIL, email.to
                ).send()
            except OSError as error:
                email.last_error = f"{type(error).__name__}: {error}"[:300]
                email.next_attempt_at = timezone.now() + _backoff(email.attempts)
                email.save(update_fields=["attempts", "last_error", "next_attempt_at"])
                logger.warning("E-mail %s not sent (attempt %d)", email.pk, email.attempts)
                continue
            email.sent_at = timezone.now()
            email.save(update_fields=["attempts", "sent_at"])
            sent += 1
    return sent
