from __future__ import annotations

from django.db import models


class OutboxEmail(models.Model):
    """An e-mail waiting to be sent, written in the transaction of the action that causes
    it, and delivered by the worker with retries (at least once).

    `key` names why it is sent (e.g. `notification-submitted:42:manager:7`): enqueueing
    the same key twice sends one e-mail. Bodies carry a reference and a link, never a
    child's identity.

    States: waiting (`sent_at` and `failed_at` unset; `last_error` says why the last try
    failed, if one did), sent (`sent_at`), or refused for good by the delivery channel
    (`failed_at`: GOV.UK Notify answered that this e-mail can never be sent as it is, so it
    is not tried again and the operations page counts it)."""

    key = models.CharField(max_length=200, unique=True)
    to = models.JSONField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    # The worker that claimed it and until when; a claim past its lease may be taken again.
    claimed_by = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("id",)
        indexes = [
            # The worker's claim: the waiting e-mails, the longest due first. Partial, so it
            # stays the size of the queue however many e-mails were ever sent.
            models.Index(
                fields=("next_attempt_at", "id"),
                condition=models.Q(sent_at=None, failed_at=None),
                name="outbox_waiting",
            ),
        ]

    def __str__(self) -> str:
        return self.key
