"""Communications with the child's family, significant others and the press about a
case (Procedure A 4(v)): "agreed by members of the Learning and Improvement Sub-Group
(LISG) in consultation with the Independent Chair and the responsible senior managers of
relevant agencies". The log stays on the case for its whole life."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Audience(models.TextChoices):
    FAMILY = "family", "The child's family"
    SIGNIFICANT_OTHERS = "significant_others", "Significant others"
    PRESS = "press", "The press"
    OTHER = "other", "Someone else"


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    TELEPHONE = "telephone", "By telephone"
    LETTER = "letter", "By letter"
    PRESS_STATEMENT = "press_statement", "A press statement"
    OTHER = "other", "Another way"


class CommunicationState(models.TextChoices):
    DRAFTED = "drafted", "Waiting for the LISG's agreement"
    AGREED = "agreed", "Waiting for the Independent Chair's approval"
    APPROVED = "approved", "Approved, waiting to be delivered"
    DELIVERED = "delivered", "Delivered"
    HELD = "held", "Held"


# A communication that may still be delivered or held.
UNDELIVERED = frozenset(
    {CommunicationState.DRAFTED, CommunicationState.AGREED, CommunicationState.APPROVED}
)


class Communication(models.Model):
    """One communication with the family, significant others or the press.

    States (`CommunicationState`), in order:
    - drafted: written (audience, message, channel, who will deliver it); the LISG agrees.
    - agreed: a LISG member of the case's board recorded the LISG's agreement; the
      Independent Chair approves, in consultation with the responsible senior managers.
    - approved: the Chair approved and named whom they consulted; it may be delivered.
    - delivered: it was delivered (when, by whom). Never without both agreements.
    - held: it was held back, with the reason (at any point before delivery).
    """

    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="communications"
    )
    audience = models.CharField(max_length=30, choices=Audience.choices)
    audience_detail = models.CharField(max_length=200, blank=True)
    message = models.TextField()
    channel = models.CharField(max_length=30, choices=Channel.choices)
    deliverer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        max_length=20, choices=CommunicationState.choices, default=CommunicationState.DRAFTED
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    drafted_at = models.DateTimeField()
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # The responsible senior managers of the relevant agencies the Chair consulted.
    consulted = models.TextField(blank=True)
    delivered_on = models.DateField(null=True, blank=True)
    delivered_by_name = models.CharField(max_length=200, blank=True)
    held_reason = models.TextField(blank=True)
    # Who recorded the delivery or the hold, and when.
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-drafted_at", "-id")
        # The case's log, newest first (its keyset-paginated list and its case-page section).
        indexes = [
            models.Index(
                fields=("notification", "-drafted_at", "-id"), name="communication_case_log"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="delivered")
                | (models.Q(agreed_at__isnull=False) & models.Q(approved_at__isnull=False)),
                name="communication_delivered_only_when_agreed_and_approved",
            )
        ]

    def __str__(self) -> str:
        return f"Communication with {self.get_audience_display().lower()}"

    @property
    def audience_text(self) -> str:
        if self.audience == Audience.OTHER and self.audience_detail:
            return self.audience_detail
        return self.get_audience_display()
