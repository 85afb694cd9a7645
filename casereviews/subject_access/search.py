"""Everything the service holds about a named person in a board's cases.

The rows are found as disposal finds a case's rows (`casereviews.retention.personal`):
every table that hangs off a case by its foreign keys, so a table added later is
searched without being named. A row is about the person when any of its text fields
holds their name (case ignored); the whole row is given, so a child's row brings their
date of birth and address, a family member's their relationship. People with a role in
the board whose name matches are given too (a professional's own account).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import F, Model, Q

from casereviews.accounts.models import User
from casereviews.boards.models import Board
from casereviews.retention.personal import is_text, reaches

# Columns that say nothing about the person: internal names of stored files, hashes.
_INTERNAL = frozenset({"stored_name", "sha256", "evidence_stored_name", "evidence_sha256"})


@dataclass(frozen=True)
class Found:
    key: str  # "app.Model:pk", what a release names
    case: str  # the case's reference, or "" for a person's account
    what: str  # the kind of record, in words
    fields: tuple[tuple[str, str], ...]  # (field in words, value), the non-empty ones

    @property
    def number(self) -> str:
        """The record's number, as people are shown it."""
        return self.key.rsplit(":", 1)[1]


def _words(value: object) -> str:
    if isinstance(value, datetime.datetime):
        return f"{value:%-d %B %Y %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def _fields(row: Model) -> tuple[tuple[str, str], ...]:
    shown = []
    for field in row._meta.concrete_fields:
        if field.is_relation or field.primary_key or field.name in _INTERNAL:
            continue
        if field.name == "password":
            continue
        value = getattr(row, field.name)
        if value in (None, "", [], {}):
            continue
        display = getattr(row, f"get_{field.name}_display", None)
        shown.append(
            (str(field.verbose_name).capitalize(), display() if display else _words(value))
        )
    return tuple(shown)


def person_search(board: Board, name: str) -> list[Found]:
    """The rows of the board's cases, and the board's people, that name `name`."""
    name = name.strip()
    if not name:
        return []
    found: list[Found] = []
    for reach in reaches():
        texts = [field.name for field in reach.model._meta.concrete_fields if is_text(field)]
        if not texts:
            continue
        to_case = "" if reach.path == "pk" else f"{reach.path}__"
        rows = reach.model._base_manager.filter(
            reduce(or_, (Q(**{f"{text}__icontains": name}) for text in texts)),
            **{f"{to_case}board": board},
        )
        for row in rows.annotate(case_reference=F(f"{to_case}reference")).order_by("pk"):
            found.append(
                Found(
                    f"{reach.label}:{row.pk}",
                    row.case_reference or "",
                    str(reach.model._meta.verbose_name).capitalize(),
                    _fields(row),
                )
            )
    people = User.objects.filter(full_name__icontains=name, role_grants__board=board).distinct()
    for user in people.order_by("pk"):
        found.append(Found(f"accounts.User:{user.pk}", "", "Account", _fields(user)))
    return sorted(found, key=lambda item: (item.case == "", item.case, item.key))
