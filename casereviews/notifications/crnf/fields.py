"""Form fields made from a `Question`: each kind of answer becomes its GOV.UK
component, with the question's words, messages and limits."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from casereviews.frontend.forms import DateField
from casereviews.notifications.crnf.model import Kind, Question


class CrnfTextField(forms.CharField):
    """Text of a CRNF A answer. Hidden characters are refused by the service's one text
    rule, which every form applies before its fields (`casereviews.frontend.text`,
    docs/adr/0021)."""


_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
_PHONE = re.compile(r"^\+?\d{10,15}((ext|extension|x)\d{1,6})?$", re.IGNORECASE)
PHONE_MESSAGE = "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"


class TelephoneField(CrnfTextField):
    """A UK or international telephone number, in whatever spacing it is typed (GOV.UK
    "Telephone numbers" pattern): 10 to 15 digits, an optional + and extension."""

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not _PHONE.match(_PHONE_SEPARATORS.sub("", value)):
            raise ValidationError(PHONE_MESSAGE, code="invalid_telephone")


def _lower_first(label: str) -> str:
    return label[0].lower() + label[1:] if label else label


def form_field(q: Question) -> forms.Field:
    """The form field that asks question `q` on its page."""
    required = bool(q.required)
    messages = {"required": q.required}
    common: dict[str, Any] = {"label": q.label, "required": required, "help_text": q.hint}
    label = q.label.removesuffix(" (optional)").removesuffix("?")
    if q.kind in {Kind.NAME, Kind.TEXT, Kind.LONG_TEXT, Kind.TELEPHONE, Kind.TIME}:
        if q.max_length:
            messages["max_length"] = f"{label} must be {q.max_length:,} characters or less"
        widget: forms.Widget = (
            forms.Textarea(attrs={"rows": 5 if (q.max_length or 0) <= 2000 else 8})
            if q.kind is Kind.LONG_TEXT
            else forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"})
            if q.kind is Kind.TELEPHONE
            else forms.TextInput()
        )
        field_class = TelephoneField if q.kind is Kind.TELEPHONE else CrnfTextField
        field: forms.Field = field_class(
            max_length=q.max_length,
            widget=widget,
            error_messages=messages,
            **common,
        )
    elif q.kind is Kind.DATE:
        field = DateField(error_messages=messages, **common)
    elif q.kind in {Kind.CHOICE, Kind.YES_NO, Kind.YES_NO_UNKNOWN}:
        field = forms.ChoiceField(
            choices=list(q.choices), widget=forms.RadioSelect, error_messages=messages, **common
        )
    elif q.kind is Kind.CHOICES:
        field = forms.MultipleChoiceField(
            choices=list(q.choices),
            widget=forms.CheckboxSelectMultiple,
            error_messages=messages,
            **common,
        )
    elif q.kind is Kind.WHOLE_NUMBER:
        field = forms.IntegerField(
            min_value=0,
            max_value=150,
            widget=forms.TextInput(attrs={"inputmode": "numeric"}),
            error_messages={
                "invalid": "Enter the child's age as a whole number, like 12",
                "min_value": "The child's age must be 0 or more",
                "max_value": "The child's age must be a real age, like 12",
            },
            **common,
        )
    elif q.kind is Kind.AGENCIES:
        field = forms.ModelMultipleChoiceField(
            queryset=None,  # the board's partners, set by the form
            widget=forms.CheckboxSelectMultiple,
            error_messages=messages,
            **common,
        )
    else:  # pragma: no cover - every kind is handled above
        raise ValueError(q.kind)
    # What the GOV.UK components read: the exclusive "none" checkbox, the follow-up
    # question a radio reveals, and the character count of free text.
    # Attributes Django's field does not declare, so set on the instance's own namespace.
    vars(field).update(
        exclusive=q.exclusive,
        reveals=dict(q.reveals),
        character_count=q.max_length if q.kind is Kind.LONG_TEXT else None,
    )
    return field


def fields_for(questions: tuple[Question, ...]) -> dict[str, forms.Field]:
    fields = {q.name: form_field(q) for q in questions}
    for q in questions:
        for revealed in q.reveals.values():
            vars(fields[revealed])["revealed_by"] = q.name
    return fields
