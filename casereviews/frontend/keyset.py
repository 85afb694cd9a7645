"""Keyset ("seek") pagination: every page of a list costs what the first one does.

A page is the next `size` rows after (or before) the last row already shown, found with
`WHERE (sort key) < (that row's key)` on an index that matches the list's filter and
sort, never with OFFSET, and never with a COUNT(*) of the whole list. The link to the
next page carries the last row's key as an opaque cursor (`?after=…`), the link back the
first row's key (`?before=…`). Lists show "Previous" and "Next", not "page 3 of 912".

Use it for every list that can grow (docs/adr/0010-keyset-pagination.md):

    page = keyset_page(queryset, ordering=("-submitted_at", "-id"), request=request)

The ordering must end with a unique field (the primary key) and name no column that
can be NULL in the listed rows, so that every row has exactly one place in the order.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Field, Model, Q, QuerySet
from django.http import HttpRequest

# How many rows a page shows unless the list says otherwise.
PAGE_SIZE = 50
AFTER, BEFORE = "after", "before"


@dataclass(frozen=True)
class KeysetPage[ModelT: Model]:
    rows: list[ModelT]
    next_cursor: str | None
    previous_cursor: str | None

    @property
    def has_other_pages(self) -> bool:
        return self.next_cursor is not None or self.previous_cursor is not None

    def __iter__(self) -> Any:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)


def _field_name(key: str) -> str:
    return key.removeprefix("-")


def _key_of(row: Model, ordering: Sequence[str]) -> list[Any]:
    return [getattr(row, _field_name(key)) for key in ordering]


def encode_cursor(row: Model, ordering: Sequence[str]) -> str:
    values = [
        value.isoformat() if hasattr(value, "isoformat") else value
        for value in _key_of(row, ordering)
    ]
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, model: type[Model], ordering: Sequence[str]) -> list[Any] | None:
    """The key a cursor names, or None when it is not one this list made (a link edited
    by hand starts the list again rather than failing)."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError):
        return None
    if not isinstance(values, list) or len(values) != len(ordering):
        return None
    key = []
    for field_key, value in zip(ordering, values, strict=True):
        field = model._meta.get_field(_field_name(field_key))
        assert isinstance(field, Field)
        try:
            key.append(field.to_python(value))
        except (ValidationError, TypeError, ValueError):
            return None
    return key


def seek(ordering: Sequence[str], key: Sequence[Any], *, forwards: bool = True) -> Q:
    """The rows that come after `key` in `ordering` (before it when not `forwards`).

    Expanded as `a ≤ x AND (a < x OR (a = x AND b < y) …)`: the first, redundant bound
    is what lets the database seek straight to `x` on the index that matches the sort,
    on SQLite and PostgreSQL alike, whatever the mix of ascending and descending keys.
    """
    conditions = Q()
    equal_so_far = Q()
    for field_key, value in zip(ordering, key, strict=True):
        name = _field_name(field_key)
        descending = field_key.startswith("-")
        beyond = "lt" if descending == forwards else "gt"
        conditions |= equal_so_far & Q(**{f"{name}__{beyond}": value})
        equal_so_far &= Q(**{name: value})
    first = _field_name(ordering[0])
    first_bound = "lte" if ordering[0].startswith("-") == forwards else "gte"
    return Q(**{f"{first}__{first_bound}": key[0]}) & conditions


def _reversed(ordering: Sequence[str]) -> list[str]:
    return [key.removeprefix("-") if key.startswith("-") else f"-{key}" for key in ordering]


def keyset_page[ModelT: Model](
    queryset: QuerySet[ModelT],
    *,
    ordering: Sequence[str],
    request: HttpRequest | None = None,
    after: str | None = None,
    before: str | None = None,
    size: int = PAGE_SIZE,
) -> KeysetPage[ModelT]:
    """One page of `queryset` in `ordering`: the first, or the one after/before a cursor
    (read from the request's `after`/`before` parameters when given a request)."""
    if request is not None:
        after = request.GET.get(AFTER) or None
        before = request.GET.get(BEFORE) or None
    model = queryset.model
    if before is not None and (key := decode_cursor(before, model, ordering)) is not None:
        found = list(
            queryset.filter(seek(ordering, key, forwards=False)).order_by(*_reversed(ordering))[
                : size + 1
            ]
        )
        rows = list(reversed(found[:size]))
        more_before = len(found) > size
        return KeysetPage(
            rows,
            next_cursor=encode_cursor(rows[-1], ordering) if rows else None,
            previous_cursor=encode_cursor(rows[0], ordering) if rows and more_before else None,
        )
    key = decode_cursor(after, model, ordering) if after is not None else None
    if key is not None:
        queryset = queryset.filter(seek(ordering, key))
    found = list(queryset.order_by(*ordering)[: size + 1])
    rows = found[:size]
    return KeysetPage(
        rows,
        next_cursor=encode_cursor(rows[-1], ordering) if len(found) > size else None,
        # Reached through a cursor, so there are rows before this page.
        previous_cursor=encode_cursor(rows[0], ordering) if key is not None and rows else None,
    )
