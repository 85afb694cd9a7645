from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from casereviews.accounts.models import User
from casereviews.communications.models import Audience, Channel
from casereviews.frontend.dates import not_in_future
from casereviews.frontend.forms import DateField, Form


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name or obj.email)


class DraftForm(Form):
    audience = forms.ChoiceField(
        label="Who is the communication with?",
        choices=Audience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who the communication is with"},
    )
    audience_detail = forms.CharField(
        label="Who else (if someone else)",
        required=False,
        max_length=200,
    )
    message = forms.CharField(
        label="Message",
        help_text="What will be said. It is agreed by the LISG and approved by the "
        "Independent Chair before anyone delivers it.",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        error_messages={"required": "Enter the message"},
    )
    channel = forms.ChoiceField(
        label="How will it be delivered?",
        choices=Channel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how it will be delivered"},
    )
    deliverer = PersonChoiceField(
        label="Who will deliver it?",
        queryset=User.objects.none(),
        empty_label="Choose a person",
        error_messages={"required": "Select who will deliver it"},
    )

    def __init__(self, *args: Any, people: QuerySet[User] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["deliverer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = people if people is not None else User.objects.none()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        detail = (data.get("audience_detail") or "").strip()
        if data.get("audience") == Audience.OTHER and not detail:
            self.add_error("audience_detail", "Enter who the communication is with")
        return data


class AgreeForm(Form):
    confirmed = forms.BooleanField(
        label="The LISG agrees this communication",
        error_messages={"required": "Confirm that the LISG agrees this communication"},
    )


class ApproveForm(Form):
    consulted = forms.CharField(
        label="Which responsible senior managers did you consult?",
        help_text="Their names, roles and agencies (Procedure A 4(v)).",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter which responsible senior managers you consulted"},
    )


class DeliverForm(Form):
    delivered_on = DateField(
        label="When was it delivered?",
        help_text="For example, 27 11 2026",
        validators=[not_in_future],
        error_messages={"required": "Enter when it was delivered"},
    )
    delivered_by_name = forms.CharField(
        label="Who delivered it?",
        max_length=200,
        error_messages={"required": "Enter who delivered it"},
    )


class HoldForm(Form):
    reason = forms.CharField(
        label="Why is the communication held?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter why the communication is held"},
    )
