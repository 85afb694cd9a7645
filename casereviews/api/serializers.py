"""The base of every serializer of the API: the text rule of the pages
(`casereviews.frontend.text`, docs/adr/0021) for JSON. A hidden character in a text
field is refused at that field, naming its kind; text is composed (NFC) before any field
reads it. Line breaks are allowed in the API's text (its fields carry no widget); the
pages' forms, which the CRNF A's API goes through, refuse them in one-line answers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_framework import serializers

from casereviews.frontend.text import first_hidden, normalised, refusal


def _texts(field: serializers.Field[Any, Any, Any, Any], value: Any) -> list[str]:
    if isinstance(field, serializers.CharField) and isinstance(value, str):
        return [value]
    if (
        isinstance(field, serializers.ListField)
        and isinstance(field.child, serializers.CharField)
        and isinstance(value, list)
    ):
        return [item for item in value if isinstance(item, str)]
    return []


def _composed(value: Any) -> Any:
    if isinstance(value, str):
        return normalised(value)
    if isinstance(value, list):
        return [normalised(item) if isinstance(item, str) else item for item in value]
    return value


class CleanTextSerializer(serializers.Serializer[Any]):
    """Every serializer of the service inherits this, so none can forget the text rule;
    `tests/frontend/test_hidden_characters.py` walks them all."""

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return super().to_internal_value(data)
        refused: dict[str, list[str]] = {}
        composed = dict(data)
        for name, field in self.fields.items():
            if field.read_only or name not in data:
                continue
            for text in _texts(field, data[name]):
                hidden = first_hidden(text)
                if hidden is not None:
                    refused[name] = [refusal(hidden, name.replace("_", " "))]
                    break
            composed[name] = _composed(data[name])
        if not refused:
            return super().to_internal_value(composed)
        try:
            super().to_internal_value(composed)
        except serializers.ValidationError as others:
            if isinstance(others.detail, dict):
                refused = {**others.detail, **refused}  # type: ignore[dict-item]
        raise serializers.ValidationError(refused)
