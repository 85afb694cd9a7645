"""The question pages of the CRNF A. Each page's form is made from the questions
`crnf.description` puts on it; the classes here add only the rules that join answers
(a date and a time into one moment, a date against the children's births)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from casereviews.boards.models import Organisation
from casereviews.frameworks.vocabulary import vocabulary
from casereviews.frontend.dates import date_refusal
from casereviews.frontend.forms import Form
from casereviews.notifications.ages import ADULT_MESSAGE, age_on
from casereviews.notifications.crnf.description import (
    CHILD_QUESTIONS,
    FAMILY_QUESTIONS,
    MAX_AGENCIES,
    PAGES,
    questions_on,
)
from casereviews.notifications.crnf.fields import fields_for
from casereviews.notifications.crnf.model import Kind, Question
from casereviews.notifications.models import ConsultedWith, ReviewSought

AWARE_IN_FUTURE = "The date the local authority became aware must be today or in the past"
AWARE_BEFORE_INCIDENT = (
    "The date the local authority became aware must be the same as or after the date of the "
    "incident"
)


def today() -> datetime.date:
    return timezone.localdate()


def awareness_refusal(aware_on: datetime.date, incident_date: datetime.date | None) -> str:
    """Why a day cannot be the day the local authority became aware of the incident ("" if
    it can): one rule for the notification form and the Business Manager's page."""
    return date_refusal(
        aware_on,
        in_future=AWARE_IN_FUTURE,
        not_before=incident_date,
        too_early=AWARE_BEFORE_INCIDENT,
    )


@dataclass
class FormContext:
    """What a page's rules need beyond its own answers."""

    partners: QuerySet[Organisation] | None = None
    birth_dates: list[datetime.date] = field(default_factory=list)
    incident_date: datetime.date | None = None
    # The framework the notification follows (`Notification.framework_in_force`); None for
    # the 2015 procedure, as for every case before frameworks were data.
    framework: str | None = None


class CrnfForm(Form):
    """A form asking some questions of the description."""

    questions: ClassVar[tuple[Question, ...]] = ()

    def __init__(self, *args: Any, context: FormContext | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.context = context or FormContext()
        for q in self.questions:
            if q.kind is Kind.AGENCIES:
                partners = self.context.partners
                field = cast("forms.ModelMultipleChoiceField[Organisation]", self.fields[q.name])
                field.queryset = partners if partners is not None else Organisation.objects.none()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for q in self.questions:
            value = data.get(q.name)
            if q.exclusive and value and q.exclusive in value and len(value) > 1:
                self.add_error(q.name, f"{q.required}, not both")
        return data


def _form(name: str, questions: tuple[Question, ...], checks: type[CrnfForm]) -> type[CrnfForm]:
    attrs: dict[str, Any] = {
        **fields_for(questions),
        "questions": questions,
        "__module__": __name__,
    }
    return type(name, (checks,), attrs)


class ReviewSoughtChecks(CrnfForm):
    """What the notifier asks us to consider: the choices, the hint and the refusal of
    another framework's choice are the framework's own (`Vocabulary.review_sought`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        words = vocabulary(self.context.framework)
        labels = dict(ReviewSought.choices)
        question = self.fields["review_sought"]
        assert isinstance(question, forms.ChoiceField)
        question.choices = [(value, labels[value]) for value in words.review_sought]
        question.help_text = words.review_sought_hint
        question.error_messages = {
            **question.error_messages,
            "invalid_choice": words.review_sought_refused,
        }


_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


class ConsultationChecks(CrnfForm):
    def clean(self) -> dict[str, Any]:
        data = super().clean()
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


class IncidentChecks(CrnfForm):
    """The incident, and under Working Together 2023 the day the local authority became
    aware of it, asked in the framework's words (`Vocabulary.local_authority_aware_hint`);
    a framework that counts nothing from it never asks it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        hint = vocabulary(self.context.framework).local_authority_aware_hint
        if hint:
            self.fields["local_authority_aware_on"].help_text = hint
        else:
            del self.fields["local_authority_aware_on"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        aware = data.get("local_authority_aware_on")
        refusal = aware and awareness_refusal(aware, data.get("incident_date"))
        if refusal:
            self.add_error("local_authority_aware_on", refusal)
        return data

    def clean_incident_date(self) -> datetime.date:
        value: datetime.date = self.cleaned_data["incident_date"]
        births = self.context.birth_dates
        if value > today():
            raise ValidationError("The date of the incident must be today or in the past")
        if any(age_on(born, value) >= 18 for born in births):
            raise ValidationError(ADULT_MESSAGE)
        if any(born > value for born in births):
            raise ValidationError("The date of the incident must be after each child's birth")
        return value


class AgenciesChecks(CrnfForm):
    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("agencies") and not data.get("other_agencies", "").strip():
            self.add_error("agencies", "Select the agencies involved, or enter another agency")
        elif len(data.get("agencies") or ()) > MAX_AGENCIES():
            self.add_error("agencies", MAX_AGENCIES.message)
        return data


_CHECKS: dict[str, type[CrnfForm]] = {
    "review-sought": ReviewSoughtChecks,
    "consultation": ConsultationChecks,
    "incident": IncidentChecks,
    "agencies": AgenciesChecks,
}

# The form of each question page, by its slug.
PAGE_FORMS: dict[str, type[CrnfForm]] = {
    page.slug: _form(
        "".join(part.title() for part in page.slug.split("-")) + "Form",
        questions_on(page.slug),
        _CHECKS.get(page.slug, CrnfForm),
    )
    for page in PAGES
    if questions_on(page.slug)
}
ReviewSoughtForm = PAGE_FORMS["review-sought"]


class ChildChecks(CrnfForm):
    def clean(self) -> dict[str, Any]:
        data = super().clean()
        born, age, died = (
            data.get("date_of_birth"),
            data.get("age_at_incident"),
            data.get("date_of_death"),
        )
        incident = self.context.incident_date
        bad = set(self.errors)
        if born is None and age is None and not bad & {"date_of_birth", "age_at_incident"}:
            self.add_error(
                "date_of_birth", "Enter the child's date of birth, or their age if not known"
            )
        if born is not None and born > today():
            self.add_error("date_of_birth", "The date of birth must be today or in the past")
        elif born is not None and incident and age_on(born, incident) >= 18:
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


class FamilyMemberChecks(CrnfForm):
    def clean_date_of_birth(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("date_of_birth")
        if value is not None and value > today():
            raise ValidationError("The date of birth must be today or in the past")
        return value


ChildForm = _form("ChildForm", CHILD_QUESTIONS, ChildChecks)
FamilyMemberForm = _form("FamilyMemberForm", FAMILY_QUESTIONS, FamilyMemberChecks)
