from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from casereviews.boards.models import Organisation
from casereviews.frontend.dates import not_in_future
from casereviews.frontend.forms import DateField
from casereviews.workflow.forms import VersionedForm


class AgreementForm(VersionedForm):
    agency = forms.ModelChoiceField(
        label="Which agency carries out the review?",
        queryset=Organisation.objects.none(),
        empty_label="Choose an agency",
        error_messages={"required": "Select the agency that carries out the review"},
    )
    agency_representative = forms.CharField(
        label="Who agreed for the agency?",
        help_text="The agency's LSCB Representative or Safeguarding Lead Officer "
        "(Procedure B 1(i))",
        max_length=200,
        error_messages={"required": "Enter who agreed for the agency"},
    )
    agreed_on = DateField(
        label="When did you agree it is a single-agency review?",
        help_text="For example, 27 11 2026",
        validators=[not_in_future],
        error_messages={"required": "Enter when it was agreed"},
    )

    def __init__(
        self,
        *args: Any,
        agencies: QuerySet[Organisation] | None = None,
        usual_agency: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies if agencies is not None else Organisation.objects.none()
        if usual_agency is not None:
            self.initial.setdefault("agency", usual_agency)


class OutcomeForm(VersionedForm):
    outcome = forms.CharField(
        label="What was the outcome of the agency's review?",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        error_messages={"required": "Enter the outcome of the review"},
    )
    learning = forms.CharField(
        label="What was learnt?",
        help_text="The learning for the agency and, where it applies, for partner agencies",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        error_messages={"required": "Enter what was learnt"},
    )
    outcome_on = DateField(
        label="Date of the outcome",
        help_text="For example, 27 11 2026",
        validators=[not_in_future],
        error_messages={"required": "Enter the date of the outcome"},
    )
