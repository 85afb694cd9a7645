"""Form parts that render as GOV.UK Design System components."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from casereviews.frontend.text import first_hidden, normalised, refusal


def field_words(field: forms.Field, name: str) -> str:
    """How a refusal names the field: its label as words in a sentence."""
    label = str(field.label or name.replace("_", " ")).strip().rstrip(":")
    if not label or label.endswith("?"):
        return "your answer"
    if len(label) > 1 and label[1].islower():
        label = label[0].lower() + label[1:]
    return label


def is_free_text(field: forms.Field) -> bool:
    """A field whose value is text the person typed (passwords are theirs alone)."""
    return isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput)


class CleanTextMixin:
    """Every form of the service cleans text by one rule (`casereviews.frontend.text`,
    docs/adr/0021): what is typed is composed (NFC) before any field reads it, and a
    hidden character in a text field is refused at that field, naming its kind. Tab and
    line breaks are allowed only in a text area."""

    def full_clean(self) -> None:
        form: Any = self
        refused: dict[str, str] = {}
        if form.is_bound:
            form.data = _normalised_data(form.data)
            for name, field in form.fields.items():
                if not is_free_text(field):
                    continue
                value = form[name].data
                texts = value if isinstance(value, list | tuple) else [value]
                multiline = isinstance(field.widget, forms.Textarea)
                for text in texts:
                    hidden = (
                        first_hidden(text, multiline=multiline) if isinstance(text, str) else None
                    )
                    if hidden is not None:
                        refused[name] = refusal(hidden, field_words(field, name))
                        break
        super().full_clean()  # type: ignore[misc]
        for name, message in refused.items():
            form.cleaned_data.pop(name, None)
            form._errors[name] = form.error_class([message], renderer=form.renderer)


def _normalised_data(data: Any) -> Any:
    if hasattr(data, "getlist") and hasattr(data, "setlist"):
        copy = data.copy()
        for key in list(copy.keys()):
            copy.setlist(
                key, [normalised(v) if isinstance(v, str) else v for v in copy.getlist(key)]
            )
        return copy
    if isinstance(data, dict):
        return {k: normalised(v) if isinstance(v, str) else v for k, v in data.items()}
    return data


class Form(CleanTextMixin, forms.Form):
    """The service's form: every form inherits it (or `ModelForm`), so none can forget
    the text rule; `tests/frontend/test_hidden_characters.py` walks them all."""


class ModelForm[M: Any](CleanTextMixin, forms.ModelForm[M]):
    """The service's model form, with the text rule (see `Form`)."""


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
        # The day a recorded date cannot precede, and what happened that day (the page
        # sets it from the case: `StepPage.date_anchors`).
        self.not_before: tuple[datetime.date, str] | None = None
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
            cleaned: Any = value
        else:
            cleaned = super().clean(value)
        if self.not_before is not None and cleaned is not None and cleaned < self.not_before[0]:
            day, what = self.not_before
            raise ValidationError(
                f"The date must be on or after {day.day} {day:%B %Y}, {what}",
                code="before_anchor",
            )
        return cleaned

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
