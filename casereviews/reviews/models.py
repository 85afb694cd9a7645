"""The records of a commissioned review (Procedure Section A 1; DESIGN.md section 3,
"Review in progress -> report"): the review itself with its type and methodology, its
reviewers and their declarations of independence, its documents (terms of reference,
draft and final report, each with versions), milestones, how professionals took part and
how the family and the child were enabled to contribute, and the actions its
recommendations become. The workflow's guards read them (`casereviews.reviews.guards`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from casereviews.decisions.models import Methodology
from casereviews.kit.models import Recorded


class ReviewKind(models.TextChoices):
    """What the Independent Chair commissioned (a "no review" decision has no review)."""

    SCR = "scr", "Serious Case Review (SCR)"
    CPIR = "cpir", "Child Protection Incident Review (CPIR)"
    OTHER_REVIEW = "other_review", "Other review or audit"


class Review(models.Model):
    """The review of one case, started from the Chair's decision and the LISG's
    methodology. `lines_of_enquiry` are the key lines of enquiry of its terms of
    reference; the terms themselves are a `ReviewDocument`."""

    notification = models.OneToOneField(
        "notifications.Notification", on_delete=models.PROTECT, related_name="review"
    )
    kind = models.CharField(max_length=20, choices=ReviewKind.choices)
    # Set with the terms of reference, offered from the LISG's recommendation.
    methodology = models.CharField(max_length=30, choices=Methodology.choices, blank=True)
    lines_of_enquiry = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Review ({self.get_kind_display()})"


class ReviewerRole(models.TextChoices):
    LEAD = "lead", "Lead reviewer"
    PANEL = "panel", "Review panel member"


class Reviewer(models.Model):
    """A lead reviewer or review panel member. Reviews "are undertaken by individuals who
    are independent of the case" (Procedure A 1): each is appointed only with a
    declaration of independence from the case and the agencies reviewed, and never while
    employed by an agency involved with the child and family."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="reviewers")
    role = models.CharField(max_length=10, choices=ReviewerRole.choices)
    full_name = models.CharField(max_length=200)
    # Their employer; empty for an independent reviewer employed by no partner agency.
    organisation = models.ForeignKey(
        "boards.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    independence_declaration = models.TextField()
    declared_on = models.DateField()
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    appointed_at = models.DateTimeField()

    class Meta:
        ordering = ("review", "role", "id")

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.pk}"


class DocumentKind(models.TextChoices):
    TERMS_OF_REFERENCE = "terms_of_reference", "Terms of reference"
    DRAFT_REPORT = "draft_report", "Draft report"
    FINAL_REPORT = "final_report", "Final report"


class ReviewDocument(models.Model):
    """One version of one of the review's documents. A new upload of the same kind is the
    next version; earlier ones are kept. Stored under `settings.MEDIA_ROOT` by a random
    name and read back only through the audited download view."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=30, choices=DocumentKind.choices)
    version = models.PositiveSmallIntegerField()
    original_name = models.CharField(max_length=200)
    stored_name = models.CharField(max_length=64, unique=True)
    # The file's SHA-256 when it was uploaded (docs/adr/0024-backup-and-restore.md).
    sha256 = models.CharField(max_length=64, blank=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ("review", "kind", "-version")
        constraints = [
            models.UniqueConstraint(
                fields=("review", "kind", "version"), name="one_review_document_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} version {self.version}"


class Milestone(models.Model):
    """A step of the review with its target date (the completion target itself is the
    deadline `review_completed_within_six_months`, shown beside these)."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="milestones")
    title = models.CharField(max_length=200)
    target_date = models.DateField()
    reached_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("review", "target_date", "id")

    def __str__(self) -> str:
        return f"Milestone {self.pk}"


class ProfessionalsWay(models.TextChoices):
    LEARNING_EVENT = "learning_event", "Learning event"
    INTERVIEW = "interview", "Interview"
    PRACTITIONER_GROUP = "practitioner_group", "Practitioner group or workshop"


class ProfessionalInvolvement(Recorded):
    """How professionals took part: reviews "fully involve professionals" (A 1)."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="professionals")
    way = models.CharField(max_length=30, choices=ProfessionalsWay.choices)
    held_on = models.DateField()
    who_took_part = models.CharField(max_length=500)

    class Meta:
        ordering = ("review", "held_on", "id")

    def __str__(self) -> str:
        return f"{self.get_way_display()} {self.pk}"


class Contributor(models.TextChoices):
    FAMILY = "family", "The family"
    CHILD = "child", "The child"


class ContributionOutcome(models.TextChoices):
    OFFERED = "offered", "Offered"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class FamilyContribution(Recorded):
    """How the family and the child were enabled to contribute: "families (including
    children) are enabled to contribute and children remain at the centre of the process"
    (A 1). One row per offer and per answer, with its date, so the history is kept."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="contributions")
    who = models.CharField(max_length=10, choices=Contributor.choices)
    outcome = models.CharField(max_length=10, choices=ContributionOutcome.choices)
    on = models.DateField()
    how = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ("review", "on", "id")

    def __str__(self) -> str:
        return f"{self.get_who_display()}: {self.get_outcome_display()}"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OVERDUE = "overdue", "Overdue"
    COMPLETE = "complete", "Complete"


class Recommendation(models.Model):
    """One recommendation of the review's report."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ("review", "number")
        constraints = [
            models.UniqueConstraint(fields=("review", "number"), name="one_recommendation_number")
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number}"


class ReviewAction(models.Model):
    """An action a recommendation becomes, owned by a partner agency."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="actions"
    )
    # Copied from the case, so a board's actions are one range of one index.
    board = models.ForeignKey("boards.Board", on_delete=models.PROTECT, related_name="+")
    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="review_actions"
    )
    description = models.TextField()
    owner_agency = models.ForeignKey(
        "boards.Organisation", on_delete=models.PROTECT, related_name="review_actions"
    )
    owner_name = models.CharField(max_length=200)
    due_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    created_at = models.DateTimeField()
    # The later check that the improvement is sustained: when, the evidence, who judged.
    sustained_on = models.DateField(null=True, blank=True)
    sustained_evidence = models.TextField(blank=True)
    sustained_judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("due_on", "id")
        indexes = [
            models.Index(fields=("notification", "status"), name="review_action_of_case"),
            # The board's actions list, soonest due first, whole or filtered by status or
            # by owner agency: each one range of one index (docs/adr/0010).
            models.Index(fields=("board", "due_on", "id"), name="review_action_of_board"),
            models.Index(
                fields=("board", "status", "due_on", "id"), name="review_action_by_status"
            ),
            models.Index(
                fields=("board", "owner_agency", "due_on", "id"), name="review_action_by_agency"
            ),
        ]

    def __str__(self) -> str:
        return f"Action {self.pk}"

    @property
    def is_open(self) -> bool:
        """Still to be done, or done but not yet shown to be sustained."""
        return self.status != ActionStatus.COMPLETE or self.sustained_on is None


class ActionUpdate(models.Model):
    """A progress update on an action by its owner agency or the Business Manager, with
    an optional evidence document (kept like the review's documents)."""

    action = models.ForeignKey(ReviewAction, on_delete=models.PROTECT, related_name="updates")
    status = models.CharField(max_length=20, choices=ActionStatus.choices)
    progress = models.TextField()
    evidence_name = models.CharField(max_length=200, blank=True)
    evidence_stored_name = models.CharField(max_length=64, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    evidence_content_type = models.CharField(max_length=100, blank=True)
    evidence_size = models.PositiveIntegerField(default=0)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ("action", "-at", "-id")

    def __str__(self) -> str:
        return f"Update {self.pk}"


class PublicationForm(models.TextChoices):
    """How an SCR report is published: "a clear requirement for all SCRs to be published in
    full" (Procedure A 1); a summary, or no publication, only with a reason the Independent
    Chair agreed."""

    FULL = "full", "In full"
    SUMMARY = "summary", "A summary"
    NOT_PUBLISHED = "not_published", "Not published"


class Publication(models.Model):
    """The publication of an SCR report: the board's sign-off, the copy sent to Ofsted and
    the National Panel before publication, the planned date (after the parallel processes
    that affect publication were acknowledged), and the publication itself."""

    review = models.OneToOneField(Review, on_delete=models.PROTECT, related_name="publication")
    signed_off_on = models.DateField(null=True, blank=True)
    signed_off_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ofsted_copy_sent_on = models.DateField(null=True, blank=True)
    panel_copy_sent_on = models.DateField(null=True, blank=True)
    # The parallel processes flagged as affecting publication that were shown and
    # acknowledged when the date was set, and by whom.
    parallel_processes_acknowledged = models.TextField(blank=True)
    planned_on = models.DateField(null=True, blank=True)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    form = models.CharField(max_length=20, choices=PublicationForm.choices, blank=True)
    web_address = models.URLField(max_length=500, blank=True)
    published_on = models.DateField(null=True, blank=True)
    # A summary, or no publication: the reason, and the Independent Chair's agreement.
    reason = models.TextField(blank=True)
    chair_agreed_on = models.DateField(null=True, blank=True)
    # Kept published for at least 12 months (national guidance): until this date.
    kept_published_until = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"Publication {self.pk}"


class LearningDissemination(Recorded):
    """How the learning of a CPIR, another review or audit (or an SCR the Chair agreed not
    to publish) was disseminated: how, to whom and when. The board advises its partners
    "on lessons to be learned" (Regulation 5(1)(e), Procedure A 2(i))."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="disseminations")
    how = models.CharField(max_length=500)
    to_whom = models.CharField(max_length=500)
    on = models.DateField()

    class Meta:
        ordering = ("review", "on", "id")

    def __str__(self) -> str:
        return f"Learning disseminated {self.pk}"
