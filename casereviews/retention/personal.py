"""What of a case is personal data, and its destruction (docs/adr/0034).

Every row that hangs off a case — found by following the foreign keys that point at the
case, then at those rows, and so on — is read here by its model's fields, not by a list
of models, so a table added later is covered without being named:

- rows of `DELETED` models (the child, the family, the case's own documents) go;
- every document those rows or others name has its file removed from the storage;
- on every other row, each free-text field and each text field without fixed choices is
  emptied, except the few in `KEPT`, which are references and codes, never a person.

Kept: the rows themselves (so the case's reference, its dates, its status history and
what was decided stay), every date, every choice, every number, every link.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Model

from casereviews.notifications.models import Notification
from casereviews.storage import document_delete, document_holders

# Rows that are a person, or a person's document: removed whole.
DELETED = frozenset(
    {
        "notifications.Child",
        "notifications.FamilyMember",
        "notifications.Attachment",
        "reviews.ReviewDocument",
    }
)
# Text that names no one: the case's reference and the codes of its history.
KEPT = frozenset(
    {
        ("notifications.Notification", "reference"),
        ("workflow.StatusChange", "transition"),
        ("workflow.StatusChange", "from_status"),
        ("workflow.StatusChange", "to_status"),
        ("workflow.TimelineEntry", "kind"),
        # The timeline's line never names the child (workflow.models.TimelineEntry); its
        # `detail`, typed by a person, is emptied.
        ("workflow.TimelineEntry", "text"),
        ("deadlines.Deadline", "rule_code"),
        ("deadlines.Deadline", "subject"),
        ("deadlines.Deadline", "responsible_role"),
        ("deadlines.ReminderSent", "step"),
        ("assessments.CriteriaAssessment", "ruleset"),
        ("assessments.CriteriaAssessment", "recommendation"),
        ("assessments.VerificationDecision", "engine_recommendation"),
        ("decisions.LisgRecommendation", "engine_recommendation"),
        ("decisions.ChairDecision", "engine_recommendation"),
    }
)


@dataclass(frozen=True)
class Reach:
    """A model whose rows hang off a case, and the lookup from it to the case's id."""

    model: type[Model]
    path: str

    @property
    def label(self) -> str:
        return self.model._meta.label


def reaches() -> list[Reach]:
    """Every model whose rows hang off a case, nearest first (one path each, the
    shortest), the case itself first."""
    found: dict[type[Model], str] = {Notification: "pk"}
    waiting: deque[type[Model]] = deque([Notification])
    while waiting:
        model = waiting.popleft()
        for relation in model._meta.related_objects:
            related = relation.related_model
            if (
                not isinstance(related, type)
                or related in found
                or relation.many_to_many
                or not related._meta.managed
            ):
                continue
            field = relation.field.name
            prefix = found[model]
            found[related] = field if prefix == "pk" else f"{field}__{prefix}"
            waiting.append(related)
    return [Reach(model, path) for model, path in found.items()]


def is_text(field: models.Field[Any, Any]) -> bool:
    """Free text, or text without fixed choices."""
    return isinstance(field, models.CharField | models.TextField) and not field.choices


def emptied_fields(model: type[Model]) -> list[str]:
    """The fields of `model` a disposal empties."""
    label = model._meta.label
    return [
        field.name
        for field in model._meta.concrete_fields
        if is_text(field) and not field.primary_key and (label, field.name) not in KEPT
    ]


def destroy(cases: list[int]) -> dict[str, int]:
    """Destroy the personal data of the cases numbered `cases` (inside the caller's
    transaction), a few statements a table for the whole batch; the files are removed by
    `remove_files` once it commits. Returns rows touched by model."""
    touched: dict[str, int] = {}
    for reach in reversed(reaches()):
        rows = reach.model._base_manager.filter(**{f"{reach.path}__in": cases})
        if reach.label in DELETED:
            # What points at these rows empties itself (the case's subject child).
            count, _ = rows.delete()
            if count:
                touched[reach.label] = count
            continue
        fields = emptied_fields(reach.model)
        if fields:
            count = rows.update(**dict.fromkeys(fields, ""))
            if count:
                touched[reach.label] = count
    return touched


def files_of(cases: list[int]) -> list[tuple[str, str]]:
    """(model, stored name) of every document the cases' rows name: read before the
    rows go, removed after the transaction commits."""
    by_label = {reach.label: reach for reach in reaches()}
    names: list[tuple[str, str]] = []
    for holder in document_holders():
        reach = by_label.get(holder.model)
        if reach is None:
            continue
        stored = reach.model._base_manager.filter(**{f"{reach.path}__in": cases}).exclude(
            **{holder.name_field: ""}
        )
        names += [(holder.model, name) for name in stored.values_list(holder.name_field, flat=True)]
    return names


def remove_files(names: list[tuple[str, str]]) -> None:
    holders = {holder.model: holder for holder in document_holders()}
    for model, name in names:
        document_delete(holder=holders[model], name=name)
