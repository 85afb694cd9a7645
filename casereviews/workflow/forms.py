"""Forms of transition pages. Each carries the case's version it was loaded at."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from casereviews.frontend.dates import PastDateField
from casereviews.frontend.forms import DateField, Form
from casereviews.workflow.models import (
    LcsprCriterion,
    PanelNotificationHow,
    PartnersDecisionChoice,
)


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


class PanelNotificationForm(VersionedForm):
    """The notification to the Child Safeguarding Practice Review Panel, as it was sent."""

    sent_on = DateField(
        label="When was the Panel notified?",
        help_text="The day the notification was sent. The 5 working days are met or missed "
        "by this day. For example, 27 11 2026",
        error_messages={"required": "Enter the date the Panel was notified"},
    )
    sent_time = forms.TimeField(
        label="At what time? (optional)",
        help_text="In 24-hour time, for example, 14:30",
        required=False,
        input_formats=["%H:%M", "%H.%M"],
        error_messages={"invalid": "Enter the time in 24-hour time, for example, 14:30"},
    )
    how = forms.ChoiceField(
        label="How was the Panel notified?",
        choices=PanelNotificationHow.choices,
        initial=PanelNotificationHow.ONLINE_FORM,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the Panel was notified"},
    )
    how_detail = forms.CharField(
        label="If another way: how (optional otherwise)",
        required=False,
        max_length=200,
    )
    reference = forms.CharField(
        label="The reference the Panel or Ofsted gave the notification",
        max_length=100,
        error_messages={"required": "Enter the reference the Panel or Ofsted gave"},
    )
    sent_by = forms.CharField(
        label="Who sent it?",
        help_text="Their name and role, for example, Sam Patel, Head of Children's Social Care",
        max_length=200,
        error_messages={"required": "Enter who sent the notification"},
    )

    def sent_at(self) -> datetime.datetime:
        """The moment it was sent, in London: the start of the day when no time is given."""
        sent_on: datetime.date = self.cleaned_data["sent_on"]
        at: datetime.time = self.cleaned_data.get("sent_time") or datetime.time(0, 0)
        return timezone.make_aware(datetime.datetime.combine(sent_on, at))


class PartnersViewForm(VersionedForm):
    """The decision a safeguarding partner agrees, the criteria considered and its reasons."""

    decision = forms.ChoiceField(
        label="What decision do you agree?",
        choices=PartnersDecisionChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the decision you agree"},
    )
    criteria = forms.MultipleChoiceField(
        label="What did the partners consider? (optional)",
        help_text="Select all that apply (Working Together 2023, chapter 5, “Decisions on "
        "local and national reviews”)",
        choices=LcsprCriterion.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    reasons = forms.CharField(
        label="Your reasons",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "Enter the reasons for the decision"},
    )

    def __init__(self, *args: Any, lcspr_possible: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not lcspr_possible:
            decision = self.fields["decision"]
            assert isinstance(decision, forms.ChoiceField)
            decision.choices = [
                (value, label)
                for value, label in PartnersDecisionChoice.choices
                if value != PartnersDecisionChoice.LCSPR
            ]
