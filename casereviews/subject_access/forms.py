"""Forms of the subject access pages."""

from __future__ import annotations

from typing import Any

from django import forms

from casereviews.frontend.forms import DateField, Form


class RequestForm(Form):
    full_name = forms.CharField(
        label="Full name of the person the request is about",
        max_length=200,
        help_text="A child, a family member or a professional",
        error_messages={"required": "Enter the full name of the person the request is about"},
    )
    received_on = DateField(
        label="When was the request received?", help_text="For example, 3 9 2026"
    )


class ExtendForm(Form):
    reason = forms.CharField(
        label="Why is more time needed?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Tell the person this reason within the first month",
        error_messages={"required": "Enter why more time is needed"},
    )


class ReleaseForm(Form):
    items = forms.MultipleChoiceField(
        label="What was released",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select what was released"},
    )
    redactions = forms.CharField(
        label="What was redacted, and why",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="For example, the names of other family members (third-party data)",
    )
    released_on = DateField(label="When was it released?", help_text="For example, 1 10 2026")

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer(choices)

    def offer(self, choices: list[tuple[str, str]]) -> None:
        """The records to choose from, as the page shows them."""
        field = self.fields["items"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices
