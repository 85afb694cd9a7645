"""The audit trail: one append-only table of events (docs/adr/0003-audit-trail.md)."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.db.models.fields.json import KeyTransform


class Outcome(models.TextChoices):
    SUCCESS = "success", "Success"
    DENIED = "denied", "Denied"
    FAILED = "failed", "Failed"


class AppendOnlyError(Exception):
    """Audit events are never changed or deleted once written."""


_REFUSAL = "The audit trail is append-only: events cannot be changed or deleted"


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Refuses the bulk writes that would bypass the chain or rewrite history."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(_REFUSAL)

    def delete(self) -> NoReturn:
        raise AppendOnlyError(_REFUSAL)

    def bulk_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events are written one by one through audit_record")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(_REFUSAL)


class AuditEvent(models.Model):
    """Who did what to which object, when, from where, and with what outcome.

    Names and roles are copied at the time of the event, so the trail still reads
    correctly after a person changes organisation or leaves. Each event carries the hash
    of the one before it (`previous_hash`) and its own keyed hash (`hash`), so editing,
    removing or reordering an event breaks the chain (`manage.py verify_audit`).
    """

    sequence = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_email = models.CharField(max_length=254, blank=True)
    actor_organisation = models.CharField(max_length=200, blank=True)
    actor_roles = models.CharField(max_length=300, blank=True)
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=80, blank=True, db_index=True)
    object_label = models.CharField(max_length=80, blank=True)
    board = models.ForeignKey(
        "boards.Board", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS)
    request_id = models.CharField(max_length=32, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ("sequence",)
        indexes = [
            models.Index(fields=("object_type", "object_id", "id")),
            # A period of a board's trail, newest first, as the search pages read it
            # (`casereviews.audit.selectors`); with an action, its own range.
            models.Index(fields=("board", "-at", "-sequence"), name="audit_board_newest"),
            models.Index(
                fields=("board", "action", "-at", "-sequence"), name="audit_action_newest"
            ),
            # Events about a case's documents name the case in `detail["case"]`.
            models.Index(KeyTransform("case", "detail"), name="audit_detail_case"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_email} {self.action} {self.object_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(_REFUSAL)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(_REFUSAL)
