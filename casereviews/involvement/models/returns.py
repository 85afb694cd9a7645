"""What the partner agencies send and what the board records around it before the LISG
meets (Procedure A 4 and A 5): each agency's return (a
summary of information held and a skeleton chronology), the sharing of the merged
chronology, and the Business Manager's reason for letting the LISG go ahead without a
return. The request itself is `decisions.InvolvementRequest`."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models


class Involvement(models.TextChoices):
    INVOLVED = "involved", "Involved"
    NOT_INVOLVED = "not_involved", "No involvement"


class ReturnState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    SUPERSEDED = "superseded", "Replaced by a correction"


class InvolvementReturn(models.Model):
    """One version of an agency's answer to an involvement request (Procedure A 4(i)).

    States:
    - draft: being written; the agency saves and edits it until it submits.
    - submitted: the version the board reads; it meets the agency's deadline.
    - superseded: an earlier submitted version, replaced by a correction. Kept, never
      edited, and shown as replaced.
    A correction after submission is a new draft version copied from the submitted one."""

    request = models.ForeignKey(
        "decisions.InvolvementRequest", on_delete=models.PROTECT, related_name="returns"
    )
    version = models.PositiveSmallIntegerField(default=1)
    state = models.CharField(max_length=20, choices=ReturnState.choices, default="draft")
    involvement = models.CharField(max_length=20, choices=Involvement.choices, blank=True)
    records_searched = models.TextField(blank=True)
    summary = models.TextField("summary of information held", blank=True)
    correction_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("request", "-version")
        constraints = [
            models.UniqueConstraint(fields=("request", "version"), name="one_return_per_version"),
            models.UniqueConstraint(
                fields=("request",), condition=models.Q(state="draft"), name="one_draft_return"
            ),
        ]

    def __str__(self) -> str:
        return f"Return version {self.version} to request {self.request_id}"


class ChronologyEntry(models.Model):
    """One line of an agency's skeleton chronology: when, what happened, who (by role),
    and the record it comes from.

    `notification`, `organisation` and `current` repeat what the return says, so the
    merged chronology of a case is one indexed, keyset-paginated query: `current` marks
    the entries of each agency's latest submitted version."""

    involvement_return = models.ForeignKey(
        InvolvementReturn, on_delete=models.CASCADE, related_name="entries"
    )
    # No index of its own: the two below begin with it. Left beside them, the planner
    # read a whole case's entries through it and sorted them to show one page.
    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    organisation = models.ForeignKey(
        "boards.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    current = models.BooleanField(default=False)
    date = models.DateField()
    time = models.TimeField(null=True, blank=True)
    # The order within a day: the time, or the start of the day when none was given.
    sort_time = models.TimeField(default=datetime.time(0, 0))
    approximate = models.BooleanField("the date is approximate", default=False)
    what_happened = models.TextField()
    who_involved = models.CharField("who was involved (role)", max_length=200, blank=True)
    source = models.CharField("source record", max_length=200)

    class Meta:
        ordering = ("date", "sort_time", "id")
        verbose_name_plural = "chronology entries"
        indexes = [
            models.Index(
                fields=("notification", "current", "date", "sort_time", "id"),
                name="merged_chronology_order",
            ),
            models.Index(
                fields=("notification", "current", "organisation", "date", "sort_time", "id"),
                name="merged_chronology_by_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"Chronology entry {self.pk}"


class ChronologyShare(models.Model):
    """The Business Manager shared the merged chronology of a case with an agency."""

    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="chronology_shares"
    )
    organisation = models.ForeignKey(
        "boards.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    shared_at = models.DateTimeField()

    class Meta:
        ordering = ("shared_at", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("notification", "organisation"), name="one_share_per_agency"
            )
        ]

    def __str__(self) -> str:
        return f"Chronology of {self.notification_id} shared with {self.organisation_id}"


class LisgGoAhead(models.Model):
    """The Business Manager's reason for the LISG to recommend although some asked
    agencies have not answered; shown to the LISG and the Chair. It covers the requests
    sent before it: a request sent later needs a new reason."""

    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="lisg_go_aheads"
    )
    reason = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ("recorded_at", "id")

    def __str__(self) -> str:
        return f"LISG to go ahead on {self.notification_id}"


class RecordsBody(models.TextChoices):
    CHILD = "child", "The child's records"
    PARENT_OR_CARER = "parent_or_carer", "A parent's or carer's records"
    HEALTH = "health", "Health records"
    THIRD_PARTY = "third_party", "A third party's records"


class Consent(models.TextChoices):
    OBTAINED = "obtained", "Consent obtained"
    REFUSED = "refused", "Consent refused"
    NOT_SOUGHT = "not_sought", "Consent not sought"


class DisclosureOutcome(models.TextChoices):
    DISCLOSE = "disclose", "Disclose"
    DISCLOSE_IN_PART = "disclose_in_part", "Disclose in part"
    WITHHOLD = "withhold", "Withhold"


class DisclosureDecision(models.Model):
    """Whether a body of records is disclosed for the review, decided case by case with
    its reasoning documented either way (Procedure A 4(ii)-(iv); Working Together 2015,
    chapter 4, paragraphs 22 to 25). Never edited: a changed decision is a new one."""

    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="disclosure_decisions"
    )
    records_body = models.CharField(max_length=20, choices=RecordsBody.choices)
    records_description = models.CharField(max_length=200, blank=True)
    holding_agency = models.ForeignKey(
        "boards.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    consent = models.CharField(max_length=20, choices=Consent.choices)
    # Why consent was refused or not sought.
    consent_note = models.TextField(blank=True)
    lawful_basis = models.CharField(max_length=300)
    decision = models.CharField(max_length=20, choices=DisclosureOutcome.choices)
    reasoning = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ("decided_at", "id")

    def __str__(self) -> str:
        return f"Disclosure decision {self.pk}"
