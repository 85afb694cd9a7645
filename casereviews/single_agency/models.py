"""A single-agency CPIR (Procedure B 1(i)): "the consultation should involve the
Agencies LSCB Representative/ Safeguarding Lead Officer and the LSCB Business Manager".
When they agree the case is a single-agency review, the agency runs it and the board
records its outcome and learning, without the LISG and the Independent Chair."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SingleAgencyReview(models.Model):
    """The agreement that a case is a single-agency CPIR and, later, its outcome.

    Open while `outcome_recorded_at` and `escalated_at` are empty; closed with the
    outcome and learning; or escalated back to the board's chain (the LISG and the Chair),
    with the reason in the case's timeline."""

    notification = models.ForeignKey(
        "notifications.Notification",
        on_delete=models.PROTECT,
        related_name="single_agency_reviews",
    )
    agency = models.ForeignKey("boards.Organisation", on_delete=models.PROTECT, related_name="+")
    # The agency's LSCB Representative or Safeguarding Lead Officer who agreed.
    agency_representative = models.CharField(max_length=200)
    agreed_on = models.DateField()
    # The Business Manager who agreed, and recorded it.
    business_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    outcome = models.TextField(blank=True)
    learning = models.TextField(blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("recorded_at", "id")

    def __str__(self) -> str:
        return f"Single-agency CPIR by {self.agency}"

    @property
    def is_open(self) -> bool:
        return self.outcome_recorded_at is None and self.escalated_at is None
