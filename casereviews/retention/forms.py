"""Forms of the retention pages."""

from __future__ import annotations

from typing import Any

from django import forms

from casereviews.frontend.forms import Form
from casereviews.retention.models import HoldReason


class PeriodForm(Form):
    years = forms.IntegerField(
        label="Years after the case closed",
        required=False,
        min_value=1,
        max_value=150,
        help_text="Leave empty to keep these records and never dispose of them",
        error_messages={
            "invalid": "Enter the number of years as a whole number, like 10",
            "min_value": "Enter at least 1 year, or leave it empty to keep these records",
            "max_value": "Enter no more than 150 years",
        },
    )


class DisposalForm(Form):
    cases = forms.MultipleChoiceField(
        label="Cases to dispose of",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one case to dispose of"},
    )
    reason = forms.CharField(
        label="Why these cases may be disposed of",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="For example, reviewed against the retention schedule at the March meeting",
        error_messages={"required": "Enter why these cases may be disposed of"},
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer(choices)

    def offer(self, choices: list[tuple[str, str]]) -> None:
        """The cases to choose from, as the page shows them."""
        field = self.fields["cases"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices


WHOLE_BOARD, ONE_CASE, ONE_CHILD = "board", "case", "child"


class HoldForm(Form):
    scope = forms.ChoiceField(
        label="What does the hold cover?",
        widget=forms.RadioSelect,
        choices=[
            (ONE_CASE, "One case"),
            (ONE_CHILD, "Every case about the child in a case"),
            (WHOLE_BOARD, "Every case of the board"),
        ],
        error_messages={"required": "Select what the hold covers"},
    )
    reference = forms.CharField(
        label="Case reference",
        required=False,
        max_length=20,
        help_text="For one case or its child, for example BF-2026-0007",
    )
    reason = forms.ChoiceField(
        label="Why are the records held?",
        widget=forms.RadioSelect,
        choices=HoldReason.choices,
        error_messages={"required": "Select why the records are held"},
    )
    detail = forms.CharField(
        label="Details",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Who asked, and their reference. Do not name the child",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("scope") in (ONE_CASE, ONE_CHILD) and not data.get("reference"):
            self.add_error("reference", "Enter the case reference")
        return data


class LiftForm(Form):
    reason = forms.CharField(
        label="Why is the hold lifted?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter why the hold is lifted"},
    )
