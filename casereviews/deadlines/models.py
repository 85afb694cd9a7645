"""Deadlines as data: started by the transition that starts them, with a due moment the
pure rules compute (`rules.py`), never typed in. "Overdue" is a query on `due_at`."""

from __future__ import annotations

from django.db import models


class DeadlineState(models.TextChoices):
    OPEN = "open", "Open"
    MET = "met", "Met"
    MISSED = "missed", "Met late"
    CANCELLED = "cancelled", "Cancelled"


class Deadline(models.Model):
    """One deadline of one case.

    States:
    - open: still to be met; on track, due soon or overdue by comparing `due_at` with now.
    - met: the transition that ends it happened by `due_at`.
    - missed: it happened, but after `due_at` (a late CRNF A is accepted, its lateness kept).
    - cancelled: it no longer applies (the case was withdrawn or closed, an SCR replaced a CPIR).
    """

    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="deadlines"
    )
    # The case's board, copied here so that a board's open deadlines, soonest first, are
    # one range of one index (`/due/` at any size of the service).
    board = models.ForeignKey("boards.Board", on_delete=models.PROTECT, related_name="+")
    rule_code = models.CharField(max_length=50)
    # What the deadline is about beyond the case, e.g. `involvement-request:12`.
    subject = models.CharField(max_length=100, blank=True)
    started_at = models.DateTimeField()
    due_at = models.DateTimeField(db_index=True)
    # Who must act: a role in the case's board, or a partner organisation.
    responsible_role = models.CharField(max_length=30)
    responsible_organisation = models.ForeignKey(
        "boards.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    state = models.CharField(max_length=20, choices=DeadlineState.choices, default="open")
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("due_at", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("notification", "rule_code", "subject"),
                condition=models.Q(state="open"),
                name="one_open_deadline_per_rule",
            )
        ]
        indexes = [
            models.Index(fields=("state", "due_at")),
            models.Index(
                fields=("board", "due_at", "id"),
                condition=models.Q(state="open"),
                name="deadline_open_of_board",
            ),
            # The board's deadlines falling due in a period, whatever their state (the
            # dashboards' counts, `casereviews.learning.figures`), with what the counts
            # read, so that PostgreSQL answers from the index alone.
            models.Index(
                fields=("board", "due_at"),
                include=("id", "state", "rule_code", "responsible_organisation"),
                name="deadline_of_board_by_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule_code} due {self.due_at:%Y-%m-%d %H:%M}"


class ReminderSent(models.Model):
    """A reminder step taken for a deadline. Recorded once, in the same transaction as its
    e-mail is queued, so a worker killed at any moment neither loses nor repeats a step."""

    deadline = models.ForeignKey(Deadline, on_delete=models.PROTECT, related_name="reminders")
    step = models.CharField(max_length=20)
    recorded_at = models.DateTimeField()
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("recorded_at", "id")
        constraints = [
            models.UniqueConstraint(fields=("deadline", "step"), name="one_reminder_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.step} for deadline {self.deadline_id}"
