"""What the board tells its partners of the lessons of its reviews.

The lessons library itself is `casereviews.assessments.models.PastReview`: the reviews
entered by hand before the service and the ones the service closed, in one table, so
that "similar issues previously reviewed" finds both.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Briefing(models.Model):
    """A briefing of partners on the lessons of a review: the board advises them "on
    lessons to be learned" (Regulation 5(1)(e); procedure, Section A 1). Written once."""

    past_review = models.ForeignKey(
        "assessments.PastReview", on_delete=models.PROTECT, related_name="briefings"
    )
    what = models.TextField("what the partners were told")
    to_whom = models.CharField("who was briefed", max_length=300)
    given_on = models.DateField("when")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ("-given_on", "-id")
        # The briefings of one review, newest first (the review's page).
        indexes = [models.Index(fields=("past_review", "-given_on", "-id"), name="briefing_newest")]

    def __str__(self) -> str:
        return f"Briefing of {self.to_whom} on {self.given_on:%Y-%m-%d}"
