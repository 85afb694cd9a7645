"""Delivering queued e-mails, at least once, never lost, as fast as the channel takes them
(docs/adr/0022-outbox-drained-continuously.md).

A run claims a batch with a lease (`claimed_by`, `claimed_until`) and commits, so no
database transaction is held open while e-mails are handed over (on SQLite that would
lock the whole database); then it claims the next batch, and so on while e-mail is
waiting, for at most `RUN_SECONDS`, over one connection to the channel (SMTP or GOV.UK
Notify, `channels.py`). On PostgreSQL the claim skips rows another worker has locked
(`SKIP LOCKED`); on both, the claim is a conditional update, so two workers never claim
the same e-mail, and an e-mail whose lease has run out before its turn is left to
whoever claims it next. Each e-mail is marked sent after the channel accepts it: a
worker killed between the two sends that one e-mail again once its lease runs out.
Failures are retried with a growing wait; one the channel refuses for good is kept,
marked failed, and counted on the operations page.

The worker runs this job as soon as e-mail is queued (`Wake`: a PostgreSQL notification
from the trigger on the outbox table, or a poll of `outbox_waiting` on SQLite).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from casereviews.outbox.channels import Channel, DeliveryError, SmtpChannel
from casereviews.outbox.models import OutboxEmail
from casereviews.outbox.notify import NotifyChannel
from casereviews.worker.jobs import Wake, register_job
from casereviews.worker.pause import pause_point

logger = logging.getLogger("casereviews.outbox")
BATCH = 50
# A run stops after this long even with e-mail still waiting, so the worker finishes its
# cycle (the heartbeat, the other jobs) during a long burst; it then runs again at once.
RUN_SECONDS = 10.0
# The PostgreSQL channel the outbox table's trigger notifies (migration 0003).
QUEUED_CHANNEL = "outbox_queued"
CHANNELS: dict[str, Callable[[], Channel]] = {"smtp": SmtpChannel, "notify": NotifyChannel}


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** (attempts - 1), 3600))


def _lease() -> timedelta:
    return timedelta(seconds=getattr(settings, "OUTBOX_LEASE_SECONDS", 300))


def _claimable(now: object) -> Q:
    return Q(sent_at=None, failed_at=None, next_attempt_at__lte=now) & (
        Q(claimed_until=None) | Q(claimed_until__lt=now)
    )


def outbox_waiting() -> bool:
    """Whether an e-mail is due and unclaimed (one read of the `outbox_waiting` index)."""
    return OutboxEmail.objects.filter(_claimable(timezone.now())).exists()


def outbox_claim(*, limit: int = BATCH) -> list[OutboxEmail]:
    """Claim up to `limit` due e-mails for this worker, and commit the claim."""
    token = uuid.uuid4().hex
    now = timezone.now()
    claimable = _claimable(now)
    with transaction.atomic():
        due = OutboxEmail.objects.filter(claimable).order_by("next_attempt_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        ids = list(due.values_list("id", flat=True)[:limit])
        OutboxEmail.objects.filter(claimable, pk__in=ids).update(
            claimed_by=token, claimed_until=now + _lease(), attempts=F("attempts") + 1
        )
    return list(OutboxEmail.objects.filter(claimed_by=token, sent_at=None).order_by("id"))


@register_job("deliver_outbox", woken_by=Wake(channel=QUEUED_CHANNEL, waiting=outbox_waiting))
def deliver_outbox() -> int:
    """Send the e-mails waiting, batch after batch, until none is left or `RUN_SECONDS`
    have passed; return how many were sent."""
    started = time.monotonic()
    channel: Channel | None = None
    sent = 0
    try:
        while time.monotonic() - started < RUN_SECONDS:
            claimed = outbox_claim()
            if not claimed:
                break
            if channel is None:
                channel = CHANNELS[settings.OUTBOX_CHANNEL]()
            pause_point("before_send")
            done, channel_down = _deliver(claimed, channel)
            sent += done
            if channel_down:
                break
    finally:
        if channel is not None:
            channel.close()
    return sent


def _deliver(claimed: list[OutboxEmail], channel: Channel) -> tuple[int, bool]:
    """Send a claimed batch; return how many were sent and whether the channel is down."""
    sent = 0
    for position, email in enumerate(claimed):
        if email.claimed_until is None or timezone.now() >= email.claimed_until:
            # The lease ran out: another worker may have claimed these since.
            return sent, False
        try:
            channel.send(email)
        except DeliveryError as error:
            if error.permanent:
                _refused(email, error)
                continue
            # When nothing can go now, the rest of the batch waits as this one does.
            waiting = claimed[position:] if error.channel_down else [email]
            for later in waiting:
                _retry_later(later, error)
            if error.channel_down:
                return sent, True
            continue
        pause_point("after_send")
        OutboxEmail.objects.filter(pk=email.pk).update(
            sent_at=timezone.now(), claimed_until=None, last_error=""
        )
        sent += 1
        pause_point("after_record")
    return sent, False


def _retry_later(email: OutboxEmail, error: DeliveryError) -> None:
    OutboxEmail.objects.filter(pk=email.pk).update(
        last_error=str(error)[:300],
        next_attempt_at=timezone.now() + _backoff(email.attempts),
        claimed_until=None,
    )
    logger.warning("E-mail %s not sent (attempt %d): %s", email.pk, email.attempts, error)


def _refused(email: OutboxEmail, error: DeliveryError) -> None:
    OutboxEmail.objects.filter(pk=email.pk).update(
        last_error=str(error)[:300], failed_at=timezone.now(), claimed_until=None
    )
    logger.error("E-mail %s refused for good, not retried: %s", email.pk, error)
