"""The forms of LISG meetings' pages."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.frontend.forms import DateField, Form
from casereviews.involvement.models import Attendance, LisgMeetingCase, LisgMeetingMember


class LisgMeetingForm(Form):
    date = DateField(
        label="Date of the meeting",
        help_text="For example, 27 3 2027",
        error_messages={"required": "Enter the date of the meeting"},
    )
    time = forms.TimeField(
        label="Start time (optional)",
        help_text="For example, 14:00",
        required=False,
        input_formats=["%H:%M", "%H.%M"],
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
        error_messages={"invalid": "Enter the start time as hours and minutes, like 14:00"},
    )
    place = forms.CharField(
        label="Where is it held?",
        help_text="The room and building, if it meets in person",
        required=False,
        max_length=300,
    )
    call_details = forms.CharField(
        label="How to join by telephone or video call",
        help_text="The link or number, if members can join remotely",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    members = forms.ModelMultipleChoiceField(
        label="Who is invited?",
        help_text="The board's LISG members, its Independent Chair and its Business Manager",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one member"},
    )

    def __init__(self, *args: Any, eligible: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["members"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = User.objects.filter(pk__in=[p.pk for p in eligible])
        field.choices = [(p.pk, p.full_name or p.email) for p in eligible]

    def clean_date(self) -> datetime.date | None:
        date: datetime.date | None = self.cleaned_data.get("date")
        if date is not None and date < timezone.localdate():
            raise forms.ValidationError("The date of the meeting must be today or in the future")
        return date

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            not (cleaned.get("place") or "").strip()
            and not (cleaned.get("call_details") or "").strip()
        ):
            self.add_error("place", "Enter where the meeting is held, or how to join the call")
        return cleaned


class AttendanceForm(Form):
    """One question per member: did they attend?"""

    def __init__(self, *args: Any, members: list[LisgMeetingMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for membership in members:
            self.fields[f"member_{membership.user_id}"] = forms.ChoiceField(
                label=membership.user.full_name or membership.user.email,
                choices=[c for c in Attendance.choices if c[0]],
                initial=membership.attendance or None,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select whether {membership.user.full_name} attended"},
            )

    def attendance(self) -> dict[int, str]:
        return {
            int(name.removeprefix("member_")): value for name, value in self.cleaned_data.items()
        }


class ConflictForm(Form):
    member = forms.ChoiceField(
        label="Who declares the conflict of interest?",
        error_messages={"required": "Select who declares the conflict"},
    )
    case = forms.ChoiceField(
        label="In which case?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the case"},
    )
    interest = forms.CharField(
        label="What is the interest?",
        help_text="For example, a family connection, or a part in the events under review",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter the interest declared"},
    )

    def __init__(
        self,
        *args: Any,
        members: list[LisgMeetingMember],
        cases: list[LisgMeetingCase],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        member = self.fields["member"]
        assert isinstance(member, forms.ChoiceField)
        member.choices = [(str(m.user_id), m.user.full_name or m.user.email) for m in members]
        if len(members) == 1:
            member.initial = str(members[0].user_id)
        case = self.fields["case"]
        assert isinstance(case, forms.ChoiceField)
        case.choices = [(str(c.notification_id), c.notification.reference or "") for c in cases]
