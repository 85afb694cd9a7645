"""Form parts that render as GOV.UK Design System components."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


class DateInputWidget(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "day": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "2"}),
            "month": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "2"}),
            "year": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "4"}),
        }
        super().__init__(widgets, attrs)

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        # A date already typed (the API's JSON) goes through as it is.
        if isinstance(data.get(name), datetime.date):
            return data[name]
        return super().value_from_datadict(data, files, name)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateField(forms.MultiValueField):
    """A date entered in three boxes, with the GOV.UK error messages for each mistake."""

    widget = DateInputWidget

    def __init__(self, **kwargs: Any) -> None:
        self.label_text = str(kwargs.get("label", "date")).lower()
        fields = (
            forms.CharField(required=False),
            forms.CharField(required=False),
            forms.CharField(required=False),
        )
        super().__init__(fields, require_all_fields=False, **kwargs)

    def clean(self, value: Any) -> Any:
        if isinstance(value, datetime.date):
            self.validate(value)
            self.run_validators(value)
            return value
        return super().clean(value)

    def compress(self, data_list: list[str]) -> datetime.date | None:
        if not data_list or not any(data_list):
            return None
        day, month, year = (part.strip() if part else "" for part in data_list)
        missing = [
            name
            for name, part in zip(("day", "month", "year"), (day, month, year), strict=True)
            if not part
        ]
        if missing:
            raise ValidationError(
                f"The date must include a {' and '.join(missing)}", code="incomplete"
            )
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValidationError("The date must be a real date, in numbers", code="invalid")
        if len(year) != 4:
            raise ValidationError("The year must include 4 numbers", code="invalid_year")
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError("The date must be a real date", code="invalid") from None
