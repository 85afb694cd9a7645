"""Delivering queued e-mails, at least once, never lost.

A cycle claims a batch with a lease (`claimed_by`, `claimed_until`) and commits, so no
database transaction is held open across the SMTP conversation (on SQLite that would lock
the whole database). On PostgreSQL the claim skips rows another worker has locked
(`SKIP LOCKED`); on both, the claim is a conditional update, so two workers never claim the
same e-mail. Each e-mail is marked sent after the SMTP server accepts it: a worker killed
between the two sends that one e-mail again once its lease runs out. Failures are retried
with a growing wait.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from casereviews.outbox.models import OutboxEmail
from casereviews.worker.jobs import register_job
from casereviews.worker.pause import pause_point

logger = logging.getLogger("casereviews.outbox")
BATCH = 50


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** (attempts - 1), 3600))


def _lease() -> timedelta:
    return timedelta(seconds=getattr(settings, "OUTBOX_LEASE_SECONDS", 300))


def outbox_claim(*, limit: int = BATCH) -> list[OutboxEmail]:
    """Claim up to `limit` due e-mails for this worker, and commit the claim."""
    token = uuid.uuid4().hex
    now = timezone.now()
    claimable = Q(sent_at=None, next_attempt_at__lte=now) & (
        Q(claimed_until=None) | Q(claimed_until__lt=now)
    )
    with transaction.atomic():
        due = OutboxEmail.objects.filter(claimable).order_by("next_attempt_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        ids = list(due.values_list("id", flat=True)[:limit])
        OutboxEmail.objects.filter(claimable, pk__in=ids).update(
            claimed_by=token, claimed_until=now + _lease(), attempts=F("attempts") + 1
        )
    return list(OutboxEmail.objects.filter(claimed_by=token, sent_at=None).order_by("id"))


@register_job("deliver_outbox")
def deliver_outbox() -> int:
    claimed = outbox_claim()
    if not claimed:
        return 0
    pause_point("before_send")
    sent = 0
    for email in claimed:
        try:
            EmailMessage(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, email.to).send()
        except OSError as error:
            OutboxEmail.objects.filter(pk=email.pk).update(
                last_error=f"{type(error).__name__}: {error}"[:300],
                next_attempt_at=timezone.now() + _backoff(email.attempts),
                claimed_until=None,
            )
            logger.warning("E-mail %s not sent (attempt %d)", email.pk, email.attempts)
            continue
        pause_point("after_send")
        OutboxEmail.objects.filter(pk=email.pk).update(
            sent_at=timezone.now(), claimed_until=None, last_error=""
        )
        sent += 1
        pause_point("after_record")
    return sent
