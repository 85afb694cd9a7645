"""The records the procedure's steps produce: agency involvement requests, the LISG's
recommendation, the Independent Chair's decision and the notifications sent to Ofsted and
the National Panel. The workflow's guards read them (DESIGN.md section 3)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class InvolvementRequestStatus(models.TextChoices):
    SENT = "sent", "Sent"
    ANSWERED = "answered", "Answered"
    CANCELLED = "cancelled", "Cancelled"


class InvolvementRequest(models.Model):
    """The board asks a partner organisation to confirm its involvement with the child and
    family (Procedure A 4(i)); the agency answers with an `involvement.InvolvementReturn`.

    States: sent (waiting for the agency), answered (the agency submitted a return; a
    correction is a new version of it), cancelled.

    `due_at` is computed, never typed in: a set number of working days before the LISG
    meeting the case is assigned to, or `working_days` after the request when no meeting
    is set (`casereviews.deadlines.rules`)."""

    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="involvement_requests"
    )
    organisation = models.ForeignKey(
        "boards.Organisation", on_delete=models.PROTECT, related_name="involvement_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    working_days = models.PositiveSmallIntegerField(default=10)
    # Computed from `agency_return_due` with `working_days`, never typed in.
    due_at = models.DateTimeField()
    status = models.CharField(
        max_length=20, choices=InvolvementRequestStatus.choices, default="sent"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("requested_at", "id")
        indexes = [models.Index(fields=("organisation", "status"))]
        constraints = [
            models.UniqueConstraint(
                fields=("notification", "organisation"),
                condition=models.Q(status="sent"),
                name="one_open_request_per_agency",
            )
        ]

    def __str__(self) -> str:
        return f"Involvement request to {self.organisation}"


class ReviewType(models.TextChoices):
    SCR = "scr", "Serious Case Review (SCR)"
    CPIR = "cpir", "Child Protection Incident Review (CPIR)"
    OTHER_REVIEW = "other_review", "Other review or audit"
    NO_REVIEW = "no_review", "No review"


class Methodology(models.TextChoices):
    SCIE_LEARNING_TOGETHER = "scie_learning_together", "SCIE Learning Together systems model"
    SILP = "silp", "Significant Incident Learning Process (SILP)"
    TRADITIONAL = "traditional", "Traditional IMR and overview report"
    AUDIT = "audit", "Audit of practice"
    NONE = "none", "No review"


# The methodologies that fit each type of review; any other pairing contradicts itself
# (an SCR "with no review"). A CPIR integrates a systems approach (Procedure B 3(iii)).
REVIEW_METHODOLOGIES: dict[str, frozenset[str]] = {
    ReviewType.SCR: frozenset(
        {Methodology.SCIE_LEARNING_TOGETHER, Methodology.SILP, Methodology.TRADITIONAL}
    ),
    ReviewType.CPIR: frozenset(
        {Methodology.SCIE_LEARNING_TOGETHER, Methodology.SILP, Methodology.TRADITIONAL}
    ),
    ReviewType.OTHER_REVIEW: frozenset(
        {
            Methodology.SCIE_LEARNING_TOGETHER,
            Methodology.SILP,
            Methodology.TRADITIONAL,
            Methodology.AUDIT,
        }
    ),
    ReviewType.NO_REVIEW: frozenset({Methodology.NONE}),
}


_NAMED = {
    ReviewType.SCR: "Serious Case Review",
    ReviewType.CPIR: "Child Protection Incident Review",
    ReviewType.OTHER_REVIEW: "other review or audit",
}


def methodology_problem(review_type: str, methodology: str) -> str:
    """The sentence refusing a methodology that contradicts the type; empty if it fits."""
    if methodology in REVIEW_METHODOLOGIES.get(review_type, frozenset()):
        return ""
    if review_type == ReviewType.NO_REVIEW:
        return 'Select "No review" as the methodology when the LISG recommends no review'
    if methodology == Methodology.NONE:
        return (
            f"Select how the {_NAMED[ReviewType(review_type)]} should be carried out: "
            '"No review" is only for a recommendation of no review'
        )
    return (
        f"A {_NAMED[ReviewType(review_type)]} is not carried out as "
        f'"{Methodology(methodology).label}": select a methodology that fits it'
    )


class LisgRecommendation(models.Model):
    """The Learning and Improvement Sub-Group's recommendation to the Independent Chair."""

    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="lisg_recommendations"
    )
    review_type = models.CharField(max_length=20, choices=ReviewType.choices)
    methodology = models.CharField(max_length=30, choices=Methodology.choices)
    rationale = models.TextField()
    # The criteria engine's recommendation when the LISG recommended, and, where the LISG
    # departs from its SCR answer ("must" or "should"), why (Procedure A 4(vi)).
    engine_recommendation = models.CharField(max_length=40, blank=True)
    departure_reason = models.TextField(blank=True)
    meeting_date = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ("recorded_at", "id")

    def __str__(self) -> str:
        return f"LISG recommended: {self.get_review_type_display()}"


class ChairDecision(models.Model):
    """The Independent Chair's decision. An escalation of a CPIR to an SCR is a new SCR
    decision whose `escalates` names the CPIR decision, so the two stay linked."""

    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="chair_decisions"
    )
    decision = models.CharField(max_length=20, choices=ReviewType.choices)
    rationale = models.TextField()
    # Procedure C 1(iii): if no SCR, the board must consider a CPIR or other review or audit.
    other_review_consideration = models.TextField(blank=True)
    escalates = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="escalated_to"
    )
    # The criteria engine's recommendation when the Chair decided (empty: no assessment).
    engine_recommendation = models.CharField(max_length=40, blank=True)
    # Deciding against the engine's "must" (Regulation 5(2)) is confirmed, with a reason
    # kept with the decision and shown wherever it is.
    departure_confirmed = models.BooleanField(default=False)
    departure_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ("decided_at", "id")
        # The decisions made in a period (the dashboards, `casereviews.learning.figures`).
        indexes = [models.Index(fields=("decided_at",), name="chair_decision_decided_at")]

    def __str__(self) -> str:
        return f"Chair decided: {self.get_decision_display()}"


class ExternalBody(models.TextChoices):
    OFSTED = "ofsted", "Ofsted"
    NATIONAL_PANEL = "national_panel", "National Panel of Independent Experts"


class ExternalNotification(models.Model):
    """The board told Ofsted or the National Panel of the Chair's decision."""

    notification = models.ForeignKey(
        "notifications.Notification",
        on_delete=models.PROTECT,
        related_name="external_notifications",
    )
    body = models.CharField(max_length=20, choices=ExternalBody.choices)
    told_at = models.DateTimeField()
    how = models.CharField(max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ("told_at", "id")

    def __str__(self) -> str:
        return f"{self.get_body_display()} told"
