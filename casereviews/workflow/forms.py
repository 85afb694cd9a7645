"""Forms of transition pages. Each carries the case's version it was loaded at."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from casereviews.frontend.forms import DateField, Form
from casereviews.kit.dates import PastDateField


class VersionedForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class TransitionForm(VersionedForm):
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="This is kept in the case's timeline and seen by everyone who can see the case.",
        max_length=5000,
    )

    def __init__(
        self, *args: Any, needs_reason: bool = False, question: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        reason = self.fields["reason"]
        reason.required = needs_reason
        reason.error_messages["required"] = "Enter the reason"
        # A judgement asks "why?" as the page's question; otherwise a note may be added.
        reason.label = question if needs_reason and question else "Reason (optional)"


class PanelResponseForm(VersionedForm):
    national_review = forms.TypedChoiceField(
        label="Will the Panel carry out a national review?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the Panel will carry out a national review"},
    )
    received_on = PastDateField(
        in_future="The date the Panel answered must be today or in the past",
        label="When did the Panel answer?",
        help_text="The date of its letter or e-mail, for example, 27 11 2026",
        error_messages={"required": "Enter the date the Panel answered"},
    )
    detail = forms.CharField(
        label="What the Panel said (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )


class LocalAuthorityAwareForm(VersionedForm):
    """The day the local authority became aware of a partnership's incident, with the
    rules of the notification form (`notifications.forms.awareness_refusal`)."""

    aware_on = DateField(
        label="When did the local authority become aware of the incident?",
        help_text="The 5 working days for notifying the Child Safeguarding Practice Review "
        "Panel count from this day. For example, 27 11 2026",
        error_messages={"required": "Enter the date the local authority became aware"},
    )

    def __init__(self, *args: Any, refusal: Callable[[datetime.date], str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.refusal = refusal

    def clean_aware_on(self) -> datetime.date:
        aware_on: datetime.date = self.cleaned_data["aware_on"]
        message = self.refusal(aware_on)
        if message:
            raise ValidationError(message)
        return aware_on
