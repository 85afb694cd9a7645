"""How long a board keeps each kind of record, the legal holds that stop disposal, and
the record of each disposal (docs/adr/0034-retention-disposal-and-legal-hold.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RecordKind(models.TextChoices):
    """The kinds of record the schedule names (`casereviews.retention.schedule`)."""

    NOT_TAKEN_FORWARD = "not_taken_forward", "A notification not taken forward"
    CPIR = "cpir", "A Child Protection Incident Review or other review"
    SCR = "scr", "A Serious Case Review or local child safeguarding practice review"
    PUBLISHED = "published", "A case whose report was published"
    DOCUMENTS = "documents", "Agencies' chronologies and documents"
    AUDIT = "audit", "The audit trail"


class RetentionPeriod(models.Model):
    """A board's own period for a kind of record, replacing the default. `years` empty
    means the board keeps that kind of record and never disposes of it."""

    board = models.ForeignKey("boards.Board", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=RecordKind.choices)
    years = models.PositiveSmallIntegerField(null=True, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("board", "kind"), name="one_period_per_board_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.years}"


class HoldReason(models.TextChoices):
    INQUIRY = "inquiry", "A public inquiry's instruction to preserve records"
    LITIGATION = "litigation", "Litigation, or litigation expected"
    COMPLAINT = "complaint", "A complaint"
    OTHER = "other", "Another reason"


class LegalHold(models.Model):
    """Stops disposal of one case, of every case of one child, or of the whole board,
    until it is lifted. Placing and lifting are both kept, with who and when."""

    board = models.ForeignKey("boards.Board", on_delete=models.PROTECT, related_name="+")
    # Neither: the whole board. A case: that case. A child: every case of the board
    # about a child with the same name and date of birth.
    notification = models.ForeignKey(
        "notifications.Notification",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_holds",
    )
    child = models.ForeignKey(
        "notifications.Child", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(max_length=20, choices=HoldReason.choices)
    detail = models.TextField(blank=True)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField()
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_reason = models.TextField(blank=True)

    class Meta:
        ordering = ("-placed_at", "-id")
        indexes = [models.Index(fields=("board", "lifted_at"), name="legal_hold_in_force")]

    def __str__(self) -> str:
        return f"Legal hold {self.pk}"


class DisposalBatch(models.Model):
    """One approval by the Business Manager: the cases disposed of together, and why."""

    board = models.ForeignKey("boards.Board", on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField()
    reason = models.TextField()

    class Meta:
        ordering = ("-approved_at", "-id")

    def __str__(self) -> str:
        return f"Disposal {self.pk}"


class DisposedCase(models.Model):
    """A case whose personal data was destroyed: what is kept of it is its reference,
    its dates and its decisions, on its own rows; this says when and under which rule."""

    batch = models.ForeignKey(DisposalBatch, on_delete=models.PROTECT, related_name="cases")
    notification = models.OneToOneField(
        "notifications.Notification", on_delete=models.PROTECT, related_name="disposal"
    )
    kind = models.CharField(max_length=30, choices=RecordKind.choices)
    closed_on = models.DateField()
    due_on = models.DateField()

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return f"Disposed case {self.notification_id}"
