"""A file prepared by the worker for one reader (docs/adr/0036-documents-built-by-the-worker.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class PreparedFile(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", "Waiting to be prepared"
        PREPARING = "preparing", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be prepared"

    IN_FLIGHT = (State.WAITING, State.PREPARING)

    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # What to prepare: the kind (casereviews/prepared/kinds.py) and its parameters, whose
    # canonical text is `key` (references and numbers only, never a child's identity).
    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=300)
    params = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    requested_at = models.DateTimeField()
    claimed_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    ready_at = models.DateTimeField(null=True, blank=True)
    # The file: its stored name, SHA-256 and size, and what it is called when downloaded.
    stored_name = models.CharField(max_length=64, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    # What the file holds, for the audit of its download (e.g. the cases in a pack).
    contents = models.JSONField(default=dict)

    class Meta:
        constraints = [
            # Asked for twice at once, it is prepared once: one in flight per reader and key.
            models.UniqueConstraint(
                fields=("reader", "kind", "key"),
                condition=Q(state__in=("waiting", "preparing")),
                name="prepared_one_in_flight",
            )
        ]
        indexes = [
            models.Index(
                fields=("requested_at",),
                condition=Q(state__in=("waiting", "preparing")),
                name="prepared_in_flight",
            ),
            models.Index(fields=("requested_at",), name="prepared_requested_at"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} for {self.reader_id} ({self.state})"

    @property
    def in_flight(self) -> bool:
        return self.state in self.IN_FLIGHT
