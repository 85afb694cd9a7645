"""The forms of the review's pages."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from casereviews.boards.models import Organisation
from casereviews.decisions.models import Methodology
from casereviews.frontend.dates import not_in_future
from casereviews.frontend.forms import DateField, Form
from casereviews.notifications import attachments, document_fields
from casereviews.reviews.models import (
    ActionStatus,
    ContributionOutcome,
    Contributor,
    DocumentKind,
    ProfessionalsWay,
    PublicationForm,
    ReviewerRole,
)
from casereviews.workflow.forms import VersionedForm

EXAMPLE_DATE = "For example, 27 3 2026"
NOT_EMPLOYED = "none"


class DocumentField(document_fields.DocumentField):
    """A document checked as a notification's are (PDF or .docx that runs no code, JPG, PNG:
    `notifications.attachments.check_upload`), with the review pages' words."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "A PDF, Word document (.docx), JPG or PNG, up to 10 MB")
        kwargs.setdefault(
            "error_messages",
            {
                "required": "Select the document to upload",
                "empty": attachments.EMPTY,
                "invalid": "Select the document to upload",
            },
        )
        super().__init__(**kwargs)


class _Checked(Form):
    file: forms.FileField

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload:
            self.cleaned_data["content_type"] = upload.content_type
        return upload


class ReviewerForm(Form):
    role = forms.ChoiceField(
        label="What is their role in the review?",
        choices=ReviewerRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select their role in the review"},
    )
    full_name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={"required": "Enter the reviewer's full name"},
    )
    employer = forms.ChoiceField(
        label="Who employs them?",
        help_text="Choose the partner agency that employs them, or that no partner agency does",
        error_messages={"required": "Select who employs them"},
    )
    independence_declaration = forms.CharField(
        label="Their declaration of independence",
        help_text="What they declared about their independence from the case and from the "
        "agencies reviewed: no part in the child's or family's care, no line management of "
        "anyone involved",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter their declaration of independence"},
    )
    declared_on = DateField(
        label="When did they declare it?",
        help_text=EXAMPLE_DATE,
        validators=[not_in_future],
        error_messages={"required": "Enter the date of their declaration"},
    )

    def __init__(
        self, *args: Any, agencies: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.agencies = {str(o.pk): o for o in (agencies if agencies is not None else [])}
        choices = [(NOT_EMPLOYED, "No partner agency (an independent reviewer)")]
        choices += [(pk, o.name) for pk, o in self.agencies.items()]
        cast(forms.ChoiceField, self.fields["employer"]).choices = choices

    def clean_employer(self) -> Organisation | None:
        value = self.cleaned_data["employer"]
        return None if value == NOT_EMPLOYED else self.agencies[value]


class TermsOfReferenceForm(_Checked):
    methodology = forms.ChoiceField(
        label="How is the review carried out?",
        choices=[(m.value, m.label) for m in Methodology if m != Methodology.NONE],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the methodology"},
    )
    lines_of_enquiry = forms.CharField(
        label="The key lines of enquiry",
        help_text="One a line",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        error_messages={"required": "Enter the key lines of enquiry"},
    )
    file = DocumentField(
        label="The terms of reference document",
        required=False,
    )


class DocumentForm(_Checked):
    kind = forms.ChoiceField(
        label="Which document is it?",
        choices=[(k.value, k.label) for k in DocumentKind if k != DocumentKind.TERMS_OF_REFERENCE],
        widget=forms.RadioSelect,
        error_messages={"required": "Select which document it is"},
    )
    file = DocumentField(label="Upload the document")


class MilestoneForm(Form):
    title = forms.CharField(
        label="What is the milestone?",
        help_text="For example, panel's first meeting",
        max_length=200,
        error_messages={"required": "Enter the milestone"},
    )
    target_date = DateField(
        label="Target date",
        help_text=EXAMPLE_DATE,
        error_messages={"required": "Enter the target date"},
    )


class MilestoneReachedForm(Form):
    reached_on = DateField(
        label="When was it reached?",
        help_text=EXAMPLE_DATE,
        validators=[not_in_future],
        error_messages={"required": "Enter when it was reached"},
    )


class ProfessionalsForm(Form):
    way = forms.ChoiceField(
        label="How did professionals take part?",
        choices=ProfessionalsWay.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how professionals took part"},
    )
    held_on = DateField(
        label="When?",
        help_text=EXAMPLE_DATE,
        validators=[not_in_future],
        error_messages={"required": "Enter when it took place"},
    )
    who_took_part = forms.CharField(
        label="Who took part?",
        help_text="Their roles and agencies, for example, 2 health visitors and a social "
        "worker. Do not name the child or family",
        max_length=500,
        error_messages={"required": "Enter who took part"},
    )


class FamilyForm(Form):
    who = forms.ChoiceField(
        label="Who was enabled to contribute?",
        choices=Contributor.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the family or the child"},
    )
    outcome = forms.ChoiceField(
        label="What happened?",
        choices=ContributionOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it was offered, accepted or declined"},
    )
    on = DateField(
        label="When?",
        help_text=EXAMPLE_DATE,
        validators=[not_in_future],
        error_messages={"required": "Enter when"},
    )
    how = forms.CharField(
        label="How (optional)",
        help_text="For example, a meeting at home with an advocate",
        required=False,
        max_length=500,
    )


class SignOffForm(Form):
    signed_off_on = DateField(
        label="When did the board sign the report off?",
        help_text=EXAMPLE_DATE,
        validators=[not_in_future],
        error_messages={"required": "Enter when the board signed the report off"},
    )


class CopySentForm(Form):
    ofsted_copy_sent_on = DateField(
        label="When was the copy sent to Ofsted?",
        help_text=EXAMPLE_DATE,
        validators=[not_in_future],
        error_messages={"required": "Enter when the copy was sent to Ofsted"},
    )
    panel_copy_sent_on = DateField(
        label="When was the copy sent to the National Panel?",
        help_text=EXAMPLE_DATE,
        validators=[not_in_future],
        error_messages={"required": "Enter when the copy was sent to the National Panel"},
    )


class PlannedDateForm(Form):
    planned_on = DateField(
        label="When is the report to be published?",
        error_messages={"required": "Enter the planned publication date"},
    )
    acknowledged = forms.BooleanField(
        label="I have considered the parallel processes that affect publication",
        required=False,
    )

    def __init__(self, *args: Any, processes: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not processes:
            del self.fields["acknowledged"]


class PublicationRecordForm(VersionedForm):
    form = forms.ChoiceField(
        label="How was the report published?",
        choices=PublicationForm.choices,
        widget=forms.RadioSelect,
        help_text="An SCR is published in full, unless the Independent Chair agreed otherwise",
        error_messages={"required": "Select how the report was published"},
    )
    web_address = forms.URLField(
        label="Web address of the published report",
        help_text="For example, https://lscb.example.gov.uk/scr-2026-1",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address, like https://www.example.gov.uk/report"},
    )
    published_on = DateField(
        label="When was it published?",
        help_text=EXAMPLE_DATE,
        required=False,
        validators=[not_in_future],
    )
    reason = forms.CharField(
        label="If not in full, why?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    chair_agreed_on = DateField(
        label="If not in full, when did the Independent Chair agree?",
        help_text=EXAMPLE_DATE,
        required=False,
        validators=[not_in_future],
    )


class LearningForm(VersionedForm):
    how = forms.CharField(
        label="How was the learning disseminated?",
        help_text="For example, a seven-minute briefing and a multi-agency learning event",
        max_length=500,
        error_messages={"required": "Enter how the learning was disseminated"},
    )
    to_whom = forms.CharField(
        label="To whom?",
        max_length=500,
        error_messages={"required": "Enter to whom the learning was disseminated"},
    )
    on = DateField(
        label="When?",
        help_text=EXAMPLE_DATE,
        validators=[not_in_future],
        error_messages={"required": "Enter when the learning was disseminated"},
    )


class ActionForm(Form):
    recommendation_number = forms.IntegerField(
        label="Number of the recommendation in the report",
        min_value=1,
        max_value=200,
        error_messages={
            "required": "Enter the number of the recommendation",
            "min_value": "The number must be 1 or more",
            "max_value": "The number must be 200 or fewer",
        },
    )
    recommendation_text = forms.CharField(
        label="The recommendation",
        help_text="Kept with its first action",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Enter the recommendation"},
    )
    description = forms.CharField(
        label="The action",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Enter the action"},
    )
    owner_agency = forms.ModelChoiceField(
        label="Which agency owns it?",
        queryset=Organisation.objects.none(),
        empty_label="Choose an agency",
        error_messages={"required": "Select the agency that owns the action"},
    )
    owner_name = forms.CharField(
        label="Who owns it in that agency?",
        help_text="Their name or role",
        max_length=200,
        error_messages={"required": "Enter who owns the action"},
    )
    due_on = DateField(
        label="When is it due?",
        help_text=EXAMPLE_DATE,
        error_messages={"required": "Enter when the action is due"},
    )

    def __init__(
        self, *args: Any, agencies: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner_agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies if agencies is not None else Organisation.objects.none()


class ActionUpdateForm(Form):
    status = forms.ChoiceField(
        label="Where does the action stand?",
        choices=[
            (s.value, s.label)
            for s in (
                ActionStatus.NOT_STARTED,
                ActionStatus.ON_TRACK,
                ActionStatus.AT_RISK,
                ActionStatus.COMPLETE,
            )
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select where the action stands"},
    )
    progress = forms.CharField(
        label="Progress",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter the progress made"},
    )
    file = DocumentField(
        label="Evidence (needed to mark the action complete)",
        required=False,
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload:
            self.cleaned_data["content_type"] = upload.content_type
        return upload


class SustainedForm(Form):
    sustained_on = DateField(
        label="When was the improvement checked?",
        help_text=EXAMPLE_DATE,
        validators=[not_in_future],
        error_messages={"required": "Enter when the improvement was checked"},
    )
    evidence = forms.CharField(
        label="What shows that the improvement is sustained?",
        help_text="For example, a re-audit of 20 cases six months on",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter what shows the improvement is sustained"},
    )


class ActionFilterForm(Form):
    status = forms.ChoiceField(
        label="Status", choices=[("", "Any status"), *ActionStatus.choices], required=False
    )
    agency = forms.ModelChoiceField(
        label="Owner agency",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Any agency",
    )

    def __init__(
        self, *args: Any, agencies: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies if agencies is not None else Organisation.objects.none()
