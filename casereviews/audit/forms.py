"""The search forms of the audit trail pages. They are GET forms: searching changes nothing."""

from __future__ import annotations

from typing import Any

from django import forms

from casereviews.audit.actions import action_label, audit_actions
from casereviews.audit.selectors import case_of_board
from casereviews.boards.models import Board
from casereviews.frontend.forms import DateField, Form


class AuditSearchForm(Form):
    reference = forms.CharField(
        label="Case reference", required=False, help_text="For example, BF-2026-0007"
    )
    email = forms.EmailField(
        label="Email address of the person",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.org"
        },
    )
    action = forms.ChoiceField(label="What they did", required=False)
    date_from = DateField(label="From", required=False, help_text="For example, 27 3 2026")
    date_to = DateField(label="To", required=False, help_text="For example, 31 3 2026")

    def __init__(self, *args: Any, board: Board, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.board = board
        action_field = self.fields["action"]
        assert isinstance(action_field, forms.ChoiceField)
        action_field.choices = [("", "Anything")] + [
            (action, action_label(action)) for action in audit_actions()
        ]

    def clean_reference(self) -> str:
        reference = str(self.cleaned_data["reference"]).strip().upper()
        if reference and case_of_board(board=self.board, reference=reference) is None:
            raise forms.ValidationError("There is no case of this board with this reference")
        return reference

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return cleaned

    def filters(self) -> dict[str, Any]:
        """The search as keyword arguments of `audit_events_of_board`."""
        data = self.cleaned_data
        reference = data.get("reference")
        return {
            "case": case_of_board(board=self.board, reference=reference) if reference else None,
            "email": data.get("email", ""),
            "action": data.get("action", ""),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }


class CaseReferenceForm(Form):
    reference = forms.CharField(
        label="Case reference",
        help_text="For example, BF-2026-0007",
        error_messages={"required": "Enter the case reference"},
    )

    def __init__(self, *args: Any, board: Board, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.board = board

    def clean_reference(self) -> Any:
        reference = str(self.cleaned_data["reference"]).strip().upper()
        case = case_of_board(board=self.board, reference=reference)
        if case is None:
            raise forms.ValidationError("There is no case of this board with this reference")
        return case


class EmailSearchForm(Form):
    email = forms.EmailField(
        label="Email address of the person",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.org"
        },
    )
