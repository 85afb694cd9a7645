from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from casereviews.boards.models import Organisation, OrganisationType
from casereviews.frameworks.vocabulary import Vocabulary
from casereviews.frontend.dates import not_in_future
from casereviews.frontend.forms import DateField, Form
from casereviews.involvement.entries import EntryData, EntryProblem, parse_time
from casereviews.involvement.models import (
    Consent,
    DisclosureOutcome,
    Involvement,
    ProcedureChoice,
    ProcessKind,
    ProcessStatus,
    RecordsBody,
)
from casereviews.uploads import spreadsheets


def _not_in_past(value: datetime.date | None) -> None:
    if value is not None and value < timezone.localdate():
        raise forms.ValidationError("The meeting date must be today or in the future")


class AgencyAddForm(Form):
    name = forms.CharField(
        label="Name of the agency",
        help_text="For example, Crown Wood Medical Centre",
        max_length=200,
        error_messages={"required": "Enter the name of the agency"},
    )
    organisation_type = forms.ChoiceField(
        label="Type of agency",
        choices=OrganisationType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of agency"},
    )
    lead_name = forms.CharField(
        label="Full name of the agency's safeguarding lead",
        max_length=200,
        error_messages={"required": "Enter the safeguarding lead's full name"},
    )
    lead_email = forms.EmailField(
        label="Safeguarding lead's e-mail address",
        help_text=(
            "We will invite them to set up an account. The invitation says nothing about the case."
        ),
        error_messages={
            "required": "Enter the safeguarding lead's e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@example.org",
        },
    )


class MeetingForm(Form):
    meeting_date = DateField(
        label="When is the LISG meeting that will consider this case?",
        help_text="For example, 26 11 2026",
        validators=[_not_in_past],
        error_messages={"required": "Enter the date of the LISG meeting"},
    )


class GoAheadForm(Form):
    """Why the LISG (or a partnership's rapid review) should go ahead without every answer;
    the words are the case's framework's."""

    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)

    def __init__(self, *args: Any, words: Vocabulary, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reason = self.fields["reason"]
        reason.label = f"Why should {words.answers_for} go ahead without these agencies' answers?"
        reason.help_text = "Those who consider the case and decide on it will see this reason."
        reason.error_messages["required"] = f"Enter why {words.answers_for} should go ahead"


class ShareForm(Form):
    organisations = forms.MultipleChoiceField(
        label="Which agencies may see the agencies' chronology?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one agency"},
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisations"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(str(pk), name) for pk, name in choices]


class AnswerForm(Form):
    involvement = forms.ChoiceField(
        label="Has your agency had any involvement with the child or their family?",
        choices=[
            (Involvement.INVOLVED, "Yes, we have been involved"),
            (Involvement.NOT_INVOLVED, "No involvement"),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    records_searched = forms.CharField(
        label="Which records did you search, and when?",
        help_text="For example, searched case management system 12/03/2026",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    summary = forms.CharField(
        label="Summary of information held",
        help_text="Needed if you were involved: what your agency knows of the child and family.",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=20000,
    )


class EntryForm(Form):
    date = DateField(
        label="Date",
        help_text="For example, 12 3 2026",
        validators=[not_in_future],
        error_messages={"required": "Enter the date"},
    )
    time = forms.CharField(
        label="Time (optional)",
        help_text="For example, 14:30",
        required=False,
        max_length=5,
    )
    approximate = forms.BooleanField(label="The date is approximate", required=False)
    what_happened = forms.CharField(
        label="What happened",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Enter what happened"},
    )
    who_involved = forms.CharField(
        label="Who was involved (optional)",
        help_text="Their role, for example health visitor; a name only if it is needed.",
        required=False,
        max_length=200,
    )
    source = forms.CharField(
        label="Source record",
        help_text="For example, GP record, case note 14",
        max_length=200,
        error_messages={"required": "Enter the source record"},
    )

    def clean_time(self) -> datetime.time | None:
        try:
            return parse_time(self.cleaned_data["time"])
        except EntryProblem as problem:
            raise forms.ValidationError(str(problem)) from None

    def entry(self) -> EntryData:
        data = self.cleaned_data
        return EntryData(
            data["date"],
            data["time"],
            data["approximate"],
            data["what_happened"].strip(),
            data["who_involved"].strip(),
            data["source"].strip(),
        )


class UploadForm(Form):
    file = spreadsheets.SpreadsheetField(
        label="Upload your chronology",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
        error_messages={"required": "Select a CSV or Excel file"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The bounds are settings, so the hint is written when the page is.
        self.fields["file"].help_text = spreadsheets.bounds_hint()


class CorrectionForm(Form):
    reason = forms.CharField(
        label="What are you correcting?",
        help_text="The board will see this with your corrected answer.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Enter what you are correcting"},
    )


class ChronologyFilterForm(Form):
    agency = forms.TypedChoiceField(label="Agency", coerce=int, required=False, empty_value=None)
    start = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, agencies: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "All agencies"), *agencies]


class DisclosureDecisionForm(Form):
    records_body = forms.ChoiceField(
        label="Whose records?",
        choices=RecordsBody.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whose records the decision is about"},
    )
    records_description = forms.CharField(
        label="Which records (optional)",
        help_text="For example, the mother's GP records from 2024",
        required=False,
        max_length=200,
    )
    holding_agency = forms.ModelChoiceField(
        label="Which agency holds them?",
        queryset=Organisation.objects.none(),
        empty_label="Choose an agency",
        error_messages={"required": "Select the agency that holds the records"},
    )
    consent = forms.ChoiceField(
        label="Consent",
        choices=Consent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether consent was obtained"},
    )
    consent_note = forms.CharField(
        label="Why consent was refused or not sought",
        help_text="Needed unless consent was obtained.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    lawful_basis = forms.CharField(
        label="Lawful basis",
        help_text=(
            "For example, public interest: Working Together 2015, chapter 4, paragraphs 22 to 25"
        ),
        max_length=300,
        error_messages={"required": "Enter the lawful basis for the decision"},
    )
    decision = forms.ChoiceField(
        label="Decision",
        choices=DisclosureOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the decision"},
    )
    reasoning = forms.CharField(
        label="Reasoning",
        help_text=(
            "Needed for every decision, to disclose or not (Procedure A 4(iii)): include "
            "how the public interest was balanced against third parties' privacy."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        error_messages={
            "required": "Enter the reasoning for this decision, whether to disclose or not"
        },
    )

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["holding_agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies if agencies is not None else Organisation.objects.none()


class ProcessForm(Form):
    kind = forms.ChoiceField(
        label="Which process?",
        choices=ProcessKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the process"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=ProcessStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the status"},
    )
    lead_contact = forms.CharField(
        label="Lead contact (optional)",
        help_text=(
            "For example, DI Sam Jones, Senior Investigating Officer; or the coroner's officer"
        ),
        required=False,
        max_length=300,
    )
    cps_guidance_considered = forms.BooleanField(
        label="The CPS guidance on SCRs and criminal proceedings was considered", required=False
    )
    affects_family_contact = forms.BooleanField(
        label="It affects contact with the family", required=False
    )
    affects_publication = forms.BooleanField(label="It affects publication", required=False)


class LiaisonForm(Form):
    on = DateField(
        label="Date of the liaison",
        help_text="For example, 27 11 2026",
        validators=[not_in_future],
        error_messages={"required": "Enter the date of the liaison"},
    )
    with_whom = forms.CharField(
        label="With whom", max_length=300, error_messages={"required": "Enter who you liaised with"}
    )
    note = forms.CharField(
        label="What was agreed or learnt",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter what was agreed or learnt"},
    )


class AgreementForm(Form):
    procedure = forms.ChoiceField(
        label="Which procedure does the LISG agree is most appropriate?",
        choices=ProcedureChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the procedure"},
    )
    reasoning = forms.CharField(
        label="Why",
        help_text="A DHR does not analyse safeguarding clearly, so an SCR may be needed too.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "Enter why the LISG agreed this"},
    )


class RegulatorForm(Form):
    organisation = forms.ModelChoiceField(
        label="Which agency told its regulator?",
        queryset=Organisation.objects.none(),
        empty_label="Choose an agency",
        error_messages={"required": "Select the agency"},
    )
    regulator = forms.CharField(
        label="Which regulator?",
        help_text="For example, the Care Quality Commission",
        max_length=200,
        error_messages={"required": "Enter the regulator"},
    )
    notified_on = DateField(
        label="When was it told?",
        help_text="For example, 27 11 2026",
        validators=[not_in_future],
        error_messages={"required": "Enter when the regulator was told"},
    )

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies if agencies is not None else Organisation.objects.none()
