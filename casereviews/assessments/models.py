"""What the criteria engine said about a case, what the Business Manager decided, and
the themes that link a case to the board's earlier reviews.

Assessments and verification decisions are history: written once, never edited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from casereviews.workflow.models import AppendOnly


class CriteriaAssessment(AppendOnly):
    """The engine's answer for a notification's facts, under the ruleset in force on the
    day the case was first notified. A new row is stored whenever the facts change."""

    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="assessments"
    )
    ruleset = models.CharField(max_length=40)
    ruleset_version = models.PositiveIntegerField()
    facts = models.JSONField()
    answer = models.JSONField()
    recommendation = models.CharField(max_length=40)
    assessed_at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ("assessed_at", "id")
        get_latest_by = ("assessed_at", "id")

    def __str__(self) -> str:
        return f"{self.notification} — {self.recommendation} ({self.ruleset})"


class Outcome(models.TextChoices):
    """The Business Manager's verification of a notification against the criteria."""

    VERIFIED_SCR = "verified_scr", "Verified as meeting the SCR criteria"
    VERIFIED_CPIR = "verified_cpir", "Verified for a CPIR"
    NOT_MET = "not_met", "Does not meet the criteria"
    RETURNED = "returned", "Return to the notifier for more information"
    # A safeguarding partnership's case (wt-2023): whether the incident is notifiable to
    # the Child Safeguarding Practice Review Panel (`assessments.notifiability`).
    NOTIFIABLE = "notifiable", "Notifiable to the Panel"
    NOT_NOTIFIABLE = "not_notifiable", "Not notifiable to the Panel"


# The 2015 procedure's verification outcomes (the verification page's choices).
VERIFICATION_OUTCOMES = (
    Outcome.VERIFIED_SCR,
    Outcome.VERIFIED_CPIR,
    Outcome.NOT_MET,
    Outcome.RETURNED,
)


class VerificationDecision(AppendOnly):
    """One verification step: the outcome, the engine's recommendation at the time,
    whether they agree (none for a return), and the reason given."""

    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="verifications"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    engine_recommendation = models.CharField(max_length=40, blank=True)
    assessment = models.ForeignKey(
        CriteriaAssessment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agrees = models.BooleanField(null=True)
    reason = models.TextField(blank=True)
    # The review or audit to consider when the criteria are not met.
    review_to_consider = models.TextField(blank=True)
    # What the notifier is asked for when the notification is returned.
    message = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ("at", "id")
        get_latest_by = ("at", "id")

    def __str__(self) -> str:
        return f"{self.notification} — {self.get_outcome_display()}"


class Theme(models.Model):
    """A theme of practice a case or review is about (neglect, domestic abuse…)."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class NotificationTheme(models.Model):
    """A theme the Business Manager tagged a notification with."""

    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.CASCADE, related_name="theme_tags"
    )
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    tagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    tagged_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("notification", "theme"), name="one_tag_per_theme")
        ]

    def __str__(self) -> str:
        return f"{self.notification} — {self.theme}"


class ReviewType(models.TextChoices):
    SCR = "scr", "Serious Case Review (SCR)"
    CPIR = "cpir", "Child Protection Incident Review (CPIR)"
    OTHER = "other", "Other review or audit"


class PastReview(models.Model):
    """A review the board held: its library of earlier learning (the lessons library).

    Reviews held before the service were entered by hand (no `notification`); a case the
    service closes after a review joins the library by itself, from its own records
    (`casereviews.learning.hooks`), and "similar issues previously reviewed" finds it."""

    board = models.ForeignKey("boards.Board", on_delete=models.PROTECT, related_name="past_reviews")
    title = models.CharField(max_length=200)
    year = models.PositiveIntegerField()
    type = models.CharField(max_length=10, choices=ReviewType.choices)
    themes = models.ManyToManyField(Theme, related_name="past_reviews", blank=True)
    published_url = models.URLField("published link", blank=True)
    # The case the review came from, when the service held it.
    notification = models.OneToOneField(
        "notifications.Notification",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="past_review",
    )
    key_findings = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    # When it joined the library (empty for the reviews entered by hand).
    added_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-year", "title")
        constraints = [
            models.UniqueConstraint(fields=("board", "title"), name="one_past_review_per_title")
        ]
        # The library of a board, newest year first (`casereviews.learning.selectors`).
        indexes = [models.Index(fields=("board", "-year", "-id"), name="past_review_board_newest")]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"
