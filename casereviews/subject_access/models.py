"""A subject access request about the board's cases, and what was released in answer
(docs/adr/0035-subject-access.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SubjectAccessRequest(models.Model):
    """A person's request for the data the board holds about them (or about a child, by
    someone entitled to act for them), received on a day from which the one month of
    UK GDPR Article 12(3) runs."""

    board = models.ForeignKey("boards.Board", on_delete=models.PROTECT, related_name="+")
    # Whom the request is about, as the search looks for them.
    full_name = models.CharField("name of the person the request is about", max_length=200)
    received_on = models.DateField()
    # Article 12(3): extended by two further months, told within the first month, why.
    extended_on = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("-received_on", "-id")

    def __str__(self) -> str:
        return f"Subject access request {self.pk}"


class SubjectAccessRelease(models.Model):
    """What was released in answer, and what was redacted from it and why."""

    request = models.ForeignKey(
        SubjectAccessRequest, on_delete=models.PROTECT, related_name="releases"
    )
    # The keys of the items released ("model:pk:field"), as the search found them.
    items = models.JSONField(default=list)
    redactions = models.TextField(blank=True)
    released_on = models.DateField()
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ("-recorded_at", "-id")

    def __str__(self) -> str:
        return f"Release {self.pk}"
