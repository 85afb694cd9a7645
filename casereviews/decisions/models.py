"""The records the procedure's steps produce: agency involvement requests, the LISG's
recommendation, the Independent Chair's decision and the notifications sent to Ofsted and
the National Panel. The workflow's guards read them (DESIGN.md section 3)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models

from casereviews.kit.models import Recorded


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
    APPRECIATIVE_INQUIRY = "appreciative_inquiry", "Appreciative inquiry"
    AUDIT = "audit", "Multi-agency audit"
    OTHER = "other", "Other (described)"
    NONE = "none", "No review"


class Commissioning(models.TextChoices):
    """How a CPIR is commissioned: by the partners jointly, or by one agency (B 1(i))."""

    JOINT = "joint", "Jointly commissioned by the partner agencies"
    SINGLE_AGENCY = "single_agency", "Single-agency review"


class OtherProcedure(models.TextChoices):
    """A statutory review the LISG may find the more appropriate procedure (A 4(vi))."""

    DHR = "dhr", "Domestic Homicide Review (DHR)"
    SAR = "sar", "Safeguarding Adults Review (SAR)"
    MAPPA = "mappa", "MAPPA Serious Case Review"


class OtherProcedureRelation(models.TextChoices):
    ALONGSIDE = "alongside", "Alongside a Serious Case Review"
    INSTEAD = "instead", "Instead of a Serious Case Review"


# The methodologies that fit each type of review; any other pairing contradicts itself
# (an SCR "with no review", an SCR done as an audit). A CPIR integrates a systems
# approach (Procedure B 3(iii)); an audit is a review "or audit" of its own (C 1(iii)).
_REVIEWS = frozenset(
    {
        Methodology.SCIE_LEARNING_TOGETHER,
        Methodology.SILP,
        Methodology.TRADITIONAL,
        Methodology.APPRECIATIVE_INQUIRY,
        Methodology.OTHER,
    }
)
REVIEW_METHODOLOGIES: dict[str, frozenset[str]] = {
    ReviewType.SCR: _REVIEWS,
    ReviewType.CPIR: _REVIEWS,
    ReviewType.OTHER_REVIEW: _REVIEWS | {Methodology.AUDIT},
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


@dataclass(frozen=True)
class Choice:
    """What the LISG recommends, or the Chair decides, beyond the type of review: read by
    `choice_problems`, which both the forms and the services ask."""

    review_type: str
    methodology: str | None = None  # None: the Chair's decision names none
    methodology_other: str = ""
    commissioning: str = ""
    commissioning_agency: int | None = None
    other_review_name: str = ""
    other_review_agencies: tuple[int, ...] = ()
    other_procedure: str = ""
    other_procedure_relation: str = ""


def choice_problems(choice: Choice) -> list[tuple[str, str]]:
    """Each contradiction in the choice as (field, sentence refusing it); empty if it holds
    together. The field names are the forms' and the models'."""
    problems: list[tuple[str, str]] = []
    kind = choice.review_type
    if choice.methodology is not None:
        problem = methodology_problem(kind, choice.methodology)
        if problem:
            problems.append(("methodology", problem))
        elif choice.methodology == Methodology.OTHER and not choice.methodology_other.strip():
            problems.append(("methodology_other", "Describe the other methodology"))
    if kind == ReviewType.CPIR:
        if not choice.commissioning:
            problems.append(
                (
                    "commissioning",
                    "Select whether the CPIR is jointly commissioned or single-agency",
                )
            )
        elif choice.commissioning == Commissioning.SINGLE_AGENCY and not (
            choice.commissioning_agency
        ):
            problems.append(
                (
                    "commissioning_agency",
                    "Select the agency that carries out the single-agency CPIR",
                )
            )
    elif choice.commissioning or choice.commissioning_agency:
        problems.append(
            (
                "commissioning",
                "Say how a review is commissioned only for a Child Protection Incident Review",
            )
        )
    if kind == ReviewType.OTHER_REVIEW:
        if not choice.other_review_name.strip():
            problems.append(("other_review_name", "Enter which review or audit it is"))
        if not choice.other_review_agencies:
            problems.append(
                ("other_review_agencies", "Select the agencies that carry out the review or audit")
            )
    elif choice.other_review_name.strip() or choice.other_review_agencies:
        problems.append(
            (
                "other_review_name",
                "Name a review or audit and its agencies only when recommending another review "
                "or audit",
            )
        )
    if choice.other_procedure and not choice.other_procedure_relation:
        problems.append(
            (
                "other_procedure_relation",
                f"Select whether the {OtherProcedure(choice.other_procedure).label} is alongside "
                "a Serious Case Review or instead of one",
            )
        )
    elif choice.other_procedure_relation and not choice.other_procedure:
        problems.append(("other_procedure", "Select which procedure is more appropriate"))
    elif choice.other_procedure_relation == OtherProcedureRelation.ALONGSIDE and (
        kind != ReviewType.SCR
    ):
        problems.append(
            (
                "other_procedure_relation",
                f"A {OtherProcedure(choice.other_procedure).label} alongside a Serious Case "
                f'Review contradicts "{ReviewType(kind).label}": select "Instead of a Serious '
                'Case Review" or recommend an SCR',
            )
        )
    elif choice.other_procedure_relation == OtherProcedureRelation.INSTEAD and (
        kind == ReviewType.SCR
    ):
        problems.append(
            (
                "other_procedure_relation",
                f"A {OtherProcedure(choice.other_procedure).label} instead of a Serious Case "
                'Review contradicts recommending an SCR: select "Alongside a Serious Case '
                'Review" or recommend something else',
            )
        )
    return problems


class LisgRecommendation(Recorded):
    """The Learning and Improvement Sub-Group's recommendation to the Independent Chair."""

    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="lisg_recommendations"
    )
    review_type = models.CharField(max_length=20, choices=ReviewType.choices)
    methodology = models.CharField(max_length=30, choices=Methodology.choices)
    methodology_other = models.TextField(blank=True)
    # A CPIR: jointly commissioned, or single-agency naming the agency (B 1(i)).
    commissioning = models.CharField(max_length=20, choices=Commissioning.choices, blank=True)
    commissioning_agency = models.ForeignKey(
        "boards.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Another review or audit: which one, by which agencies.
    other_review_name = models.CharField(max_length=200, blank=True)
    other_review_agencies = models.ManyToManyField(
        "boards.Organisation", blank=True, related_name="+"
    )
    # A DHR, SAR or MAPPA review as the more appropriate procedure, alongside or instead.
    other_procedure = models.CharField(max_length=20, choices=OtherProcedure.choices, blank=True)
    other_procedure_relation = models.CharField(
        max_length=20, choices=OtherProcedureRelation.choices, blank=True
    )
    rationale = models.TextField()
    # Members who did not agree, and what they said (kept with the recommendation).
    dissent_by = models.CharField(max_length=300, blank=True)
    dissent_view = models.TextField(blank=True)
    # The criteria engine's recommendation when the LISG recommended, and, where the LISG
    # departs from its SCR answer ("must" or "should"), why (Procedure A 4(vi)).
    engine_recommendation = models.CharField(max_length=40, blank=True)
    departure_reason = models.TextField(blank=True)
    meeting_date = models.DateField()
    # Made at this LISG meeting; or, with none, outside a meeting (an extraordinary or
    # virtual decision) for the reason recorded (docs/adr/0011-lisg-meetings.md).
    meeting = models.ForeignKey(
        "involvement.LisgMeeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    outside_meeting_reason = models.TextField(blank=True)
    # Recorded by the person who notified the case : shown to the Chair, so
    # an interest in the outcome is never hidden.
    by_notifier = models.BooleanField("recorded by the case's notifier", default=False)

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
    # What was commissioned, so the review that follows knows (mirrors the LISG's choice).
    commissioning = models.CharField(max_length=20, choices=Commissioning.choices, blank=True)
    commissioning_agency = models.ForeignKey(
        "boards.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    other_review_name = models.CharField(max_length=200, blank=True)
    other_review_agencies = models.ManyToManyField(
        "boards.Organisation", blank=True, related_name="+"
    )
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
        # The decisions made in a period (the dashboards, `casereviews.learning.figures`),
        # with what the counts read, so that PostgreSQL answers from the index alone.
        indexes = [
            models.Index(
                fields=("decided_at",),
                include=("id", "notification", "decision", "engine_recommendation", "escalates"),
                name="chair_decision_decided_at",
            )
        ]

    def __str__(self) -> str:
        return f"Chair decided: {self.get_decision_display()}"


class ExternalBody(models.TextChoices):
    OFSTED = "ofsted", "Ofsted"
    NATIONAL_PANEL = "national_panel", "National Panel of Independent Experts"


class ExternalNotification(Recorded):
    """The board told Ofsted or the National Panel of the Chair's decision (C 1(iii)),
    with the document the service generated for that body (ADR 0012)."""

    notification = models.ForeignKey(
        "notifications.Notification",
        on_delete=models.PROTECT,
        related_name="external_notifications",
    )
    body = models.CharField(max_length=20, choices=ExternalBody.choices)
    # The decision they were told of (empty on records made before documents were kept).
    decision = models.ForeignKey(
        ChairDecision, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    told_at = models.DateTimeField()
    how = models.CharField(max_length=200)
    # The body's own reference for the notification, when it gives one.
    body_reference = models.CharField(max_length=100, blank=True)
    # The document the service generated and the board sent, kept as it was sent
    # (rendered HTML; the PDF is made from it). Empty on records made before.
    document = models.TextField(blank=True)

    class Meta:
        ordering = ("told_at", "id")

    def __str__(self) -> str:
        return f"{self.get_body_display()} told"
