"""Which tables a backup holds, in which order, and how a row is written and read back
(docs/adr/0024-backup-and-restore.md).

Every concrete model, including the tables behind many-to-many fields, is copied row
by row with its primary key, in an order where a table comes after the tables its
foreign keys name. Three are left out: content types and permissions, which `migrate`
makes afresh (a foreign key to one is written as its natural key instead of its id),
and sessions, so everyone signs in again after a restore.

Rows are written in Django's serialisation (`{"model", "pk", "fields"}`, one a line),
and read back through the models of the migration state the backup was made at, so an
old backup loads into the tables as they then were and later migrations bring it up to
date.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from typing import Any, TextIO, cast

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.jsonl import Serializer
from django.db.models import Field, ForeignKey, Model
from django.utils.encoding import is_protected_type

# Made afresh by `migrate`, or not worth keeping.
LEFT_OUT = frozenset({"contenttypes.ContentType", "auth.Permission", "sessions.Session"})
_BY_NATURAL_KEY: tuple[type[Model], ...] = (ContentType, Permission)


def tables() -> list[type[Model]]:
    """Every model whose rows a backup holds, each after those its foreign keys name."""
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed and model._meta.label not in LEFT_OUT
    ]
    models.sort(key=lambda model: model._meta.label)
    placed: list[type[Model]] = []
    waiting = list(models)
    while waiting:
        ready = [model for model in waiting if _placeable(model, waiting, nullable=True)]
        # A cycle (a case names its subject child, who names the case): a foreign key
        # that may be empty does not hold its table back. The load checks every key at
        # the end of its transaction anyway.
        ready = ready or [m for m in waiting if _placeable(m, waiting, nullable=False)]
        for model in ready or waiting[:1]:
            placed.append(model)
            waiting.remove(model)
    return placed


def _placeable(model: type[Model], waiting: list[type[Model]], *, nullable: bool) -> bool:
    """Whether every table `model`'s foreign keys name (but itself) is placed already;
    with `nullable=False`, only the keys that must have a value count."""
    for field in model._meta.concrete_fields:
        target = field.remote_field.model if field.remote_field is not None else None
        if not isinstance(target, type) or target is model or target not in waiting:
            continue
        if nullable or not field.null:
            return False
    return True


class _Encoder(DjangoJSONEncoder):
    """Django's encoder, but times to the microsecond: Django's own cuts them to the
    millisecond, and an audit event's hash covers its time to the microsecond."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class RowSerializer(Serializer):
    """Django's JSON Lines serialisation, one write per row, with many-to-many fields
    left to their own tables and foreign keys to content types and permissions written
    as natural keys."""

    def handle_m2m_field(self, obj: Model, field: Any) -> None:
        return None

    def handle_fk_field(self, obj: Model, field: Any) -> None:
        current = cast(dict[str, Any], self._current)
        if field.remote_field.model in _BY_NATURAL_KEY:
            related = getattr(obj, field.name)
            current[field.name] = related.natural_key() if related else None
            return
        value = field.value_from_object(obj)
        current[field.name] = value if is_protected_type(value) else field.value_to_string(obj)

    def end_object(self, obj: Model) -> None:
        self.stream.write(json.dumps(self.get_dump_object(obj), **self.json_kwargs) + "\n")
        self._current = None


def rows_serialise(rows: Iterable[Model], stream: Any) -> None:
    """Write these rows to `stream`, one `write` a row."""
    RowSerializer().serialize(rows, stream=cast(TextIO, stream), cls=_Encoder)


def rows_write(model: type[Model], stream: Any, *, chunk_size: int = 2000) -> int:
    """Write every row of `model`, in primary key order; how many."""
    counted = _Counted(stream)
    rows = model._base_manager.order_by("pk").iterator(chunk_size=chunk_size)
    rows_serialise(rows, counted)
    return counted.rows


class _Counted:
    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.rows = 0

    def write(self, text: str) -> int:
        self.rows += 1
        self.stream.write(text)
        return len(text)


class RowReader:
    """Rebuilds rows as instances of the models of one migration state."""

    def __init__(self, state_apps: Any) -> None:
        self.apps = state_apps
        self._natural: dict[tuple[str, tuple[Any, ...]], Any] = {}

    def model(self, label: str) -> type[Model]:
        model: type[Model] = self.apps.get_model(label)
        return model

    def instance(self, row: dict[str, Any]) -> Model:
        model = self.model(row["model"])
        opts = model._meta
        data: dict[str, Any] = {opts.pk.attname: opts.pk.to_python(row["pk"])}
        for name, value in row["fields"].items():
            field = cast(Field[Any, Any], opts.get_field(name))
            if field.remote_field is None:
                data[field.attname] = field.to_python(value)
            elif isinstance(value, list):
                data[field.attname] = self._by_natural_key(field, value)
            else:
                target = cast(ForeignKey[Any, Any], field).target_field
                data[field.attname] = None if value is None else target.to_python(value)
        return model(**data)

    def _by_natural_key(self, field: Any, key: list[Any]) -> Any:
        label = field.remote_field.model._meta.label
        cache_key = (label, tuple(key))
        if cache_key not in self._natural:
            target = self.model(label)
            if label == "contenttypes.ContentType":
                found = target._base_manager.get(app_label=key[0], model=key[1])
            else:
                found = target._base_manager.get(
                    codename=key[0], content_type__app_label=key[1], content_type__model=key[2]
                )
            self._natural[cache_key] = found.pk
        return self._natural[cache_key]
