"""Form fields made from a `Question`: each kind of answer becomes its GOV.UK
component, with the question's words, messages and limits."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from casereviews.frontend.forms import DateField
from casereviews.notifications.crnf.model import Kind, Question

# Characters a reader cannot see that change how text reads: the direction overrides,
# embeddings, isolates and marks (the "Trojan Source" characters), and zero-width ones.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
LINE_BREAKS = frozenset("\n\r\t")


def is_hidden(char: str) -> bool:
    """A control character, a line or paragraph separator, or an invisible one."""
    return (
        char in BIDI_CONTROLS
        or char in ZERO_WIDTH
        or unicodedata.category(char) in {"Cc", "Zl", "Zp", "Cs", "Co"}
    )


def without_hidden(value: str) -> str:
    """Free text with the hidden characters removed; line breaks and tabs stay."""
    value = unicodedata.normalize("NFC", value)
    return "".join(c for c in value if c in LINE_BREAKS or not is_hidden(c))


class CrnfTextField(forms.CharField):
    """Text of a CRNF A answer. A name with a hidden character is refused (a name is
    matched to find duplicates and read aloud by screen readers); free text has them
    removed, as nobody types them on purpose."""

    def __init__(self, *, refuse_hidden: bool, hidden_message: str, **kwargs: Any) -> None:
        self.refuse_hidden = refuse_hidden
        self.hidden_message = hidden_message
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        text: str = super().to_python(value) or ""
        if not text:
            return ""
        if self.refuse_hidden:
            text = unicodedata.normalize("NFC", text)
            if any(is_hidden(c) for c in text):
                raise ValidationError(self.hidden_message, code="hidden_characters")
            return text
        return without_hidden(text).strip() if self.strip else without_hidden(text)


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
            refuse_hidden=q.kind is Kind.NAME,
            hidden_message=f"{label} must not include hidden characters, such as direction "
            "marks or zero-width spaces",
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
    field.exclusive = q.exclusive  # type: ignore[attr-defined]
    field.reveals = dict(q.reveals)  # type: ignore[attr-defined]
    field.character_count = (  # type: ignore[attr-defined]
        q.max_length if q.kind is Kind.LONG_TEXT else None
    )
    return field


def fields_for(questions: tuple[Question, ...]) -> dict[str, forms.Field]:
    fields = {q.name: form_field(q) for q in questions}
    for q in questions:
        for revealed in q.reveals.values():
            fields[revealed].revealed_by = q.name  # type: ignore[attr-defined]
    return fields
