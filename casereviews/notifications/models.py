"""A notification is the case: it starts as a CRNF A and carries the case to its close."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    RETURNED_FOR_INFORMATION = "returned_for_information", "Returned for information"
    WITHDRAWN = "withdrawn", "Withdrawn"
    UNDER_CONSIDERATION = "under_consideration", "Under consideration"
    LISG_RECOMMENDED = "lisg_recommended", "LISG recommended"
    SCR_COMMISSIONED = "scr_commissioned", "SCR commissioned"
    CPIR_COMMISSIONED = "cpir_commissioned", "CPIR commissioned"
    OTHER_REVIEW_COMMISSIONED = "other_review_commissioned", "Other review or audit commissioned"
    NO_REVIEW = "no_review", "No review"
    REVIEW_IN_PROGRESS = "review_in_progress", "Review in progress"
    REPORT = "report", "Report"
    PUBLISHED = "published", "Published"
    ACTIONS_MONITORED = "actions_monitored", "Actions monitored"
    CLOSED = "closed", "Closed"


class ReviewSought(models.TextChoices):
    SCR = "scr", "Serious Case Review (SCR) consideration"
    INTER_AGENCY_CPIR = "inter_agency_cpir", "Inter-agency Child Protection Incident Review"
    SINGLE_AGENCY_CPIR = "single_agency_cpir", "Single-agency CPIR consultation"
    GOOD_PRACTICE = "good_practice", "Good practice review"


class Notification(models.Model):
    """A Case Review Notification Form (CRNF A) and the case it starts.

    States (`Status`), in the order of the procedure:
    - draft: being written by its notifier; only they can see it.
    - submitted: sent to the board; the Business Manager verifies it against the criteria.
    - returned_for_information: the Business Manager asked the notifier for more.
    - withdrawn: withdrawn by the board, with a reason.
    - under_consideration: verified; agencies are asked for involvement and chronologies.
    - lisg_recommended: the LISG has recommended a type of review, or none.
    - scr_commissioned / cpir_commissioned / other_review_commissioned / no_review: the
      Independent Chair's decision.
    - review_in_progress, report, published: the review and its report.
    - actions_monitored: the review's actions are being followed through.
    - closed: nothing more to do.
    A CPIR may be escalated to an SCR (cpir_commissioned or review_in_progress to
    scr_commissioned), and the Business Manager may reopen a closed or withdrawn case
    (back to under_consideration), with a reason. The transitions are the table in
    `casereviews.workflow.transitions`.
    """

    board = models.ForeignKey(
        "boards.Board", on_delete=models.PROTECT, related_name="notifications"
    )
    reference = models.CharField(max_length=20, unique=True, null=True, blank=True)
    status = models.CharField(max_length=40, choices=Status.choices, default=Status.DRAFT)
    # Optimistic versioning: every change increments it, and a change made from a page
    # showing an older version is refused (select_for_update does nothing on SQLite).
    version = models.PositiveIntegerField(default=1)
    notifier = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications"
    )
    organisation = models.ForeignKey(
        "boards.Organisation", on_delete=models.PROTECT, related_name="notifications"
    )
    review_sought = models.CharField(max_length=30, choices=ReviewSought.choices, blank=True)
    # The facts of DESIGN.md section 4 by their exact names, kept up to date by the form;
    # the criteria engine reads them (`casereviews.criteria.parse_facts`).
    criteria_facts = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-submitted_at", "-created_at")
        indexes = [models.Index(fields=("board", "status"))]

    def __str__(self) -> str:
        return self.reference or f"Draft {self.pk}"
