"""What the board tells its partners of the lessons of its reviews.

The lessons library itself is `casereviews.assessments.models.PastReview`: the reviews
entered by hand before the service and the ones the service closed, in one table, so
that "similar issues previously reviewed" finds both.
"""

from __future__ import annotations

from django.db import models

from casereviews.kit.models import Recorded


class Briefing(Recorded):
    """A briefing of partners on the lessons of a review: the board advises them "on
    lessons to be learned" (Regulation 5(1)(e); procedure, Section A 1). Written once."""

    past_review = models.ForeignKey(
        "assessments.PastReview", on_delete=models.PROTECT, related_name="briefings"
    )
    what = models.TextField("what the partners were told")
    to_whom = models.CharField("who was briefed", max_length=300)
    given_on = models.DateField("when")

    class Meta:
        ordering = ("-given_on", "-id")
        # The briefings of one review, newest first (the review's page).
        indexes = [models.Index(fields=("past_review", "-given_on", "-id"), name="briefing_newest")]

    def __str__(self) -> str:
        return f"Briefing of {self.to_whom} on {self.given_on:%Y-%m-%d}"


class FiguresSnapshot(models.Model):
    """The figures of a set of boards for a year, as last counted. The dashboards read
    this row instead of counting a year on every load, and count again when it is older
    than `settings.FIGURES_REFRESH`; one row per key, shared by every process of the
    service (docs/adr/0019-figures-counted-at-most-every-few-minutes.md).

    The figures are counts and the names of stages, deadlines, quarters, decisions and
    agencies (`casereviews.learning.figures`): never a child or a case."""

    # The boards' ids in ascending order, joined by commas ("3" or "3,7").
    boards = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField()
    # When the counting began: the figures are the records as they stood then.
    counted_at = models.DateTimeField()
    # `casereviews.learning.snapshots.as_stored` of the figures.
    figures = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("boards", "year"), name="figures_snapshot_key")
        ]

    def __str__(self) -> str:
        return f"Figures of boards {self.boards} for {self.year}, counted {self.counted_at}"
