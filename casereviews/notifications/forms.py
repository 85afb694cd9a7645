"""The question pages of the CRNF A. Forms only validate; `answers.py` maps them to the
notification and `services.py` saves them."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from casereviews.boards.models import Organisation
from casereviews.criteria import DeathSetting
from casereviews.frontend.forms import DateField
from casereviews.notifications.ages import ADULT_MESSAGE, age_on
from casereviews.notifications.models import (
    ConsultedWith,
    ReviewSought,
)

YES_NO = [("yes", "Yes"), ("no", "No")]
YES_NO_UNKNOWN = [*YES_NO, ("unknown", "Not known")]
YES_NO_UNCLEAR = [*YES_NO, ("unclear", "It is not clear yet")]


def radios(label: str, choices: Any, required: str, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": required},
    )


def text(label: str, required: str = "", help_text: str = "", **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=bool(required),
        help_text=help_text,
        error_messages={"required": required},
        **kwargs,
    )


def long_text(label: str, required: str = "", help_text: str = "") -> forms.CharField:
    return text(label, required, help_text, widget=forms.Textarea(attrs={"rows": 5}))


def date(label: str, required: str = "", help_text: str = "") -> DateField:
    return DateField(
        label=label,
        required=bool(required),
        help_text=help_text,
        error_messages={"required": required},
    )


def today() -> datetime.date:
    return timezone.localdate()


class ReviewSoughtForm(forms.Form):
    review_sought = radios(
        "What are you asking the board to consider?",
        ReviewSought.choices,
        "Select what you are asking the board to consider",
    )


class NotifierForm(forms.Form):
    notifier_name = text("Your full name", "Enter your full name", max_length=200)
    notifier_job_title = text("Your job title", "Enter your job title", max_length=200)
    notifier_telephone = text(
        "Your telephone number",
        "Enter a telephone number",
        "The board may call you about this notification.",
        max_length=40,
    )


_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


class ConsultationForm(forms.Form):
    consulted_with = radios(
        "Who did you consult before notifying the board?",
        ConsultedWith.choices,
        "Select who you consulted before notifying the board",
        "The procedure asks you to consult your agency's LSCB Representative or Safeguarding "
        "Lead Officer, and for a single-agency review the LSCB Business Manager too.",
    )
    not_consulted_reason = long_text("If you have not consulted anyone, tell us why")
    consultation_date = date("Date of the consultation", help_text="For example, 27 3 2026")
    consultation_time = text(
        "Time of the consultation",
        help_text="Use the 24-hour clock, for example 14:30. An inter-agency CPIR request is "
        "due within 24 hours of the consultation.",
        max_length=5,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("consulted_with") == ConsultedWith.NONE:
            if not data.get("not_consulted_reason", "").strip():
                self.add_error("not_consulted_reason", "Enter why you have not consulted anyone")
            data["consulted_at"] = None
            return data
        if not data.get("consulted_with"):
            return data
        when = data.get("consultation_date")
        if when is None and "consultation_date" not in self.errors:
            self.add_error("consultation_date", "Enter the date of the consultation")
        raw_time = data.get("consultation_time", "").strip()
        match = _TIME.match(raw_time)
        if not raw_time:
            self.add_error("consultation_time", "Enter the time of the consultation")
        elif not match or int(match[1]) > 23 or int(match[2]) > 59:
            self.add_error("consultation_time", "Enter the time of the consultation like 14:30")
        if when is not None and match and "consultation_time" not in self.errors:
            at = timezone.make_aware(
                datetime.datetime.combine(when, datetime.time(int(match[1]), int(match[2])))
            )
            if at > timezone.now():
                self.add_error("consultation_date", "The consultation must be in the past")
            data["consulted_at"] = at
        return data


class IncidentForm(forms.Form):
    incident_date = date(
        "Date of the incident", "Enter the date of the incident", "For example, 27 3 2026"
    )
    incident_place = long_text(
        "Where was the child at the time?", "Enter where the child was at the time"
    )
    incident_with_whom = long_text(
        "Who was the child with at the time?", "Enter who the child was with at the time"
    )

    def __init__(self, *args: Any, birth_dates: list[datetime.date] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.birth_dates = birth_dates or []

    def clean_incident_date(self) -> datetime.date:
        value: datetime.date = self.cleaned_data["incident_date"]
        if value > today():
            raise ValidationError("The date of the incident must be today or in the past")
        if any(age_on(born, value) >= 18 for born in self.birth_dates):
            raise ValidationError(ADULT_MESSAGE)
        if any(born > value for born in self.birth_dates):
            raise ValidationError("The date of the incident must be after each child's birth")
        return value


class WhatHappenedForm(forms.Form):
    what_happened = long_text(
        "What happened?",
        "Enter what happened",
        "Describe the incident and what led to it, as far as you know it now.",
    )


class HarmForm(forms.Form):
    child_died = radios("Did the child die?", YES_NO, "Select yes if the child died")
    seriously_harmed = radios(
        "Was the child seriously harmed?",
        YES_NO_UNKNOWN,
        "Select whether the child was seriously harmed",
    )


DEATH_SETTINGS = [
    (DeathSetting.NONE.value, "None of these"),
    (DeathSetting.POLICE_CUSTODY.value, "In police custody"),
    (DeathSetting.CUSTODY.value, "In other custody"),
    (DeathSetting.REMAND_OR_SENTENCED.value, "On remand or following sentencing"),
    (DeathSetting.YOUNG_OFFENDER_INSTITUTION.value, "Detained in a Young Offender Institution"),
    (DeathSetting.SECURE_TRAINING_CENTRE.value, "Resident in a secure training centre"),
    (DeathSetting.SECURE_CHILDRENS_HOME.value, "Resident in a secure children's home"),
    (DeathSetting.MENTAL_HEALTH_ACT_DETENTION.value, "Detained under the Mental Health Act"),
    (
        DeathSetting.DEPRIVATION_OF_LIBERTY_ORDER.value,
        "Aged 16 or 17 and subject to a deprivation of liberty order",
    ),
    ("unknown", "Not known"),
]


class DeathForm(forms.Form):
    suspected_suicide = radios(
        "Is the death a suspected suicide?",
        YES_NO_UNKNOWN,
        "Select whether the death is a suspected suicide",
    )
    death_setting = radios(
        "Where did the child die?",
        DEATH_SETTINGS,
        "Select where the child died, or 'None of these'",
    )


class AbuseForm(forms.Form):
    abuse_or_neglect = radios(
        "Is abuse or neglect of the child known or suspected?",
        [
            ("known", "Known"),
            ("suspected", "Suspected"),
            ("not_suspected", "Not suspected"),
            ("unknown", "Not known yet"),
        ],
        "Select whether abuse or neglect is known or suspected",
    )


class WorkingTogetherForm(forms.Form):
    inter_agency_concern = radios(
        "Is there cause for concern about the way agencies worked together to safeguard the child?",
        YES_NO_UNCLEAR,
        "Select whether there is cause for concern about how agencies worked together",
    )
    standards_not_met = radios(
        "Were legal or policy requirements, or the LSCB's inter-agency standards, not met "
        "by people or organisations?",
        YES_NO_UNCLEAR,
        "Select whether requirements or standards were not met",
    )


LEARNING_CHOICES = [
    ("single_agency", "How individual organisations carry out their safeguarding duties"),
    ("working_together", "How organisations work together"),
    ("local_services", "Improvements needed in local services"),
    ("none", "None identified yet"),
]


class LearningForm(forms.Form):
    learning = forms.MultipleChoiceField(
        label="What could a review teach us about?",
        choices=LEARNING_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select what a review could teach us, or 'None identified yet'"
        },
    )
    good_practice = radios(
        "Is there good practice that could be shared?",
        YES_NO,
        "Select yes if there is good practice that could be shared",
    )
    similar_issues_previously_reviewed = radios(
        "Have similar issues been the subject of an earlier review?",
        YES_NO_UNKNOWN,
        "Select whether similar issues have been reviewed before",
    )

    def clean_learning(self) -> list[str]:
        value: list[str] = self.cleaned_data["learning"]
        if "none" in value and len(value) > 1:
            raise ValidationError(
                "Select what a review could teach us, or 'None identified yet', not both"
            )
        return value


class AgenciesForm(forms.Form):
    agencies = forms.ModelMultipleChoiceField(
        label="Which agencies are known to be involved with the child or family?",
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_agencies = long_text("Other agencies involved (optional)")

    def __init__(self, *args: Any, partners: QuerySet[Organisation], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = partners  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("agencies") and not data.get("other_agencies", "").strip():
            self.add_error("agencies", "Select the agencies involved, or enter another agency")
        return data


# Each process the form asks about, and the criteria fact it sets.
PARALLEL_PROCESSES = [
    ("criminal_proceedings", "A criminal investigation or criminal proceedings"),
    ("coroner_inquest", "A coroner's investigation or inquest"),
    ("domestic_homicide", "A Domestic Homicide Review (DHR)"),
    ("adult_at_risk", "A Safeguarding Adults Review (SAR)"),
    ("mappa_offender", "A MAPPA review"),
    ("none", "None known"),
]


class ParallelProcessesForm(forms.Form):
    processes = forms.MultipleChoiceField(
        label="Which other processes are known to be under way?",
        choices=PARALLEL_PROCESSES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the processes under way, or 'None known'"},
    )
    parallel_process_details = long_text(
        "Details of these processes (optional)",
        help_text="For example, the investigating officer or the coroner's office.",
    )

    def clean_processes(self) -> list[str]:
        value: list[str] = self.cleaned_data["processes"]
        if "none" in value and len(value) > 1:
            raise ValidationError("Select the processes under way, or 'None known', not both")
        return value
