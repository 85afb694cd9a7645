"""The "add another" forms of the CRNF A: a child, a family member or significant other,
and which child the criteria answers are about."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from casereviews.notifications.ages import ADULT_MESSAGE, age_on
from casereviews.notifications.forms import date, long_text, radios, text, today
from casereviews.notifications.models import ChildProtectionPlan, LookedAfter, Sex, YesNoUnknown


class ChildForm(forms.Form):
    full_name = text("Full name", "Enter the child's full name", max_length=200)
    other_names = text("Other names they are known by (optional)", max_length=200)
    date_of_birth = date(
        "Date of birth", help_text="For example, 27 3 2012. Leave blank if unknown"
    )
    age_at_incident = forms.IntegerField(
        label="If you do not know their date of birth, their age at the time of the incident",
        required=False,
        min_value=0,
        error_messages={
            "invalid": "Enter the child's age as a whole number, like 12",
            "min_value": "The child's age must be 0 or more",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    sex = radios("Sex", Sex.choices, "Select the child's sex")
    ethnicity = text("Ethnicity (optional)", max_length=100)
    address = long_text("Address", "Enter the child's address, or 'Not known'")
    local_authority = text(
        "Local authority where the child lives",
        "Enter the local authority where the child lives",
        max_length=100,
    )
    child_protection_plan = radios(
        "Is the child, or were they ever, subject to a child protection plan?",
        ChildProtectionPlan.choices,
        "Select whether the child is or was subject to a child protection plan",
    )
    looked_after = radios(
        "Is the child looked after by a local authority?",
        LookedAfter.choices,
        "Select whether the child is looked after",
    )
    open_to_social_care = radios(
        "Is the child's case open to children's social care?",
        YesNoUnknown.choices,
        "Select whether the child's case is open to children's social care",
    )
    date_of_death = date("Date of death, if the child died", help_text="For example, 3 4 2026")

    def __init__(self, *args: Any, incident_date: datetime.date | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.incident_date = incident_date

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        born, age, died = (
            data.get("date_of_birth"),
            data.get("age_at_incident"),
            data.get("date_of_death"),
        )
        bad = set(self.errors)
        if born is None and age is None and not bad & {"date_of_birth", "age_at_incident"}:
            self.add_error(
                "date_of_birth", "Enter the child's date of birth, or their age if not known"
            )
        if born is not None and born > today():
            self.add_error("date_of_birth", "The date of birth must be today or in the past")
        elif born is not None and self.incident_date and age_on(born, self.incident_date) >= 18:
            self.add_error("date_of_birth", ADULT_MESSAGE)
        if born is None and age is not None and age >= 18:
            self.add_error("age_at_incident", ADULT_MESSAGE)
        if died is not None:
            if died > today():
                self.add_error("date_of_death", "The date of death must be today or in the past")
            elif born is not None and died < born:
                self.add_error(
                    "date_of_death",
                    "The date of death must be the same as or after the date of birth",
                )
        return data


class SubjectChildForm(forms.Form):
    subject_child = forms.TypedChoiceField(
        label="Which child died or was most seriously harmed?",
        coerce=int,
        widget=forms.RadioSelect,
        help_text="The questions about the criteria for a review are about this child.",
        error_messages={"required": "Select the child who died or was most seriously harmed"},
    )

    def __init__(self, *args: Any, children: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["subject_child"].choices = children  # type: ignore[attr-defined]


class FamilyMemberForm(forms.Form):
    full_name = text("Full name", "Enter the person's full name", max_length=200)
    relationship = text(
        "Relationship to the child",
        "Enter the person's relationship to the child",
        "For example, mother, stepfather, mother's partner, childminder.",
        max_length=100,
    )
    date_of_birth = date("Date of birth (optional)", help_text="For example, 27 3 1990")
    address = long_text("Address (optional)")

    def clean_date_of_birth(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("date_of_birth")
        if value is not None and value > today():
            raise ValidationError("The date of birth must be today or in the past")
        return value
