"""Forms of the learning app. The search of cases is a GET form; the search by a child's
name is a POST form, so that the name is never in an address or a server's log."""

from __future__ import annotations

from typing import Any

from django import forms

from casereviews.boards.models import Board, Organisation
from casereviews.decisions.models import ReviewType as Decision
from casereviews.frontend.forms import DateField, Form
from casereviews.learning.selectors import SearchTerms, board_agencies, themes
from casereviews.notifications.models import Status

NOT_DRAFT = [(value, label) for value, label in Status.choices if value != Status.DRAFT]


class CaseSearchForm(Form):
    reference = forms.CharField(
        label="Case reference",
        required=False,
        max_length=20,
        help_text="All or the start of it, for example BF-2026",
    )
    theme = forms.ModelChoiceField(
        label="Theme", queryset=themes(), required=False, empty_label="Any theme"
    )
    agency: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label="Agency", queryset=Organisation.objects.none(), required=False
    )
    date_from = DateField(label="Notified from", required=False, help_text="For example, 1 4 2026")
    date_to = DateField(label="Notified to", required=False, help_text="For example, 31 3 2027")
    outcome = forms.ChoiceField(
        label="Chair decision",
        required=False,
        choices=[("", "Any decision"), *Decision.choices],
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *NOT_DRAFT]
    )

    def __init__(self, *args: Any, board: Board, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = board_agencies(board)
        agency.empty_label = "Any agency"
        for name, message in (
            ("theme", "Select a theme from the list"),
            ("agency", "Select an agency from the list"),
        ):
            self.fields[name].error_messages["invalid_choice"] = message

    def clean_reference(self) -> str:
        return str(self.cleaned_data["reference"]).strip().upper()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return cleaned

    def terms(self) -> SearchTerms:
        data = self.cleaned_data
        return SearchTerms(
            reference=data.get("reference", ""),
            theme=data.get("theme"),
            agency=data.get("agency"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            outcome=data.get("outcome", ""),
            status=data.get("status", ""),
        )


class ChildNameSearchForm(Form):
    child_name = forms.CharField(
        label="Child's full name",
        max_length=200,
        help_text="As the notification gives it; capital letters do not matter",
        error_messages={"required": "Enter the child's full name"},
    )

    def clean_child_name(self) -> str:
        name = str(self.cleaned_data["child_name"]).strip()
        if not name:
            raise forms.ValidationError("Enter the child's full name")
        return name


class LessonFindingsForm(Form):
    key_findings = forms.CharField(
        label="Key findings", widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    recommendations = forms.CharField(
        label="Recommendations", widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    published_url = forms.URLField(
        label="Published link",
        required=False,
        help_text="The web address where the report is published, if it is",
        error_messages={"invalid": "Enter a web address in the correct format, like https://…"},
    )


class BriefingForm(Form):
    what = forms.CharField(
        label="What the partners were told",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what the partners were told"},
    )
    to_whom = forms.CharField(
        label="Who was briefed",
        max_length=300,
        help_text="For example, the board's partner agencies at the board meeting",
        error_messages={"required": "Enter who was briefed"},
    )
    given_on = DateField(label="When", help_text="For example, 14 5 2026")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_on"].error_messages["required"] = "Enter the date of the briefing"
