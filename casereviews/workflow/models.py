"""The record of how a case moved: status changes, the timeline, and the Panel's response to
a partnership's rapid review. Rows are never edited."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models


class AppendOnly(models.Model):
    """A row that is written once and never changed or deleted."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise TypeError(f"{type(self).__name__} rows are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError(f"{type(self).__name__} rows are never deleted")


class StatusChange(AppendOnly):
    """One transition of a case: from, to, who, when and why."""

    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="status_changes"
    )
    transition = models.CharField(max_length=50)
    from_status = models.CharField(max_length=40)
    to_status = models.CharField(max_length=40)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    reason = models.TextField(blank=True)
    # The case's version after this change: "what changed since the version I loaded".
    version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ("at", "id")
        # The steps of a kind taken in a period: the reviews a partnership commissioned in
        # a year (`casereviews.learning.annual`).
        indexes = [models.Index(fields=("transition", "at", "id"), name="status_change_step_at")]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class TimelineEntry(AppendOnly):
    """A line in the case's timeline. Text never names the child: it is read by every
    person who may see the case, and may be quoted in e-mails' subjects."""

    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="timeline"
    )
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=50)
    text = models.CharField(max_length=300)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ("at", "id")
        verbose_name_plural = "timeline entries"

    def __str__(self) -> str:
        return self.text


class PanelResponse(AppendOnly):
    """The Child Safeguarding Practice Review Panel's answer to a partnership's rapid review
    (framework wt-2023): whether it will carry out a national review. A correction is a new
    row; the newest is the Panel's answer."""

    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="panel_responses"
    )
    national_review = models.BooleanField()
    # When the Panel answered (its letter or e-mail), as the Business Manager read it.
    received_on = models.DateField()
    detail = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ("recorded_at", "id")
        indexes = [
            models.Index(fields=("notification", "-recorded_at"), name="panel_response_newest")
        ]

    def __str__(self) -> str:
        return "National review" if self.national_review else "No national review"


class PanelNotificationHow(models.TextChoices):
    """How the local authority notified the Child Safeguarding Practice Review Panel."""

    ONLINE_FORM = (
        "online_form",
        "The national online form (Report a serious child safeguarding incident)",
    )
    OTHER = "other", "Another way"


class PanelNotification(AppendOnly):
    """The local authority's notification of a serious incident to the Child Safeguarding
    Practice Review Panel (Children Act 2004 s16C(1); framework wt-2023), as sent: when, how,
    the reference the Panel (or Ofsted) gave it and who sent it. The Panel's 5 working days
    are met or missed by `sent_at`, not by the moment it is recorded. A correction would be a
    new row; the newest is the notification."""

    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="panel_notifications"
    )
    sent_at = models.DateTimeField()
    how = models.CharField(max_length=20, choices=PanelNotificationHow.choices)
    how_detail = models.CharField(max_length=200, blank=True)
    reference = models.CharField(max_length=100)
    sent_by = models.CharField(max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ("recorded_at", "id")

    def __str__(self) -> str:
        return f"Panel notified, reference {self.reference}"


class PartnersDecisionChoice(models.TextChoices):
    """What a safeguarding partner agrees the partners decide (`wt_2023.PARTNERS_DECISIONS`)."""

    LCSPR = "lcspr", "A local child safeguarding practice review (LCSPR)"
    OTHER_REVIEW = "other_review", "Another form of learning review"
    NO_REVIEW = "no_review", "No review"


class LcsprCriterion(models.TextChoices):
    """What the partners weigh in deciding whether an LCSPR is appropriate (Working Together
    2023, chapter 5, "Decisions on local and national reviews")."""

    IMPROVEMENTS = "improvements", "The case highlights or may highlight improvements needed"
    RECURRENT_THEMES = "recurrent_themes", "The case highlights recurrent themes"
    WORKING_TOGETHER = (
        "working_together",
        "The case highlights concerns about two or more agencies working together",
    )
    PANEL_VIEW = "panel_view", "The Panel's view that a local review may be more appropriate"


class PartnersView(AppendOnly):
    """One safeguarding partner's agreement to the partners' decision on a case, given by
    its representative (or a deputy): the decision, the criteria considered and reasons.
    The decision is made only when the newest view of each of the three partners names the
    same decision (`casereviews.workflow.partners`)."""

    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="partners_views"
    )
    partner = models.CharField(max_length=30)
    decision = models.CharField(max_length=20, choices=PartnersDecisionChoice.choices)
    criteria = models.JSONField(default=list)
    reasons = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"{self.partner}: {self.decision}"
